// ZenML's Schedule window on Airflow (issue 12 audit, G6): start_time, end_time and catchup
// become the DAG's start_date, end_date and catchup, and Airflow's timetable reads them itself.
// Every expected value below is what real Airflow 3.3.2 / 2.10.5 gave for the same DAG
// (test/differential/ref/airflow_ref.py); the differential suite checks hundreds more.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainCron } from '../../src/cron';
import { AirflowTimetable, type AirflowWindow } from '../../src/cron/airflow';
import { parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';
import { discoverPython } from '../../src/discovery';
import { describeLive } from '../../src/workspace/liveModel';
import { summarizeSchedule } from '../../src/workspace/summary';
import { liveRunsInWindow } from '../../src/workspace/timeline';
import type { LiveSchedule } from '../../src/adapters/types';

const s = (iso: string) => Date.parse(iso) / 1000;
const isoS = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const isoD = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const tt = (expr: string, tz: string) => new AirflowTimetable(parseCroniter(expr, 0), zoneRules(tz));
const w = (start: string | null, end: string | null, catchup = false): AirflowWindow => ({ start: start ? s(start) : null, end: end ? s(end) : null, catchup });

describe('Airflow window: start_date', () => {
  it('a future start_time: the first run is the first match at or after it', () => {
    const e = explainCron('0 3 * * *', { dialect: 'airflow', timeZone: 'UTC', from: new Date('2026-12-01T12:00:00Z'), count: 2, window: { start: new Date('2027-03-01T00:00:00Z') } });
    assert.deepEqual(e.nextRuns.map(isoD), ['2027-03-01T03:00:00Z', '2027-03-02T03:00:00Z']);
    // Airflow 2.10 waits for the first interval to end: the hover says so.
    assert.deepEqual(tt('0 3 * * *', 'UTC').runsV2(s('2026-12-01T12:00:00Z'), 2, w('2027-03-01T00:00:00Z', null))?.map(isoS), ['2027-03-02T03:00:00Z', '2027-03-03T03:00:00Z']);
    assert.ok(e.notes?.some((n) => n.startsWith('On Airflow 2.10 the same DAG would start its run of') && n.includes('(03:00 UTC) at') && n.includes('2 March')), JSON.stringify(e.notes));
  });

  it('a start_time inside the hour the clocks go back: the second 01:00 is before the start date\'s first run', () => {
    // Europe/London, 26 Oct 2025: 01:00 happens at 00:00Z and again at 01:00Z; the start date is 01:57 BST.
    const from = new Date('2025-10-26T00:56:04Z');
    const windowed = explainCron('0 1 * * *', { dialect: 'airflow', timeZone: 'Europe/London', from, count: 2, window: { start: new Date('2025-10-26T00:57:04Z') } });
    assert.deepEqual(windowed.nextRuns.map(isoD), ['2025-10-27T01:00:00Z', '2025-10-28T01:00:00Z']);
    const plain = explainCron('0 1 * * *', { dialect: 'airflow', timeZone: 'Europe/London', from, count: 2 });
    assert.deepEqual(plain.nextRuns.map(isoD), ['2025-10-26T01:00:00Z', '2025-10-27T01:00:00Z']);
  });
});

describe('Airflow window: end_date', () => {
  it('no run after end_date (a run on it counts); Airflow 2.10 starts one more', () => {
    const e = explainCron('0 0 * * *', { dialect: 'airflow', timeZone: 'UTC', from: new Date('2028-04-01T16:00:00Z'), count: 4, window: { end: new Date('2028-04-03T00:00:00Z') } });
    assert.deepEqual(e.nextRuns.map(isoD), ['2028-04-02T00:00:00Z', '2028-04-03T00:00:00Z']);
    assert.deepEqual(tt('0 0 * * *', 'UTC').runsV2(s('2028-04-01T16:00:00Z'), 4, w(null, '2028-04-03T00:00:00Z'))?.map(isoS), ['2028-04-02T00:00:00Z', '2028-04-03T00:00:00Z', '2028-04-04T00:00:00Z']);
    assert.ok(e.notes?.some((n) => n.startsWith('On Airflow 2.10 the same DAG would also start a run at') && n.includes('after its end date')), JSON.stringify(e.notes));
  });

  it('an end_time that has passed: no runs, and no "never runs" warning', () => {
    const e = explainCron('0 0 * * *', { dialect: 'airflow', timeZone: 'UTC', from: new Date('2028-04-01T16:00:00Z'), count: 3, window: { end: new Date('2028-03-01T00:00:00Z') } });
    assert.equal(e.valid, true);
    assert.deepEqual(e.nextRuns, []);
    assert.ok(!e.warnings.some((x) => x.code === 'never-runs'));
    // Other dialects: the same cut, the same silence.
    const k = explainCron('0 0 * * *', { dialect: 'kubeflow', timeZone: 'UTC', from: new Date('2028-04-01T16:00:00Z'), count: 3, window: { end: new Date('2028-03-01T00:00:00Z') } });
    assert.deepEqual(k.nextRuns, []);
    assert.ok(!k.warnings.some((x) => x.code === 'never-runs'));
  });
});

describe('Airflow window: catchup', () => {
  it('Airflow 3: catchup=True gives the same runs after now; Airflow 2.10 keeps the run moved by the clock change', () => {
    // Europe/Berlin, 26 Mar 2028: 02:30 does not exist; Airflow runs it at 03:30 CEST (01:30Z). Now is the change.
    const t = tt('30 2 * * *', 'Europe/Berlin');
    const now = s('2028-03-26T01:00:00Z');
    const expected3 = ['2028-03-26T01:30:00Z', '2028-03-27T00:30:00Z', '2028-03-28T00:30:00Z'];
    assert.deepEqual(t.runsV3(now, 3, w('2028-03-25T01:00:00Z', null, true)).map(isoS), expected3);
    assert.deepEqual(t.runsV3(now, 3, w('2028-03-25T01:00:00Z', null, false)).map(isoS), expected3);
    assert.deepEqual(t.runsV2(now, 3, w('2028-03-25T01:00:00Z', null, true))?.map(isoS), expected3);
    assert.deepEqual(t.runsV2(now, 3, w('2028-03-25T01:00:00Z', null, false))?.map(isoS), ['2028-03-27T00:30:00Z', '2028-03-28T00:30:00Z', '2028-03-29T00:30:00Z']);
    const note = (catchup: boolean) =>
      explainCron('30 2 * * *', { dialect: 'airflow', timeZone: 'Europe/Berlin', from: new Date(now * 1000), count: 3, window: { start: new Date('2028-03-25T01:00:00Z'), catchup } }).notes?.some((n) => n.includes('Airflow 2.10')) ?? false;
    assert.equal(note(true), false);
    assert.equal(note(false), true);
  });

  it('a start date weeks back: the catch-up chain is picked up without walking every run, and keeps the interval that ends after now', () => {
    // 20 days back, beyond the 8-day replay; the interval from 31 Jul ends on 28 Aug (Airflow 2.10's next run).
    const t = tt('0 0 28-31 * *', 'UTC');
    const now = s('2028-08-16T14:00:00Z');
    const window = w('2028-07-27T14:00:00Z', null, true);
    assert.deepEqual(t.runsV3(now, 3, window).map(isoS), ['2028-08-28T00:00:00Z', '2028-08-29T00:00:00Z', '2028-08-30T00:00:00Z']);
    assert.deepEqual(t.runsV2(now, 5, window)?.map(isoS), ['2028-08-28T00:00:00Z', '2028-08-29T00:00:00Z', '2028-08-30T00:00:00Z', '2028-08-31T00:00:00Z', '2028-09-28T00:00:00Z']);
    // Every minute, caught up from a year back: the same runs as without catchup (how fast: `npm run bench`).
    const minutely = tt('* * * * *', 'UTC');
    assert.deepEqual(minutely.runsV3(now, 2, w('2027-08-16T14:00:00Z', null, true)).map(isoS), ['2028-08-16T14:01:00Z', '2028-08-16T14:02:00Z']);
  });
});

describe('the window where the product reads it', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  const text =
    'from datetime import datetime, timezone\nfrom zenml.config import Schedule\n' +
    'a = Schedule(cron_expression="0 0 * * *", end_time=datetime(2026, 12, 3, 0, 0, tzinfo=timezone.utc), catchup=True)\n' +
    'b = Schedule(cron_expression="0 3 * * *", start_time=datetime(2027, 3, 1, tzinfo=timezone.utc), catchup=True)\n';

  it('summary (hover, view, list): end_time and start_time on Airflow, with the 2.10 note', () => {
    const [a, b] = discoverPython(text).schedules.map((x) => summarizeSchedule(x, { dialect: 'airflow', timeZone: 'UTC', now: NOW, count: 4 }));
    assert.deepEqual(a.nextRuns.map(isoD), ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z']);
    assert.match(a.description, /until 2026-12-03T00:00:00Z/);
    assert.ok(a.explanation?.notes?.some((n) => n.includes('would also start a run at')));
    assert.equal(b.nextRuns[0].toISOString(), '2027-03-01T03:00:00.000Z');
    assert.match(b.description, /from 2027-03-01T00:00:00Z/);
  });

  it('live Airflow rows: the DAG\'s start_date, end_date and catchup', () => {
    const live = {
      id: 'd',
      name: 'd',
      orchestrator: 'airflow',
      kind: 'cron',
      expression: '0 1 * * *',
      timeZone: 'Europe/London',
      state: 'active',
      startTime: new Date('2025-10-26T00:57:04Z'),
      endTime: new Date('2025-10-28T01:00:00Z'),
      catchup: false,
    } as unknown as LiveSchedule;
    assert.deepEqual(describeLive(live, new Date('2025-10-26T00:56:04Z'), 5).nextRuns.map(isoD), ['2025-10-27T01:00:00Z', '2025-10-28T01:00:00Z']);
    // The timeline's lane: the same runs.
    const lane = liveRunsInWindow(live, new Date('2025-10-26T00:56:04Z'), new Date('2025-11-01T00:00:00Z'));
    assert.deepEqual(lane.runs.map(isoD), ['2025-10-27T01:00:00Z', '2025-10-28T01:00:00Z']);
  });
});

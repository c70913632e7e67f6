// Airflow's timetable and ZenML's DAG window (src/cron/airflow.ts) against the real thing, for issue 16's
// mutation score: catch-up replay, start dates on and off a run, end dates on a run and a second either
// side, now exactly on a run, hourly ('everyHour') schedules across DST changes (Lord Howe's 30-minute
// ones, New York, London, Berlin), previous runs years back (PREV_WINDOWS) and Airflow 2.10's runsV2.
//
// Every expected value below is what real Airflow gave for the same DAG (test/differential/ref/airflow_ref.py:
// DAG(schedule=expr, start_date=start or now - 7 days, end_date=end, catchup), its scheduler loop replayed with
// the clock frozen at `now`, the run_after values after now): `v3` from Airflow 3.3.2 (CronTriggerTimetable),
// `v2` from Airflow 2.10.5 (CronDataIntervalTimetable; 'raises' where 2.10's scheduler asserts "next schedule
// shouldn't be earlier"). No Airflow runs at test time.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainCron } from '../../src/cron';
import { AirflowTimetable } from '../../src/cron/airflow';
import { parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';

interface Row {
  expr: string;
  tz: string;
  now: string;
  count: number;
  window?: { start?: string; end?: string; catchup?: boolean };
  v3: string[];
  v2: string[] | 'raises';
}

const ROWS: Row[] = [
  // everyHour (`0 * * * *`) at Lord Howe's 30-minute spring-forward; 2.10 gives one run, then an interval that does not move forward (the replay stops there, as our model does)
  { expr: '0 * * * *', tz: 'Australia/Lord_Howe', now: '2026-10-03T15:30:00Z', count: 5, v3: ['2026-10-03T16:00:00Z', '2026-10-03T17:00:00Z', '2026-10-03T18:00:00Z', '2026-10-03T19:00:00Z', '2026-10-03T20:00:00Z'], v2: ['2026-10-03T16:00:00Z'] },
  // a year field whose only run is ahead: no run before it, so Airflow's align_to_next raises and the DAG never runs
  { expr: '0 0 1 1 * 0 2020', tz: 'UTC', now: '2019-06-01T00:00:00Z', count: 3, v3: [], v2: [] },
  // `45 * * * *` at the same change: Airflow 2.10 asserts "next schedule shouldn't be earlier" (runsV2 gives null)
  { expr: '45 * * * *', tz: 'Australia/Lord_Howe', now: '2026-10-03T15:30:00Z', count: 5, v3: ['2026-10-03T16:15:00Z', '2026-10-03T16:45:00Z', '2026-10-03T17:45:00Z', '2026-10-03T18:45:00Z', '2026-10-03T19:45:00Z'], v2: 'raises' },
  // the previous 29 February is 7 years back (2096): PREV_WINDOWS' 40-year window
  { expr: '0 0 29 2 *', tz: 'UTC', now: '2103-01-01T00:00:00Z', count: 3, v3: ['2104-02-29T00:00:00Z', '2108-02-29T00:00:00Z', '2112-02-29T00:00:00Z'], v2: ['2108-02-29T00:00:00Z', '2112-02-29T00:00:00Z', '2116-02-29T00:00:00Z'] },
  // a year field whose only run is behind now: nothing to run (2.10: no interval before the last run)
  { expr: '0 0 1 1 * 0 2020', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: [], v2: [] },
  // everyHour after Lord Howe's 30-minute fall-back: each run is an hour after the one before
  { expr: '0 * * * *', tz: 'Australia/Lord_Howe', now: '2026-04-04T16:30:00Z', count: 5, v3: ['2026-04-04T17:30:00Z', '2026-04-04T18:30:00Z', '2026-04-04T19:30:00Z', '2026-04-04T20:30:00Z', '2026-04-04T21:30:00Z'], v2: ['2026-04-04T17:30:00Z', '2026-04-04T18:30:00Z', '2026-04-04T19:30:00Z', '2026-04-04T20:30:00Z', '2026-04-04T21:30:00Z'] },
  // catchup=True with a start_date ahead, on a run: Airflow 3 runs it, 2.10 runs it when its interval ends
  { expr: '0 0 * * *', tz: 'UTC', now: '2026-03-01T12:00:00Z', count: 3, window: { start: '2026-06-01T00:00:00Z', catchup: true }, v3: ['2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z', '2026-06-03T00:00:00Z'], v2: ['2026-06-02T00:00:00Z', '2026-06-03T00:00:00Z', '2026-06-04T00:00:00Z'] },
  // catchup=True, a year field: the start date's first run is 2030 (no replay)
  { expr: '0 0 1 1 * 0 2020,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2027-05-01T00:00:00Z', catchup: true }, v3: ['2030-01-01T00:00:00Z'], v2: [] },
  // catchup=True 12 days back (beyond the 8-day replay) across the London fall-back, now on the change
  { expr: '30 1 * * *', tz: 'Europe/London', now: '2026-10-25T01:00:00Z', count: 5, window: { start: '2026-10-13T01:00:00Z', catchup: true }, v3: ['2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z', '2026-10-27T01:30:00Z', '2026-10-28T01:30:00Z', '2026-10-29T01:30:00Z'], v2: ['2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z', '2026-10-27T01:30:00Z', '2026-10-28T01:30:00Z', '2026-10-29T01:30:00Z'] },
  // now exactly on a run: that run is not after now (2.10: _skip_to_latest's next start == now)
  { expr: '0 0 * * *', tz: 'UTC', now: '2026-05-01T00:00:00Z', count: 4, v3: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z', '2026-05-04T00:00:00Z', '2026-05-05T00:00:00Z'], v2: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z', '2026-05-04T00:00:00Z', '2026-05-05T00:00:00Z'] },
  // everyHour, now exactly on a run
  { expr: '0 * * * *', tz: 'Europe/Berlin', now: '2026-05-01T00:00:00Z', count: 4, v3: ['2026-05-01T01:00:00Z', '2026-05-01T02:00:00Z', '2026-05-01T03:00:00Z', '2026-05-01T04:00:00Z'], v2: ['2026-05-01T01:00:00Z', '2026-05-01T02:00:00Z', '2026-05-01T03:00:00Z', '2026-05-01T04:00:00Z'] },
  // end_date exactly on a run: it still runs on Airflow 3; 2.10 starts one more (its interval starts on end_date)
  { expr: '0 0 * * *', tz: 'UTC', now: '2026-05-01T12:00:00Z', count: 4, window: { end: '2026-05-03T00:00:00Z' }, v3: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z'], v2: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z', '2026-05-04T00:00:00Z'] },
  // end_date a second before a run
  { expr: '0 0 * * *', tz: 'UTC', now: '2026-05-01T12:00:00Z', count: 4, window: { end: '2026-05-02T23:59:59Z' }, v3: ['2026-05-02T00:00:00Z'], v2: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z'] },
  // catchup=True, end_date a second after a run
  { expr: '0 0 * * *', tz: 'UTC', now: '2026-05-01T12:00:00Z', count: 4, window: { start: '2026-04-20T00:00:00Z', end: '2026-05-03T00:00:01Z', catchup: true }, v3: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z'], v2: ['2026-05-02T00:00:00Z', '2026-05-03T00:00:00Z', '2026-05-04T00:00:00Z'] },
  // end_date == now, on a run, every 20 minutes: nothing on Airflow 3, one more interval on 2.10
  { expr: '*/20 * * * *', tz: 'Europe/Berlin', now: '2026-05-01T12:00:00Z', count: 4, window: { end: '2026-05-01T12:00:00Z' }, v3: [], v2: ['2026-05-01T12:20:00Z'] },
  // catchup=True 20 days back across the Berlin spring-forward (the 8-day replay)
  { expr: '0 0 * * *', tz: 'Europe/Berlin', now: '2026-03-29T01:30:00Z', count: 4, window: { start: '2026-03-09T01:30:00Z', catchup: true }, v3: ['2026-03-29T22:00:00Z', '2026-03-30T22:00:00Z', '2026-03-31T22:00:00Z', '2026-04-01T22:00:00Z'], v2: ['2026-03-29T22:00:00Z', '2026-03-30T22:00:00Z', '2026-03-31T22:00:00Z', '2026-04-01T22:00:00Z'] },
  // the catchup=False twin
  { expr: '0 0 * * *', tz: 'Europe/Berlin', now: '2026-03-29T01:30:00Z', count: 4, window: { start: '2026-03-09T01:30:00Z', catchup: false }, v3: ['2026-03-29T22:00:00Z', '2026-03-30T22:00:00Z', '2026-03-31T22:00:00Z', '2026-04-01T22:00:00Z'], v2: ['2026-03-29T22:00:00Z', '2026-03-30T22:00:00Z', '2026-03-31T22:00:00Z', '2026-04-01T22:00:00Z'] },
  // catchup=True 3 days back, a schedule in the skipped hour, now in the gap
  { expr: '30 2 * * *', tz: 'Europe/Berlin', now: '2026-03-29T01:30:00Z', count: 4, window: { start: '2026-03-26T01:30:00Z', catchup: true }, v3: ['2026-03-30T00:30:00Z', '2026-03-31T00:30:00Z', '2026-04-01T00:30:00Z', '2026-04-02T00:30:00Z'], v2: ['2026-03-30T00:30:00Z', '2026-03-31T00:30:00Z', '2026-04-01T00:30:00Z', '2026-04-02T00:30:00Z'] },
  // catchup=True 10 days back, hourly, now at the New York fall-back
  { expr: '0 * * * *', tz: 'America/New_York', now: '2026-11-01T06:30:00Z', count: 4, window: { start: '2026-10-22T06:30:00Z', catchup: true }, v3: ['2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z'], v2: ['2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z'] },
  // catchup=False with a start_date ahead on a run (a monthly schedule)
  { expr: '0 0 1 * *', tz: 'UTC', now: '2026-03-01T12:00:00Z', count: 4, window: { start: '2026-06-01T00:00:00Z', catchup: false }, v3: ['2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z'], v2: ['2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z'] },
  // catchup=True, hourly, start_date ahead at the London fall-back (01:00 UTC, the second 01:00 BST->GMT)
  { expr: '0 * * * *', tz: 'Europe/London', now: '2026-03-01T12:00:00Z', count: 4, window: { start: '2026-10-25T01:00:00Z', catchup: true }, v3: ['2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T04:00:00Z'], v2: ['2026-10-25T02:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T04:00:00Z', '2026-10-25T05:00:00Z'] },
  // `30 * * * *` at Lord Howe's 30-minute fall-back, now on the change: 2.10 raises
  { expr: '30 * * * *', tz: 'Australia/Lord_Howe', now: '2026-04-04T15:00:00Z', count: 5, v3: ['2026-04-04T15:30:00Z', '2026-04-04T16:00:00Z', '2026-04-04T17:00:00Z', '2026-04-04T18:00:00Z', '2026-04-04T19:00:00Z'], v2: 'raises' },
  // `30 1 * * *` on the London fall-back day, now in the repeated hour
  { expr: '30 1 * * *', tz: 'Europe/London', now: '2026-10-25T01:00:00Z', count: 4, v3: ['2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z', '2026-10-27T01:30:00Z', '2026-10-28T01:30:00Z'], v2: ['2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z', '2026-10-27T01:30:00Z', '2026-10-28T01:30:00Z'] },
  // everyHour at the New York fall-back, now on the change
  { expr: '0 * * * *', tz: 'America/New_York', now: '2026-11-01T06:00:00Z', count: 5, v3: ['2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z'], v2: ['2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z'] },
  // catchup=True 20 days back, weekly
  { expr: '0 6 * * 1', tz: 'UTC', now: '2026-03-20T12:00:00Z', count: 3, window: { start: '2026-02-28T12:00:00Z', catchup: true }, v3: ['2026-03-23T06:00:00Z', '2026-03-30T06:00:00Z', '2026-04-06T06:00:00Z'], v2: ['2026-03-23T06:00:00Z', '2026-03-30T06:00:00Z', '2026-04-06T06:00:00Z'] },
  // catchup=True 2 days back, weekly: the start date's first run is ahead
  { expr: '0 6 * * 1', tz: 'UTC', now: '2026-03-20T12:00:00Z', count: 3, window: { start: '2026-03-18T12:00:00Z', catchup: true }, v3: ['2026-03-23T06:00:00Z', '2026-03-30T06:00:00Z', '2026-04-06T06:00:00Z'], v2: ['2026-03-30T06:00:00Z', '2026-04-06T06:00:00Z', '2026-04-13T06:00:00Z'] },
  // a year field: the previous run is 7 years back (PREV_WINDOWS' 40-year window; the 60-year one finds nothing for croniter 50-year limit)
  { expr: '0 0 1 1 * 0 2020,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: ['2030-01-01T00:00:00Z'], v2: [] },
  // a year field: the previous run is 3 years back (the 5-year window)
  { expr: '0 0 1 1 * 0 2024,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: ['2030-01-01T00:00:00Z'], v2: [] },
  // a year field: the previous run is 47 years back (the 60-year window)
  { expr: '0 0 1 1 * 0 1980,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: ['2030-01-01T00:00:00Z'], v2: [] },
  // catchup=True, a year field with a single year ahead: align_to_next raises (no run before 2030)
  { expr: '0 0 1 1 * 0 2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2020-06-01T00:00:00Z', catchup: true }, v3: [], v2: [] },
  // catchup=True, the default start (7 days back), a single-year field ahead
  { expr: '0 0 1 1 * 0 2020', tz: 'UTC', now: '2019-06-01T00:00:00Z', count: 3, window: { catchup: true }, v3: [], v2: [] },
  // a single-year field ahead, catchup=False: no run before now, Airflow raises
  { expr: '0 0 1 1 * 0 2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: [], v2: [] },
  // catchup=False, no run before now (2028 is ahead, the start date after it): align_to_prev(now) raises, nothing runs
  { expr: '0 0 1 1 * 0 2028,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2029-01-01T00:00:00Z', catchup: false }, v3: [], v2: [] },
  // its catchup=True twin: Airflow 3 runs the start date's first run; 2.10's interval from 2030 never ends
  { expr: '0 0 1 1 * 0 2028,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2029-01-01T00:00:00Z', catchup: true }, v3: ['2030-01-01T00:00:00Z'], v2: [] },
  // a start date after the last run ever: align_to_next(start_date) finds nothing (catchup=False)
  { expr: '0 0 1 1 * 0 2020,2028', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2029-01-01T00:00:00Z', catchup: false }, v3: [], v2: [] },
  // the same, catchup=True
  { expr: '0 0 1 1 * 0 2020,2028', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2029-01-01T00:00:00Z', catchup: true }, v3: [], v2: [] },
  // the run before now is the first ever (2020): 2.10's _skip_to_latest raises in get_prev; Airflow 3 runs on
  { expr: '0 0 1 1 * 0 2020,2030,2031', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: ['2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z'], v2: [] },
  // a start date before every run, catchup=False: 2.10 still calls align_to_next(start_date), which raises (get_prev of 2020)
  { expr: '0 0 1 1 * 0 2020,2021,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2019-06-01T00:00:00Z', catchup: false }, v3: [], v2: [] },
  // the same, catchup=True
  { expr: '0 0 1 1 * 0 2020,2021,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2019-06-01T00:00:00Z', catchup: true }, v3: [], v2: [] },
  // catchup=True, a year field with runs ahead: 2.10's first interval [2028, 2029) is aligned from its own start, not from a previous end
  { expr: '0 0 1 1 * 0 2020,2028,2029,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2027-01-02T00:00:00Z', catchup: true }, v3: ['2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z', '2030-01-01T00:00:00Z'], v2: ['2029-01-01T00:00:00Z', '2030-01-01T00:00:00Z'] },
  // the catchup=False twin: the run before now (2020) is the first ever, so 2.10's _skip_to_latest raises; Airflow 3 runs on
  { expr: '0 0 1 1 * 0 2020,2028,2029,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: ['2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z', '2030-01-01T00:00:00Z'], v2: [] },
];

const s = (iso: string) => Date.parse(iso) / 1000;
const isoS = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const isoD = (d: Date) => d.toISOString().replace('.000Z', 'Z');
const name = (r: Row) => `${r.expr} in ${r.tz} at ${r.now}${r.window ? ` ${JSON.stringify(r.window)}` : ''}`;

describe('Airflow 3.3.2: the runs after now (explainCron, dialect airflow)', () => {
  for (const r of ROWS) {
    it(name(r), () => {
      const window = r.window && { start: r.window.start ? new Date(r.window.start) : null, end: r.window.end ? new Date(r.window.end) : null, catchup: r.window.catchup === true };
      const e = explainCron(r.expr, { dialect: 'airflow', timeZone: r.tz, from: new Date(r.now), count: r.count, window, notes: false });
      assert.equal(e.valid, true);
      assert.deepEqual(e.nextRuns.map(isoD), r.v3);
    });
  }
});

describe('Airflow 2.10.5: the runs after now (AirflowTimetable.runsV2)', () => {
  for (const r of ROWS) {
    it(name(r), () => {
      const t = new AirflowTimetable(parseCroniter(r.expr, 0), zoneRules(r.tz));
      const window = { start: r.window?.start ? s(r.window.start) : null, end: r.window?.end ? s(r.window.end) : null, catchup: r.window?.catchup === true };
      const runs = t.runsV2(s(r.now), r.count, window);
      assert.deepEqual(runs === null ? 'raises' : runs.map(isoS), r.v2);
    });
  }
});

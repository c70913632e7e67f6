// Airflow's timetable (src/cron/airflow.ts) at the edges cron-airflow-truth leaves open (issue 16):
// croniter's 50-year limit in get_prev and get_next (year fields), an hour field that holds `*` and
// more, years with no run in zones with clock changes, and a long catch-up in Airflow 2.10.
//
// Expected values:
//   - getPrev / getNext / alignToPrev in UTC: croniter 7.0.0 (what Airflow 3.3 and 2.10 install) on the
//     naive time, which is what CronMixin._get_prev / _get_next do in UTC: croniter(expr, naive).get_prev()
//     / get_next(); `null` where croniter raises CroniterBadDateError (Airflow's _align_to_prev calls
//     _get_next(prev) and raises with it).
//   - runsV3 / runsV2: real Airflow 3.3.2 / 2.10.5 through test/differential/ref/airflow_ref.py (the DAG
//     ZenML writes, the scheduler loop replayed with the clock frozen at `now`), copied here as literals.
//     [] where Airflow raises from croniter (the DAG never runs), as in cron-airflow-truth.
// Nothing is spawned at test time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { AirflowTimetable } from '../../src/cron/airflow';
import { parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';

const s = (iso: string) => Date.parse(iso) / 1000;
const isoS = (t: number | null) => (t === null ? null : new Date(t * 1000).toISOString().replace('.000Z', 'Z'));
const tt = (expr: string, tz = 'UTC') => new AirflowTimetable(parseCroniter(expr, 0), zoneRules(tz));

describe('croniter 7.0.0 get_prev / get_next on naive UTC times (Airflow\'s _get_prev / _get_next)', () => {
  // [expression, at, get_prev, get_next, _align_to_prev]
  const cases: Array<[string, string, string | null, string | null, string | null]> = [
    // get_prev gives up 50 calendar years before the year of (start - 1 µs): from 1 Jan 2027 00:00 that year is 2026.
    ['0 0 1 1 * 0 1976,2030', '2027-01-01T00:00:00Z', '1976-01-01T00:00:00Z', '2030-01-01T00:00:00Z', null],
    ['0 0 1 1 * 0 1976,2030', '2027-01-01T00:00:01Z', null, '2030-01-01T00:00:00Z', null],
    ['0 0 1 1 * 0 1977,2030', '2027-06-01T00:00:00Z', '1977-01-01T00:00:00Z', '2030-01-01T00:00:00Z', null],
    ['0 0 1 1 * 0 1976,2030', '2027-06-01T00:00:00Z', null, '2030-01-01T00:00:00Z', null],
    // get_next from 2020 cannot reach 2078 (58 years): _align_to_prev(now) raises.
    ['0 0 1 1 * 0 2020,2078', '2027-06-01T00:00:00Z', '2020-01-01T00:00:00Z', null, null],
    ['0 0 1 1 * 0 2020,2078', '2020-01-01T00:00:00Z', null, null, null],
  ];
  for (const [expr, at, prev, next, alignedPrev] of cases) {
    it(`${expr} at ${at}`, () => {
      const t = tt(expr);
      assert.deepEqual([t.getPrev(s(at)), t.getNext(s(at)), t.alignToPrev(s(at))].map(isoS), [prev, next, alignedPrev]);
    });
  }
});

interface Row {
  why: string;
  expr: string;
  tz: string;
  now: string;
  count: number;
  window?: { start?: string; catchup?: boolean };
  v3: string[];
  v2: string[];
}

const ROWS: Row[] = [
  {
    why: 'the run before now is 51 years back: get_prev raises, the DAG never runs (it ran 2030 before)',
    expr: '0 0 1 1 * 0 1976,2030', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, v3: [], v2: [],
  },
  {
    why: 'a future start date: its run (2080) is fine, but _align_to_prev(now) asks get_next(2020), 58 years short of 2078',
    expr: '0 0 1 1 * 0 2020,2078,2080', tz: 'UTC', now: '2027-06-01T00:00:00Z', count: 3, window: { start: '2079-06-01T00:00:00Z' }, v3: [], v2: [],
  },
  {
    why: 'catch-up from a start date whose run (1 Jan 2030) has its previous run 50 years back (1979, from 2029): it runs',
    expr: '0 0 1 1,6 * 0 1979,2030', tz: 'UTC', now: '2029-06-01T00:00:00Z', count: 3, window: { start: '2029-05-25T00:00:00Z', catchup: true },
    v3: ['2030-01-01T00:00:00Z', '2030-06-01T00:00:00Z'], v2: ['2030-06-01T00:00:00Z'],
  },
  {
    why: 'the same without catch-up: get_next(1 Jun 1979) cannot reach 2030, both versions raise (2.10 in _skip_to_latest)',
    expr: '0 0 1 1,6 * 0 1979,2030', tz: 'UTC', now: '2029-06-01T00:00:00Z', count: 3, v3: [], v2: [],
  },
  {
    // croniter keeps `*,5` as ['*', 5]: Airflow's _covers_every_hour is false, so runs are localised (fold 1)
    // instead of stepping an hour from the aware start; `0 * * * *` here gives 00:00Z, 01:00Z, … instead.
    why: 'an hour field `*,5` across the Berlin fall-back: not "every hour" for Airflow',
    expr: '0 *,5 * * *', tz: 'Europe/Berlin', now: '2026-10-24T23:30:00Z', count: 5,
    v3: ['2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T04:00:00Z', '2026-10-25T05:00:00Z'],
    v2: ['2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z', '2026-10-25T03:00:00Z', '2026-10-25T04:00:00Z', '2026-10-25T05:00:00Z'],
  },
  {
    why: 'a single year behind now, in a zone with clock changes: nothing after the last run',
    expr: '0 0 1 1 * 0 2020', tz: 'Europe/Berlin', now: '2027-06-01T00:00:00Z', count: 3, v3: [], v2: [],
  },
  {
    why: 'a single year ahead, in a zone with clock changes: no run before it, the DAG never runs',
    expr: '0 0 1 1 * 0 2030', tz: 'Europe/Berlin', now: '2027-06-01T00:00:00Z', count: 3, v3: [], v2: [],
  },
  {
    why: 'the first run ever is ahead, in a zone with clock changes: _align_to_next(start_date) finds no run before it',
    expr: '0 0 1 1 * 0 2010,2011', tz: 'Europe/Berlin', now: '2005-06-01T00:00:00Z', count: 3, v3: [], v2: [],
  },
  {
    why: 'now on the first run ever, a future start date: _align_to_prev(now) finds no run before now',
    expr: '0 0 1 1 * 0 2010,2011,2030', tz: 'UTC', now: '2010-01-01T00:00:00Z', count: 3, window: { start: '2010-06-01T00:00:00Z' }, v3: [], v2: [],
  },
  {
    why: 'the only run behind now is 65 years back: get_prev finds nothing (2.10\'s _skip_to_latest raises from croniter)',
    expr: '0 0 2 1 * 0 1970,2040', tz: 'UTC', now: '2035-06-01T00:00:00Z', count: 3, v3: [], v2: [],
  },
];

describe('Airflow 3.3.2 and 2.10.5: the runs after now (runsV3 / runsV2)', () => {
  for (const r of ROWS) {
    it(`${r.why}: ${r.expr} in ${r.tz} at ${r.now}`, () => {
      const t = tt(r.expr, r.tz);
      const window = { start: r.window?.start ? s(r.window.start) : null, end: null, catchup: r.window?.catchup === true };
      const v2 = t.runsV2(s(r.now), r.count, window);
      assert.deepEqual({ v3: t.runsV3(s(r.now), r.count, window).map(isoS), v2: v2 === null ? 'raises' : v2.map(isoS) }, { v3: r.v3, v2: r.v2 });
    });
  }
});

describe('Airflow 2.10 catch-up over more runs than the replay guard allows', () => {
  it('hourly, caught up from 2010: the runs after now are the next hours', () => {
    // catchup=True makes the scheduler create every hourly run since 1 Jan 2010 (over 163,000, more than
    // MAX_STEPS), one after the other; each run's interval ends an hour after it starts, so the runs after
    // now are the next full hours, as without catch-up (real Airflow's replay is capped at 100,000 runs
    // in airflow_ref.py too, so this one is reasoned, like airflow-window's "every minute from a year back").
    const now = s('2028-08-16T14:00:00Z');
    assert.deepEqual(tt('0 * * * *').runsV2(now, 2, { start: s('2010-01-01T00:00:00Z'), catchup: true })?.map(isoS), ['2028-08-16T15:00:00Z', '2028-08-16T16:00:00Z']);
  });
});

// croniterRuns (src/cron/croniter.ts) on aware start times around clock changes, and one
// day-of-month-OR-day-of-week case, pinned against REAL croniter for issue 16's mutation score.
// Every expected value was produced by test/differential/ref/croniter_ref.py (aware start datetime in
// the zone, get_next() repeatedly) and copied here as a literal; nothing is spawned at test time:
//   - zones with clock changes: croniter 6.0.0 (.tools/croniter-venv): croniterRuns keeps croniter 6.0's
//     aware-time DST adjustment on purpose (see the header of cron-croniter-truth.test.ts);
//   - UTC: croniter 7.0.0 (what Airflow 2.10 / 3.3 install).
// Aimed at what cron-croniter-truth leaves open: a start in the SECOND pass of a repeated hour (the
// fold of the start is kept while no field moves the time), and the DST adjustment's thresholds
// (croniter 6.0 _get_next: it moves a run by the change when the run's wall-clock distance from the
// last adjusted start reaches the hours left before midnight of that start's day).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { croniterRuns, parseCroniter } from '../../src/cron/croniter';
import { zoneRules } from '../../src/cron/zone';

const runsOf = (expression: string, timeZone: string, from: string, count: number): string[] =>
  croniterRuns(parseCroniter(expression, 0), zoneRules(timeZone), Date.parse(from) / 1000, count).map((s) =>
    new Date(s * 1000).toISOString().replace('.000Z', 'Z'),
  );

type RunCase = [why: string, expression: string, timeZone: string, from: string, runs: string[]];

describe('croniter 6.0.0 on aware times: repeated hour and DST-adjustment thresholds', () => {
  const cases: RunCase[] = [
    // Berlin, 25 Oct 2026: 02:00-03:00 happens twice; 01:30Z is 02:30 CET, the second pass. With a seconds
    // field nothing moves the time, so the result keeps the start's fold and stays in the second pass.
    ['every second from the second pass of the repeated hour', '* * * * * *', 'Europe/Berlin', '2026-10-25T01:30:00Z', ['2026-10-25T01:30:01Z', '2026-10-25T01:30:02Z', '2026-10-25T01:30:03Z']],
    // The same start with seconds set: croniter 6.0 falls back to the first pass (fold 0 after the move).
    ['a seconds value from the second pass', '* * * * * 30', 'Europe/Berlin', '2026-10-25T01:30:00Z', ['2026-10-25T00:30:30Z', '2026-10-25T00:31:30Z', '2026-10-25T00:32:30Z']],
    ['every second from New York\'s second 01:30', '* * * * * *', 'America/New_York', '2026-11-01T06:30:00Z', ['2026-11-01T06:30:01Z', '2026-11-01T06:30:02Z', '2026-11-01T06:30:03Z']],
    // Spring forward (Berlin 29 Mar 2026, 02:00 CET -> 03:00 CEST), start 00:30 CET on the day: 24 hours before
    // midnight. 04:00 CEST is 3.5 wall hours on: not adjusted.
    ['spring forward, a run 3.5 wall hours after a start just past midnight', '0 4 * * *', 'Europe/Berlin', '2026-03-28T23:30:00Z', ['2026-03-29T02:00:00Z', '2026-03-30T01:00:00Z', '2026-03-30T02:00:00Z']],
    // 00:30 the next day is exactly 24 wall hours on: adjusted (the threshold counts).
    ['spring forward, a run exactly 24 wall hours on', '30 0 * * *', 'Europe/Berlin', '2026-03-28T23:30:00Z', ['2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z', '2026-03-30T22:30:00Z']],
    // Midnight the next day is 23.5 wall hours on: below the threshold, not adjusted (the rule for clocks going
    // back adds the change's size; going forward it does not).
    ['spring forward, a run 23.5 wall hours on', '0 0 * * *', 'Europe/Berlin', '2026-03-28T23:30:00Z', ['2026-03-29T22:00:00Z', '2026-03-30T21:00:00Z', '2026-03-30T22:00:00Z']],
    // Fall back (Berlin 25 Oct 2026), start 00:30 CEST: 23:30 CET is 23 wall hours on, which with the hour of the
    // change makes exactly 24: adjusted.
    ['fall back, 23 wall hours plus the change\'s hour', '30 23 * * *', 'Europe/Berlin', '2026-10-24T22:30:00Z', ['2026-10-25T23:30:00Z', '2026-10-26T22:30:00Z', '2026-10-27T22:30:00Z']],
  ];
  for (const [why, expression, timeZone, from, expected] of cases) {
    it(`${why}: ${JSON.stringify(expression)} in ${timeZone} from ${from}`, () => assert.deepEqual(runsOf(expression, timeZone, from, expected.length), expected));
  }
});

describe('croniter 7.0.0 (UTC): day of month OR day of week when one side finds nothing', () => {
  it('the day-of-week side has no Monday left in the only year: the day-of-month side wins', () => {
    // From Wed 29 Dec 2027, `0 0 31 12 1 0 2027`: 31 Dec 2027 is a Friday; no Monday remains in 2027.
    // croniter 7.0.0 gives the 31st (6.0.0 gave nothing here).
    assert.deepEqual(runsOf('0 0 31 12 1 0 2027', 'UTC', '2027-12-29T00:00:00Z', 2), ['2027-12-31T00:00:00Z']);
  });
});

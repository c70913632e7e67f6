// The DST report (src/cron/dst.ts) pinned whole: every transition's {at, kind, effect, run, actual,
// affected, guaranteed} and the exact sentence the hover and `explain --dst` print. Fast companion
// of orchestrator-zones.test.ts (issue 16: the mutation score of src/cron).
//
// Zone facts (Python zoneinfo):
//   Europe/Berlin        2027-03-28T01:00Z 02:00 CET -> 03:00 CEST (02:00-02:59 skipped)
//                        2027-10-31T01:00Z 03:00 CEST -> 02:00 CET (02:00-02:59 repeated)
//   America/New_York     2027-03-14T07:00Z 02:00 EST -> 03:00 EDT; 2027-11-07T06:00Z 02:00 EDT -> 01:00 EST
//   Australia/Lord_Howe  2027-04-03T15:00Z 02:00 +11:00 -> 01:30 +10:30 (local 2027-04-04, 01:30-01:59 repeated)
//                        2027-10-02T15:30Z 02:00 +10:30 -> 02:30 +11:00 (local 2027-10-03, 02:00-02:29 skipped)
// The runs each report rests on were checked against the references (test/differential):
//   kubernetes, kubeflow  robfig/cron v3 (.tools/refs/robfig-ref)
//   airflow               Airflow 3 (CronTriggerTimetable, test/differential/ref/airflow_ref.py)
//   vertex                Vixie cron: a fixed-time job whose time is skipped runs at the change,
//                         a repeated time runs once (src/cron/explain.ts, the differential test)
// and are quoted next to each case. The effect follows from them by the rule in dst.ts's header.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeDstTransition, dstReport, type DstReport, type DstTransition } from '../../src/cron/dst';
import type { Dialect } from '../../src/cron/index';

const FROM = new Date('2026-12-01T00:00:00Z');
const BERLIN_GAP = '2027-03-28T01:00:00Z';
const BERLIN_OVERLAP = '2027-10-31T01:00:00Z';
const LH_OVERLAP = '2027-04-03T15:00:00Z';
const LH_GAP = '2027-10-02T15:30:00Z';

type Row = [at: string, kind: DstTransition['kind'], effect: DstTransition['effect'], run: string | null, actual: string[], affected: number];
const tr = ([at, kind, effect, run, actual, affected]: Row, guaranteed = true): DstTransition => ({ at, kind, effect, run, actual, affected, guaranteed });
const report = (expression: string, dialect: Dialect, timeZone: string) => dstReport(expression, dialect, timeZone, FROM);
const lines = (r: DstReport) => r.transitions.map((t) => describeDstTransition(t, r.timeZone));
const none = (at: string, kind: DstTransition['kind']): DstTransition => tr([at, kind, 'none', null, [], 0]);

describe('DST report: Kubernetes (robfig/cron v3) in Berlin', () => {
  it('a run at the first wall time of the change: skipped, then twice', () => {
    // robfig 0 2 * * *: 03-27T01:00Z, 03-29T00:00Z (none on 03-28); 10-31T00:00Z and 10-31T01:00Z.
    assert.deepStrictEqual(report('0 2 * * *', 'kubernetes', 'Europe/Berlin'), {
      dialect: 'kubernetes',
      timeZone: 'Europe/Berlin',
      transitions: [tr([BERLIN_GAP, 'gap', 'skipped', '2027-03-28T02:00', [], 1]), tr([BERLIN_OVERLAP, 'overlap', 'doubled', '2027-10-31T02:00', ['2027-10-31T00:00:00Z', '2027-10-31T01:00:00Z'], 1])],
    });
  });
  it('a run at the first wall time after the change is not affected (and counts nothing)', () => {
    assert.deepStrictEqual(report('0 3 * * *', 'kubernetes', 'Europe/Berlin').transitions, [none(BERLIN_GAP, 'gap'), none(BERLIN_OVERLAP, 'overlap')]);
  });
  it('runs only on the edges of the day-long windows around a change: not affected', () => {
    // Saturdays 02:00 (03-27 and 10-30: one day before a change starts) and Mondays 03:00 (03-29 and 11-01:
    // one day after it ends) run as named; both changes are on a Sunday.
    assert.deepStrictEqual(report('0 2 * * 6', 'kubernetes', 'Europe/Berlin').transitions, [none(BERLIN_GAP, 'gap'), none(BERLIN_OVERLAP, 'overlap')]);
    assert.deepStrictEqual(report('0 3 * * 1', 'kubernetes', 'Europe/Berlin').transitions, [none(BERLIN_GAP, 'gap'), none(BERLIN_OVERLAP, 'overlap')]);
  });
  it('several runs in the changed hour: the count, and "(N runs)" in the sentence', () => {
    // robfig */15: 03-28T00:45Z then 01:00Z (03:00 CEST): 02:00, 02:15, 02:30, 02:45 skipped; every quarter from 00:00Z to 01:45Z on 10-31.
    const r = report('*/15 * * * *', 'kubernetes', 'Europe/Berlin');
    assert.deepStrictEqual(r.transitions, [
      tr([BERLIN_GAP, 'gap', 'skipped', '2027-03-28T02:00', [], 4]),
      tr([BERLIN_OVERLAP, 'overlap', 'doubled', '2027-10-31T02:00', ['2027-10-31T00:00:00Z', '2027-10-31T01:00:00Z'], 4]),
    ]);
    assert.deepStrictEqual(lines(r), [
      '2027-03-28 (clocks go forward in Europe/Berlin): the 02:00 run is skipped (4 runs).',
      '2027-10-31 (clocks go back): the 02:00 run happens twice (2027-10-31T00:00:00Z and 2027-10-31T01:00:00Z).',
    ]);
  });
  it('exactly 400 wall times in the window (the most it lists) are still compared', () => {
    // 16 runs an hour in hours 2-13: 25 such hours from 02:00 the day before to 03:00 the day after = 400.
    // robfig: 03-28T00:50Z -> 01:00Z (03:00 CEST), all 16 runs of 02:xx skipped.
    assert.deepStrictEqual(report('0-15 2-13 * * *', 'kubernetes', 'Europe/Berlin').transitions, [
      tr([BERLIN_GAP, 'gap', 'skipped', '2027-03-28T02:00', [], 16]),
      tr([BERLIN_OVERLAP, 'overlap', 'doubled', '2027-10-31T02:00', ['2027-10-31T00:00:00Z', '2027-10-31T01:00:00Z'], 16]),
    ]);
  });
  it('too many runs to list (every minute; more than 400 wall times; more than 800 runs): reported as not affected', () => {
    for (const expression of ['* * * * *', '*/6 * * * *', '* 4-23 29 3 *']) {
      assert.deepStrictEqual(report(expression, 'kubernetes', 'Europe/Berlin').transitions, [none(BERLIN_GAP, 'gap'), none(BERLIN_OVERLAP, 'overlap')], expression);
    }
  });
});

describe('DST report: other zones and dialects', () => {
  it('west of UTC: a run an hour before the gap is not affected, in the overlap it runs twice (New York)', () => {
    // robfig 0 1 * * * in New York: 11-07T05:00Z (01:00 EDT) and 11-07T06:00Z (01:00 EST).
    assert.deepStrictEqual(report('0 1 * * *', 'kubernetes', 'America/New_York').transitions, [
      none('2027-03-14T07:00:00Z', 'gap'),
      tr(['2027-11-07T06:00:00Z', 'overlap', 'doubled', '2027-11-07T01:00', ['2027-11-07T05:00:00Z', '2027-11-07T06:00:00Z'], 1]),
    ]);
  });
  it('Kubeflow (seconds first): the wall time keeps its seconds', () => {
    // robfig: 03-27T01:30:30Z, 03-29T00:30:30Z; 10-31T00:30:30Z and 01:30:30Z.
    const r = report('30 30 2 * * *', 'kubeflow', 'Europe/Berlin');
    assert.deepStrictEqual(r.transitions, [
      tr([BERLIN_GAP, 'gap', 'skipped', '2027-03-28T02:30:30', [], 1]),
      tr([BERLIN_OVERLAP, 'overlap', 'doubled', '2027-10-31T02:30:30', ['2027-10-31T00:30:30Z', '2027-10-31T01:30:30Z'], 1]),
    ]);
    assert.deepStrictEqual(lines(r)[0], '2027-03-28 (clocks go forward in Europe/Berlin): the 02:30:30 run is skipped.');
  });
  it('Vertex: a TZ= prefix after blanks wins over the zone given; Vixie runs the skipped time at the change, unpromised', () => {
    // New York's gap: 02:00 EST = 07:00Z. The wall times named are those of "30 2 * * *" whatever the zone.
    assert.deepStrictEqual(report('  TZ=America/New_York 30 2 * * *', 'vertex', 'UTC'), {
      dialect: 'vertex',
      timeZone: 'America/New_York',
      transitions: [tr(['2027-03-14T07:00:00Z', 'gap', 'shifted', '2027-03-14T02:30', ['2027-03-14T07:00:00Z'], 1], false), tr(['2027-11-07T06:00:00Z', 'overlap', 'none', null, [], 0], false)],
    });
  });
  it('Vertex: two fixed times in the gap both start at the change; the repeated hour runs them once', () => {
    // Vixie: 02:00 and 02:30 run at 03:00 CEST (01:00Z); on 10-31 each runs once, at its first occurrence.
    const r = report('0,30 2 * * *', 'vertex', 'Europe/Berlin');
    assert.deepStrictEqual(r.transitions, [
      tr([BERLIN_GAP, 'gap', 'shifted', '2027-03-28T02:00', ['2027-03-28T01:00:00Z'], 2], false),
      tr([BERLIN_OVERLAP, 'overlap', 'none', null, ['2027-10-31T00:00:00Z'], 2], false),
    ]);
    assert.deepStrictEqual(lines(r), [
      "2027-03-28 (clocks go forward): the 02:00 run starts at 2027-03-28T01:00:00Z (UTC) instead (2 runs moved) (not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule).",
      // Nothing happens: no caveat to add.
      '2027-10-31 (clocks go back): no run affected.',
    ]);
  });
});

describe('DST report: Lord Howe (a 30-minute change), dates in the zone', () => {
  it('robfig misses the run at the end of the repeated half hour and the one after the gap: the local date of the change', () => {
    // robfig 15 2 * * *: 04-02T15:15Z, 04-04T15:45Z (02:15 on 04-04 = 04-03T15:45Z missing);
    // 10-01T15:45Z, 10-03T15:15Z (02:15 on 10-03 does not exist and does not run).
    const r = report('15 2 * * *', 'kubernetes', 'Australia/Lord_Howe');
    assert.deepStrictEqual(r.transitions, [
      tr([LH_OVERLAP, 'overlap', 'skipped', '2027-04-04T02:15', [], 1]),
      tr([LH_GAP, 'gap', 'skipped', '2027-10-03T02:15', [], 1]),
    ]);
    // The clocks change on 4 April and 3 October in Lord Howe (2027-04-03 and 2027-10-02 in UTC).
    assert.deepStrictEqual(lines(r), [
      '2027-04-04 (clocks go back in Australia/Lord_Howe): the 02:15 run is skipped.',
      '2027-10-03 (clocks go forward in Australia/Lord_Howe): the 02:15 run is skipped.',
    ]);
  });
  it('robfig misses 02:00, the first wall time after the repeated half hour', () => {
    // robfig 0 2 * * *: 04-02T15:00Z, 04-04T15:30Z: 02:00 on 04-04 (04-03T15:30Z) does not run.
    assert.deepStrictEqual(report('0 2 * * *', 'kubernetes', 'Australia/Lord_Howe').transitions, [
      tr([LH_OVERLAP, 'overlap', 'skipped', '2027-04-04T02:00', [], 1]),
      tr([LH_GAP, 'gap', 'skipped', '2027-10-03T02:00', [], 1]),
    ]);
  });
  it('a missed run on another day than the change: the sentence gives its date', () => {
    // robfig 0 0 * * *: 04-03T13:00Z (04-04 00:00 +11), 04-05T13:30Z (04-06 00:00): 04-05 00:00 missing;
    // 10-02T13:30Z (10-03 00:00 +10:30), 10-04T13:00Z (10-05 00:00): 10-04 00:00 missing.
    assert.deepStrictEqual(lines(report('0 0 * * *', 'kubernetes', 'Australia/Lord_Howe')), [
      '2027-04-04 (clocks go back in Australia/Lord_Howe): the 2027-04-05 00:00 run is skipped.',
      '2027-10-03 (clocks go forward in Australia/Lord_Howe): the 2027-10-04 00:00 run is skipped.',
    ]);
  });
  it('robfig runs 01:45 twice in the repeated half hour, and adds a 02:45 run on the day of the gap', () => {
    // robfig 45 1 * * *: 04-03T14:45Z and 04-03T15:15Z (01:45 +11 and +10:30);
    // 10-02T15:15Z (01:45 +10:30) and 10-02T15:45Z (02:45 +11): a run in hour 2, which the expression does not name.
    const r = report('45 1 * * *', 'kubernetes', 'Australia/Lord_Howe');
    assert.deepStrictEqual(r.transitions, [
      tr([LH_OVERLAP, 'overlap', 'doubled', '2027-04-04T01:45', ['2027-04-03T14:45:00Z', '2027-04-03T15:15:00Z'], 1]),
      tr([LH_GAP, 'gap', 'extra', '2027-10-03T02:45', ['2027-10-02T15:45:00Z'], 1]),
    ]);
    assert.deepStrictEqual(lines(r), [
      '2027-04-04 (clocks go back): the 01:45 run happens twice (2027-04-03T14:45:00Z and 2027-04-03T15:15:00Z).',
      '2027-10-03 (clocks go forward): an extra run starts at 02:45 (2027-10-02T15:45:00Z UTC), a wall time the expression does not name.',
    ]);
  });
  it('Airflow 3 (one hour after the last run, in UTC) adds a run in the repeated half hour', () => {
    // Airflow 3 45 * * * *: 04-03T14:45Z (01:45 +11), 15:45Z (02:15 +10:30, not named), 16:15Z (02:45);
    // 10-02T15:15Z (01:45 +10:30), 16:15Z (03:15 +11), 16:45Z: 02:45 (15:45Z) does not run, 03:15 does instead.
    const r = report('45 * * * *', 'airflow', 'Australia/Lord_Howe');
    assert.deepStrictEqual(r.transitions, [
      tr([LH_OVERLAP, 'overlap', 'extra', '2027-04-04T02:15', ['2027-04-03T15:45:00Z'], 1]),
      tr([LH_GAP, 'gap', 'shifted', '2027-10-03T02:45', ['2027-10-02T16:15:00Z'], 1]),
    ]);
    assert.deepStrictEqual(lines(r), [
      '2027-04-04 (clocks go back): an extra run starts at 02:15 (2027-04-03T15:45:00Z UTC), a wall time the expression does not name.',
      '2027-10-03 (clocks go forward): the 02:45 run starts at 2027-10-02T16:15:00Z (UTC) instead.',
    ]);
  });
});

describe('describeDstTransition', () => {
  it('a change at midnight is dated by the first repeated or skipped wall time (Santiago)', () => {
    // zoneinfo: 2027-04-04T03:00Z 23:59:59-03:00 -> 23:00-04:00 (23:00-23:59 on 3 April repeated);
    // 2027-09-05T04:00Z 23:59:59-04:00 -> 01:00-03:00 (00:00-00:59 on 5 September skipped).
    const back = tr(['2027-04-04T03:00:00Z', 'overlap', 'doubled', '2027-04-03T23:30', ['2027-04-04T02:30:00Z', '2027-04-04T03:30:00Z'], 1]);
    const forward = tr(['2027-09-05T04:00:00Z', 'gap', 'skipped', '2027-09-05T00:30', [], 1]);
    assert.deepStrictEqual([back, forward].map((t) => describeDstTransition(t, 'America/Santiago')), [
      '2027-04-03 (clocks go back): the 23:30 run happens twice (2027-04-04T02:30:00Z and 2027-04-04T03:30:00Z).',
      '2027-09-05 (clocks go forward in America/Santiago): the 00:30 run is skipped.',
    ]);
  });

  it('the caveat goes on every effect but none, for a dialect without a documented rule', () => {
    assert.deepStrictEqual(
      [
        tr([BERLIN_GAP, 'gap', 'skipped', '2027-03-28T02:30', [], 1], false),
        tr([BERLIN_GAP, 'gap', 'none', null, [], 0], false),
        tr([BERLIN_OVERLAP, 'overlap', 'doubled', '2027-10-31T02:30', ['2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z'], 1], false),
        tr([LH_OVERLAP, 'overlap', 'extra', '2027-04-04T02:15', ['2027-04-03T15:45:00Z'], 3], false),
      ].map((t) => describeDstTransition(t, t.at === LH_OVERLAP ? 'Australia/Lord_Howe' : 'Europe/Berlin')),
      [
        "2027-03-28 (clocks go forward in Europe/Berlin): the 02:30 run is skipped (not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule).",
        '2027-03-28 (clocks go forward): no run affected.',
        "2027-10-31 (clocks go back): the 02:30 run happens twice (2027-10-31T00:30:00Z and 2027-10-31T01:30:00Z) (not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule).",
        "2027-04-04 (clocks go back): an extra run starts at 02:15 (2027-04-03T15:45:00Z UTC), a wall time the expression does not name (3 extra runs) (not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule).",
      ],
    );
  });
});

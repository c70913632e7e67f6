// Exact explainCron results for what cron-explain-exact leaves open (issue 16): the day a clock-change note
// is about in zones far from UTC, a `from` on the day of a change, Vixie's extra runs in a repeated hour,
// the notes kept for a later `from`, descriptions of odd whitespace (Quartz, croniter) and croniter's
// lower-case "l5" lists, an error span after leading spaces, and the Airflow 2.10 note with count 0 or
// catchup=True.
//
// Expected runs come from the dialect's reference runner (test/differential/ref), run by hand for each case:
// robfig.go (robfig/cron v3) for kubernetes, vixie_ref.c (Debian's Vixie cron daemon loop) for
// standard/github, QuartzRef.java (Quartz 2.3) for databricks, croniter 6.0 for airflow in UTC. A note
// says where the reference's runs differ from the wall times the expression names, so each note below is
// checked against those runs (said per case). No process is spawned here.
process.env.TZ = 'Asia/Tokyo';

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { actual, type Expected } from './cron-explain-helpers';


const ok = (timeZone: string, description: string, nextRuns: string[], notes?: string[]): Expected => {
  const e: Expected = { valid: true, timeZone, description, nextRuns, warnings: [], error: null };
  if (notes) e.notes = notes;
  return e;
};

const NOT_GUARANTEED = 'Not guaranteed on GitHub Actions, which documents no rule for runs at skipped or repeated wall times.';

describe('explainCron: DST notes (exact)', () => {
  it('the day of a change is the local day of the earlier wall time (Lord Howe, UTC+10:30/+11)', () => {
    // robfig.go: 2026-04-04T13:00Z (00:00 +11 on 5 April), then 2026-04-06T13:30Z (00:00 +10:30 on 7 April):
    // robfig skips 00:00 on 6 April, the day after the change; likewise 2026-10-03T13:30Z then 2026-10-05T13:00Z
    // skips 5 October. Both days lie after the change, so the note names the change rather than a gap.
    assert.deepEqual(
      actual('0 0 * * *', 'kubernetes', { timeZone: 'Australia/Lord_Howe', from: '2026-04-03T14:00:00Z', count: 4 }),
      ok('Australia/Lord_Howe', 'At 00:00', ['2026-04-04T13:00:00Z', '2026-04-06T13:30:00Z', '2026-04-07T13:30:00Z', '2026-04-08T13:30:00Z'], [
        'On Kubernetes this does not run at 00:00 on 6 April 2026: Australia/Lord_Howe changes its clocks on 5 April 2026.',
        'On Kubernetes this does not run at 00:00 on 5 October 2026: Australia/Lord_Howe changes its clocks on 4 October 2026.',
      ]),
    );
  });

  it('a from at the first wall time of the change day: what it already passed is not missing', () => {
    // vixie_ref: from 00:00 EDT on 1 November 2026 (04:00Z) the next midnights are 05:00Z (EST): nothing to note.
    assert.deepEqual(
      actual('0 0 * * *', 'standard', { timeZone: 'America/New_York', from: '2026-11-01T04:00:00Z', count: 4 }),
      ok('America/New_York', 'At 00:00', ['2026-11-02T05:00:00Z', '2026-11-03T05:00:00Z', '2026-11-04T05:00:00Z', '2026-11-05T05:00:00Z']),
    );
    // vixie_ref: 01:00 twice (05:00Z EDT, 06:00Z EST); on 14 March 2027 06:00Z (01:00 EST) then 07:00Z (03:00 EDT).
    assert.deepEqual(
      actual('0 * * * *', 'standard', { timeZone: 'America/New_York', from: '2026-11-01T04:00:00Z', count: 4 }),
      ok('America/New_York', 'Every hour', ['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z', '2026-11-01T08:00:00Z'], [
        'On standard cron this runs twice at 01:00 on 1 November 2026: 01:00 happens twice in America/New_York that day (clocks go back).',
        'On standard cron this does not run at 02:00 on 14 March 2027: 02:00 does not exist in America/New_York that day (clocks go forward).',
      ]),
    );
  });

  it('a from at a run inside the repeated hour: that run is not "missing"', () => {
    // vixie_ref: from 02:30 CEST (00:30Z) on 25 October 2026 the fixed-time job runs next on 26 October (once per
    // day); on 28 March 2027 it runs at 01:00Z (03:00 CEST) for the skipped 02:30.
    assert.deepEqual(
      actual('30 2 * * *', 'standard', { timeZone: 'Europe/Berlin', from: '2026-10-25T00:30:00Z', count: 4 }),
      ok('Europe/Berlin', 'At 02:30', ['2026-10-26T01:30:00Z', '2026-10-27T01:30:00Z', '2026-10-28T01:30:00Z', '2026-10-29T01:30:00Z'], [
        'On standard cron the 02:30 run on 28 March 2027 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).',
      ]),
    );
  });

  it("Vixie's wildcard job in the repeated hour, seen from inside it: the runs it adds (GitHub wording)", () => {
    // vixie_ref from 02:30 CEST: 00:45Z, 01:00Z, 01:15Z, 01:30Z, 01:45Z (02:45 CEST, then 02:00-02:45 CET again).
    // Ahead of `from` the expression names 02:45 only, so 02:00, 02:15 and 02:30 CET are extra runs.
    const extra = (t: string) => `Vixie cron would also run this at ${t} on 25 October 2026: ${t} happens twice in Europe/Berlin that day (clocks go back). ${NOT_GUARANTEED}`;
    const gap = (t: string) => `Vixie cron would not run this at ${t} on 28 March 2027: ${t} does not exist in Europe/Berlin that day (clocks go forward). ${NOT_GUARANTEED}`;
    assert.deepEqual(
      actual('*/15 2 * * *', 'github', { timeZone: 'Europe/Berlin', from: '2026-10-25T00:30:00Z', count: 4 }),
      ok('Europe/Berlin', 'Every 15 minutes, between 02:00 and 02:59', ['2026-10-25T00:45:00Z', '2026-10-25T01:00:00Z', '2026-10-25T01:15:00Z', '2026-10-25T01:30:00Z'], [
        extra('02:00'),
        extra('02:15'),
        extra('02:30'),
        gap('02:00'),
        gap('02:15'),
        gap('02:30'),
      ]),
    );
  });

  it('notes kept for a later from are recomputed once it reaches their limit (one second before a run, then at it)', () => {
    // robfig.go runs 02:45 twice on 25 October 2026 (00:45Z CEST, 01:45Z CET). One second before the first, both are
    // ahead; at 00:45:00Z (runs are strictly after `from`) only the second one is, so "runs twice" no longer holds.
    const twice = 'On Kubernetes this runs twice at 02:45 on 25 October 2026: 02:45 happens twice in Europe/Berlin that day (clocks go back).';
    const march = 'On Kubernetes this does not run at 02:45 on 28 March 2027: 02:45 does not exist in Europe/Berlin that day (clocks go forward).';
    const o = { timeZone: 'Europe/Berlin', count: 2 };
    assert.deepEqual(actual('45 2 * * *', 'kubernetes', { ...o, from: '2026-10-25T00:44:59Z' }), ok('Europe/Berlin', 'At 02:45', ['2026-10-25T00:45:00Z', '2026-10-25T01:45:00Z'], [twice, march]));
    assert.deepEqual(actual('45 2 * * *', 'kubernetes', { ...o, from: '2026-10-25T00:45:00Z' }), ok('Europe/Berlin', 'At 02:45', ['2026-10-25T01:45:00Z', '2026-10-26T01:45:00Z'], [march]));
  });

  it('Airflow: a 7-field expression whose year is "*" gets the notes of its 5-field form', () => {
    // "*" in the year field names every year: the same runs and notes as "30 2 29 3 *" (pinned in
    // cron-explain-exact, checked there with airflow_ref.py); the seconds field is 0.
    assert.deepEqual(
      actual('30 2 29 3 * 0 *', 'airflow', { timeZone: 'Europe/Berlin', from: '2026-03-01T00:00:00Z' }),
      ok('Europe/Berlin', 'At 02:30, on day 29 of the month, only in March', ['2026-03-29T01:30:00Z', '2027-03-29T00:30:00Z', '2028-03-29T00:30:00Z'], [
        'On Airflow the 02:30 run on 29 March 2026 happens at 03:30 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).',
        'On Airflow 2.10 the same DAG would start its run of 29 March 2026 03:30 (01:30 UTC) at 29 March 2027 02:30 (00:30 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable).',
      ]),
    );
  });
});

describe('explainCron: the Airflow 2.10 note (exact)', () => {
  // "45 * * * *" on Lord Howe from 2026-10-03T15:30Z: cron-explain-exact pins its runs, its two DST notes and, with
  // the default catchup=False, the 2.10 note "would not be scheduled" (2.10's _skip_to_latest asserts "next
  // schedule shouldn't be earlier").
  const dst = [
    'On Airflow this also runs at 02:15 on 4 April 2027: Australia/Lord_Howe changes its clocks on 4 April 2027.',
    'On Airflow the 02:45 run on 3 October 2027 happens at 03:15 instead: Australia/Lord_Howe changes its clocks on 3 October 2027.',
  ];
  const o = { timeZone: 'Australia/Lord_Howe', from: '2026-10-03T15:30:00Z' };

  it('count 0 asks for no runs: no comparison with 2.10 either, even with an end date', () => {
    assert.deepEqual(actual('45 * * * *', 'airflow', { ...o, count: 0, window: { end: '2026-12-31T00:00:00Z' } }), ok('Australia/Lord_Howe', 'At 45 minutes past the hour', [], dst));
  });

  it('catchup=True alone is kept: 2.10 does not take the _skip_to_latest path that raises', () => {
    // With catchup=True 2.10's next_dagrun_info starts from align_to_next(start_date) and never calls _skip_to_latest,
    // so the "would not be scheduled" note of the catchup=False case must not appear; the runs are Airflow 3's of the
    // catchup=False case (the default start date, 7 days back, replays onto the same chain).
    assert.deepEqual(
      actual('45 * * * *', 'airflow', { ...o, count: 5, window: { catchup: true } }),
      ok('Australia/Lord_Howe', 'At 45 minutes past the hour', ['2026-10-03T16:15:00Z', '2026-10-03T16:45:00Z', '2026-10-03T17:45:00Z', '2026-10-03T18:45:00Z', '2026-10-03T19:45:00Z'], dst),
    );
  });
});

describe('explainCron: descriptions and spans of odd whitespace (exact)', () => {
  it('Quartz: a leading space, a double space and an 8th field do not cost the year its words', () => {
    // QuartzRef.java accepts all three (Quartz reads at most 7 fields and ignores the rest): 1-3 January 2027 at 12:00Z.
    const runs = ['2027-01-01T12:00:00Z', '2027-01-02T12:00:00Z', '2027-01-03T12:00:00Z'];
    for (const e of [' 0 0 12 * * ? 2027', '0  0 12 * * ? 2027', '0 0 12 * * ? 2027 extra']) {
      assert.deepEqual(actual(e, 'databricks', {}), ok('UTC', 'At 12:00, only in 2027', runs), JSON.stringify(e));
    }
  });

  it('croniter: a leading space, and the day-or warning names the day fields', () => {
    // croniter 6.0 (" 0 9 1 * 1" from 2026-01-15T10:20Z): 19 January, 26 January, 1 February at 09:00 (day OR weekday).
    assert.deepEqual(actual(' 0 9 1 * 1', 'airflow', { notes: false }), {
      ...ok('UTC', 'At 09:00, on day 1 of the month, and on Monday', ['2026-01-19T09:00:00Z', '2026-01-26T09:00:00Z', '2026-02-01T09:00:00Z']),
      warnings: [{ code: 'day-or-semantics', severity: 'info', message: 'Day of month (1) and day of week (1) are both set: it runs on days that match EITHER one, not only on days that match both.' }],
    });
  });

  it('croniter: lower-case "l5,l1" (last Friday and last Monday) is described like "L5,L1"', () => {
    // croniter 6.0 ("0 0 * * l5,l1" from 2026-01-15T10:20Z): 26 January (last Monday), 30 January (last Friday), 23 February.
    // cronstrue reads "l5" as no weekday at all ("only on undefined"): each list item is rewritten to "5L".
    const runs = ['2026-01-26T00:00:00Z', '2026-01-30T00:00:00Z', '2026-02-23T00:00:00Z'];
    assert.deepEqual(actual('0 0 * * l5,l1', 'airflow', { notes: false }), ok('UTC', 'At 00:00, on the last Friday and Monday of the month', runs));
    assert.deepEqual(actual('0 0 * * l5', 'airflow', { notes: false, count: 1 }), ok('UTC', 'At 00:00, on the last Friday of the month', ['2026-01-30T00:00:00Z']));
  });

  it('POSIX: the span of a bad last field after a leading space (an "@" that is not a preset)', () => {
    // " 0 9 * * @": the "@" is the day-of-week field at index 9 (Vixie cron rejects it).
    assert.deepEqual(actual(' 0 9 * * @', 'standard', {}), {
      valid: false,
      timeZone: 'Asia/Tokyo',
      description: '',
      nextRuns: [],
      warnings: [],
      error: { message: 'dayOfWeek: "@" is not a number or a name (sun, mon, tue, ...)', field: 'dayOfWeek', code: 'invalid-cron', start: 9, end: 10 },
    });
  });
});

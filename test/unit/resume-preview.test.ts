// The resume preview (src/workspace/resumePreview.ts): each orchestrator's rule for what resuming a paused
// schedule starts, with crafted schedules and dates. Every expected number is worked out by hand from the
// documented rule (facts file §6, §10, §11; the comments in the module name the source of each rule).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveSchedule } from '../../src/adapters/types';
import { liveSchedule } from './live-fixtures';
import { MISSED_COUNT_CAP, countMissedTimes, formatCount, resumePreview } from '../../src/workspace/resumePreview';

const at = (iso: string) => new Date(iso);

function live(over: Partial<LiveSchedule> & { orchestrator: string }): LiveSchedule {
  return liveSchedule({ expression: '0 * * * *', state: 'paused', ...over });
}

describe('resume preview: Kubernetes CronJob (one Job for the most recent missed time; the 100-missed limit)', () => {
  const k8s = (details: Record<string, string>, expression = '0 * * * *', over: Partial<Omit<LiveSchedule, 'orchestrator'>> = {}) =>
    live({ orchestrator: 'kubernetes', expression, details: { startingDeadlineSeconds: 'not set', ...details }, ...over });

  it('hourly, last scheduled 10:00, now 15:30: 11..15 = 5 missed, one Job starts; no choice', () => {
    const p = resumePreview(k8s({ 'last schedule time': '2026-03-01T10:00:00.000Z' }), { now: at('2026-03-01T15:30:00Z') });
    assert.equal(p.missedRuns, 5);
    assert.equal(p.runsThatWillStart, 1);
    assert.equal(p.choice, 'none');
    assert.equal(p.sinceWhat, 'last scheduled at');
    assert.match(p.words, /^5 start times were missed \(last scheduled at 2026-03-01 10:00 UTC\)\. Kubernetes starts one Job now, for the most recent missed time/);
  });

  it('every 5 minutes from 00:00: exactly 100 missed by 08:20 still starts one Job; 101 by 08:25 starts none', () => {
    const s = k8s({ 'last schedule time': '2026-03-01T00:00:00Z' }, '*/5 * * * *');
    const at100 = resumePreview(s, { now: at('2026-03-01T08:20:00Z') }); // 8 h × 12 + 4 = 100
    assert.equal(at100.missedRuns, 100);
    assert.equal(at100.runsThatWillStart, 1);
    const at101 = resumePreview(s, { now: at('2026-03-01T08:25:00Z') });
    assert.equal(at101.missedRuns, 101);
    assert.equal(at101.runsThatWillStart, 0);
    assert.match(at101.words, /More than 100 start times were missed and startingDeadlineSeconds is not set: Kubernetes starts no Job \("too many missed start times"\)/);
    const at9h = resumePreview(s, { now: at('2026-03-01T09:00:00Z') }); // 9 × 12 = 108
    assert.equal(at9h.missedRuns, 108);
    assert.equal(at9h.runsThatWillStart, 0);
  });

  it('with startingDeadlineSeconds only the last deadline counts: none when the last missed time is older, one when within', () => {
    const s = k8s({ 'last schedule time': '2026-03-01T10:00:00Z', startingDeadlineSeconds: '600' });
    const late = resumePreview(s, { now: at('2026-03-01T15:30:00Z') }); // window 15:20–15:30: no start time
    assert.equal(late.missedRuns, 5);
    assert.equal(late.runsThatWillStart, 0);
    assert.match(late.words, /the last missed time is older than startingDeadlineSeconds \(600\)/);
    const soon = resumePreview(s, { now: at('2026-03-01T15:05:00Z') }); // window 14:55–15:05 holds 15:00
    assert.equal(soon.runsThatWillStart, 1);
    // A deadline also lifts the 100 limit: 108 missed, but only 08:55 and 09:00 fall in the last 10 minutes.
    const many = resumePreview(k8s({ 'last schedule time': '2026-03-01T00:00:00Z', startingDeadlineSeconds: '600' }, '*/5 * * * *'), { now: at('2026-03-01T09:02:00Z') });
    assert.equal(many.missedRuns, 108);
    assert.equal(many.runsThatWillStart, 1);
  });

  it('never scheduled: counts from the creation time; the CronJob zone is used', () => {
    // 09:00 New York daily; created 2026-03-07 13:30Z; now 2026-03-09 13:30Z. EST until 2026-03-08 02:00, then EDT:
    // 03-07 09:00 EST = 14:00Z (counted), 03-08 09:00 EDT = 13:00Z, 03-09 09:00 EDT = 13:00Z → 3 (UTC reading: 2).
    const s = k8s({ 'last schedule time': 'never' }, '0 9 * * *', { created: at('2026-03-07T13:30:00Z'), timeZone: 'America/New_York' });
    const p = resumePreview(s, { now: at('2026-03-09T13:30:00Z') });
    assert.equal(p.sinceWhat, 'created at');
    assert.equal(p.missedRuns, 3);
    assert.equal(p.runsThatWillStart, 1);
  });
});

describe('resume preview: Kubeflow recurring run (no_catchup decides; :enable takes no choice)', () => {
  it('no_catchup false backfills every missed time of a seconds-first cron since the last run', () => {
    // `0 0 * * * *` in Kubeflow's dialect is second 0, minute 0 of every hour: 11..15 after a 10:00 run = 5.
    const s = live({ orchestrator: 'kubeflow', expression: '0 0 * * * *', catchup: true });
    const p = resumePreview(s, { now: at('2026-03-01T15:30:00Z'), lastRun: at('2026-03-01T10:00:00Z') });
    assert.equal(p.missedRuns, 5);
    assert.equal(p.runsThatWillStart, 5);
    assert.equal(p.choice, 'none');
    assert.equal(p.sinceWhat, 'last run at');
    assert.match(p.words, /Kubeflow backfills all of them \(no_catchup is false\): 5 runs start now/);
  });

  it('no_catchup true starts only the latest missed interval', () => {
    const s = live({ orchestrator: 'kubeflow', expression: '0 0 * * * *', catchup: false });
    const p = resumePreview(s, { now: at('2026-03-01T15:30:00Z'), lastRun: at('2026-03-01T10:00:00Z') });
    assert.equal(p.missedRuns, 5);
    assert.equal(p.runsThatWillStart, 1);
  });

  it('an interval (every 30 min from 00:00): 10:30, 11:00, 11:30, 12:00 after a 10:00 run by 12:10 = 4', () => {
    const s = live({ orchestrator: 'kubeflow', kind: 'interval', expression: null, intervalSeconds: 1800, startTime: at('2026-03-01T00:00:00Z'), catchup: true });
    const p = resumePreview(s, { now: at('2026-03-01T12:10:00Z'), lastRun: at('2026-03-01T10:00:00Z') });
    assert.equal(p.missedRuns, 4);
    assert.equal(p.runsThatWillStart, 4);
  });

  it('more than 1,000 missed is capped and said so; the pause unknown without runs is "unknown"', () => {
    const s = live({ orchestrator: 'kubeflow', expression: '* * * * * *', catchup: true }); // every second
    const p = resumePreview(s, { now: at('2026-03-02T00:00:00Z'), lastRun: at('2026-03-01T00:00:00Z') });
    assert.equal(p.missedCapped, true);
    assert.equal(p.missedRuns, MISSED_COUNT_CAP + 1);
    assert.match(p.words, /^More than 1,000 start times were missed .* more than 1,000 runs start now/);
    const unknown = resumePreview(s, { now: at('2026-03-02T00:00:00Z') });
    assert.equal(unknown.missedRuns, null);
    assert.equal(unknown.runsThatWillStart, null);
    assert.match(unknown.words, /number of missed start times is unknown/);
  });
});

describe('resume preview: Vertex AI (catch_up on :resume, the user chooses)', () => {
  // Daily 09:00 New York across the DST change of 2026-03-08; paused 2026-03-07 13:30Z, now 2026-03-09 13:30Z:
  // 03-07 14:00Z, 03-08 13:00Z, 03-09 13:00Z → 3 (a UTC or fixed-EST reading gives 2).
  const s = live({ orchestrator: 'vertex', expression: 'TZ=America/New_York 0 9 * * *', timeZone: 'America/New_York', details: { 'last paused': '2026-03-07T13:30:00Z' } });
  const now = at('2026-03-09T13:30:00Z');

  it('on a DST day: 3 missed; with catch-up 3 start, without none; the choice is offered', () => {
    const p = resumePreview(s, { now, choiceAllowed: true });
    assert.equal(p.missedRuns, 3);
    assert.equal(p.choice, 'catch-up');
    assert.equal(p.withCatchUp, 3);
    assert.equal(p.withoutCatchUp, 0);
    assert.equal(p.runsThatWillStart, 0, 'Vertex resumes without catch-up unless asked');
    assert.equal(resumePreview(s, { now, choiceAllowed: true, catchUp: true }).runsThatWillStart, 3);
    assert.equal(p.sinceWhat, 'paused at');
    assert.match(p.words, /^3 start times were missed \(paused at 2026-03-07 13:30 UTC\)\. With catch-up Vertex AI starts 3 runs; without catch-up none\.$/);
  });

  it('max_run_count bounds the catch-up (started 8 of 10: 2 left); without the adapter choice there is none', () => {
    const capped = resumePreview({ ...s, details: { ...s.details, 'started runs': '8 of 10' } }, { now, choiceAllowed: true, catchUp: true });
    assert.equal(capped.runsThatWillStart, 2);
    assert.match(capped.words, /starts 2 runs \(max_run_count leaves 2\)/);
    const noChoice = resumePreview(s, { now });
    assert.equal(noChoice.choice, 'none');
    assert.equal(noChoice.runsThatWillStart, 0);
  });
});

describe('resume preview: Airflow (catchup in the DAG file; unpausing takes no choice)', () => {
  // Daily 06:00 UTC; the DAG's next run was due 03-01 06:00; now 03-05 07:00: 03-01..03-05 = 5 missed.
  const s = (catchup: boolean | null) => live({ orchestrator: 'airflow', expression: '0 6 * * *', catchup, details: { 'next run after': '2026-03-01T06:00:00Z' } });
  const now = at('2026-03-05T07:00:00Z');

  it('catchup=True runs every missed interval', () => {
    const p = resumePreview(s(true), { now });
    assert.equal(p.missedRuns, 5);
    assert.equal(p.runsThatWillStart, 5);
    assert.equal(p.choice, 'none');
    assert.match(p.words, /^5 start times were missed \(first due at 2026-03-01 06:00 UTC\)\. Airflow runs all of them \(catchup=True in the DAG file\): 5 runs\./);
  });

  it('catchup=False, and unknown (Airflow 3 defaults to False), run only the latest', () => {
    assert.equal(resumePreview(s(false), { now }).runsThatWillStart, 1);
    const unknown = resumePreview(s(null), { now });
    assert.equal(unknown.runsThatWillStart, 1);
    assert.match(unknown.words, /Airflow 3 defaults to False/);
  });
});

describe('resume preview: Databricks, a ZenML record, not paused, end time', () => {
  it('Databricks never catches up', () => {
    const p = resumePreview(live({ orchestrator: 'databricks', expression: '0 0 6 * * ?' }), { now: at('2026-03-05T07:00:00Z'), lastRun: at('2026-03-01T06:00:00Z') });
    assert.equal(p.missedRuns, 4); // Quartz 06:00 daily: 03-02..03-05
    assert.equal(p.runsThatWillStart, 0);
    assert.match(p.words, /Databricks does not catch up/);
  });

  it('a ZenML record on Kubernetes follows the CronJob rule from its last run', () => {
    const p = resumePreview(live({ orchestrator: 'kubernetes', expression: '0 * * * *' }), { now: at('2026-03-01T15:30:00Z'), lastRun: at('2026-03-01T10:00:00Z') });
    assert.equal(p.missedRuns, 5);
    assert.equal(p.runsThatWillStart, 1);
  });

  it('an active schedule resumes nothing; an unknown orchestrator is said to be unknown', () => {
    assert.equal(resumePreview(live({ orchestrator: 'vertex', state: 'active' }), { now: new Date() }).runsThatWillStart, 0);
    const odd = resumePreview(live({ orchestrator: 'sagemaker' }), { now: at('2026-03-01T15:30:00Z'), lastRun: at('2026-03-01T10:00:00Z') });
    assert.equal(odd.runsThatWillStart, null);
  });

  it('the end time stops the count; formatCount groups thousands', () => {
    const s = live({ orchestrator: 'airflow', expression: '0 * * * *', endTime: at('2026-03-01T12:30:00Z') });
    assert.equal(countMissedTimes(s, at('2026-03-01T10:00:00Z'), at('2026-03-01T15:30:00Z'))?.count, 2); // 11:00, 12:00
    assert.equal(formatCount(1234567), '1,234,567');
  });
});

describe('resume preview: the bound when the count is unknown (the editor asks only above one run)', () => {
  const now = at('2026-12-02T10:00:00Z');
  it('Kubernetes, Airflow without catchup and Kubeflow with no_catchup start at most one; a backfill has no bound', () => {
    assert.equal(resumePreview(live({ orchestrator: 'kubernetes', state: 'paused', created: null }), { now }).atMost, 1);
    assert.equal(resumePreview(live({ orchestrator: 'airflow', state: 'paused', catchup: null }), { now }).atMost, 1);
    assert.equal(resumePreview(live({ orchestrator: 'kubeflow', state: 'paused', catchup: false }), { now }).atMost, 1);
    assert.equal(resumePreview(live({ orchestrator: 'kubeflow', state: 'paused', catchup: true }), { now }).atMost, null);
    assert.equal(resumePreview(live({ orchestrator: 'airflow', state: 'paused', catchup: true }), { now }).atMost, null);
    assert.equal(resumePreview(live({ orchestrator: 'databricks', state: 'paused' }), { now }).atMost, 0);
  });
});

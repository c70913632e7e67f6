// The resume preview (issue 15 §2): before a paused live schedule is resumed, say how many start times
// were missed while it was paused and how many runs the orchestrator will start for them when it resumes,
// and whether the API lets the user choose. Pure: no vscode, no I/O; the CLI (`schedules resume`) and the
// editor's Resume command both word their prompt from it.
//
// The rules, and where each comes from:
// - Kubernetes CronJob: when `suspend` goes back to false the controller starts at most ONE Job, for the most
//   recent missed start time; it counts missed start times since status.lastScheduleTime (or the creation
//   time), or only over the last startingDeadlineSeconds when that is set; more than 100 missed times with no
//   startingDeadlineSeconds: it starts nothing and reports "too many missed start times" (facts file §11
//   "Resuming after a pause"; Kubernetes CronJob docs, "CronJob limitations"; the same count as the
//   adapter's warning: src/adapters/kubernetes.ts `missedStartTimes`, MISSED_START_LIMIT). Caveat, not
//   verified here: the rewritten CronJob controller (v2, the default since Kubernetes 1.21) appears to only
//   record the TooManyMissedTimes warning event and still start the most recent time; the docs and the facts
//   file give the older rule, which this module follows.
// - Kubeflow recurring run: `no_catchup = not catchup` (facts §6, §11). no_catchup false backfills every
//   missed cron/interval time (cron in the seconds-first dialect); no_catchup true starts only the latest
//   missed interval (KFP API's RecurringRun.no_catchup: "If true, the recurring run will only schedule the
//   latest interval if behind schedule"). `:enable` takes no flag (facts §10), and the adapter refuses a
//   catch-up choice that differs from no_catchup (src/adapters/kubeflow.ts resume): no choice.
// - Vertex AI: `:resume` with body `catch_up` (facts §10): true starts the runs missed while paused, false
//   (the default) none; the user chooses (adapter capability resumeCatchUp). max_concurrent_run_count only
//   limits how many run at once (facts §10 lists it beside max_run_count), so it does not lower the count;
//   max_run_count does: no more than max_run_count − started_run_count runs in all.
// - Airflow: unpausing creates a run for every missed interval since the DAG's next run (next_dagrun, shown
//   as "next run after") when catchup=True, else only the latest (ZenML's Schedule.catchup docs: "If False,
//   only schedules the latest interval"); Airflow 3's default is catchup False; the PATCH takes only
//   is_paused (facts §10): no choice.
// - Databricks, GitHub Actions: no catch-up; the schedule fires again at its next time.
// - A ZenML record: as the orchestrator that fires it (LiveSchedule.orchestrator), with what the record has.

import { dialectOf, explainCron, nextIntervalRuns } from '../cron';
import { MISSED_START_LIMIT, missedStartTimes } from '../adapters/kubernetes';
import type { LiveSchedule } from '../adapters/types';

/** Missed times are counted up to this many; above it the preview says "more than 1,000". */
export const MISSED_COUNT_CAP = 1000;

export interface ResumePreview {
  /** The orchestrator whose rule applies (`kubernetes`, …) or null when unknown. */
  orchestrator: string | null;
  /** Where the missed times are counted from (the pause, the last schedule time, …), or null when unknown. */
  since: Date | null;
  /** What `since` is, in words ("paused at", "last scheduled at", …). */
  sinceWhat: string | null;
  /** Missed start times between `since` and now (at most MISSED_COUNT_CAP + 1), null when unknown. */
  missedRuns: number | null;
  /** True when more than MISSED_COUNT_CAP were missed (missedRuns is then MISSED_COUNT_CAP + 1). */
  missedCapped: boolean;
  /** How many runs the orchestrator starts for the missed times, as things stand (null: unknown). */
  runsThatWillStart: number | null;
  /** The most it can start whatever was missed (1 where the rule starts only the latest; null: no bound). */
  atMost: number | null;
  /** What the API lets the user choose on resume: 'catch-up' (start the missed runs or not) or 'none'. */
  choice: 'none' | 'catch-up';
  /** With choice 'catch-up': how many start with catch-up and without it. */
  withCatchUp?: number | null;
  withoutCatchUp?: number | null;
  /** One or two sentences for a prompt or the terminal. */
  words: string;
}

export interface ResumePreviewOptions {
  now: Date;
  /** The adapter takes a catch-up choice (capabilities.resumeCatchUp). */
  choiceAllowed?: boolean;
  /** The newest run, used when the pause time is unknown. */
  lastRun?: Date | null;
  /** The choice the user made (--catch-up / --no-catch-up), when there is a choice. */
  catchUp?: boolean;
}

const NAMES: Record<string, string> = {
  kubernetes: 'Kubernetes',
  kubeflow: 'Kubeflow',
  vertex: 'Vertex AI',
  airflow: 'Airflow',
  databricks: 'Databricks',
  github: 'GitHub Actions',
};

const detailDate = (s: LiveSchedule, key: string): Date | null => {
  const v = s.details[key];
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** "1,000" (fixed en-US grouping so tests and the terminal agree). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Start times strictly after `since` and not after `now` (nor after the schedule's end), counted up to
 * `cap + 1`, in the orchestrator's dialect and zone. null when the trigger cannot be read.
 */
export function countMissedTimes(s: LiveSchedule, since: Date, now: Date, cap = MISSED_COUNT_CAP): { count: number; last: Date | null } | null {
  const end = s.endTime && s.endTime < now ? s.endTime : now;
  let count = 0;
  let last: Date | null = null;
  if (s.kind === 'interval' && s.intervalSeconds && s.intervalSeconds > 0) {
    const batch = nextIntervalRuns(s.startTime ?? since, s.intervalSeconds, since, cap + 1).filter((d) => d <= end);
    return { count: batch.length, last: batch.length ? batch[batch.length - 1] : null };
  }
  if (!s.expression) return null;
  const dialect = dialectOf(s.orchestrator);
  let from = s.startTime && s.startTime > since ? new Date(s.startTime.getTime() - 1000) : since;
  while (count <= cap) {
    const want = Math.min(1000, cap + 1 - count);
    const e = explainCron(s.expression, { dialect, timeZone: s.timeZone ?? 'UTC', from, count: want });
    if (!e.valid) return null;
    const batch = e.nextRuns.filter((d) => d <= end);
    count += batch.length;
    if (batch.length) last = batch[batch.length - 1];
    if (batch.length < want) break;
    from = last!;
  }
  return { count: Math.min(count, cap + 1), last };
}

function missedText(n: number, capped: boolean): string {
  if (capped) return `more than ${formatCount(MISSED_COUNT_CAP)} start times were missed`;
  return n === 1 ? '1 start time was missed' : `${formatCount(n)} start times were missed`;
}

const runs = (n: number) => (n === 1 ? '1 run' : `${formatCount(n)} runs`);
const stamp = (d: Date) => d.toISOString().replace(/:\d{2}\.\d{3}Z$/, ' UTC').replace('T', ' ');

/** The preview for resuming `s` (any state; a schedule that is not paused resumes nothing). */
export function resumePreview(s: LiveSchedule, options: ResumePreviewOptions): ResumePreview {
  const now = options.now;
  const orch = (s.orchestrator ?? '').toLowerCase() || null;
  const name = orch ? (NAMES[orch] ?? orch) : 'The orchestrator';
  const base = { orchestrator: orch, since: null, sinceWhat: null, missedRuns: null, missedCapped: false, runsThatWillStart: null, atMost: null, choice: 'none' as const };
  if (s.state !== 'paused') return { ...base, runsThatWillStart: 0, atMost: 0, words: `${s.name} is not paused: resuming starts nothing.` };

  // Where the missed times are counted from, per orchestrator (what each adapter puts in details).
  let since: Date | null = null;
  let sinceWhat: string | null = null;
  const lastRun = options.lastRun ?? null;
  if (orch === 'vertex') {
    since = detailDate(s, 'last paused');
    sinceWhat = since ? 'paused at' : null;
  } else if (orch === 'kubernetes') {
    since = detailDate(s, 'last schedule time');
    sinceWhat = since ? 'last scheduled at' : null;
    if (!since && s.created) [since, sinceWhat] = [s.created, 'created at'];
  } else if (orch === 'airflow') {
    // Airflow keeps next_dagrun while paused: the first missed time is that one (inclusive).
    const next = detailDate(s, 'next run after');
    if (next) [since, sinceWhat] = [new Date(next.getTime() - 1000), 'due since'];
  }
  if (!since && lastRun) [since, sinceWhat] = [lastRun, 'last run at'];

  const counted = since ? countMissedTimes(s, since, now) : null;
  const missed = counted ? counted.count : null;
  const capped = missed !== null && missed > MISSED_COUNT_CAP;
  const missedWords =
    missed === null
      ? since
        ? `${name}'s trigger could not be read, so the missed start times are unknown`
        : 'when it was paused is unknown, so the number of missed start times is unknown'
      : `${missedText(missed, capped)} (${sinceWhat === 'due since' ? 'first due at' : sinceWhat} ${stamp(sinceWhat === 'due since' ? new Date(since!.getTime() + 1000) : since!)})`;
  const head = `${missedWords[0].toUpperCase()}${missedWords.slice(1)}.`;
  const out = (runsThatWillStart: number | null, tail: string, extra: Partial<ResumePreview> = {}): ResumePreview => ({
    ...base,
    since,
    sinceWhat,
    missedRuns: missed,
    missedCapped: capped,
    runsThatWillStart,
    atMost: runsThatWillStart,
    words: `${head} ${tail}`,
    ...extra,
  });

  switch (orch) {
    case 'kubernetes': {
      const deadlineText = s.details.startingDeadlineSeconds;
      const deadline = deadlineText && /^\d+$/.test(deadlineText) ? Number(deadlineText) : null;
      if (!since) return out(null, 'Kubernetes starts at most one Job, for the most recent missed time.', { atMost: 1 });
      if (deadline === null) {
        // No deadline: the controller counts from lastScheduleTime; over the limit it starts nothing.
        const n = missedStartTimes(s.expression, s.timeZone, since, now);
        if (n > MISSED_START_LIMIT)
          return out(0, `More than ${MISSED_START_LIMIT} start times were missed and startingDeadlineSeconds is not set: Kubernetes starts no Job ("too many missed start times") until startingDeadlineSeconds is set.`);
        return out(Math.min(1, n), n > 0 ? 'Kubernetes starts one Job now, for the most recent missed time, then runs on schedule.' : 'Kubernetes starts nothing now; it runs at the next time.');
      }
      // With a deadline: only start times within the last startingDeadlineSeconds count, and only the newest starts.
      const windowStart = new Date(Math.max(since.getTime(), now.getTime() - deadline * 1000));
      const n = missedStartTimes(s.expression, s.timeZone, windowStart, now);
      if (n > MISSED_START_LIMIT) return out(0, `More than ${MISSED_START_LIMIT} start times fall within startingDeadlineSeconds (${deadline}): Kubernetes starts no Job ("too many missed start times").`);
      return out(
        Math.min(1, n),
        n > 0
          ? 'Kubernetes starts one Job now, for the most recent missed time (it is within startingDeadlineSeconds), then runs on schedule.'
          : `Kubernetes starts nothing now: the last missed time is older than startingDeadlineSeconds (${deadline}); it runs at the next time.`,
      );
    }
    case 'kubeflow': {
      const backfill = s.catchup !== false; // catchup = not no_catchup
      if (missed === null) return out(null, backfill ? 'Kubeflow backfills every missed time (no_catchup is false).' : 'Kubeflow starts only the latest missed interval (no_catchup is true).', backfill ? {} : { atMost: 1 });
      if (backfill) return out(missed, `Kubeflow backfills all of them (no_catchup is false): ${capped ? `more than ${formatCount(MISSED_COUNT_CAP)} runs` : runs(missed)} start now. The choice was made when it was created; the API cannot change it on resume.`);
      return out(Math.min(1, missed), `Kubeflow starts ${missed > 0 ? 'only the latest one' : 'nothing now'} (no_catchup is true). The API cannot change this on resume.`);
    }
    case 'vertex': {
      const cap = remainingRuns(s);
      const all = missed === null ? null : cap === null ? missed : Math.min(missed, cap);
      const choiceAllowed = options.choiceAllowed === true;
      const chosen = choiceAllowed ? options.catchUp === true : false;
      const limitNote = cap !== null && missed !== null && missed > cap ? ` (max_run_count leaves ${formatCount(cap)})` : '';
      const allWords = all === null ? 'the missed runs' : capped && (cap === null || cap > MISSED_COUNT_CAP) ? `more than ${formatCount(MISSED_COUNT_CAP)} runs` : runs(all);
      const tail = choiceAllowed
        ? `With catch-up Vertex AI starts ${allWords}${limitNote}; without catch-up none.`
        : 'Vertex AI starts none of them (this connection resumes without catch-up).';
      return out(chosen ? all : 0, tail, choiceAllowed ? { choice: 'catch-up', withCatchUp: all, withoutCatchUp: 0 } : {});
    }
    case 'airflow': {
      const catchup = s.catchup === true; // Airflow 3's default is False
      const why = s.catchup === null ? 'catchup is not reported; Airflow 3 defaults to False' : `catchup=${catchup ? 'True' : 'False'} in the DAG file`;
      if (missed === null) return out(null, catchup ? `Airflow runs every missed interval (${why}).` : `Airflow runs only the latest interval (${why}).`, catchup ? {} : { atMost: 1 });
      if (catchup) return out(missed, `Airflow runs all of them (${why}): ${capped ? `more than ${formatCount(MISSED_COUNT_CAP)} runs` : runs(missed)}. Unpausing takes no choice.`);
      return out(Math.min(1, missed), `Airflow runs ${missed > 0 ? 'only the latest one' : 'nothing now'} (${why}). Unpausing takes no choice.`);
    }
    case 'databricks':
    case 'github':
      return out(0, `${name} does not catch up: it starts nothing for them and runs at the next time.`);
    default:
      return out(null, `What ${name === 'The orchestrator' ? 'the orchestrator' : name} starts for missed times on resume is not known.`);
  }
}

/** Vertex: runs left before max_run_count ("started runs": "N of M"), null when there is no maximum. */
function remainingRuns(s: LiveSchedule): number | null {
  const m = /^(\d+) of (\d+)$/.exec(s.details['started runs'] ?? '');
  return m ? Math.max(0, Number(m[2]) - Number(m[1])) : null;
}

// When Airflow really starts a DAG that ZenML's Airflow orchestrator writes:
// not croniter alone, but Airflow's timetable on top of it (issue 12).
//
// ZenML's DAG (zenml.integrations.airflow, dag_generator.py) is
//   DAG(schedule=<cron string>, start_date=<Schedule.start_time or now - 7 days, naive UTC>,
//       end_date=<Schedule.end_time>, catchup=<Schedule.catchup, default False>)
// with a naive start_date, so the DAG's zone is Airflow's [core] default_timezone (UTC
// unless the deployment sets another one).
//
// Airflow 3 turns a cron string into a CronTriggerTimetable ([scheduler]
// create_cron_data_intervals defaults to False); Airflow 2.10 into a
// CronDataIntervalTimetable (the same option defaulted to True). Both evaluate
// the cron with croniter on NAIVE wall-clock times of the DAG's zone and put the
// zone back on afterwards (CronMixin._get_next / _get_prev):
//   - when the hour field is not `*`, the naive result is localised with
//     pendulum (a time in a spring-forward gap moves forward by the gap; a
//     repeated time takes its SECOND occurrence, after the clocks went back);
//   - when the hour field is `*` ("covers every hour"), the naive distance to
//     the next match is added to the aware start instead, so hourly schedules
//     keep running every hour through a change.
// The first run of a catchup=False DAG is the most recent past match (it runs
// at once); the next ones are _get_next of the previous run.
//
// Differential-tested against the real timetables of Airflow 3 and 2.10
// (test/differential, reference `airflow3` / `airflow2`).

import { croniterRuns, type CroniterSpec } from './croniter';
import { type ZoneRules, civilFromSeconds, zoneRules } from './zone';

const UTC = zoneRules('UTC');

/** The first croniter match strictly after the naive wall time `naive` (seconds), or null. */
function cronNext(spec: CroniterSpec, naive: number): number | null {
  const runs = croniterRuns(spec, UTC, naive, 1);
  return runs.length > 0 ? runs[0] : null;
}

// croniter gives up 50 years after its start (croniter.ts, MAX_YEARS_BETWEEN_MATCHES): a window that starts
// 60 years back finds nothing for a year field such as `0 0 1 1 * 0 2020,2030`, so a 40-year one comes first.
// get_prev gives up the same way, 50 calendar years before the year of its start (`naive` less a microsecond).
const MAX_YEARS_BACK = 50;
const PREV_WINDOWS = [3600, 86400, 32 * 86400, 367 * 86400, 5 * 366 * 86400, 40 * 366 * 86400, 60 * 366 * 86400];

/**
 * croniter's get_prev on a naive time: the last match strictly before `naive`.
 * cronNext is monotone in its start, so the last x with cronNext(x) < naive is
 * found by bisection once a window holding a match is known.
 */
function cronPrev(spec: CroniterSpec, naive: number): number | null {
  for (const window of PREV_WINDOWS) {
    let lo = naive - window - 1;
    const first = cronNext(spec, lo);
    if (first === null || first >= naive) continue;
    // Invariant: cronNext(lo) < naive; cronNext(hi) >= naive (or none).
    let hi = naive;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const m = cronNext(spec, mid);
      if (m !== null && m < naive) lo = mid;
      else hi = mid;
    }
    const prev = cronNext(spec, lo);
    // croniter 7.0's get_prev: `0 0 1 1 * 0 1975,2030` from mid-2027 raises (52 years back), Airflow never runs it.
    if (prev !== null && civilFromSeconds(Math.ceil(naive) - 1).year - civilFromSeconds(prev).year > MAX_YEARS_BACK) return null;
    return prev;
  }
  return null;
}

/**
 * pendulum's localisation of a naive wall time: a time in a gap moves forward by
 * the gap; a repeated time is its first occurrence (`fold` 0) or, as Airflow
 * 2.10's make_aware gets it, its second (`fold` 1).
 */
function makeAware(rules: ZoneRules, local: number, fold: 0 | 1): number {
  const instants = rules.instantsOf(local);
  if (instants.length > 0) return instants[Math.min(fold, instants.length - 1)];
  // In a gap: read with the offset in force before the change.
  const tr = rules.transitionAtWall(local);
  return local - (tr ? tr.before : rules.offsetAt(local - 86400));
}

function coversEveryHour(spec: CroniterSpec): boolean {
  const hours = spec.expanded[1];
  return hours.length === 1 && hours[0] === '*';
}

export class AirflowTimetable {
  private readonly everyHour: boolean;

  constructor(
    private readonly spec: CroniterSpec,
    private readonly rules: ZoneRules,
    /** Which occurrence of a repeated wall time a naive match becomes: the second, in Airflow 3.3 and 2.10 (pendulum 3). */
    private readonly fold: 0 | 1 = 1,
  ) {
    this.everyHour = coversEveryHour(spec);
  }

  private naive(t: number): number {
    return t + this.rules.offsetAt(t);
  }

  /** CronMixin._get_next: the first run after `t` (UTC seconds), or null when croniter finds none. */
  getNext(t: number): number | null {
    const naive = this.naive(t);
    const scheduled = cronNext(this.spec, naive);
    if (scheduled === null) return null;
    if (!this.everyHour) return makeAware(this.rules, scheduled, this.fold);
    return t + (scheduled - naive);
  }

  /** CronMixin._get_prev: the last run before `t`, or null. */
  getPrev(t: number): number | null {
    const naive = this.naive(t);
    const scheduled = cronPrev(this.spec, naive);
    if (scheduled === null) return null;
    if (!this.everyHour) return makeAware(this.rules, scheduled, this.fold);
    return t - (naive - scheduled);
  }

  alignToPrev(t: number): number | null {
    const prev = this.getPrev(t);
    if (prev === null) return null;
    const next = this.getNext(prev);
    // _align_to_prev calls _get_next(prev): when croniter finds nothing (a year field's next run over 50 years
    // after prev), Airflow raises and the DAG never runs.
    if (next === null) return null;
    return next !== t ? prev : t;
  }

  /**
   * Where a catch-up chain starting at `first` (the start date's first run) is replayed from: with
   * catchup=True the scheduler creates every run from there on, one after the other, so the runs
   * after now are the end of that chain. Each run follows from the one before only, and the chain is
   * back on the cron's wall-clock matches by the day after any clock change, so it is picked up at
   * the last match at most 8 days before now (still before the interval that ends after now, for
   * Airflow 2.10) instead of walking years of minutes. Differential-tested with start dates up to
   * 40 days back.
   */
  private catchupReplay(first: number, now: number): number {
    if (first >= now - CATCHUP_REPLAY) return first;
    const resume = this.alignToPrev(now - CATCHUP_REPLAY);
    return resume !== null && resume > first ? resume : first;
  }

  alignToNext(t: number): number | null {
    const next = this.getNext(t);
    if (next === null) return null;
    const prev = this.getPrev(next);
    // No run before `next` (a year field): Airflow's _align_to_next raises in get_prev, the DAG never runs.
    if (prev === null) return null;
    return prev !== t ? next : t;
  }

  /**
   * Airflow 3 (CronTriggerTimetable): the run_after of each DAG run the scheduler creates
   * from `now` on, keeping those strictly after `now`, for ZenML's DAG with `window`
   * (start_date, end_date, catchup; by default start_date = now − 7 days, catchup=False).
   * _TriggerTimetable.next_dagrun_info:
   *   catchup=False: max(align_to_prev(now), get_next(last run), align_to_next(start_date))
   *   catchup=True:  align_to_next(start_date), then get_next(last run)
   *   no run after end_date (`latest < next_start_time` ends the DAG).
   */
  runsV3(now: number, count: number, window: AirflowWindow = {}): number[] {
    const startDate = window.start ?? now - DEFAULT_START_BACK;
    const endDate = window.end ?? null;
    // croniter finds no run after the start date: Airflow's scheduler raises for this DAG.
    const fromStart = this.alignToNext(startDate);
    if (fromStart === null) return [];
    let first: number;
    if (window.catchup) {
      first = this.catchupReplay(fromStart, now);
    } else {
      const previous = this.alignToPrev(now);
      // croniter finds no run before now: Airflow's scheduler raises for this DAG and never starts it.
      if (previous === null) return [];
      // Not only when the start date is ahead: on the day clocks go back, the last run before now
      // can be the second pass of a repeated hour, later than the start date's first run.
      first = Math.max(previous, fromStart);
    }
    return collect(first, now, count, endDate, (run) => this.getNext(run));
  }

  /**
   * Airflow 2.10 (CronDataIntervalTimetable): a run covers the interval that ends when it
   * starts (run_after = data_interval.end). _DataIntervalTimetable.next_dagrun_info:
   *   earliest = catchup ? align_to_next(start_date) : _skip_to_latest(start_date)
   *   interval start = earliest, then max(align_to_prev(last end), earliest)
   *   no run whose interval STARTS after end_date (so one run may start after end_date).
   * Null when 2.10's scheduler raises for this DAG.
   */
  runsV2(now: number, count: number, window: AirflowWindow = {}): number[] | null {
    const startDate = window.start ?? now - DEFAULT_START_BACK;
    const endDate = window.end ?? null;
    let earliest: number | null;
    if (window.catchup) {
      earliest = this.alignToNext(startDate);
      if (earliest !== null) earliest = this.catchupReplay(earliest, now);
    } else {
      // _skip_to_latest
      const lastStart = this.getPrev(now);
      if (lastStart === null) return [];
      const nextStart = this.getNext(lastStart);
      // croniter finds no run after the last one (a year field): 2.10's get_next raises, the DAG never runs.
      if (nextStart === null) return [];
      // Airflow 2.10 asserts "next schedule shouldn't be earlier" here: the scheduler raises for this DAG.
      if (nextStart < now) return null;
      earliest = nextStart === now ? lastStart : this.getPrev(lastStart);
      if (earliest === null) return [];
      // max(new_start, align_to_next(start_date)), the start date behind or not: align_to_next raises
      // when croniter finds no run before the next one (a year field), and then the DAG never runs.
      const aligned = this.alignToNext(startDate);
      if (aligned === null) return [];
      earliest = Math.max(earliest, aligned);
    }
    if (earliest === null) return [];
    const out: number[] = [];
    let lastEnd: number | null = null;
    for (let steps = 0; out.length < count && steps < MAX_STEPS; steps++) {
      let start: number = earliest;
      if (lastEnd !== null) {
        const aligned = this.alignToPrev(lastEnd);
        if (aligned === null) break;
        start = Math.max(aligned, earliest);
      }
      if (endDate !== null && start > endDate) break;
      const runAfter = this.getNext(start);
      // A timetable that does not move forward would loop for ever (Airflow would too).
      if (runAfter === null || (lastEnd !== null && runAfter <= lastEnd)) break;
      if (runAfter > now) out.push(runAfter);
      lastEnd = runAfter;
    }
    return out;
  }
}

/**
 * The window of ZenML's DAG (dag_generator.py: start_date = Schedule.start_time or now − 7 days,
 * end_date = Schedule.end_time, catchup = Schedule.catchup), in UTC seconds.
 */
export interface AirflowWindow {
  start?: number | null;
  end?: number | null;
  catchup?: boolean;
}

/** ZenML's start_date when the Schedule has no start_time: 7 days before the DAG is written. */
const DEFAULT_START_BACK = 7 * 86400;

/** How far before now a catch-up chain is picked up (see AirflowTimetable.catchupReplay). */
const CATCHUP_REPLAY = 8 * 86400;

const MAX_STEPS = 100_000;

function collect(first: number, now: number, count: number, endDate: number | null, next: (run: number) => number | null): number[] {
  const out: number[] = [];
  let run: number | null = first;
  for (let steps = 0; run !== null && out.length < count && steps < MAX_STEPS; steps++) {
    if (endDate !== null && run > endDate) break;
    if (run > now) out.push(run);
    const following = next(run);
    // A timetable that does not move forward would loop for ever (Airflow would too).
    if (following !== null && following <= run) break;
    run = following;
  }
  return out;
}

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
import { type ZoneRules, zoneRules } from './zone';

const UTC = zoneRules('UTC');

/** The first croniter match strictly after the naive wall time `naive` (seconds), or null. */
function cronNext(spec: CroniterSpec, naive: number): number | null {
  const runs = croniterRuns(spec, UTC, naive, 1);
  return runs.length > 0 ? runs[0] : null;
}

const PREV_WINDOWS = [3600, 86400, 32 * 86400, 367 * 86400, 5 * 366 * 86400, 60 * 366 * 86400];

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
    return cronNext(spec, lo);
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
    return this.getNext(prev) !== t ? prev : t;
  }

  alignToNext(t: number): number | null {
    const next = this.getNext(t);
    if (next === null) return null;
    return this.getPrev(next) !== t ? next : t;
  }

  /**
   * Airflow 3 (CronTriggerTimetable, catchup=False, ZenML's default start_date of
   * `now - 7 days`): the run_after of each DAG run the scheduler creates from `now`
   * on, keeping those strictly after `now`.
   */
  runsV3(now: number, count: number, startDate = now - 7 * 86400): number[] {
    const previous = this.alignToPrev(now);
    // croniter finds no run before now: Airflow's scheduler raises for this DAG and never starts it.
    if (previous === null) return [];
    // The start date's first run only matters when no run lies between it and now.
    const fromStart = previous >= startDate ? null : this.alignToNext(startDate);
    return collect(Math.max(previous, fromStart ?? previous), now, count, (run) => this.getNext(run));
  }

  /**
   * Airflow 2.10 (CronDataIntervalTimetable, catchup=False): a run covers the
   * interval that ends when it starts (run_after = data_interval.end).
   */
  runsV2(now: number, count: number, startDate = now - 7 * 86400): number[] | null {
    const lastStart = this.getPrev(now);
    if (lastStart === null) return [];
    const nextStart = this.getNext(lastStart);
    // Airflow 2.10 asserts "next schedule shouldn't be earlier" here: the scheduler raises for this DAG.
    if (nextStart !== null && nextStart < now && nextStart !== now) return null;
    let start: number | null = nextStart === now ? lastStart : this.getPrev(lastStart);
    if (start === null) return [];
    if (start < startDate) {
      const aligned = this.alignToNext(startDate);
      if (aligned === null) return [];
      start = Math.max(start, aligned);
    }
    const firstEnd = this.getNext(start);
    if (firstEnd === null) return [];
    return collect(firstEnd, now, count, (end) => {
      const s = this.alignToPrev(end);
      return s === null ? null : this.getNext(s);
    });
  }
}

const MAX_STEPS = 100_000;

function collect(first: number, now: number, count: number, next: (run: number) => number | null): number[] {
  const out: number[] = [];
  let run: number | null = first;
  for (let steps = 0; run !== null && out.length < count && steps < MAX_STEPS; steps++) {
    if (run > now) out.push(run);
    const following = next(run);
    // A timetable that does not move forward would loop for ever (Airflow would too).
    if (following !== null && following <= run) break;
    run = following;
  }
  return out;
}

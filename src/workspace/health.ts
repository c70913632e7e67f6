// Health of a live schedule, from its runs (pure, unit-tested): failing when its last
// finished run failed; silent when ticks it should have fired passed with no run, after a
// grace of one interval plus 10 minutes, with how many runs were missed and since when.
// Ticks are counted in the orchestrator's dialect from the later of the schedule's creation
// and its start (and the last run), and stop at its end.

import { dialectOf, explainCron } from '../cron';
import type { LiveRun, LiveSchedule, ScheduleHealth } from '../adapters/types';
import { expectedToFire } from './liveState';

export const GRACE_EXTRA_MS = 10 * 60 * 1000;
/** Missed ticks are counted up to this many ("1000 or more"). */
export const MAX_COUNTED_TICKS = 1000;

export interface HealthReport {
  health: ScheduleHealth;
  /** The newest run, if any. */
  lastRun: LiveRun | null;
  /** Ticks that passed (beyond the grace) with no run; capped at MAX_COUNTED_TICKS. */
  missed: number;
  missedCapped: boolean;
  /** The first missed tick. */
  silentSince: Date | null;
  /** The gap between two ticks, when known (the grace is this plus 10 minutes). */
  intervalMs: number | null;
  /** Plain words for the tooltip and the CLI. */
  reason: string;
}

const FINISHED_OK = new Set(['completed', 'cached']);
const FINISHED_FAILED = new Set(['failed']);

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Expected ticks strictly after `from`, at most `count` (the orchestrator's dialect and zone). */
function ticksAfter(schedule: LiveSchedule, from: Date, count: number): Date[] {
  if (schedule.kind === 'cron' && schedule.expression) {
    const e = explainCron(schedule.expression, { dialect: dialectOf(schedule.orchestrator), timeZone: schedule.timeZone ?? 'UTC', from, count, notes: false });
    return e.valid ? e.nextRuns : [];
  }
  if (schedule.kind === 'interval' && schedule.intervalSeconds && schedule.intervalSeconds > 0) {
    const step = schedule.intervalSeconds * 1000;
    const start = (schedule.startTime ?? schedule.created)?.getTime();
    if (start === undefined) return [];
    const first = from.getTime() < start ? 0 : Math.floor((from.getTime() - start) / step) + 1;
    return Array.from({ length: count }, (_, i) => new Date(start + (first + i) * step));
  }
  if (schedule.kind === 'once' && schedule.runOnceTime) return schedule.runOnceTime > from ? [schedule.runOnceTime] : [];
  return [];
}

/** Count ticks in (from, until] up to `cap`. Interval schedules are counted arithmetically. */
function countTicks(schedule: LiveSchedule, from: Date, until: Date, cap: number): { count: number; first: Date | null; capped: boolean } {
  if (until <= from) return { count: 0, first: null, capped: false };
  if (schedule.kind === 'interval' && schedule.intervalSeconds && schedule.intervalSeconds > 0) {
    const [first] = ticksAfter(schedule, from, 1);
    if (!first || first > until) return { count: 0, first: null, capped: false };
    const n = Math.floor((until.getTime() - first.getTime()) / (schedule.intervalSeconds * 1000)) + 1;
    return { count: Math.min(n, cap), first, capped: n > cap };
  }
  // Ask for a few ticks first and more only while all of them passed: a schedule that missed two runs
  // must not cost a thousand. The cron engine gives at most 1000 runs per call: a full answer that
  // all passed means "cap or more".
  for (const ask of [8, 64, cap]) {
    const got = ticksAfter(schedule, from, Math.min(ask, cap));
    const passed = got.filter((t) => t <= until);
    if (passed.length < got.length || got.length < Math.min(ask, cap) || ask >= cap) {
      return { count: Math.min(passed.length, cap), first: passed[0] ?? null, capped: passed.length >= cap };
    }
  }
  return { count: 0, first: null, capped: false };
}

/**
 * `runs` may come in any order. `now` is the instant health is judged at. Paused, archived and
 * completed schedules are never silent (they are not expected to fire); their health is their last run's.
 */
export function computeHealth(schedule: LiveSchedule, runs: readonly LiveRun[], now: Date, options: { runsKnown?: boolean } = {}): HealthReport {
  const sorted = [...runs].sort((a, b) => b.created.getTime() - a.created.getTime());
  const lastRun = sorted[0] ?? null;
  const lastFinished = sorted.find((r) => FINISHED_OK.has(r.status) || FINISHED_FAILED.has(r.status)) ?? null;
  const base: HealthReport = { health: 'unknown', lastRun, missed: 0, missedCapped: false, silentSince: null, intervalMs: null, reason: '' };
  if (options.runsKnown === false) return { ...base, reason: 'runs could not be read' };

  // Silent: only for schedules that are expected to fire (a record-only pause may still fire).
  if (expectedToFire(schedule)) {
    const starts = [schedule.created, schedule.startTime, lastRun?.created].filter((d): d is Date => d instanceof Date);
    const anchor = starts.length ? new Date(Math.max(...starts.map((d) => d.getTime()))) : null;
    if (anchor) {
      const firstTwo = ticksAfter(schedule, anchor, 2);
      const intervalMs = firstTwo.length === 2 ? firstTwo[1].getTime() - firstTwo[0].getTime() : null;
      const grace = (intervalMs ?? 0) + GRACE_EXTRA_MS;
      let until = new Date(now.getTime() - grace);
      if (schedule.endTime && schedule.endTime < until) until = schedule.endTime;
      base.intervalMs = intervalMs;
      if (firstTwo.length && firstTwo[0] <= until) {
        const counted = countTicks(schedule, anchor, until, MAX_COUNTED_TICKS);
        if (counted.count > 0 && counted.first) {
          const n = `${counted.count}${counted.capped ? ' or more' : ''}`;
          return {
            ...base,
            health: 'silent',
            missed: counted.count,
            missedCapped: counted.capped,
            silentSince: counted.first,
            reason: `no run since ${iso(counted.first)}: ${n} expected run${counted.count === 1 && !counted.capped ? '' : 's'} missed`,
          };
        }
      }
    }
  }
  if (lastFinished && FINISHED_FAILED.has(lastFinished.status)) {
    return { ...base, health: 'failing', reason: `last run ${lastFinished.name ?? lastFinished.id} failed at ${iso(lastFinished.created)}` };
  }
  if (lastFinished) return { ...base, health: 'ok', reason: `last run ${lastFinished.status} at ${iso(lastFinished.created)}` };
  if (lastRun) return { ...base, health: 'ok', reason: `last run ${lastRun.status} since ${iso(lastRun.created)}` };
  return { ...base, reason: expectedToFire(schedule) ? 'no runs yet' : 'no runs' };
}

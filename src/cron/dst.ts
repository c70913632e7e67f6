// The DST report (issue 12): for a cron expression evaluated in a zone with
// daylight saving time, the next year's clock changes and what each does to
// the runs, in one orchestrator's dialect:
//   skipped  a run at a wall time that does not exist that day never happens
//   shifted  it happens at another time instead (after the gap, or moved)
//   doubled  a run at a repeated wall time happens twice
//   extra    the engine adds a run at a wall time the expression does not name (robfig's
//            half-hour changes, Airflow's fixed-delta hours), and no named run goes missing
//   none     no run of this expression falls on the change
// Vertex AI and GitHub Actions document no rule for runs at skipped or repeated wall
// times (src/workspace/zones.ts cites Google's page): their effects are what Vixie cron
// (their dialects' reference) would do, and every transition says `guaranteed: false`.
// Truthful by construction: the wall times the expression names (its runs in
// UTC, where no clock changes, read as wall times) are compared with the runs
// the dialect's engine really makes in the zone around each change.

import { explainCron } from './explain';
import type { Dialect } from './types';
import { civilFromSeconds, isValidTimeZone, zoneRules } from './zone';

export type DstKind = 'gap' | 'overlap';
export type DstEffect = 'skipped' | 'shifted' | 'doubled' | 'extra' | 'none';

export interface DstTransition {
  /** The instant the clocks change (ISO-8601 UTC). */
  at: string;
  kind: DstKind;
  effect: DstEffect;
  /** The wall time (in the zone, `YYYY-MM-DDTHH:MM`) of the first run the change affects (for `extra`, of the first added run); null for `none`. */
  run: string | null;
  /** The instants (ISO-8601 UTC) this dialect really starts runs at for that wall time (empty when skipped). */
  actual: string[];
  /** How many of the expression's wall times fall on the change (all get the same effect). */
  affected: number;
  /**
   * False where the orchestrator documents no rule for DST changes (Vertex AI, GitHub Actions): the
   * effect is then what Vixie cron would do, not a promise. An extra key beside {at, kind, effect, run}.
   */
  guaranteed: boolean;
}

/** The dialects whose scheduler documents no DST rule: their reports follow Vixie cron, unpromised. */
export function dstUndocumented(dialect: Dialect): boolean {
  return dialect === 'vertex' || dialect === 'github';
}

/** One sentence for a report of such a dialect (null for the others). */
export function dstCaveat(dialect: Dialect): string | null {
  if (dialect === 'vertex') {
    return 'Not guaranteed: Google documents no rule for Vertex AI schedules at skipped or repeated wall times (only that they "can run or not run unexpectedly"); these are what Vixie cron would do.';
  }
  if (dialect === 'github') {
    return 'Not guaranteed: GitHub documents no rule for a `timezone:` schedule at skipped or repeated wall times; these are what Vixie cron would do.';
  }
  return null;
}

export interface DstReport {
  dialect: Dialect;
  timeZone: string;
  transitions: DstTransition[];
}

const PREFIX = /^\s*(?:CRON_TZ|TZ)=(\S+)\s+/;

function wall(local: number): string {
  const c = civilFromSeconds(local);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(c.year, 4)}-${p(c.month)}-${p(c.day)}T${p(c.hour)}:${p(c.minute)}${c.second ? `:${p(c.second)}` : ''}`;
}

const iso = (utc: number) => new Date(utc * 1000).toISOString().replace('.000Z', 'Z');
const MAX_RUNS_PER_WINDOW = 400;

/** The runs (UTC seconds) of `expression` in [from, to) with at most `max` of them; null when there are more. */
function runsBetween(expression: string, dialect: Dialect, timeZone: string, from: number, to: number, max: number): number[] | null {
  const e = explainCron(expression, { dialect, timeZone, from: new Date((from - 1) * 1000), count: max + 1 });
  if (!e.valid) return [];
  const runs = e.nextRuns.map((d) => d.getTime() / 1000).filter((t) => t < to);
  return runs.length > max ? null : runs;
}

/**
 * The report for the next year from `from`. `timeZone` is the zone the orchestrator reads the
 * cron in (a TZ=/CRON_TZ= prefix, where the dialect reads one, wins, as in explainCron).
 */
export function dstReport(expression: string, dialect: Dialect, timeZone: string, from: Date = new Date()): DstReport {
  const explanation = explainCron(expression, { dialect, timeZone, from, count: 1 });
  const zone = explanation.timeZone;
  const report: DstReport = { dialect, timeZone: zone, transitions: [] };
  if (!explanation.valid || !isValidTimeZone(zone)) return report;
  const rules = zoneRules(zone);
  if (rules.isUtc) return report;
  // The wall times the expression names: its runs where no clock changes.
  const body = expression.replace(PREFIX, '');
  const start = Math.floor(from.getTime() / 1000);
  for (const tr of rules.transitionsBetween(start, start + 366 * 86400)) {
    const kind: DstKind = tr.after > tr.before ? 'gap' : 'overlap';
    const lo = tr.at + Math.min(tr.before, tr.after); // wall time where the gap/overlap starts
    const hi = tr.at + Math.max(tr.before, tr.after); // ... and ends (exclusive)
    // A window of the day before and after the change, in wall time and in UTC.
    const windowStart = lo - 86400;
    const windowEnd = hi + 86400;
    const expected = runsBetween(body, dialect, 'UTC', windowStart, windowEnd, MAX_RUNS_PER_WINDOW);
    const actualUtc = runsBetween(expression, dialect, zone, windowStart - 14 * 3600, windowEnd + 14 * 3600, MAX_RUNS_PER_WINDOW * 2);
    const entry: DstTransition = { at: iso(tr.at), kind, effect: 'none', run: null, actual: [], affected: 0, guaranteed: !dstUndocumented(dialect) };
    if (expected === null || actualUtc === null) {
      // Too many runs to list (every minute, every second): they run on through the change.
      report.transitions.push(entry);
      continue;
    }
    const actual = actualUtc.map((u) => ({ utc: u, local: u + rules.offsetAt(u) })).filter((r) => r.local >= windowStart && r.local < windowEnd);
    const inChange = expected.filter((l) => l >= lo && l < hi);
    const moved = actual.filter((r) => !expected.includes(r.local));
    const missingOutside = expected.filter((l) => (l < lo || l >= hi) && !actual.some((r) => r.local === l));
    if (inChange.length > 0) {
      const first = inChange[0];
      const at = actual.filter((r) => r.local === first);
      entry.run = wall(first);
      entry.affected = inChange.length;
      entry.actual = at.map((r) => iso(r.utc));
      if (kind === 'overlap') {
        entry.effect = at.length >= 2 ? 'doubled' : at.length === 1 ? 'none' : moved.length > 0 ? 'shifted' : 'skipped';
        if (at.length === 0 && moved.length > 0) entry.actual = [iso(moved[0].utc)];
      } else if (at.length > 0) {
        entry.effect = 'none';
      } else if (moved.length > 0) {
        entry.effect = 'shifted';
        entry.actual = [iso(moved[0].utc)];
      } else {
        entry.effect = 'skipped';
      }
      if (entry.effect === 'none') entry.run = null;
    } else if (missingOutside.length > 0) {
      // A run away from the changed hour that the dialect still moves (croniter-style adjustments).
      entry.run = wall(missingOutside[0]);
      entry.affected = Math.max(missingOutside.length, moved.length);
      entry.effect = moved.length > 0 ? 'shifted' : 'skipped';
      entry.actual = moved.length > 0 ? [iso(moved[0].utc)] : [];
    }
    if (entry.effect === 'none' && moved.length > 0) {
      // Every named wall time runs, and the engine adds runs at times the expression does not name.
      entry.effect = 'extra';
      entry.run = wall(moved[0].local);
      entry.actual = [iso(moved[0].utc)];
      entry.affected = moved.length;
    }
    report.transitions.push(entry);
  }
  return report;
}

/** One line per transition, for the hover and the CLI; "(not guaranteed: …)" where no rule is documented. */
export function describeDstTransition(t: DstTransition, timeZone: string): string {
  const line = describeEffect(t, timeZone);
  return t.guaranteed || t.effect === 'none' ? line : `${line.slice(0, -1)} (not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule).`;
}

/** The zone's wall date (YYYY-MM-DD) where the change starts: the first skipped or repeated wall time. */
function changeDate(at: string, timeZone: string): string {
  const rules = zoneRules(timeZone);
  const utc = Date.parse(at) / 1000;
  return wall(utc + Math.min(rules.offsetAt(utc - 1), rules.offsetAt(utc))).slice(0, 10);
}

function describeEffect(t: DstTransition, timeZone: string): string {
  const when = changeDate(t.at, timeZone);
  const change = t.kind === 'gap' ? 'clocks go forward' : 'clocks go back';
  // The run's wall time; with its date when that is not the day of the change (robfig misses a later day).
  const run = t.run === null ? '?' : t.run.startsWith(when) ? t.run.slice(11) : t.run.replace('T', ' ');
  switch (t.effect) {
    case 'skipped':
      return `${when} (${change} in ${timeZone}): the ${run} run is skipped${t.affected > 1 ? ` (${t.affected} runs)` : ''}.`;
    case 'shifted':
      return `${when} (${change}): the ${run} run starts at ${t.actual[0] ?? "?"} (UTC) instead${t.affected > 1 ? ` (${t.affected} runs moved)` : ''}.`;
    case 'doubled':
      return `${when} (${change}): the ${run} run happens twice (${t.actual.join(' and ')}).`;
    case 'extra':
      return `${when} (${change}): an extra run starts at ${run} (${t.actual[0]} UTC), a wall time the expression does not name${t.affected > 1 ? ` (${t.affected} extra runs)` : ''}.`;
    default:
      return `${when} (${change}): no run affected.`;
  }
}

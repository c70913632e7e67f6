// The POSIX dialects against Vixie cron (issue 16): `standard`, `github` and `vertex` follow
// POSIX/Vixie cron; the reference is Debian's cron itself (ref/vixie_ref.c, built by vixie.ts).
// Own corpus slice: 5-field expressions with names, ranges, steps, lists, malformed items,
// wrong field counts and presets; `standard` in every zone of the corpus (DST: cron's own
// daemon loop decides), `github` and `vertex` in UTC (GitHub runs in UTC; Vertex's scheduler
// is not Vixie, so only its reading of the fields is compared, not its DST handling).
//
// Two differences are by design and counted apart, each by its own exact test, never as a
// pass of a disagreement it does not explain:
//  - cron skips characters it cannot read after a field's list ("1.5" runs at minute 1,
//    "*-3" is "*"), the harness reports it ("lenient"); the engine rejects such a field.
//  - a backwards range (5-2) selects nothing in cron; the engine rejects it as a mistake.
// Vixie cron cannot compute times from 2038-01-19 on (int overflow in find_jobs); the harness
// stops there and says so, and only the runs before that instant are compared.
import { spawnSync } from 'node:child_process';

import { explainCron } from '../../src/cron/index';
import { zoneRules } from '../../src/cron/zone';
import type { Reference } from './build-refs';
import { ZONES, mulberry32 } from './corpus';

export type PosixDialect = 'standard' | 'github' | 'vertex';
export const POSIX_DIALECTS: PosixDialect[] = ['standard', 'github', 'vertex'];

export interface PosixCase {
  dialect: PosixDialect;
  expr: string;
  tz: string;
  from: string;
  count: number;
}

interface Answer {
  runs?: string[];
  error?: string;
  lenient?: boolean;
  /** The reference stopped searching here (Vixie cron's year-2038 limit). */
  until?: string;
}

export interface PosixOutcome {
  passed: number;
  failed: number;
  skipped: number;
  skipReasons: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MALFORMED = ['', '-1', '1-', 'a', '1//2', '**', '1-2-3', '*/', '/5', '+5', '01', '1,', ',1', '5-2', '*-3', '0x5', '1.5', '*/0', '?', 'L', '5#2', '99999999999', '1/5', '*/61'];
const PRESETS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@reboot', '@Daily', '@HOURLY', '@every 5m', '@quarterly'];

interface FieldKind {
  min: number;
  max: number;
  names?: string[];
}

/** The differential corpus for the POSIX dialects: deterministic for a seed. */
export function generatePosixCorpus(seed: number, perDialect: number): PosixCase[] {
  const r = mulberry32(seed ^ 0x5eed);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  const name = (n: string) => pick([n, n.toUpperCase(), n[0].toUpperCase() + n.slice(1), n.length > 3 ? n : `${n}day`]);

  const item = (f: FieldKind): string => {
    const k = r();
    const num = () => String(chance(0.94) ? int(f.min, f.max) : pick([f.max + 1, f.max + int(2, 40), Math.max(0, f.min - 1)]));
    if (k < 0.3) return num();
    if (k < 0.45) {
      const a = int(f.min, f.max);
      const b = chance(0.85) ? int(a, Math.min(f.max + (chance(0.08) ? 2 : 0), a + 20)) : int(f.min, a);
      return `${a}-${b}`;
    }
    if (k < 0.6) {
      const step = chance(0.92) ? int(1, Math.max(2, Math.floor((f.max - f.min) / 2))) : pick([0, f.max + 1]);
      const base = pick(['*', `${int(f.min, Math.floor((f.min + f.max) / 2))}-${int(Math.floor((f.min + f.max) / 2), f.max)}`]);
      return `${base}/${step}`;
    }
    if (k < 0.72 && f.names) {
      const a = int(0, f.names.length - 1);
      if (chance(0.3)) return `${name(f.names[a])}-${name(f.names[chance(0.85) ? int(a, f.names.length - 1) : int(0, a)])}`;
      return name(f.names[a]);
    }
    if (k < 0.76) return pick(MALFORMED);
    return num();
  };
  const field = (f: FieldKind, star: number) => {
    if (chance(star)) return chance(0.8) ? '*' : `*/${int(1, 12)}`;
    const n = chance(0.8) ? 1 : int(2, 3);
    return Array.from({ length: n }, () => item(f)).join(',');
  };
  const expression = (dialect: PosixDialect): string => {
    if (dialect === 'standard' && chance(0.05)) return pick(PRESETS);
    if (chance(0.02)) return pick(['0 0 * * * *', '0 0 * *', '* * * * * *', '0 3 * * 1 2026']);
    const fixed = chance(0.4);
    const minute = fixed ? String(pick([0, 0, 15, 30, 45, int(0, 59)])) : field({ min: 0, max: 59 }, 0.3);
    const hour = fixed ? String(pick([0, 1, 2, 3, 23, int(0, 23)])) : field({ min: 0, max: 23 }, 0.4);
    const dom = field({ min: 1, max: 31 }, 0.7);
    const month = field({ min: 1, max: 12, names: MONTHS }, 0.75);
    const dow = field({ min: 0, max: 7, names: DAYS }, 0.7);
    const text = [minute, hour, dom, month, dow].join(' ');
    // Spacing variants: tabs, doubled spaces, leading and trailing blanks.
    const s = r();
    if (s < 0.92) return text;
    if (s < 0.96) return text.replace(/ /g, () => pick([' ', '  ', '\t']));
    return s < 0.98 ? ` ${text}` : `${text} `;
  };

  const transitions = new Map(
    ZONES.map((z) => [z, zoneRules(z).transitionsBetween(Date.UTC(2024, 0, 1) / 1000, Date.UTC(2029, 0, 1) / 1000).map((t) => t.at)]),
  );
  const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
  const start = (zone: string): string => {
    const k = r();
    const list = transitions.get(zone) ?? [];
    if (k < 0.5 && list.length > 0) return iso(pick(list) + pick([-3 * 86400, -86400, -7200, -3600, -1, 0, 1800, 3600, 86400]) - pick([0, 0, int(0, 3600)]));
    if (k < 0.75) {
      const [y, m, d] = pick([[2026, 1, 31], [2026, 2, 28], [2026, 4, 30], [2026, 12, 31], [2027, 6, 30], [2028, 2, 28], [2028, 2, 29], [2028, 12, 31], [2029, 2, 28]]);
      return iso(Date.UTC(y, m - 1, d) / 1000 + int(0, 86399));
    }
    return iso(Date.UTC(2024, 0, 1) / 1000 + int(0, 6 * 365 * 86400));
  };

  const cases: PosixCase[] = [];
  for (const dialect of POSIX_DIALECTS) {
    for (let i = 0; i < perDialect; i++) {
      const expr = expression(dialect);
      for (let j = 0; j < 2; j++) {
        const tz = dialect === 'standard' && !chance(0.15) ? pick(ZONES) : 'UTC';
        cases.push({ dialect, expr, tz, from: start(tz), count: 5 });
      }
    }
  }
  return cases;
}

function ours(c: PosixCase): Answer {
  const r = explainCron(c.expr, { dialect: c.dialect, timeZone: c.tz, from: new Date(c.from), count: c.count });
  if (!r.valid) return { error: r.error?.message ?? 'invalid' };
  return { runs: r.nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z')) };
}

/** A range item whose start is after its end (numbers or names), in any field: cron selects nothing from it. */
export function hasBackwardsRange(expr: string): boolean {
  const value = (text: string, i: number): number | null => {
    if (/^[0-9]+$/.test(text)) return Number(text);
    const names = i === 3 ? MONTHS : i === 4 ? DAYS : null;
    const at = names ? names.indexOf(text.toLowerCase()) : -1;
    return at < 0 ? null : at + (i === 3 ? 1 : 0);
  };
  return expr
    .trim()
    .split(/\s+/)
    .some((f, i) =>
      f.split(',').some((item) => {
        const m = /^([0-9A-Za-z]+)-([0-9A-Za-z]+)(\/[0-9]+)?$/.exec(item);
        if (!m) return false;
        const a = value(m[1], i);
        const b = value(m[2], i);
        return a !== null && b !== null && a > b;
      }),
    );
}

function runVixie(ref: Reference, cases: PosixCase[]): Answer[] {
  const input = cases.map((c) => JSON.stringify({ expr: c.expr, tz: c.tz, from: c.from, count: c.count })).join('\n') + '\n';
  const res = spawnSync(ref.command!, ref.args!, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (res.status !== 0) throw new Error(`reference ${ref.name} failed (${res.status}): ${res.stderr.slice(0, 500)}`);
  const lines = res.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== cases.length) throw new Error(`reference ${ref.name}: ${lines.length} answers for ${cases.length} cases`);
  return lines.map((l) => JSON.parse(l) as Answer);
}

const show = (a: Answer) => (a.error !== undefined ? `rejects: ${a.error}` : `[${(a.runs ?? []).join(', ')}]${a.lenient ? ' (lenient)' : ''}`);

/** Runs the POSIX slice against Vixie cron; prints per-dialect agreement like run.ts does. */
export function runPosixDifferential(ref: Reference, seed: number, size: number, showMax: number): PosixOutcome {
  const cases = generatePosixCorpus(seed, size);
  const outcome: PosixOutcome = { passed: 0, failed: 0, skipped: 0, skipReasons: [] };
  if (!ref.available) {
    if (ref.broken) {
      outcome.failed += cases.length;
      console.log(`standard/github/vertex: FAILED ${cases.length} cases: reference vixie is installed but broken (${ref.reason})`);
    } else {
      outcome.skipped += cases.length;
      outcome.skipReasons.push(`standard/github/vertex: reference vixie unavailable (${ref.reason})`);
      console.log(`standard/github/vertex: SKIPPED ${cases.length} cases: reference vixie unavailable (${ref.reason})`);
    }
    return outcome;
  }
  const t0 = Date.now();
  let answers: Answer[];
  try {
    answers = runVixie(ref, cases);
  } catch (e) {
    outcome.failed += cases.length;
    console.log(`standard/github/vertex: FAILED ${cases.length} cases: ${e instanceof Error ? e.message : String(e)}`);
    return outcome;
  }
  const refMs = Date.now() - t0;
  for (const dialect of POSIX_DIALECTS) {
    let ok = 0;
    let shown = 0;
    let valid = 0;
    const byDesign = { lenient: 0, backwards: 0 };
    const kinds = { onlyReferenceRejects: 0, onlyOursRejects: 0, differentRuns: 0 };
    const group = cases.map((c, i) => [c, answers[i]] as const).filter(([c]) => c.dialect === dialect);
    for (const [c, theirs] of group) {
      const mine = ours(c);
      // Past cron's year-2038 limit there is nothing to compare: only runs before it count.
      if (theirs.until !== undefined && mine.runs) mine.runs = mine.runs.filter((r) => r < theirs.until!);
      if (theirs.error === undefined) valid++;
      const agree =
        theirs.error !== undefined || mine.error !== undefined
          ? theirs.error !== undefined && mine.error !== undefined
          : JSON.stringify(theirs.runs ?? []) === JSON.stringify(mine.runs ?? []);
      if (agree) {
        ok++;
        continue;
      }
      if (mine.error !== undefined && theirs.error === undefined && theirs.lenient) {
        byDesign.lenient++;
        ok++;
        continue;
      }
      if (mine.error !== undefined && theirs.error === undefined && !theirs.lenient && hasBackwardsRange(c.expr)) {
        byDesign.backwards++;
        ok++;
        continue;
      }
      if (theirs.error !== undefined) kinds.onlyReferenceRejects++;
      else if (mine.error !== undefined) kinds.onlyOursRejects++;
      else kinds.differentRuns++;
      if (shown++ < showMax) {
        console.log(`  DISAGREE [${dialect}] ${JSON.stringify(c.expr)} tz=${c.tz} from=${c.from}\n    reference (vixie): ${show(theirs)}\n    ours:      ${show(mine)}`);
      }
    }
    outcome.passed += ok;
    outcome.failed += group.length - ok;
    const pct = ((100 * ok) / group.length).toFixed(2);
    console.log(
      `${dialect}: ${ok}/${group.length} agree (${pct}%) vs vixie; ${valid} accepted by the reference; by design: ${byDesign.lenient} rejected where cron skips unreadable characters, ${byDesign.backwards} rejected backwards ranges`,
    );
    if (ok < group.length) {
      console.log(`  disagreements: ${kinds.onlyReferenceRejects} accepted although vixie rejects, ${kinds.onlyOursRejects} rejected although vixie accepts, ${kinds.differentRuns} with different next runs`);
    }
  }
  console.log(`vixie: ${cases.length} cases in ${refMs} ms`);
  return outcome;
}

// The differential corpus: expressions for each orchestrator dialect (valid,
// odd and malformed), time zones (with and without DST, southern hemisphere,
// half-hour and 45-minute offsets) and start instants next to DST changes,
// month ends and leap days. Deterministic for a seed.
import { zoneRules } from '../../src/cron/zone';

export type DiffDialect = 'kubernetes' | 'kubeflow' | 'airflow' | 'databricks';

export interface Case {
  dialect: DiffDialect;
  expr: string;
  tz: string;
  /** ISO-8601 UTC, whole seconds. */
  from: string;
  count: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/St_Johns',
  'America/Santiago',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
];

class Gen {
  constructor(private readonly r: () => number) {}
  float(): number {
    return this.r();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.r() * (b - a + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
}

interface FieldKind {
  min: number;
  max: number;
  names?: string[];
  /** Extra dialect-specific items for this field. */
  specials?: string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MALFORMED = ['', '-1', '1-', 'a', '1//2', '**', '1-2-3', '*/', '/5', '+5', '01', '1,', ',1', '5-2', '*-3', '0x5', '1.5', '*/0', '?', '99999999999'];

function nameCase(g: Gen, name: string): string {
  const mode = g.int(0, 2);
  return mode === 0 ? name : mode === 1 ? name.toUpperCase() : name[0].toUpperCase() + name.slice(1);
}

function item(g: Gen, f: FieldKind): string {
  const k = g.float();
  const num = () => String(g.chance(0.93) ? g.int(f.min, f.max) : g.pick([f.max + 1, f.max + g.int(2, 40), Math.max(0, f.min - 1)]));
  if (k < 0.22) return num();
  if (k < 0.36) {
    const a = g.int(f.min, f.max);
    const b = g.chance(0.85) ? g.int(a, Math.min(f.max + (g.chance(0.1) ? 3 : 0), a + 20)) : g.int(f.min, a);
    return `${a}-${b}`;
  }
  if (k < 0.5) {
    const step = g.chance(0.9) ? g.int(1, Math.max(2, Math.floor((f.max - f.min) / 2))) : g.pick([0, f.max + 1, f.max + 5]);
    const base = g.pick(['*', String(g.int(f.min, f.max)), `${g.int(f.min, Math.floor((f.min + f.max) / 2))}-${g.int(Math.floor((f.min + f.max) / 2), f.max)}`]);
    return `${base}/${step}`;
  }
  if (k < 0.6 && f.names) {
    const a = g.int(0, f.names.length - 1);
    if (g.chance(0.35)) {
      const b = g.chance(0.8) ? g.int(a, f.names.length - 1) : g.int(0, a);
      return `${nameCase(g, f.names[a])}-${nameCase(g, f.names[b])}`;
    }
    return nameCase(g, f.names[a]);
  }
  if (k < 0.72 && f.specials && f.specials.length > 0) return g.pick(f.specials);
  if (k < 0.76) return g.pick(MALFORMED);
  return num();
}

function field(g: Gen, f: FieldKind, starWeight = 0.45): string {
  if (g.chance(starWeight)) return '*';
  const n = g.chance(0.8) ? 1 : g.int(2, 3);
  return Array.from({ length: n }, () => item(g, f)).join(',');
}

const SECOND: FieldKind = { min: 0, max: 59 };
const MINUTE: FieldKind = { min: 0, max: 59 };
const HOUR: FieldKind = { min: 0, max: 23 };

function robfigExpr(g: Gen, secondsFirst: boolean): string {
  const r = g.float();
  if (r < 0.05) return g.pick(['@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually', '@every 1h', '@every 90m', '@every 1h30m', '@every 45s', '@every 500ms', '@every 1.5h', '@every bogus', '@reboot', '@Daily']);
  if (r < 0.07) return g.pick(['0 0 * * * * *', '0 0 *', '* * * *', '* * * * * * *', 'TZ=Europe/Berlin 0 2 * * *', 'CRON_TZ=Asia/Tokyo 0 0 9 * * *', 'CRON_TZ=Nowhere/City 0 0 * * *']);
  const dom: FieldKind = { min: 1, max: 31 };
  const month: FieldKind = { min: 1, max: 12, names: MONTH_NAMES };
  const dow: FieldKind = { min: 0, max: 7, names: DOW_NAMES, specials: ['?', '7', '0-7', 'monday', '*/1', '?/2'] };
  const fixedTime = g.chance(0.4);
  const minute = fixedTime ? String(g.pick([0, 0, 15, 30, 45, g.int(0, 59)])) : field(g, MINUTE, 0.3);
  const hour = fixedTime ? String(g.pick([0, 1, 2, 3, 23, g.int(0, 23)])) : field(g, HOUR, 0.4);
  const parts = [g.chance(0.02) ? '?' : minute, hour, field(g, dom, 0.7), field(g, month, 0.75), field(g, dow, 0.7)];
  if (!secondsFirst) return parts.join(' ');
  // Kubeflow: a 6-field string (seconds first) or the 5-field trap read as `s m h dom mon`.
  if (g.chance(0.6)) return [fixedTime ? '0' : field(g, SECOND, 0.2), ...parts].join(' ');
  return parts.join(' ');
}

function airflowExpr(g: Gen): string {
  const r = g.float();
  if (r < 0.05) return g.pick(['@hourly', '@daily', '@weekly', '@monthly', '@quarterly', '@yearly', '@annually', '@midnight', '@DAILY', '@every 5m', '@reboot']);
  const dom: FieldKind = { min: 1, max: 31, specials: ['L', 'l', '?', 'L-2', '1-L', '0'] };
  const month: FieldKind = { min: 1, max: 12, names: MONTH_NAMES, specials: ['0', 'jan-dec', 'dec-feb'] };
  const dow: FieldKind = { min: 0, max: 7, names: DOW_NAMES, specials: ['L5', 'l0', '1#2', 'mon#1', 'fri#5', '6#3', '2#6', '7', 'sat-sun', '5-1', '?', '1#2,3#1', '5L'] };
  const fixedTime = g.chance(0.4);
  const minute = fixedTime ? String(g.pick([0, 0, 30, g.int(0, 59)])) : field(g, MINUTE, 0.3);
  const hour = fixedTime ? String(g.pick([0, 1, 2, 3, 23, g.int(0, 23)])) : field(g, HOUR, 0.4);
  const parts = [minute, hour, field(g, dom, 0.7), field(g, month, 0.75), field(g, dow, 0.7)];
  const shape = g.float();
  if (shape < 0.1) parts.push(field(g, SECOND, 0.3)); // croniter: seconds LAST
  else if (shape < 0.14) parts.push(field(g, SECOND, 0.5), field(g, { min: 2020, max: 2035 }, 0.5));
  else if (shape < 0.16) parts.pop();
  return parts.join(' ');
}

function quartzExpr(g: Gen): string {
  if (g.chance(0.03)) return g.pick(['@daily', '0 0 12 * * ?', '0 0 12 ? * ?', '0 0 12 * *', '0 0 12 ? * MON 2027 extra', '0 0 0 ? * * 1969', '0 0 0 1 1 ? 2126-2130']);
  const dom: FieldKind = { min: 1, max: 31, specials: ['L', 'LW', 'L-3', 'L-30', 'L-31', '15W', '1W', '31W', 'W', '5L', '3W,5'] };
  const month: FieldKind = { min: 1, max: 12, names: MONTH_NAMES.map((m) => m.toUpperCase()), specials: ['NOV-FEB', 'JANUARY'] };
  const dow: FieldKind = { min: 1, max: 7, names: DOW_NAMES.map((d) => d.toUpperCase()), specials: ['L', '6L', '2#1', '6#3', 'MON#2', '2#6', 'FRI-MON', '0', 'SATL', '1#5', '3#1,4'] };
  const fixedTime = g.chance(0.45);
  const second = fixedTime ? '0' : field(g, SECOND, 0.2);
  const minute = fixedTime ? String(g.pick([0, 0, 30, g.int(0, 59)])) : field(g, MINUTE, 0.3);
  const hour = fixedTime ? String(g.pick([0, 1, 2, 3, 23, g.int(0, 23)])) : field(g, HOUR, 0.4);
  let domText: string;
  let dowText: string;
  const which = g.float();
  if (which < 0.47) {
    domText = field(g, dom, 0.3);
    dowText = '?';
  } else if (which < 0.94) {
    domText = '?';
    dowText = field(g, dow, 0.3);
  } else {
    domText = field(g, dom, 0.5);
    dowText = field(g, dow, 0.5);
  }
  const parts = [second, minute, hour, domText, field(g, month, 0.75), dowText];
  if (g.chance(0.12)) parts.push(g.pick(['*', '2027', '2026-2028', '2030/2', '2025,2029', '2027-2026']));
  return parts.join(' ');
}

function transitionsNear(zone: string): number[] {
  const rules = zoneRules(zone);
  const from = Date.UTC(2024, 0, 1) / 1000;
  const to = Date.UTC(2029, 0, 1) / 1000;
  return rules.transitionsBetween(from, to).map((t) => t.at);
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function startFor(g: Gen, zone: string, transitions: Map<string, number[]>): string {
  const k = g.float();
  const list = transitions.get(zone) ?? [];
  if (k < 0.5 && list.length > 0) {
    const at = g.pick(list);
    return iso(at + g.pick([-3 * 86400, -86400, -7200, -3600, -1, 0, 1800, 3600, 86400]) + g.pick([0, 0, -g.int(0, 3600)]));
  }
  if (k < 0.75) {
    // Month ends, year ends and leap days.
    const [y, m, d] = g.pick([
      [2026, 1, 31], [2026, 2, 28], [2026, 4, 30], [2026, 12, 31], [2027, 6, 30], [2028, 2, 28], [2028, 2, 29], [2028, 12, 31], [2029, 2, 28],
    ]);
    return iso(Date.UTC(y, m - 1, d) / 1000 + g.int(0, 86399));
  }
  return iso(Date.UTC(2024, 0, 1) / 1000 + g.int(0, 6 * 365 * 86400));
}

/** Spacing variants every parser splits differently at the edges: tabs, doubled, leading, trailing. */
function respace(g: Gen, expr: string): string {
  const r = g.float();
  if (r < 0.9) return expr;
  if (r < 0.94) return expr.replace(/ /g, () => g.pick([' ', '  ', '\t']));
  if (r < 0.97) return ` ${expr}`;
  return `${expr} `;
}

/** Kubeflow reads a CRON_TZ= / TZ= prefix itself (robfig); Kubernetes rejects it. */
function zonePrefix(g: Gen, expr: string): string {
  if (!g.chance(0.05) || expr.startsWith('@every')) return expr;
  return `${g.pick(['CRON_TZ=', 'TZ='])}${g.pick([...ZONES, 'Nowhere/Town', 'Europe/berlin'])} ${expr}`;
}

export function generateCorpus(seed: number, perDialect: number): Case[] {
  const g = new Gen(mulberry32(seed));
  const transitions = new Map(ZONES.map((z) => [z, transitionsNear(z)]));
  const cases: Case[] = [];
  const dialects: DiffDialect[] = ['kubernetes', 'kubeflow', 'airflow', 'databricks'];
  for (const dialect of dialects) {
    for (let i = 0; i < perDialect; i++) {
      const raw =
        dialect === 'kubernetes' ? robfigExpr(g, false) : dialect === 'kubeflow' ? robfigExpr(g, true) : dialect === 'airflow' ? airflowExpr(g) : quartzExpr(g);
      const expr = respace(g, dialect === 'kubernetes' || dialect === 'kubeflow' ? zonePrefix(g, raw) : raw);
      // Each expression in two zones / starts: memoisation gets exercised too.
      for (let j = 0; j < 2; j++) {
        const tz = g.chance(0.15) ? 'UTC' : g.pick(ZONES);
        cases.push({ dialect, expr, tz, from: startFor(g, tz, transitions), count: 5 });
      }
    }
  }
  return cases;
}

// Time zone arithmetic for the cron engine: UTC offsets of an IANA zone at an
// instant, the zone's transitions, and civil-date helpers. Everything works in
// whole seconds. "Local seconds" are the wall-clock fields of a zone encoded as
// if they were UTC (local = utc + offset), which makes calendar maths trivial.
//
// Offsets come from Intl (the tz database bundled with Node). They are
// expensive to ask for (~3 us), so each zone keeps a per-year table of its
// transitions, found by sampling once a week and bisecting every change.

const SECONDS_PER_DAY = 86400;
const SAMPLE_STEP = 7 * SECONDS_PER_DAY;

export interface Transition {
  /** UTC seconds of the change. */
  at: number;
  before: number;
  after: number;
}

interface YearTable {
  startOffset: number;
  transitions: Transition[];
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu', 'UCT', 'Etc/UCT']);

export class ZoneRules {
  readonly zone: string;
  private readonly years = new Map<number, YearTable>();
  private readonly format: Intl.DateTimeFormat | null;

  constructor(zone: string) {
    this.zone = zone;
    this.format = UTC_NAMES.has(zone)
      ? null
      : new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  }

  get isUtc(): boolean {
    return this.format === null;
  }

  /** Offset (seconds east of UTC) in force at the UTC instant `utc` (seconds). */
  offsetAt(utc: number): number {
    if (this.format === null) return 0;
    const table = this.yearTable(utcYear(utc));
    let offset = table.startOffset;
    for (const t of table.transitions) {
      if (t.at <= utc) offset = t.after;
      else break;
    }
    return offset;
  }

  /** The first transition strictly after `utc`, looking at most `limitYears` ahead. */
  nextTransition(utc: number, limitYears = 1): Transition | null {
    if (this.format === null) return null;
    const year = utcYear(utc);
    for (let y = year; y <= year + limitYears; y++) {
      for (const t of this.yearTable(y).transitions) if (t.at > utc) return t;
    }
    return null;
  }

  /** The last transition at or before `utc`, looking at most `limitYears` back. */
  previousTransition(utc: number, limitYears = 1): Transition | null {
    if (this.format === null) return null;
    const year = utcYear(utc);
    for (let y = year; y >= year - limitYears; y--) {
      const list = this.yearTable(y).transitions;
      for (let i = list.length - 1; i >= 0; i--) if (list[i].at <= utc) return list[i];
    }
    return null;
  }

  /** All transitions whose instant lies in [from, to). */
  transitionsBetween(from: number, to: number): Transition[] {
    if (this.format === null || to <= from) return [];
    const out: Transition[] = [];
    for (let y = utcYear(from); y <= utcYear(to); y++) {
      for (const t of this.yearTable(y).transitions) if (t.at >= from && t.at < to) out.push(t);
    }
    return out;
  }

  /** The transition whose gap or overlap contains the wall time `local`, if any. */
  transitionAtWall(local: number): Transition | null {
    const guess = local - this.offsetAt(local);
    for (const tr of this.transitionsBetween(guess - 2 * SECONDS_PER_DAY, guess + 2 * SECONDS_PER_DAY)) {
      const lo = tr.at + Math.min(tr.before, tr.after);
      const hi = tr.at + Math.max(tr.before, tr.after);
      if (local >= lo && local < hi) return tr;
    }
    return null;
  }

  /** The UTC instants whose wall clock reads `local` (0 in a gap, 2 in an overlap), ascending. */
  instantsOf(local: number): number[] {
    if (this.format === null) return [local];
    // Offsets within a day either side cover every zone (|offset| < 15 h).
    const a = this.offsetAt(local - 54000);
    const b = this.offsetAt(local + 54000);
    if (a === b) {
      const mid = this.offsetAt(local - a);
      if (mid === a) return [local - a];
    }
    const out: number[] = [];
    for (const off of a === b ? [a, this.offsetAt(local - a)] : [a, b]) {
      const u = local - off;
      if (this.offsetAt(u) === off && !out.includes(u)) out.push(u);
    }
    return out.sort((x, y) => x - y);
  }

  private yearTable(year: number): YearTable {
    let table = this.years.get(year);
    if (!table) {
      table = this.computeYear(year);
      this.years.set(year, table);
    }
    return table;
  }

  private rawOffset(utc: number): number {
    return parseLongOffset((this.format as Intl.DateTimeFormat).format(utc * 1000));
  }

  private computeYear(year: number): YearTable {
    const start = daysFromCivil(year, 1, 1) * SECONDS_PER_DAY;
    const end = daysFromCivil(year + 1, 1, 1) * SECONDS_PER_DAY;
    const startOffset = this.rawOffset(start);
    const transitions: Transition[] = [];
    let t = start;
    let off = startOffset;
    while (t < end) {
      const next = Math.min(t + SAMPLE_STEP, end);
      const nextOff = this.rawOffset(next);
      if (nextOff !== off) {
        // Bisect to the second: the first instant with the new offset.
        let lo = t;
        let hi = next;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.rawOffset(mid) === off) lo = mid;
          else hi = mid;
        }
        // `hi` may equal `end` (a change at 00:00 UTC on 1 January, Lisbon 1912): it is kept here, as next
        // year's table starts with the new offset and records no change at its start.
        transitions.push({ at: hi, before: off, after: this.rawOffset(hi) });
      }
      t = next;
      off = nextOff;
    }
    return { startOffset, transitions };
  }
}

function parseLongOffset(text: string): number {
  const i = text.lastIndexOf('GMT');
  const s = text.slice(i + 3);
  if (s === '') return 0;
  const sign = s[0] === '-' || s[0] === '\u2212' ? -1 : 1;
  const parts = s.slice(1).split(':').map(Number);
  return sign * ((parts[0] ?? 0) * 3600 + (parts[1] ?? 0) * 60 + (parts[2] ?? 0));
}

const rulesCache = new Map<string, ZoneRules>();

/** The rules of a zone (cached). Throws RangeError for an unknown zone: check with isValidTimeZone first. */
export function zoneRules(zone: string): ZoneRules {
  let rules = rulesCache.get(zone);
  if (!rules) {
    rules = new ZoneRules(zone);
    if (rulesCache.size > 200) rulesCache.clear();
    rulesCache.set(zone, rules);
  }
  return rules;
}

/** zone -> the spelling the tz database uses (only when it differs from `zone` by letter case), or null when unknown. */
const validity = new Map<string, { ok: boolean; spelling: string | null }>();

function checkZone(zone: string): { ok: boolean; spelling: string | null } {
  let v = validity.get(zone);
  if (v === undefined) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
      // Intl ignores letter case; the orchestrators (Go, Java, Python) do not: "Europe/berlin" fails there.
      const caseOnly = resolved !== zone && resolved.toLowerCase() === zone.toLowerCase();
      v = { ok: !caseOnly, spelling: caseOnly ? resolved : null };
    } catch {
      v = { ok: false, spelling: null };
    }
    if (validity.size > 500) validity.clear();
    validity.set(zone, v);
  }
  return v;
}

/** An IANA zone name the orchestrators accept (letter case matters, as it does for them). */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '' || zone.length > 100) return false;
  return checkZone(zone).ok;
}

/** "Europe/Berlin" for "Europe/berlin"; null when the name is fine or unknown. */
export function zoneSpellingHint(zone: string): string | null {
  if (typeof zone !== 'string' || zone === '' || zone.length > 100) return null;
  return checkZone(zone).spelling;
}

let machineZone: string | undefined;

/** The machine's zone (for the `standard` dialect's default); read once per process. */
export function machineTimeZone(): string {
  if (machineZone === undefined) {
    try {
      machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      machineZone = 'UTC';
    }
  }
  return machineZone;
}

// ---- civil calendar (proleptic Gregorian), after H. Hinnant's algorithms ----

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

// The date part of the last conversion: the cron walks call this many times per day.
let lastDays = NaN;
let lastYear = 0;
let lastMonth = 0;
let lastDay = 0;

export function civilFromSeconds(local: number): Civil {
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secs = local - days * SECONDS_PER_DAY;
  if (days !== lastDays) {
    const d = civilDate(days);
    lastDays = days;
    lastYear = d[0];
    lastMonth = d[1];
    lastDay = d[2];
  }
  return {
    year: lastYear,
    month: lastMonth,
    day: lastDay,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

function civilDate(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

export function localSeconds(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s;
}

/**
 * localSeconds for fields that may overflow, as Go's time.Date and a lenient
 * java.util.Calendar take them: month 13 is January of the next year, day 0
 * the last day of the month before, hour 25 1 am the next day.
 */
export function lenientLocalSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const m0 = mo - 1;
  return localSeconds(y + Math.floor(m0 / 12), (((m0 % 12) + 12) % 12) + 1, 1, h, mi, s) + (d - 1) * SECONDS_PER_DAY;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

export function weekdayOf(y: number, m: number, d: number): number {
  return (((daysFromCivil(y, m, d) + 4) % 7) + 7) % 7;
}

export function utcYear(utc: number): number {
  return civilFromSeconds(utc).year;
}

// ---- display ----

/** `2026-12-02T14:05:00Z`: UTC, no milliseconds, as every JSON output and message writes instants. */
export function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const displayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Wed 2 Dec 2026, 15:05 CET": a compact, unambiguous wall time in `timeZone`. */
export function formatInZone(date: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  let fmt = displayFormats.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    displayFormats.set(zone, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(date)) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

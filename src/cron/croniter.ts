// croniter (Python), the reader Airflow uses, as of croniter 7.0.0 (what Airflow
// 3.3 and 2.10 install): its acceptance rules (5 fields, or 6 with seconds LAST,
// or 7 with a year; names, `L`, `nL`-style `L5`, `d#n`, wrap-around ranges) and
// its next-run walk. Airflow runs it on NAIVE wall-clock times (airflow.ts); the
// aware-time DST adjustment kept below is croniter 6.0's, used by nothing but
// the version comparison. Differential-tested against croniter 7.0 and through
// Airflow's own timetables (test/differential).

import { CronParseError, DOW_NAMES, FIVE_FIELD_PRESETS, MONTH_NAMES, type Token, tokenize, own } from './fields';
import type { CronField } from './types';
import { type ZoneRules, civilFromSeconds, daysInMonth, localSeconds, weekdayOf } from './zone';

type Value = number | '*' | 'l';

export interface CroniterSpec {
  /** Per field (minute, hour, dom, month, dow, [second, [year]]): sorted values, or ['*']. */
  expanded: Value[][];
  /** dow -> set of n (1-5) or 'l'. */
  nth: Map<number, Set<number | 'l'>>;
  length: 5 | 6 | 7;
}

const RANGES: Array<[number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6], [0, 59], [1970, 2099]];
const LEN_MEANS_ALL = [60, 24, 31, 12, 7, 60, 130];
const FIELD_NAMES: CronField[] = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'second', 'year'];
const ALPHA: Array<Readonly<Record<string, Value>>> = [{}, {}, { l: 'l' }, MONTH_NAMES, DOW_NAMES, {}, {}];

// croniter 7.0 splits fields with re.findall(r"\\S+", re.ASCII): ASCII whitespace only
// (6.0 used str.split(), which also split on Unicode spaces).
const PY_SPACE = /[ \t\n\r\f\v]+/g;
const STEP_RE = /^([^-]+)-([^-/]+)(\/(\d+))?$/;
const INT_RE = /^\d+$/;
const STAR_OR_INT = /^(\d+|\*)$/;
const SPECIAL_DOW = /^(?:((?:(?:sun|mon|tue|wed|thu|fri|sat)(?:-(?:sun|mon|tue|wed|thu|fri|sat))?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))?|\w+))#|(l))(\d+)$/;
const HASH_RE = /^(h|r)(\((\d+)-(\d+)\))?(\/(\d+))?$/;

function bad(field: number, token: Token | undefined, detail: string): CronParseError {
  const name = FIELD_NAMES[field];
  return new CronParseError(`${name}: ${detail}`, name, token?.start, token?.end);
}

function valueAlias(val: Value, field: number, length: number): Value {
  if (typeof val !== 'number') return val;
  // croniter 7.0: 0 is never a day or month, whatever the length; 7 is Sunday in every form
  // (6.0 kept 7 as is in the 6- and 7-field forms, and read a day 0 as 1 in the 6-field one).
  const excluded = field === 2 || field === 3;
  void length;
  if (excluded) return val;
  if ((field === 2 || field === 3) && val === 0) return 1;
  if (field === 4 && val === 7) return 0;
  return val;
}

function alphaconv(field: number, key: string, token: Token | undefined): Value {
  const v = own(ALPHA[field], key);
  if (v === undefined) {
    const names = field === 3 ? ' or a month name (jan-dec)' : field === 4 ? ' or a day name (sun-sat)' : '';
    throw bad(field, token, `${JSON.stringify(key)} is not a number${names}`);
  }
  return v;
}

function pyRange(a: number, b: number, step: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i += step) out.push(i);
  return out;
}

/**
 * croniter's expand(), for an expression already lowercased with presets
 * resolved. `offset` = where `body` sits in the user's string.
 */
export function parseCroniter(original: string, offset: number): CroniterSpec {
  const efl = original.toLowerCase();
  const preset = own(FIVE_FIELD_PRESETS, efl); // croniter's own presets are the same seven
  const tokens: Token[] = preset !== undefined ? tokenize(preset, offset).map((t) => ({ ...t, start: offset, end: offset + original.length })) : tokenize(efl, offset, PY_SPACE);
  const length = tokens.length;
  if (length !== 5 && length !== 6 && length !== 7) {
    throw new CronParseError(`expected 5 fields, got ${length} (minute hour day-of-month month day-of-week; croniter also takes 6 with seconds last, or 7 with a year)`, null, offset, offset + original.length);
  }
  const expressions = tokens.map((t) => t.text);
  const expanded: Value[][] = [];
  const nth = new Map<number, Set<number | 'l'>>();

  for (let field = 0; field < length; field++) {
    const token = tokens[field];
    let expr = expressions[field];
    const hash = HASH_RE.exec(expr);
    if (hash) {
      if (hash[1] === 'h') throw bad(field, token, '"H" needs a hash id, which Airflow does not pass');
      throw bad(field, token, '"R" (random) is not supported here');
    }
    if (expr.includes('?')) {
      if (expr !== '?') throw bad(field, token, '"?" cannot be combined with other characters');
      if (field !== 2 && field !== 4) throw bad(field, token, '"?" is only allowed in day-of-month or day-of-week');
      expr = '*';
    }
    const eList: Array<string | number> = expr.split(',');
    const res: Value[] = [];
    while (eList.length > 0) {
      let e = String(eList.pop());
      let nthValue: number | 'l' | null = null;
      if (field === 4) {
        const special = SPECIAL_DOW.exec(e);
        if (special) {
          const he = special[1];
          const last = special[3];
          if (he) {
            e = he;
            const n = Number(last);
            if (!(n >= 1 && n <= 5)) throw bad(field, token, `#${last}: the week number must be 1-5`);
            nthValue = n;
          } else if (last) {
            e = last;
            nthValue = 'l';
          }
        }
      }
      let t = /^\*(\/.+)$/.test(e) ? e.replace(/^\*(\/.+)$/, `${RANGES[field][0]}-${RANGES[field][1]}$1`) : e;
      let m = STEP_RE.exec(t);
      // croniter 7.0: "{start}/{step}" is a start with a step, not a range ("59/15" is minute 59).
      let startWithStep = false;
      if (!m) {
        t = /^(.+)\/(.+)$/.test(e) ? e.replace(/^(.+)\/(.+)$/, `$1-${RANGES[field][1]}/$2`) : e;
        m = STEP_RE.exec(t);
        startWithStep = m !== null;
      }
      if (m) {
        let low: string = m[1];
        let high: string = m[2];
        const stepText = m[4] ?? '1';
        if (field === 2 && high === 'l') high = '31';
        if (!INT_RE.test(low)) low = String(alphaconv(field, low, token));
        if (!INT_RE.test(high)) high = String(alphaconv(field, high, token));
        const step = Number(stepText);
        for (const band of [low, high]) {
          if (!INT_RE.test(band)) throw bad(field, token, `range ${low}-${high} is not acceptable`);
        }
        const lo = valueAlias(Number(low), field, length) as number;
        const hi = valueAlias(Number(high), field, length) as number;
        const [min, max] = RANGES[field];
        if (Math.max(lo, hi) > Math.max(min, max)) throw bad(field, token, `${Math.max(lo, hi)} is out of range ${min}-${max}`);
        if (step === 0) throw bad(field, token, 'step 0 is not allowed');
        let rng: number[];
        if (startWithStep && lo === hi) {
          rng = [lo];
        } else if (lo > hi) {
          const whole = pyRange(min, max + 1, 1);
          rng = pyRange(lo, max + 1, step);
          let toSkip = 0;
          if (rng.length > 0) {
            const lastV = rng[rng.length - 1];
            const alreadySkipped = [...whole].reverse().indexOf(lastV);
            const curpos = whole.indexOf(lastV);
            if (curpos + step > whole.length && alreadySkipped < step) toSkip = step - alreadySkipped;
          }
          rng = rng.concat(pyRange(min + toSkip, hi + 1, step));
        } else if (lo === hi) {
          rng = pyRange(min, max + 1, step);
        } else {
          rng = pyRange(lo, hi + 1, step);
        }
        if (field === 4 && nthValue !== null && nthValue !== 'l') {
          for (const item of rng) {
            const s = `${item}#${nthValue}`;
            if (!eList.includes(s)) eList.push(s);
          }
        } else {
          for (const item of rng) if (!eList.includes(item)) eList.push(item);
        }
      } else {
        if (t.startsWith('-')) throw bad(field, token, `negative number ${t} is not allowed`);
        let v: Value;
        if (!STAR_OR_INT.test(t)) v = alphaconv(field, t, token);
        else v = t === '*' ? '*' : Number(t);
        v = valueAlias(v, field, length);
        if (v !== '*' && v !== 'l') {
          const [min, max] = RANGES[field];
          if (v < min || v > max) throw bad(field, token, `${v} is out of range ${min}-${max}`);
        }
        res.push(v);
        if (field === 4 && nthValue !== null && typeof v === 'number') {
          let set = nth.get(v);
          if (!set) nth.set(v, (set = new Set()));
          set.add(nthValue);
        }
      }
    }
    const unique = [...new Set(res)].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    let out: Value[] = unique;
    if (unique.length === LEN_MEANS_ALL[field]) {
      const keep = (field === 2 && !expressions[4].includes('*')) || (field === 4 && !expressions[2].includes('*'));
      if (!keep) out = ['*'];
    }
    expanded.push(out.length === 1 && out[0] === '*' ? ['*'] : out);
  }
  if (nth.size > 0) {
    const dowSet = new Set(expanded[4]);
    const rest = [...dowSet].filter((v) => v !== '*' && !(typeof v === 'number' && nth.has(v)));
    if (rest.length > 0 && dowSet.size !== LEN_MEANS_ALL[4]) {
      throw bad(4, tokens[4], 'croniter does not support mixing plain days with "#" days');
    }
  }
  return { expanded, nth, length: length as 5 | 6 | 7 };
}

function sortKey(v: Value): string {
  return typeof v === 'number' ? String(v).padStart(2, '0') : v;
}

// ---- next run ----

/** A Python aware datetime: wall-clock seconds plus the fold flag. */
interface Wall {
  local: number;
  fold: 0 | 1;
}

function wallOffset(rules: ZoneRules, w: Wall): number {
  if (rules.isUtc) return 0;
  const tr = rules.transitionAtWall(w.local);
  if (tr) return w.fold === 0 ? tr.before : tr.after;
  const instants = rules.instantsOf(w.local);
  return instants.length > 0 ? w.local - instants[0] : rules.offsetAt(w.local - rules.offsetAt(w.local));
}

function toTimestamp(rules: ZoneRules, w: Wall): number {
  return w.local - wallOffset(rules, w);
}

function fromTimestamp(rules: ZoneRules, ts: number): Wall {
  const off = rules.offsetAt(ts);
  const local = ts + off;
  const instants = rules.instantsOf(local);
  return { local, fold: instants.length === 2 && ts === instants[1] ? 1 : 0 };
}

interface RelDelta {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/** dateutil relativedelta addition on wall-clock fields (the result has fold 0). */
function add(w: Wall, r: RelDelta): Wall {
  const c = civilFromSeconds(w.local);
  let year = c.year + (r.years ?? 0);
  let month = r.month ?? c.month;
  if (r.months) {
    month += r.months;
    if (month > 12) {
      year += 1;
      month -= 12;
    } else if (month < 1) {
      year -= 1;
      month += 12;
    }
  }
  const day = Math.min(daysInMonth(year, month), r.day ?? c.day);
  const local =
    localSeconds(year, month, day, r.hour ?? c.hour, r.minute ?? c.minute, r.second ?? c.second) +
    (r.days ?? 0) * 86400 +
    (r.hours ?? 0) * 3600 +
    (r.minutes ?? 0) * 60 +
    (r.seconds ?? 0);
  return { local, fold: 0 };
}

function nextNearestDiff(x: number, values: Value[], range: number | null): number | null {
  for (const v of values) {
    const d = v === 'l' && range !== null ? range : v;
    // croniter 7.0 skips values past the range (day 31 in a 30-day month).
    if (typeof d === 'number' && range !== null && d > range) continue;
    if (typeof d === 'number' && d >= x) return d - x;
  }
  if (range === null) return null;
  return (values[0] as number) - x + range;
}

function hasStar(values: Value[]): boolean {
  return values.includes('*');
}

function nthWeekdays(year: number, month: number, dow: number): number[] {
  const out: number[] = [];
  const first = weekdayOf(year, month, 1);
  for (let d = 1 + ((dow - first + 7) % 7); d <= daysInMonth(year, month); d += 7) out.push(d);
  return out;
}

const MAX_YEARS_BETWEEN_MATCHES = 50;

function calc(rules: ZoneRules, nowTs: number, expanded: Value[][], nth: Map<number, Set<number | 'l'>>): number | null {
  const length = expanded.length;
  const now = Math.floor(nowTs);
  let dst = fromTimestamp(rules, now + (length > 5 ? 1 : 60));
  let c = civilFromSeconds(dst.local);
  let month = c.month;
  let year = c.year;
  const currentYear = c.year;

  type Proc = (d: Wall) => [boolean | null, Wall];
  const procYear: Proc = (d) => {
    if (length === 7 && !hasStar(expanded[6])) {
      const diff = nextNearestDiff(civilFromSeconds(d.local).year, expanded[6], null);
      if (diff === null) return [null, d];
      if (diff !== 0) return [true, add(d, { years: diff, month: 1, day: 1, hour: 0, minute: 0, second: 0 })];
    }
    return [false, d];
  };
  const procMonth: Proc = (d) => {
    if (!hasStar(expanded[3])) {
      const diff = nextNearestDiff(civilFromSeconds(d.local).month, expanded[3], 12);
      if (diff !== null && diff !== 0) return [true, add(d, { months: diff, day: 1, hour: 0, minute: 0, second: 0 })];
    }
    return [false, d];
  };
  const procDom: Proc = (d) => {
    if (!hasStar(expanded[2])) {
      const days = daysInMonth(year, month);
      const day = civilFromSeconds(d.local).day;
      if (expanded[2].includes('l') && days === day) return [false, d];
      const diff = nextNearestDiff(day, expanded[2], days);
      if (diff !== null && diff !== 0) return [true, add(d, { days: diff, hour: 0, minute: 0, second: 0 })];
    }
    return [false, d];
  };
  const procDow: Proc = (d) => {
    if (!hasStar(expanded[4])) {
      const diff = nextNearestDiff(civilFromSeconds(d.local).weekday, expanded[4], 7);
      if (diff !== null && diff !== 0) return [true, add(d, { days: diff, hour: 0, minute: 0, second: 0 })];
    }
    return [false, d];
  };
  const procDowNth: Proc = (d) => {
    const cd = civilFromSeconds(d.local);
    const candidates: number[] = [];
    for (const [wday, ns] of nth) {
      const days = nthWeekdays(cd.year, cd.month, wday);
      for (const n of ns) {
        let candidate: number;
        if (n === 'l') candidate = days[days.length - 1];
        else if (days.length < n) continue;
        else candidate = days[n - 1];
        if (cd.day <= candidate) candidates.push(candidate);
      }
    }
    if (candidates.length === 0) {
      const days = daysInMonth(year, month);
      return [true, add(d, { days: days - cd.day + 1, hour: 0, minute: 0, second: 0 })];
    }
    const diff = Math.min(...candidates) - cd.day;
    if (diff !== 0) return [true, add(d, { days: diff, hour: 0, minute: 0, second: 0 })];
    return [false, d];
  };
  const procHour: Proc = (d) => {
    if (!hasStar(expanded[1])) {
      const diff = nextNearestDiff(civilFromSeconds(d.local).hour, expanded[1], 24);
      if (diff !== null && diff !== 0) return [true, add(d, { hours: diff, minute: 0, second: 0 })];
    }
    return [false, d];
  };
  const procMinute: Proc = (d) => {
    if (!hasStar(expanded[0])) {
      const diff = nextNearestDiff(civilFromSeconds(d.local).minute, expanded[0], 60);
      if (diff !== null && diff !== 0) return [true, add(d, { minutes: diff, second: 0 })];
    }
    return [false, d];
  };
  const procSecond: Proc = (d) => {
    if (length > 5) {
      if (!hasStar(expanded[5])) {
        const diff = nextNearestDiff(civilFromSeconds(d.local).second, expanded[5], 60);
        if (diff !== null && diff !== 0) return [true, add(d, { seconds: diff })];
      }
      return [false, d];
    }
    return [false, add(d, { second: 0 })];
  };
  const procs: Proc[] = [procYear, procMonth, procDom, nth.size > 0 ? procDowNth : procDow, procHour, procMinute, procSecond];

  while (Math.abs(year - currentYear) <= MAX_YEARS_BETWEEN_MATCHES) {
    let next = false;
    let stop = false;
    for (const proc of procs) {
      const [changed, d] = proc(dst);
      dst = d;
      if (changed === null) {
        stop = true;
        break;
      }
      if (changed) {
        c = civilFromSeconds(dst.local);
        month = c.month;
        year = c.year;
        next = true;
        break;
      }
    }
    if (stop) break;
    if (next) continue;
    return toTimestamp(rules, dst);
  }
  return null;
}

/** A croniter iterator started at `from` (UTC seconds): successive get_next() results. */
export function croniterRuns(spec: CroniterSpec, rules: ZoneRules, from: number, count: number): number[] {
  const out: number[] = [];
  let cur = from;
  let dstStart = from;
  const { expanded, nth } = spec;
  for (let i = 0; i < count; i++) {
    let result: number | null;
    if (expanded[2][0] !== '*' && expanded[4][0] !== '*') {
      const t1 = calc(rules, cur, expanded.map((v, k) => (k === 4 ? ['*' as Value] : v)), nth);
      const t2 = calc(rules, cur, expanded.map((v, k) => (k === 2 ? ['*' as Value] : v)), nth);
      // croniter 7.0: when one side finds nothing, the other wins (unless `#`/`L` weekdays are involved: then it raises).
      if (t1 === null || t2 === null) result = nth.size === 0 ? (t1 ?? t2) : null;
      else result = t1 < t2 ? t1 : t2;
    } else {
      result = calc(rules, cur, expanded, nth);
    }
    if (result === null) break;
    // croniter's DST adjustment for runs that cross a change of offset.
    const startOffset = rules.offsetAt(dstStart);
    const startWall = civilFromSeconds(dstStart + startOffset);
    const resultOffset = rules.offsetAt(result);
    if (!rules.isUtc && resultOffset !== startOffset) {
      const lag = resultOffset - startOffset;
      const lagHours = (result + resultOffset - (dstStart + startOffset)) / 3600;
      const hoursBeforeMidnight = 24 - startWall.hour;
      if ((lag > 0 && Math.abs(lagHours) >= hoursBeforeMidnight) || (lag < 0 && 3600 * Math.abs(lagHours) + Math.abs(lag) >= hoursBeforeMidnight * 3600)) {
        const adjusted: Wall = { local: result + resultOffset - lag, fold: 0 };
        result = toTimestamp(rules, adjusted);
        dstStart = result;
      }
    }
    cur = result;
    out.push(result);
  }
  return out;
}


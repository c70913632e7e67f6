// Quartz CronExpression (Databricks): `sec min hour dom month dow [year]`,
// `?` in exactly one of the day fields, day of week 1-7 with 1 = Sunday,
// L / L-n / LW / nW in day of month, nL and n#k in day of week, names (JAN,
// MON; only the first three letters count), wrap-around ranges (22-2).
// Acceptance follows Quartz 2.3, quirks included (differential-tested).

import { CronParseError, type FieldSpec, type Token, emptySpec, tokenize } from './fields';
import type { CronField } from './types';

const SECOND = 0;
const MINUTE = 1;
const HOUR = 2;
const DOM = 3;
const MONTH = 4;
const DOW = 5;
const YEAR = 6;
const FIELDS: CronField[] = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek', 'year'];
const ALL = 99;
const NO_SPEC = 98;
/** Quartz stops looking 100 years after the current year. */
const QUARTZ_MAX_YEAR_AHEAD = 100;

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DOW_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Quartz's day flags and year bound: the parser's state and QuartzSets both carry them. */
interface QuartzFlags {
  lastDayOfMonth: boolean;
  lastDayOffset: number;
  nearestWeekday: boolean;
  lastDayOfWeek: boolean;
  nthDayOfWeek: number;
  maxYear: number;
}

interface State extends QuartzFlags {
  sets: Array<Set<number>>;
}

class Fail extends Error {}

function fail(message: string): never {
  throw new Fail(message);
}

const RANGE_MESSAGES = [
  'seconds must be 0-59',
  'minutes must be 0-59',
  'hours must be 0-23',
  'days of month must be 1-31',
  'months must be 1-12 (or JAN-DEC)',
  'days of week must be 1-7 (1 = Sunday; or SUN-SAT)',
];

function addToSet(st: State, val: number, end: number, incr: number, type: number): void {
  const set = st.sets[type];
  const bad = (max: number, min = 0) => (val < min || val > max || end > max) && val !== ALL;
  if ((type === SECOND || type === MINUTE) && bad(59)) fail(`${describe(val, end)}: ${RANGE_MESSAGES[type]}`);
  if (type === HOUR && bad(23)) fail(`${describe(val, end)}: ${RANGE_MESSAGES[type]}`);
  if (type === DOM && bad(31, 1) && val !== NO_SPEC) fail(`${describe(val, end)}: ${RANGE_MESSAGES[type]}`);
  if (type === MONTH && bad(12, 1)) fail(`${describe(val, end)}: ${RANGE_MESSAGES[type]}`);
  if (type === DOW && (val === 0 || val > 7 || end > 7) && val !== ALL && val !== NO_SPEC) fail(`${describe(val, end)}: ${RANGE_MESSAGES[type]}`);
  if ((incr === 0 || incr === -1) && val !== ALL) {
    set.add(val !== -1 ? val : NO_SPEC);
    return;
  }
  let startAt = val;
  let stopAt = end;
  if (val === ALL && incr <= 0) {
    incr = 1;
    set.add(ALL);
  }
  const lows = [0, 0, 0, 1, 1, 1, 1970];
  const highs = [59, 59, 23, 31, 12, 7, st.maxYear];
  if (stopAt === -1) stopAt = highs[type];
  if (startAt === -1 || startAt === ALL) startAt = lows[type];
  let max = -1;
  if (stopAt < startAt) {
    if (type === YEAR) fail('a year range must not run backwards');
    max = [60, 60, 24, 31, 12, 7][type];
    stopAt += max;
  }
  for (let i = startAt; i <= stopAt; i += incr) {
    if (max === -1) set.add(i);
    else {
      let i2 = i % max;
      if (i2 === 0 && (type === MONTH || type === DOW || type === DOM)) i2 = max;
      set.add(i2);
    }
  }
}

function describe(val: number, end: number): string {
  return end > -1 && end !== val ? `${val}-${end}` : String(val);
}

function readNumber(s: string, i: number): { value: number; pos: number } {
  let j = i;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  const text = s.slice(i, j);
  const value = Number(text);
  if (text === '' || value > 2147483647) fail(`${JSON.stringify(s)} is not a valid number`);
  return { value, pos: j };
}

function digitAt(s: string, i: number): number {
  const c = s[i];
  if (c === undefined || c < '0' || c > '9') fail(`${JSON.stringify(s)}: expected a digit at position ${i + 1}`);
  return Number(c);
}

function checkIncrement(incr: number, type: number): void {
  const limits = [59, 59, 23, 31, 12, 7];
  if (type < YEAR && incr > limits[type]) fail(`step ${incr} is larger than the field allows (${limits[type]})`);
}

function checkNext(st: State, s: string, pos: number, val: number, type: number): void {
  if (pos >= s.length) {
    addToSet(st, val, -1, -1, type);
    return;
  }
  const c = s[pos];
  if (c === 'L') {
    if (type !== DOW) fail(`"L" after a number is only valid in day of week (${JSON.stringify(s)})`);
    if (val < 1 || val > 7) fail(`${val}: ${RANGE_MESSAGES[DOW]}`);
    st.lastDayOfWeek = true;
    st.sets[type].add(val);
    return;
  }
  if (c === 'W') {
    if (type !== DOM) fail(`"W" is only valid in day of month (${JSON.stringify(s)})`);
    st.nearestWeekday = true;
    if (val > 31) fail(`${val}W: days of month must be 1-31`);
    st.sets[type].add(val);
    return;
  }
  if (c === '#') {
    if (type !== DOW) fail(`"#" is only valid in day of week (${JSON.stringify(s)})`);
    const rest = s.slice(pos + 1);
    const n = /^[+-]?\d+$/.test(rest) ? Number(rest) : NaN;
    if (!(n >= 1 && n <= 5)) fail(`"#" must be followed by a week number 1-5 (${JSON.stringify(s)})`);
    st.nthDayOfWeek = n;
    st.sets[type].add(val);
    return;
  }
  if (c === '-') {
    let i = pos + 1;
    let end = digitAt(s, i);
    i++;
    if (i >= s.length) {
      addToSet(st, val, end, 1, type);
      return;
    }
    if (s[i] >= '0' && s[i] <= '9') {
      const vs = readNumber(s, i - 1);
      end = vs.value;
      i = vs.pos;
    }
    if (i < s.length && s[i] === '/') {
      i++;
      const v2 = digitAt(s, i);
      i++;
      if (i >= s.length) {
        addToSet(st, val, end, v2, type);
        return;
      }
      if (s[i] >= '0' && s[i] <= '9') {
        addToSet(st, val, end, readNumber(s, i - 1).value, type);
        return;
      }
      addToSet(st, val, end, v2, type);
      return;
    }
    addToSet(st, val, end, 1, type);
    return;
  }
  if (c === '/') {
    if (pos + 1 >= s.length) fail(`"/" must be followed by a number (${JSON.stringify(s)})`);
    const v2 = digitAt(s, pos + 1);
    if (pos + 2 >= s.length) {
      checkIncrement(v2, type);
      addToSet(st, val, -1, v2, type);
      return;
    }
    if (s[pos + 2] >= '0' && s[pos + 2] <= '9') {
      const v3 = readNumber(s, pos + 1).value;
      checkIncrement(v3, type);
      addToSet(st, val, -1, v3, type);
      return;
    }
    fail(`unexpected ${JSON.stringify(s[pos + 2])} after "/" (${JSON.stringify(s)})`);
  }
  addToSet(st, val, -1, 0, type);
}

function storeItem(st: State, s: string, type: number): void {
  if (s.length === 0) return;
  const c = s[0];
  if (c >= 'A' && c <= 'Z' && s !== 'L' && s !== 'LW' && !/^L-[0-9]*W?$/.test(s)) {
    if (s.length < 3) fail(`${JSON.stringify(s)} is not a valid name`);
    const sub = s.slice(0, 3);
    let sval = -1;
    let eval_ = -1;
    if (type === MONTH) {
      sval = MONTH_NAMES.indexOf(sub) + 1;
      if (sval <= 0) fail(`${JSON.stringify(sub)} is not a month name (JAN-DEC)`);
      if (s.length > 3 && s[3] === '-') {
        const sub2 = s.slice(4, 7);
        if (sub2.length < 3) fail(`${JSON.stringify(s)}: expected a month name after "-"`);
        eval_ = MONTH_NAMES.indexOf(sub2) + 1;
        if (eval_ <= 0) fail(`${JSON.stringify(sub2)} is not a month name (JAN-DEC)`);
      }
    } else if (type === DOW) {
      sval = DOW_NAMES.indexOf(sub) + 1;
      if (sval <= 0) fail(`${JSON.stringify(sub)} is not a day name (SUN-SAT)`);
      if (s.length > 3) {
        const n = s[3];
        if (n === '-') {
          const sub2 = s.slice(4, 7);
          if (sub2.length < 3) fail(`${JSON.stringify(s)}: expected a day name after "-"`);
          eval_ = DOW_NAMES.indexOf(sub2) + 1;
          if (eval_ <= 0) fail(`${JSON.stringify(sub2)} is not a day name (SUN-SAT)`);
        } else if (n === '#') {
          const rest = s.slice(4);
          const k = /^[+-]?\d+$/.test(rest) ? Number(rest) : NaN;
          if (!(k >= 1 && k <= 5)) fail(`"#" must be followed by a week number 1-5 (${JSON.stringify(s)})`);
          st.nthDayOfWeek = k;
        } else if (n === 'L') {
          st.lastDayOfWeek = true;
        }
      }
    } else {
      fail(`${JSON.stringify(s)}: names are not allowed here`);
    }
    addToSet(st, sval, eval_, eval_ !== -1 ? 1 : 0, type);
    return;
  }
  if (c === '?') {
    if (s.length > 2) fail(`unexpected ${JSON.stringify(s[1])} after "?"`);
    if (type !== DOW && type !== DOM) fail('"?" is only allowed in day of month or day of week');
    if (type === DOW && !st.lastDayOfMonth) {
      const dom = st.sets[DOM];
      if (dom.size > 0 && Math.max(...dom) === NO_SPEC) fail('"?" can be used in day of month or day of week, not both');
    }
    addToSet(st, NO_SPEC, -1, 0, type);
    return;
  }
  if (c === '*' || c === '/') {
    if (c === '*' && s.length === 1) {
      addToSet(st, ALL, -1, 0, type);
      return;
    }
    if (c === '/' && s.length === 1) fail('"/" must be followed by a number');
    let i = c === '*' ? 1 : 0;
    let incr = 1;
    if (s[i] === '/') {
      i++;
      if (i >= s.length) fail(`"/" must be followed by a number (${JSON.stringify(s)})`);
      const rest = s.slice(i);
      if (!/^[+-]?\d+$/.test(rest) || Math.abs(Number(rest)) > 2147483647) fail(`step ${JSON.stringify(rest)} is not a number`);
      incr = Number(rest);
      checkIncrement(incr, type);
    }
    addToSet(st, ALL, -1, incr, type);
    return;
  }
  if (c === 'L') {
    let i = 1;
    if (type === DOM) st.lastDayOfMonth = true;
    if (type === DOW) addToSet(st, 7, 7, 0, type);
    if (type === DOM && s.length > i) {
      if (s[i] === '-') {
        // Quartz 2.3.2 reads "L-W" as offset 0 (its getValue starts from "0").
        const vs = s[i + 1] === 'W' ? { value: 0, pos: i + 1 } : readNumber(s, i + 1);
        st.lastDayOffset = vs.value;
        if (st.lastDayOffset > 30) fail(`L-${vs.value}: the offset from the last day must be at most 30`);
        i = vs.pos;
      }
      if (s.length > i && s[i] === 'W') st.nearestWeekday = true;
    }
    if (type !== DOM && type !== DOW) fail(`"L" is only valid in day of month or day of week`);
    return;
  }
  if (c >= '0' && c <= '9') {
    if (s.length === 1) {
      addToSet(st, Number(c), -1, -1, type);
      return;
    }
    let val = Number(c);
    let i = 1;
    if (s[1] >= '0' && s[1] <= '9') {
      const vs = readNumber(s, 0);
      val = vs.value;
      i = vs.pos;
    }
    checkNext(st, s, i, val, type);
    return;
  }
  fail(`unexpected character ${JSON.stringify(c)}`);
}

/** Quartz's own state after parsing: sorted sets (with its ALL=99 / NO_SPEC=98 markers) and flags. */
export interface QuartzSets extends QuartzFlags {
  seconds: number[];
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  daysOfWeek: number[];
  years: number[];
}

export interface QuartzParsed {
  spec: FieldSpec;
  sets: QuartzSets;
}

/** Parse a Quartz expression. `currentYear` bounds open-ended year ranges (Quartz: now + 100). */
export function parseQuartz(expression: string, offset: number, currentYear: number): QuartzParsed {
  const upper = expression.toUpperCase();
  const tokens = tokenize(upper, offset, /[ \t]+/g);
  const st: State = {
    sets: [new Set(), new Set(), new Set(), new Set(), new Set(), new Set(), new Set()],
    lastDayOfMonth: false,
    lastDayOffset: 0,
    nearestWeekday: false,
    lastDayOfWeek: false,
    nthDayOfWeek: 0,
    maxYear: currentYear + QUARTZ_MAX_YEAR_AHEAD,
  };
  if (tokens.length < 6) {
    throw new CronParseError(`expected 6 or 7 fields, got ${tokens.length} (second minute hour day-of-month month day-of-week [year])`, null, offset, offset + expression.length);
  }
  const used = tokens.slice(0, 7);
  used.forEach((token: Token, type) => {
    try {
      const expr = token.text;
      if (type === DOM && expr.includes('L') && expr.length > 1 && expr.includes(',')) fail('"L" and "LW" cannot be combined with other days of the month');
      if (type === DOW && expr.includes('L') && expr.length > 1 && expr.includes(',')) fail('"L" cannot be combined with other days of the week');
      if (type === DOW && expr.includes('#') && expr.indexOf('#', expr.indexOf('#') + 1) !== -1) fail('only one "#" is allowed');
      for (const item of expr.split(',')) if (item !== '') storeItem(st, item, type);
    } catch (e) {
      if (e instanceof Fail) throw new CronParseError(`${FIELDS[type]}: ${e.message}`, FIELDS[type], token.start, token.end);
      throw e;
    }
  });
  if (used.length < 7) addToSet(st, ALL, -1, 0, YEAR);
  const domSpecified = !st.sets[DOM].has(NO_SPEC);
  const dowSpecified = !st.sets[DOW].has(NO_SPEC);
  if (domSpecified === dowSpecified) {
    const token = domSpecified ? used[DOW] : used[DOM];
    throw new CronParseError(
      domSpecified
        ? 'dayOfWeek: Quartz needs "?" in day of month or in day of week (for example "0 0 12 ? * MON" or "0 0 12 1 * ?")'
        : 'dayOfMonth: "?" can be used in day of month or in day of week, not both',
      domSpecified ? 'dayOfWeek' : 'dayOfMonth',
      token.start,
      token.end,
    );
  }
  const { sets: raw, ...flags } = st;
  const sorted = (i: number) => [...raw[i]].sort((a, b) => a - b);
  const sets: QuartzSets = {
    seconds: sorted(SECOND),
    minutes: sorted(MINUTE),
    hours: sorted(HOUR),
    daysOfMonth: sorted(DOM),
    months: sorted(MONTH),
    daysOfWeek: sorted(DOW),
    years: sorted(YEAR),
    ...flags,
  };
  return { spec: toSpec(st, currentYear), sets };
}

function toSpec(st: State, currentYear: number): FieldSpec {
  const spec = emptySpec();
  const copy = (from: Set<number>, to: Uint8Array, shift = 0) => {
    for (const v of from) if (v !== ALL && v !== NO_SPEC && v + shift >= 0 && v + shift < to.length) to[v + shift] = 1;
  };
  copy(st.sets[SECOND], spec.seconds);
  copy(st.sets[MINUTE], spec.minutes);
  copy(st.sets[HOUR], spec.hours);
  copy(st.sets[MONTH], spec.months);
  const domUnused = st.sets[DOM].has(NO_SPEC);
  if (domUnused) {
    // Day of week decides; Quartz numbers Sunday 1.
    spec.dom.fill(1, 1);
    const dows = [...st.sets[DOW]].filter((v) => v !== ALL && v !== NO_SPEC).sort((a, b) => a - b);
    if (st.lastDayOfWeek) spec.dowLast[dows[0] - 1] = 1;
    else if (st.nthDayOfWeek > 0) spec.dowNth.push({ dow: dows[0] - 1, n: st.nthDayOfWeek });
    else for (const v of dows) spec.dow[v - 1] = 1;
  } else {
    spec.dow.fill(1);
    const doms = [...st.sets[DOM]].filter((v) => v !== ALL && v !== NO_SPEC).sort((a, b) => a - b);
    if (st.lastDayOfMonth) {
      spec.lastDay = true;
      spec.lastDayOffset = st.lastDayOffset;
      spec.lastWeekday = st.nearestWeekday;
    } else if (st.nearestWeekday) {
      spec.nearestWeekday = doms[0];
    } else {
      for (const v of doms) spec.dom[v] = 1;
    }
  }
  spec.dayOr = false;
  const years = [...st.sets[YEAR]].filter((v) => v !== ALL && v !== NO_SPEC);
  const last = currentYear + QUARTZ_MAX_YEAR_AHEAD;
  spec.years = new Uint8Array(Math.max(0, last - 1970 + 1));
  for (const y of years) if (y >= 1970 && y <= last) spec.years[y - 1970] = 1;
  return spec;
}

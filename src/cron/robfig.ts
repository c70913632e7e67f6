// robfig/cron v3: the parser Kubernetes (ParseStandard: 5 fields) and Kubeflow
// (seconds first, optional day of week: 5 or 6 fields) use, with its exact
// acceptance rules and its exact next-run walk (including how it treats DST).

import { type Bounds, CronParseError, DOW_NAMES, type FieldSpec, MONTH_NAMES, type Token, emptySpec, fieldError, tokenize, own } from './fields';
import { type ZoneRules, civilFromSeconds, lenientLocalSeconds } from './zone';

export type RobfigSchedule = { kind: 'spec'; spec: FieldSpec } | { kind: 'every'; seconds: number };

const SECOND: Bounds = { field: 'second', min: 0, max: 59 };
const MINUTE: Bounds = { field: 'minute', min: 0, max: 59 };
const HOUR: Bounds = { field: 'hour', min: 0, max: 23 };
const DOM: Bounds = { field: 'dayOfMonth', min: 1, max: 31 };
const MONTH: Bounds = { field: 'month', min: 1, max: 12, names: MONTH_NAMES };
const DOW: Bounds = { field: 'dayOfWeek', min: 0, max: 6, names: DOW_NAMES };

/** Go's strings.Fields separators (Unicode White_Space). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** Go strconv.Atoi, then robfig's "no negatives". */
function atoi(text: string, bounds: Bounds, token: Token): number {
  if (!/^[+-]?[0-9]+$/.test(text)) {
    throw fieldError(bounds.field, token, `${describeBad(text)} is not a number${bounds.names ? ' or a name' : ''}`);
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63) throw fieldError(bounds.field, token, `${text} is out of range ${bounds.min}-${bounds.max}`);
  if (n < 0) throw fieldError(bounds.field, token, `negative number ${text} is not allowed`);
  return n;
}

function describeBad(text: string): string {
  return text === '' ? 'an empty value' : JSON.stringify(text);
}

function intOrName(text: string, bounds: Bounds, token: Token): number {
  if (bounds.names) {
    const named = own(bounds.names, text.toLowerCase());
    if (named !== undefined) return named;
  }
  return atoi(text, bounds, token);
}

/** One comma-separated field into `bits`; returns whether robfig's "star bit" is set. */
function parseField(token: Token, bounds: Bounds, bits: Uint8Array): boolean {
  let star = false;
  // strings.FieldsFunc drops empty items: "1,,2" is "1,2".
  // An all-comma field (",") therefore selects nothing: valid, and never runs.
  const items = token.text.split(',').filter((s) => s !== '');
  for (const item of items) {
    const rangeAndStep = item.split('/');
    const lowAndHigh = rangeAndStep[0].split('-');
    let start: number;
    let end: number;
    let extraStar = false;
    if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
      start = bounds.min;
      end = bounds.max;
      extraStar = true;
    } else {
      start = intOrName(lowAndHigh[0], bounds, token);
      if (lowAndHigh.length === 1) end = start;
      else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], bounds, token);
      else throw fieldError(bounds.field, token, `${JSON.stringify(item)} has too many hyphens`);
    }
    let step = 1;
    if (rangeAndStep.length === 2) {
      step = atoi(rangeAndStep[1], bounds, token);
      if (lowAndHigh.length === 1) end = bounds.max; // "N/step" means "N-max/step"
      if (step > 1) extraStar = false;
    } else if (rangeAndStep.length > 2) {
      throw fieldError(bounds.field, token, `${JSON.stringify(item)} has too many slashes`);
    }
    if (start < bounds.min) throw fieldError(bounds.field, token, `${start} is out of range ${bounds.min}-${bounds.max}`);
    if (end > bounds.max) throw fieldError(bounds.field, token, `${end} is out of range ${bounds.min}-${bounds.max}`);
    if (start > end) throw fieldError(bounds.field, token, `range ${start}-${end} runs backwards`);
    if (step === 0) throw fieldError(bounds.field, token, 'step 0 is not allowed');
    for (let i = start; i <= end; i += step) bits[i] = 1;
    star = star || extraStar;
  }
  return star;
}

/** time.ParseDuration, to whole seconds (robfig rounds @every down to the second, at least 1 s). */
export function parseGoDuration(text: string): number | null {
  const m = /^([+-]?)((?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!m) return text === '0' ? 0 : null;
  const unitNs: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let ns = 0;
  const re = /([0-9]*\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)/g;
  let part: RegExpExecArray | null;
  while ((part = re.exec(m[2])) !== null) ns += Number(part[1]) * unitNs[part[2]];
  if (ns > 2 ** 63) return null;
  return m[1] === '-' ? -ns / 1e9 : ns / 1e9;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/**
 * Parse the body of a robfig spec (any TZ= prefix already removed).
 * `secondsFirst`: Kubeflow's parser (5 or 6 fields, seconds first); otherwise ParseStandard (5 fields).
 */
export function parseRobfig(body: string, offset: number, secondsFirst: boolean): RobfigSchedule {
  if (body.startsWith('@')) {
    const six = own(DESCRIPTORS, body);
    if (six !== undefined) return { kind: 'spec', spec: parseSix(tokenize(six)) };
    if (body.startsWith('@every ')) {
      const seconds = parseGoDuration(body.slice(7));
      if (seconds === null) {
        throw new CronParseError(`@every: ${JSON.stringify(body.slice(7))} is not a duration (use for example 1h30m, 90s)`, null, offset, offset + body.length);
      }
      return { kind: 'every', seconds: seconds < 1 ? 1 : Math.floor(seconds) };
    }
    throw new CronParseError(`unknown preset ${JSON.stringify(body.split(/\s/)[0])} (use @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>)`, null, offset, offset + body.length);
  }
  const tokens = tokenize(body, offset, GO_SPACE);
  if (secondsFirst) {
    if (tokens.length < 5 || tokens.length > 6) {
      throw new CronParseError(`expected 5 or 6 fields, got ${tokens.length} (second minute hour day-of-month month [day-of-week])`, null, offset, offset + body.length);
    }
    if (tokens.length === 5) tokens.push({ text: '*', start: offset + body.length, end: offset + body.length });
    return { kind: 'spec', spec: parseSix(tokens) };
  }
  if (tokens.length !== 5) {
    throw new CronParseError(`expected 5 fields, got ${tokens.length} (minute hour day-of-month month day-of-week)`, null, offset, offset + body.length);
  }
  return { kind: 'spec', spec: parseSix([{ text: '0', start: offset, end: offset }, ...tokens]) };
}

function parseSix(tokens: Token[]): FieldSpec {
  const spec = emptySpec();
  parseField(tokens[0], SECOND, spec.seconds);
  parseField(tokens[1], MINUTE, spec.minutes);
  parseField(tokens[2], HOUR, spec.hours);
  spec.domStar = parseField(tokens[3], DOM, spec.dom);
  parseField(tokens[4], MONTH, spec.months);
  spec.dowStar = parseField(tokens[5], DOW, spec.dow);
  spec.dayOr = !(spec.domStar || spec.dowStar);
  return spec;
}

// ---- next run: robfig's SpecSchedule.Next, walked on Go's time semantics ----

/** Go's time.Date(y, mo, d, h, mi, s, 0, loc) normalisation, to UTC seconds. */
function goDate(rules: ZoneRules, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const local = lenientLocalSeconds(y, mo, d, h, mi, s);
  const off1 = rules.offsetAt(local);
  const utc = local - off1;
  const off2 = rules.offsetAt(utc);
  return off2 === off1 ? utc : local - off2;
}

function dayMatches(spec: FieldSpec, day: number, weekday: number): boolean {
  const domMatch = spec.dom[day] === 1;
  const dowMatch = spec.dow[weekday] === 1;
  if (spec.domStar || spec.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** The next activation strictly after `from` (UTC seconds), or null (robfig looks 5 years ahead). */
export function robfigNext(spec: FieldSpec, rules: ZoneRules, from: number): number | null {
  let t = from + 1;
  const local = (u: number) => civilFromSeconds(u + rules.offsetAt(u));
  let c = local(t);
  let added = false;
  const yearLimit = c.year + 5;
  // robfig's hour, minute and second loops: truncate on the first step, then
  // step until the field matches; true when it wrapped to 0 (start over).
  const stepUntil = (bits: Uint8Array, unit: 'hour' | 'minute' | 'second', step: number, truncate: () => number): boolean => {
    while (bits[c[unit]] !== 1) {
      if (!added) {
        added = true;
        t = truncate();
      }
      t += step;
      c = local(t);
      if (c[unit] === 0) return true;
    }
    return false;
  };
  // The walk below mirrors the Go loop; `continue` restarts it from the month check.
  for (let guard = 0; guard < 1_000_000; guard++) {
    if (c.year > yearLimit) return null;
    let restart = false;
    while (spec.months[c.month] !== 1) {
      if (!added) {
        added = true;
        t = goDate(rules, c.year, c.month, 1, 0, 0, 0);
      }
      c = local(t);
      t = goDate(rules, c.year, c.month + 1, c.day, c.hour, c.minute, c.second);
      c = local(t);
      if (c.month === 1) {
        restart = true;
        break;
      }
    }
    if (restart) continue;
    while (!dayMatches(spec, c.day, c.weekday)) {
      if (!added) {
        added = true;
        t = goDate(rules, c.year, c.month, c.day, 0, 0, 0);
      }
      c = local(t);
      t = goDate(rules, c.year, c.month, c.day + 1, c.hour, c.minute, c.second);
      c = local(t);
      // robfig nudges back to midnight when DST moved it.
      if (c.hour !== 0) {
        t = c.hour > 12 ? t + (24 - c.hour) * 3600 : t - c.hour * 3600;
        c = local(t);
      }
      if (c.day === 1) {
        restart = true;
        break;
      }
    }
    if (restart) continue;
    if (stepUntil(spec.hours, 'hour', 3600, () => goDate(rules, c.year, c.month, c.day, c.hour, 0, 0))) continue;
    if (stepUntil(spec.minutes, 'minute', 60, () => t - (((t % 60) + 60) % 60))) continue; // Truncate(time.Minute): absolute time
    if (stepUntil(spec.seconds, 'second', 1, () => t)) continue;
    return t;
  }
  return null;
}


// Shared pieces of the dialect parsers: tokens with their offsets, field
// bounds and names, the parsed-schedule shapes, and the error helper.

import type { CronError, CronField } from './types';

export interface Token {
  text: string;
  /** UTF-16 offsets inside the whole expression. */
  start: number;
  end: number;
}

/** Split on whitespace, keeping offsets (offset = where `text` sits in the full expression). */
export function tokenize(text: string, offset = 0, separators: RegExp = /[\s]+/g): Token[] {
  const out: Token[] = [];
  let last = 0;
  separators.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = separators.exec(text)) !== null) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), start: offset + last, end: offset + m.index });
    last = m.index + m[0].length;
    if (m[0].length === 0) separators.lastIndex++;
  }
  if (last < text.length) out.push({ text: text.slice(last), start: offset + last, end: offset + text.length });
  return out;
}

/** A field's range and, for month and day of week, its names (lowercase). */
export interface Bounds {
  field: CronField;
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

/** A table lookup that only sees the table's own keys (user text such as `constructor` or `__proto__` is not a key). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export const MONTH_NAMES: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
export const DOW_NAMES: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/**
 * The 5-field form of the `@` presets Vixie cron, robfig and croniter share
 * (robfig adds `@every`, Airflow its own on top; both are handled by their callers).
 */
export const FIVE_FIELD_PRESETS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parse failure. Thrown only inside the parsers and caught in explain. */
export class CronParseError extends Error {
  constructor(
    message: string,
    readonly field: CronField | null,
    readonly start?: number,
    readonly end?: number,
  ) {
    super(message);
  }
}

export function fieldError(field: CronField, token: Token | undefined, detail: string): CronParseError {
  return new CronParseError(`${field}: ${detail}`, field, token?.start, token?.end);
}

export function toCronError(e: CronParseError): CronError {
  const error: CronError = { message: e.message, field: e.field, code: 'invalid-cron' };
  if (e.start !== undefined) error.start = e.start;
  if (e.end !== undefined) error.end = e.end;
  return error;
}

/**
 * The matching sets of a field-based schedule. Index = value (months 1-12,
 * days 1-31, weekdays 0-6 with 0 = Sunday). `domStar`/`dowStar` say whether
 * the day field counts as unrestricted for the day-of-month / day-of-week
 * combination rule, which each dialect defines its own way.
 */
export interface FieldSpec {
  seconds: Uint8Array;
  minutes: Uint8Array;
  hours: Uint8Array;
  dom: Uint8Array;
  months: Uint8Array;
  dow: Uint8Array;
  domStar: boolean;
  dowStar: boolean;
  /** Both day fields restricted: run when either matches (otherwise both must). */
  dayOr: boolean;
  /** Vixie's "wildcard job": the minute or the hour field starts with `*` (its DST handling differs). */
  wildcardTime: boolean;
  /** Quartz / croniter extras. */
  lastDay: boolean;
  lastDayOffset: number;
  lastWeekday: boolean;
  nearestWeekday: number;
  /** Weekdays with `nL` (last such weekday of the month). */
  dowLast: Uint8Array;
  /** `d#n`: weekday d, n-th of the month. */
  dowNth: Array<{ dow: number; n: number }>;
  /** Allowed years (index year - 1970), null = any. */
  years: Uint8Array | null;
}

export function emptySpec(): FieldSpec {
  return {
    seconds: new Uint8Array(60),
    minutes: new Uint8Array(60),
    hours: new Uint8Array(24),
    dom: new Uint8Array(32),
    months: new Uint8Array(13),
    dow: new Uint8Array(7),
    domStar: false,
    dowStar: false,
    dayOr: false,
    wildcardTime: false,
    lastDay: false,
    lastDayOffset: 0,
    lastWeekday: false,
    nearestWeekday: 0,
    dowLast: new Uint8Array(7),
    dowNth: [],
    years: null,
  };
}

export function fill(bits: Uint8Array, min: number, max: number, step = 1): void {
  for (let i = min; i <= max; i += step) bits[i] = 1;
}

export function countSet(bits: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += bits[i];
  return n;
}

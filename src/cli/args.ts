// Argument parsing shared by the commands: node:util parseArgs, with bad usage
// turned into a UsageError value (exit 2) instead of an exception.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DIALECTS, type Dialect } from '../cron/types';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(argv: string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function stringOption(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}

export function parseDialect(text: string): Dialect {
  const dialect = DIALECTS.find((d) => d === text.trim().toLowerCase());
  if (!dialect) throw new UsageError(`unknown dialect '${text}': use one of ${DIALECTS.join(', ')}`);
  return dialect;
}

export function parseTimeZone(text: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
    return text;
  } catch {
    throw new UsageError(`unknown time zone '${text}': use an IANA name such as Europe/Berlin or UTC`);
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/** An ISO-8601 instant; without an offset it is UTC. */
export function parseInstant(text: string, option: string): Date {
  const trimmed = text.trim();
  let iso = trimmed;
  if (DATE_ONLY.test(trimmed)) iso = `${trimmed}T00:00:00Z`;
  else if (/T|\s/.test(trimmed) && !HAS_OFFSET.test(trimmed.split(/[T\s]/)[1] ?? '')) iso = `${trimmed.replace(' ', 'T')}Z`;
  const time = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(time)) {
    throw new UsageError(`${option}: '${text}' is not an ISO-8601 date-time such as 2026-12-01T09:00:00Z`);
  }
  return new Date(time);
}

export function parseCount(text: string, option: string, max = 1000): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${option}: '${text}' is not a whole number`);
  const count = Number(text);
  if (count < 1 || count > max) throw new UsageError(`${option}: ${count} is out of range 1-${max}`);
  return count;
}

/** UTC, no milliseconds: 2026-12-02T14:05:00Z. */
export function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Argument parsing shared by the commands: node:util parseArgs, with bad usage
// turned into a UsageError value (exit 2) instead of an exception.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DIALECTS, type Dialect } from '../cron/types';
import { parseIsoTimestamp } from '../discovery';

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
      args: attachNegativeNumbers(argv, options),
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
}

/**
 * `--count -1` becomes `--count=-1`: node:util reads a value that starts with '-' as a
 * possible option and reports it as "ambiguous"; a negative number is never an option,
 * so it goes to the option, whose own check then explains the valid range.
 */
export function attachNegativeNumbers(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([^=]+)$/.exec(argv[i])?.[1];
    const next = argv[i + 1];
    if (argv[i] === '--') return [...out, ...argv.slice(i)];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

/** node:util's messages, shortened to one line where they are long or garbled. */
function usageMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^'\s]*)'/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return `unknown option '${option}' (an argument that starts with '-' goes after '--': -- "${option}")`;
  }
  return error.message;
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

/**
 * An ISO-8601 instant; without an offset it is UTC. Impossible dates (2026-02-30) are
 * rejected rather than rolled over to the next month, the way Python's datetime does.
 */
export function parseInstant(text: string, option: string): Date {
  const stamp = parseIsoTimestamp(text);
  if (!stamp) {
    // Say so when the shape is right but the day or time does not exist.
    const why = /^\s*\d{4}-\d{2}-\d{2}/.test(text) ? 'is not a real date and time' : 'is not an ISO-8601 date-time';
    throw new UsageError(`${option}: '${text}' ${why}; use e.g. 2026-12-01T09:00:00Z`);
  }
  return new Date(stamp.epochMs);
}

export function parseCount(text: string, option: string, max = 1000): number {
  if (!/^[+-]?\d+$/.test(text.trim())) throw new UsageError(`${option}: '${text}' is not a whole number`);
  const count = Number(text);
  if (count < 1 || count > max) throw new UsageError(`${option}: ${count} is out of range 1-${max}`);
  return count;
}

export { isoUtc } from '../cron';

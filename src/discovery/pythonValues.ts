// Static evaluation of a Schedule keyword's value: literals, implicit string
// concatenation, timedelta(...), datetime(...), now()/utcnow(). Anything else
// is 'unknown' (never guessed) or, for a bare name, 'name' (resolved later
// against module-level constants). Offsets are those of the parsed text.

import type { SyntaxNode } from '@lezer/common';
import { argListEnd, callArguments, children, dottedPath, type Argument } from './pythonSyntax';
import { isDatetimeField } from './fields';
import type { PythonNames } from './pythonNames';
import { formatIso, parseIsoTimestamp, type Timestamp } from './timestamps';
import type { FieldValue, Position, Range } from './types';

export interface Span {
  from: number;
  to: number;
}

/** Document positions of a FieldValue as offsets into the parsed text. */
type AsOffset<T> = T extends Range ? Span : T extends Range[] ? Span[] : T extends Position ? number : T;

/** A FieldValue located by offsets (`range` becomes `span`), before the module is placed in the document. */
type Spanned<V> = V extends unknown ? { [K in keyof V as K extends 'range' ? 'span' : K]: AsOffset<V[K]> } : never;

export type RawValue =
  | Spanned<FieldValue>
  /** A bare name: a module-level constant may give its value. */
  | { kind: 'name'; name: string; span: Span };

/** A string in a datetime field is read as a timestamp when it is one (as pydantic does). */
export function readInField(value: RawValue, field: string): RawValue {
  if (value.kind !== 'string' || !isDatetimeField(field)) return value;
  const stamp = parseIsoTimestamp(value.value);
  return stamp ? { kind: 'datetime', iso: stamp.iso, aware: stamp.aware, source: 'string', span: value.span } : value;
}

export class ValueEvaluator {
  constructor(
    private readonly text: string,
    private readonly names: PythonNames,
  ) {}

  evaluate(node: SyntaxNode, field: string): RawValue {
    return readInField(this.evaluateExpression(unwrapParentheses(node)), field);
  }

  /** A string literal (or implicit concatenation), or null when the node is not a static string. */
  staticString(node: SyntaxNode): Extract<RawValue, { kind: 'string' }> | null {
    const value = this.evaluateExpression(unwrapParentheses(node));
    return value.kind === 'string' ? value : null;
  }

  private evaluateExpression(node: SyntaxNode): RawValue {
    const span = { from: node.from, to: node.to };
    switch (node.name) {
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.stringValue(node) ?? this.unknown(node);
      case 'Number': {
        const value = parseNumber(this.source(node));
        return value === null ? this.unknown(node) : { kind: 'number', value, span };
      }
      case 'UnaryExpression': {
        const [operator, operand] = children(node);
        const inner = operand ? this.evaluateExpression(operand) : null;
        const sign = operator ? this.source(operator) : '';
        if (inner?.kind === 'number' && (sign === '-' || sign === '+')) {
          return { kind: 'number', value: sign === '-' ? -inner.value : inner.value, span };
        }
        return this.unknown(node);
      }
      case 'Boolean':
        return { kind: 'bool', value: this.source(node) === 'True', span };
      case 'None':
        return { kind: 'none', span };
      case 'VariableName':
        return { kind: 'name', name: this.source(node), span };
      case 'CallExpression':
        return this.callValue(node) ?? this.unknown(node);
      case 'BinaryExpression':
        return this.shiftedDatetime(node) ?? this.unknown(node);
      default:
        return this.unknown(node);
    }
  }

  private unknown(node: SyntaxNode): RawValue {
    return { kind: 'unknown', text: this.source(node), span: { from: node.from, to: node.to } };
  }

  private source(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private stringValue(node: SyntaxNode): Extract<RawValue, { kind: 'string' }> | null {
    const literals = node.name === 'ContinuedString' ? children(node).filter((c) => c.name === 'String' || c.name === 'FormatString') : [node];
    if (literals.length === 0) return null;
    let value = '';
    let contentStart: number | undefined;
    for (const literal of literals) {
      const decoded = decodeLiteral(literal, this.text);
      if (!decoded) return null;
      value += decoded.value;
      if (literals.length === 1 && decoded.oneToOne) contentStart = decoded.contentStart;
    }
    const result: Extract<RawValue, { kind: 'string' }> = {
      kind: 'string',
      value,
      span: { from: node.from, to: node.to },
      parts: literals.map((l) => ({ from: l.from, to: l.to })),
    };
    if (contentStart !== undefined) result.contentStart = contentStart;
    return result;
  }

  private callValue(node: SyntaxNode): RawValue | null {
    const callee = node.firstChild;
    const argList = node.lastChild;
    if (!callee || !argList || argList.name !== 'ArgList') return null;
    const path = dottedPath(callee, this.text);
    const args = callArguments(argList);
    const span = { from: node.from, to: node.to };
    if (path !== null) {
      if (this.names.timedelta.has(path)) {
        const seconds = this.timedeltaSeconds(args);
        return seconds === null ? null : { kind: 'number', value: seconds, span };
      }
      if (this.names.datetimeClass.has(path)) return this.datetimeConstructor(args, argList, span);
      const dot = path.lastIndexOf('.');
      const owner = dot > 0 ? path.slice(0, dot) : '';
      const method = path.slice(dot + 1);
      if (this.names.datetimeClass.has(owner)) {
        const callInfo = { span, argsEnd: argListEnd(argList), hasArgs: args.length > 0 };
        if (method === 'now') {
          const zone = args[0] && (args[0].keyword === null || this.source(args[0].keyword) === 'tz') ? args[0].value : null;
          const aware = zone !== null && zone.name !== 'None';
          return { kind: 'datetime', iso: null, aware, source: 'now', ...callInfo };
        }
        if (method === 'utcnow') return { kind: 'datetime', iso: null, aware: false, source: 'utcnow', ...callInfo };
        if (method === 'today') return { kind: 'datetime', iso: null, aware: false, source: 'now', ...callInfo };
        if (method === 'fromisoformat' && args.length === 1 && args[0].value) {
          const text = this.staticString(args[0].value);
          const stamp = text ? parseIsoTimestamp(text.value) : null;
          if (stamp) return { kind: 'datetime', iso: stamp.iso, aware: stamp.aware, source: 'string', span };
        }
      }
    }
    // `<datetime>.astimezone(...)` / `<datetime>.replace(tzinfo=...)`
    if (callee.name === 'MemberExpression' && callee.firstChild && callee.lastChild?.name === 'PropertyName') {
      const method = this.source(callee.lastChild);
      const base = this.evaluateExpression(unwrapParentheses(callee.firstChild));
      if (base.kind !== 'datetime') return null;
      if (method === 'astimezone') {
        const zoneArg = args[0]?.value ?? null;
        const zone = zoneArg ? this.zoneOf(zoneArg) : null;
        const iso = base.aware && base.iso && zone && zone.kind !== 'none' ? base.iso : null;
        return { kind: 'datetime', iso, aware: true, source: base.source, span };
      }
      if (method === 'replace') {
        const tz = args.find((a) => a.keyword && this.source(a.keyword) === 'tzinfo');
        // Replacing any other part (hour=3) moves the instant: no longer known.
        const onlyZone = args.length === (tz ? 1 : 0);
        if (!tz || !tz.value) return { kind: 'datetime', iso: onlyZone ? base.iso : null, aware: base.aware, source: base.source, span };
        const zone = this.zoneOf(tz.value);
        if (zone.kind === 'none') return { kind: 'datetime', iso: null, aware: false, source: base.source, span };
        const wall = onlyZone && base.iso && !base.aware ? parseIsoTimestamp(base.iso) : null;
        return { kind: 'datetime', iso: wall ? applyZone(wall, zone) : null, aware: true, source: base.source, span };
      }
    }
    return null;
  }

  /** `<datetime> + timedelta(...)` / `- timedelta(...)`: the datetime, shifted. */
  private shiftedDatetime(node: SyntaxNode): RawValue | null {
    const [left, operator, right] = children(node);
    if (!left || !operator || !right) return null;
    const sign = this.source(operator);
    if (sign !== '+' && sign !== '-') return null;
    const base = this.evaluateExpression(unwrapParentheses(left));
    if (base.kind !== 'datetime') return null;
    const delta = this.evaluateExpression(unwrapParentheses(right));
    const isTimedelta = unwrapParentheses(right).name === 'CallExpression' && delta.kind === 'number';
    if (!isTimedelta) return null;
    let iso: string | null = null;
    if (base.iso) {
      const stamp = parseIsoTimestamp(base.iso);
      if (stamp) iso = shiftIso(stamp, (sign === '-' ? -1 : 1) * delta.value);
    }
    return { ...base, iso, span: { from: node.from, to: node.to } };
  }

  private timedeltaSeconds(args: Argument[]): number | null {
    let seconds = 0;
    let index = 0;
    for (const arg of args) {
      if (arg.unpacked || !arg.value) return null;
      const unit = arg.keyword ? this.source(arg.keyword) : TIMEDELTA_POSITIONAL[index++];
      const factor = unit !== undefined && Object.hasOwn(TIMEDELTA_UNITS, unit) ? TIMEDELTA_UNITS[unit] : undefined;
      const value = this.evaluateExpression(unwrapParentheses(arg.value));
      if (factor === undefined || value.kind !== 'number') return null;
      seconds += value.value * factor;
    }
    return Math.round(seconds * 1e6) / 1e6;
  }

  private datetimeConstructor(args: Argument[], argList: SyntaxNode, span: Span): RawValue {
    const parts: Record<string, number> = {};
    let tz: SyntaxNode | null = null;
    let known = true;
    let index = 0;
    for (const arg of args) {
      if (arg.unpacked || !arg.value) {
        known = false;
        continue;
      }
      const field = arg.keyword ? this.source(arg.keyword) : DATETIME_POSITIONAL[index++];
      if (field === 'tzinfo') {
        tz = arg.value;
        continue;
      }
      const value = this.evaluateExpression(unwrapParentheses(arg.value));
      // An unknown keyword (`minutes=5`) or a part given twice: Python raises TypeError.
      const valid = field !== undefined && DATETIME_PARTS.has(field) && !Object.hasOwn(parts, field);
      if (!valid || value.kind !== 'number' || !Number.isInteger(value.value)) known = false;
      else parts[field] = value.value;
    }
    const zone = tz ? this.zoneOf(tz) : ({ kind: 'none' } as const);
    const aware = zone.kind !== 'none';
    let iso: string | null = null;
    if (known && parts.year !== undefined && parts.month !== undefined && parts.day !== undefined) {
      const wall = wallTime(parts);
      iso = wall ? (aware ? applyZone(wall, zone) : wall.iso) : null;
    }
    return { kind: 'datetime', iso, aware, source: 'datetime', span, argsEnd: argListEnd(argList), hasArgs: args.length > 0 };
  }

  /** What a tzinfo / tz argument is. */
  private zoneOf(node: SyntaxNode): Zone {
    const inner = unwrapParentheses(node);
    if (inner.name === 'None') return { kind: 'none' };
    const path = dottedPath(inner, this.text);
    if (path !== null && this.names.utcConstants.has(path)) return { kind: 'offset', minutes: 0 };
    if (inner.name === 'CallExpression' && inner.firstChild && inner.lastChild?.name === 'ArgList') {
      const callee = dottedPath(inner.firstChild, this.text);
      const args = callArguments(inner.lastChild);
      const first = args[0]?.value ?? null;
      if (callee !== null && first) {
        if (this.names.zoneFactories.has(callee)) {
          const zoneName = this.staticString(first);
          if (zoneName) return { kind: 'iana', zone: zoneName.value };
        }
        if (this.names.timezoneClass.has(callee)) {
          const delta = this.evaluateExpression(unwrapParentheses(first));
          if (first.name === 'CallExpression' && delta.kind === 'number') return { kind: 'offset', minutes: delta.value / 60 };
        }
      }
    }
    return { kind: 'unknown' };
  }
}

type Zone = { kind: 'none' } | { kind: 'offset'; minutes: number } | { kind: 'iana'; zone: string } | { kind: 'unknown' };

const TIMEDELTA_POSITIONAL = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
const TIMEDELTA_UNITS: Record<string, number> = {
  days: 86400,
  seconds: 1,
  microseconds: 1e-6,
  milliseconds: 1e-3,
  minutes: 60,
  hours: 3600,
  weeks: 604800,
};
const DATETIME_POSITIONAL = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo'];
/** The parts a datetime(...) instant is made of (`fold` is not read: with it the instant is not known). */
const DATETIME_PARTS: ReadonlySet<string> = new Set(DATETIME_POSITIONAL.slice(0, 7));

export function unwrapParentheses(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.name === 'ParenthesizedExpression') {
    const inner = children(current).filter((c) => c.name !== '(' && c.name !== ')' && !c.type.isError);
    if (inner.length !== 1) break;
    current = inner[0];
  }
  return current;
}

/** Python number literal (ints in any base, floats, underscores); null for complex or malformed. */
export function parseNumber(source: string): number | null {
  const cleaned = source.replace(/_/g, '').toLowerCase();
  if (cleaned.endsWith('j')) return null;
  if (/^0[xob]/.test(cleaned)) {
    const value = Number(cleaned);
    return Number.isFinite(value) ? value : null;
  }
  if (cleaned.length === 0) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

interface DecodedLiteral {
  value: string;
  contentStart: number;
  /** Each character of the value is one source character (no escapes, on one line). */
  oneToOne: boolean;
}

/** Decodes one string literal node; null for bytes or an f-string with fields. */
function decodeLiteral(node: SyntaxNode, text: string): DecodedLiteral | null {
  const source = text.slice(node.from, node.to);
  let prefixLength = 0;
  while (prefixLength < source.length && source[prefixLength] !== '"' && source[prefixLength] !== "'") prefixLength++;
  const prefix = source.slice(0, prefixLength).toLowerCase();
  if (prefix.includes('b') || prefixLength === source.length) return null;
  const quoteChar = source[prefixLength];
  const triple = source.startsWith(quoteChar.repeat(3), prefixLength) && source.length >= prefixLength + 3;
  const quote = triple ? quoteChar.repeat(3) : quoteChar;
  const contentFrom = prefixLength + quote.length;
  const closed = source.length >= contentFrom + quote.length && source.endsWith(quote);
  const body = source.slice(contentFrom, closed ? source.length - quote.length : source.length);
  const isFormat = prefix.includes('f');
  if (isFormat && node.getChild('FormatReplacement')) return null;
  const raw = prefix.includes('r');
  let value = raw ? body : decodeEscapes(body);
  if (isFormat) value = value.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  const oneToOne = value === body && !body.includes('\n');
  return { value, contentStart: node.from + contentFrom, oneToOne };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const digits = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + digits);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
      if (Number.isNaN(code) || code > 0x10ffff) {
        out += ch;
      } else {
        out += String.fromCodePoint(code);
        i += 1 + digits;
      }
    } else if (next >= '0' && next <= '7') {
      let octal = '';
      while (octal.length < 3 && i + 1 + octal.length < body.length && body[i + 1 + octal.length] >= '0' && body[i + 1 + octal.length] <= '7') {
        octal += body[i + 1 + octal.length];
      }
      out += String.fromCharCode(parseInt(octal, 8));
      i += octal.length;
    } else if (next === '\r' && body[i + 2] === '\n') {
      i += 2;
    } else {
      out += ch; // unknown escapes stay as written, as in Python
    }
  }
  return out;
}

function wallTime(parts: Record<string, number>): Timestamp | null {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const { year, month, day } = parts;
  const hour = parts.hour ?? 0;
  const minute = parts.minute ?? 0;
  const second = parts.second ?? 0;
  const micro = parts.microsecond ?? 0;
  const fraction = micro ? `.${pad(micro, 6)}` : '';
  return parseIsoTimestamp(`${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}`);
}

/** The UTC instant of a wall-clock time in a zone; null when the zone is unknown. */
function applyZone(wall: Timestamp, zone: Zone): string | null {
  if (zone.kind === 'offset') return shiftIso({ ...wall, aware: true }, -zone.minutes * 60);
  if (zone.kind !== 'iana') return null;
  // The offsets a day before and after the wall time (read as UTC) are the zone's offsets on either side of
  // any transition near it. Python's default (fold=0) takes the offset before the transition when the wall time
  // is valid with it (a repeated hour: its first occurrence) or with neither (a skipped hour), else the one after.
  const day = 86_400_000;
  const before = zoneOffsetMinutes(zone.zone, wall.epochMs - day);
  const after = zoneOffsetMinutes(zone.zone, wall.epochMs + day);
  if (before === null || after === null) return null;
  const validWith = (offset: number): boolean => zoneOffsetMinutes(zone.zone, wall.epochMs - offset * 60000) === offset;
  const offset = !validWith(before) && validWith(after) ? after : before;
  return shiftIso({ ...wall, aware: true }, -offset * 60);
}

function zoneOffsetMinutes(zone: string, epochMs: number): number | null {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(epochMs))) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
  } catch {
    return null;
  }
}

/** Adds seconds to a timestamp; aware results are written in UTC with Z. */
function shiftIso(stamp: Timestamp, seconds: number): string {
  return formatIso(stamp.epochMs + seconds * 1000, stamp.aware);
}

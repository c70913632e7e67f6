// Schedule discovery in YAML run configurations: a top-level `schedule:`
// mapping whose keys are (mostly) Schedule fields. Parsed with the `yaml`
// package, which keeps source offsets.

import { isMap, isScalar, parseAllDocuments, Scalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { closestScheduleField, isDatetimeField, isScheduleField } from './fields';
import { LineIndex } from './lineIndex';
import { emptyDiscovery } from './python';
import { parseIsoTimestamp } from './timestamps';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range, ScheduleField } from './types';

export const MAX_YAML_FILE_LENGTH = 5 * 1024 * 1024;

/** Never throws: invalid YAML gives whatever its readable documents contain. */
export function discoverYaml(text: string): DiscoveryResult {
  const result = emptyDiscovery();
  if (text.length > MAX_YAML_FILE_LENGTH || text.includes('\0') || !text.includes('schedule')) return result;
  try {
    const lines = new LineIndex(text);
    for (const document of parseAllDocuments(text, { keepSourceTokens: false })) {
      const schedule = scheduleOf(document, text, lines);
      if (schedule) result.schedules.push(schedule);
    }
  } catch {
    return emptyDiscovery();
  }
  return result;
}

function scheduleOf(document: Document.Parsed, text: string, lines: LineIndex): DiscoveredSchedule | null {
  const root = document.contents;
  if (!isMap(root)) return null;
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === 'schedule');
  if (!pair || !isScalar(pair.key) || !isMap(pair.value) || !looksLikeSchedule(pair.value)) return null;
  const key = pair.key;
  const mapping = pair.value;
  const keyRange = nodeRange(key, lines);
  if (!keyRange) return null;
  const fields: ScheduleField[] = [];
  let opaque = false;
  for (const item of mapping.items as Pair<unknown, unknown>[]) {
    if (!isScalar(item.key) || typeof item.key.value !== 'string' || item.key.value === '<<') {
      opaque = true;
      continue;
    }
    const fieldKeyRange = nodeRange(item.key, lines);
    if (!fieldKeyRange) continue;
    const name = item.key.value;
    fields.push({ name, keyRange: fieldKeyRange, value: fieldValue(item.value as Node | null, name, fieldKeyRange, text, lines) });
  }
  return {
    language: 'yaml',
    range: trimmedRange(mapping, text, lines) ?? keyRange,
    nameRange: keyRange,
    fields,
    hasOpaqueArguments: opaque,
    attachments: [{ via: 'yaml', keywordRange: keyRange, pipeline: null }],
    pipeline: null,
    variable: null,
  };
}

/**
 * At least half of the keys are Schedule fields or near misses of one, and one
 * of them is more than `name` (which many unrelated `schedule:` mappings have).
 */
function looksLikeSchedule(mapping: YAMLMap): boolean {
  const keys = mapping.items.map((item) => (isScalar(item.key) ? String(item.key.value) : ''));
  const fieldLike = keys.map((key) => (isScheduleField(key) ? key : closestScheduleField(key))).filter((field) => field !== null);
  return fieldLike.some((field) => field !== 'name') && fieldLike.length * 2 >= keys.length;
}

function fieldValue(node: Node | null, field: string, keyRange: Range, text: string, lines: LineIndex): FieldValue {
  const range = node ? nodeRange(node, lines) : null;
  if (!node || !range) return { kind: 'none', range: { start: keyRange.end, end: keyRange.end } };
  if (!isScalar(node)) return { kind: 'unknown', text: sourceOf(node, text), range };
  const value = node.value;
  if (value === null || value === undefined) return { kind: 'none', range };
  if (typeof value === 'boolean') return { kind: 'bool', value, range };
  if (typeof value === 'number') return { kind: 'number', value, range };
  if (typeof value === 'bigint') return { kind: 'number', value: Number(value), range };
  if (typeof value !== 'string') return { kind: 'unknown', text: sourceOf(node, text), range };
  if (isDatetimeField(field)) {
    const stamp = parseIsoTimestamp(value);
    if (stamp) return { kind: 'datetime', iso: stamp.iso, aware: stamp.aware, source: 'string', range };
  }
  const out: FieldValue = { kind: 'string', value, range, parts: [range] };
  const contentStart = stringContentStart(node, text);
  if (contentStart !== null) out.contentStart = lines.position(contentStart);
  return out;
}

/** Where the characters of a one-line, escape-free scalar start (after its quote). */
function stringContentStart(node: Scalar, text: string): number | null {
  const [start, end] = node.range ?? [0, 0];
  const source = text.slice(start, end);
  if (source.includes('\n')) return null;
  const value = String(node.value);
  switch (node.type) {
    case Scalar.PLAIN:
      return source === value ? start : null;
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE:
      return source.slice(1, -1) === value ? start + 1 : null;
    default:
      return null;
  }
}

function nodeRange(node: Node, lines: LineIndex): Range | null {
  const range = node.range;
  if (!range) return null;
  return lines.range(range[0], range[1]);
}

/** A block node's range without the line breaks and comments the parser counts into it. */
function trimmedRange(node: Node, text: string, lines: LineIndex): Range | null {
  const range = node.range;
  if (!range) return null;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return lines.range(range[0], end);
}

function sourceOf(node: Node, text: string): string {
  const range = node.range;
  return range ? text.slice(range[0], range[1]) : '';
}

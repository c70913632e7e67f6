// Schedule discovery in YAML run configurations: a top-level `schedule:`
// mapping whose keys are (mostly) Schedule fields. Parsed with the `yaml`
// package, which keeps source offsets. Read the way ZenML reads it (PyYAML):
// anchors and aliases (`schedule: *nightly`), merge keys (`<<: *base`),
// duplicate keys (the last one wins), `${VAR}` values substituted from the
// environment at run time.

import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { closestScheduleField, isDatetimeField, isScheduleField } from './fields';
import { LineIndex } from './lineIndex';
import { setScheduleTimezone } from './databricksZone';
import { emptyDiscovery } from './python';
import { parseIsoTimestamp } from './timestamps';
import type { DiscoveredSchedule, DiscoveryResult, DocumentProblem, FieldValue, Range, ScheduleField } from './types';

export const MAX_YAML_FILE_LENGTH = 5 * 1024 * 1024;

/** Schedule fields only Schedule has: a YAML document that mentions one is a run configuration. */
const DISTINCTIVE_FIELDS = ['cron_expression', 'interval_second', 'run_once_start_time'];

/** Never throws: invalid YAML gives whatever its readable documents contain. */
export function discoverYaml(text: string): DiscoveryResult {
  const result = emptyDiscovery();
  if (text.length > MAX_YAML_FILE_LENGTH || text.includes('\0')) return result;
  if (!text.includes('schedule') && !text.includes('orchestrator')) return result;
  try {
    const lines = new LineIndex(text);
    const zones: string[] = [];
    for (const document of parseAllDocuments(text, { uniqueKeys: false, keepSourceTokens: false })) {
      const root = document.contents;
      const settings = isMap(root) ? lastPair(root, 'settings') : undefined;
      if (settings && isMap(settings.value)) readSettings(settings.value, document, result, zones);
      if (document.errors.length > 0) {
        // Broken quoting and the like: say where the parser stops rather than reading half a value.
        const problem = syntaxProblem(document, text, lines);
        if (problem) result.problems.push(problem);
        continue;
      }
      if (!text.includes('schedule')) continue;
      const schedule = scheduleOf(document, text, lines, result.problems);
      if (schedule) result.schedules.push(schedule);
    }
    setScheduleTimezone(result, zones);
  } catch {
    return emptyDiscovery();
  }
  return result;
}

/** The YAML error of a document that is meant as a run configuration (it mentions a Schedule field). */
function syntaxProblem(document: Document.Parsed, text: string, lines: LineIndex): DocumentProblem | null {
  const [start, end] = document.range ?? [0, text.length];
  const source = text.slice(start, end);
  if (!DISTINCTIVE_FIELDS.some((field) => source.includes(field))) return null;
  const error = document.errors[0];
  const at = Math.min(error.pos[0], text.length);
  const to = Math.min(Math.max(error.pos[1], at), text.length);
  const firstLine = error.message.split('\n')[0];
  return {
    code: 'yaml-syntax',
    message: `This run configuration is not valid YAML, so ZenML cannot read its schedule: ${firstLine}`,
    range: lines.range(at, to),
  };
}

/** The last pair with this key (PyYAML keeps the last of duplicate keys). */
function lastPair(map: YAMLMap, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const item of map.items) if (isScalar(item.key) && item.key.value === key) found = item;
  return found;
}

/** An alias's anchored node (`*nightly` -> the `&nightly` node), else the node itself. */
function resolved(node: unknown, document: Document.Parsed): unknown {
  let current = node;
  for (let depth = 0; depth < 16 && isAlias(current); depth++) current = current.resolve(document);
  return current;
}

/**
 * `settings:` keys `orchestrator.<flavor>` and a `schedule_timezone` directly under them (its plain string
 * values go to `zones`, each once).
 */
function readSettings(settings: YAMLMap, document: Document.Parsed, result: DiscoveryResult, zones: string[]): void {
  for (const item of settings.items) {
    if (!isScalar(item.key) || typeof item.key.value !== 'string') continue;
    const key = item.key.value;
    if (!key.startsWith('orchestrator')) continue;
    const flavor = key.startsWith('orchestrator.') ? key.slice('orchestrator.'.length) : null;
    if (flavor && !result.settingsFlavors.includes(flavor)) result.settingsFlavors.push(flavor);
    const value = resolved(item.value, document);
    if (!isMap(value)) continue;
    for (const pair of value.items) {
      if (!isScalar(pair.key) || pair.key.value !== 'schedule_timezone') continue;
      result.scheduleTimezoneSet = true;
      const zone = resolved(pair.value, document);
      if (isScalar(zone) && typeof zone.value === 'string' && zone.value.trim() && !zones.includes(zone.value.trim())) zones.push(zone.value.trim());
    }
  }
}

interface MappingEntry {
  name: string;
  key: Scalar;
  value: Node | null;
}

/**
 * The entries of a mapping as PyYAML builds them: merge keys (`<<: *base` or `<<: [*a, *b]`) first, earlier
 * merged mappings winning over later ones, then the mapping's own keys, a later duplicate winning over an
 * earlier one (reported). Keys that are not strings make the mapping opaque.
 */
function mappingEntries(
  mapping: YAMLMap,
  document: Document.Parsed,
  lines: LineIndex,
  problems: DocumentProblem[],
  depth = 0,
): { entries: MappingEntry[]; opaque: boolean } {
  const own = new Map<string, MappingEntry>();
  const merged = new Map<string, MappingEntry>();
  let opaque = false;
  for (const item of mapping.items as Pair<unknown, unknown>[]) {
    if (!isScalar(item.key) || typeof item.key.value !== 'string') {
      opaque = true;
      continue;
    }
    const name = item.key.value;
    if (name === '<<' && depth < 8) {
      const sources = isSeq(item.value) ? item.value.items : [item.value];
      for (const source of sources) {
        const target = resolved(source, document);
        if (!isMap(target)) {
          opaque = true;
          continue;
        }
        const inner = mappingEntries(target, document, lines, [], depth + 1);
        opaque ||= inner.opaque;
        for (const entry of inner.entries) if (!merged.has(entry.name)) merged.set(entry.name, entry);
      }
      continue;
    }
    const earlier = own.get(name);
    if (earlier?.key.range) {
      problems.push({
        code: 'duplicate-key',
        message: `\`${name}\` is set again below in this mapping; ZenML reads the file with PyYAML, which keeps only the last value.`,
        range: lines.range(earlier.key.range[0], earlier.key.range[1]),
      });
    }
    own.set(name, { name, key: item.key, value: (resolved(item.value, document) as Node | null) ?? null });
  }
  for (const [name, entry] of own) {
    merged.delete(name);
    merged.set(name, entry);
  }
  return { entries: [...merged.values()], opaque };
}

function scheduleOf(document: Document.Parsed, text: string, lines: LineIndex, problems: DocumentProblem[]): DiscoveredSchedule | null {
  const root = document.contents;
  if (!isMap(root)) return null;
  const top = mappingEntries(root, document, lines, []);
  // A repeated top-level `schedule:` is reported; the last one is the schedule.
  const scheduleKeys = root.items.filter((item) => isScalar(item.key) && item.key.value === 'schedule');
  for (const earlier of scheduleKeys.slice(0, -1)) {
    const range = isScalar(earlier.key) ? earlier.key.range : null;
    if (range) {
      problems.push({
        code: 'duplicate-key',
        message: '`schedule` is set again below; ZenML reads the file with PyYAML, which keeps only the last value.',
        range: lines.range(range[0], range[1]),
      });
    }
  }
  const entry = top.entries.find((e) => e.name === 'schedule');
  if (!entry || !isMap(entry.value)) return null;
  const key = entry.key;
  const mapping = entry.value;
  if (!looksLikeSchedule(mapping, document) || isGeneratedTemplate(mapping, document)) return null;
  const keyRange = nodeRange(key, lines);
  if (!keyRange) return null;
  const { entries, opaque } = mappingEntries(mapping, document, lines, problems);
  const fields: ScheduleField[] = [];
  for (const field of entries) {
    const fieldKeyRange = nodeRange(field.key, lines);
    if (!fieldKeyRange) continue;
    fields.push({ name: field.name, keyRange: fieldKeyRange, value: fieldValue(field.value, field.name, fieldKeyRange, text, lines) });
  }
  fields.sort((a, b) => a.keyRange.start.line - b.keyRange.start.line || a.keyRange.start.character - b.keyRange.start.character);
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

/** The keys of a mapping, merged ones included. */
function keysOf(mapping: YAMLMap, document: Document.Parsed): string[] {
  return mappingEntries(mapping, document, new LineIndex(''), []).entries.map((e) => e.name);
}

/**
 * At least half of the keys are Schedule fields or near misses of one, and one
 * of them is more than `name` (which many unrelated `schedule:` mappings have).
 */
function looksLikeSchedule(mapping: YAMLMap, document: Document.Parsed): boolean {
  const keys = keysOf(mapping, document);
  const fieldLike = keys.map((key) => (isScheduleField(key) ? key : closestScheduleField(key))).filter((field) => field !== null);
  return fieldLike.some((field) => field !== 'name') && fieldLike.length * 2 >= keys.length;
}

/** Type names as ZenML's generated run-configuration template writes them (`Optional[str]`, `bool`). */
const TYPE_NAME = /^(?:Optional|List|Dict|Mapping|Sequence|Set|Tuple|Union)\[.*\]$|^(?:bool|str|int|float|datetime|timedelta|Any)$/;

/** `zenml pipeline build-configuration` / write_run_configuration_template: values are type names. */
function isGeneratedTemplate(mapping: YAMLMap, document: Document.Parsed): boolean {
  const values = mappingEntries(mapping, document, new LineIndex(''), []).entries.map((e) => e.value);
  const strings = values.filter((v): v is Scalar => isScalar(v) && typeof v.value === 'string');
  return strings.length > 0 && strings.filter((v) => TYPE_NAME.test(String(v.value))).length * 2 >= values.length;
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
  // ZenML substitutes `${VAR}` from the environment when it loads the file: set at run time.
  if (value.includes('${')) return { kind: 'unknown', text: value, range };
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

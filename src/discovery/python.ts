// Schedule discovery in Python source, fast enough to run on every keystroke.
//
// The file is cut into units (top-level statements, and the statements of a
// large block; see pythonSegments.ts), and only the units that can matter are
// parsed with @lezer/python: those that import something, and those that
// mention Schedule / schedule / the pipeline decorator. After an edit the cut
// is redone only around the edit, parsed units are reused by their text, and
// the edited unit is parsed again reusing its old tree's fragments
// (TreeFragment.applyChanges). Units are parsed independently, so an unclosed
// bracket or string while typing only affects its own statement.

import { TreeFragment, type Tree } from '@lezer/common';
import { localChanges, mapToPrevious, toRangeChanges, type RangeChange, type TextChange } from './changes';
import { parser } from '@lezer/python';
import { LineIndex } from './lineIndex';
import { extractFacts, extractImports, type PassedValue, type UnitFacts } from './pythonFacts';
import { assemble, type PlacedFacts } from './pythonModule';
import { firstIdentifiers, namesKey, resolveNames, type ImportFact, type PythonNames } from './pythonNames';
import { bodyStarts, LARGE_UNIT_LENGTH, resegmentPython, segmentPython, type Segments } from './pythonSegments';
import type { DiscoveryResult } from './types';

/** Files larger than this are not analysed (generated or data files). */
export const MAX_PYTHON_FILE_LENGTH = 5 * 1024 * 1024;

export function emptyDiscovery(): DiscoveryResult {
  return {
    schedules: [],
    pipelineDecoratorScheduleArgs: [],
    scheduleClassArgs: [],
    problems: [],
    settingsFlavors: [],
    scheduleTimezoneSet: false,
    imports: { timezone: null, datetimeModule: null },
    importInsertLine: 0,
  };
}

/** One-shot discovery (no state kept between calls). */
export function discoverPython(text: string): DiscoveryResult {
  return new PythonDiscovery().update(text);
}

/** A parsed stretch of a unit (the whole unit, unless it had to be split at optional starts). */
interface Piece {
  /** Offset inside the unit. */
  offset: number;
  text: string;
  tree: Tree;
  imports?: ImportFact[];
  facts?: { key: string; value: UnitFacts };
}

interface ParsedUnit {
  text: string;
  /** The whole unit's tree (kept for incremental reuse). */
  tree: Tree;
  pieces: Piece[];
}

interface Unit {
  start: number;
  text: string;
  /** The scope its names live in (see scopeOf): the start of its top-level def/class, or -1 for the module. */
  scope: number;
  /** Optional statement starts inside the unit, as offsets inside it. */
  optional: number[];
}

export class PythonDiscovery {
  private previousText = '';
  /** The segments of previousText, or null when they were not computed. */
  private previousSegments: Segments | null = null;
  /** Parsed units of the last update, by text. */
  private parsed = new Map<string, ParsedUnit>();
  /** The same units by start offset in the previous text, to reuse their trees after an edit. */
  private parsedByStart = new Map<number, ParsedUnit>();

  /**
   * Discovers the schedules of `text`. `changes` (optional) describe how `text`
   * differs from the text of the previous call, in either shape of TextChange;
   * when omitted, or when they do not add up to the new text's length, the
   * difference is computed by comparing the texts (about 1 ms per 250 kB).
   * Never throws: on an internal failure the result is empty.
   */
  update(text: string, changes?: readonly TextChange[]): DiscoveryResult {
    try {
      return this.run(text, changes);
    } catch {
      this.reset();
      return emptyDiscovery();
    }
  }

  private reset(): void {
    this.previousText = '';
    this.previousSegments = null;
    this.parsed = new Map();
    this.parsedByStart = new Map();
  }

  private run(original: string, givenChanges?: readonly TextChange[]): DiscoveryResult {
    // A byte-order mark (files read from disk) is whitespace to Python; a space
    // of the same length keeps every offset.
    const text = original.charCodeAt(0) === 0xfeff ? ` ${original.slice(1)}` : original;
    if (text.length > MAX_PYTHON_FILE_LENGTH || text.includes('\0')) {
      this.reset();
      return emptyDiscovery();
    }
    // Nothing can be found in a file that never calls Schedule, passes `schedule=`
    // or aliases Schedule on import: skip the parse (most files of a project).
    if (!mayMentionSchedule(text)) {
      this.previousText = text;
      this.previousSegments = null;
      this.parsedByStart = new Map();
      return emptyDiscovery();
    }
    // Only now: the skip above needs no changes, and comparing the texts costs a pass over both.
    const changes = toRangeChanges(givenChanges, this.previousText, text);
    const segments = this.segment(text, changes);
    const units = splitUnits(text, segments);
    const nextParsed = new Map<string, ParsedUnit>();
    const nextByStart = new Map<number, ParsedUnit>();
    const parse = (unit: Unit): ParsedUnit => {
      let entry = nextParsed.get(unit.text) ?? this.parsed.get(unit.text);
      if (!entry) entry = parsePieces(unit, this.parseUnit(unit, changes));
      nextParsed.set(unit.text, entry);
      nextByStart.set(unit.start, entry);
      return entry;
    };

    const imports = collectImports(units, parse);
    const names = resolveNames(imports);
    const lines = new LineIndex(text);
    const result = emptyDiscovery();
    result.imports = { timezone: names.timezoneName, datetimeModule: names.datetimeModule };
    result.importInsertLine = importInsertLine(imports, lines);
    if (names.schedule.size > 0 || names.pipelineDecorator.size > 0) {
      assemble(collectFacts(text, units, names, parse), lines, result);
    }

    this.previousText = text;
    this.previousSegments = segments;
    this.parsed = nextParsed;
    this.parsedByStart = nextByStart;
    return result;
  }

  /** Segments the text, rescanning only around the edit when the previous segments are known. */
  private segment(text: string, changes: readonly RangeChange[]): Segments {
    if (!this.previousSegments || changes.length === 0) {
      return this.previousSegments && text === this.previousText ? this.previousSegments : segmentPython(text);
    }
    const first = changes[0];
    const last = changes[changes.length - 1];
    return resegmentPython(this.previousSegments, this.previousText, text, { fromA: first.fromA, toA: last.toA, fromB: first.fromB, toB: last.toB });
  }

  /** Parses one unit, reusing the tree of the same unit before the edit when there is one. */
  private parseUnit(unit: Unit, changes: readonly RangeChange[]): Tree {
    const oldStart = mapToPrevious(unit.start, changes);
    const previous = oldStart === null ? undefined : this.parsedByStart.get(oldStart);
    if (previous && oldStart !== null) {
      const local = localChanges(changes, oldStart, previous.text.length, unit.start, unit.text.length);
      if (local) {
        try {
          const fragments = TreeFragment.applyChanges(TreeFragment.addTree(previous.tree), local);
          const tree = parser.parse(unit.text, fragments);
          // On valid code the reused tree equals a fresh parse. Error recovery
          // may differ with fragments, and the result must not depend on the
          // editing history: parse broken code afresh.
          if (!hasSyntaxError(tree)) return tree;
        } catch {
          // Lezer's error recovery can fail on reused fragments (seen with
          // indentation contexts); a fresh parse of the unit is always safe.
        }
      }
    }
    return parser.parse(unit.text);
  }
}

/** The imports of every unit that mentions `import`, at document offsets. */
function collectImports(units: Unit[], parse: (unit: Unit) => ParsedUnit): ImportFact[] {
  const imports: ImportFact[] = [];
  for (const unit of units) {
    if (!unit.text.includes('import')) continue;
    for (const piece of parse(unit).pieces) {
      piece.imports ??= extractImports(piece.tree, piece.text);
      for (const fact of piece.imports) imports.push({ ...fact, end: fact.end + unit.start + piece.offset });
    }
  }
  return imports;
}

/** The facts of the units that can matter, in document order. */
function collectFacts(text: string, units: Unit[], names: PythonNames, parse: (unit: Unit) => ParsedUnit): PlacedFacts[] {
  const key = namesKey(names);
  const factsOf = (unit: Unit): PlacedFacts[] =>
    parse(unit).pieces.map((piece) => {
      if (piece.facts?.key !== key) piece.facts = { key, value: extractFacts(piece.tree, piece.text, names) };
      const start = unit.start + piece.offset;
      const placed: PlacedFacts = { start, scope: unit.scope, facts: piece.facts.value };
      if (piece.facts.value.returns.length > 0) {
        const name = functionNameAt(text, unit.scope);
        // The function's own returns sit inside its definition when the piece starts with it, else directly in the piece.
        if (name) placed.function = { name, depth: start === unit.scope ? 1 : 0 };
      }
      return placed;
    });
  const relevant = relevantUnits(units, names);
  const placed = relevant.flatMap(factsOf);
  // Names used as values (CRON = "0 3 * * *", a variable holding a pipeline
  // instance, a reassigned schedule variable) may be bound in units not parsed yet,
  // and a function whose result is passed as a schedule may be defined in one.
  const seen = new Set(relevant);
  const functionNames = new Map<number, string | null>();
  const functionOf = (unit: Unit): string | null => {
    if (unit.scope < 0) return null;
    if (!functionNames.has(unit.scope)) functionNames.set(unit.scope, functionNameAt(text, unit.scope));
    return functionNames.get(unit.scope) ?? null;
  };
  // A few rounds: a function found this way may return another one's result.
  for (let round = 0; round < 4; round++) {
    const wanted = referencedNames(placed);
    if (wanted.names.size === 0 && wanted.functions.size === 0) break;
    const before = placed.length;
    for (const unit of units) {
      if (seen.has(unit)) continue;
      // Statements that assign a name start with it (module level, or a piece of a large block).
      const function_ = wanted.functions.size > 0 ? functionOf(unit) : null;
      if (wanted.names.has(leadingIdentifier(unit.text)) || (function_ !== null && wanted.functions.has(function_))) {
        seen.add(unit);
        placed.push(...factsOf(unit));
      }
    }
    if (placed.length === before) break;
  }
  placed.sort((a, b) => a.start - b.start);
  return placed;
}

function splitUnits(text: string, segments: Segments): Unit[] {
  const optionalStarts = segments.optionalStarts;
  const starts: number[] = [];
  const scopes: number[] = [];
  segments.starts.forEach((start, i) => {
    const end = segments.starts[i + 1] ?? text.length;
    const scope = scopeOf(text, start);
    starts.push(start);
    scopes.push(scope);
    if (end - start > LARGE_UNIT_LENGTH) {
      for (const body of bodyStarts(text, start, end)) {
        starts.push(body);
        scopes.push(scope);
      }
    }
  });
  let next = 0;
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const optional: number[] = [];
    while (next < optionalStarts.length && optionalStarts[next] < end) {
      if (optionalStarts[next] > start) optional.push(optionalStarts[next] - start);
      next++;
    }
    return { start, text: text.slice(start, end), optional, scope: scopes[i] };
  });
}

/**
 * The whole unit when it parses cleanly (after adding the commas missing between keyword arguments, see
 * repairMissingCommas); else the unit cut at its optional statement starts.
 */
function parsePieces(unit: Unit, tree: Tree): ParsedUnit {
  if (!hasSyntaxError(tree)) return { text: unit.text, tree, pieces: [{ offset: 0, text: unit.text, tree }] };
  const repaired = repairMissingCommas(unit.text, tree);
  if (repaired) return { text: unit.text, tree, pieces: [{ offset: 0, text: repaired.text, tree: repaired.tree }] };
  if (unit.optional.length === 0) {
    return { text: unit.text, tree, pieces: [{ offset: 0, text: unit.text, tree }] };
  }
  const cuts = [0, ...unit.optional, unit.text.length];
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const pieceText = unit.text.slice(cuts[i], cuts[i + 1]);
    pieces.push({ offset: cuts[i], text: pieceText, tree: parser.parse(pieceText) });
  }
  return { text: unit.text, tree, pieces };
}

/**
 * A comma left out between keyword arguments written one per line is a common slip in real code, the docs
 * included (`cron_expression="0 * * * *"` followed by `start_time=...`). The parser's error recovery then
 * swallows the following arguments (into a string continuation, or out of the call). Where the tree shows
 * it (an argument list that stops with an error, a string continuation whose next part is not a string) and a
 * keyword argument follows, the whitespace character after the last good token becomes a comma (offsets
 * stay the same) and the unit is parsed again. The repaired parse is used only when it has no error left.
 */
function repairMissingCommas(text: string, tree: Tree): { text: string; tree: Tree } | null {
  const at = new Set<number>();
  tree.iterate({
    enter(ref) {
      const node = ref.node;
      if (node.name === 'ArgList') {
        const last = node.lastChild;
        if (last?.type.isError) {
          let end = last.from;
          while (end > node.from && isSpace(text.charCodeAt(end - 1))) end--;
          if (isSpace(text.charCodeAt(end)) && keywordArgumentFollows(text, end)) at.add(end);
        }
      } else if (node.name === 'ContinuedString') {
        for (let part = node.firstChild; part?.nextSibling; part = part.nextSibling) {
          const next = part.nextSibling;
          if (isStringStart(text, next.from)) continue;
          if (isSpace(text.charCodeAt(part.to)) && keywordArgumentFollows(text, part.to)) at.add(part.to);
          break;
        }
      }
    },
  });
  if (at.size === 0) return null;
  let repaired = '';
  let from = 0;
  for (const offset of [...at].sort((a, b) => a - b)) {
    repaired += `${text.slice(from, offset)},`;
    from = offset + 1;
  }
  repaired += text.slice(from);
  const repairedTree = parser.parse(repaired);
  return hasSyntaxError(repairedTree) ? null : { text: repaired, tree: repairedTree };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether `name=` (not `==`) comes next after whitespace. */
function keywordArgumentFollows(text: string, from: number): boolean {
  let at = from;
  while (isSpace(text.charCodeAt(at))) at++;
  const start = at;
  while (isIdentifierCode(text.charCodeAt(at))) at++;
  if (at === start) return false;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  return text.charCodeAt(at) === 61 && text.charCodeAt(at + 1) !== 61;
}

/** A string literal starts here: optional prefix letters, then a quote. */
function isStringStart(text: string, from: number): boolean {
  let at = from;
  while (at - from < 3 && /[rRbBuUfF]/.test(text[at] ?? '')) at++;
  const c = text.charCodeAt(at);
  return c === 34 || c === 39;
}

function hasSyntaxError(tree: Tree): boolean {
  let found = false;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) found = true;
      return !found;
    },
  });
  return found;
}

/**
 * A cheap pre-check, not a parser: some "Schedule"/"schedule" is followed by
 * `(` (a call), `=` (a keyword or an assignment) or `as` (an import alias).
 */
export function mayMentionSchedule(text: string): boolean {
  for (let at = text.indexOf('chedule'); at >= 0; at = text.indexOf('chedule', at + 7)) {
    let p = at + 7;
    for (let c = text.charCodeAt(p); c === 32 || c === 9 || c === 10 || c === 13 || c === 92; c = text.charCodeAt(++p));
    const next = text.charCodeAt(p);
    if (next === 40 || next === 61) return true; // ( =
    if (next === 97 && text.charCodeAt(p + 1) === 115 && !isIdentifierCode(text.charCodeAt(p + 2))) return true; // as
  }
  return false;
}

/** The units worth parsing for schedules: they mention Schedule (or an alias) or decorate with @pipeline. */
function relevantUnits(units: Unit[], names: PythonNames): Unit[] {
  const scheduleHeads = firstIdentifiers(names.schedule);
  const pipelineHeads = firstIdentifiers(names.pipelineDecorator);
  return units.filter(
    (unit) =>
      unit.text.includes('chedule') ||
      scheduleHeads.some((head) => unit.text.includes(head)) ||
      (unit.text.includes('@') && pipelineHeads.some((head) => unit.text.includes(head))),
  );
}

/**
 * The scope the names of a top-level statement live in: a function or class (every piece of it, nested
 * definitions included) is its own scope, keyed by where it starts; other statements are the module's (-1).
 */
function scopeOf(text: string, start: number): number {
  let at = start;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  // A decorated definition starts with `@`.
  if (text.charCodeAt(at) === 64) return start;
  const head = leadingIdentifier(text.slice(at, at + 6));
  return head === 'def' || head === 'class' || head === 'async' ? start : -1;
}

/**
 * The name of the top-level function defined at `scope` (after its decorators), or null: the module (-1), a
 * class, or a definition that cannot be read.
 */
function functionNameAt(text: string, scope: number): string | null {
  if (scope < 0) return null;
  // The first line at column 0 that is not a decorator's: `def name`, `async def name` or `class name`.
  const header = /^(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)/my;
  for (let at = scope; at >= 0 && at < text.length; ) {
    header.lastIndex = at;
    const match = header.exec(text);
    if (match) return match[1] === 'def' ? match[2] : null;
    if (text.charCodeAt(at) !== 64 && at !== scope && !/[ \t)\]}#\n\r]/.test(text[at])) return null;
    const next = text.indexOf('\n', at);
    if (next < 0) return null;
    at = next + 1;
  }
  return null;
}

/** The first word of a unit, after its indentation. */
function leadingIdentifier(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
  let end = start;
  while (end < text.length && isIdentifierCode(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

function isIdentifierCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

/**
 * What the result depends on beyond the parsed units: simple names whose assignments matter, and functions of
 * the module whose returned Schedules are passed (`schedule=make_schedule()`, `s = make_schedule()`).
 */
function referencedNames(placed: PlacedFacts[]): { names: Set<string>; functions: Set<string> } {
  const wanted = new Set<string>();
  const functions = new Set<string>();
  const passed = (value: PassedValue): void => {
    if (value.kind === 'name') wanted.add(value.name);
    else if (value.kind === 'returnedBy') functions.add(value.callee);
  };
  for (const { facts } of placed) {
    for (const call of facts.schedules) {
      for (const field of call.fields) if (field.value.kind === 'name') wanted.add(field.value.name);
    }
    for (const returned of facts.returns) passed(returned.value);
    for (const attachment of facts.attachments) {
      passed(attachment.value);
      if (attachment.receiver && !attachment.receiver.includes('.')) wanted.add(attachment.receiver);
    }
  }
  // A schedule variable bound to a function's result: `s = make_schedule()`.
  for (const { facts } of placed) {
    for (const assignment of facts.assignments) {
      if (wanted.has(assignment.name) && assignment.calleePath !== null && !assignment.calleePath.includes('.')) functions.add(assignment.calleePath);
    }
  }
  return { names: wanted, functions };
}

function importInsertLine(imports: ImportFact[], lines: LineIndex): number {
  let last = -1;
  for (const fact of imports) if (fact.topLevel && fact.end > last) last = fact.end;
  return last < 0 ? 0 : lines.lineOf(last) + 1;
}

// The `@pipeline` functions of a Python module and the places a schedule can be
// attached to them, for the guided "Create a schedule" flow: where each pipeline is
// defined, its `with_options(...)` calls and plain calls (`my_pipeline()`), the
// module's `if __name__ == "__main__":` block, the names already bound to ZenML's
// Schedule and the datetime helpers, and where a new import line can go. One full
// parse with @lezer/python (the flow runs once per command, not per keystroke).
// Plain data with document offsets; no vscode.

import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import { LineIndex } from './lineIndex';
import { extractImports } from './pythonFacts';
import { resolveNames, type ImportFact } from './pythonNames';
import { MAX_PYTHON_FILE_LENGTH } from './python';
import { callArguments, children, dottedPath } from './pythonSyntax';
import type { Range } from './types';

export interface PipelineDefinition {
  /** The decorated function's name. */
  name: string;
  /** The name in `def name(`. */
  nameRange: Range;
  /** From the first decorator to the end of the function body (offsets). */
  from: number;
  to: number;
  /** Parameters without a default value (the run call must pass them). */
  requiredParameters: string[];
}

export interface WithOptionsSite {
  kind: 'with_options';
  pipeline: string;
  /** The call `name.with_options(...)` (offsets). */
  from: number;
  to: number;
  /** Offset where a new keyword goes: just after the last argument, or just after `(` when there is none. */
  insertAt: number;
  hasArguments: boolean;
  /** The `schedule` keyword's range when one is passed already. */
  scheduleKeyword: Range | null;
  /** The `settings` keyword's range when one is passed. */
  settingsKeyword: Range | null;
}

export interface PlainCallSite {
  kind: 'call';
  pipeline: string;
  /** Offset just after the callee name (`my_pipeline|(...)`). */
  calleeEnd: number;
  /** Start offset of the line of the statement holding the call, and that line's indentation. */
  statementLineStart: number;
  indent: string;
}

export type PipelineSite = WithOptionsSite | PlainCallSite;

export interface PipelineModule {
  pipelines: PipelineDefinition[];
  /** with_options and plain calls of the module's pipelines, outside pipeline bodies, in document order. */
  sites: PipelineSite[];
  /** The top-level `if __name__ == "__main__":` block: the offset after its last body line, and the body's indentation. */
  mainBlock: { end: number; indent: string } | null;
  /** Callee to construct a ZenML Schedule with (`Schedule`, `zenml.config.Schedule`), or null when none is imported. */
  scheduleName: string | null;
  /** How to write `datetime.datetime`, `datetime.timedelta`, `datetime.timezone` with the module's imports, or null. */
  datetimeName: string | null;
  timedeltaName: string | null;
  timezoneName: string | null;
  /** Offset of the line where a new import goes: after the last top-level import, else after a module docstring. */
  importInsertOffset: number;
  /** Whether the module has syntax errors (the flow refuses to edit it). */
  syntaxError: { line: number } | null;
  /** Set when the file was not parsed (too large, binary). */
  skipped?: string;
}

const MAIN_GUARD = /^if\s*\(?\s*__name__\s*==\s*(['"])__main__\1\s*\)?\s*:/;

/** Reads a module's pipelines and attachment sites. Never throws. */
export function discoverPipelines(original: string): PipelineModule {
  const empty: PipelineModule = {
    pipelines: [],
    sites: [],
    mainBlock: null,
    scheduleName: null,
    datetimeName: null,
    timedeltaName: null,
    timezoneName: null,
    importInsertOffset: 0,
    syntaxError: null,
  };
  if (original.length > MAX_PYTHON_FILE_LENGTH) return { ...empty, skipped: 'The file is too large to analyse.' };
  if (original.includes('\0')) return { ...empty, skipped: 'The file is not text.' };
  const text = original.charCodeAt(0) === 0xfeff ? ` ${original.slice(1)}` : original;
  try {
    return read(text, empty);
  } catch {
    return { ...empty, skipped: 'The file could not be analysed.' };
  }
}

function read(text: string, result: PipelineModule): PipelineModule {
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  const imports = extractImports(tree, text);
  const names = resolveNames(imports);
  // Only names an import really binds (resolveNames also reads unimported `datetime` as the stdlib's),
  // and for Schedule only a plain name (a dotted `zenml.config.Schedule` needs its submodule imported).
  result.scheduleName = shortest(new Set([...names.schedule].filter((n) => !n.includes('.'))));
  result.datetimeName = stdlibName(imports, 'datetime');
  result.timedeltaName = stdlibName(imports, 'timedelta');
  result.timezoneName = stdlibName(imports, 'timezone');
  result.importInsertOffset = importInsertOffset(tree.topNode, imports, text);

  let errorAt: number | null = null;
  tree.iterate({
    enter(ref) {
      if (errorAt !== null) return false;
      if (ref.type.isError) errorAt = ref.from;
      return undefined;
    },
  });
  if (errorAt !== null) result.syntaxError = { line: lines.lineOf(errorAt) };

  const top = children(tree.topNode);
  for (const statement of top) {
    if (statement.name === 'DecoratedStatement') {
      const definition = pipelineDefinition(statement, text, names.pipelineDecorator, lines);
      if (definition) result.pipelines.push(definition);
    } else if (statement.name === 'IfStatement' && MAIN_GUARD.test(text.slice(statement.from, statement.to))) {
      const body = statement.getChild('Body');
      if (body) result.mainBlock = { end: lineEnd(text, lastNonSpace(text, body.from, body.to)), indent: bodyIndent(text, body) };
    }
  }
  const pipelineNames = new Set(result.pipelines.map((p) => p.name));
  if (pipelineNames.size === 0) return result;
  const insidePipeline = (offset: number) => result.pipelines.some((p) => offset >= p.from && offset < p.to);
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'CallExpression' || insidePipeline(ref.from)) return;
      const node = ref.node;
      const callee = node.firstChild;
      const argList = node.getChild('ArgList');
      if (!callee || !argList) return;
      if (callee.name === 'VariableName') {
        const name = text.slice(callee.from, callee.to);
        if (!pipelineNames.has(name)) return;
        const statementStart = lineStartOf(text, statementOf(node).from);
        result.sites.push({ kind: 'call', pipeline: name, calleeEnd: callee.to, statementLineStart: statementStart, indent: indentAt(text, statementStart) });
        return;
      }
      const path = dottedPath(callee, text);
      if (!path || !path.endsWith('.with_options')) return;
      const receiver = path.slice(0, -'.with_options'.length);
      if (!pipelineNames.has(receiver)) return;
      const args = callArguments(argList);
      const keyword = (word: string) => {
        const arg = args.find((a) => a.keyword && text.slice(a.keyword.from, a.keyword.to) === word);
        return arg?.keyword ? lines.range(arg.keyword.from, arg.keyword.to) : null;
      };
      const last = args[args.length - 1];
      const open = argList.firstChild;
      result.sites.push({
        kind: 'with_options',
        pipeline: receiver,
        from: node.from,
        to: node.to,
        insertAt: last?.value ? last.value.to : (open?.to ?? argList.from + 1),
        hasArguments: args.length > 0,
        scheduleKeyword: keyword('schedule'),
        settingsKeyword: keyword('settings'),
      });
    },
  });
  result.sites.sort((a, b) => siteOffset(a) - siteOffset(b));
  return result;
}

function siteOffset(site: PipelineSite): number {
  return site.kind === 'call' ? site.calleeEnd : site.from;
}

function pipelineDefinition(statement: SyntaxNode, text: string, decorators: Set<string>, lines: LineIndex): PipelineDefinition | null {
  const parts = children(statement);
  const definition = parts.find((c) => c.name === 'FunctionDefinition');
  const name = definition?.getChild('VariableName');
  if (!definition || !name) return null;
  const isPipeline = parts.some((decorator) => {
    if (decorator.name !== 'Decorator') return false;
    let path = '';
    for (const token of children(decorator)) {
      if (token.name === 'VariableName' || token.name === '.') path += text.slice(token.from, token.to);
      else if (token.name === 'ArgList') break;
    }
    return decorators.has(path);
  });
  if (!isPipeline) return null;
  return {
    name: text.slice(name.from, name.to),
    nameRange: lines.range(name.from, name.to),
    from: statement.from,
    to: statement.to,
    requiredParameters: requiredParameters(definition.getChild('ParamList'), text),
  };
}

/** Plain parameters without a default (`def p(a, b=1, *, c)` → a, c); self-less, `*args`/`**kwargs` excluded. */
function requiredParameters(params: SyntaxNode | null, text: string): string[] {
  if (!params) return [];
  const required: string[] = [];
  const tokens = children(params);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.name !== 'VariableName') continue;
    const before = tokens[i - 1]?.name;
    if (before === '*' || before === '**') continue;
    let j = i + 1;
    if (tokens[j]?.name === 'TypeDef') j++;
    if (tokens[j]?.name === 'AssignOp') continue;
    required.push(text.slice(token.from, token.to));
  }
  return required;
}

/** The statement a node belongs to: its ancestor whose parent is a Body or the Script. */
function statementOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && current.parent.name !== 'Body' && current.parent.name !== 'Script') current = current.parent;
  return current;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end + 1;
}

function lastNonSpace(text: string, from: number, to: number): number {
  let at = to;
  while (at > from && /\s/.test(text[at - 1])) at--;
  return Math.max(from, at - 1);
}

function indentAt(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
}

/** The indentation of a block's first statement (the Body node starts at the `:`). */
function bodyIndent(text: string, body: SyntaxNode): string {
  const statements = children(body).filter((c) => c.name !== ':' && c.name !== 'Comment' && !c.type.isError);
  const first = statements[0];
  if (!first) return '    ';
  const start = lineStartOf(text, first.from);
  return text.slice(start, first.from).trim() === '' ? text.slice(start, first.from) : '    ';
}

/** After the last top-level import; without imports, after a leading docstring (and `from __future__` never precedes it). */
function importInsertOffset(script: SyntaxNode, imports: ImportFact[], text: string): number {
  let last = -1;
  for (const fact of imports) if (fact.topLevel && fact.end > last) last = fact.end;
  if (last >= 0) return lineEnd(text, Math.max(0, last - 1));
  const first = script.firstChild;
  if (first?.name === 'ExpressionStatement' && first.firstChild?.name === 'String') return lineEnd(text, first.to);
  return 0;
}

/** How a top-level import lets the module write `datetime.<member>`: `member` (from-import, or its alias), `dt.member` (`import datetime as dt`), or null. */
function stdlibName(imports: ImportFact[], member: string): string | null {
  for (const fact of imports) {
    if (!fact.topLevel || fact.module !== 'datetime') continue;
    if (fact.form === 'from' && fact.name === member) return fact.alias ?? member;
    if (fact.form === 'import') return `${fact.alias ?? 'datetime'}.${member}`;
  }
  return null;
}

/** The simplest of the names bound to a thing (`Schedule` before `zenml.config.Schedule`). */
function shortest(names: Set<string>): string | null {
  let best: string | null = null;
  for (const name of names) if (best === null || name.length < best.length) best = name;
  return best;
}

// Jupyter notebooks: the Python code cells joined, in order, into one module,
// as the kernel runs them top to bottom. Discovery then reads that module like
// a .py file; a map of cell spans turns module positions into (cell, position
// inside the cell) and back. Outputs are never read. Plain data, no vscode: the
// command line reads .ipynb JSON, the editor passes the live cells of an open notebook.

import { discoverPython, emptyDiscovery } from './python';
import type { DiscoveryResult, Position, Range } from './types';

export interface NotebookCellText {
  kind: 'code' | 'markdown' | 'raw';
  source: string;
  /** The cell's language when the notebook says it (VS Code's per-cell language, the kernel's). */
  language?: string;
}

/** Where one code cell lies in the joined module. */
export interface CellSpan {
  /** The cell's index among all cells of the notebook, markdown included (0-based). */
  cell: number;
  /** The module line of the cell's first line. */
  firstLine: number;
  lineCount: number;
}

export interface NotebookModule {
  /** The code cells joined with a line break between each two. */
  text: string;
  spans: CellSpan[];
}

export type NotebookRead = { ok: true; cells: NotebookCellText[] } | { ok: false; message: string };

/** Cell magics whose body is still Python run by the kernel. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

function isPython(language: string | undefined): boolean {
  return language === undefined || language === '' || language.toLowerCase() === 'python' || language.toLowerCase() === 'python3';
}

/**
 * IPython syntax that is not Python, made into comments of the same length so that
 * columns stay true: `%pip install zenml`, `!ls`, and a whole cell under a cell magic
 * such as `%%bash` (the body of `%%time` and friends stays Python).
 */
export function maskIpythonSyntax(source: string): string {
  const lines = source.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && lines[first].trimStart().startsWith('%%')) {
    const magic = /^\s*%%(\w+)/.exec(lines[first])?.[1] ?? '';
    const bodyIsPython = PYTHON_CELL_MAGICS.has(magic);
    return lines.map((line, i) => (i === first || !bodyIsPython ? commentOut(line) : line)).join('\n');
  }
  return lines.map((line) => (/^\s*[%!]/.test(line) ? commentOut(line) : line)).join('\n');
}

function commentOut(line: string): string {
  const indent = line.length - line.trimStart().length;
  return line.length === indent ? line : `${line.slice(0, indent)}#${line.slice(indent + 1)}`;
}

/** The Python code cells of a notebook, joined in order (other cells keep their index but add no lines). */
export function notebookModule(cells: readonly NotebookCellText[]): NotebookModule {
  const parts: string[] = [];
  const spans: CellSpan[] = [];
  let line = 0;
  cells.forEach((cell, index) => {
    if (cell.kind !== 'code' || !isPython(cell.language)) return;
    const source = maskIpythonSyntax(cell.source);
    const lineCount = source.split('\n').length;
    spans.push({ cell: index, firstLine: line, lineCount });
    parts.push(source);
    line += lineCount;
  });
  return { text: parts.join('\n'), spans };
}

/** The cells of an .ipynb file (nbformat 4, and 3's worksheets); never throws. */
export function readNotebook(json: string): NotebookRead {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, message: `not a valid notebook: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!data || typeof data !== 'object') return { ok: false, message: 'not a valid notebook: no cells' };
  const notebook = data as { cells?: unknown; worksheets?: { cells?: unknown }[]; metadata?: Record<string, unknown> };
  const rawCells = Array.isArray(notebook.cells) ? notebook.cells : Array.isArray(notebook.worksheets) ? notebook.worksheets[0]?.cells : undefined;
  if (!Array.isArray(rawCells)) return { ok: false, message: 'not a valid notebook: no cells' };
  const metadata = notebook.metadata ?? {};
  const kernelLanguage =
    stringAt(metadata, 'kernelspec', 'language') ?? stringAt(metadata, 'language_info', 'name') ?? stringAt(metadata, 'language');
  const cells: NotebookCellText[] = rawCells.map((raw) => {
    const cell = (raw && typeof raw === 'object' ? raw : {}) as { cell_type?: unknown; source?: unknown; input?: unknown; metadata?: Record<string, unknown> };
    const kind = cell.cell_type === 'code' ? 'code' : cell.cell_type === 'markdown' ? 'markdown' : 'raw';
    const language = stringAt(cell.metadata ?? {}, 'vscode', 'languageId') ?? kernelLanguage;
    return { kind, source: sourceText(cell.source ?? cell.input), language };
  });
  return { ok: true, cells };
}

function sourceText(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) return source.filter((s): s is string => typeof s === 'string').join('');
  return '';
}

function stringAt(object: Record<string, unknown>, ...keys: string[]): string | undefined {
  let value: unknown = object;
  for (const key of keys) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Discovery of a notebook's module; the result carries the cell spans to place what it found. */
export function discoverNotebookCells(cells: readonly NotebookCellText[]): DiscoveryResult {
  const module = notebookModule(cells);
  return { ...discoverPython(module.text), notebook: { spans: module.spans } };
}

/** Discovery of an .ipynb file's text; an unreadable notebook has no schedules (readNotebook says why). */
export function discoverNotebook(json: string): DiscoveryResult {
  const read = readNotebook(json);
  return read.ok ? discoverNotebookCells(read.cells) : { ...emptyDiscovery(), notebook: { spans: [] } };
}

function spanOfLine(spans: readonly CellSpan[], line: number): CellSpan | undefined {
  return spans.find((s) => line >= s.firstLine && line < s.firstLine + s.lineCount);
}

/** A module position as (cell index, position inside the cell); undefined outside every cell. */
export function positionInCell(spans: readonly CellSpan[], position: Position): { cell: number; position: Position } | undefined {
  const span = spanOfLine(spans, position.line);
  return span && { cell: span.cell, position: { line: position.line - span.firstLine, character: position.character } };
}

/** A module range inside one cell; a range that runs past its cell is cut at the cell's end. */
export function rangeInCell(spans: readonly CellSpan[], range: Range): { cell: number; range: Range } | undefined {
  const span = spanOfLine(spans, range.start.line);
  if (!span) return undefined;
  const lastLine = span.firstLine + span.lineCount - 1;
  const end = range.end.line <= lastLine ? range.end : { line: lastLine, character: Number.MAX_SAFE_INTEGER };
  return {
    cell: span.cell,
    range: { start: { line: range.start.line - span.firstLine, character: range.start.character }, end: { line: end.line - span.firstLine, character: end.character } },
  };
}

/** A position inside cell `cell` as a module position; undefined when the cell is not in the module. */
export function modulePosition(spans: readonly CellSpan[], cell: number, position: Position): Position | undefined {
  const span = spans.find((s) => s.cell === cell);
  return span && { line: span.firstLine + position.line, character: position.character };
}

/**
 * A text edit in module positions placed inside one cell. A line inserted at the very start
 * of a cell (a quick fix's new import after the previous cell's last import) goes to the end
 * of that previous cell instead, where the imports are.
 */
export function editInCell(
  spans: readonly CellSpan[],
  moduleText: string,
  edit: { range: Range; newText: string },
): { cell: number; range: Range; newText: string } | undefined {
  const { start, end } = edit.range;
  const index = spans.findIndex((s) => s.firstLine === start.line);
  const isLineInsertAtCellStart =
    index > 0 && start.character === 0 && end.line === start.line && end.character === 0 && edit.newText.endsWith('\n');
  if (isLineInsertAtCellStart) {
    const previous = spans[index - 1];
    const lastLine = previous.lineCount - 1;
    const lineText = moduleText.split('\n')[previous.firstLine + lastLine] ?? '';
    const at = { line: lastLine, character: lineText.length };
    return { cell: previous.cell, range: { start: at, end: at }, newText: `\n${edit.newText.slice(0, -1)}` };
  }
  const placed = rangeInCell(spans, edit.range);
  return placed && { ...placed, newText: edit.newText };
}

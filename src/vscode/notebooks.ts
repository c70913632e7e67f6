// Jupyter notebooks in the editor. Each cell is its own text document
// (`vscode-notebook-cell:` URI); the engine reads the notebook's code cells as
// one module (src/discovery/notebook.ts). This file only finds a cell's
// notebook and converts positions and ranges between a cell and that module.

import * as vscode from 'vscode';
import { editInCell, modulePosition, rangeInCell, type CellSpan, type NotebookCellText } from '../discovery';
import type { Range } from '../discovery/types';
import { toRange } from './convert';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

export function isNotebookCell(document: vscode.TextDocument): boolean {
  return document.uri.scheme === NOTEBOOK_CELL_SCHEME;
}

/** The open notebook that holds this cell document, and the cell's index in it. */
export function notebookOfCell(document: vscode.TextDocument): { notebook: vscode.NotebookDocument; index: number } | undefined {
  if (!isNotebookCell(document)) return undefined;
  const key = document.uri.toString();
  for (const notebook of vscode.workspace.notebookDocuments) {
    // A cell URI is the notebook's path with the cell in the fragment: compare paths first (cheap).
    if (notebook.uri.path !== document.uri.path) continue;
    const cell = notebook.getCells().find((c) => c.document.uri.toString() === key);
    if (cell) return { notebook, index: cell.index };
  }
  return undefined;
}

/** The file a document belongs to, for settings, the orchestrator and ZenML: a cell's notebook, else itself. */
export function resourceOf(document: vscode.TextDocument): vscode.Uri {
  return notebookOfCell(document)?.notebook.uri ?? document.uri;
}

/** The cells as the engine reads them: kind, live text and the language VS Code gives each cell. */
export function cellTexts(notebook: vscode.NotebookDocument): NotebookCellText[] {
  return notebook.getCells().map((cell) => ({
    kind: cell.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
    source: cell.document.getText(),
    language: cell.kind === vscode.NotebookCellKind.Code ? cell.document.languageId : undefined,
  }));
}

/** Is this a Jupyter notebook whose cells we read? */
export function isScheduleNotebook(notebook: vscode.NotebookDocument): boolean {
  return notebook.notebookType === 'jupyter-notebook' || notebook.uri.path.toLowerCase().endsWith('.ipynb');
}

/** The module position of a position inside cell `cell`. */
export function toModulePosition(spans: readonly CellSpan[], cell: number, position: vscode.Position): vscode.Position | undefined {
  const at = modulePosition(spans, cell, position);
  return at && new vscode.Position(at.line, at.character);
}

/** A module range in cell `cell`'s coordinates (validate it against the document); undefined when it lies in another cell. */
export function toCellRange(spans: readonly CellSpan[], cell: number, range: Range): vscode.Range | undefined {
  const placed = rangeInCell(spans, range);
  return placed && placed.cell === cell ? toRange(placed.range) : undefined;
}

/** Where a module range is: the cell's document and the range inside it. */
export function locateInNotebook(notebook: vscode.NotebookDocument, spans: readonly CellSpan[], range: Range): { document: vscode.TextDocument; range: vscode.Range } | undefined {
  const placed = rangeInCell(spans, range);
  if (!placed || placed.cell >= notebook.cellCount) return undefined;
  const document = notebook.cellAt(placed.cell).document;
  return { document, range: document.validateRange(toRange(placed.range)) };
}

/** Adds module-coordinate edits to `edit`, each in the cell it falls in. */
export function addNotebookEdits(
  edit: vscode.WorkspaceEdit,
  notebook: vscode.NotebookDocument,
  spans: readonly CellSpan[],
  moduleText: string,
  edits: readonly { range: Range; newText: string }[],
): boolean {
  for (const e of edits) {
    const placed = editInCell(spans, moduleText, e);
    if (!placed || placed.cell >= notebook.cellCount) return false;
    edit.replace(notebook.cellAt(placed.cell).document.uri, toRange(placed.range), placed.newText);
  }
  return true;
}

/** Opens a notebook at a module range: shows the notebook, reveals the cell and selects the range in it. */
export async function showInNotebook(uri: vscode.Uri, spans: readonly CellSpan[], range: Range): Promise<void> {
  const notebook = await vscode.workspace.openNotebookDocument(uri);
  const placed = rangeInCell(spans, range);
  const cell = placed ? Math.min(placed.cell, notebook.cellCount - 1) : 0;
  const editor = await vscode.window.showNotebookDocument(notebook, {
    preview: true,
    selections: [new vscode.NotebookRange(cell, cell + 1)],
  });
  editor.revealRange(new vscode.NotebookRange(cell, cell + 1), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  const document = notebook.cellAt(cell).document;
  const selection = placed ? document.validateRange(toRange(placed.range)) : new vscode.Range(0, 0, 0, 0);
  // Showing the cell's document in the notebook's column puts the cursor in the cell; the selection is
  // set again after it, since focusing the cell may place the cursor at its start.
  const cellEditor = await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, selection, preview: true });
  cellEditor.selection = new vscode.Selection(selection.start, selection.end);
  cellEditor.revealRange(selection);
}

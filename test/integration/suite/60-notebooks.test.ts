// Jupyter notebooks in a real editor: examples/notebooks/nightly_training.ipynb opens
// in VS Code's notebook editor (the built-in ipynb serializer), and its cells get the
// hover, diagnostics and quick fixes of a Python file, read as one module (the import
// in one cell makes the Schedule in another ZenML's). The Schedules view lists it like
// any file and a click opens the cell.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, markdownOf, ourDiagnostics, waitFor, workspaceFile, type ExtensionApi } from './helpers';

const NOTEBOOK = 'notebooks/nightly_training.ipynb';
/** Cell indexes (0-based, markdown counted) in the example notebook. */
const IMPORTS = 2;
const NIGHTLY = 5;
const WEEKLY = 7;

interface Node {
  node: unknown;
  item: vscode.TreeItem;
  parents: string[];
}

function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

async function treeNodes(api: ExtensionApi, element?: unknown, parents: string[] = []): Promise<Node[]> {
  const nodes: Node[] = [];
  for (const child of ((await api.schedulesProvider.getChildren(element)) ?? []) as unknown[]) {
    const item = await api.schedulesProvider.getTreeItem(child);
    nodes.push({ node: child, item, parents }, ...(await treeNodes(api, child, [...parents, labelOf(item)])));
  }
  return nodes;
}

function cellRange(document: vscode.TextDocument, needle: string): vscode.Range {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the cell:\n${document.getText()}`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && 'edit' in a);
}

/** Puts the cells' texts back (the tests edit the notebook; the next test starts from the file's text). */
async function restoreCells(notebook: vscode.NotebookDocument, texts: string[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  notebook.getCells().forEach((cell, i) => {
    if (cell.document.getText() !== texts[i]) edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), texts[i]);
  });
  await vscode.workspace.applyEdit(edit);
  // Restored text still leaves the notebook dirty: save it, or a later "close all editors" waits on a save prompt.
  if (notebook.isDirty) await notebook.save();
}

describe('notebooks', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let notebook: vscode.NotebookDocument;
  let original: string[];

  before(async () => {
    api = await activateExtension();
    notebook = await vscode.workspace.openNotebookDocument(workspaceFile(NOTEBOOK));
    await vscode.window.showNotebookDocument(notebook);
    original = notebook.getCells().map((c) => c.document.getText());
    assert.equal(notebook.notebookType, 'jupyter-notebook');
    assert.equal(notebook.cellAt(WEEKLY).document.languageId, 'python');
  });

  afterEach(async () => restoreCells(notebook, original));

  it('diagnostics land in the cell, at the right range; the other cells stay clean', async () => {
    const weekly = notebook.cellAt(WEEKLY).document;
    const ds = await waitFor('naive-datetime in the weekly cell', () => {
      const found = ourDiagnostics(weekly.uri);
      return found.some((d) => codeOf(d) === 'naive-datetime') ? found : undefined;
    });
    const naive = ds.find((d) => codeOf(d) === 'naive-datetime')!;
    assert.deepEqual(naive.range, cellRange(weekly, 'datetime(2026, 1, 5, 9, 0)'));
    assert.equal(naive.severity, vscode.DiagnosticSeverity.Warning);
    // The output of cell 6 prints Schedule(cron_expression="0 61 * * *"): outputs are not code.
    for (const index of [IMPORTS, NIGHTLY]) assert.deepEqual(ourDiagnostics(notebook.cellAt(index).document.uri).map(codeOf), [], `cell ${index + 1}`);
  });

  it('the hover on a cell\'s cron explains it with next runs', async () => {
    const cell = notebook.cellAt(NIGHTLY).document;
    const position = cellRange(cell, '0 2 * * *').start.translate(0, 2);
    const hovers = await waitFor('a hover in the cell', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', cell.uri, position);
      return found?.some((h) => markdownOf([h]).includes('ZenML schedule')) ? found : undefined;
    });
    const text = markdownOf(hovers);
    assert.match(text, /At 02:00/);
    assert.match(text, /Next runs/);
    assert.match(text, /nightly-notebook/);
  });

  it('the cells are one module: removing the import in another cell makes the Schedule not ZenML\'s', async () => {
    const weekly = notebook.cellAt(WEEKLY).document;
    await waitFor('the finding first', () => ourDiagnostics(weekly.uri).length > 0);
    const imports = notebook.cellAt(IMPORTS).document;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(imports.uri, cellRange(imports, 'from zenml.config.schedule import Schedule'), 'Schedule = dict');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the finding to go once Schedule is not imported from ZenML', () => ourDiagnostics(weekly.uri).length === 0);
    await restoreCells(notebook, original);
    await waitFor('the finding to come back with the import', () => ourDiagnostics(weekly.uri).some((d) => codeOf(d) === 'naive-datetime'));
  });

  it('a quick fix edits two cells: tzinfo in the schedule\'s cell, the import after the imports\' cell', async () => {
    const weekly = notebook.cellAt(WEEKLY).document;
    // The user looks at the cell (VS Code resolves a cell's text model for code actions once it is shown).
    const cells = new vscode.NotebookRange(WEEKLY, WEEKLY + 1);
    const notebookEditor = await vscode.window.showNotebookDocument(notebook, { selections: [cells] });
    notebookEditor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    await vscode.window.showTextDocument(weekly, { viewColumn: notebookEditor.viewColumn });
    const naive = await waitFor('naive-datetime', () => ourDiagnostics(weekly.uri).find((d) => codeOf(d) === 'naive-datetime'));
    const actions = await codeActions(weekly.uri, naive.range);
    const fix = actions.find((a) => /tzinfo|UTC/i.test(a.title) && a.edit);
    assert.ok(fix?.edit, `no tzinfo fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    const touched = fix.edit.entries().map(([uri]) => uri.toString()).sort();
    assert.deepEqual(touched, [notebook.cellAt(IMPORTS).document.uri.toString(), weekly.uri.toString()].sort());
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(notebook.cellAt(IMPORTS).document.getText(), /from zenml\.config\.schedule import Schedule\nfrom datetime import timezone$/);
    assert.match(weekly.getText(), /datetime\(2026, 1, 5, 9, 0, tzinfo=timezone\.utc\)/);
    await waitFor('the warning to go after the fix', () => !ourDiagnostics(weekly.uri).some((d) => codeOf(d) === 'naive-datetime'));
  });

  it('the view lists the notebook like a file: under its pipeline, and unattached under the notebook; a click opens the cell', async () => {
    const nodes = await waitFor('the notebook rows', async () => {
      const all = await treeNodes(api);
      return all.some((n) => labelOf(n.item) === 'weekly_report') && all.some((n) => labelOf(n.item) === 'nightly-notebook') ? all : undefined;
    }, 30_000);
    const nightly = nodes.find((n) => labelOf(n.item) === 'nightly-notebook')!;
    assert.deepEqual(nightly.parents.slice(1), ['notebook_training']);
    const weeklyRow = nodes.find((n) => labelOf(n.item) === 'weekly_report')!;
    assert.deepEqual(weeklyRow.parents.slice(1), ['Not attached to a pipeline', NOTEBOOK]);
    assert.match(String((weeklyRow.item.tooltip as vscode.MarkdownString).value), /nightly_training\.ipynb, cell 8, line 1/);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(weeklyRow.item.command!.command, ...(weeklyRow.item.command!.arguments ?? []));
    const editor = await waitFor('the cell in an editor', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.scheme === 'vscode-notebook-cell' && active.document.getText().includes('weekly_report') ? active : undefined;
    });
    assert.deepEqual(editor.selection.start, cellRange(editor.document, 'Schedule(').start);
    assert.equal(vscode.window.activeNotebookEditor?.notebook.uri.toString(), notebook.uri.toString());
    assert.equal(vscode.window.activeNotebookEditor?.selection.start, WEEKLY);
  });
});

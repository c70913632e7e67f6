// The Schedules view's provider (from the extension's API) returns the
// schedules of the workspace, grouped, with readable rows.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, type ExtensionApi } from './helpers';

interface Node {
  item: vscode.TreeItem;
  children: Node[];
}

function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

async function expand(provider: ExtensionApi['schedulesProvider'], element?: unknown, depth = 0): Promise<Node[]> {
  const children = ((await provider.getChildren(element)) ?? []) as unknown[];
  const nodes: Node[] = [];
  for (const child of children) {
    const item = await provider.getTreeItem(child);
    nodes.push({ item, children: depth < 4 ? await expand(provider, child, depth + 1) : [] });
  }
  return nodes;
}

/** A schedule row of the Workspace group (not a live row, nor the "Connect to a ZenML server…" row). */
function isWorkspaceRow(n: Node): boolean {
  return n.item.collapsibleState === vscode.TreeItemCollapsibleState.None && /(^|\s)schedule(\s|$)/.test(n.item.contextValue ?? '');
}

function flatten(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('schedules view', () => {
  let api: ExtensionApi;
  before(async () => {
    api = await activateExtension();
  });

  it('lists the workspace schedules with pipeline names and descriptions', async () => {
    // The first call starts the workspace scan; poll until rows arrive.
    const all = await waitFor('the Schedules view to list the workspace', async () => {
      const nodes = flatten(await expand(api.schedulesProvider));
      return nodes.some(isWorkspaceRow) ? nodes : undefined;
    }, 30_000);
    const rows = all.filter(isWorkspaceRow);
    const text = all.map((n) => `${labelOf(n.item)} — ${String(n.item.description ?? '')}`).join('\n');

    assert.ok(text.includes('training_pipeline'), `no training_pipeline in:\n${text}`);
    const nightly = rows.find((n) => String(n.item.description ?? '').includes('At 03:00'));
    assert.ok(nightly, `no row describing "At 03:00" in:\n${text}`);
    assert.match(String(nightly.item.description), /next /, 'the row shows its next run');
    assert.ok(rows.some((n) => String(n.item.description ?? '').includes('At 02:30')), `the YAML schedule (At 02:30) is missing:\n${text}`);
    // Every row opens its schedule.
    for (const row of rows) assert.equal(row.item.command?.command, 'zenmlSchedules.openSchedule', labelOf(row.item));
  });

  it('counts as many schedule rows as the examples declare', async () => {
    // Independent count: every Schedule(...) construction in Python plus every top-level
    // `schedule:` mapping in YAML under examples/ (the same rule `check` counts by).
    const py = await vscode.workspace.findFiles('**/*.py');
    assert.ok((await vscode.workspace.findFiles('**/*.ipynb')).length > 0, 'the examples hold a notebook');
    const yaml = await vscode.workspace.findFiles('**/*.{yaml,yml}');
    let expected = 0;
    for (const uri of py) {
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      expected += (text.match(/(?<![\w.])(?:\w+\.)?Schedule\(/g) ?? []).length;
    }
    for (const uri of yaml) {
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      if (/^schedule:\s*$/m.test(text)) expected += 1;
    }
    // Notebooks: the code cells' sources only (an output that prints Schedule(...) is not code).
    for (const uri of await vscode.workspace.findFiles('**/*.ipynb')) {
      const notebook = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as { cells: { cell_type: string; source: string[] }[] };
      const code = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');
      expected += (code.match(/(?<![\w.])(?:\w+\.)?Schedule\(/g) ?? []).length;
    }
    const rows = await waitFor('schedule rows', async () => {
      const r = flatten(await expand(api.schedulesProvider)).filter(isWorkspaceRow);
      return r.length ? r : undefined;
    });
    assert.equal(rows.length, expected, rows.map((n) => `${labelOf(n.item)} — ${String(n.item.description ?? '')}`).join('\n'));
  });
});

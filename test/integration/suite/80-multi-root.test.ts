// A multi-root workspace whose folders target different orchestrators
// (test/fixtures/multi-root: kubeflow-project → kubeflow, local-project → local, as
// folder settings). Each file's orchestrator is resolved once and used everywhere:
// the view's row (dialect, description), its findings (badges, tooltip) for a file
// that was never opened, and the hover and diagnostics once it is opened agree.
// Runs only when the harness opens that workspace (run-code-server.mjs does, after
// the examples run); skipped elsewhere.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, markdownOf, ourDiagnostics, positionOf, waitFor, type ExtensionApi } from './helpers';

interface RowNode {
  type: 'row';
  row: { label: string; summary: { dialect: string; description: string }; item: { file: { label: string }; findings: { code: string }[] } };
}

async function rows(api: ExtensionApi): Promise<RowNode['row'][]> {
  const provider = api.schedulesProvider;
  const result: RowNode['row'][] = [];
  const walk = async (element?: unknown): Promise<void> => {
    for (const child of ((await provider.getChildren(element)) ?? []) as { type: string }[]) {
      if (child.type === 'row') result.push((child as RowNode).row);
      else await walk(child);
    }
  };
  await walk();
  return result;
}

describe('multi-root: one orchestrator per file, everywhere', function () {
  this.timeout(120_000);
  let api: ExtensionApi;

  before(async function () {
    if ((vscode.workspace.workspaceFolders ?? []).map((f) => f.name).join(',') !== 'kubeflow-project,local-project') this.skip();
    api = await activateExtension();
  });

  it('closed files: each row and its findings use its own folder\'s orchestrator', async () => {
    const found = await waitFor('both rows', async () => {
      const all = await rows(api);
      return all.length === 2 ? all : undefined;
    }, 30_000);
    const byFolder = Object.fromEntries(found.map((r) => [r.item.file.label.split('/')[0], r]));
    assert.equal(byFolder['kubeflow-project'].summary.dialect, 'kubeflow');
    assert.deepEqual(byFolder['kubeflow-project'].item.findings.map((f) => f.code), ['dialect-seconds-first']);
    assert.match(byFolder['kubeflow-project'].summary.description, /3 minutes past the hour/, 'read as Kubeflow reads it (seconds first)');
    assert.equal(byFolder['local-project'].summary.dialect, 'standard');
    assert.deepEqual(byFolder['local-project'].item.findings.map((f) => f.code), ['unsupported-orchestrator']);
    assert.match(byFolder['local-project'].summary.description, /At 03:00/);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('nightly.py')).length, 0, 'no file was opened');
  });

  it('opened, each file\'s hover and diagnostics agree with its row', async () => {
    for (const [folder, dialect, code] of [
      ['kubeflow-project', 'kubeflow', 'dialect-seconds-first'],
      ['local-project', 'standard', 'unsupported-orchestrator'],
    ] as const) {
      const root = vscode.workspace.workspaceFolders!.find((f) => f.name === folder)!;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root.uri, 'nightly.py'));
      await vscode.window.showTextDocument(document);
      const ds = await waitFor(`${code} in ${folder}`, () => {
        const found = ourDiagnostics(document.uri);
        return found.length ? found : undefined;
      });
      assert.deepEqual(ds.map(codeOf), [code], folder);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '0 3 * * *', { offset: 2 }));
      const text = markdownOf(hovers ?? []);
      assert.match(text, new RegExp(`Dialect: \\*\\*${dialect}\\*\\*`), `${folder}:\n${text}`);
      const row = (await rows(api)).find((r) => r.item.file.label.startsWith(folder))!;
      assert.equal(row.summary.dialect, dialect, `${folder}: the row after opening`);
      assert.deepEqual(row.item.findings.map((f) => f.code), [code]);
    }
  });
});

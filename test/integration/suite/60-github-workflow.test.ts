// GitHub Actions workflow files (issue 12): the `on.schedule` entries of a
// `.github/workflows/*.yaml` get the hover (in the entry's `timezone:`, with the
// zone sentence and the DST report) and diagnostics (too frequent, unknown zone),
// whatever orchestrator the ZenML code targets. The file is written into the
// (copied) workspace by the test and removed afterwards.
// GitHub's own Actions extension (github.vscode-github-actions) gives workflow files the
// language id `github-actions-workflow`: the runner extension contributes that id (with no
// file association, so only the test below sets it) as a stand-in for that extension.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, markdownOf, openInEditor, ourDiagnostics, positionOf, restoreAfterEach, setSetting, waitFor, workspaceFile } from './helpers';

const WORKFLOW = `name: training-scheduled
on:
  schedule:
    - cron: "30 2 * * *"
      timezone: Europe/Berlin
    - cron: "*/2 * * * *"
    - cron: "0 3 * * *"
      timezone: Europe/Berln
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: python run.py
`;

describe('GitHub Actions workflow schedules', () => {
  const restore = restoreAfterEach();
  const path = '.github/workflows/training-scheduled-20261201.yaml';
  before(async () => {
    await activateExtension();
    await vscode.workspace.fs.writeFile(workspaceFile(path), Buffer.from(WORKFLOW, 'utf8'));
  });
  after(async () => {
    await vscode.workspace.fs.delete(workspaceFile('.github'), { recursive: true, useTrash: false });
  });

  it('hovers an entry in its timezone:, with the zone sentence and the DST report', async () => {
    restore.push(await setSetting('orchestrator', 'kubeflow'));
    const editor = await openInEditor(path);
    const text = await waitFor(
      'a hover on the workflow cron',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '30 2 * * *', { offset: 2 }));
        const markdown = markdownOf(hovers ?? []);
        return markdown.includes('GitHub Actions schedule') ? markdown : undefined;
      },
      30_000,
    );
    assert.match(text, /Dialect: \*\*github\*\*, evaluated in \*\*Europe\/Berlin\*\*/, text);
    assert.match(text, /GitHub Actions runs this schedule in Europe\/Berlin, from its `timezone:` key/, text);
    assert.match(text, /DST report/, text);
    assert.doesNotMatch(text, /Kubeflow reads the first field as seconds/, text);
  });

  it("keeps the hover, diagnostics and live edits under GitHub Actions' language id", async () => {
    const other = '.github/workflows/actions-language-20261201.yml';
    await vscode.workspace.fs.writeFile(workspaceFile(other), Buffer.from(WORKFLOW, 'utf8'));
    const opened = await vscode.workspace.openTextDocument(workspaceFile(other));
    const document = await vscode.languages.setTextDocumentLanguage(opened, 'github-actions-workflow');
    assert.equal(document.languageId, 'github-actions-workflow');
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const text = await waitFor(
      'a hover on the workflow cron under github-actions-workflow',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '30 2 * * *', { offset: 2 }));
        const markdown = markdownOf(hovers ?? []);
        return markdown.includes('GitHub Actions schedule') ? markdown : undefined;
      },
      30_000,
    );
    assert.match(text, /Dialect: \*\*github\*\*, evaluated in \*\*Europe\/Berlin\*\*/, text);
    const codes = () => ourDiagnostics(document.uri).map((d) => `${codeOf(d)}@${d.range.start.line}`).sort().join(' ');
    await waitFor('diagnostics on the workflow under github-actions-workflow', () => codes() === 'invalid-cron@7 too-frequent@5', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; got: ${codes()}`);
    });
    // An edit is picked up too: fixing the zone's spelling leaves only the too-frequent entry.
    const at = document.getText().indexOf('Europe/Berln');
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 'Europe/Berln'.length)), 'Europe/Berlin'));
    await waitFor('diagnostics after the edit', () => codes() === 'too-frequent@5', 30_000).catch((error: Error) => {
      throw new Error(`${error.message}; got: ${codes()}`);
    });
    await document.save();
  });

  it('reports a too-frequent entry and an unknown zone as diagnostics', async () => {
    const editor = await openInEditor(path);
    const diagnostics = await waitFor('diagnostics on the workflow', () => {
      const found = ourDiagnostics(editor.document.uri);
      return found.length >= 2 ? found : undefined;
    }, 30_000);
    const byLine = diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}`).sort();
    assert.deepEqual(byLine, ['invalid-cron@7', 'too-frequent@5'], byLine.join(' '));
    const zone = diagnostics.find((d) => d.range.start.line === 7);
    assert.match(zone?.message ?? '', /did you mean Europe\/Berlin|not an IANA time zone/);
  });
});

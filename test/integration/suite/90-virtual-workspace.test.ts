// A virtual workspace: examples/ opened as zsvfs:/examples, a file system the test runner extension
// serves (as github.dev serves vscode-vfs:), so VS Code sees no file on disk. The manifest says
// (capabilities.virtualWorkspaces, limited): no Python is run, so ZenML is not asked for the stack;
// hovers, checks, the Schedules view, Explain and the live connections still work.
// Runs only when the harness opens that workspace (run-code-server.mjs does, after the multi-root
// run, or ZS_INTEGRATION_VIRTUAL=1 ZS_INTEGRATION_FILES=virtual-workspace); skipped elsewhere.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, codeOf, extension, markdownOf, openInEditor, ourDiagnostics, positionOf, waitFor, type ExtensionApi } from './helpers';

interface ZenmlStatus {
  text: string;
  tooltip: string;
  popupsShown: number;
  detection?: { status: string; error?: { code: string; message: string } };
  /** Detection runs finished for the resource's folder, and why the last one was started. */
  detectionRuns: { count: number; reason: string };
}

/** Labels of every node under the Schedules view's root, as far as `depth`. */
async function labels(provider: vscode.TreeDataProvider<unknown>, element?: unknown, depth = 0): Promise<string[]> {
  const out: string[] = [];
  for (const child of (await provider.getChildren(element)) ?? []) {
    const item = await provider.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    out.push(`${label} — ${String(item.description ?? '')}`);
    if (depth < 4) out.push(...(await labels(provider, child, depth + 1)));
  }
  return out;
}

describe('virtual workspace (no files on disk)', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let marker: string;
  let fakePython: string;

  before(async function () {
    if (vscode.workspace.workspaceFolders?.[0]?.uri.scheme !== 'zsvfs') this.skip();
    api = await activateExtension();
    // An "interpreter" that leaves a mark if anything ever runs it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-vfs-python-'));
    marker = path.join(dir, 'ran');
    fakePython = path.join(dir, 'python');
    fs.writeFileSync(fakePython, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    await vscode.workspace.getConfiguration('zenmlSchedules').update('pythonPath', fakePython, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    if (fakePython) await vscode.workspace.getConfiguration('zenmlSchedules').update('pythonPath', undefined, vscode.ConfigurationTarget.Global);
  });

  it('the extension is enabled and active in it', () => {
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.scheme, 'zsvfs');
    assert.ok(extension().isActive);
  });

  it('hovers a cron expression in a file of the virtual workspace', async () => {
    const editor = await openInEditor('pipelines/training.py');
    assert.equal(editor.document.uri.scheme, 'zsvfs');
    const position = positionOf(editor.document, 'cron_expression', { offset: 'cron_expression="'.length + 1 });
    const text = await waitFor(
      'a hover from ZenML Schedules in zsvfs:',
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
        const markdown = markdownOf(hovers ?? []);
        return markdown.includes('ZenML schedule') ? markdown : undefined;
      },
      30_000,
    );
    assert.match(text, /UTC/);
  });

  it('checks the files of the virtual workspace (diagnostics with codes)', async () => {
    const editor = await openInEditor('pipelines/mistakes.py');
    const diagnostics = await waitFor('diagnostics in zsvfs:', () => {
      const ds = ourDiagnostics(editor.document.uri);
      return ds.length ? ds : undefined;
    }, 30_000);
    assert.ok(diagnostics.map(codeOf).includes('invalid-cron'), diagnostics.map(codeOf).join(', '));
  });

  it('runs no Python: ZenML detection says it is a virtual workspace, the interpreter is never started', async () => {
    const uri = (await openInEditor('pipelines/training.py')).document.uri;
    const status = await waitFor(
      'the virtual-workspace status',
      async () => {
        const s = await vscode.commands.executeCommand<ZenmlStatus>('zenmlSchedules.zenmlStatus', uri);
        return s.detection?.error?.code === 'virtual-workspace' ? s : undefined;
      },
      60_000,
    );
    assert.match(status.tooltip, /virtual workspace/);
    assert.match(status.tooltip, /zenmlSchedules\.orchestrator/);
    // Asked explicitly (the ZenML menu's "Ask ZenML again", switching stacks): still nothing is run, no pop-up.
    // First a positive sign that the re-detection asked for has finished (a run the user asked for, after
    // those already counted), so an interpreter it started has run by then, and one that never ran fails here.
    const runsBefore = status.detectionRuns.count;
    await vscode.commands.executeCommand('zenmlSchedules.redetectZenml');
    const redetected = await waitFor(
      'the re-detection asked for to finish',
      async () => {
        const s = await vscode.commands.executeCommand<ZenmlStatus>('zenmlSchedules.zenmlStatus', uri);
        return s.detectionRuns.count > runsBefore && s.detectionRuns.reason === 'asked by the user' ? s : undefined;
      },
      60_000,
    );
    assert.equal(fs.existsSync(marker), false, 'the interpreter was run by a re-detection in a virtual workspace');
    assert.equal(redetected.detection?.error?.code, 'virtual-workspace');
    const switched = await vscode.commands.executeCommand('zenmlSchedules.switchStack', 'default', uri);
    assert.equal(switched, false);
    assert.equal(fs.existsSync(marker), false, 'the interpreter was run in a virtual workspace');
    const after = await vscode.commands.executeCommand<ZenmlStatus>('zenmlSchedules.zenmlStatus', uri);
    assert.equal(after.popupsShown, 0);
  });

  it('the Schedules view lists the schedules of the virtual workspace', async () => {
    const all = await waitFor('workspace rows in the Schedules view', async () => {
      const found = await labels(api.schedulesProvider);
      return found.some((l) => l.includes('At 03:00')) ? found : undefined;
    }, 60_000);
    assert.ok(all.some((l) => l.startsWith('Workspace')), all.join('\n'));
  });

  it('the orchestrator setting replaces the stack: checks in its dialect', async () => {
    await vscode.workspace.getConfiguration('zenmlSchedules').update('orchestrator', 'kubernetes', vscode.ConfigurationTarget.Global);
    try {
      const uri = (await openInEditor('pipelines/training.py')).document.uri;
      const status = await waitFor('the status from the setting', async () => {
        const s = await vscode.commands.executeCommand<ZenmlStatus>('zenmlSchedules.zenmlStatus', uri);
        return /kubernetes \(setting\)/.test(s.text) ? s : undefined;
      });
      assert.match(status.text, /kubernetes/);
    } finally {
      await vscode.workspace.getConfiguration('zenmlSchedules').update('orchestrator', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(fs.existsSync(marker), false);
  });
});

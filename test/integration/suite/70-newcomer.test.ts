// What a newcomer meets on a machine without ZenML: no pop-up unless they ask for
// something that needs ZenML, a quiet status bar state, and a Schedules view with
// one clear hierarchy (pipelines, then "Not attached to a pipeline" by file).
// The interpreter is python3 with its site-packages off (-S), so ZenML cannot be
// imported even where it is installed.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openInEditor, restoreAfterEach, setSetting, waitFor, workspaceFile, type ExtensionApi } from './helpers';

interface ZenmlStatus {
  text: string;
  tooltip: string;
  popupsShown: number;
  detection?: { status: string; error?: { code: string } };
}

function status(uri: vscode.Uri): Thenable<ZenmlStatus> {
  return vscode.commands.executeCommand<ZenmlStatus>('zenmlSchedules.zenmlStatus', uri);
}

function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** A python3 that cannot import ZenML (no site-packages). */
function pythonWithoutZenml(): string {
  const file = path.join(os.tmpdir(), `zs-python-without-zenml-${process.pid}`);
  fs.writeFileSync(file, '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
  return file;
}

describe('a newcomer without ZenML', function () {
  this.timeout(120_000);
  const restore = restoreAfterEach();
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
  });

  it('no pop-up when opening schedules (with or without the orchestrator setting); a quiet status bar state', async () => {
    const uri = workspaceFile('pipelines/training.py');
    const before = (await status(uri)).popupsShown;
    restore.push(await setSetting('pythonPath', pythonWithoutZenml()));
    restore.push(await setSetting('orchestrator', 'kubernetes'));
    await openInEditor('pipelines/training.py');
    await openInEditor('configs/nightly.yaml');
    await setSetting('orchestrator', '');
    const shown = await waitFor('the status to say ZenML is missing', async () => {
      const s = await status(uri);
      return s.detection?.error?.code === 'zenml-not-installed' ? s : undefined;
    }, 60_000);
    assert.equal(shown.popupsShown, before, 'a pop-up nobody asked for');
    assert.equal(shown.text, '$(circle-slash) no ZenML');
    assert.match(shown.tooltip, /ZenML is not installed/);
    assert.match(shown.tooltip, /still explained and checked/);
  });

  it('switching stacks needs ZenML: then, and only then, a pop-up', async () => {
    const uri = workspaceFile('pipelines/training.py');
    restore.push(await setSetting('pythonPath', pythonWithoutZenml()));
    await openInEditor('pipelines/training.py');
    await waitFor('detection with the new interpreter', async () => ((await status(uri)).detection?.error?.code === 'zenml-not-installed' ? true : undefined), 60_000);
    const before = (await status(uri)).popupsShown;
    const switched = await vscode.commands.executeCommand<boolean>('zenmlSchedules.switchStack');
    assert.equal(switched, false);
    assert.equal((await status(uri)).popupsShown, before + 1);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('the Workspace group: pipelines first, then one "Not attached to a pipeline" group of files', async () => {
    const provider = api.schedulesProvider;
    const groups = await waitFor('the workspace groups', async () => {
      const [workspace] = ((await provider.getChildren(undefined)) ?? []) as unknown[];
      const children = workspace ? (((await provider.getChildren(workspace)) ?? []) as unknown[]) : [];
      return children.length ? children : undefined;
    }, 30_000);
    const items = await Promise.all(groups.map((g) => provider.getTreeItem(g)));
    const kinds = items.map((item) => String(item.contextValue));
    const last = items[items.length - 1];
    assert.equal(labelOf(last), 'Not attached to a pipeline');
    assert.ok(kinds.slice(0, -1).every((k) => k === 'group pipeline'), `only pipelines before it:\n${items.map(labelOf).join('\n')}`);
    const files = ((await provider.getChildren(groups[groups.length - 1])) ?? []) as unknown[];
    const fileItems = await Promise.all(files.map((f) => provider.getTreeItem(f)));
    assert.ok(fileItems.length >= 2, 'the examples have unattached schedules in several files');
    assert.ok(fileItems.every((item) => item.contextValue === 'group file'));
    const labels = fileItems.map(labelOf);
    assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)), 'files by path');
    // Stable: a refresh gives the same hierarchy.
    await vscode.commands.executeCommand('zenmlSchedules.refresh');
    const [again] = ((await provider.getChildren(undefined)) ?? []) as unknown[];
    const againLabels = await Promise.all((((await provider.getChildren(again)) ?? []) as unknown[]).map(async (g) => labelOf(await provider.getTreeItem(g))));
    assert.deepEqual(againLabels, items.map(labelOf));
  });
});

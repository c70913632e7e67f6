// The extension activates on a Python file of the examples workspace and
// returns its API object.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, openInEditor, waitFor } from './helpers';

describe('activation', () => {
  it('activates when a Python file of the workspace is opened', async () => {
    const ext = extension();
    // The window starts with no editor open, so nothing should have activated it yet.
    assert.equal(ext.isActive, false, 'the extension was already active before any Python or YAML file was opened');
    await openInEditor('pipelines/training.py');
    await waitFor('the extension to activate on a Python file', () => ext.isActive, 30_000);
  });

  it('returns the API object { schedulesProvider, analyzeDocument }', async () => {
    const api = await extension().activate();
    assert.equal(typeof api.analyzeDocument, 'function');
    assert.equal(typeof api.schedulesProvider?.getChildren, 'function');
    assert.equal(typeof api.schedulesProvider?.getTreeItem, 'function');
  });

  it('runs with the workspace trust the harness asked for', () => {
    // ZS_WORKSPACE_TRUSTED is set by the code-server launcher; desktop runs disable trust (trusted).
    const expected = (process.env.ZS_WORKSPACE_TRUSTED ?? 'true') === 'true';
    assert.equal(vscode.workspace.isTrusted, expected);
  });
});

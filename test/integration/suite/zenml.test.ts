// The user's real ZenML inside the editor (runs in code-server's extension host).
// Driven by test/zenml/editor.test.ts, which prepares a fresh `zenml init`
// repository with its own ZENML_CONFIG_PATH, opens it as the workspace and sets:
//   ZS_ZENML_MODE   trusted | untrusted
//   ZS_ZENML_CLI    the `zenml` command of the test virtual environment
//   ZS_ZENML_PLAIN_PYTHON  a Python without ZenML
//   ZS_ZENML_MARKER a file the fake interpreter creates if it is ever run (untrusted mode)
// In any other run of the integration suite (examples/ workspace) it is skipped.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openInEditor, ourDiagnostics, restoreAfterEach, setSetting, waitFor, workspaceFile, workspaceRoot } from './helpers';

const MODE = process.env.ZS_ZENML_MODE;
const ZENML_CLI = process.env.ZS_ZENML_CLI ?? '';
const PLAIN_PYTHON = process.env.ZS_ZENML_PLAIN_PYTHON ?? '';
const MARKER = process.env.ZS_ZENML_MARKER ?? '';

interface ZenmlStatus {
  text: string;
  tooltip: string;
  /** Warning pop-ups shown so far this session (one per distinct problem). */
  popupsShown: number;
  detection?: { status: string; error?: { code: string; message: string }; state?: { activeStack: { name: string } } };
  /** Detection runs finished for the resource's folder, and why the last one was started. */
  detectionRuns: { count: number; reason: string };
}

function status(uri: vscode.Uri): Thenable<ZenmlStatus> {
  return vscode.commands.executeCommand<ZenmlStatus>('zenmlSchedules.zenmlStatus', uri);
}

function zenml(...args: string[]): string {
  return execFileSync(ZENML_CLI, args, { cwd: workspaceRoot().fsPath, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

/** What `zenml stack get` says is active (ZenML's console writes it to stdout or stderr). */
function cliActiveStack(): string {
  const run = spawnSync(ZENML_CLI, ['stack', 'get'], { cwd: workspaceRoot().fsPath, encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  return /active stack is: '([^']+)'/.exec(output.replace(/\s+/g, ' '))?.[1] ?? `(unreadable: ${output})`;
}

/** The diagnostics of `uri` once `ready` holds (detection and ZenML are slow on a busy machine). */
function diagnosticsWhen(uri: vscode.Uri, what: string, ready: (codes: string[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ourDiagnostics(uri);
    return ready(ds.map(codeOf)) ? ds : undefined;
  }, 120_000);
}

function offsetRange(document: vscode.TextDocument, needle: string): vscode.Range {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(index), document.positionAt(index + needle.length));
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && ('edit' in a || 'command' in a || 'kind' in a));
}

describe('ZenML detection in the editor (real ZenML)', function () {
  this.timeout(240_000);
  const restore = restoreAfterEach();

  before(async function () {
    if (MODE !== 'trusted') this.skip();
    await activateExtension();
  });

  it('the default stack: status bar "default · local" and unsupported-orchestrator at schedule=', async () => {
    const editor = await openInEditor('pipeline.py');
    const uri = editor.document.uri;
    const ds = await diagnosticsWhen(uri, 'unsupported-orchestrator on the default stack', (codes) => codes.includes('unsupported-orchestrator'));
    const warning = ds.find((d) => codeOf(d) === 'unsupported-orchestrator')!;
    assert.deepEqual(warning.range.start, offsetRange(editor.document, 'schedule=').start);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    const shown = await status(uri);
    assert.match(shown.text, /default · local \$\(circle-slash\)/);
    assert.match(shown.tooltip, /Active ZenML stack 'default'/);
    assert.match(shown.tooltip, /is_schedulable/);
  });

  it('a kubernetes stack set with the ZenML CLI: the warning goes away without a reload', async () => {
    const uri = workspaceFile('pipeline.py');
    zenml('orchestrator', 'register', 'k8s', '--flavor=kubernetes');
    zenml('stack', 'register', 'k8s-stack', '-o', 'k8s', '-a', 'default');
    zenml('stack', 'set', 'k8s-stack');
    await diagnosticsWhen(uri, 'the warning to go after `zenml stack set k8s-stack`', (codes) => !codes.includes('unsupported-orchestrator'));
    const shown = await waitFor('the status bar to show k8s-stack', async () => {
      const s = await status(uri);
      return /k8s-stack · kubernetes \$\(pass\)/.test(s.text) ? s : undefined;
    });
    assert.match(shown.tooltip, /can run schedules/);
  });

  it('an interval on Kubernetes: unsupported-schedule-type, fixed by converting to cron', async () => {
    const editor = await openInEditor('interval.py');
    const uri = editor.document.uri;
    const ds = await diagnosticsWhen(uri, 'unsupported-schedule-type on kubernetes', (codes) => codes.includes('unsupported-schedule-type'));
    const warning = ds.find((d) => codeOf(d) === 'unsupported-schedule-type')!;
    const actions = await codeActions(uri, warning.range);
    const convert = actions.find((a) => a.title.includes('cron_expression="0 * * * *"'));
    assert.ok(convert?.edit, `no convert action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(convert.edit));
    assert.match(editor.document.getText(), /cron_expression="0 \* \* \* \*"/);
    await diagnosticsWhen(uri, 'the interval warning to go', (codes) => !codes.includes('unsupported-schedule-type'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the quick fix "switch stack" really switches the active stack (checked with the ZenML CLI)', async () => {
    const editor = await openInEditor('pipeline.py');
    const uri = editor.document.uri;
    zenml('stack', 'set', 'default');
    const ds = await diagnosticsWhen(uri, 'the warning to come back on the default stack', (codes) => codes.includes('unsupported-orchestrator'));
    const warning = ds.find((d) => codeOf(d) === 'unsupported-orchestrator')!;
    assert.match(warning.message, /k8s-stack/);
    const actions = await codeActions(uri, warning.range);
    const switchAction = actions.find((a) => a.title.includes("'k8s-stack'"));
    assert.ok(switchAction?.command, `no switch-stack action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(actions.some((a) => /scheduling documentation/.test(a.title)));
    await vscode.commands.executeCommand(switchAction.command.command, ...(switchAction.command.arguments ?? []));
    await diagnosticsWhen(uri, 'the warning to go after the quick fix', (codes) => !codes.includes('unsupported-orchestrator'));
    assert.equal(cliActiveStack(), 'k8s-stack');
  });

  it('an interpreter without ZenML: a clear status, and the checks that need no ZenML keep working', async () => {
    const uri = workspaceFile('pipeline.py');
    restore.push(await setSetting('pythonPath', PLAIN_PYTHON));
    const shown = await waitFor('the status to say ZenML is missing', async () => {
      const s = await status(uri);
      return s.detection?.error?.code === 'zenml-not-installed' ? s : undefined;
    }, 60_000);
    assert.match(shown.tooltip, /ZenML is not installed in .*pip install zenml/);
    // A quiet state: everything but the stack works without ZenML.
    assert.match(shown.text, /\$\(circle-slash\) no ZenML/);
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, offsetRange(document, '0 3 * * *'), '0 61 * * *');
    await vscode.workspace.applyEdit(edit);
    await diagnosticsWhen(uri, 'invalid-cron without ZenML', (codes) => codes.includes('invalid-cron'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a non-existent interpreter, and a helper that hangs (timeout)', async () => {
    const uri = workspaceFile('pipeline.py');
    const missing = path.join(os.tmpdir(), 'zenml-schedules-no-such-python');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const popupsBefore = (await status(uri)).popupsShown;
    restore.push(await setSetting('pythonPath', missing));
    await waitFor('interpreter-not-found', async () => ((await status(uri)).detection?.error?.code === 'interpreter-not-found' ? true : undefined), 60_000);
    // Nobody asked: no pop-up. Asking ZenML again (an explicit request) says it in a pop-up, each time.
    assert.equal((await status(uri)).popupsShown, popupsBefore, 'no pop-up for a detection nobody asked for');
    await vscode.commands.executeCommand('zenmlSchedules.redetectZenml');
    await vscode.commands.executeCommand('zenmlSchedules.redetectZenml');
    const after = await status(uri);
    assert.equal(after.detection?.error?.code, 'interpreter-not-found');
    assert.equal(after.popupsShown, popupsBefore + 2, 'a pop-up for each explicit ask');
    const hanging = path.join(os.tmpdir(), `zenml-schedules-hanging-${process.pid}`);
    fs.writeFileSync(hanging, '#!/bin/sh\nsleep 60\n', { mode: 0o755 });
    restore.push(await setSetting('helperTimeoutSeconds', 1));
    await setSetting('pythonPath', hanging);
    const shown = await waitFor('timeout', async () => {
      const s = await status(uri);
      return s.detection?.error?.code === 'timeout' ? s : undefined;
    }, 60_000);
    assert.match(shown.tooltip, /did not answer in time \(stopped after 1 s\)/);
  });
});

describe('ZenML detection in an untrusted workspace', function () {
  this.timeout(120_000);

  before(async function () {
    if (MODE !== 'untrusted') this.skip();
    await activateExtension();
  });

  it('runs no Python, says why, and keeps the checks that need no ZenML', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness should open this workspace untrusted');
    const editor = await openInEditor('pipeline.py');
    const uri = editor.document.uri;
    const shown = await waitFor('the untrusted status', async () => {
      const s = await status(uri);
      return s.detection?.error?.code === 'untrusted-workspace' ? s : undefined;
    });
    assert.match(shown.tooltip, /not trusted/);
    assert.match(shown.text, /\$\(shield\)/);
    // First a positive sign that the re-detection asked for has finished (so an interpreter it started has
    // run by then, and a re-detection that never ran fails here), then: no interpreter was run.
    const runsBefore = shown.detectionRuns.count;
    await vscode.commands.executeCommand('zenmlSchedules.redetectZenml');
    const redetected = await waitFor('the re-detection asked for to finish', async () => {
      const s = await status(uri);
      return s.detectionRuns.count > runsBefore && s.detectionRuns.reason === 'asked by the user' ? s : undefined;
    }, 60_000);
    assert.equal(fs.existsSync(MARKER), false, 'the interpreter was run in an untrusted workspace');
    assert.equal(redetected.detection?.error?.code, 'untrusted-workspace');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, offsetRange(editor.document, '0 3 * * *'), '0 61 * * *');
    await vscode.workspace.applyEdit(edit);
    await diagnosticsWhen(uri, 'invalid-cron in an untrusted workspace', (codes) => codes.includes('invalid-cron'));
    assert.equal(fs.existsSync(MARKER), false);
  });
});

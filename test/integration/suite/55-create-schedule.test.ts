// "Create a Schedule" in a real editor: the command inserts the Schedule and with_options code as one
// edit, the document then holds exactly the code the preview promised (checked against hand-written
// expected text), the edit undoes in one step, the extension's own diagnostics report no error on
// the result, and the code action on an @pipeline function offers the command. Quick picks the test
// does not answer through arguments (kind, optional fields, insert-or-run) are answered by accepting
// their first item, as a user pressing Enter would.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, ourDiagnostics, setSetting, sleep, waitFor, workspaceFile } from './helpers';

/** Each test writes its own file (a fresh document, nothing left over from the previous test). */
let counter = 0;
let FILE = '';
const written: vscode.Uri[] = [];

const SOURCE = `"""A pipeline without a schedule yet."""

from zenml import pipeline, step


@step
def load() -> int:
    return 1


@pipeline
def nightly_training():
    load()


if __name__ == "__main__":
    nightly_training()
`;

/** What the command must produce for cron 0 3 * * * with no optional fields. */
const EXPECTED = `"""A pipeline without a schedule yet."""

from zenml import pipeline, step
from zenml.config.schedule import Schedule


@step
def load() -> int:
    return 1


@pipeline
def nightly_training():
    load()


if __name__ == "__main__":
    nightly_training_schedule = Schedule(cron_expression="0 3 * * *")
    nightly_training.with_options(schedule=nightly_training_schedule)()
`;

interface CreateResult {
  status: string;
  message?: string;
  uri?: string;
  plan?: { preview: string; scheduleCode: string; addedImports: string[]; scheduleLine: number };
}

/**
 * Accepts the active quick pick's first item until the command settles. It has its own deadline
 * (60 tries, 500 ms apart): a command that never returns fails here with its own message, not at
 * mocha's timeout.
 */
async function acceptPicksUntil<T>(running: Thenable<T>, what: string): Promise<T> {
  let settled = false;
  const done = Promise.resolve(running).finally(() => {
    settled = true;
  });
  for (let i = 0; i < 60 && !settled; i++) {
    await sleep(500);
    if (settled) break;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  assert.ok(settled, `${what} did not return after its quick picks were accepted (30 s)`);
  return done;
}

describe('create a schedule', () => {
  let restore: (() => Promise<void>) | undefined;
  const uri = () => workspaceFile(FILE);

  before(async () => {
    await activateExtension();
    restore = await setSetting('orchestrator', 'kubeflow');
  });

  beforeEach(async () => {
    FILE = `pipelines/create_schedule_demo_${++counter}.py`;
    written.push(uri());
    await vscode.workspace.fs.writeFile(uri(), Buffer.from(SOURCE, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri());
    assert.equal(document.getText(), SOURCE);
    await vscode.window.showTextDocument(document, { preview: false });
  });

  after(async () => {
    // Saved first: closing a dirty editor would wait on a save prompt.
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore?.();
    for (const file of written) await vscode.workspace.fs.delete(file, { useTrash: false }).then(undefined, () => undefined);
  });

  it('inserts exactly the previewed code as one edit, and the diagnostics find no error in it', async function () {
    this.timeout(90_000);
    const result = await vscode.commands.executeCommand<CreateResult>('zenmlSchedules.createSchedule', {
      uri: uri().toString(),
      pipeline: 'nightly_training',
      kind: 'cron',
      cron: '0 3 * * *',
      noOptions: true,
      mode: 'insert',
      review: false,
    });
    assert.equal(result?.status, 'inserted', JSON.stringify(result));
    const document = await vscode.workspace.openTextDocument(uri());
    assert.equal(document.getText(), EXPECTED);
    // The preview promised these lines; each is in the document.
    assert.equal(result.plan?.preview, 'from zenml.config.schedule import Schedule\n\nnightly_training_schedule = Schedule(cron_expression="0 3 * * *")\nnightly_training.with_options(schedule=nightly_training_schedule)(…)');
    for (const line of (result.plan?.preview ?? '').split('\n').filter(Boolean)) {
      assert.ok(document.getText().includes(line.replace('(…)', '()')), `${line} is not in the document`);
    }
    // The cursor is on the new Schedule line.
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, result.plan?.scheduleLine);
    assert.match(document.lineAt(result.plan!.scheduleLine).text, /Schedule\(cron_expression="0 3 \* \* \*"\)/);
    // The extension analyses the edited document: the schedule is found, attached, with no error finding.
    const analysis = (await (await activateExtension()).analyzeDocument(uri())) as { discovery: { schedules: { pipeline: string | null }[] }; findings: { severity: string; code: string }[] };
    assert.deepEqual(analysis.discovery.schedules.map((s) => s.pipeline), ['nightly_training']);
    assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error').map((f) => f.code), []);
    // A positive sign first, so that "no error" is not just "not analysed yet": Kubeflow reads this
    // 5-field cron seconds first, so the new Schedule line gets its dialect-seconds-first warning.
    const scheduleLine = result.plan!.scheduleLine;
    const diagnostics = await waitFor('dialect-seconds-first on the inserted Schedule line', () => {
      const ds = ourDiagnostics(uri());
      return ds.some((d) => codeOf(d) === 'dialect-seconds-first' && d.range.start.line === scheduleLine) ? ds : undefined;
    }, 30_000);
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
    // One edit: a single undo restores the original text.
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => document.getText() === SOURCE, 10_000);
  });

  it('asks what the arguments do not answer (kind, options, insert or run) through quick picks', async function () {
    this.timeout(90_000);
    const running = vscode.commands.executeCommand<CreateResult>('zenmlSchedules.createSchedule', {
      uri: uri().toString(),
      pipeline: 'nightly_training',
      interval: '1h30m',
      review: false,
    });
    // Kubeflow takes cron and interval: the kind pick's first item is cron, but the interval is given, so
    // the kind is asked; accepting picks the first (cron) and then the cron box would open. Pick interval instead:
    // select the second item of the kind pick, then accept the options pick (none ticked) and "Insert the code".
    await sleep(1500);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await acceptPicksUntil(running, 'createSchedule');
    assert.equal(result?.status, 'inserted', JSON.stringify(result));
    const text = (await vscode.workspace.openTextDocument(uri())).getText();
    assert.match(text, /from datetime import datetime, timedelta, timezone\n/);
    assert.match(text, /nightly_training_schedule = Schedule\(start_time=datetime\.now\(timezone\.utc\), interval_second=timedelta\(hours=1, minutes=30\)\)\n/);
    assert.ok(result.plan && text.includes(result.plan.scheduleCode));
    // A positive sign first, so that "no error" is not just "not analysed yet": a probe line with a bad
    // cron appended after the inserted code gets its invalid-cron; then nothing else may be an error.
    const document = await vscode.workspace.openTextDocument(uri());
    const probe = new vscode.WorkspaceEdit();
    probe.insert(uri(), document.lineAt(document.lineCount - 1).range.end, '\nzs_probe = Schedule(cron_expression="61 * * * *")\n');
    assert.ok(await vscode.workspace.applyEdit(probe), 'the probe line was not inserted');
    const probeLine = document.getText().split('\n').findIndex((line) => line.startsWith('zs_probe = '));
    const diagnostics = await waitFor('invalid-cron on the probe line', () => {
      const ds = ourDiagnostics(uri());
      return ds.some((d) => codeOf(d) === 'invalid-cron' && d.range.start.line === probeLine) ? ds : undefined;
    }, 30_000);
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line !== probeLine);
    assert.deepEqual(errors.map((d) => `${codeOf(d)}: ${d.message}`), []);
  });

  it('refuses a kind the orchestrator does not take, with a message', async () => {
    const restoreK8s = await setSetting('orchestrator', 'kubernetes');
    try {
      const result = await vscode.commands.executeCommand<CreateResult>('zenmlSchedules.createSchedule', {
        uri: uri().toString(),
        pipeline: 'nightly_training',
        kind: 'interval',
        interval: 60,
        noOptions: true,
        mode: 'insert',
        review: false,
      });
      assert.equal(result?.status, 'failed');
      assert.match(result.message ?? '', /Kubernetes does not take a schedule of kind 'interval'/);
      assert.equal((await vscode.workspace.openTextDocument(uri())).getText(), SOURCE);
    } finally {
      await restoreK8s();
    }
  });

  it('offers "Create a schedule for <pipeline>…" as a code action on the @pipeline function', async () => {
    const document = await vscode.workspace.openTextDocument(uri());
    const defLine = document.getText().split('\n').findIndex((l) => l.startsWith('def nightly_training'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), new vscode.Range(defLine, 4, defLine, 4));
    const create = actions.find((a) => a.title === 'Create a schedule for nightly_training…');
    assert.ok(create, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(create.command?.command, 'zenmlSchedules.createSchedule');
    assert.deepEqual(create.command?.arguments, [{ uri: uri().toString(), pipeline: 'nightly_training' }]);
    // Not on the step.
    const stepLine = document.getText().split('\n').findIndex((l) => l.startsWith('def load'));
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), new vscode.Range(stepLine, 4, stepLine, 4));
    assert.equal(none.filter((a) => a.title.startsWith('Create a schedule')).length, 0);
  });
});

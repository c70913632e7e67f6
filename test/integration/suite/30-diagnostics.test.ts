// Diagnostics: each mistake in examples/pipelines/mistakes.py gets its finding
// code, severity and range (computed from the file text, not hard-coded
// columns), and the orchestrator setting adds orchestrator-specific findings.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FindingCode } from '../../../src/common/codes';
import { activateExtension, codeOf, describeRange, openInEditor, ourDiagnostics, rangeAfter, restoreAfterEach, setSetting, waitFor, workspaceFile } from './helpers';

const { Error: ERROR, Warning: WARNING } = vscode.DiagnosticSeverity;

interface Expected {
  code: FindingCode;
  /** Written out here, not read from the finding-code table under test. */
  severity: vscode.DiagnosticSeverity;
  /** What the message must say about this mistake. */
  message: RegExp;
  /** Candidate ranges; the diagnostic must match one of them exactly. */
  ranges: vscode.Range[];
  /** A true consequence of another mistake that the editor may also report. */
  optional?: boolean;
}

function expectedForMistakes(document: vscode.TextDocument): Expected[] {
  const at = (anchor: string, needle: string) => rangeAfter(document, anchor, needle);
  return [
    // The literal is one plain string, so the range is the bad field (minute 61) inside it.
    { code: 'invalid-cron', severity: ERROR, message: /^minute: 61 is out of range 0-59$/, ranges: [at('bad_cron =', '61')] },
    { code: 'missing-trigger', severity: ERROR, message: /no cron_expression, no start_time with interval_second, and no run_once_start_time/, ranges: [at('no_trigger =', 'Schedule')] },
    // One mistake, one diagnostic: the misspelt trigger's message also says the Schedule has no
    // trigger left, so no separate missing-trigger is reported (the unmatched check below fails on one).
    { code: 'unknown-schedule-field', severity: ERROR, message: /no field `cron_expresion`.*Did you mean `cron_expression`\?/, ranges: [at('misspelt =', 'cron_expresion')] },
    // "The overridden keyword": start_time + interval_second are what the cron overrides.
    { code: 'cron-overrides-interval', severity: WARNING, message: /interval_second is ignored/, ranges: [at('both =', 'interval_second'), at('both =', 'start_time')] },
    { code: 'cron-overrides-run-once', severity: WARNING, message: /run_once_start_time is ignored/, ranges: [at('cron_and_once =', 'run_once_start_time')] },
    { code: 'naive-datetime', severity: WARNING, message: /has no tzinfo: ZenML reads it in the local time zone/, ranges: [at('naive =', 'datetime(2026, 1, 1, 8, 0)')] },
    { code: 'naive-datetime', severity: WARNING, message: /datetime\.utcnow\(\) returns a datetime without a time zone/, ranges: [at('naive_now =', 'datetime.utcnow()'), at('naive_now =', 'utcnow()')] },
    { code: 'end-before-start', severity: WARNING, message: /end_time \(2031-01-01T00:00:00Z\) is before start_time \(2031-06-01T00:00:00Z\)/, ranges: [at('backwards =', 'end_time')] },
    { code: 'schedule-not-a-pipeline-arg', severity: ERROR, message: /@pipeline\(\.\.\.\) has no schedule parameter/, ranges: [at('@pipeline(schedule', 'schedule')] },
  ];
}

async function diagnosticsOf(uri: vscode.Uri, what: string, ready: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(what, () => {
    const ds = ourDiagnostics(uri);
    return ready(ds) ? ds : undefined;
  }, 30_000);
}

describe('diagnostics', () => {
  const restore = restoreAfterEach();
  before(async () => {
    await activateExtension();
  });

  it('flags every mistake in mistakes.py with its code, severity and range', async () => {
    const editor = await openInEditor('pipelines/mistakes.py');
    const expected = expectedForMistakes(editor.document);
    const required = expected.filter((e) => !e.optional);
    const actual = await diagnosticsOf(editor.document.uri, 'diagnostics for mistakes.py', (ds) => ds.length >= required.length);
    const listing = actual.map((d) => `${codeOf(d)} ${describeRange(d.range)} ${d.message}`).join('\n');

    const unmatched = [...actual];
    for (const want of expected) {
      const index = unmatched.findIndex((d) => codeOf(d) === want.code && want.ranges.some((r) => r.isEqual(d.range)));
      if (index < 0 && want.optional) continue;
      assert.ok(index >= 0, `no ${want.code} at ${want.ranges.map(describeRange).join(' or ')}; got:\n${listing}`);
      const [found] = unmatched.splice(index, 1);
      assert.equal(found.severity, want.severity, `severity of ${want.code}`);
      assert.match(found.message, want.message, `message of ${want.code}`);
    }
    assert.deepEqual(unmatched.map((d) => `${codeOf(d)} ${describeRange(d.range)}`), [], `unexpected diagnostics; all:\n${listing}`);
  });

  it('links each diagnostic code to its documentation', async () => {
    const uri = workspaceFile('pipelines/mistakes.py');
    await openInEditor('pipelines/mistakes.py');
    const ds = await diagnosticsOf(uri, 'diagnostics for mistakes.py', (list) => list.length > 0);
    for (const d of ds) {
      assert.ok(typeof d.code === 'object' && d.code.target, `${codeOf(d)} has no documentation link`);
      assert.match(d.code.target.toString(), new RegExp(`#${codeOf(d)}$`));
    }
  });

  it('flags the mistakes of a YAML run configuration', async () => {
    const editor = await openInEditor('configs/mistakes.yaml');
    const ds = await diagnosticsOf(editor.document.uri, 'diagnostics for mistakes.yaml', (list) => list.length >= 2);
    const listing = ds.map((d) => `${codeOf(d)} ${describeRange(d.range)}`).join('\n');
    const misspelt = rangeAfter(editor.document, 'interval_seconds: 3600', 'interval_seconds');
    assert.ok(ds.some((d) => codeOf(d) === 'unknown-schedule-field' && d.range.isEqual(misspelt)), `no unknown-schedule-field at ${describeRange(misspelt)}; got:\n${listing}`);
    assert.ok(ds.some((d) => codeOf(d) === 'naive-datetime'), `no naive-datetime; got:\n${listing}`);
  });

  it('warns at schedule= when the orchestrator (setting: local) cannot run schedules', async () => {
    const editor = await openInEditor('pipelines/training.py');
    const uri = editor.document.uri;
    const attach = rangeAfter(editor.document, 'with_options(', 'schedule');
    const isUnsupported = (d: vscode.Diagnostic) => codeOf(d) === 'unsupported-orchestrator';

    // Without an orchestrator nothing is known to be unsupported. A positive sign first, so that
    // the absence is not just "nothing computed yet": an unsaved line with a bad cron gets its
    // invalid-cron diagnostic, then there must be no unsupported-orchestrator beside it.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nzs_probe = Schedule(cron_expression="61 * * * *")\n'));
    try {
      await diagnosticsOf(uri, 'invalid-cron on the probe line', (list) => list.some((d) => codeOf(d) === 'invalid-cron' && editor.document.getText(d.range) === '61'));
      assert.equal(ourDiagnostics(uri).filter(isUnsupported).length, 0, 'unsupported-orchestrator before any orchestrator is set');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.ok(!editor.document.isDirty, 'training.py was not reverted');

    restore.push(await setSetting('orchestrator', 'local'));
    const ds = await diagnosticsOf(uri, 'an unsupported-orchestrator warning with orchestrator=local', (list) => list.some(isUnsupported));
    const warning = ds.find(isUnsupported)!;
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(warning.range.start.isEqual(attach.start), `warning at ${describeRange(warning.range)}, expected it to start at the schedule= keyword ${describeRange(attach)}`);
    assert.ok(editor.document.getText(warning.range).startsWith('schedule'), `range text: ${editor.document.getText(warning.range)}`);

    // A scheduling orchestrator clears it. Kubeflow reads the 5-field cron with seconds first: its
    // dialect-seconds-first warning is the positive sign that the new setting was applied.
    await restore.pop()!();
    restore.push(await setSetting('orchestrator', 'kubeflow'));
    const after = await diagnosticsOf(uri, 'dialect-seconds-first with orchestrator=kubeflow', (list) => list.some((d) => codeOf(d) === 'dialect-seconds-first'));
    assert.deepEqual(after.filter(isUnsupported).map((d) => describeRange(d.range)), [], 'unsupported-orchestrator still shown with orchestrator=kubeflow');
  });
});

// "Recreate with a new schedule…" (issue 15 §2): the editor face of src/workspace/recreate.ts. Asks the new
// cron (validated in the row's dialect), shows the plan and the diff first (a modal with the steps and a
// read-only markdown document with everything), runs the confirmed plan step by step with progress, says
// what is done and what is left to finish by hand, and refreshes the tree. Thin: the plan, the executor
// and every decision are in the workspace layer; nothing here branches on the orchestrator.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { discoverPipelines } from '../discovery';
import { executeRecreate, planMarkdown, planRecreate, type RecordArchiver, type RecreateOrchestrator, type RecreatePlan, type RecreateResult, type RerunTarget } from '../workspace/recreate';
import type { LiveRowModel } from '../workspace/liveRows';
import { createScheduleNow } from '../zenml/createRun';
import type { ConnectionTreeSource } from './liveTree';
import type { LiveConnections } from './liveConnections';

export const RECREATE_COMMAND = 'zenmlSchedules.recreateSchedule';
const SCHEME = 'zenml-schedules-recreate';

export interface RecreateArgs {
  /** The new cron (skips the input box: tests, the update command's hand-over). */
  cron?: string;
  /** true: no confirmation modal (tests that check the state before confirming call twice). */
  confirmed?: boolean;
  /** 'plan': show the plan and stop (nothing changes). */
  mode?: 'plan' | 'run';
}

export interface RecreateOutcome {
  status: 'planned' | 'cancelled' | 'invalid' | 'done' | 'partial' | 'failed';
  message?: string;
  plan?: RecreatePlan;
  result?: RecreateResult;
  planUri?: string;
}

const documents = new Map<string, string>();

export function registerRecreateDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '' });
}

/** The file that defines the pipeline, found in the workspace (the first match), for the re-run step. */
async function pipelineFile(pipeline: string): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.py', '{**/node_modules/**,**/.venv/**,**/venv/**,**/.tools/**,**/site-packages/**,**/.git/**}', 5000);
  for (const uri of files) {
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      if (!text.includes(pipeline)) continue;
      if (discoverPipelines(text).pipelines.some((p) => p.name === pipeline)) return uri;
    } catch {
      // unreadable: skipped
    }
  }
  return undefined;
}

export async function recreateSchedule(
  source: ConnectionTreeSource,
  row: LiveRowModel,
  live: LiveConnections,
  interpreter: (uri: vscode.Uri | undefined) => Promise<string | undefined>,
  log: vscode.LogOutputChannel,
  args: RecreateArgs,
  askCron: (row: LiveRowModel) => Promise<string | undefined>,
): Promise<RecreateOutcome> {
  const cron = args.cron ?? (await askCron(row));
  if (cron === undefined) return { status: 'cancelled' };
  const adapter = source.adapter as RecreateOrchestrator;
  const zenml = live.zenmlAdapterFor(row.schedule, source.adapter) as (RecordArchiver & typeof source.adapter) | null;
  // The re-run: only in a trusted folder (it runs the workspace's Python), with the file that defines the pipeline.
  const pipeline = row.schedule.pipeline ?? row.schedule.match?.pipeline ?? null;
  let rerun: RerunTarget;
  if (!vscode.workspace.isTrusted) rerun = { unavailable: vscode.l10n.t('this folder is not trusted, so its Python is not run') };
  else {
    const file = pipeline ? await pipelineFile(pipeline) : undefined;
    const python = file ? await interpreter(file) : undefined;
    rerun = file && python ? { file: file.fsPath, python } : { unavailable: file ? vscode.l10n.t('no Python interpreter with ZenML was found') : vscode.l10n.t('no @pipeline named {0} in this workspace', pipeline ?? '?') };
  }
  const planned = planRecreate({ schedule: row.schedule, adapter, zenml, cron, now: new Date(), rerun });
  if (!planned.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Recreate "{0}": {1}', row.label, planned.message));
    return { status: 'invalid', message: planned.message };
  }
  const plan = planned.plan;
  // The full plan and diff, read-only, beside the modal.
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${plan.name.replace(/[^\w.-]+/g, '_')}-plan.md`, query: String(Date.now()) });
  documents.set(uri.toString(), planMarkdown(plan));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  log.info(`Recreate "${row.label}": plan ${JSON.stringify(plan.steps)}`);
  if (args.mode === 'plan') return { status: 'planned', plan, planUri: uri.toString() };

  if (!args.confirmed) {
    const steps = plan.steps.map((s) => `${s.n}. ${s.mode === 'auto' ? '' : vscode.l10n.t('[by hand] ')}${s.where}: ${s.mode === 'auto' ? s.what : s.byHand}`).join('\n');
    const diff = vscode.l10n.t('Now: {0} ({1}) → new: {2} ({3})', plan.before.expression ?? '-', plan.before.description, plan.after.expression ?? '-', plan.after.description);
    const go = vscode.l10n.t('Recreate');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Recreate "{0}" with a new schedule? Nothing has changed yet.', row.label),
      { modal: true, detail: `${diff}\n\n${steps}${plan.warnings.length ? `\n\n⚠ ${plan.warnings.join('\n⚠ ')}` : ''}` },
      go,
    );
    if (choice !== go) return { status: 'cancelled', plan, planUri: uri.toString() };
  }

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Recreate "{0}"', row.label), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      const share = 100 / plan.steps.length;
      try {
        return await executeRecreate(plan, {
          adapter,
          zenml,
          signal: controller.signal,
          rerun: rerun.file && rerun.python && pipeline
            ? (schedule, o) =>
                createScheduleNow({ pythonPath: rerun.python!, cwd: vscode.workspace.getWorkspaceFolder(vscode.Uri.file(rerun.file!))?.uri.fsPath ?? path.dirname(rerun.file!), file: rerun.file!, pipeline, schedule, signal: o.signal, onStderr: (c) => log.append(c) })
            : undefined,
          onProgress: (step, status) => {
            if (status === 'running') progress.report({ message: vscode.l10n.t('Step {0}/{1}: {2}', step.n, plan.steps.length, step.what) });
            else progress.report({ increment: share, message: vscode.l10n.t('Step {0}: {1}', step.n, status) });
          },
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  log.info(`Recreate "${row.label}": ${result.state}: ${result.words}`);
  documents.set(uri.toString(), `${planMarkdown(plan)}\n## Result: ${result.state}\n\n${result.outcomes.map((o) => `${o.n}. ${o.status}${o.message ? ` — ${o.message}` : ''}${o.changed.length ? ` — ${o.changed.map((c) => `${c.where} ${c.what}`).join('; ')}` : ''}`).join('\n')}\n${result.finishByHand.length ? `\n### To finish by hand\n\n${result.finishByHand.map((f) => `- ${f}`).join('\n')}\n` : ''}`);
  const show = result.state === 'done' ? vscode.window.showInformationMessage : result.state === 'partial' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  void show(vscode.l10n.t('Recreate "{0}": {1}', row.label, result.words), vscode.l10n.t('Show Log')).then((c) => {
    if (c) log.show(true);
  });
  // Read back: every connection (the old row goes, the new schedule may show up).
  await live.refreshAll();
  return { status: result.state, plan, result, planUri: uri.toString() };
}

// "ZenML Schedules: Create a Schedule": pick a pipeline, the kind of schedule the target
// orchestrator takes, the cron (live preview as in Explain Cron Expression) or interval, optional
// start / end / catch-up / name; then insert the code as one reviewable WorkspaceEdit, or create it
// now by running the pipeline with the schedule through ZenML in the user's interpreter. The logic
// (code, imports, kinds) is src/workspace/createSchedule.ts; this file asks and applies.
// Programmatic arguments (tests, the code action) skip the questions they answer.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { CAPABILITIES, type ScheduleKind } from '../common/flavors';
import { describeInterval, explainCron, formatInZone, nextIntervalRuns } from '../cron';
import { discover, discoverPipelines } from '../discovery';
import { targetOrchestrator } from '../findings';
import {
  createOptionsFor,
  describeSpec,
  KIND_LABELS,
  parseInterval,
  parseTime,
  planScheduleCode,
  scheduleKwargs,
  type CreateOptions,
  type SchedulePlan,
  type ScheduleSpec,
} from '../workspace/createSchedule';
import { createScheduleNow, type CreateRunResult } from '../zenml/createRun';
import { displaySettings } from './config';
import { toRange } from './convert';
import { previewText } from './explainCommand';
import type { LiveConnections } from './liveConnections';
import type { OrchestratorService } from './orchestratorService';
import type { InterpreterResolver } from './zenmlInterpreter';
import type { SchedulesTreeProvider } from './tree';

export const CREATE_COMMAND = 'zenmlSchedules.createSchedule';

/** Arguments for tests and the code action; every field answered is not asked. */
export interface CreateScheduleArgs {
  uri?: vscode.Uri | string;
  pipeline?: string;
  /** The orchestrator flavor to write for (default: the file's target orchestrator). */
  flavor?: string;
  kind?: ScheduleKind;
  cron?: string;
  /** Seconds, or text such as `1h30m`. */
  interval?: number | string;
  start?: string;
  end?: string;
  runOnceAt?: string;
  catchup?: boolean;
  name?: string;
  /** Skip the optional-fields question (tests that set none). */
  noOptions?: boolean;
  mode?: 'insert' | 'now';
  /** false: apply without the refactor preview (tests). Default true: the user reviews the edit. */
  review?: boolean;
}

export interface CreateScheduleResult {
  status: 'inserted' | 'created' | 'cancelled' | 'failed';
  message?: string;
  plan?: SchedulePlan;
  uri?: string;
  created?: CreateRunResult;
  /** The live row's id when the created schedule showed up in the Schedules view. */
  revealedRow?: string;
}

export interface CreateScheduleServices {
  orchestrators: OrchestratorService;
  interpreters: InterpreterResolver;
  live: LiveConnections;
  log: vscode.LogOutputChannel;
  /** The Schedules view, to select the new schedule's row. */
  tree?: SchedulesTreeProvider;
}

/** Registers the command and the code action; returns the code action provider (activation's stand-in forwards to it). */
export function registerCreateSchedule(context: vscode.ExtensionContext, services: CreateScheduleServices): CreateScheduleCodeActions {
  const actions = new CreateScheduleCodeActions();
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_COMMAND, (args?: CreateScheduleArgs) => createSchedule(services, isArgs(args) ? args : {})),
    vscode.languages.registerCodeActionsProvider(PIPELINE_SELECTOR, actions, { providedCodeActionKinds: CreateScheduleCodeActions.kinds }),
  );
  return actions;
}

/** Python files on disk (create-now imports the file; notebooks are not offered). */
export const PIPELINE_SELECTOR: vscode.DocumentSelector = { language: 'python', scheme: 'file' };

function isArgs(value: unknown): value is CreateScheduleArgs {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !('sourceId' in value);
}

/** "Create a schedule for <pipeline>…" on the `def` line (or decorators) of an @pipeline function. */
export class CreateScheduleCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.Refactor.append('zenmlSchedules.create')];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const text = document.getText();
    if (!/@\s*[\w.]*pipeline\b/.test(text)) return [];
    const module = discoverPipelines(text);
    const actions: vscode.CodeAction[] = [];
    for (const p of module.pipelines) {
      const from = document.positionAt(p.from).line;
      if (range.start.line < from || range.start.line > p.nameRange.start.line) continue;
      const action = new vscode.CodeAction(`Create a schedule for ${p.name}…`, CreateScheduleCodeActions.kinds[0]);
      action.command = { command: CREATE_COMMAND, title: action.title, arguments: [{ uri: document.uri.toString(), pipeline: p.name }] };
      actions.push(action);
    }
    return actions;
  }
}

interface PipelinePick extends vscode.QuickPickItem {
  uri: vscode.Uri;
  pipeline: string;
}

/** @pipeline functions of the workspace's Python files (the active editor's first). */
async function findPipelines(): Promise<PipelinePick[]> {
  const picks: PipelinePick[] = [];
  const seen = new Set<string>();
  const add = (uri: vscode.Uri, text: string) => {
    if (seen.has(uri.toString()) || !/@\s*[\w.]*pipeline\b/.test(text)) return;
    seen.add(uri.toString());
    for (const p of discoverPipelines(text).pipelines) {
      picks.push({ label: p.name, description: `${vscode.workspace.asRelativePath(uri)}:${p.nameRange.start.line + 1}`, uri, pipeline: p.name });
    }
  };
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'python') add(active.uri, active.getText());
  const files = await vscode.workspace.findFiles('**/*.py', '{**/node_modules/**,**/.venv/**,**/venv/**,**/.tools/**,**/site-packages/**,**/.git/**}', 5000);
  for (const uri of files) {
    if (seen.has(uri.toString())) continue;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    try {
      const text = open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      add(uri, text);
    } catch {
      // unreadable: skipped
    }
  }
  return picks;
}

export async function createSchedule(services: CreateScheduleServices, args: CreateScheduleArgs): Promise<CreateScheduleResult> {
  const cancelled: CreateScheduleResult = { status: 'cancelled' };
  const fail = (message: string): CreateScheduleResult => {
    void vscode.window.showErrorMessage(vscode.l10n.t('Create a schedule: {0}', message));
    services.log.warn(`Create a schedule: ${message}`);
    return { status: 'failed', message };
  };

  // 1. The pipeline.
  let uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
  let pipeline = args.pipeline;
  if (!uri || !pipeline) {
    const picks = (await findPipelines()).filter((p) => (!uri || p.uri.toString() === uri.toString()) && (!pipeline || p.pipeline === pipeline));
    if (picks.length === 0) return fail(vscode.l10n.t("no @pipeline function found in this workspace. Decorate a function with ZenML's @pipeline first."));
    const picked = picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Create a schedule (1/4): pipeline'), placeHolder: vscode.l10n.t('The pipeline to schedule'), matchOnDescription: true });
    if (!picked) return cancelled;
    uri = picked.uri;
    pipeline = picked.pipeline;
  }
  const document = await vscode.workspace.openTextDocument(uri);

  // 2. The target orchestrator and what it takes.
  const detected = services.orchestrators.current(uri);
  const target = args.flavor ? { flavor: args.flavor, source: 'setting' as const } : targetOrchestrator(discover(document.getText(), document.fileName), detected);
  let options = createOptionsFor(target?.flavor);
  if (!target || options.refusal) {
    const reason = !target
      ? vscode.l10n.t('No target orchestrator is known (no zenmlSchedules.orchestrator setting, no orchestrator settings key, ZenML not detected).')
      : `${options.refusal!} ${vscode.l10n.t('Switch to a stack whose orchestrator can schedule, or set zenmlSchedules.orchestrator to the orchestrator the code will run on.')}`;
    const flavor = await pickFlavor(reason);
    if (!flavor) return cancelled;
    options = createOptionsFor(flavor === 'any' ? null : flavor);
  }
  for (const note of options.notes) services.log.info(`Create a schedule: ${note}`);

  // 3. Kind and trigger.
  let kind = args.kind;
  if (!kind) {
    if (options.kinds.length === 1) kind = options.kinds[0];
    else {
      const picked = await vscode.window.showQuickPick(
        options.kinds.map((k) => ({ label: KIND_LABELS[k], scheduleKind: k })),
        { title: vscode.l10n.t('Create a schedule (2/4): kind of schedule on {0}', options.displayName), placeHolder: vscode.l10n.t('{0} takes: {1}', options.displayName, options.kinds.join(', ')) },
      );
      if (!picked) return cancelled;
      kind = picked.scheduleKind;
    }
  }
  if (!options.kinds.includes(kind)) return fail(vscode.l10n.t("{0} does not take a schedule of kind '{1}' (it takes: {2}).", options.displayName, kind, options.kinds.join(', ')));
  const spec: ScheduleSpec = { kind };
  const settings = displaySettings(uri);
  if (kind === 'cron') {
    const cron = args.cron ?? (await askCron(options, settings.displayZone, settings.nextRuns));
    if (cron === undefined) return cancelled;
    spec.cron = cron;
  } else if (kind === 'interval') {
    const raw = args.interval ?? (await askInterval(settings.displayZone));
    if (raw === undefined) return cancelled;
    const parsed = typeof raw === 'number' ? { seconds: raw } : parseInterval(raw);
    if ('error' in parsed) return fail(parsed.error);
    spec.intervalSeconds = parsed.seconds;
  } else {
    const at = args.runOnceAt ?? (await askTime(vscode.l10n.t('Run once at'), vscode.l10n.t('When the pipeline runs, e.g. 2026-12-24T08:00:00Z (without an offset: the display time zone)'), settings.displayZone, true));
    if (at === undefined) return cancelled;
    spec.runOnceAt = at;
  }

  // 4. Optional fields: given ones, or the ones the user ticks.
  Object.assign(spec, pickDefined({ start: args.start, end: args.end, catchup: args.catchup, name: args.name }));
  const anyGiven = args.start !== undefined || args.end !== undefined || args.catchup !== undefined || args.name !== undefined;
  if (!args.noOptions && !anyGiven) {
    const optional = await askOptional(options, kind, pipeline, settings.displayZone);
    if (!optional) return cancelled;
    Object.assign(spec, optional);
  }

  // 5. The code, and what to do with it.
  const planned = planScheduleCode(document.getText(), pipeline, spec, { flavor: options.flavor === 'unknown' ? null : options.flavor });
  if (!planned.ok) return fail(planned.message);
  const plan = planned.plan;
  services.log.info(`Create a schedule for ${pipeline} (${describeSpec(spec, options.dialect)}), ${plan.placement}:\n${plan.preview}`);
  let mode = args.mode;
  if (!mode) {
    const items: (vscode.QuickPickItem & { mode: 'insert' | 'now' })[] = [
      { label: `$(edit) ${vscode.l10n.t('Insert the code')}`, description: vscode.l10n.t('review the edit, then run the pipeline yourself'), detail: plan.preview.replace(/\n+/g, '  ·  '), mode: 'insert' },
    ];
    if (vscode.workspace.isTrusted) {
      items.push({ label: `$(play) ${vscode.l10n.t('Create it now')}`, description: vscode.l10n.t('run the pipeline with this schedule through ZenML on the active stack'), detail: `${describeSpec(spec, options.dialect)}`, mode: 'now' });
    }
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Create a schedule (4/4): {0}', pipeline), placeHolder: `${describeSpec(spec, options.dialect)} — ${plan.placement}` });
    if (!picked) return cancelled;
    mode = picked.mode;
  }
  if (mode === 'now') return createNow(services, document, pipeline, spec, plan);
  return insert(document, plan, args.review !== false, pipeline);
}

function pickDefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function pickFlavor(reason: string): Promise<string | undefined> {
  const items = [
    ...CAPABILITIES.filter((c) => c.canSchedule).map((c) => ({ label: c.displayName, description: `${c.flavor} · ${c.kinds.join(', ')}`, flavor: c.flavor })),
    { label: vscode.l10n.t('Any orchestrator'), description: vscode.l10n.t('standard cron; every kind'), flavor: 'any' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Create a schedule: which orchestrator will run it?'), placeHolder: reason });
  return picked?.flavor;
}

/** The cron input box, with the same live preview as Explain Cron Expression (description, next runs, warnings). */
async function askCron(options: CreateOptions, displayZone: string, nextRuns: number): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Create a schedule (3/4): cron expression ({0}, {1} dialect)', options.displayName, options.dialect);
  box.placeholder = options.dialect === 'kubeflow' ? vscode.l10n.t('e.g. 0 0 3 * * * (seconds first)') : options.dialect === 'databricks' ? vscode.l10n.t('e.g. 0 0 3 * * ? (Quartz)') : vscode.l10n.t('e.g. 0 3 * * *');
  box.ignoreFocusOut = true;
  const render = () => {
    const value = box.value.trim();
    if (!value) {
      box.prompt = vscode.l10n.t('Type a cron expression: it is read as {0} reads it.', options.displayName);
      box.validationMessage = undefined;
      return;
    }
    const explanation = explainCron(value, { dialect: options.dialect, count: nextRuns });
    const { prompt, error } = previewText(explanation, displayZone);
    box.prompt = prompt;
    box.validationMessage = error;
  };
  return new Promise((resolve) => {
    let done = false;
    box.onDidChangeValue(render);
    box.onDidAccept(() => {
      const value = box.value.trim();
      if (!value || !explainCron(value, { dialect: options.dialect, count: 1 }).valid) return;
      done = true;
      resolve(value);
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      if (!done) resolve(undefined);
    });
    render();
    box.show();
  });
}

async function askInterval(displayZone: string): Promise<string | undefined> {
  return askWithPreview(vscode.l10n.t('Create a schedule (3/4): interval'), vscode.l10n.t('e.g. 1h, 30m, 1h30m, 2d or 3600 (seconds)'), (value) => {
    const parsed = parseInterval(value);
    if ('error' in parsed) return { error: parsed.error };
    const runs = nextIntervalRuns(new Date(), parsed.seconds, new Date(), 3).map((d) => formatInZone(d, displayZone));
    return { prompt: vscode.l10n.t('{0} — from the start time (default: when the code runs), e.g. {1}', describeInterval(parsed.seconds), runs.join(' · ')) };
  });
}

/** A time; `required` false lets an empty answer mean "not set" (resolves ''). */
async function askTime(title: string, prompt: string, zone: string, required: boolean): Promise<string | undefined> {
  const answer = await askWithPreview(title, vscode.l10n.t('e.g. 2026-12-24T08:00:00Z'), (value) => {
    if (!value && !required) return { prompt: `${prompt}. Empty: not set.` };
    const parsed = parseTime(value, zone);
    if ('error' in parsed) return { error: parsed.error };
    return { prompt: `${parsed.iso} (UTC) — ${formatInZone(new Date(parsed.iso), zone)} in ${zone}` };
  }, !required);
  if (answer === undefined || answer === '') return answer;
  const parsed = parseTime(answer, zone);
  return 'iso' in parsed ? parsed.iso : undefined;
}

async function askWithPreview(
  title: string,
  placeholder: string,
  preview: (value: string) => { prompt?: string; error?: string },
  allowEmpty = false,
): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.placeholder = placeholder;
  box.ignoreFocusOut = true;
  const render = () => {
    const result = preview(box.value.trim());
    box.prompt = result.prompt ?? '';
    box.validationMessage = box.value.trim() ? result.error : undefined;
  };
  return new Promise((resolve) => {
    let done = false;
    box.onDidChangeValue(render);
    box.onDidAccept(() => {
      const value = box.value.trim();
      if ((!value && !allowEmpty) || (value && preview(value).error)) return;
      done = true;
      resolve(value);
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      if (!done) resolve(undefined);
    });
    render();
    box.show();
  });
}

async function askOptional(options: CreateOptions, kind: ScheduleKind, pipeline: string, zone: string): Promise<Partial<ScheduleSpec> | undefined> {
  type Field = 'name' | 'start' | 'end' | 'catchup';
  const items: (vscode.QuickPickItem & { field: Field })[] = [{ label: vscode.l10n.t('Name'), description: vscode.l10n.t('default: ZenML generates one from the pipeline name and time'), field: 'name' }];
  if (options.window || kind === 'interval') items.push({ label: vscode.l10n.t('Start time'), description: kind === 'interval' ? vscode.l10n.t('default: when the code runs') : vscode.l10n.t('no runs before it'), field: 'start' });
  if (options.window) items.push({ label: vscode.l10n.t('End time'), description: vscode.l10n.t('no runs after it'), field: 'end' });
  if (options.catchup) items.push({ label: vscode.l10n.t('Catch-up'), description: vscode.l10n.t('run the missed intervals (default: no)'), field: 'catchup' });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Create a schedule: optional settings'), placeHolder: vscode.l10n.t('Tick what to set, or press Enter for none'), canPickMany: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  const fields = new Set(picked.map((p) => p.field));
  const spec: Partial<ScheduleSpec> = {};
  if (fields.has('name')) {
    const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Schedule name'), value: `${pipeline.replace(/_/g, '-')}-schedule`, validateInput: (v) => (/^[\w.-][\w .:-]*$/.test(v.trim()) ? undefined : vscode.l10n.t("Use letters, digits, '-', '_' and '.'.")) });
    if (name === undefined) return undefined;
    spec.name = name.trim();
  }
  if (fields.has('start')) {
    const start = await askTime(vscode.l10n.t('Start time'), vscode.l10n.t('The first run is at or after this time'), zone, false);
    if (start === undefined) return undefined;
    if (start) spec.start = start;
  }
  if (fields.has('end')) {
    const end = await askTime(vscode.l10n.t('End time'), vscode.l10n.t('No runs after this time'), zone, false);
    if (end === undefined) return undefined;
    if (end) spec.end = end;
  }
  if (fields.has('catchup')) {
    const catchup = await vscode.window.showQuickPick([{ label: vscode.l10n.t('No catch-up'), value: false }, { label: vscode.l10n.t('Catch up on missed runs'), value: true }], { title: vscode.l10n.t('Catch-up') });
    if (!catchup) return undefined;
    spec.catchup = catchup.value;
  }
  return spec;
}

async function insert(document: vscode.TextDocument, plan: SchedulePlan, review: boolean, pipeline: string): Promise<CreateScheduleResult> {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label: `Schedule ${pipeline}`, description: plan.placement, needsConfirmation: review };
  for (const e of plan.edits) edit.insert(document.uri, toRange(e.range).start, e.newText, metadata);
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: review });
  if (!applied) return { status: 'cancelled', message: vscode.l10n.t('The edit was not applied.'), plan, uri: document.uri.toString() };
  const editor = await vscode.window.showTextDocument(document);
  const line = new vscode.Position(plan.scheduleLine, 0);
  editor.selection = new vscode.Selection(line, line);
  editor.revealRange(new vscode.Range(line, line), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const notes = plan.notes.length ? ` ${plan.notes.join(' ')}` : '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Schedule for {0} inserted {1}. Running the file creates it on the active stack.{2}', pipeline, plan.placement, notes));
  return { status: 'inserted', plan, uri: document.uri.toString() };
}

async function createNow(
  services: CreateScheduleServices,
  document: vscode.TextDocument,
  pipeline: string,
  spec: ScheduleSpec,
  plan: SchedulePlan,
): Promise<CreateScheduleResult> {
  if (!vscode.workspace.isTrusted) {
    return { status: 'failed', message: vscode.l10n.t('This folder is not trusted: ZenML Schedules does not run its Python. Insert the code instead, or trust the folder.') };
  }
  if (document.isDirty && !(await document.save())) return { status: 'failed', message: vscode.l10n.t('Save the file first: ZenML imports it from disk.') };
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const choice = await services.interpreters.resolve(document.uri);
  const python = choice.candidates[0];
  const log = services.log;
  log.info(`Create a schedule now: ${python} helper.py create-run ${document.uri.fsPath} ${pipeline} ${JSON.stringify(scheduleKwargs(spec))}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running {0} with its schedule through ZenML', pipeline), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.report({ message: vscode.l10n.t('ZenML output is in the ZenML Schedules log') });
      return createScheduleNow({
        pythonPath: python,
        cwd: folder?.uri.fsPath ?? path.dirname(document.uri.fsPath),
        file: document.uri.fsPath,
        pipeline,
        schedule: scheduleKwargs(spec),
        signal: abort.signal,
        onStderr: (chunk) => log.append(chunk),
      });
    },
  );
  if (!result.ok) {
    log.error(`Create a schedule now failed (${result.code}): ${result.message}`);
    const showLog = vscode.l10n.t('Show Log');
    const insertInstead = vscode.l10n.t('Insert the Code Instead');
    void vscode.window.showErrorMessage(vscode.l10n.t('Create a schedule: {0}', result.message), showLog, insertInstead).then(async (answer) => {
      if (answer === showLog) log.show();
      if (answer === insertInstead) await insert(document, plan, true, pipeline);
    });
    return { status: 'failed', message: result.message, created: result, plan };
  }
  const s = result.schedule;
  const where = s.runMetadata.cron_job_name ? `; CronJob ${s.runMetadata.cron_job_name}` : '';
  log.info(`Created schedule ${s.name} (${s.id}) on stack ${result.stack} (${result.orchestrator.flavor ?? 'unknown'} orchestrator)${where}.`);
  // Show it in the live tree when a connection lists it (the server's record or the orchestrator's object).
  await services.live.refreshAll();
  let revealed: string | undefined;
  for (const source of services.live.sources()) {
    const row = source.rows().find((r) => r.schedule.id === s.id || r.schedule.zenmlId === s.id || r.schedule.name === s.runMetadata.cron_job_name);
    if (row) {
      revealed = row.id;
      const node = source.nodeOf(row.id);
      if (node && services.tree) await services.tree.reveal(node);
      else await vscode.commands.executeCommand('zenmlSchedules.schedules.focus');
      break;
    }
  }
  const shown = revealed ? vscode.l10n.t(' It is listed in the Schedules view.') : vscode.l10n.t(' It is not listed yet: add a connection to its ZenML server or orchestrator to see it in the Schedules view.');
  void vscode.window.showInformationMessage(vscode.l10n.t('Created schedule {0} on stack {1}{2}.{3}', s.name, result.stack, where, shown));
  return { status: 'created', created: result, plan, revealedRow: revealed, uri: document.uri.toString() };
}

// The commands that change live schedules and connections: pause, resume, update,
// delete, show runs, add and remove a connection, retry. From a tree row (the node is
// the argument) or the palette (a quick pick asks which schedule). Every change goes
// through the adapter interface with progress and cancellation, and the message says
// what the adapter's ChangeReport says changed, and what did not.

import * as vscode from 'vscode';
import type { ChangeReport, LiveRun, Result, SourceFileEdit } from '../adapters/types';
import type { AdapterError } from '../adapters/errors';
import { explainCron } from '../cron';
import { capabilityOf } from '../common/flavors';
import { CONNECTION_FIELDS, CONNECTION_SECRETS, CONNECTION_TYPES, connectionLabel, encodeSecrets, parseConnections, type ConnectionConfig, type ConnectionType } from '../workspace/connectionSettings';
import { changeLive } from '../workspace/liveMerge';
import { canChange, changeSummary, runRowText, type LiveRowModel } from '../workspace/liveRows';
import { deleteChoice } from '../workspace/liveState';
import { MISSED_COUNT_CAP, formatCount, resumePreview } from '../workspace/resumePreview';
import { sourceFileEdit } from '../workspace/sourceFileEdit';
import { displaySettings } from './config';
import { previewText } from './explainCommand';
import type { LiveConnections } from './liveConnections';
import { editorRemedy, type ConnectionTreeSource, type LiveNode } from './liveTree';
import { RECREATE_COMMAND, recreateSchedule, registerRecreateDocuments, type RecreateArgs } from './recreateCommand';

type Operation = 'pause' | 'resume' | 'update' | 'delete' | 'runs' | 'recreate';

const NEEDS: Record<Operation, (row: LiveRowModel) => boolean> = {
  pause: (row) => /\bpausable\b/.test(row.contextValue),
  resume: (row) => /\bresumable\b/.test(row.contextValue),
  update: (row) => /\bupdatable\b/.test(row.contextValue),
  delete: (row) => /\bdeletable\b/.test(row.contextValue),
  runs: (row) => /\bhasRuns\b/.test(row.contextValue),
  recreate: (row) => /\brecreatable\b/.test(row.contextValue),
};

interface Target {
  source: ConnectionTreeSource;
  row: LiveRowModel;
}

function nodeOf(arg: unknown): LiveNode | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<LiveNode>;
  return typeof node.type === 'string' && typeof node.sourceId === 'string' ? (node as LiveNode) : undefined;
}

export function registerScheduleCommands(
  context: vscode.ExtensionContext,
  live: LiveConnections,
  log: vscode.LogOutputChannel,
  interpreter: (uri: vscode.Uri | undefined) => Promise<string | undefined> = async () => undefined,
): void {
  const register = (id: string, handler: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  const sourceById = (id: string) => live.sources().find((s) => s.id === id);

  /** The schedule from a tree node, else a quick pick over every connection's loaded schedules. */
  async function target(arg: unknown, op: Operation, title: string): Promise<Target | undefined> {
    const node = nodeOf(arg);
    if (node && (node.type === 'schedule' || node.type === 'run')) {
      const source = sourceById(node.sourceId);
      if (source) return { source, row: node.row };
    }
    const sources = live.sources();
    if (!sources.length) {
      // Not awaited: the command returns while the notification waits for the user.
      void vscode.window.showInformationMessage(vscode.l10n.t('No ZenML server is connected.'), vscode.l10n.t('Connect to a ZenML Server…')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('zenmlSchedules.addConnection');
      });
      return undefined;
    }
    const picks = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading schedules…') }, async () => {
      await Promise.all(sources.map((s) => s.settled()));
      return sources.flatMap((source) =>
        source
          .rows()
          .filter(NEEDS[op])
          .map((row) => ({ label: row.label, description: `${source.connection.name} · ${row.schedule.pipeline ?? vscode.l10n.t('no pipeline')}`, detail: row.description, source, row })),
      );
    });
    const failing = sources.filter((s) => s.error).map((s) => `${s.connection.name}: ${s.error?.message}`);
    if (!picks.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No schedule can be {0} right now.', past(op)) + (failing.length ? ` ${vscode.l10n.t('Not reachable: {0}', failing.join('; '))}` : ''),
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(picks, { title, placeHolder: vscode.l10n.t('Which schedule?'), matchOnDescription: true, matchOnDetail: true });
    return picked ? { source: picked.source, row: picked.row } : undefined;
  }

  /**
   * Says plainly, before anything is sent, when this schedule cannot be changed from here (ZenML only
   * changes its own record on most orchestrators), and offers to connect what could change it.
   */
  async function refusedUpfront(t: Target, op: 'pause' | 'resume' | 'update' | 'delete'): Promise<boolean> {
    if (canChange(t.row.schedule, t.source.adapter.capabilities, op)) return false;
    const reason = t.row.schedule.changes?.reason ?? vscode.l10n.t('{0} cannot {1} this schedule.', t.source.connection.name, op);
    const flavor = t.row.schedule.orchestrator;
    const capability = capabilityOf(flavor);
    const connect = capability?.canSchedule ? vscode.l10n.t('Connect {0}…', capability.displayName) : undefined;
    // An update that cannot happen in place: offer the guided recreate (ZenML's recipe, step by step).
    const recreate = op === 'update' && NEEDS.recreate(t.row) ? vscode.l10n.t('Recreate with a New Schedule…') : undefined;
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Nothing was changed: "{0}" cannot be {1} from here.', t.row.label, past(op)),
      { modal: true, detail: reason },
      ...(recreate ? [recreate] : []),
      ...(connect ? [connect] : []),
    );
    if (choice && choice === recreate) await vscode.commands.executeCommand(RECREATE_COMMAND, { type: 'schedule', sourceId: t.source.id, row: t.row });
    if (choice && choice === connect) await vscode.commands.executeCommand('zenmlSchedules.addConnection');
    return true;
  }

  /** Runs a change with progress and cancellation, then says what the report says. */
  async function change(t: Target, title: string, call: (signal: AbortSignal) => Promise<Result<ChangeReport>>): Promise<Result<ChangeReport> | undefined> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title} (${t.source.connection.name})`, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          return await call(controller.signal);
        } catch (error) {
          return { ok: false as const, error: { code: 'server-error' as const, message: error instanceof Error ? error.message : String(error) } };
        } finally {
          cancel.dispose();
        }
      },
    );
    if (!result.ok) {
      showError(result.error, vscode.l10n.t('{0} failed', title));
      // The schedule may have changed in part: read it back.
      void t.source.reload();
      return result;
    }
    const report = result.value;
    log.info(`[${t.source.connection.name}] ${title}: ${JSON.stringify({ changed: report.changed, unchanged: report.unchanged })}`);
    const summary = changeSummary(report);
    const show =
      summary.level === 'info' ? vscode.window.showInformationMessage : summary.level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    void show(`${title}: ${summary.text}`);
    if (report.after) t.source.applyReadBack(report.after);
    // Read everything back from the source (state, health), keeping rows and expansion meanwhile.
    void t.source.reload();
    return result;
  }

  function showError(error: AdapterError, prefix: string): void {
    if (error.code === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0}: cancelled. {1}', prefix, error.message));
      return;
    }
    log.warn(`${prefix}: ${error.code} ${error.message}${error.detail ? ` (${error.detail})` : ''}`);
    void vscode.window.showErrorMessage(`${prefix}: ${error.message} ${editorRemedy(error)}`, vscode.l10n.t('Show Log')).then((c) => {
      if (c) log.show(true);
    });
  }

  register('zenmlSchedules.pauseSchedule', async (arg) => {
    const t = await target(arg, 'pause', vscode.l10n.t('Pause a schedule'));
    if (!t || (await refusedUpfront(t, 'pause'))) return;
    return change(t, vscode.l10n.t('Pause "{0}"', t.row.label), (signal) => changeLive(t.row.schedule, t.source.adapter, live.zenmlAdapterFor(t.row.schedule, t.source.adapter), { action: 'pause' }, { signal }));
  });

  // `choiceArg` ('catch-up' | 'no-catch-up' | 'resume') answers the preview's question without the modal (tests, keybindings).
  register('zenmlSchedules.resumeSchedule', async (arg, choiceArg) => {
    const t = await target(arg, 'resume', vscode.l10n.t('Resume a schedule'));
    if (!t || (await refusedUpfront(t, 'resume'))) return;
    const catchUp = await askResume(t, typeof choiceArg === 'string' ? choiceArg : undefined);
    if (catchUp === null) return;
    return change(t, vscode.l10n.t('Resume "{0}"', t.row.label), (signal) =>
      changeLive(t.row.schedule, t.source.adapter, live.zenmlAdapterFor(t.row.schedule, t.source.adapter), { action: 'resume', ...(catchUp === undefined ? {} : { catchUp }) }, { signal }),
    );
  });

  /**
   * The resume preview in a modal: how many start times were missed and what the orchestrator starts for
   * them; the catch-up buttons where the adapter takes the choice. No modal when resuming starts at most
   * one run and there is nothing to choose (the preview goes to the log). Returns the choice (undefined: the
   * orchestrator's own rule), or null when the user cancelled.
   */
  async function askResume(t: Target, preset: string | undefined): Promise<boolean | undefined | null> {
    const preview = resumePreview(t.row.schedule, {
      now: new Date(),
      lastRun: t.row.live.health.lastRun?.created ?? null,
      choiceAllowed: t.source.adapter.capabilities.resumeCatchUp === true,
    });
    const withChoice = preview.choice === 'catch-up';
    if (preset === 'catch-up' || preset === 'no-catch-up') return withChoice ? preset === 'catch-up' : undefined;
    if (preset === 'resume') return undefined;
    // Asked only when it matters: a choice to make, a backfill of several runs, or an unknown count.
    const most = preview.runsThatWillStart ?? preview.atMost;
    if (!withChoice && most !== null && most <= 1) {
      log.info(`Resume "${t.row.label}": ${preview.words}`);
      return undefined;
    }
    const message =
      preview.missedRuns === null
        ? vscode.l10n.t('Resume "{0}"? The number of start times missed while it was paused is unknown.', t.row.label)
        : preview.missedCapped
          ? vscode.l10n.t('Resume "{0}"? More than {1} start times were missed while it was paused.', t.row.label, formatCount(MISSED_COUNT_CAP))
          : vscode.l10n.t('Resume "{0}"? Start times missed while it was paused: {1}.', t.row.label, formatCount(preview.missedRuns));
    const catchUpButton = vscode.l10n.t('Resume and catch up');
    const noCatchUpButton = vscode.l10n.t('Resume without catch-up');
    const resumeButton = vscode.l10n.t('Resume');
    const buttons = withChoice ? [catchUpButton, noCatchUpButton] : [resumeButton];
    const picked = await vscode.window.showWarningMessage(message, { modal: true, detail: preview.words }, ...buttons);
    if (picked === catchUpButton) return true;
    if (picked === noCatchUpButton) return false;
    if (picked === resumeButton) return undefined;
    return null;
  }

  register('zenmlSchedules.updateSchedule', async (arg, expressionArg) => {
    const t = await target(arg, 'update', vscode.l10n.t('Change the cron expression of a schedule'));
    if (!t) return;
    // A schedule written in a repository file (a GitHub Actions workflow): a reviewable edit of the workspace copy.
    const fileEdit = t.row.schedule.changes?.fileEdit;
    const inFile = !!fileEdit?.operations.includes('update') && !canChange(t.row.schedule, t.source.adapter.capabilities, 'update');
    if (!inFile && (await refusedUpfront(t, 'update'))) return;
    const fileUri = inFile && fileEdit ? await workspaceFile(fileEdit) : undefined;
    if (inFile && fileEdit && !fileUri) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Nothing was changed: "{0}" is written in {1}, which is not in the open workspace.', t.row.label, fileEdit.path),
        { modal: true, detail: vscode.l10n.t('Open a folder with a clone of {0}, or edit the cron in {1} there, then commit and push.', fileEdit.repository ?? '', fileEdit.path) },
      );
      return;
    }
    const expression = typeof expressionArg === 'string' ? expressionArg : await askExpression(t.row);
    if (expression === undefined) return;
    const check = explainCron(expression, { dialect: t.row.dialect, timeZone: t.row.schedule.timeZone ?? 'UTC', count: 1 });
    if (!check.valid) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Not sent: "{0}" is not a valid {1} cron expression: {2}', expression, t.row.dialect, check.error?.message ?? ''));
      return;
    }
    if (expression === t.row.schedule.expression) {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" already runs on {1}: nothing to change.', t.row.label, expression));
      return;
    }
    if (fileEdit && fileUri) return editInFile(t, fileEdit, fileUri, expression);
    return change(t, vscode.l10n.t('Update "{0}" to {1}', t.row.label, expression), (signal) => changeLive(t.row.schedule, t.source.adapter, live.zenmlAdapterFor(t.row.schedule, t.source.adapter), { action: 'update', expression }, { signal }));
  });

  // `options` (tests, the update command): { cron, confirmed, mode: 'plan' }.
  context.subscriptions.push(registerRecreateDocuments());
  register(RECREATE_COMMAND, async (arg, options) => {
    const t = await target(arg, 'recreate', vscode.l10n.t('Recreate a schedule with a new cron expression'));
    if (!t) return;
    return recreateSchedule(t.source, t.row, live, interpreter, log, (options && typeof options === 'object' ? options : {}) as RecreateArgs, askExpression);
  });

  /** The workspace copy of a repository file: the path under a workspace folder, else the only match of a search. */
  async function workspaceFile(fileEdit: SourceFileEdit): Promise<vscode.Uri | undefined> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, fileEdit.path);
      try {
        await vscode.workspace.fs.stat(uri);
        return uri;
      } catch {
        // not in this folder
      }
    }
    const found = await vscode.workspace.findFiles(`**/${fileEdit.path}`, '**/node_modules/**', 2);
    return found.length === 1 ? found[0] : undefined;
  }

  /**
   * The change as an unsaved edit of the workspace copy (never saved or committed here): the user reviews it,
   * saves, commits and pushes; the row shows the change pending until the source serves it.
   */
  async function editInFile(t: Target, fileEdit: SourceFileEdit, uri: vscode.Uri, expression: string): Promise<Result<ChangeReport>> {
    const document = await vscode.workspace.openTextDocument(uri);
    const planned = sourceFileEdit(document.getText(), fileEdit, expression);
    if (!planned.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was changed: {0}.', planned.message));
      return { ok: false, error: { code: 'conflict', message: planned.message, source: t.source.connection.name } };
    }
    const range = new vscode.Range(document.positionAt(planned.start), document.positionAt(planned.end));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, range, planned.newText, { label: vscode.l10n.t('Change the schedule of "{0}"', t.row.label), needsConfirmation: false });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was changed: the edit of {0} was not applied.', fileEdit.path));
      return { ok: false, error: { code: 'conflict', message: `the edit of ${fileEdit.path} was not applied`, source: t.source.connection.name } };
    }
    const start = document.positionAt(planned.start);
    await vscode.window.showTextDocument(document, { preview: false, selection: new vscode.Range(start, start.translate(0, planned.newText.length)) });
    t.source.markPendingEdit(t.row.scheduleId, expression, fileEdit.path);
    const where = `${fileEdit.path} (${vscode.l10n.t('workspace copy')})`;
    log.info(`[${t.source.connection.name}] ${t.row.label}: cron edited to '${expression}' in ${uri.toString()} (unsaved)`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Edited the cron of "{0}" in {1} (not saved, not committed). Review it, save, commit and push: until then it keeps running "{2}".', t.row.label, fileEdit.path, t.row.schedule.expression ?? ''),
    );
    return {
      ok: true,
      value: { changed: [{ where, what: `cron set to '${expression}' (unsaved edit)` }], unchanged: [{ where: t.source.connection.name, why: 'runs the old cron until the file is committed and pushed' }] },
    };
  }

  register('zenmlSchedules.deleteSchedule', async (arg, modeArg) => {
    const t = await target(arg, 'delete', vscode.l10n.t('Delete a schedule'));
    if (!t || (await refusedUpfront(t, 'delete'))) return;
    const purge = modeArg === 'purge' ? true : modeArg === 'archive' ? false : await askDelete(t);
    if (purge === undefined) return;
    const result = await change(t, purge ? vscode.l10n.t('Purge "{0}"', t.row.label) : vscode.l10n.t('Archive "{0}"', t.row.label), (signal) => changeLive(t.row.schedule, t.source.adapter, live.zenmlAdapterFor(t.row.schedule, t.source.adapter), { action: 'delete', purge }, { signal }));
    if (result?.ok && purge) t.source.removeSchedule(t.row.scheduleId);
    return result;
  });

  register('zenmlSchedules.showRuns', async (arg) => {
    const t = await target(arg, 'runs', vscode.l10n.t('Show the runs of a schedule'));
    if (!t) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the runs of "{0}"', t.row.label), cancellable: true },
      (_p, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return t.source.runsOf(t.row.scheduleId, controller.signal);
      },
    );
    if (!result.ok) return showError(result.error, vscode.l10n.t('Runs of "{0}"', t.row.label));
    if (!result.runs.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no runs yet.', t.row.label));
      return result.runs;
    }
    const zone = displaySettings().displayZone;
    const picked = await vscode.window.showQuickPick(
      result.runs.map((run) => {
        const text = runRowText(run, zone);
        return { label: `$(${text.icon.id}) ${text.label}`, description: text.description, detail: run.url ? vscode.l10n.t('Open in the ZenML dashboard') : vscode.l10n.t('No dashboard link on this server'), run };
      }),
      { title: vscode.l10n.t('Last runs of "{0}" ({1})', t.row.label, t.source.connection.name) },
    );
    if (picked?.run.url) await openRun(picked.run);
    return result.runs;
  });

  register('zenmlSchedules.openRun', async (arg) => {
    const node = nodeOf(arg);
    if (node?.type === 'run') await openRun(node.run);
  });

  register('zenmlSchedules.retryConnection', async (arg) => {
    const node = nodeOf(arg);
    const source = node ? sourceById(node.sourceId) : undefined;
    if (source) return source.reload();
    return live.refreshAll();
  });

  // The sign-in a source offers (VS Code's GitHub sign-in), from its connection or error row.
  register('zenmlSchedules.signIn', async (arg) => {
    const node = nodeOf(arg);
    const candidates = node ? [sourceById(node.sourceId)].filter((s): s is ConnectionTreeSource => Boolean(s)) : live.sources().filter((s) => s.adapter.signIn && s.error?.code === 'unauthorized');
    const source = candidates[0];
    if (!source?.adapter.signIn) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No connection needs a sign-in.'));
      return false;
    }
    const signedIn = await source.adapter.signIn();
    if (signedIn) await source.reload();
    else void vscode.window.showWarningMessage(vscode.l10n.t('Not signed in: "{0}" still has no token. Store one with "ZenML Schedules: Add Connection…" (same name).', source.connection.name));
    return signedIn;
  });

  register('zenmlSchedules.showArchived', (arg) => setArchived(arg, true));
  register('zenmlSchedules.hideArchived', (arg) => setArchived(arg, false));
  function setArchived(arg: unknown, include: boolean): void {
    const node = nodeOf(arg);
    const targets = node ? [sourceById(node.sourceId)].filter((s): s is ConnectionTreeSource => Boolean(s)) : live.sources();
    for (const source of targets) source.setIncludeArchived(include);
  }

  register('zenmlSchedules.addConnection', async (preset?: unknown) => addConnection(live, preset));

  register('zenmlSchedules.removeConnection', async (arg, confirmArg) => {
    const node = nodeOf(arg);
    let name = node ? sourceById(node.sourceId)?.connection.name : typeof arg === 'string' ? arg : undefined;
    if (!name) {
      const { connections } = live.configured();
      if (!connections.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('There is no connection to remove.'));
        return;
      }
      const picked = await vscode.window.showQuickPick(
        connections.map((c) => ({ label: c.name, description: connectionLabel(c) })),
        { title: vscode.l10n.t('Remove a connection'), placeHolder: vscode.l10n.t('Which connection?') },
      );
      name = picked?.label;
    }
    if (!name) return;
    if (confirmArg !== true) {
      const remove = vscode.l10n.t('Remove');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the connection "{0}"?', name),
        { modal: true, detail: vscode.l10n.t('Its entry in zenmlSchedules.connections and its stored secret are removed. Nothing changes on the server.') },
        remove,
      );
      if (choice !== remove) return;
    }
    await live.remove(name);
    void vscode.window.showInformationMessage(vscode.l10n.t('Removed the connection "{0}" and its stored secret.', name));
  });
}

function past(op: Operation): string {
  const words: Record<Operation, string> = {
    pause: vscode.l10n.t('paused'),
    resume: vscode.l10n.t('resumed'),
    update: vscode.l10n.t('updated'),
    delete: vscode.l10n.t('deleted'),
    runs: vscode.l10n.t('listed with runs'),
    recreate: vscode.l10n.t('recreated'),
  };
  return words[op];
}

async function openRun(run: LiveRun): Promise<void> {
  if (run.url) await vscode.env.openExternal(vscode.Uri.parse(run.url));
}

/** An input box with the Explain preview in the schedule's dialect; accepts only a valid expression. */
function askExpression(row: LiveRowModel): Promise<string | undefined> {
  const settings = displaySettings();
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('New cron expression for "{0}" ({1} dialect)', row.label, row.dialect);
  box.value = row.schedule.expression ?? '';
  box.valueSelection = [0, box.value.length];
  box.placeholder = vscode.l10n.t('e.g. 0 4 * * *');
  const timeZone = row.schedule.timeZone ?? 'UTC';
  let valid = false;
  const render = () => {
    const value = box.value.trim();
    if (!value) {
      valid = false;
      box.prompt = vscode.l10n.t('Now: {0}. Type the new expression.', row.schedule.expression ?? vscode.l10n.t('no cron'));
      box.validationMessage = undefined;
      return;
    }
    const explanation = explainCron(value, { dialect: row.dialect, timeZone, count: settings.nextRuns });
    const { prompt, error } = previewText(explanation, settings.displayZone);
    valid = explanation.valid;
    box.prompt = prompt;
    box.validationMessage = error;
  };
  return new Promise((resolve) => {
    let accepted: string | undefined;
    const subscriptions = [
      box.onDidChangeValue(render),
      box.onDidAccept(() => {
        if (!valid) return;
        accepted = box.value.trim();
        box.hide();
      }),
      box.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        box.dispose();
        resolve(accepted);
      }),
    ];
    render();
    box.show();
  });
}

/**
 * Asks what to delete (modal, says exactly what goes, naming the CronJob when ZenML stored it): archive
 * (default) or a confirmed purge; only the purge on a server that has no archive (ZenML < 0.93.1).
 */
async function askDelete(t: Target): Promise<boolean | undefined> {
  const { schedule } = t.row;
  const choice = deleteChoice(schedule);
  const capability = capabilityOf(schedule.orchestrator);
  const where = capability?.displayName ?? schedule.orchestrator ?? vscode.l10n.t('its orchestrator');
  const orchestratorWords = !schedule.orchestrator
    ? vscode.l10n.t('Whatever fires it on an orchestrator is not touched by ZenML.')
    : capability?.managedByZenml
      ? choice.nativeName
        ? vscode.l10n.t('ZenML also deletes what fires it on {0}, the CronJob {1}, through its own client.', where, choice.nativeName)
        : vscode.l10n.t('ZenML also deletes what fires it on {0} (for example the CronJob), through its own client.', where)
      : vscode.l10n.t('ZenML cannot remove it from {0}: it keeps firing there until you remove it in {0}.', where);
  const purge = vscode.l10n.t('Purge');
  const confirmPurge = async () => {
    const sure = await vscode.window.showWarningMessage(
      vscode.l10n.t('Purge "{0}" permanently?', schedule.name),
      { modal: true, detail: vscode.l10n.t('The ZenML record {0} is deleted and cannot be restored. {1}', schedule.id, orchestratorWords) },
      purge,
    );
    return sure === purge ? true : undefined;
  };
  if (!choice.archive) {
    // No archive on this server: the one choice is the purge, said plainly before it is confirmed.
    const sure = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the schedule "{0}" from {1} for good?', schedule.name, t.source.connection.name),
      {
        modal: true,
        detail: vscode.l10n.t('{0} has no archive (it needs ZenML 0.93.1 or later): the ZenML record {1} can only be deleted for good (purge) and cannot be restored. {2}', t.source.connection.name, schedule.id, orchestratorWords),
      },
      purge,
    );
    return sure === purge ? true : undefined;
  }
  const archive = vscode.l10n.t('Archive');
  const purgeAsk = vscode.l10n.t('Purge…');
  const picked = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the schedule "{0}" from {1}?', schedule.name, t.source.connection.name),
    {
      modal: true,
      detail:
        vscode.l10n.t('Archive (recommended): the ZenML record {0} is kept but set inactive and archived, and hidden from lists. {1}', schedule.id, orchestratorWords) +
        '\n\n' +
        vscode.l10n.t('Purge: the record is deleted for good and cannot be restored.'),
    },
    archive,
    purgeAsk,
  );
  if (picked === archive) return false;
  if (picked !== purgeAsk) return undefined;
  return confirmPurge();
}

const FIELD_PROMPTS: Record<string, string> = {
  kubeconfig: 'A kubeconfig file. Empty: $KUBECONFIG or ~/.kube/config.',
  context: 'A context of the kubeconfig. Empty: its current context.',
  namespace: 'The namespace to read. Empty: the context\'s namespace (Kubernetes) or the default.',
  repository: 'The GitHub repository as owner/name (e.g. zenml-io/zenml).',
};

/** Asks for a connection (type, name, fields, secret) and stores it: fields in settings, the secret in SecretStorage. */
async function addConnection(live: LiveConnections, preset?: unknown): Promise<void> {
  // Tests and other commands may pass the whole connection (and its secret) as an argument.
  if (preset && typeof preset === 'object' && !Array.isArray(preset)) {
    const { secret, secrets, ...rest } = preset as Record<string, unknown> & { secret?: unknown; secrets?: unknown };
    const parsed = parseConnections([rest]);
    if (parsed.problems.length) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Connection not added: {0}.', parsed.problems[0].message));
      return;
    }
    // `secret`: one value (API key, token); `secrets`: several by name ({username, password}, {cookie}).
    const many = secrets && typeof secrets === 'object' && !Array.isArray(secrets) ? encodeSecrets(secrets as Record<string, string>) : undefined;
    await live.add(parsed.connections[0], typeof secret === 'string' ? secret : many);
    return;
  }
  const typePick = await vscode.window.showQuickPick(
    CONNECTION_TYPES.map((type) => ({ label: type, description: type === 'zenml' ? vscode.l10n.t('a ZenML server (recommended)') : undefined })),
    { title: vscode.l10n.t('Connect to… (1/3)'), placeHolder: vscode.l10n.t('What to read live schedules from') },
  );
  if (!typePick) return;
  const type = typePick.label as ConnectionType;
  const spec = CONNECTION_FIELDS[type];
  const taken = new Set(live.configured().connections.map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Connection name (2/3)'),
    prompt: vscode.l10n.t('A unique name; the secret is stored under it.'),
    value: type === 'zenml' ? 'zenml' : type,
    validateInput: (v) => (!v.trim() ? vscode.l10n.t('A name is required.') : taken.has(v.trim()) ? vscode.l10n.t('"{0}" exists; its entry and secret will be replaced.', v.trim()) : undefined),
  });
  if (name === undefined || !name.trim()) return;
  const connection: Record<string, string> = { name: name.trim(), type };
  for (const field of [...spec.required, ...spec.optional]) {
    const required = spec.required.includes(field);
    const value = await vscode.window.showInputBox({
      title: required ? vscode.l10n.t('{0} (3/3)', field) : vscode.l10n.t('{0} (optional) (3/3)', field),
      prompt: field === 'url' ? vscode.l10n.t("The server's URL, e.g. https://zenml.example.com or http://127.0.0.1:8237") : (FIELD_PROMPTS[field] ?? vscode.l10n.t("The connection's {0}.", field)),
      ignoreFocusOut: true,
      validateInput: (v) => {
        if (required && !v.trim()) return vscode.l10n.t('{0} is required.', field);
        if (field === 'url' && v.trim()) {
          try {
            const u = new URL(v.trim());
            if (u.protocol !== 'http:' && u.protocol !== 'https:') return vscode.l10n.t('Use an http:// or https:// URL.');
          } catch {
            return vscode.l10n.t('Not a URL.');
          }
        }
        return undefined;
      },
    });
    if (value === undefined) return;
    if (value.trim()) connection[field] = value.trim().replace(/\/+$/, '');
  }
  // The secret(s) this type needs (contracts.md), into SecretStorage only.
  const secretSpec = CONNECTION_SECRETS[type];
  let choice = secretSpec.choices[0];
  if (secretSpec.choices.length > 1) {
    const picked = await vscode.window.showQuickPick(
      [...secretSpec.choices.map((c) => ({ label: c.label, choice: c })), ...(secretSpec.optional ? [{ label: vscode.l10n.t('none'), description: secretSpec.whenEmpty, choice: undefined }] : [])],
      { title: vscode.l10n.t('How "{0}" signs in', connection.name), ignoreFocusOut: true },
    );
    if (!picked) return;
    choice = picked.choice ?? { label: 'none', fields: [] };
  }
  const values: Record<string, string> = {};
  for (const field of choice.fields) {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0} for "{1}"', field.label, connection.name),
      prompt: secretSpec.optional ? vscode.l10n.t("Stored in VS Code's secret storage only. Leave empty {0}.", secretSpec.whenEmpty) : vscode.l10n.t("Stored in VS Code's secret storage only."),
      password: field.password,
      ignoreFocusOut: true,
      validateInput: (v) => (!secretSpec.optional && !v.trim() ? vscode.l10n.t('{0} needs a {1}.', connectionLabel(connection as ConnectionConfig), field.label) : undefined),
    });
    if (value === undefined) return;
    if (value.trim()) values[field.key] = value.trim();
  }
  const secret = encodeSecrets(values);
  const parsed = parseConnections([connection]);
  if (parsed.problems.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Connection not added: {0}.', parsed.problems[0].message));
    return;
  }
  await live.add(parsed.connections[0] as ConnectionConfig, secret);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Connected "{0}" ({1}). Its schedules load in the Schedules view.', connection.name, connectionLabel(parsed.connections[0])),
  );
}

// The user's ZenML in the editor: detection wired into the OrchestratorService,
// the status bar item (stack · flavor · can schedule), its menu, and the commands
// to switch the active stack (through ZenML) and to set or clear the override.

import * as vscode from 'vscode';
import { mayContainSchedule } from '../workspace/scheduleIndex';
import { CAPABILITIES, capabilityOf } from '../common/flavors';
import { findRepositoryRoot } from '../zenml/config';
import type { DetectionError, ZenmlState } from '../zenml/runner';
import { type DocumentAnalyzer, isScheduleDocument } from './documents';
import { resourceOf } from './notebooks';
import type { OrchestratorService } from './orchestratorService';
import { editorDetectionMessage, type FolderDetection, ZenmlDetector } from './zenmlDetection';

export const ZENML_COMMANDS = {
  menu: 'zenmlSchedules.zenmlMenu',
  switchStack: 'zenmlSchedules.switchStack',
  setOverride: 'zenmlSchedules.setOrchestratorOverride',
  clearOverride: 'zenmlSchedules.clearOrchestratorOverride',
  redetect: 'zenmlSchedules.redetectZenml',
  /** Not in the palette: returns what the status bar says for a resource (tests, other tools). */
  status: 'zenmlSchedules.zenmlStatus',
} as const;

export interface ZenmlServices {
  orchestrator: OrchestratorService;
  /** Shared with diagnostics, so looking for a schedule re-uses their parse of the same version. */
  analyzer: DocumentAnalyzer;
  log: vscode.LogOutputChannel;
  /** The Schedules view: detection starts when it is shown (optional; wired in extension.ts). */
  schedulesView?: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
}

/** Debounce for looking for a schedule in an edited document (only until detection has started). */
const SCHEDULE_CHECK_MS = 500;

export function registerZenml(context: vscode.ExtensionContext, services: ZenmlServices): void {
  const { orchestrator, analyzer, log } = services;
  const problems = new ProblemNotifier(context.globalState, log);
  // Folders whose detection a schedule or a .zen folder started (then nothing is left to learn from
  // their documents). A failed detection that nobody asked for never pops up: without ZenML everything
  // but the stack works, so the status bar and the log say it, quietly. Pop-ups are for explicit asks.
  const loudFolders = new Set<string>();
  const detector = new ZenmlDetector(log, () => undefined);
  orchestrator.attachDetector(detector);

  const statusBar = vscode.window.createStatusBarItem('zenmlSchedules.stack', vscode.StatusBarAlignment.Left, 50);
  statusBar.name = vscode.l10n.t('ZenML Schedules: Stack');
  statusBar.command = ZENML_COMMANDS.menu;
  const update = () => updateStatusBar(statusBar, orchestrator);

  /** Start detection for the folder of `uri` (no-op once started); `loud`: started by a schedule or a .zen folder. */
  const need = (uri: vscode.Uri | undefined, reason: string, loud: boolean) => {
    const folder = detector.folderFor(uri);
    if (!folder) return;
    if (loud) loudFolders.add(folder);
    detector.get(uri, reason);
    update();
  };
  const needForZenFolders = () => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (findRepositoryRoot(folder.uri.fsPath)) need(folder.uri, 'the workspace has a .zen folder', true);
    }
  };
  const pendingChecks = new Map<string, ReturnType<typeof setTimeout>>();
  /** Nothing left to learn from this document: not Python/YAML, or its folder's detection started loud. */
  const settled = (document: vscode.TextDocument) => {
    if (!isScheduleDocument(document)) return true; // also skips git:, output: and other virtual documents
    const folder = detector.folderFor(resourceOf(document));
    return !folder || (loudFolders.has(folder) && detector.peek(resourceOf(document)) !== undefined);
  };
  const needIfSchedule = (document: vscode.TextDocument) => {
    if (!settled(document) && hasSchedule(document, analyzer)) {
      const uri = resourceOf(document);
      need(uri, `a schedule in ${vscode.workspace.asRelativePath(uri)}`, true);
    }
  };
  const view = services.schedulesView;
  const needForView = () => {
    if (view?.visible) need(undefined, 'the Schedules view is shown', false);
  };

  context.subscriptions.push(
    detector,
    statusBar,
    orchestrator.onDidChange(update),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
    vscode.workspace.onDidOpenTextDocument(needIfSchedule),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (settled(e.document)) return;
      const key = e.document.uri.toString();
      clearTimeout(pendingChecks.get(key));
      pendingChecks.set(
        key,
        setTimeout(() => {
          pendingChecks.delete(key);
          needIfSchedule(e.document);
        }, SCHEDULE_CHECK_MS),
      );
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(needForZenFolders),
    { dispose: () => pendingChecks.forEach((timer) => clearTimeout(timer)) },
  );
  if (view) context.subscriptions.push(view.onDidChangeVisibility(needForView));
  needForZenFolders();
  for (const document of vscode.workspace.textDocuments) needIfSchedule(document);
  needForView();
  update();

  const register = (id: string, handler: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  register(ZENML_COMMANDS.menu, () => {
    need(activeUri(), 'the ZenML menu was opened', false);
    return showMenu(orchestrator, detector, problems, log);
  });
  register(ZENML_COMMANDS.switchStack, (stack?: unknown, uri?: unknown) =>
    switchStackCommand(detector, problems, typeof stack === 'string' ? stack : undefined, uri instanceof vscode.Uri ? uri : activeUri()),
  );
  // An optional flavor sets it without asking (tests, keybindings, other extensions).
  register(ZENML_COMMANDS.setOverride, (flavor?: unknown) =>
    typeof flavor === 'string' && flavor.trim() ? setOverride(flavor.trim()) : setOverrideCommand(orchestrator),
  );
  register(ZENML_COMMANDS.clearOverride, () => setOverride(undefined));
  register(ZENML_COMMANDS.redetect, () => askZenmlAgain(detector, problems, activeUri()));
  register(ZENML_COMMANDS.status, (uri?: unknown) => {
    const target = uri instanceof vscode.Uri ? uri : activeUri();
    const override = orchestrator.override(target);
    const detection = override ? undefined : orchestrator.detection(target);
    return {
      ...statusBarContent(override, detection),
      detection,
      shown: { text: statusBar.text, tooltip: statusBar.tooltip, visible: statusBarVisible },
      popupsShown: problems.count,
      detectionRuns: detector.runs(target),
    };
  });
}

/** Does the document hold at least one Schedule (a cheap text test first, then the cached analysis)? */
function hasSchedule(document: vscode.TextDocument, analyzer: DocumentAnalyzer): boolean {
  if (!mayContainSchedule(document.getText())) return false;
  return analyzer.analyze(document).discovery.schedules.length > 0;
}

/** The active editor's file (a notebook cell's notebook). */
function activeUri(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && resourceOf(document);
}

function isScheduleLanguage(editor: vscode.TextEditor | undefined): boolean {
  const id = editor?.document.languageId;
  return id === 'python' || id === 'yaml';
}

/** Text and tooltip for the status bar, from plain data (unit-testable through the extension host). */
function statusBarContent(
  override: string,
  detection: FolderDetection | undefined,
): { text: string; tooltip: string } {
  const canIcon = (can: boolean | null | undefined) => (can === true ? '$(pass)' : can === false ? '$(circle-slash)' : '$(question)');
  const canWords = (can: boolean | null | undefined) =>
    can === true ? vscode.l10n.t('can run schedules') : can === false ? vscode.l10n.t('cannot run schedules') : vscode.l10n.t('scheduling support unknown');
  if (override) {
    const can = capabilityOf(override)?.canSchedule;
    return {
      text: `$(calendar) ${vscode.l10n.t('{0} (setting)', override)} ${canIcon(can)}`,
      tooltip: vscode.l10n.t('Orchestrator {0} {1} (from the zenmlSchedules.orchestrator setting, which overrides ZenML). Click for options.', override, canWords(can)),
    };
  }
  if (!detection || detection.status === 'pending') {
    return { text: '$(sync~spin) ZenML', tooltip: vscode.l10n.t('Asking ZenML for the active stack…') };
  }
  if (detection.status === 'error') {
    const message = editorDetectionMessage(detection.error);
    const clickForOptions = vscode.l10n.t('Click for options.');
    const tooltip = `${message} ${clickForOptions}`;
    if (detection.error.code === 'untrusted-workspace') return { text: '$(shield) ZenML', tooltip };
    if (detection.error.code === 'virtual-workspace') return { text: '$(cloud) ZenML', tooltip };
    // No ZenML is a normal state for a newcomer: say it quietly (everything but the stack works).
    if (detection.error.code === 'zenml-not-installed' || detection.error.code === 'interpreter-not-found') {
      return {
        text: `$(circle-slash) ${vscode.l10n.t('no ZenML')}`,
        tooltip: `${message} ${vscode.l10n.t('Schedules are still explained and checked; orchestrator checks need the zenmlSchedules.orchestrator setting or a Python with ZenML.')} ${clickForOptions}`,
      };
    }
    return { text: '$(warning) ZenML', tooltip };
  }
  const { state } = detection;
  const flavor = state.orchestrator?.flavor ?? vscode.l10n.t('no orchestrator');
  return {
    text: `$(calendar) ${state.activeStack.name} · ${flavor} ${canIcon(state.canSchedule)}`,
    tooltip: tooltipFor(state, detection.interpreter, canWords(state.canSchedule)),
  };
}

function tooltipFor(state: ZenmlState, interpreter: string, can: string): string {
  const from = {
    environment: 'ZENML_ACTIVE_STACK_ID',
    repository: vscode.l10n.t('the repository {0}', `${state.repositoryRoot ?? ''}/.zen`),
    global: vscode.l10n.t('the global ZenML configuration'),
  }[
    state.activeStackSource
  ];
  const judged =
    state.canScheduleSource === 'zenml'
      ? vscode.l10n.t("ZenML's own is_schedulable")
      : state.canScheduleSource === 'table'
        ? vscode.l10n.t("ZenML Schedules' capability table")
        : vscode.l10n.t('nothing known');
  const server = state.store.serverUrl ? vscode.l10n.t('server {0}', state.store.serverUrl) : vscode.l10n.t('{0} store', state.store.type);
  return [
    vscode.l10n.t(
      "Active ZenML stack '{0}' (from {1}); orchestrator '{2}' ({3}) {4} (per {5}).",
      state.activeStack.name,
      from,
      state.orchestrator?.name ?? '-',
      state.orchestrator?.flavor ?? '-',
      can,
      judged,
    ),
    vscode.l10n.t('Detected by ZenML {0} in {1}, {2}.', state.zenmlVersion, interpreter, server),
    vscode.l10n.t('Click to switch the stack, set the override, or show the log.'),
  ].join('\n');
}

/** Whether the item is shown (StatusBarItem has no getter): for the status query. */
let statusBarVisible = false;

/** Hidden outside Python/YAML, and until detection has started or the override is set (nothing to say yet). */
function updateStatusBar(item: vscode.StatusBarItem, orchestrator: OrchestratorService): void {
  const editor = vscode.window.activeTextEditor;
  const uri = editor && resourceOf(editor.document);
  const override = isScheduleLanguage(editor) ? orchestrator.override(uri) : '';
  const detection = override || !isScheduleLanguage(editor) ? undefined : orchestrator.detection(uri);
  if (!override && !detection) {
    item.hide();
    statusBarVisible = false;
    return;
  }
  const content = statusBarContent(override, detection);
  item.text = content.text;
  item.tooltip = content.tooltip;
  item.show();
  statusBarVisible = true;
}

interface MenuItem extends vscode.QuickPickItem {
  run?: () => unknown;
}

async function showMenu(orchestrator: OrchestratorService, detector: ZenmlDetector, problems: ProblemNotifier, log: vscode.LogOutputChannel): Promise<void> {
  const uri = activeUri();
  const detection = orchestrator.detection(uri);
  const override = orchestrator.override(uri);
  const items: MenuItem[] = [];
  if (detection?.status === 'ok') {
    items.push({ label: vscode.l10n.t('Switch the active ZenML stack'), kind: vscode.QuickPickItemKind.Separator });
    for (const stack of detection.state.stacks) {
      const flavor = stack.orchestrator?.flavor ?? vscode.l10n.t('no orchestrator');
      items.push({
        label: `${stack.canSchedule ? '$(pass)' : stack.canSchedule === false ? '$(circle-slash)' : '$(question)'} ${stack.name}`,
        description: stack.active ? vscode.l10n.t('{0} · active', flavor) : flavor,
        detail: stack.canSchedule
          ? vscode.l10n.t('can run schedules')
          : stack.canSchedule === false
            ? vscode.l10n.t('cannot run schedules')
            : vscode.l10n.t('scheduling support unknown'),
        run: stack.active ? undefined : () => switchStackCommand(detector, problems, stack.name, uri),
      });
    }
  } else if (detection?.status === 'error') {
    items.push({ label: `$(warning) ${editorDetectionMessage(detection.error)}`, run: () => log.show(true) });
  }
  items.push({ label: vscode.l10n.t('Orchestrator'), kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: `$(settings-edit) ${vscode.l10n.t('Set the orchestrator override…')}`,
    description: override ? vscode.l10n.t('now: {0}', override) : vscode.l10n.t('now: detect from ZenML'),
    run: () => setOverrideCommand(orchestrator),
  });
  if (override) items.push({ label: `$(clear-all) ${vscode.l10n.t('Clear the override (detect from ZenML)')}`, run: () => setOverride(undefined) });
  items.push({
    label: `$(refresh) ${vscode.l10n.t('Ask ZenML again')}`,
    run: () => askZenmlAgain(detector, problems, uri),
  });
  items.push({ label: `$(output) ${vscode.l10n.t('Show the log')}`, run: () => log.show(true) });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('ZenML stack and orchestrator') });
  await picked?.run?.();
}

/** The user asked ZenML for the stack: detect now and, when it fails, say so in a pop-up. */
async function askZenmlAgain(detector: ZenmlDetector, problems: ProblemNotifier, uri: vscode.Uri | undefined): Promise<void> {
  const folder = detector.folderFor(uri);
  if (!folder) return;
  const detection = await detector.refresh(folder, 'asked by the user');
  if (detection.status === 'error') problems.show(detection.error);
}

/** Switch through ZenML, with progress; the state ZenML reads back updates everything. */
async function switchStackCommand(detector: ZenmlDetector, problems: ProblemNotifier, stack: string | undefined, uri: vscode.Uri | undefined): Promise<boolean> {
  let name = stack;
  if (!name) {
    // The stacks come from ZenML: this is a request that needs it, so a failure pops up.
    const folder = detector.folderFor(uri);
    const known = detector.peek(uri);
    const detection = known?.status === 'ok' || !folder ? known : await detector.refresh(folder, 'switching stacks');
    if (detection?.status === 'error') {
      problems.show(detection.error);
      return false;
    }
    const stacks = detection?.status === 'ok' ? detection.state.stacks : [];
    name = (
      await vscode.window.showQuickPick(
        stacks.map((s) => ({ label: s.name, description: s.canSchedule ? vscode.l10n.t('{0} · can schedule', s.orchestrator?.flavor ?? '') : (s.orchestrator?.flavor ?? '') })),
        { placeHolder: vscode.l10n.t('Stack to activate') },
      )
    )?.label;
    if (!name) return false;
  }
  const target = name;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t("Activating ZenML stack '{0}'…", target) },
    () => detector.switchStack(target, uri),
  );
  if (!result.ok) {
    if (result.error.code === 'zenml-not-installed' || result.error.code === 'interpreter-not-found' || result.error.code === 'virtual-workspace') problems.show(result.error);
    else void vscode.window.showErrorMessage(vscode.l10n.t('Could not switch the ZenML stack: {0}', editorDetectionMessage(result.error)));
    return false;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t("ZenML stack '{0}' is active", result.state.activeStack.name), 4000);
  return true;
}

async function setOverrideCommand(orchestrator: OrchestratorService): Promise<void> {
  const current = orchestrator.override(activeUri());
  const items: vscode.QuickPickItem[] = CAPABILITIES.map((c) => ({
    label: c.flavor,
    description: c.displayName,
    detail: c.canSchedule ? vscode.l10n.t('schedules: {0}', c.kinds.join(', ')) : vscode.l10n.t('cannot run schedules'),
    picked: c.flavor === current,
  }));
  const other = vscode.l10n.t('Other…');
  items.push({ label: other, description: vscode.l10n.t('a flavor not in the list') });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('The orchestrator flavor this code targets (overrides ZenML)') });
  if (!picked) return;
  let flavor = picked.label;
  if (flavor === other) {
    const typed = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Orchestrator flavor'), value: current });
    if (!typed?.trim()) return;
    flavor = typed.trim();
  }
  await setOverride(flavor);
}

async function setOverride(flavor: string | undefined): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('zenmlSchedules').update('orchestrator', flavor, target);
}

const HIDDEN_PROBLEMS_KEY = 'zenmlSchedules.hiddenZenmlProblems';

/**
 * Pop-ups about ZenML, only for something the user asked for (switching stacks, asking ZenML again);
 * each with "Don't Show Again", remembered across sessions per kind of problem (then the status bar
 * message still answers the ask). Every occurrence goes to the log.
 */
class ProblemNotifier {
  /** Pop-ups shown so far (the status query reports it, so tests can count them). */
  count = 0;
  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(error: DetectionError): void {
    const message = editorDetectionMessage(error);
    const hidden = this.memento.get<string[]>(HIDDEN_PROBLEMS_KEY, []);
    // Untrusted: a choice the user made; hidden: asked not to be told. The status bar answers the ask.
    if (error.code === 'untrusted-workspace' || error.code === 'virtual-workspace' || hidden.includes(error.code)) {
      vscode.window.setStatusBarMessage(`$(info) ${message}`, 8000);
      return;
    }
    this.count++;
    const showLog = vscode.l10n.t('Show Log');
    const setPythonPath = vscode.l10n.t('Set Python Path');
    const dontShowAgain = vscode.l10n.t("Don't Show Again");
    const actions = error.code === 'timeout' || error.code === 'helper-failed' ? [showLog] : [setPythonPath, showLog];
    void vscode.window.showWarningMessage(vscode.l10n.t('ZenML Schedules: {0}', message), ...actions, dontShowAgain).then(async (choice) => {
      if (choice === showLog) this.log.show(true);
      if (choice === setPythonPath) void vscode.commands.executeCommand('workbench.action.openSettings', 'zenmlSchedules.pythonPath');
      if (choice === dontShowAgain) {
        this.log.info(`Pop-ups about '${error.code}' are off ("${dontShowAgain}").`);
        await this.memento.update(HIDDEN_PROBLEMS_KEY, [...new Set([...this.memento.get<string[]>(HIDDEN_PROBLEMS_KEY, []), error.code])]);
      }
    });
  }
}

// The extension's core: build the services, register providers and commands, return.
// Bundled apart (dist/core.js) and loaded by src/extension.ts at first use, so that activation
// on any Python file costs only the small stand-ins. Nothing costly runs here either: the
// workspace scan starts when the view opens, ZenML detection when first needed.

import * as vscode from 'vscode';
import type { SortOrder } from '../workspace/treeModel';
import { registerCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { DiagnosticsController } from './diagnostics';
import { type DocumentAnalysis, DocumentAnalyzer, scheduleSelector } from './documents';
import { registerExplainDocuments } from './explainCommand';
import { ScheduleHoverProvider } from './hover';
import { OrchestratorService } from './orchestratorService';
import { TimelinePanel } from './timeline';
import { SchedulesTreeProvider, WorkspaceTreeSource } from './tree';
import { registerWalkthrough } from './walkthrough';
import { WorkspaceScheduleIndex } from './workspaceScanner';
import { registerZenml } from './zenmlStatus';
import { codeSchedulesOf, editorAdapterFactory } from './liveAdapters';
import { LiveConnections } from './liveConnections';
import { registerScheduleCommands } from './scheduleCommands';
import { registerCreateSchedule } from './createSchedule';
import { InterpreterResolver } from './zenmlInterpreter';

export interface ZenmlSchedulesApi {
  schedulesProvider: SchedulesTreeProvider;
  analyzeDocument(uri: vscode.Uri): Promise<DocumentAnalysis>;
  workspaceIndex: WorkspaceScheduleIndex;
  /** The live connections (one tree source each), for tests. */
  live: LiveConnections;
}

export interface Core {
  api: ZenmlSchedulesApi;
  /** The hover provider, for the stand-in that loads the core on a first hover. */
  hover: ScheduleHoverProvider;
  /** "Create a schedule for <pipeline>…" on @pipeline functions, for the stand-in that loads the core. */
  createActions: vscode.CodeActionProvider;
}

/** `view`: the Schedules view that activation created (its rows come from this core's tree). */
export function activateCore(context: vscode.ExtensionContext, view: vscode.TreeView<unknown>): Core {
  const log = vscode.window.createOutputChannel('ZenML Schedules', { log: true });
  const orchestrators = new OrchestratorService();
  const analyzer = new DocumentAnalyzer(orchestrators);
  const workspace = new WorkspaceScheduleIndex(orchestrators, analyzer, log);
  const order = context.workspaceState.get<SortOrder>('zenmlSchedules.sort', 'nextRun');
  const tree = new SchedulesTreeProvider(new WorkspaceTreeSource(workspace), order);
  const hover = new ScheduleHoverProvider(analyzer);
  tree.attach(view as vscode.TreeView<Parameters<SchedulesTreeProvider['getTreeItem']>[0]>);
  void vscode.commands.executeCommand('setContext', 'zenmlSchedules.sort', order);

  context.subscriptions.push(
    log,
    orchestrators,
    analyzer,
    workspace,
    tree,
    view,
    new DiagnosticsController(analyzer, orchestrators, log),
    vscode.languages.registerHoverProvider(scheduleSelector(), hover),
    registerExplainDocuments(),
  );
  // Live schedules: one group per connection; secrets in SecretStorage; nothing contacted or run until the view asks.
  const interpreters = new InterpreterResolver(log);
  const live = new LiveConnections(
    context.secrets,
    tree,
    editorAdapterFactory(),
    // No code known (no folder open, or the first scan still running): no drift, nothing marked "not in code".
    () => (workspace.isScanned && vscode.workspace.workspaceFolders?.length ? codeSchedulesOf(tree.workspaceGroups()) : undefined),
    async () => (await interpreters.resolve(undefined)).candidates[0],
    log,
  );
  context.subscriptions.push(interpreters, live);
  // The hover and the Workspace rows read what the connections have loaded (never a request of their own).
  hover.setLiveSchedules(() => live.snapshot());
  tree.workspaceSource.setLiveSchedules(() => live.snapshot());
  registerCommands({ context, orchestrators, analyzer, tree, workspace, log, refreshLive: () => live.refreshAll() });
  registerScheduleCommands(context, live, log, async (uri) => (await interpreters.resolve(uri)).candidates[0]);
  const createActions = registerCreateSchedule(context, { orchestrators, interpreters, live, log, tree });
  const timeline = new TimelinePanel(workspace, orchestrators, live, tree);
  context.subscriptions.push(
    timeline,
    vscode.commands.registerCommand('zenmlSchedules.showTimeline', (options?: { hours?: number; collisionMinutes?: number }) => timeline.show(options ?? {})),
    vscode.commands.registerCommand('zenmlSchedules.openTimelineSchedule', (id: string) => timeline.open(id)),
  );
  registerZenml(context, { orchestrator: orchestrators, analyzer, log, schedulesView: view });
  registerCodeActions(context, { analyzer });
  registerWalkthrough(context);

  const api: ZenmlSchedulesApi = {
    schedulesProvider: tree,
    workspaceIndex: workspace,
    live,
    async analyzeDocument(uri) {
      const document = await vscode.workspace.openTextDocument(uri);
      return analyzer.analyze(document);
    },
  };
  return { api, hover, createActions };
}

// Activation: build the services, register providers and commands, return.
// Nothing costly runs here: the workspace scan starts when the view opens,
// ZenML detection when first needed.

import * as vscode from 'vscode';
import type { SortOrder } from './workspace/treeModel';
import { registerCodeActions } from './vscode/codeActions';
import { registerCommands } from './vscode/commands';
import { DiagnosticsController } from './vscode/diagnostics';
import { type DocumentAnalysis, DocumentAnalyzer, SCHEDULE_SELECTOR } from './vscode/documents';
import { registerExplainDocuments } from './vscode/explainCommand';
import { ScheduleHoverProvider } from './vscode/hover';
import { OrchestratorService } from './vscode/orchestratorService';
import { TimelinePanel } from './vscode/timeline';
import { SchedulesTreeProvider, WorkspaceTreeSource } from './vscode/tree';
import { WorkspaceScheduleIndex } from './vscode/workspaceScanner';
import { registerZenml } from './vscode/zenmlStatus';
import { codeSchedulesOf, editorAdapterFactory } from './vscode/liveAdapters';
import { LiveConnections } from './vscode/liveConnections';
import { registerScheduleCommands } from './vscode/scheduleCommands';
import { InterpreterResolver } from './vscode/zenmlInterpreter';

export interface ZenmlSchedulesApi {
  schedulesProvider: SchedulesTreeProvider;
  analyzeDocument(uri: vscode.Uri): Promise<DocumentAnalysis>;
  workspaceIndex: WorkspaceScheduleIndex;
  /** The live connections (one tree source each), for tests. */
  live: LiveConnections;
}

export function activate(context: vscode.ExtensionContext): ZenmlSchedulesApi {
  const log = vscode.window.createOutputChannel('ZenML Schedules', { log: true });
  const orchestrators = new OrchestratorService();
  const analyzer = new DocumentAnalyzer(orchestrators);
  const workspace = new WorkspaceScheduleIndex(orchestrators, analyzer, log);
  const order = context.workspaceState.get<SortOrder>('zenmlSchedules.sort', 'nextRun');
  const tree = new SchedulesTreeProvider(new WorkspaceTreeSource(workspace), order);
  const view = vscode.window.createTreeView('zenmlSchedules.schedules', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  void vscode.commands.executeCommand('setContext', 'zenmlSchedules.sort', order);

  context.subscriptions.push(
    log,
    orchestrators,
    analyzer,
    workspace,
    tree,
    view,
    new DiagnosticsController(analyzer, orchestrators, log),
    vscode.languages.registerHoverProvider(SCHEDULE_SELECTOR, new ScheduleHoverProvider(analyzer)),
    registerExplainDocuments(),
  );
  // Live schedules: one group per connection; secrets in SecretStorage; nothing contacted or run until the view asks.
  const interpreters = new InterpreterResolver(log);
  const live = new LiveConnections(
    context.secrets,
    tree,
    editorAdapterFactory(),
    () => (workspace.isScanned ? codeSchedulesOf(tree.workspaceGroups()) : []),
    async () => (await interpreters.resolve(undefined)).candidates[0],
    log,
  );
  context.subscriptions.push(interpreters, live);
  registerCommands({ context, orchestrators, tree, workspace, log, refreshLive: () => live.refreshAll() });
  registerScheduleCommands(context, live, log);
  const timeline = new TimelinePanel(workspace, orchestrators);
  context.subscriptions.push(
    timeline,
    vscode.commands.registerCommand('zenmlSchedules.showTimeline', (options?: { hours?: number; collisionMinutes?: number }) => timeline.show(options ?? {})),
    vscode.commands.registerCommand('zenmlSchedules.openTimelineSchedule', (id: string) => timeline.open(id)),
  );
  registerZenml(context, { orchestrator: orchestrators, analyzer, log, schedulesView: view });
  registerCodeActions(context, { analyzer });

  return {
    schedulesProvider: tree,
    workspaceIndex: workspace,
    live,
    async analyzeDocument(uri) {
      const document = await vscode.workspace.openTextDocument(uri);
      return analyzer.analyze(document);
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

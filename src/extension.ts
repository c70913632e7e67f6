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
import { SchedulesTreeProvider, WorkspaceTreeSource } from './vscode/tree';
import { registerWalkthrough } from './vscode/walkthrough';
import { WorkspaceScheduleIndex } from './vscode/workspaceScanner';
import { registerZenml } from './vscode/zenmlStatus';

export interface ZenmlSchedulesApi {
  schedulesProvider: SchedulesTreeProvider;
  analyzeDocument(uri: vscode.Uri): Promise<DocumentAnalysis>;
  workspaceIndex: WorkspaceScheduleIndex;
}

export function activate(context: vscode.ExtensionContext): ZenmlSchedulesApi {
  const log = vscode.window.createOutputChannel('ZenML Schedules', { log: true });
  const orchestrators = new OrchestratorService();
  const analyzer = new DocumentAnalyzer(orchestrators);
  const workspace = new WorkspaceScheduleIndex(orchestrators, analyzer, log);
  const order = context.workspaceState.get<SortOrder>('zenmlSchedules.sort', 'nextRun');
  const tree = new SchedulesTreeProvider(new WorkspaceTreeSource(workspace, orchestrators), order);
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
    vscode.languages.registerHoverProvider(SCHEDULE_SELECTOR, new ScheduleHoverProvider(analyzer, orchestrators)),
    registerExplainDocuments(),
  );
  registerCommands({ context, orchestrators, tree, workspace, log });
  registerZenml(context, { orchestrator: orchestrators, analyzer, log, schedulesView: view });
  registerCodeActions(context, { orchestrator: orchestrators, analyzer });
  registerWalkthrough(context);

  return {
    schedulesProvider: tree,
    workspaceIndex: workspace,
    async analyzeDocument(uri) {
      const document = await vscode.workspace.openTextDocument(uri);
      return analyzer.analyze(document);
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

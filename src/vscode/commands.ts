// The commands of the palette and the Schedules view. One place registers them.

import * as vscode from 'vscode';
import type { ScheduleRow, SortOrder } from '../workspace/treeModel';
import { toRange } from './convert';
import { explainCronCommand } from './explainCommand';
import { showInNotebook } from './notebooks';
import type { DocumentAnalyzer } from './documents';
import type { OrchestratorService } from './orchestratorService';
import { openScheduleRow, type SchedulesNode, type SchedulesTreeProvider } from './tree';
import type { WorkspaceScheduleIndex } from './workspaceScanner';
import type { Dialect } from '../common/flavors';
import type { LiveNode } from './liveTree';

const SCHEDULING_DOCS_URL = 'https://docs.zenml.io/concepts/steps_and_pipelines/scheduling';
const SORT_KEY = 'zenmlSchedules.sort';

/** Tree commands get the node (context menu) or the row (click): accept both. */
function rowOf(arg: unknown): ScheduleRow | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as Partial<SchedulesNode> & Partial<ScheduleRow>;
  if (node.type === 'row' && 'row' in node) return (node as { row: ScheduleRow }).row;
  if ('summary' in node && 'item' in node) return arg as ScheduleRow;
  return undefined;
}

/** A live schedule row (a connection's group) with a cron expression, and the dialect it is read in. */
function liveExpressionOf(arg: unknown): { expression: string; dialect: Dialect } | undefined {
  const node = arg as Partial<LiveNode> | undefined;
  if (node?.type !== 'schedule' || !node.row?.schedule.expression) return undefined;
  return { expression: node.row.schedule.expression, dialect: node.row.dialect };
}

export interface CommandServices {
  context: vscode.ExtensionContext;
  orchestrators: OrchestratorService;
  /** The open documents' analyses: the palette's Explain starts in the active file's dialect. */
  analyzer: DocumentAnalyzer;
  tree: SchedulesTreeProvider;
  workspace: WorkspaceScheduleIndex;
  log: vscode.LogOutputChannel;
  /** Reloads the live connections (the view's Refresh). */
  refreshLive?: () => Promise<void>;
}

export function registerCommands(services: CommandServices): void {
  const { context, orchestrators, tree, workspace, log } = services;
  const explainServices = { orchestrators, analyzer: services.analyzer };
  const setSort = async (order: SortOrder) => {
    tree.setSortOrder(order);
    await context.workspaceState.update(SORT_KEY, order);
    await vscode.commands.executeCommand('setContext', SORT_KEY, order);
  };
  const needRow = (arg: unknown): ScheduleRow | undefined => {
    const row = rowOf(arg);
    if (!row) void vscode.window.showInformationMessage(vscode.l10n.t('Select a schedule in the ZenML Schedules view first.'));
    return row;
  };
  const register = (id: string, handler: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  register('zenmlSchedules.explainCron', (initial?: unknown) => explainCronCommand(explainServices, initial));
  register('zenmlSchedules.refresh', () => Promise.all([workspace.rescan(), services.refreshLive?.()]));
  register('zenmlSchedules.sortByNextRun', () => setSort('nextRun'));
  register('zenmlSchedules.sortByName', () => setSort('name'));
  register('zenmlSchedules.openSchedule', async (arg) => {
    const row = needRow(arg);
    if (row) await openScheduleRow(row);
  });
  register('zenmlSchedules.copyExpression', async (arg) => {
    const expression = liveExpressionOf(arg)?.expression ?? needRow(arg)?.summary.expression;
    if (!expression) return;
    await vscode.env.clipboard.writeText(expression);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', expression), 3000);
  });
  register('zenmlSchedules.explainSchedule', (arg) => {
    const live = liveExpressionOf(arg);
    if (live) return explainCronCommand(explainServices, live.expression, { dialect: live.dialect });
    const row = needRow(arg);
    return row
      ? explainCronCommand(explainServices, row.summary.expression ?? '', { resource: vscode.Uri.parse(row.item.file.key), dialect: row.summary.dialect })
      : undefined;
  });
  register('zenmlSchedules.revealProblems', async (arg) => {
    const row = needRow(arg);
    if (!row) return;
    const first = row.item.findings[0];
    const spans = row.item.file.discovery.notebook?.spans;
    if (first && spans) await showInNotebook(vscode.Uri.parse(row.item.file.key), spans, first.range);
    else if (first) await vscode.window.showTextDocument(vscode.Uri.parse(row.item.file.key), { selection: toRange(first.range), preview: true });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  register('zenmlSchedules.openSchedulingDocs', () => vscode.env.openExternal(vscode.Uri.parse(SCHEDULING_DOCS_URL)));
  register('zenmlSchedules.showLog', () => log.show(true));
}

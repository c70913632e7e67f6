// The Schedules view: one group per source of schedules (for now the
// workspace's code and run configurations), then pipelines, then schedules.

import * as vscode from 'vscode';
import { buildGroups, type ScheduleGroup, type ScheduleRow, type SortOrder } from '../workspace/treeModel';
import { formatShort, scheduleMarkdown } from '../workspace/present';
import { displaySettings } from './config';
import { toRange } from './convert';
import type { OrchestratorService } from './orchestrator';
import type { WorkspaceScheduleIndex } from './workspaceIndex';

export type SchedulesNode =
  | { type: 'source'; id: string; label: string; groups: ScheduleGroup[] }
  | { type: 'group'; group: ScheduleGroup }
  | { type: 'row'; row: ScheduleRow };

const ROW_SCHEME = 'zenml-schedules-row';
const kindIcons = { cron: 'clock', interval: 'sync', once: 'calendar' } as const;

export class SchedulesTreeProvider implements vscode.TreeDataProvider<SchedulesNode>, vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SchedulesNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly badges = new Map<string, vscode.FileDecoration>();
  private view: vscode.TreeView<SchedulesNode> | undefined;

  constructor(
    private readonly workspace: WorkspaceScheduleIndex,
    private readonly orchestrators: OrchestratorService,
    private order: SortOrder,
  ) {
    this.subscriptions.push(
      workspace.onDidChange(() => this.refreshView()),
      vscode.window.registerFileDecorationProvider(this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('zenmlSchedules.timeZone') || e.affectsConfiguration('zenmlSchedules.nextRuns')) this.refreshView();
      }),
      this.changed,
      this.decorationsChanged,
    );
  }

  attach(view: vscode.TreeView<SchedulesNode>): void {
    this.view = view;
  }

  get sortOrder(): SortOrder {
    return this.order;
  }

  setSortOrder(order: SortOrder): void {
    this.order = order;
    this.refreshView();
  }

  private refreshView(): void {
    if (this.view) this.view.message = this.workspace.status;
    this.changed.fire(undefined);
  }

  /** The groups of the Workspace source, computed now (also used by tests through the extension's API). */
  workspaceGroups(): ScheduleGroup[] {
    const settings = displaySettings();
    return buildGroups(this.workspace.index.schedules(), (item) => this.orchestrators.current(vscode.Uri.parse(item.file.key)), {
      now: new Date(),
      count: settings.nextRuns,
      order: this.order,
    });
  }

  async getChildren(node?: SchedulesNode): Promise<SchedulesNode[]> {
    if (!node) {
      if (!this.workspace.isScanned) {
        // The first call starts the scan; the view shows progress and is refreshed when it ends.
        void this.workspace.ensureScanned();
        return [];
      }
      const groups = this.workspaceGroups();
      this.updateBadges(groups);
      return groups.length ? [{ type: 'source', id: 'source:workspace', label: 'Workspace', groups }] : [];
    }
    if (node.type === 'source') return node.groups.map((group) => ({ type: 'group', group }));
    if (node.type === 'group') return node.group.rows.map((row) => ({ type: 'row', row }));
    return [];
  }

  getTreeItem(node: SchedulesNode): vscode.TreeItem {
    if (node.type === 'source') {
      const count = node.groups.reduce((n, g) => n + g.rows.length, 0);
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.description = `${count} schedule${count === 1 ? '' : 's'} in code`;
      item.iconPath = new vscode.ThemeIcon('code');
      item.contextValue = 'source workspace';
      return item;
    }
    if (node.type === 'group') {
      const { group } = node;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = group.id;
      item.iconPath = new vscode.ThemeIcon(group.kind === 'pipeline' ? 'symbol-method' : 'file');
      item.description = group.kind === 'pipeline' ? 'pipeline' : undefined;
      item.contextValue = `group ${group.kind}`;
      return item;
    }
    return this.rowItem(node.row);
  }

  private rowItem(row: ScheduleRow): vscode.TreeItem {
    const { summary, item: indexed } = row;
    const settings = displaySettings();
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    const next = summary.nextRuns[0];
    item.description = next ? `${summary.description} · next ${formatShort(next, settings.displayZone)}` : summary.description;
    item.iconPath = new vscode.ThemeIcon(summary.kind ? kindIcons[summary.kind] : 'question');
    item.resourceUri = this.rowUri(row);
    const tooltip = new vscode.MarkdownString(
      scheduleMarkdown(summary, row.item.findings, this.orchestrators.current(vscode.Uri.parse(indexed.file.key)), settings.displayZone) +
        `\n\n${indexed.file.label}:${indexed.schedule.range.start.line + 1}`,
      true,
    );
    item.tooltip = tooltip;
    const tokens = ['schedule', `kind-${summary.kind ?? 'unknown'}`];
    if (summary.expression) tokens.push('hasExpression');
    if (row.item.findings.length) tokens.push('hasProblems');
    item.contextValue = tokens.join(' ');
    item.command = {
      command: 'zenmlSchedules.openSchedule',
      title: 'Go to Schedule',
      arguments: [row],
    };
    return item;
  }

  private rowUri(row: ScheduleRow): vscode.Uri {
    return vscode.Uri.from({ scheme: ROW_SCHEME, path: '/' + encodeURIComponent(row.id) });
  }

  private updateBadges(groups: readonly ScheduleGroup[]): void {
    this.badges.clear();
    for (const group of groups) {
      for (const row of group.rows) {
        if (!row.worst) continue;
        const count = row.item.findings.length;
        const color = row.worst === 'error' ? 'list.errorForeground' : row.worst === 'warning' ? 'list.warningForeground' : undefined;
        this.badges.set(
          this.rowUri(row).toString(),
          new vscode.FileDecoration(count > 9 ? '9+' : String(count), `${count} problem${count === 1 ? '' : 's'}`, color ? new vscode.ThemeColor(color) : undefined),
        );
      }
    }
    this.decorationsChanged.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    return uri.scheme === ROW_SCHEME ? this.badges.get(uri.toString()) : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Opens the code at a schedule row. */
export async function openScheduleRow(row: ScheduleRow): Promise<void> {
  const uri = vscode.Uri.parse(row.item.file.key);
  const range = toRange(row.item.schedule.nameRange);
  const editor = await vscode.window.showTextDocument(uri, { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

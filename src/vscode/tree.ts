// The Schedules view: a list of sources (the workspace's code and run
// configurations, then one per live connection), each with its own nodes.

import * as vscode from 'vscode';
import { buildGroups, type ScheduleGroup, type ScheduleRow, type SortOrder } from '../workspace/treeModel';
import { formatShort, scheduleMarkdown } from '../workspace/present';
import { displaySettings, unknownOrchestratorAdvice } from './config';
import { toRange } from './convert';
import { positionInCell } from '../discovery';
import { showInNotebook } from './notebooks';
import type { WorkspaceScheduleIndex } from './workspaceScanner';
import { absentConnections, codeScheduleOfRow, compareWithLive, driftingConnections, comparisonMarkdown, type LiveSourceSnapshot } from '../workspace/liveForCode';

/** How long a reveal that fails while the tree is (re)drawn is tried again (see `SchedulesTreeProvider.reveal`). */
const REVEAL_DEADLINE_MS = 30_000;

/** Every node carries the id of the source that owns it; the provider hands the node back to that source. */
export interface SourceNode {
  type: string;
  sourceId: string;
}

/**
 * One top-level group of the view: the workspace's code first, then one per live connection. The provider
 * knows nothing else about a source, so a new kind of source is a new implementation, never a branch here.
 */
export interface TreeSource extends vscode.Disposable {
  readonly id: string;
  readonly onDidChange: vscode.Event<void>;
  /** Its top-level node, or undefined to hide it (nothing to show yet). */
  root(): Promise<SourceNode | undefined>;
  children(node: SourceNode): Promise<SourceNode[]>;
  treeItem(node: SourceNode): vscode.TreeItem;
  /** The view's message while this source is busy (first scan, loading), if any. */
  readonly status?: string;
  /** Called when the sort order changes. */
  setSortOrder?(order: SortOrder): void;
  /** A node's parent (for revealing a node); undefined for the source's root. */
  parent?(node: SourceNode): SourceNode | undefined;
}

export type WorkspaceNode =
  | { type: 'source'; sourceId: 'workspace'; id: string; label: string; groups: ScheduleGroup[] }
  /** After the pipelines: the files whose schedules are attached to no pipeline. */
  | { type: 'unattached'; sourceId: 'workspace'; groups: ScheduleGroup[] }
  | { type: 'group'; sourceId: 'workspace'; group: ScheduleGroup }
  | { type: 'row'; sourceId: 'workspace'; row: ScheduleRow };

export type SchedulesNode = SourceNode;

const ROW_SCHEME = 'zenml-schedules-row';
const kindIcons = { cron: 'clock', interval: 'sync', once: 'calendar' } as const;

/** The view: the sources in order, each asked for its own nodes. */
export class SchedulesTreeProvider implements vscode.TreeDataProvider<SourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sources: TreeSource[] = [];
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** When the view last refreshed (see `quiet`). */
  private lastChange = 0;
  private view: vscode.TreeView<SourceNode> | undefined;

  constructor(
    readonly workspaceSource: WorkspaceTreeSource,
    private order: SortOrder,
  ) {
    this.addSource(workspaceSource);
  }

  /** Adds a source after the existing ones; the provider disposes it. */
  addSource(source: TreeSource): vscode.Disposable {
    this.sources.push(source);
    source.setSortOrder?.(this.order);
    const listener = source.onDidChange(() => this.refreshView());
    this.refreshView();
    return new vscode.Disposable(() => {
      listener.dispose();
      const at = this.sources.indexOf(source);
      if (at >= 0) this.sources.splice(at, 1);
      this.refreshView();
    });
  }

  attach(view: vscode.TreeView<SourceNode>): void {
    this.view = view;
  }

  get sortOrder(): SortOrder {
    return this.order;
  }

  setSortOrder(order: SortOrder): void {
    this.order = order;
    for (const source of this.sources) source.setSortOrder?.(order);
    this.refreshView();
  }

  /** The groups of the Workspace source, computed now (also used by tests through the extension's API). */
  workspaceGroups(): ScheduleGroup[] {
    return this.workspaceSource.groups();
  }

  private refreshView(): void {
    if (this.view) this.view.message = this.sources.map((s) => s.status).find(Boolean);
    this.lastChange = Date.now();
    this.changed.fire(undefined);
  }

  /** Resolves once the view has had no refresh for `quietMs` (at most `maxMs` from now). */
  private async quiet(quietMs = 400, maxMs = 5000): Promise<void> {
    const end = Date.now() + maxMs;
    for (let wait = this.lastChange + quietMs - Date.now(); wait > 0 && Date.now() < end; wait = this.lastChange + quietMs - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, end - Date.now())));
    }
  }

  async getChildren(node?: SourceNode): Promise<SourceNode[]> {
    if (!node) {
      const roots = await Promise.all(this.sources.map((s) => s.root()));
      return roots.filter((r): r is SourceNode => r !== undefined);
    }
    return (await this.sourceOf(node)?.children(node)) ?? [];
  }

  getParent(node: SourceNode): SourceNode | undefined {
    return this.sourceOf(node)?.parent?.(node);
  }

  /** Shows a node in the view, selected and focused (the timeline's click on a live mark). */
  async reveal(node: SourceNode): Promise<boolean> {
    const view = this.view;
    if (!view) return false;
    // A reveal while the view is first drawn (opened by the reveal itself) or redrawn after a refresh can
    // fail with "Data tree node not found" for a node that is there: open the view first, and try again
    // once the tree has drawn its parents.
    if (!view.visible) await vscode.commands.executeCommand('zenmlSchedules.schedules.focus');
    // Expanding the parents one at a time, from the top, lets the tree load each level the usual way; a
    // single deep reveal into groups never expanded before fails in code-server ("Data tree node not found").
    const ancestors: SourceNode[] = [];
    for (let parent = this.getParent(node); parent; parent = this.getParent(parent)) ancestors.unshift(parent);
    const deadline = Date.now() + REVEAL_DEADLINE_MS;
    for (let attempt = 1; ; attempt++) {
      // A refresh of the whole view (a source loading, the stack detected as the view opens) while the
      // tree expands the parents drops the nodes being revealed: reveal between refreshes.
      await this.quiet(400 * Math.min(attempt, 3));
      try {
        for (const ancestor of ancestors) await view.reveal(ancestor, { select: false, focus: false, expand: true });
        await view.reveal(node, { select: true, focus: true, expand: false });
        return true;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * Math.min(attempt, 4)));
      }
    }
  }

  getTreeItem(node: SourceNode): vscode.TreeItem {
    const source = this.sourceOf(node);
    return source ? source.treeItem(node) : new vscode.TreeItem(vscode.l10n.t('(removed)'));
  }

  private sourceOf(node: SourceNode): TreeSource | undefined {
    return this.sources.find((s) => s.id === node.sourceId);
  }

  dispose(): void {
    for (const source of this.sources) source.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The Workspace group: the schedules in the workspace's code and run configurations, by pipeline. */
export class WorkspaceTreeSource implements TreeSource, vscode.FileDecorationProvider {
  readonly id = 'workspace';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly badges = new Map<string, vscode.FileDecoration>();
  private order: SortOrder = 'nextRun';
  private liveSchedules: () => readonly LiveSourceSnapshot[] = () => [];

  constructor(private readonly workspace: WorkspaceScheduleIndex) {
    this.subscriptions.push(
      workspace.onDidChange(() => this.changed.fire()),
      vscode.window.registerFileDecorationProvider(this),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('zenmlSchedules.timeZone') || e.affectsConfiguration('zenmlSchedules.nextRuns')) this.changed.fire();
      }),
      this.changed,
      this.decorationsChanged,
    );
  }

  get status(): string | undefined {
    return this.workspace.status;
  }

  /**
   * Where the rows read the live connections' loaded schedules, for "drift" and "not on <connection>" (the
   * view redraws every source when a connection loads, so the rows follow without a request of their own).
   */
  setLiveSchedules(accessor: () => readonly LiveSourceSnapshot[]): void {
    this.liveSchedules = accessor;
  }

  setSortOrder(order: SortOrder): void {
    this.order = order;
  }

  /** The groups, computed now. */
  groups(): ScheduleGroup[] {
    const settings = displaySettings();
    // Each schedule with its file's orchestrator, the one its findings were computed for.
    return buildGroups(this.workspace.index.schedules(), undefined, {
      now: new Date(),
      count: settings.nextRuns,
      order: this.order,
    });
  }

  async root(): Promise<WorkspaceNode | undefined> {
    if (!this.workspace.isScanned) {
      // The first call starts the scan; the view shows progress and is refreshed when it ends.
      void this.workspace.ensureScanned();
      return undefined;
    }
    const groups = this.groups();
    this.updateBadges(groups);
    return groups.length ? { type: 'source', sourceId: 'workspace', id: 'source:workspace', label: vscode.l10n.t('Workspace'), groups } : undefined;
  }

  async children(node: SourceNode): Promise<WorkspaceNode[]> {
    const n = node as WorkspaceNode;
    if (n.type === 'source') {
      // One hierarchy: pipelines, then one "Not attached to a pipeline" node holding files.
      const pipelines = n.groups.filter((g) => g.kind === 'pipeline');
      const files = n.groups.filter((g) => g.kind === 'file');
      const nodes: WorkspaceNode[] = pipelines.map((group) => ({ type: 'group', sourceId: 'workspace', group }));
      if (files.length) nodes.push({ type: 'unattached', sourceId: 'workspace', groups: files });
      return nodes;
    }
    if (n.type === 'unattached') return n.groups.map((group) => ({ type: 'group', sourceId: 'workspace', group }));
    if (n.type === 'group') return n.group.rows.map((row) => ({ type: 'row', sourceId: 'workspace', row }));
    return [];
  }

  treeItem(node: SourceNode): vscode.TreeItem {
    const n = node as WorkspaceNode;
    if (n.type === 'source') {
      const count = n.groups.reduce((total, g) => total + g.rows.length, 0);
      const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = n.id;
      item.description = count === 1 ? vscode.l10n.t('1 schedule in code') : vscode.l10n.t('{0} schedules in code', count);
      item.iconPath = new vscode.ThemeIcon('code');
      item.contextValue = 'source workspace';
      return item;
    }
    if (n.type === 'unattached') {
      const count = n.groups.reduce((total, g) => total + g.rows.length, 0);
      const item = new vscode.TreeItem(vscode.l10n.t('Not attached to a pipeline'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'workspace:unattached';
      item.description = count === 1 ? vscode.l10n.t('1 schedule') : vscode.l10n.t('{0} schedules', count);
      item.tooltip = vscode.l10n.t('Schedules that no pipeline uses in the code the extension can see (with_options, configure or run), by file.');
      item.iconPath = new vscode.ThemeIcon('debug-disconnect');
      item.contextValue = 'unattached';
      return item;
    }
    if (n.type === 'group') {
      const { group } = n;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = group.id;
      item.iconPath = group.kind === 'pipeline' ? new vscode.ThemeIcon('symbol-method') : fileIcon(group.label);
      item.description = group.kind === 'pipeline' ? vscode.l10n.t('pipeline') : undefined;
      item.contextValue = `group ${group.kind}`;
      return item;
    }
    return this.rowItem(n.row);
  }

  private rowItem(row: ScheduleRow): vscode.TreeItem {
    const { summary, item: indexed } = row;
    const settings = displaySettings();
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = row.id;
    const next = summary.nextRuns[0];
    item.description = next ? vscode.l10n.t('{0} · next {1}', summary.description, formatShort(next, settings.displayZone)) : summary.description;
    // Against the live connections (as loaded): drift, and pipelines a connection knows with nothing live there.
    const code = codeScheduleOfRow(row);
    const comparisons = compareWithLive(code, this.liveSchedules());
    const drifting = driftingConnections(comparisons).length > 0;
    const absent = absentConnections(comparisons);
    if (drifting) item.description += ` · ${vscode.l10n.t('drift')}`;
    if (absent.length) item.description += ` · ${vscode.l10n.t('not on {0}', absent.join(', '))}`;
    const liveText = comparisonMarkdown(code, comparisons);
    item.iconPath = new vscode.ThemeIcon(summary.kind ? kindIcons[summary.kind] : 'question');
    item.resourceUri = this.rowUri(row);
    const tooltip = new vscode.MarkdownString(
      scheduleMarkdown(summary, row.item.findings, indexed.file.orchestrator, settings.displayZone, { unknownOrchestratorAdvice: unknownOrchestratorAdvice() }) + `\n\n${whereIs(indexed)}` + (liveText ? `\n\n---\n\n${liveText}` : ''),
      true,
    );
    item.tooltip = tooltip;
    const tokens = ['schedule', `kind-${summary.kind ?? 'unknown'}`];
    if (summary.expression) tokens.push('hasExpression');
    if (row.item.findings.length) tokens.push('hasProblems');
    if (drifting) tokens.push('drift');
    if (absent.length) tokens.push('notLive');
    item.contextValue = tokens.join(' ');
    item.command = {
      command: 'zenmlSchedules.openSchedule',
      title: vscode.l10n.t('Go to Schedule'),
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
          new vscode.FileDecoration(count > 9 ? '9+' : String(count), count === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', count), color ? new vscode.ThemeColor(color) : undefined),
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

function fileIcon(label: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(label.toLowerCase().endsWith('.ipynb') ? 'notebook' : 'file');
}

/** "pipelines/train.py:12", or "train.ipynb, cell 3, line 2" for a notebook. */
function whereIs(indexed: ScheduleRow['item']): string {
  const spans = indexed.file.discovery.notebook?.spans;
  const start = indexed.schedule.nameRange.start;
  const inCell = spans && positionInCell(spans, start);
  return inCell ? vscode.l10n.t('{0}, cell {1}, line {2}', indexed.file.label, inCell.cell + 1, inCell.position.line + 1) : `${indexed.file.label}:${start.line + 1}`;
}

/** Opens the code at a schedule row (a notebook at the cell). */
export async function openScheduleRow(row: ScheduleRow): Promise<void> {
  const uri = vscode.Uri.parse(row.item.file.key);
  const spans = row.item.file.discovery.notebook?.spans;
  if (spans) return showInNotebook(uri, spans, row.item.schedule.nameRange);
  const range = toRange(row.item.schedule.nameRange);
  const editor = await vscode.window.showTextDocument(uri, { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

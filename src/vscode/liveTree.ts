// The live groups of the Schedules view: one TreeSource per connection (its schedules
// by pipeline, each expandable to its last runs), and a "Connect to a ZenML server…"
// row while nothing is connected. Each source loads through the adapter interface
// only; what a row says comes from src/workspace/liveRows.ts.

import * as vscode from 'vscode';
import type { LiveRun, LiveSchedule, ScheduleAdapter } from '../adapters/types';
import type { AdapterError } from '../adapters/errors';
import { connectionLabel, type ConnectionConfig } from '../workspace/connectionSettings';
import type { CodeSchedule } from '../workspace/drift';
import type { LiveSourceSnapshot } from '../workspace/liveForCode';
import { buildLiveRows, refreshSource, withDrift, type LiveGroup, type LiveRow } from '../workspace/liveModel';
import { buildLiveGroups, connectionNodeId, liveRunId, runRowText, type IconView, type LiveGroupModel, type LiveRowModel } from '../workspace/liveRows';
import type { SortOrder } from '../workspace/treeModel';
import { displaySettings } from './config';
import type { SourceNode, TreeSource } from './tree';

/** The schedules in the workspace's code, for drift against the live ones; undefined until the workspace was read. */
export type CodeSchedules = () => readonly CodeSchedule[] | undefined;

export type LiveNode =
  | { type: 'connection'; sourceId: string; id: string }
  | { type: 'pipeline'; sourceId: string; group: LiveGroupModel }
  | { type: 'schedule'; sourceId: string; row: LiveRowModel }
  | { type: 'run'; sourceId: string; id: string; run: LiveRun; row: LiveRowModel }
  | { type: 'message'; sourceId: string; id: string; kind: 'loading' | 'error' | 'empty' | 'runs-error' | 'no-runs'; text: string; detail?: string };

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; rows: LiveRow[]; at: Date; pipelines?: string[] }
  | { kind: 'error'; error: AdapterError };

const RUNS_SHOWN = 10;

function themeIcon(icon: IconView): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

/** What the user can do about an error, in editor words (the adapter says what happened). */
export function editorRemedy(error: AdapterError): string {
  switch (error.code) {
    case 'unreachable':
    case 'timeout':
      return vscode.l10n.t('Check that the server is running and the URL is right, then Retry.');
    case 'unauthorized':
      return vscode.l10n.t('Store a new API key or token with "ZenML Schedules: Add Connection…" (same name), then Retry.');
    case 'forbidden':
      return vscode.l10n.t('The key or token is valid but may not do this: use an account with access.');
    case 'version-too-old':
      return error.minimumVersion ? vscode.l10n.t('Upgrade the ZenML server to {0} or later.', error.minimumVersion) : vscode.l10n.t('Upgrade the ZenML server.');
    case 'cancelled':
      return vscode.l10n.t('Retry when you are ready.');
    default:
      return vscode.l10n.t('See "ZenML Schedules: Show Log" for the server\'s answer.');
  }
}

/** One connection's group. */
export class ConnectionTreeSource implements TreeSource {
  readonly id: string;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private state: LoadState = { kind: 'idle' };
  private previous: Extract<LoadState, { kind: 'loaded' }> | undefined;
  private loading: AbortController | undefined;
  private loadDone: Promise<void> | undefined;
  private order: SortOrder = 'nextRun';
  private includeArchived = false;
  private readonly runs = new Map<string, Promise<{ ok: true; runs: LiveRun[] } | { ok: false; error: AdapterError }>>();
  private groupsCache: LiveGroupModel[] | undefined;
  /** What the merge with other connections changed here (src/workspace/liveMerge.ts): merged rows, records shown elsewhere. */
  private merge: { schedules: Map<string, LiveSchedule>; hidden: Set<string>; note?: string; signature: string } | undefined;
  /** Changes made as an edit of a repository file in the workspace, shown as pending until the source serves them. */
  private readonly pendingEdits = new Map<string, { expression: string; path: string }>();

  constructor(
    readonly connection: ConnectionConfig,
    private currentAdapter: ScheduleAdapter,
    private readonly code: CodeSchedules,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.id = connectionNodeId(connection.name);
  }

  get adapter(): ScheduleAdapter {
    return this.currentAdapter;
  }

  /**
   * New credentials or a new interpreter for the same connection: the source stays in the view (same
   * place, same rows until the new load arrives), only the adapter changes, and it loads again.
   */
  setAdapter(adapter: ScheduleAdapter): Promise<void> {
    this.currentAdapter = adapter;
    this.groupsCache = undefined;
    return this.reload();
  }

  get status(): string | undefined {
    return undefined;
  }

  get showsArchived(): boolean {
    return this.includeArchived;
  }

  setSortOrder(order: SortOrder): void {
    this.order = order;
    this.groupsCache = undefined;
  }

  setIncludeArchived(include: boolean): void {
    if (include === this.includeArchived) return;
    this.includeArchived = include;
    void this.reload();
  }

  /** The schedules as last loaded (for the palette's quick picks). */
  rows(): LiveRowModel[] {
    return this.groups().flatMap((g) => g.rows);
  }

  /** The node of a schedule row by its tree id (the timeline's live marks carry it), if it is shown. */
  nodeOf(rowId: string): LiveNode | undefined {
    const row = this.rows().find((r) => r.id === rowId);
    return row ? { type: 'schedule', sourceId: this.id, row } : undefined;
  }

  /** A node's parent, for revealing a row: run → schedule → pipeline → connection. */
  parent(node: SourceNode): LiveNode | undefined {
    const n = node as LiveNode;
    if (n.type === 'run') return { type: 'schedule', sourceId: this.id, row: n.row };
    if (n.type === 'schedule') {
      const group = this.groups().find((g) => g.rows.some((r) => r.id === n.row.id));
      return group ? { type: 'pipeline', sourceId: this.id, group } : undefined;
    }
    if (n.type === 'pipeline' || n.type === 'message') return { type: 'connection', sourceId: this.id, id: this.id };
    return undefined;
  }

  /** Loads now (again); the rows already shown stay until the new ones arrive. Resolves when done. */
  reload(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    if (this.state.kind === 'loaded') this.previous = this.state;
    this.state = { kind: 'loading' };
    this.runs.clear();
    this.changed.fire();
    const done = this.load(controller.signal).then((state) => {
      if (this.loading !== controller) return;
      this.loading = undefined;
      this.state = state;
      this.previous = undefined;
      this.groupsCache = undefined;
      if (state.kind === 'error') this.log.warn(`[${this.connection.name}] ${state.error.code}: ${state.error.message}${state.error.detail ? ` (${state.error.detail})` : ''}`);
      this.changed.fire();
    });
    this.loadDone = done;
    return done;
  }

  /** Resolves when the current load (if any) has finished. */
  async settled(): Promise<void> {
    if (this.state.kind === 'idle') await this.reload();
    while (this.loadDone) {
      const current = this.loadDone;
      await current;
      if (current === this.loadDone) break;
    }
  }

  get isLoading(): boolean {
    return this.state.kind === 'loading' || this.state.kind === 'idle';
  }

  get error(): AdapterError | undefined {
    return this.state.kind === 'error' ? this.state.error : undefined;
  }

  /** What this connection has loaded, for the code's hover and Workspace rows (never a network call); null while none. */
  snapshot(): LiveSourceSnapshot | null {
    const shown = this.shown();
    return shown ? { connection: this.connection.name, schedules: shown.rows.map((r) => r.schedule), pipelines: shown.pipelines } : null;
  }

  /** The workspace's code changed: drift ("drift", "not in code") is computed again for the rows already loaded. */
  codeChanged(): void {
    const shown = this.shown();
    if (!shown) return;
    const next = withDrift(shown.rows, this.code());
    if (!next.changed) return;
    shown.rows = next.rows;
    this.groupsCache = undefined;
    this.changed.fire();
  }

  /** This connection's rows as loaded (before merging), for the merge across connections; null while none. */
  loadedGroup(): LiveGroup | null {
    const shown = this.shown();
    return shown ? { source: this.connection.name, type: this.adapter.type, rows: shown.rows, error: null } : null;
  }

  /** The merge's outcome for this connection; redraws only when it differs from the last one. */
  setMerge(schedules: Map<string, LiveSchedule>, hidden: Set<string>, note?: string): void {
    const signature = JSON.stringify([[...schedules].map(([id, s]) => [id, s.zenmlId, s.matchedBy, s.warnings]), [...hidden].sort(), note ?? '']);
    if (signature === (this.merge?.signature ?? JSON.stringify([[], [], '']))) return;
    this.merge = { schedules, hidden, note, signature };
    this.groupsCache = undefined;
    this.changed.fire();
  }

  /** Shows a schedule as the adapter read it back after a change, until the next load. */
  applyReadBack(schedule: LiveSchedule): void {
    const loaded = this.shown();
    if (!loaded) return;
    const old = loaded.rows.find((r) => r.schedule.id === schedule.id);
    const [row] = buildLiveRows(this.connection.name, [schedule], old ? new Map([[schedule.id, old.runs]]) : null, {
      now: new Date(),
      nextRunCount: displaySettings().nextRuns,
      code: this.code(),
      runsPerRow: RUNS_SHOWN,
    });
    loaded.rows = old ? loaded.rows.map((r) => (r === old ? row : r)) : [...loaded.rows, row];
    this.groupsCache = undefined;
    this.runs.delete(schedule.id);
    this.changed.fire();
  }

  /** A schedule changed by an edit of its file in the workspace: pending until the source reads the new expression. */
  markPendingEdit(scheduleId: string, expression: string, path: string): void {
    this.pendingEdits.set(scheduleId, { expression, path });
    this.groupsCache = undefined;
    this.changed.fire();
  }

  private withPending(schedule: LiveSchedule): LiveSchedule {
    const pending = this.pendingEdits.get(schedule.id);
    if (!pending) return schedule;
    if (schedule.expression === pending.expression) {
      this.pendingEdits.delete(schedule.id);
      return schedule;
    }
    const words = vscode.l10n.t(
      'File change pending: {0} was edited in the workspace to "{1}"; it runs "{2}" until the change is reviewed, committed and pushed.',
      pending.path,
      pending.expression,
      schedule.expression ?? '',
    );
    return { ...schedule, warnings: [...schedule.warnings, words], details: { ...schedule.details, [vscode.l10n.t('pending file edit')]: `${pending.path}: ${pending.expression}` } };
  }

  removeSchedule(id: string): void {
    const loaded = this.shown();
    if (!loaded) return;
    loaded.rows = loaded.rows.filter((r) => r.schedule.id !== id);
    this.groupsCache = undefined;
    this.changed.fire();
  }

  private async load(signal: AbortSignal): Promise<LoadState> {
    const now = new Date();
    const group = await refreshSource(this.adapter, {
      now,
      signal,
      includeArchived: this.includeArchived,
      nextRunCount: displaySettings().nextRuns,
      code: this.code(),
      runsPerRow: RUNS_SHOWN,
      knownPipelines: true,
    });
    return group.error ? { kind: 'error', error: group.error } : { kind: 'loaded', rows: group.rows, at: now, pipelines: group.pipelines };
  }

  private shown(): Extract<LoadState, { kind: 'loaded' }> | undefined {
    return this.state.kind === 'loaded' ? this.state : this.state.kind === 'loading' ? this.previous : undefined;
  }

  private groups(): LiveGroupModel[] {
    const shown = this.shown();
    if (!shown) return [];
    if (!this.groupsCache) {
      const settings = displaySettings();
      const merge = this.merge;
      const merged = merge
        ? shown.rows.filter((r) => !merge.hidden.has(r.schedule.id)).map((r) => {
            const m = merge.schedules.get(r.schedule.id);
            return m ? { ...r, schedule: m } : r;
          })
        : shown.rows;
      const rows = this.pendingEdits.size ? merged.map((r) => (this.pendingEdits.has(r.schedule.id) ? { ...r, schedule: this.withPending(r.schedule) } : r)) : merged;
      const pendingIds = new Set(this.pendingEdits.keys());
      const groups = buildLiveGroups(rows, {
        connection: this.connection.name,
        capabilities: this.adapter.capabilities,
        displayZone: settings.displayZone,
        includeArchived: this.includeArchived,
        order: this.order,
      });
      this.groupsCache = pendingIds.size
        ? groups.map((g) => ({ ...g, rows: g.rows.map((r) => (pendingIds.has(r.scheduleId) ? { ...r, description: `${r.description} · ${vscode.l10n.t('file change pending')}` } : r)) }))
        : groups;
    }
    return this.groupsCache;
  }

  /** Display settings changed: rows are rebuilt on the next render. */
  invalidate(): void {
    this.groupsCache = undefined;
    this.changed.fire();
  }

  async root(): Promise<LiveNode> {
    if (this.state.kind === 'idle') void this.reload();
    return { type: 'connection', sourceId: this.id, id: this.id };
  }

  async children(node: SourceNode): Promise<LiveNode[]> {
    const n = node as LiveNode;
    const message = (kind: Extract<LiveNode, { type: 'message' }>['kind'], text: string, detail?: string, suffix: string = kind): LiveNode => ({
      type: 'message',
      sourceId: this.id,
      id: `${this.id}/${suffix}`,
      kind,
      text,
      detail,
    });
    if (n.type === 'connection') {
      if (this.state.kind === 'error') {
        const { error } = this.state;
        return [message('error', error.message, editorRemedy(error))];
      }
      const shown = this.shown();
      if (!shown) return [message('loading', vscode.l10n.t('Loading schedules…'))];
      const groups = this.groups();
      if (!groups.length) return [message('empty', this.includeArchived ? vscode.l10n.t('No schedules on this server.') : vscode.l10n.t('No active or paused schedules (archived ones are hidden).'))];
      return groups.map((group) => ({ type: 'pipeline', sourceId: this.id, group }));
    }
    if (n.type === 'pipeline') return n.group.rows.map((row) => ({ type: 'schedule', sourceId: this.id, row }));
    if (n.type === 'schedule') {
      const known = n.row.live.runs;
      const result = known.length ? { ok: true as const, runs: known } : await this.runsOf(n.row.scheduleId);
      if (!result.ok) return [message('runs-error', vscode.l10n.t('Runs could not be read: {0}', result.error.message), editorRemedy(result.error), `${n.row.scheduleId}/runs-error`)];
      if (!result.runs.length) return [message('no-runs', vscode.l10n.t('No runs yet.'), undefined, `${n.row.scheduleId}/no-runs`)];
      return result.runs.map((run) => ({ type: 'run', sourceId: this.id, id: liveRunId(this.connection.name, n.row.scheduleId, run.id), run, row: n.row }));
    }
    return [];
  }

  /** The schedule's last runs (cached until the next load). */
  runsOf(scheduleId: string, signal?: AbortSignal): Promise<{ ok: true; runs: LiveRun[] } | { ok: false; error: AdapterError }> {
    let pending = this.runs.get(scheduleId);
    if (!pending) {
      const runs = this.adapter.runs;
      pending = runs
        ? runs.call(this.adapter, scheduleId, { limit: RUNS_SHOWN, signal }).then((r) => (r.ok ? { ok: true as const, runs: r.value } : { ok: false as const, error: r.error }))
        : Promise.resolve({ ok: false as const, error: { code: 'unsupported' as const, message: vscode.l10n.t('{0} does not list runs.', connectionLabel(this.connection)) } });
      this.runs.set(scheduleId, pending);
      void pending.then((r) => {
        if (!r.ok) this.runs.delete(scheduleId);
      });
    }
    return pending;
  }

  treeItem(node: SourceNode): vscode.TreeItem {
    const n = node as LiveNode;
    const settings = displaySettings();
    switch (n.type) {
      case 'connection': {
        const item = new vscode.TreeItem(this.connection.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = n.id;
        const shown = this.shown();
        const count = shown ? this.groups().reduce((t, g) => t + g.rows.length, 0) : 0;
        const what = connectionLabel(this.connection);
        if (this.state.kind === 'error') {
          item.description = vscode.l10n.t('{0} · error', what);
          item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        } else if (this.state.kind === 'loading' || this.state.kind === 'idle') {
          item.description = shown ? vscode.l10n.t('{0} · refreshing…', what) : vscode.l10n.t('{0} · loading…', what);
          item.iconPath = new vscode.ThemeIcon('loading~spin');
        } else {
          const schedules = count === 1 ? vscode.l10n.t('1 schedule') : vscode.l10n.t('{0} schedules', count);
          item.description = `${what} · ${schedules}${this.includeArchived ? ` ${vscode.l10n.t('incl. archived')}` : ''}`;
          item.iconPath = new vscode.ThemeIcon('server-environment');
        }
        if (this.merge?.note && this.state.kind === 'loaded') item.description += ` · ${this.merge.note}`;
        item.tooltip = `${what}${shown ? `\n${vscode.l10n.t('Read {0}', shown.at.toISOString())}` : ''}${this.merge?.note ? `\n${this.merge.note} (one row per schedule: the record is merged into the orchestrator's row)` : ''}`;
        item.contextValue = `liveConnection ${this.includeArchived ? 'showsArchived' : 'hidesArchived'}${this.state.kind === 'error' ? ' connectionError' : ''}${this.state.kind === 'error' && this.state.error.code === 'unauthorized' && this.adapter.signIn ? ' canSignIn' : ''}`;
        return item;
      }
      case 'pipeline': {
        const item = new vscode.TreeItem(n.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = n.group.id;
        item.iconPath = new vscode.ThemeIcon(n.group.kind === 'pipeline' ? 'symbol-method' : 'question');
        item.description = n.group.kind === 'pipeline' ? vscode.l10n.t('pipeline') : undefined;
        item.contextValue = 'livePipeline';
        return item;
      }
      case 'schedule': {
        const { row } = n;
        const canRun = Boolean(this.adapter.runs) && this.adapter.capabilities.operations.includes('runs');
        const item = new vscode.TreeItem(row.label, canRun ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = row.id;
        item.description = row.description;
        item.iconPath = themeIcon(row.icon);
        const tooltip = new vscode.MarkdownString(row.tooltip, true);
        item.tooltip = tooltip;
        item.contextValue = row.contextValue;
        item.accessibilityInformation = { label: `${row.label}, ${row.description}` };
        return item;
      }
      case 'run': {
        const text = runRowText(n.run, settings.displayZone);
        const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
        item.id = n.id;
        item.description = text.description;
        item.iconPath = themeIcon(text.icon);
        item.tooltip = `${n.run.status} · ${n.run.created.toISOString()}\n${vscode.l10n.t('Run {0}', n.run.id)}\n${n.run.url ?? vscode.l10n.t('This server has no dashboard link for runs.')}`;
        item.contextValue = n.run.url ? 'liveRun hasUrl' : 'liveRun';
        if (n.run.url) item.command = { command: 'zenmlSchedules.openRun', title: vscode.l10n.t('Open Run in Dashboard'), arguments: [n] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(n.text, vscode.TreeItemCollapsibleState.None);
        item.id = n.id;
        if (n.kind === 'loading') item.iconPath = new vscode.ThemeIcon('loading~spin');
        else if (n.kind === 'error' || n.kind === 'runs-error') item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        else item.iconPath = new vscode.ThemeIcon('info');
        if (n.kind === 'error') {
          item.description = vscode.l10n.t('Retry');
          item.contextValue = this.adapter.signIn && this.state.kind === 'error' && this.state.error.code === 'unauthorized' ? 'connectionError canSignIn' : 'connectionError';
          item.command = { command: 'zenmlSchedules.retryConnection', title: vscode.l10n.t('Retry'), arguments: [n] };
        }
        item.tooltip = [n.text, n.detail].filter(Boolean).join('\n\n');
        return item;
      }
    }
  }

  dispose(): void {
    this.loading?.abort();
    this.changed.dispose();
  }
}

/** A row that offers to connect, shown while no connection is configured. */
export class ConnectPromptSource implements TreeSource {
  readonly id = 'connect-prompt';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private visible = false;
  private untrustedHidden = 0;

  /** Shown when `count` connections are active; `hidden` counts workspace connections skipped while untrusted. */
  update(count: number, hidden: number): void {
    const visible = count === 0;
    if (visible === this.visible && hidden === this.untrustedHidden) return;
    this.visible = visible;
    this.untrustedHidden = hidden;
    this.changed.fire();
  }

  async root(): Promise<SourceNode | undefined> {
    return this.visible ? { type: 'connect', sourceId: this.id } : undefined;
  }

  async children(): Promise<SourceNode[]> {
    return [];
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Connect to a ZenML server…'), vscode.TreeItemCollapsibleState.None);
    item.id = 'connect-prompt';
    item.iconPath = new vscode.ThemeIcon('plug');
    item.description = this.untrustedHidden
      ? this.untrustedHidden === 1
        ? vscode.l10n.t('1 connection in workspace settings not used: this folder is not trusted')
        : vscode.l10n.t('{0} connections in workspace settings not used: this folder is not trusted', this.untrustedHidden)
      : vscode.l10n.t('see the schedules that really run');
    item.command = { command: 'zenmlSchedules.addConnection', title: vscode.l10n.t('Connect to a ZenML Server…') };
    item.contextValue = 'connectPrompt';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

// ZenML Schedules: Show Timeline — a webview panel with every run of the next day, week
// or month, from every source, on one time axis. The layout and the page are pure
// (src/workspace/timeline*.ts); this file feeds them, shows the page and opens the code
// a mark stands for.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { dialectOfFlavor } from '../common/flavors';
import { layoutTimeline, markDriftOnCode, timelineScheduleOf, timelineScheduleOfLive, type TimelineLayout, type TimelineSchedule } from '../workspace/timeline';
import { renderTimelinePage } from '../workspace/timelineHtml';
import { defaultCronZone } from '../workspace/summary';
import { displaySettings } from './config';
import { toRange } from './convert';
import type { LiveConnections } from './liveConnections';
import type { OrchestratorService } from './orchestratorService';
import type { SchedulesTreeProvider } from './tree';
import type { WorkspaceScheduleIndex } from './workspaceScanner';

const AXIS_WIDTH = 960;

/** What the command returns (tests, other tools): the numbers the picture shows. */
export interface TimelineSnapshot {
  hours: number;
  collisionMinutes: number;
  lanes: { id: string; label: string; pipeline: string | null; orchestrator: string | null; source: string; runs: number; flags: string[]; overlap: boolean }[];
  runs: number;
  collisions: { at: string; target: string; pipelines: string[]; spanSeconds: number }[];
  overlaps: { id: string; intervalSeconds: number; typicalDurationSeconds: number }[];
  /** Each live connection and whether its schedules are on the picture yet. */
  sources: { name: string; state: 'loading' | 'loaded' | 'error' }[];
}

export class TimelinePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private hours = 24;
  private collisionMinutes = 5;
  private layout: TimelineLayout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workspace: WorkspaceScheduleIndex,
    private readonly orchestrators: OrchestratorService,
    private readonly live?: LiveConnections,
    private readonly tree?: SchedulesTreeProvider,
  ) {
    this.subscriptions.push(
      workspace.onDidChange(() => this.render()),
      orchestrators.onDidChange(() => this.render()),
      // A connection loaded, refreshed, was added or removed, or a change was read back: draw again (once per burst).
      ...(tree ? [tree.onDidChangeTreeData(() => this.renderSoon())] : []),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('zenmlSchedules.timeZone')) this.render();
      }),
    );
  }

  /** Opens (or reveals) the panel and returns what it shows. */
  async show(options: { hours?: number; collisionMinutes?: number } = {}): Promise<TimelineSnapshot> {
    if (options.hours) this.hours = options.hours;
    if (options.collisionMinutes !== undefined) this.collisionMinutes = options.collisionMinutes;
    await this.workspace.ensureScanned();
    // Connections the view has not loaded yet start loading now; their lanes appear when they arrive.
    for (const source of this.live?.sources() ?? []) if (source.isLoading && !source.error) void source.settled();
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('zenmlSchedules.timeline', vscode.l10n.t('Schedule Timeline'), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.subscriptions);
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), null, this.subscriptions);
    } else {
      this.panel.reveal();
    }
    this.render();
    return this.snapshot();
  }

  private renderSoon(): void {
    if (!this.panel || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.render();
    }, 250);
  }

  /** The live connections' schedules as loaded in the view (the same rows, health and drift). */
  private liveSchedules(from: Date, to: Date): TimelineSchedule[] {
    return (this.live?.sources() ?? []).flatMap((source) =>
      source.rows().flatMap((row) => {
        const lane = timelineScheduleOfLive(row.live, { id: row.id, from, to, now: from });
        return lane ? [lane] : [];
      }),
    );
  }

  private schedules(from: Date, to: Date): TimelineSchedule[] {
    return markDriftOnCode([...this.workspaceSchedules(from, to), ...this.liveSchedules(from, to)]);
  }

  private workspaceSchedules(from: Date, to: Date): TimelineSchedule[] {
    return this.workspace.index.schedules().flatMap((item) => {
      const orchestrator = this.orchestrators.current(vscode.Uri.parse(item.file.key));
      const dialect = dialectOfFlavor(orchestrator?.flavor);
      const start = item.schedule.range.start;
      const result = timelineScheduleOf(item.schedule, {
        // The tree row's id, so that a mark and a row name the same schedule.
        id: `${item.file.key}#${start.line}:${start.character}`,
        source: 'workspace',
        orchestrator: orchestrator?.flavor ?? null,
        file: item.file.label,
        summary: { dialect, timeZone: defaultCronZone(dialect, orchestrator !== null) },
        from,
        to,
      });
      if (!result) return [];
      const ended = item.findings.find((f) => f.code === ('schedule-ended' as string));
      if (ended) result.flags = [{ kind: 'ended', text: ended.message }];
      return [result];
    });
  }

  private render(): void {
    if (!this.panel) return;
    const settings = displaySettings();
    const now = new Date();
    const to = new Date(now.getTime() + this.hours * 3_600_000);
    this.layout = layoutTimeline(this.schedules(now, to), {
      from: now,
      to,
      now,
      width: AXIS_WIDTH,
      displayZone: settings.displayZone,
      collisionMinutes: this.collisionMinutes,
    });
    this.panel.webview.html = renderTimelinePage(this.layout, {
      displayZone: settings.displayZone,
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
      hours: this.hours,
      collisionMinutes: this.collisionMinutes,
    });
  }

  private snapshot(): TimelineSnapshot {
    const layout = this.layout;
    const lanes = layout ? layout.groups.flatMap((g) => g.lanes) : [];
    return {
      hours: this.hours,
      collisionMinutes: this.collisionMinutes,
      lanes: lanes.map((l) => ({
        id: l.schedule.id,
        label: l.schedule.label,
        pipeline: l.schedule.pipeline,
        orchestrator: l.schedule.orchestrator,
        source: l.schedule.source,
        runs: l.marks.length,
        flags: l.flags.map((f) => f.kind),
        overlap: l.overlap,
      })),
      runs: layout?.agenda.runs.length ?? 0,
      overlaps: (layout?.agenda.overlaps ?? []).map((o) => ({ id: o.scheduleId, intervalSeconds: o.intervalSeconds, typicalDurationSeconds: o.typicalDurationSeconds })),
      sources: (this.live?.sources() ?? []).map((s) => ({ name: s.connection.name, state: s.error ? ('error' as const) : s.isLoading && s.rows().length === 0 ? ('loading' as const) : ('loaded' as const) })),
      collisions: (layout?.agenda.collisions ?? []).map((c) => ({
        at: c.at.toISOString(),
        target: c.target,
        pipelines: [...new Set(c.runs.map((r) => r.pipeline ?? r.schedule))],
        spanSeconds: (c.runs[c.runs.length - 1].at.getTime() - c.at.getTime()) / 1000,
      })),
    };
  }

  private async onMessage(message: unknown): Promise<void> {
    const m = message as { type?: string; id?: string; hours?: number; minutes?: number };
    if (m.type === 'open' && typeof m.id === 'string') await this.open(m.id);
    else if (m.type === 'window' && typeof m.hours === 'number' && [24, 168, 720].includes(m.hours)) await this.show({ hours: m.hours });
    else if (m.type === 'collisionMinutes' && typeof m.minutes === 'number' && m.minutes >= 0 && m.minutes <= 1440) await this.show({ collisionMinutes: Math.floor(m.minutes) });
  }

  /** Opens the code of the schedule a mark or table row stands for, or reveals its live row in the view. */
  async open(id: string): Promise<boolean> {
    for (const source of this.live?.sources() ?? []) {
      const node = source.nodeOf(id);
      if (node && this.tree) return this.tree.reveal(node);
    }
    const item = this.workspace.index.schedules().find((i) => `${i.file.key}#${i.schedule.range.start.line}:${i.schedule.range.start.character}` === id);
    if (!item) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That schedule is no longer in the workspace: the timeline is refreshed.'));
      this.render();
      return false;
    }
    const range = toRange(item.schedule.nameRange);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(item.file.key), { selection: range, preview: true, viewColumn: vscode.ViewColumn.One });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

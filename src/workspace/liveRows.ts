// What the Schedules view shows for one live connection: its schedules grouped by
// pipeline, each row's words, icon, tokens for menus and tooltip. Pure (no vscode
// import), so unit tests check every row the editor draws; the editor only maps
// these plain values onto TreeItems. Ids are stable across refreshes (expansion and
// selection survive) and unique across connections.

import { formatInZone, isoUtc } from '../cron';
import { capabilityOf, type Dialect } from '../common/flavors';
import type { AdapterCapabilities, LiveRun, LiveSchedule, Operation, ScheduleHealth, ScheduleState } from '../adapters/types';
import type { DriftDifference } from './drift';
import type { LiveRow } from './liveModel';
import { expectedToFire, recordOnlyPaused, stateWarning, stateWords } from './liveState';
import { formatShort, nextRunsTable } from './present';

/** A codicon id and a theme colour id, mapped to ThemeIcon by the editor. */
export interface IconView {
  id: string;
  color?: string;
}

/**
 * The row's icon: what needs attention first (failing, silent, a record-only pause that may still
 * fire), then the state.
 */
export function liveIcon(state: ScheduleState, health: ScheduleHealth, mayStillFire = false): IconView {
  if (state === 'archived') return { id: 'archive', color: 'disabledForeground' };
  if (state === 'completed') return { id: 'check-all' };
  if (health === 'failing') return { id: 'error', color: 'list.errorForeground' };
  if (health === 'silent' || (state === 'paused' && mayStillFire)) return { id: 'warning', color: 'list.warningForeground' };
  if (state === 'paused') return { id: 'debug-pause', color: 'disabledForeground' };
  if (health === 'ok') return { id: 'pass', color: 'testing.iconPassed' };
  return { id: 'circle-outline' };
}

/** "paused · failing", "active · ok": state (as stateWords() words it) and health side by side. */
export function stateText(state: string, health: ScheduleHealth): string {
  return `${state} · ${health}`;
}

export interface LiveRowModel {
  id: string;
  scheduleId: string;
  connection: string;
  label: string;
  /** One line beside the label: state · health, plain words, next run. */
  description: string;
  icon: IconView;
  /** Space-separated tokens for `viewItem =~ /\btoken\b/` menus. */
  contextValue: string;
  tooltip: string;
  schedule: LiveSchedule;
  health: ScheduleHealth;
  /** The live model's row (health report, runs, drift) it was drawn from. */
  live: LiveRow;
  drift: readonly DriftDifference[];
  nextRuns: Date[];
  dialect: Dialect;
}

export interface LiveGroupModel {
  id: string;
  label: string;
  /** `pipeline` when the schedules name one; `none` for schedules without a pipeline. */
  kind: 'pipeline' | 'none';
  rows: LiveRowModel[];
}

export interface LiveRowOptions {
  connection: string;
  capabilities: AdapterCapabilities;
  displayZone: string;
  includeArchived: boolean;
  order: 'nextRun' | 'name';
}

export function connectionNodeId(connection: string): string {
  return `live:${encodeURIComponent(connection)}`;
}

export function liveRowId(connection: string, scheduleId: string): string {
  return `${connectionNodeId(connection)}/schedule:${encodeURIComponent(scheduleId)}`;
}

export function liveRunId(connection: string, scheduleId: string, runId: string): string {
  return `${liveRowId(connection, scheduleId)}/run:${encodeURIComponent(runId)}`;
}

/** Whether the source can do `op` on this schedule (the schedule's own answer wins over the source's). */
export function canChange(schedule: LiveSchedule, capabilities: AdapterCapabilities, op: Operation): boolean {
  return capabilities.operations.includes(op) && (!schedule.changes || schedule.changes.operations.includes(op));
}

/**
 * Menu tokens: pause and resume swap by state. They are offered whenever the source has the operation,
 * with `recordOnly-<op>` when this schedule's orchestrator cannot be changed from here, so the command
 * says so plainly (and offers what would) instead of the button silently vanishing.
 */
export function liveContextValue(schedule: LiveSchedule, capabilities: AdapterCapabilities): string {
  const has = (op: Operation) => capabilities.operations.includes(op);
  const tokens = ['liveSchedule', `state-${schedule.state}`];
  const live = schedule.state !== 'archived';
  if (live && schedule.state === 'active' && has('pause')) tokens.push('pausable');
  if (live && schedule.state === 'paused' && has('resume')) tokens.push('resumable');
  if (live && schedule.state !== 'completed' && has('update') && schedule.kind === 'cron') tokens.push('updatable');
  if (has('delete')) tokens.push('deletable');
  // Guided recreate (issue 15 §2): a live cron the source cannot update in place, where something can be done here.
  if (live && schedule.state !== 'completed' && schedule.kind === 'cron' && (schedule.pipeline ?? schedule.match?.pipeline) && !canChange(schedule, capabilities, 'update') && !schedule.changes?.fileEdit?.operations.includes('update') && (has('pause') || has('delete'))) tokens.push('recreatable');
  if (has('runs')) tokens.push('hasRuns');
  if (schedule.expression) tokens.push('hasExpression');
  if (schedule.url) tokens.push('hasUrl');
  for (const op of ['pause', 'resume', 'update', 'delete'] as const) if (has(op) && !canChange(schedule, capabilities, op)) tokens.push(`recordOnly-${op}`);
  return tokens.join(' ');
}

function code(text: string): string {
  const clipped = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return `\`${clipped.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

/** Markdown for the row's tooltip: words, next runs, orchestrator, ids, raw expression, last run, drift. */
export function liveTooltip(row: LiveRow, options: { connection: string; capabilities: AdapterCapabilities; displayZone: string }): string {
  const { schedule, health } = row;
  const parts: string[] = [];
  const kindWords = schedule.kind === 'cron' && schedule.expression ? `cron ${code(schedule.expression)}` : schedule.kind ?? 'schedule';
  parts.push(`**${escape(schedule.name)}** · ${kindWords} · ${stateText(stateWords(schedule), health.health)}`);
  const caveat = stateWarning(schedule);
  if (caveat) parts.push(`$(warning) ${escape(caveat)}`);
  parts.push(escape(capitalize(row.description)));
  if (health.reason) parts.push(`${health.health === 'ok' ? '$(pass)' : health.health === 'unknown' ? '$(question)' : '$(warning)'} ${escape(capitalize(health.reason))}`);
  for (const d of row.drift?.differences ?? []) parts.push(`$(diff) Drift in ${escape(d.field)}: code: ${code(d.code)}, server: ${code(d.server)}`);
  if (row.drift?.status === 'no-code') parts.push('$(info) The code has no schedule for this pipeline.');
  if (row.drift?.code) parts.push(`In the code: ${escape(row.drift.code.location)}`);
  if (recordOnlyPaused(schedule)) parts.push(nextRunsTable(row.nextRuns, options.displayZone) || 'No next run.');
  else if (schedule.state === 'paused') parts.push('Paused: no runs until it is resumed.');
  else if (schedule.state === 'active') parts.push(nextRunsTable(row.nextRuns, options.displayZone) || 'No next run.');
  const flavor = schedule.orchestrator;
  const orchestrator = flavor ? (capabilityOf(flavor)?.displayName ?? flavor) : 'unknown';
  const facts: Array<[string, string]> = [
    ['Connection', options.connection],
    ['Orchestrator', orchestrator],
    ['Pipeline', schedule.pipeline ?? '—'],
    ['Id', schedule.id],
  ];
  if (schedule.zenmlId && schedule.zenmlId !== schedule.id) facts.push(['ZenML id', schedule.zenmlId + (schedule.matchedBy ? ` (${schedule.matchedBy})` : '')]);
  if (schedule.expression) facts.push(['Expression', schedule.expression]);
  if (schedule.intervalSeconds) facts.push(['Interval', `${schedule.intervalSeconds} s`]);
  if (schedule.kind === 'cron') facts.push(['Read as', `${row.dialect} cron, in ${schedule.timeZone ?? 'UTC'}`]);
  if (schedule.startTime) facts.push(['Start', isoUtc(schedule.startTime)]);
  if (schedule.endTime) facts.push(['End', isoUtc(schedule.endTime)]);
  if (schedule.created) facts.push(['Created', isoUtc(schedule.created)]);
  const last = health.lastRun;
  facts.push(['Last run', last ? `${last.status}, ${formatInZone(last.created, options.displayZone)}` : 'none']);
  for (const [label, value] of Object.entries(schedule.details)) facts.push([label, value]);
  parts.push(['| | |', '| --- | --- |', ...facts.map(([k, v]) => `| ${escape(k)} | ${escape(v)} |`)].join('\n'));
  for (const w of schedule.warnings) if (w !== caveat) parts.push(`$(warning) ${escape(w)}`);
  const changes = schedule.changes;
  if (changes?.via) parts.push(`$(tools) Changes go through ${escape(changes.via)}.`);
  if (changes?.reason) parts.push(`$(info) ${escape(changes.reason)}`);
  else if (!changes && !options.capabilities.pauseStopsRuns && options.capabilities.operations.includes('pause')) {
    parts.push("$(info) Pausing here changes only this connection's record; the orchestrator keeps firing unless its own connection pauses it.");
  }
  return parts.join('\n\n');
}

function capitalize(text: string): string {
  return text.length ? text[0].toUpperCase() + text.slice(1) : text;
}

/** The row's marker for a live schedule whose pipeline has no schedule in the code. */
export const NOT_IN_CODE = 'not in code';

/** One row, everything computed now (nothing deferred to render time). */
export function liveRow(row: LiveRow, options: LiveRowOptions): LiveRowModel {
  const { schedule } = row;
  const health = row.health.health;
  const drift = row.drift?.differences ?? [];
  const parts = [stateText(stateWords(schedule), health), row.description];
  const next = row.nextRuns[0];
  if (next && expectedToFire(schedule)) parts.push(`next ${formatShort(next, options.displayZone)}`);
  if (drift.length) parts.push('drift');
  // A live schedule whose pipeline has no schedule in the code (known only once the workspace was read).
  const notInCode = row.drift?.status === 'no-code' && schedule.state !== 'archived';
  if (notInCode) parts.push(NOT_IN_CODE);
  return {
    id: liveRowId(options.connection, schedule.id),
    scheduleId: schedule.id,
    connection: options.connection,
    label: schedule.name,
    description: parts.join(' · '),
    icon: liveIcon(schedule.state, health, recordOnlyPaused(schedule)),
    contextValue: liveContextValue(schedule, options.capabilities) + (drift.length ? ' drift' : '') + (notInCode ? ' notInCode' : ''),
    tooltip: liveTooltip(row, options),
    schedule,
    health,
    live: row,
    drift,
    nextRuns: row.nextRuns,
    dialect: row.dialect,
  };
}

const NO_PIPELINE = '(no pipeline)';

/** The connection's schedules by pipeline; archived ones only when asked. */
export function buildLiveGroups(rows: readonly LiveRow[], options: LiveRowOptions): LiveGroupModel[] {
  const groups = new Map<string, LiveGroupModel>();
  const base = connectionNodeId(options.connection);
  for (const live of rows) {
    const { schedule } = live;
    if (schedule.state === 'archived' && !options.includeArchived) continue;
    const key = schedule.pipeline ?? '';
    let group = groups.get(key);
    if (!group) {
      group = {
        id: `${base}/pipeline:${encodeURIComponent(key)}`,
        label: schedule.pipeline ?? NO_PIPELINE,
        kind: schedule.pipeline ? 'pipeline' : 'none',
        rows: [],
      };
      groups.set(key, group);
    }
    group.rows.push(liveRow(live, options));
  }
  const soonest = (rows: readonly LiveRowModel[]) =>
    rows.reduce((best, r) => (expectedToFire(r.schedule) && r.nextRuns.length ? Math.min(best, r.nextRuns[0].getTime()) : best), Infinity);
  const byName = (a: { label: string; id: string }, b: { label: string; id: string }) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
  const sorted = [...groups.values()];
  for (const g of sorted) {
    g.rows.sort((a, b) => {
      if (options.order === 'nextRun') {
        const d = soonest([a]) - soonest([b]);
        if (d !== 0 && !Number.isNaN(d)) return d;
      }
      return byName(a, b);
    });
  }
  sorted.sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'none' ? 1 : -1;
    if (options.order === 'nextRun') {
      const d = soonest(a.rows) - soonest(b.rows);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return byName(a, b);
  });
  return sorted;
}

/** A run row under a schedule: "failed · Tue 2 Dec, 03:00". */
export function runRowText(run: LiveRun, displayZone: string): { label: string; description: string; icon: IconView } {
  const status = run.status.toLowerCase();
  const icon: IconView =
    status === 'failed'
      ? { id: 'error', color: 'list.errorForeground' }
      : status === 'completed'
        ? { id: 'pass', color: 'testing.iconPassed' }
        : status === 'running' || status === 'initializing' || status === 'provisioning'
          ? { id: 'sync' }
          : status === 'stopped' || status === 'stopping' || status === 'cancelled'
            ? { id: 'circle-slash' }
            : { id: 'circle-outline' };
  return { label: run.name ?? run.id, description: `${status} · ${formatShort(run.created, displayZone)}`, icon };
}

/** What the editor says after a change: what changed where, and what did not and why. */
export function changeSummary(report: { changed: { where: string; what: string }[]; unchanged: { where: string; why: string }[] }): {
  level: 'info' | 'warning' | 'error';
  text: string;
} {
  const changed = report.changed.map((c) => `${c.where}: ${c.what}`);
  const unchanged = report.unchanged.map((u) => `${u.where}: not changed (${u.why})`);
  if (!changed.length && !unchanged.length) return { level: 'warning', text: 'Nothing was changed.' };
  const text = [...changed, ...unchanged].join('; ') + '.';
  if (!changed.length) return { level: 'error', text };
  return { level: unchanged.length ? 'warning' : 'info', text };
}

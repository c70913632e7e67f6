// The live side of the schedule model, shared by the view and the CLI: one group per
// connection, each row with plain words, next runs in the orchestrator's dialect, health
// (from the runs) and drift (against the code), all computed on refresh, not deferred.
// Talks only to the adapter interface; a failing source becomes an error group while the
// others keep working. No vscode.

import { describeInterval, dialectOf, explainCron, isoUtc, nextIntervalRuns } from '../cron';
import type { Dialect } from '../cron';
import type { AdapterError } from '../adapters/errors';
import { adapterError } from '../adapters/errors';
import type { CallOptions, LiveRun, LiveSchedule, ScheduleAdapter } from '../adapters/types';
import { computeDrift, type CodeSchedule, type LiveDrift } from './drift';
import { computeHealth, type HealthReport } from './health';
import { expectedToFire, stateWords } from './liveState';

export interface LiveRow {
  /** `${source}/${schedule.id}`: stable across refreshes (keeps expansion and selection). */
  key: string;
  source: string;
  schedule: LiveSchedule;
  dialect: Dialect;
  description: string;
  nextRuns: Date[];
  health: HealthReport;
  /** The newest runs (newest first), for expanding a row. */
  runs: LiveRun[];
  drift: LiveDrift | null;
}

export interface LiveGroup {
  source: string;
  type: string;
  rows: LiveRow[];
  /** Set when the source could not be read; rows is then empty. */
  error: AdapterError | null;
  /**
   * The pipelines the source knows, scheduled or not (`ScheduleAdapter.pipelineNames`), when asked for with
   * `knownPipelines` and the source can say; otherwise undefined (then nothing is marked "not on" it).
   */
  pipelines?: string[];
}

export interface RefreshOptions extends CallOptions {
  now: Date;
  nextRunCount?: number;
  includeArchived?: boolean;
  /** The code's schedules, for drift; omit to skip drift. */
  code?: readonly CodeSchedule[];
  /** Runs per row kept for expanding (default 5). */
  runsPerRow?: number;
  /** The bulk run read's size (default 2000). */
  recentRunLimit?: number;
  /** Also read the names of the pipelines the source knows (one more request where the source has them). */
  knownPipelines?: boolean;
}

/** Plain words and next runs for a live schedule, in its orchestrator's dialect and zone. */
export function describeLive(s: LiveSchedule, now: Date, count: number): { dialect: Dialect; description: string; nextRuns: Date[] } {
  const dialect = dialectOf(s.orchestrator);
  // A record-only pause (ZenML's record inactive on Airflow, …) may still fire: its next runs are shown.
  const stillFires = expectedToFire(s);
  if (s.kind === 'cron' && s.expression) {
    // Airflow's timetable reads the DAG's start_date, end_date and catchup itself.
    const window = dialect === 'airflow' ? { start: s.startTime, end: s.endTime, catchup: s.catchup === true } : undefined;
    const e = explainCron(s.expression, { dialect, timeZone: s.timeZone ?? 'UTC', from: now, count, window, notes: false });
    const runs = stillFires ? e.nextRuns.filter((d) => !s.endTime || d <= s.endTime) : [];
    return { dialect, description: e.valid ? e.description : `invalid: ${e.error?.message ?? 'not a cron expression'}`, nextRuns: runs };
  }
  if (s.kind === 'interval' && s.intervalSeconds) {
    const start = s.startTime ?? s.created;
    const description = describeInterval(s.intervalSeconds) + (s.startTime ? `, from ${isoUtc(s.startTime)}` : '');
    const runs = stillFires && start ? nextIntervalRuns(start, s.intervalSeconds, now, count, s.endTime ?? undefined) : [];
    return { dialect, description, nextRuns: runs };
  }
  if (s.kind === 'once' && s.runOnceTime) {
    return { dialect, description: `once, at ${isoUtc(s.runOnceTime)}`, nextRuns: stillFires && s.runOnceTime > now ? [s.runOnceTime] : [] };
  }
  return { dialect, description: 'no trigger', nextRuns: [] };
}

/** Rows from already-read schedules and runs (pure: the benchmark and unit tests call it directly). */
export function buildLiveRows(
  source: string,
  schedules: readonly LiveSchedule[],
  runsBySchedule: ReadonlyMap<string, LiveRun[]> | null,
  options: { now: Date; nextRunCount?: number; code?: readonly CodeSchedule[]; runsPerRow?: number },
): LiveRow[] {
  const drift = options.code ? computeDrift(options.code, schedules) : null;
  return schedules.map((schedule) => {
    const { dialect, description, nextRuns } = describeLive(schedule, options.now, options.nextRunCount ?? 5);
    const runs = runsBySchedule?.get(schedule.id) ?? [];
    return {
      key: `${source}/${schedule.id}`,
      source,
      schedule,
      dialect,
      description,
      nextRuns,
      health: computeHealth(schedule, runs, options.now, { runsKnown: runsBySchedule !== null }),
      runs: runs.slice(0, options.runsPerRow ?? 5),
      drift: drift?.live.get(schedule.id) ?? null,
    };
  });
}

/**
 * The rows again with drift against new code (the workspace changed after the load): the same row objects
 * when nothing changed, so that the caller can tell whether to redraw. Undefined code: no drift known.
 */
export function withDrift(rows: readonly LiveRow[], code: readonly CodeSchedule[] | undefined): { rows: LiveRow[]; changed: boolean } {
  const drift = code ? computeDrift(code, rows.map((r) => r.schedule)) : null;
  let changed = false;
  const out = rows.map((row) => {
    const next = drift?.live.get(row.schedule.id) ?? null;
    if (sameDrift(row.drift, next)) return row;
    changed = true;
    return { ...row, drift: next };
  });
  return { rows: out, changed };
}

function sameDrift(a: LiveDrift | null, b: LiveDrift | null): boolean {
  if (a === null || b === null) return a === b;
  return a.status === b.status && a.code?.location === b.code?.location && JSON.stringify(a.differences) === JSON.stringify(b.differences);
}

/** Every schedule of the source (all pages). */
/** Pages read at the most per refresh (at 100 a page, 100,000 schedules). */
const MAX_PAGES = 1000;

export async function listEverySchedule(adapter: ScheduleAdapter, options: CallOptions & { includeArchived?: boolean; pageSize?: number }): Promise<{ ok: true; value: LiveSchedule[] } | { ok: false; error: AdapterError }> {
  const all: LiveSchedule[] = [];
  let page: string | undefined;
  const seen = new Set<string>();
  // An empty page with a next token is followed (an adapter that keeps only ZenML-made objects may filter
  // a whole page away); a token seen before, or MAX_PAGES, ends the walk.
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const res = await adapter.list({ signal: options.signal, timeoutMs: options.timeoutMs, page, pageSize: options.pageSize, includeAll: options.includeArchived });
    if (!res.ok) return res;
    all.push(...res.value.items);
    if (!res.value.next || seen.has(res.value.next)) break;
    seen.add(res.value.next);
    page = res.value.next;
  }
  return { ok: true, value: all };
}

/** Runs grouped by schedule, newest first: one bulk read, then one read per schedule whose runs fell outside it. */
async function runsFor(adapter: ScheduleAdapter, schedules: readonly LiveSchedule[], options: RefreshOptions): Promise<Map<string, LiveRun[]> | null> {
  const by = new Map<string, LiveRun[]>();
  if (adapter.recentRuns) {
    const bulk = await adapter.recentRuns({ signal: options.signal, timeoutMs: options.timeoutMs, limit: options.recentRunLimit ?? 2000 });
    if (!bulk.ok) return null;
    for (const r of bulk.value.runs) {
      if (!r.scheduleId) continue;
      const list = by.get(r.scheduleId) ?? [];
      list.push(r);
      by.set(r.scheduleId, list);
    }
    if (!bulk.value.truncated) return by;
  }
  if (!adapter.runs) return adapter.recentRuns ? by : null;
  // Older runs exist beyond the bulk read: ask the schedules that have none in it, a few at a time.
  const missing = schedules.filter((s) => !by.has(s.id) && s.state !== 'archived');
  let failed = false;
  let next = 0;
  const worker = async () => {
    while (next < missing.length && !failed) {
      const s = missing[next++];
      const res = await adapter.runs!(s.id, { signal: options.signal, timeoutMs: options.timeoutMs, limit: options.runsPerRow ?? 5 });
      if (res.ok) by.set(s.id, res.value);
      else failed = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, missing.length) }, worker));
  return failed ? null : by;
}

/** Refresh one source: list every schedule, read runs, build rows. Never throws. */
export async function refreshSource(adapter: ScheduleAdapter, options: RefreshOptions): Promise<LiveGroup> {
  try {
    const listed = await listEverySchedule(adapter, { signal: options.signal, timeoutMs: options.timeoutMs, includeArchived: options.includeArchived });
    if (!listed.ok) return { source: adapter.name, type: adapter.type, rows: [], error: listed.error };
    // The pipeline names are optional: a failure to read them only means nothing is marked "not on" this source.
    const [runs, pipelines] = await Promise.all([
      runsFor(adapter, listed.value, options),
      options.knownPipelines && adapter.pipelineNames
        ? adapter.pipelineNames({ signal: options.signal, timeoutMs: options.timeoutMs }).then((r) => (r.ok ? r.value : undefined))
        : Promise.resolve(undefined),
    ]);
    const group: LiveGroup = { source: adapter.name, type: adapter.type, rows: buildLiveRows(adapter.name, listed.value, runs, options), error: null };
    if (pipelines) group.pipelines = pipelines;
    return group;
  } catch (error) {
    // An adapter must not throw; if one does, its group shows the error and the others keep working.
    return { source: adapter.name, type: adapter.type, rows: [], error: adapterError('server-error', `Reading ${adapter.name} failed: ${error instanceof Error ? error.message : String(error)}`, { source: adapter.name }) };
  }
}

/** Refresh every source at once; each group succeeds or fails on its own. */
export function refreshAll(adapters: readonly ScheduleAdapter[], options: RefreshOptions): Promise<LiveGroup[]> {
  return Promise.all(adapters.map((a) => refreshSource(a, options)));
}

/** What a tree row shows: label, one-line description (state · health · next run) and a tooltip. Pure. */
export interface LiveRowView {
  key: string;
  label: string;
  description: string;
  tooltip: string;
  /** `live schedule <state> <health> pausable|resumable drift` tokens for menus. */
  contextValue: string;
}

export function presentLiveRow(row: LiveRow): LiveRowView {
  const s = row.schedule;
  const next = row.nextRuns[0] ? isoUtc(row.nextRuns[0]) : 'no next run';
  const trigger = s.expression ?? (s.intervalSeconds ? `every ${s.intervalSeconds}s` : s.runOnceTime ? `once ${isoUtc(s.runOnceTime)}` : '-');
  const lines = [
    `${s.name} — ${row.description}`,
    `${trigger} (${row.dialect} dialect${s.timeZone ? `, ${s.timeZone}` : ', UTC'})`,
    `state: ${stateWords(s)} · health: ${row.health.health}${row.health.reason ? ` (${row.health.reason})` : ''}`,
    `next runs: ${row.nextRuns.length ? row.nextRuns.map(isoUtc).join(', ') : 'none'}`,
    `orchestrator: ${s.orchestrator ?? 'unknown'}${s.pipeline ? ` · pipeline: ${s.pipeline}` : ''}`,
    ...Object.entries(s.details).map(([k, v]) => `${k}: ${v}`),
  ];
  if (row.health.lastRun) lines.push(`last run: ${row.health.lastRun.status} at ${isoUtc(row.health.lastRun.created)}`);
  if (row.drift?.differences.length) lines.push(...row.drift.differences.map((d) => `drift ${d.field} — code: \`${d.code}\`, server: \`${d.server}\``));
  if (s.changes?.reason) lines.push(s.changes.reason);
  lines.push(...s.warnings);
  const ops = s.changes?.operations ?? [];
  const tokens = ['live', 'schedule', s.state, row.health.health];
  if (ops.includes('pause') && s.state === 'active') tokens.push('pausable');
  if (ops.includes('resume') && s.state === 'paused') tokens.push('resumable');
  if (ops.includes('update')) tokens.push('updatable');
  if (ops.includes('delete')) tokens.push('deletable');
  if (row.drift?.status === 'drift') tokens.push('drift');
  return { key: row.key, label: s.name, description: `${stateWords(s)} · ${row.health.health} · ${next}`, tooltip: lines.join('\n'), contextValue: tokens.join(' ') };
}

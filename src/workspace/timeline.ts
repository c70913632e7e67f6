// The schedule timeline: every run of every schedule in a window, collisions and
// overlaps between them, and the picture's layout (lanes, x positions, axis ticks,
// DST changes, "now"). Pure: the webview, `zenml-schedules agenda` and the tests
// share it. Time scales come from d3-scale / d3-time; runs from the cron engine.

import { scaleUtc } from 'd3-scale';
import { dialectOf, explainCron, formatInZone, isoUtc, nextIntervalRuns } from '../cron';
import { zoneRules } from '../cron/zone';
import type { LiveRun, LiveSchedule } from '../adapters/types';
import type { DiscoveredSchedule } from '../discovery/types';
import type { LiveRow } from './liveModel';
import { RECORD_INACTIVE, expectedToFire, recordOnlyPaused } from './liveState';
import { summarizeSchedule, type SummaryOptions } from './summary';

/** One schedule on the timeline, from any source (the workspace's code, a live connection). */
export interface TimelineSchedule {
  /** Stable id (the tree row's id). */
  id: string;
  /** The pipeline, or null when the schedule is not attached to one. */
  pipeline: string | null;
  /** What the lane is called: the schedule's name, variable, or file:line. */
  label: string;
  /** `workspace` or a connection's name. */
  source: string;
  /** The orchestrator flavor that will fire it, or null when unknown. */
  orchestrator: string | null;
  /** Plain words ("At 03:00"). */
  description: string;
  /** All runs inside the window, in order. */
  runs: Date[];
  /** True when `runs` was cut at the per-lane limit. */
  truncated: boolean;
  file?: string;
  /** 1-based. */
  line?: number;
  /** For overlaps: the schedule's interval (seconds between runs), when it is regular. */
  intervalSeconds?: number | null;
  /** For overlaps: how long its recent runs took (live health data). */
  typicalDurationSeconds?: number | null;
  /** Health, window and drift marks to draw on the lane and explain beside the picture. */
  flags?: TimelineFlag[];
}

export type TimelineFlagKind = 'failing' | 'silent' | 'ended' | 'paused' | 'record-inactive' | 'drift';

/** Something to mark on a lane, with plain words for the side list. */
export interface TimelineFlag {
  kind: TimelineFlagKind;
  text: string;
  /** Drift: the code schedule's "file:line", so that the code's lane is marked too. */
  codeLocation?: string;
}

export interface TimelineRun {
  at: Date;
  scheduleId: string;
  pipeline: string | null;
  schedule: string;
  source: string;
  orchestrator: string | null;
  file?: string;
  line?: number;
}

export interface Collision {
  at: Date;
  /** Orchestrator flavor (workspace schedules) or connection name (live ones) they share. */
  target: string;
  runs: TimelineRun[];
}

export interface Overlap {
  scheduleId: string;
  pipeline: string | null;
  schedule: string;
  source: string;
  intervalSeconds: number;
  typicalDurationSeconds: number;
}

export interface Agenda {
  from: Date;
  to: Date;
  runs: TimelineRun[];
  collisions: Collision[];
  overlaps: Overlap[];
}

/** How many runs one lane keeps (a minutely cron over 30 days would be 43,200 marks). */
export const MAX_RUNS_PER_LANE = 1500;

/**
 * Every run in (from, to], asking `next` for batches of runs strictly after an instant, as the
 * summaries and the cron engine do (batches of at most 1,000). Stops at `limit`.
 */
export function runsInWindow(next: (after: Date, count: number) => Date[], from: Date, to: Date, limit = MAX_RUNS_PER_LANE): { runs: Date[]; truncated: boolean } {
  const runs: Date[] = [];
  let cursor = from;
  for (;;) {
    const batch = next(cursor, 1000);
    for (const run of batch) {
      if (run.getTime() > to.getTime()) return { runs, truncated: false };
      if (run.getTime() <= cursor.getTime()) continue; // a source that repeats its cursor cannot loop forever
      if (runs.length >= limit) return { runs, truncated: true };
      runs.push(run);
    }
    if (batch.length < 1000 || runs.length === 0 || runs[runs.length - 1].getTime() <= cursor.getTime()) return { runs, truncated: false };
    cursor = runs[runs.length - 1];
  }
}

/**
 * A schedule found in code, on the timeline: its runs in (from, to] from the same summary the
 * hover, the view and `list` use (so windows and dialects agree). Null for a Schedule without a
 * trigger ZenML accepts.
 */
export function timelineScheduleOf(
  schedule: DiscoveredSchedule,
  context: { id: string; source: string; orchestrator: string | null; file?: string; summary: Omit<SummaryOptions, 'now' | 'count'>; from: Date; to: Date },
): TimelineSchedule | null {
  const first = summarizeSchedule(schedule, { ...context.summary, now: context.from, count: 1 });
  if (first.kind === null) return null;
  const { runs, truncated } = runsInWindow((after, count) => summarizeSchedule(schedule, { ...context.summary, now: after, count }).nextRuns, context.from, context.to);
  const line = schedule.nameRange.start.line + 1;
  const label = first.name ?? schedule.variable ?? (context.file ? `${context.file}:${line}` : `line ${line}`);
  return {
    id: context.id,
    pipeline: schedule.pipeline,
    label,
    source: context.source,
    orchestrator: context.orchestrator,
    description: first.description,
    runs,
    truncated,
    file: context.file,
    line,
    intervalSeconds: first.kind === 'interval' ? first.intervalSeconds : null,
  };
}

/** Runs that finished (their duration is known): completed or failed with an end time. */
function durationSeconds(run: LiveRun): number | null {
  if (!run.ended) return null;
  const seconds = (run.ended.getTime() - run.created.getTime()) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** How many recent finished runs the typical duration is taken from. */
export const DURATION_SAMPLE = 5;

/**
 * How long a schedule's recent runs took: the median over its newest finished runs that carry an
 * end time (at most DURATION_SAMPLE), rounded to seconds; null when no run says.
 */
export function typicalDuration(runs: readonly LiveRun[]): number | null {
  const newest = [...runs].sort((a, b) => b.created.getTime() - a.created.getTime());
  const durations = newest
    .map(durationSeconds)
    .filter((d): d is number => d !== null)
    .slice(0, DURATION_SAMPLE)
    .sort((a, b) => a - b);
  if (!durations.length) return null;
  const mid = durations.length >> 1;
  const median = durations.length % 2 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2;
  return Math.round(median);
}

/** The shortest gap between consecutive runs (seconds): how soon the next run starts after one. */
function shortestGap(runs: readonly Date[]): number | null {
  let best: number | null = null;
  for (let i = 1; i < runs.length; i++) {
    const gap = (runs[i].getTime() - runs[i - 1].getTime()) / 1000;
    if (gap > 0 && (best === null || gap < best)) best = gap;
  }
  return best;
}

/** Every run of a live schedule in (from, to], in its orchestrator's dialect and zone; none unless active. */
export function liveRunsInWindow(s: LiveSchedule, from: Date, to: Date, limit = MAX_RUNS_PER_LANE): { runs: Date[]; truncated: boolean } {
  if (!expectedToFire(s)) return { runs: [], truncated: false };
  const end = s.endTime;
  if (s.kind === 'cron' && s.expression) {
    const dialect = dialectOf(s.orchestrator);
    const expression = s.expression;
    // Airflow's timetable reads the DAG's start_date, end_date and catchup itself (as describeLive does).
    const window = dialect === 'airflow' ? { start: s.startTime, end: s.endTime, catchup: s.catchup === true } : undefined;
    const next = (after: Date, count: number) => explainCron(expression, { dialect, timeZone: s.timeZone ?? 'UTC', from: after, count, window }).nextRuns;
    return runsInWindow(next, from, end && end < to ? end : to, limit);
  }
  if (s.kind === 'interval' && s.intervalSeconds && s.intervalSeconds > 0) {
    const start = s.startTime ?? s.created;
    if (!start) return { runs: [], truncated: false };
    const seconds = s.intervalSeconds;
    return runsInWindow((after, count) => nextIntervalRuns(start, seconds, after, count, end ?? undefined), from, to, limit);
  }
  if (s.kind === 'once' && s.runOnceTime && s.runOnceTime > from && s.runOnceTime <= to) return { runs: [s.runOnceTime], truncated: false };
  return { runs: [], truncated: false };
}

/** What to mark on a live schedule's lane: failing or silent (health), ended, paused, drift from the code. */
export function liveFlags(row: LiveRow, now: Date): TimelineFlag[] {
  const s = row.schedule;
  const flags: TimelineFlag[] = [];
  if (row.health.health === 'failing' || row.health.health === 'silent') flags.push({ kind: row.health.health, text: row.health.reason });
  if (s.state === 'completed' || (s.endTime && s.endTime <= now)) {
    flags.push({ kind: 'ended', text: s.endTime ? `its window ended at ${isoUtc(s.endTime)}: it no longer runs` : 'completed: it no longer runs' });
  } else if (recordOnlyPaused(s)) {
    // Never "paused" for a schedule that may still fire: its runs are drawn, with the warning.
    flags.push({ kind: 'record-inactive', text: `${RECORD_INACTIVE}: ${s.mayStillFire}` });
  } else if (s.state === 'paused') {
    flags.push({ kind: 'paused', text: 'paused: no runs until it is resumed' });
  }
  if (row.drift?.status === 'drift' && row.drift.differences.length) {
    const what = row.drift.differences.map((d) => `${d.field} (code: ${d.code}, ${row.source}: ${d.server})`).join('; ');
    flags.push({ kind: 'drift', text: `differs from the code at ${row.drift.code?.location ?? 'an unknown place'}: ${what}`, codeLocation: row.drift.code?.location });
  }
  return flags;
}

/**
 * A live schedule on the timeline: its runs in (from, to] (none unless active), its interval and
 * its recent runs' typical duration (for overlaps), and its marks. `id` is the tree row's id, so that
 * a click on a mark reveals the row. Null for archived schedules.
 */
export function timelineScheduleOfLive(row: LiveRow, context: { id: string; from: Date; to: Date; now: Date }): TimelineSchedule | null {
  const s = row.schedule;
  if (s.state === 'archived') return null;
  const { runs, truncated } = liveRunsInWindow(s, context.from, context.to);
  let interval: number | null = s.kind === 'interval' ? s.intervalSeconds : s.kind === 'cron' ? shortestGap(runs) : null;
  if (interval === null && s.kind === 'cron' && row.health.intervalMs) interval = row.health.intervalMs / 1000;
  return {
    id: context.id,
    pipeline: s.pipeline,
    label: s.name,
    source: row.source,
    orchestrator: s.orchestrator,
    description: row.description,
    runs,
    truncated,
    intervalSeconds: interval,
    typicalDurationSeconds: typicalDuration(row.runs),
    flags: liveFlags(row, context.now),
  };
}

/**
 * Drift marks on the code's lanes too: a workspace lane whose "file:line" is the code location a
 * live schedule drifted from gets a drift mark naming the live schedule. Returns new objects.
 */
export function markDriftOnCode(schedules: readonly TimelineSchedule[]): TimelineSchedule[] {
  const byLocation = new Map<string, string[]>();
  for (const s of schedules) {
    if (s.source === 'workspace') continue;
    for (const f of s.flags ?? []) {
      if (f.kind !== 'drift' || !f.codeLocation) continue;
      const list = byLocation.get(f.codeLocation) ?? [];
      list.push(`${s.label} on ${s.source}`);
      byLocation.set(f.codeLocation, list);
    }
  }
  if (!byLocation.size) return [...schedules];
  return schedules.map((s) => {
    const names = s.source === 'workspace' && s.file && s.line ? byLocation.get(`${s.file}:${s.line}`) : undefined;
    if (!names) return s;
    return { ...s, flags: [...(s.flags ?? []), { kind: 'drift' as const, text: `the live schedule${names.length > 1 ? 's' : ''} ${names.join(', ')} differ${names.length > 1 ? '' : 's'} from this code` }] };
  });
}

/** The target two runs must share to collide: the connection for live schedules, else the orchestrator. */
function targetOf(s: TimelineSchedule): string {
  return s.source === 'workspace' ? `orchestrator:${s.orchestrator ?? 'unknown'}` : `source:${s.source}`;
}

/** Who a run belongs to, for "runs of different pipelines": an unattached schedule counts as its own pipeline. */
function ownerOf(run: TimelineRun): string {
  return run.pipeline ?? `schedule:${run.scheduleId}`;
}

/**
 * The runs in order, the collisions and the overlaps. A collision is two or more runs of
 * different pipelines within `collisionMinutes` of the first of them, on the same target;
 * the next collision starts after that window, so a busy minute is reported once.
 */
export function buildAgenda(schedules: readonly TimelineSchedule[], options: { from: Date; to: Date; collisionMinutes: number }): Agenda {
  const runs: TimelineRun[] = [];
  const byTarget = new Map<string, TimelineRun[]>();
  for (const s of schedules) {
    for (const at of s.runs) {
      if (at.getTime() <= options.from.getTime() || at.getTime() > options.to.getTime()) continue;
      const run: TimelineRun = { at, scheduleId: s.id, pipeline: s.pipeline, schedule: s.label, source: s.source, orchestrator: s.orchestrator, file: s.file, line: s.line };
      runs.push(run);
      const target = targetOf(s);
      const list = byTarget.get(target) ?? [];
      list.push(run);
      byTarget.set(target, list);
    }
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const order = (a: TimelineRun, b: TimelineRun) => a.at.getTime() - b.at.getTime() || cmp(a.schedule, b.schedule) || cmp(a.scheduleId, b.scheduleId);
  runs.sort(order);
  const windowMs = Math.max(0, options.collisionMinutes) * 60_000;
  const collisions: Collision[] = [];
  for (const [target, list] of byTarget) {
    list.sort(order);
    for (let i = 0; i < list.length; ) {
      const start = list[i].at.getTime();
      let j = i;
      while (j < list.length && list[j].at.getTime() - start <= windowMs) j++;
      const group = list.slice(i, j);
      if (new Set(group.map(ownerOf)).size >= 2) {
        collisions.push({ at: list[i].at, target: target.replace(/^(orchestrator|source):/, ''), runs: group });
      }
      i = j;
    }
  }
  collisions.sort((a, b) => a.at.getTime() - b.at.getTime() || a.target.localeCompare(b.target));
  const overlaps: Overlap[] = schedules.flatMap((s) =>
    s.intervalSeconds && s.typicalDurationSeconds && s.typicalDurationSeconds > s.intervalSeconds
      ? [{ scheduleId: s.id, pipeline: s.pipeline, schedule: s.label, source: s.source, intervalSeconds: s.intervalSeconds, typicalDurationSeconds: s.typicalDurationSeconds }]
      : [],
  );
  return { from: options.from, to: options.to, runs, collisions, overlaps };
}

export interface LaneLayout {
  schedule: TimelineSchedule;
  /** Lane index from the top, counting group headings as lanes. */
  index: number;
  /** x of each run, in the same order as schedule.runs. */
  marks: { x: number; at: Date; colliding: boolean }[];
  /** Its recent runs took longer than its interval: runs pile up. */
  overlap: boolean;
  /** Width of its typical run on the axis (pixels), when known: drawn as a bar after each mark. */
  durationWidth: number | null;
  /** What is marked on the lane (health, window, drift). */
  flags: TimelineFlag[];
}

export interface LaneGroup {
  /** "Workspace · kubernetes", "prod-server · airflow". */
  label: string;
  source: string;
  orchestrator: string | null;
  /** Lane index of the heading. */
  index: number;
  lanes: LaneLayout[];
}

export interface Tick {
  x: number;
  at: Date;
  /** In the display zone. */
  label: string;
  /** A tick at midnight in the display zone (drawn stronger, labelled with the date). */
  major: boolean;
}

export interface TimelineLayout {
  width: number;
  groups: LaneGroup[];
  laneCount: number;
  ticks: Tick[];
  /** x of now, or null when now is outside the window. */
  now: { x: number; at: Date } | null;
  /** Offset changes of the display zone inside the window. */
  dstChanges: { x: number; at: Date; label: string }[];
  agenda: Agenda;
}

export interface LayoutOptions {
  from: Date;
  to: Date;
  now: Date;
  /** Drawing width of the time axis, in pixels. */
  width: number;
  displayZone: string;
  collisionMinutes: number;
}

function sourceLabel(source: string): string {
  return source === 'workspace' ? 'Workspace' : source;
}

/** The display zone's offset changes in (from, to]. */
export function offsetChanges(zone: string, from: Date, to: Date): { at: Date; before: number; after: number }[] {
  const rules = zoneRules(zone);
  const out: { at: Date; before: number; after: number }[] = [];
  let t = Math.floor(from.getTime() / 1000);
  const end = Math.floor(to.getTime() / 1000);
  for (let guard = 0; guard < 100; guard++) {
    const next = rules.nextTransition(t, 2);
    if (!next || next.at > end) break;
    out.push({ at: new Date(next.at * 1000), before: next.before, after: next.after });
    t = next.at;
  }
  return out;
}

function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return `UTC${sign}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Wall-clock hour and minute of an instant in a zone. */
function wallTime(at: Date, zone: string): { hour: number; minute: number } {
  const offset = zoneRules(zone).offsetAt(Math.floor(at.getTime() / 1000));
  const local = Math.floor(at.getTime() / 1000) + offset;
  const secondsOfDay = ((local % 86400) + 86400) % 86400;
  return { hour: Math.floor(secondsOfDay / 3600), minute: Math.floor((secondsOfDay % 3600) / 60) };
}

/**
 * Lanes grouped by source then orchestrator (Workspace first), one per schedule, marks placed by
 * a d3 UTC scale; ticks from the scale, labelled in the display zone; midnights in the display
 * zone are major ticks. Collisions are computed here too so that marks can show them.
 */
export function layoutTimeline(schedules: readonly TimelineSchedule[], options: LayoutOptions): TimelineLayout {
  const scale = scaleUtc().domain([options.from, options.to]).range([0, options.width]);
  const agenda = buildAgenda(schedules, options);
  const colliding = new Set<string>();
  for (const c of agenda.collisions) for (const r of c.runs) colliding.add(`${r.scheduleId}@${r.at.getTime()}`);
  const overlapping = new Set(agenda.overlaps.map((o) => o.scheduleId));
  const pixelsPerSecond = options.width / Math.max(1, (options.to.getTime() - options.from.getTime()) / 1000);

  const grouped = new Map<string, TimelineSchedule[]>();
  for (const s of schedules) {
    const key = `${s.source === 'workspace' ? '0' : '1'}\u0000${s.source}\u0000${s.orchestrator ?? ''}`;
    const list = grouped.get(key);
    if (list) list.push(s);
    else grouped.set(key, [s]);
  }
  const groups: LaneGroup[] = [];
  let index = 0;
  for (const key of [...grouped.keys()].sort()) {
    const members = grouped.get(key)!.slice().sort((a, b) => (a.pipeline ?? '\uffff').localeCompare(b.pipeline ?? '\uffff') || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    const first = members[0];
    const group: LaneGroup = {
      label: `${sourceLabel(first.source)} · ${first.orchestrator ?? 'orchestrator unknown'}`,
      source: first.source,
      orchestrator: first.orchestrator,
      index: index++,
      lanes: [],
    };
    for (const schedule of members) {
      const marks = schedule.runs
        .filter((at) => at.getTime() > options.from.getTime() && at.getTime() <= options.to.getTime())
        .map((at) => ({ x: scale(at), at, colliding: colliding.has(`${schedule.id}@${at.getTime()}`) }));
      const duration = schedule.typicalDurationSeconds;
      group.lanes.push({
        schedule,
        index: index++,
        marks,
        overlap: overlapping.has(schedule.id),
        durationWidth: duration && duration > 0 ? Math.min(options.width, duration * pixelsPerSecond) : null,
        flags: schedule.flags ?? [],
      });
    }
    groups.push(group);
  }

  const hours = (options.to.getTime() - options.from.getTime()) / 3_600_000;
  const tickCount = Math.max(2, Math.min(24, Math.round(options.width / 90)));
  const ticks: Tick[] = scale.ticks(tickCount).map((at) => {
    const { hour, minute } = wallTime(at, options.displayZone);
    const major = hour === 0 && minute === 0;
    // formatInZone: "Wed 2 Dec 2026, 15:05 CET" → the date "Wed 2 Dec" at midnight (or on long windows), else "15:05".
    const [datePart, timePart] = formatInZone(at, options.displayZone).split(', ');
    const dateLabel = datePart.split(' ').slice(0, 3).join(' ');
    const label = major || hours > 72 ? dateLabel : (timePart ?? '').split(' ')[0];
    return { x: scale(at), at, label, major };
  });
  const nowInside = options.now.getTime() >= options.from.getTime() && options.now.getTime() <= options.to.getTime();
  const dstChanges = offsetChanges(options.displayZone, options.from, options.to).map((c) => ({
    x: scale(c.at),
    at: c.at,
    label: `${options.displayZone}: ${offsetText(c.before)} → ${offsetText(c.after)} at ${isoUtc(c.at)}`,
  }));
  return { width: options.width, groups, laneCount: index, ticks, now: nowInside ? { x: scale(options.now), at: options.now } : null, dstChanges, agenda };
}

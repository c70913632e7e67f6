// Groups and sorts the workspace's schedules for the sidebar. Pure.

import type { OrchestratorContext } from '../common/flavors';
import type { Severity } from '../common/codes';
import { summarizeSchedule, summaryOptionsFor, type ScheduleSummary } from './summary';
import type { IndexedSchedule } from './scheduleIndex';

export type SortOrder = 'nextRun' | 'name';

export interface ScheduleRow {
  id: string;
  label: string;
  item: IndexedSchedule;
  summary: ScheduleSummary;
  /** The worst severity among its findings, if any. */
  worst: Severity | null;
}

export interface ScheduleGroup {
  id: string;
  label: string;
  /** 'pipeline' when grouped by a known pipeline; 'file' for a file's schedules attached to no pipeline. */
  kind: 'pipeline' | 'file';
  rows: ScheduleRow[];
}

const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function worstOf(item: IndexedSchedule): Severity | null {
  let worst: Severity | null = null;
  for (const f of item.findings) if (!worst || rank[f.severity] > rank[worst]) worst = f.severity;
  return worst;
}

function rowLabel(item: IndexedSchedule, summary: ScheduleSummary): string {
  if (item.schedule.github) return `GitHub Actions schedule (line ${item.schedule.range.start.line + 1})`;
  return summary.name ?? item.schedule.variable ?? item.schedule.pipeline ?? `Schedule (line ${item.schedule.range.start.line + 1})`;
}

function soonest(rows: readonly ScheduleRow[]): number {
  let best = Infinity;
  for (const r of rows) if (r.summary.nextRuns.length) best = Math.min(best, r.summary.nextRuns[0].getTime());
  return best;
}

function compareRows(order: SortOrder) {
  return (a: ScheduleRow, b: ScheduleRow): number => {
    if (order === 'nextRun') {
      const d = soonest([a]) - soonest([b]);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
  };
}

/**
 * The groups of the Workspace source in one stable hierarchy: first the pipelines (sorted by the
 * chosen order), then the files whose schedules are attached to no pipeline (by path). The
 * orchestrator of each schedule is its file's (the one its findings were computed for) unless
 * `orchestrator` says otherwise.
 */
export function buildGroups(
  items: readonly IndexedSchedule[],
  orchestrator: ((item: IndexedSchedule) => OrchestratorContext | null) | undefined,
  options: { now: Date; count: number; order: SortOrder },
): ScheduleGroup[] {
  const orchestratorOf = orchestrator ?? ((item: IndexedSchedule) => item.file.orchestrator ?? null);
  const groups = new Map<string, ScheduleGroup>();
  for (const item of items) {
    const summary = summarizeSchedule(item.schedule, summaryOptionsFor(orchestratorOf(item), options.now, options.count));
    const pipeline = item.schedule.pipeline;
    const groupId = pipeline ? `pipeline:${pipeline}` : `file:${item.file.label}`;
    let group = groups.get(groupId);
    if (!group) {
      group = { id: groupId, label: pipeline ?? item.file.label, kind: pipeline ? 'pipeline' : 'file', rows: [] };
      groups.set(groupId, group);
    }
    const start = item.schedule.range.start;
    group.rows.push({
      id: `${item.file.key}#${start.line}:${start.character}`,
      label: rowLabel(item, summary),
      item,
      summary,
      worst: worstOf(item),
    });
  }
  const sorted = [...groups.values()];
  for (const g of sorted) g.rows.sort(compareRows(options.order));
  sorted.sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'pipeline' ? -1 : 1;
    if (a.kind === 'file') return a.label.localeCompare(b.label);
    if (options.order === 'nextRun') {
      const d = soonest(a.rows) - soonest(b.rows);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return a.label.localeCompare(b.label);
  });
  return sorted;
}

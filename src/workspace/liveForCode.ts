// What the live connections say about a schedule in the code, for its hover and its
// Workspace row: for each connected source that has a live schedule for the same
// pipeline, the differences (code and server values side by side) or that it matches;
// and "not on <connection>" when the source knows the pipeline but has no live schedule
// for it. Reads only what the connections have already loaded (a snapshot handed in),
// never the network. Pure: no vscode.

import type { LiveSchedule } from '../adapters/types';
import { describeDifference, differences, type CodeSchedule, type DriftDifference } from './drift';
import type { ScheduleSummary } from './summary';
import type { ScheduleRow } from './treeModel';

/** What one connection has loaded, as the hover and the Workspace rows read it. */
export interface LiveSourceSnapshot {
  connection: string;
  /** Its schedules as last loaded (archived ones only when the connection shows them). */
  schedules: readonly LiveSchedule[];
  /** The pipelines it knows, scheduled or not, when it can say (ZenML: every pipeline on the server). */
  pipelines?: readonly string[];
}

export interface LiveComparison {
  connection: string;
  /** match: one of its live schedules agrees; drift: none does; absent: it knows the pipeline, nothing live. */
  status: 'drift' | 'match' | 'absent';
  /** Its live schedules for the pipeline (empty when absent), each with its differences from the code. */
  schedules: { schedule: LiveSchedule; differences: DriftDifference[] }[];
}

/** The code's schedule in the shape drift compares (from a hover's or a row's summary). */
export function codeScheduleOf(pipeline: string | null | undefined, summary: Pick<ScheduleSummary, 'kind' | 'expression' | 'intervalSeconds'>, location: string): CodeSchedule {
  return { pipeline: pipeline ?? null, kind: summary.kind, expression: summary.expression, intervalSeconds: summary.intervalSeconds, location };
}

/** A Workspace row's schedule in the shape drift compares. */
export function codeScheduleOfRow(row: ScheduleRow): CodeSchedule {
  return codeScheduleOf(row.item.schedule.pipeline, row.summary, `${row.item.file.label}:${row.item.schedule.range.start.line + 1}`);
}

/**
 * Per connection, what it has for the code schedule's pipeline. A connection with nothing for the pipeline
 * and no knowledge of it (another project's server, an orchestrator that lists only its own objects) is left
 * out, so that nothing is marked while nothing is connected or loaded.
 */
export function compareWithLive(code: CodeSchedule, sources: readonly LiveSourceSnapshot[]): LiveComparison[] {
  const pipeline = code.pipeline;
  if (!pipeline) return [];
  const out: LiveComparison[] = [];
  for (const source of sources) {
    const forPipeline = source.schedules.filter((s) => s.pipeline === pipeline);
    const live = forPipeline.filter((s) => s.state !== 'archived');
    if (live.length) {
      const schedules = live.map((schedule) => ({ schedule, differences: differences(code, schedule) }));
      // One that agrees is enough: the others may be the live side of the pipeline's other schedules in the code
      // (their own rows say whether they drift); the hover still lists every one with its differences.
      out.push({ connection: source.connection, status: schedules.some((s) => s.differences.length === 0) ? 'match' : 'drift', schedules });
    } else if (forPipeline.length || source.pipelines?.includes(pipeline)) {
      // Known there (an archived schedule, or the server's pipeline list) but nothing live.
      out.push({ connection: source.connection, status: 'absent', schedules: [] });
    }
  }
  return out;
}

/** The connections that know the pipeline but have no live schedule for it ("not on …" on the Workspace row). */
export function absentConnections(comparisons: readonly LiveComparison[]): string[] {
  return comparisons.filter((c) => c.status === 'absent').map((c) => c.connection);
}

/** The connections whose live schedules for the pipeline differ from the code schedule ("drift" on the row). */
export function driftingConnections(comparisons: readonly LiveComparison[]): string[] {
  return comparisons.filter((c) => c.status === 'drift').map((c) => c.connection);
}

function inline(text: string): string {
  const clipped = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return `\`${clipped.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
}

/**
 * Markdown for the hover (and the Workspace row's tooltip): one line per live schedule of the pipeline on
 * each connection, "cron — code: `0 4 * * *`, server: `0 3 * * *`" or "matches <connection>", and
 * "not on <connection>". Empty when no connection has anything to say about the pipeline.
 */
export function liveComparisonMarkdown(code: CodeSchedule, sources: readonly LiveSourceSnapshot[]): string {
  return comparisonMarkdown(code, compareWithLive(code, sources));
}

/** The same Markdown from comparisons already made (a Workspace row compares once for its words and tooltip). */
export function comparisonMarkdown(code: CodeSchedule, comparisons: readonly LiveComparison[]): string {
  if (!comparisons.length) return '';
  const lines: string[] = [];
  for (const c of comparisons) {
    if (c.status === 'absent') {
      lines.push(`- $(circle-slash) not on ${inline(c.connection)}: it knows pipeline ${inline(code.pipeline ?? '')} but has no live schedule for it`);
      continue;
    }
    for (const { schedule, differences: diffs } of c.schedules) {
      const state = schedule.state === 'active' ? '' : ` (${schedule.state})`;
      if (!diffs.length) {
        lines.push(`- $(check) matches ${inline(c.connection)}: ${inline(schedule.name)}${state}`);
        continue;
      }
      lines.push(`- $(diff) drift on ${inline(c.connection)}: ${inline(schedule.name)}${state}`);
      for (const d of diffs) lines.push(`  - ${describeDifference(d)}`);
    }
  }
  return [`**Live schedules for ${inline(code.pipeline ?? '')}** (as last loaded)`, lines.join('\n')].join('\n\n');
}

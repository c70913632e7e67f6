// Drift between the code and what is live (pure, unit-tested): a schedule in the code and a
// live schedule for the same pipeline whose cron, interval or window differ are marked with
// both values; live schedules whose pipeline has no schedule in the code, and code schedules
// whose pipeline has nothing live, are listed so they are easy to find.

import type { LiveSchedule } from '../adapters/types';

/** A schedule as the code says it (from the workspace index's summaries). */
export interface CodeSchedule {
  pipeline: string | null;
  kind: 'cron' | 'interval' | 'once' | null;
  expression: string | null;
  intervalSeconds: number | null;
  /** Concrete instants; undefined when the code computes them at run time (datetime.now()). */
  startTime?: Date | null;
  endTime?: Date | null;
  /** "src/train.py:12" for the tooltip and the CLI. */
  location: string;
}

export type DriftField = 'kind' | 'cron' | 'interval' | 'start' | 'end';

export interface DriftDifference {
  field: DriftField;
  code: string;
  server: string;
}

export interface LiveDrift {
  /** match: same trigger; drift: differences listed; no-code: the pipeline has no schedule in the code; unknown: no pipeline. */
  status: 'match' | 'drift' | 'no-code' | 'unknown';
  code: CodeSchedule | null;
  differences: DriftDifference[];
}

export interface DriftResult {
  /** Per live schedule id. */
  live: Map<string, LiveDrift>;
  /** Code schedules whose pipeline has no live schedule in these sources. */
  codeOnly: CodeSchedule[];
}

const normalizeCron = (e: string | null) => (e ?? '').trim().replace(/\s+/g, ' ');
const iso = (d: Date | null | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'none');
const seconds = (n: number | null) => (n === null ? 'none' : `${n} s`);

/** The differences between one code schedule and one live schedule (empty when they agree). */
export function differences(code: CodeSchedule, live: LiveSchedule): DriftDifference[] {
  const out: DriftDifference[] = [];
  if (code.kind && live.kind && code.kind !== live.kind) {
    out.push({ field: 'kind', code: code.kind, server: live.kind });
  }
  if (code.kind === 'cron' && live.kind === 'cron' && code.expression !== null && normalizeCron(code.expression) !== normalizeCron(live.expression)) {
    out.push({ field: 'cron', code: normalizeCron(code.expression), server: normalizeCron(live.expression) });
  }
  if (code.kind === 'interval' && live.kind === 'interval' && code.intervalSeconds !== null && code.intervalSeconds !== live.intervalSeconds) {
    out.push({ field: 'interval', code: seconds(code.intervalSeconds), server: seconds(live.intervalSeconds) });
  }
  const sameInstant = (a: Date | null, b: Date | null) => (a === null && b === null) || (a !== null && b !== null && Math.abs(a.getTime() - b.getTime()) < 1000);
  if (code.startTime !== undefined && !sameInstant(code.startTime, live.startTime)) out.push({ field: 'start', code: iso(code.startTime), server: iso(live.startTime) });
  if (code.endTime !== undefined && !sameInstant(code.endTime, live.endTime)) out.push({ field: 'end', code: iso(code.endTime), server: iso(live.endTime) });
  return out;
}

/** "code: `0 3 * * *`, server: `0 4 * * *`" for tooltips, hovers and the CLI. */
export function describeDifference(d: DriftDifference): string {
  return `${d.field} — code: \`${d.code}\`, server: \`${d.server}\``;
}

export function computeDrift(code: readonly CodeSchedule[], live: readonly LiveSchedule[]): DriftResult {
  const byPipeline = new Map<string, CodeSchedule[]>();
  for (const c of code) {
    if (!c.pipeline) continue;
    const list = byPipeline.get(c.pipeline) ?? [];
    list.push(c);
    byPipeline.set(c.pipeline, list);
  }
  const result: DriftResult = { live: new Map(), codeOnly: [] };
  const livePipelines = new Set<string>();
  for (const s of live) {
    if (s.state === 'archived') continue;
    if (!s.pipeline) {
      result.live.set(s.id, { status: 'unknown', code: null, differences: [] });
      continue;
    }
    livePipelines.add(s.pipeline);
    const candidates = byPipeline.get(s.pipeline);
    if (!candidates?.length) {
      result.live.set(s.id, { status: 'no-code', code: null, differences: [] });
      continue;
    }
    // Several schedules in the code for one pipeline: the one that agrees wins, else the first.
    let best = candidates[0];
    let bestDiffs = differences(best, s);
    for (const c of candidates.slice(1)) {
      if (bestDiffs.length === 0) break;
      const d = differences(c, s);
      if (d.length < bestDiffs.length) {
        best = c;
        bestDiffs = d;
      }
    }
    result.live.set(s.id, { status: bestDiffs.length ? 'drift' : 'match', code: best, differences: bestDiffs });
  }
  for (const c of code) if (c.pipeline && !livePipelines.has(c.pipeline)) result.codeOnly.push(c);
  return result;
}

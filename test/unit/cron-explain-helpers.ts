// Shared by cron-explain-exact and cron-explain-notes-exact: one explainCron call from a small options
// table, and its result with the expression and dialect checked and the runs as ISO strings.
import assert from 'node:assert/strict';

import { explainCron, type CronExplanation, type Dialect, type ExplainOptions } from '../../src/cron/index';

export interface Opts {
  timeZone?: string;
  from?: string;
  count?: number;
  notes?: boolean;
  window?: { start?: string; end?: string; catchup?: boolean };
}
export type Expected = Omit<CronExplanation, 'expression' | 'dialect' | 'nextRuns'> & { nextRuns: string[] };

export const FROM = '2026-01-15T10:20:00Z'; // a Thursday

export function options(dialect: Dialect, o: Opts): ExplainOptions {
  const out: ExplainOptions = { dialect, from: new Date(o.from ?? FROM), count: o.count ?? 3 };
  if (o.timeZone !== undefined) out.timeZone = o.timeZone;
  if (o.notes !== undefined) out.notes = o.notes;
  if (o.window) {
    out.window = { start: o.window.start ? new Date(o.window.start) : undefined, end: o.window.end ? new Date(o.window.end) : undefined };
    if (o.window.catchup !== undefined) out.window.catchup = o.window.catchup;
  }
  return out;
}

export function actual(expression: string, dialect: Dialect, o: Opts): Expected {
  const r = explainCron(expression, options(dialect, o));
  assert.equal(r.expression, expression);
  assert.equal(r.dialect, dialect);
  const { expression: _e, dialect: _d, nextRuns, ...rest } = r;
  return { ...rest, nextRuns: nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z')) };
}

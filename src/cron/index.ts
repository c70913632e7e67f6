// The cron engine's public API (no vscode import): explain a cron expression in
// an orchestrator's dialect, describe interval schedules, format times.

import { dialectOfFlavor } from '../common/flavors';
import { DIALECTS, type Dialect } from './types';

export type { CronError, CronExplanation, CronField, CronWarning, Dialect, ExplainOptions, RunWindow } from './types';
export { DIALECTS } from './types';
export { explainCron, MAX_EXPRESSION_LENGTH } from './explain';
export { describeInterval, intervalToCron, nextIntervalRuns } from './interval';
export { formatInZone, isoUtc, isValidTimeZone, machineTimeZone, zoneSpellingHint } from './zone';

/** A dialect name as is, or the dialect of an orchestrator flavor (`standard` for unknown flavors). */
export function dialectOf(flavorOrDialect: string | null | undefined): Dialect {
  const v = (flavorOrDialect ?? '').trim().toLowerCase();
  if ((DIALECTS as readonly string[]).includes(v)) return v as Dialect;
  return dialectOfFlavor(v);
}

/** Kubeflow quick fix: put a seconds field in front (presets stay as they are). */
export function addSecondsField(expression: string): string {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) return expression;
  return `0 ${trimmed}`;
}

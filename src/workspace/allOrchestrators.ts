// "One expression, every orchestrator" (issue 12): what each orchestrator that
// can schedule makes of one cron expression: valid or not, its meaning in that
// orchestrator's dialect, and the next run. `0 0 * * *` is "daily at 00:00" on
// Kubernetes, every hour on Kubeflow (seconds first), and rejected by Databricks
// (Quartz needs `?`). Shared by `explain --all-orchestrators` and the Explain
// Cron command's document. Pure: no vscode.

import { explainCron, isoUtc } from '../cron';
import { dstReport, type DstTransition } from '../cron/dst';
import type { Dialect } from '../cron/types';
import { CAPABILITIES } from '../common/flavors';
import { defaultCronZone } from './summary';

export interface OrchestratorReading {
  orchestrator: string;
  dialect: Dialect;
  valid: boolean;
  description: string;
  /** ISO-8601 UTC, or null when invalid or never firing. */
  nextRun: string | null;
  /** As `explain --json`'s error (contracts.md): what is wrong, the field at fault (or null), the finding code. */
  error: { message: string; field: string | null; code: string } | null;
  /** The zone the expression was read in. */
  timeZone: string;
  /** With the DST report asked for: the next year's clock changes and their effect (extra key). */
  transitions?: DstTransition[];
}

/** The orchestrator flavors that run cron schedules, in the capability table's order. */
export function schedulingOrchestrators(): { flavor: string; displayName: string; dialect: Dialect }[] {
  return CAPABILITIES.filter((c) => c.canSchedule && c.kinds.includes('cron')).map((c) => ({ flavor: c.flavor, displayName: c.displayName, dialect: c.dialect }));
}

export function readOnEveryOrchestrator(expression: string, options: { timeZone?: string; from: Date; dst?: boolean }): OrchestratorReading[] {
  return schedulingOrchestrators().map(({ flavor, dialect }) => {
    const timeZone = options.timeZone ?? defaultCronZone(dialect, true);
    const e = explainCron(expression, { dialect, timeZone, from: options.from, count: 1 });
    const reading: OrchestratorReading = {
      orchestrator: flavor,
      dialect,
      valid: e.valid,
      description: e.valid ? e.description : '',
      nextRun: e.valid && e.nextRuns.length > 0 ? isoUtc(e.nextRuns[0]) : null,
      error: e.error ? { message: e.error.message, field: e.error.field, code: e.error.code } : null,
      timeZone: e.timeZone,
    };
    if (options.dst) reading.transitions = e.valid ? dstReport(expression, dialect, e.timeZone, options.from).transitions : [];
    return reading;
  });
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table of the readings (the Explain Cron document). */
export function readingsTable(readings: readonly OrchestratorReading[]): string {
  const rows = readings.map(
    (r) => `| ${r.orchestrator} | ${r.dialect} | ${r.valid ? 'valid' : 'rejected'} | ${cell(r.valid ? r.description : (r.error?.message ?? ''))} | ${r.nextRun ?? '—'} |`,
  );
  return ['| Orchestrator | Dialect | Valid | Meaning | Next run (UTC) |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

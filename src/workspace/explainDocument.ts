// The parts of the Explain Cron document that are not about one dialect
// (issue 12): "One expression, every orchestrator" and the DST report. Pure.

import { describeDstTransition, dstCaveat, dstReport } from '../cron/dst';
import type { CronExplanation, Dialect } from '../cron/types';
import { dialectOfFlavor, type OrchestratorContext } from '../common/flavors';
import { readingsTable, readOnEveryOrchestrator } from './allOrchestrators';

export function explainDocumentExtras(explanation: CronExplanation, now: Date): string[] {
  const lines = ['', '## One expression, every orchestrator', '', readingsTable(readOnEveryOrchestrator(explanation.expression, { from: now }))];
  if (explanation.valid) {
    const report = dstReport(explanation.expression, explanation.dialect, explanation.timeZone, now);
    if (report.transitions.length > 0) {
      lines.push('', `## DST report (${report.timeZone}, next 12 months, ${explanation.dialect})`, '');
      lines.push(...report.transitions.map((t) => `- ${describeDstTransition(t, report.timeZone)}`));
      const caveat = dstCaveat(explanation.dialect);
      if (caveat) lines.push('', caveat);
    }
  }
  return lines;
}

/**
 * The dialect Explain Cron starts in (the dialect button can change it). From a schedule row or a live schedule:
 * that schedule's own dialect. From the palette: the active schedule file's orchestrator as its hover and
 * diagnostics resolve it (the setting, else the file's one `orchestrator.<flavor>` settings key, else the
 * stack: the analysis' `orchestrator`, see targetOrchestrator); with no schedule file active (`undefined`),
 * the orchestrator of the resource (the setting or the stack).
 */
export function explainStartDialect(
  from: { dialect: Dialect } | undefined,
  fileOrchestrator: OrchestratorContext | null | undefined,
  resourceOrchestrator: OrchestratorContext | null,
): Dialect {
  if (from) return from.dialect;
  return dialectOfFlavor((fileOrchestrator === undefined ? resourceOrchestrator : fileOrchestrator)?.flavor);
}

// The parts of the Explain Cron document that are not about one dialect
// (issue 12): "One expression, every orchestrator" and the DST report. Pure.

import { describeDstTransition, dstReport } from '../cron/dst';
import type { CronExplanation } from '../cron/types';
import { readingsTable, readOnEveryOrchestrator } from './allOrchestrators';

export function explainDocumentExtras(explanation: CronExplanation, now: Date): string[] {
  const lines = ['', '## One expression, every orchestrator', '', readingsTable(readOnEveryOrchestrator(explanation.expression, { from: now }))];
  if (explanation.valid) {
    const report = dstReport(explanation.expression, explanation.dialect, explanation.timeZone, now);
    if (report.transitions.length > 0) {
      lines.push('', `## DST report (${report.timeZone}, next 12 months, ${explanation.dialect})`, '');
      lines.push(...report.transitions.map((t) => `- ${describeDstTransition(t, report.timeZone)}`));
    }
  }
  return lines;
}

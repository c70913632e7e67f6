// Hover on a schedule's cron expression, interval or times: what it means, the
// next runs in the display zone and UTC, and what the orchestrator will do; then, from what the
// live connections have already loaded (never a request from a hover), drift against the live
// schedules of the same pipeline (src/workspace/liveForCode.ts).

import * as vscode from 'vscode';
import type { DiscoveredSchedule, Range } from '../discovery/types';
import { displaySettings, unknownOrchestratorAdvice } from './config';
import { contains, toRange } from './convert';
import type { DocumentAnalyzer } from './documents';
import { toCellRange, toModulePosition } from './notebooks';
import { scheduleMarkdown } from '../workspace/present';
import { summarizeSchedule, summaryOptionsFor } from '../workspace/summary';
import { findingsForSchedule } from '../workspace/scheduleIndex';
import { codeScheduleOf, liveComparisonMarkdown, type LiveSourceSnapshot } from '../workspace/liveForCode';

const HOVER_FIELDS = new Set(['cron_expression', 'interval_second', 'start_time', 'end_time', 'run_once_start_time']);

/** The range under the cursor that the hover is about, or undefined when it is not on a schedule. */
function hoverTarget(schedule: DiscoveredSchedule, position: { line: number; character: number }): Range | undefined {
  if (contains(schedule.nameRange, position)) return schedule.nameRange;
  for (const field of schedule.fields) {
    if (!HOVER_FIELDS.has(field.name)) continue;
    if (contains(field.value.range, position)) return field.value.range;
    if (contains(field.keyRange, position)) return field.keyRange;
  }
  return undefined;
}

export class ScheduleHoverProvider implements vscode.HoverProvider {
  private liveSchedules: () => readonly LiveSourceSnapshot[] = () => [];

  constructor(private readonly analyzer: DocumentAnalyzer) {}

  /** Where the hover reads the live connections' loaded schedules (set once the connections exist). */
  setLiveSchedules(accessor: () => readonly LiveSourceSnapshot[]): void {
    this.liveSchedules = accessor;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const { discovery, findings, orchestrator, cell } = this.analyzer.analyze(document);
    const spans = discovery.notebook?.spans;
    // In a notebook cell, positions are the joined module's.
    const at = cell && spans ? toModulePosition(spans, cell.index, position) : position;
    if (!at) return undefined;
    for (const schedule of discovery.schedules) {
      const found = hoverTarget(schedule, at);
      if (!found) continue;
      const target = cell && spans ? toCellRange(spans, cell.index, found) : toRange(found);
      if (!target) continue;
      // The analysis' orchestrator: the setting, else this file's one `orchestrator.<flavor>` settings key, else the stack.
      const settings = displaySettings(cell ? cell.notebook.uri : document.uri);
      const now = new Date();
      // The summary reads the zone a GitHub entry or the file's Databricks settings name, and says where it came from.
      const summary = summarizeSchedule(schedule, summaryOptionsFor(orchestrator, now, settings.nextRuns));
      const context = { github: schedule.github !== undefined, now, unknownOrchestratorAdvice: unknownOrchestratorAdvice() };
      let text = scheduleMarkdown(summary, findingsForSchedule(schedule, findings).filter((f) => f.code !== 'unsupported-orchestrator'), orchestrator, settings.displayZone, context);
      const live = liveComparisonMarkdown(codeScheduleOf(schedule.pipeline, summary, vscode.workspace.asRelativePath(document.uri)), this.liveSchedules());
      if (live) text += `\n\n---\n\n${live}`;
      if (settings.invalidZone) text += `\n\n$(warning) ${vscode.l10n.t('`zenmlSchedules.timeZone` is `{0}`, not an IANA time zone: showing {1}.', settings.invalidZone, settings.displayZone)}`;
      const markdown = new vscode.MarkdownString(text, true);
      return new vscode.Hover(markdown, document.validateRange(target));
    }
    return undefined;
  }
}

// Turns a discovered schedule into what the editor shows: a one-line summary
// (tree rows) and Markdown (hovers, tooltips). Pure: no vscode import, so the
// unit tests and the command line can use it too.

import { describeInterval, explainCron, formatInZone, nextIntervalRuns } from '../cron';
import type { CronExplanation, Dialect } from '../cron/types';
import type { DiscoveredSchedule, FieldValue } from '../discovery/types';
import type { Finding, OrchestratorContext } from '../findings/types';
import { capabilityOf, dialectOfFlavor } from '../zenml/capabilities';

export type SummaryKind = 'cron' | 'interval' | 'once';

export interface ScheduleSummary {
  kind: SummaryKind | null;
  /** The `name=` of the schedule when it is a known string. */
  name: string | null;
  expression: string | null;
  intervalSeconds: number | null;
  /** Plain words: "At 03:00", "every 30 minutes", "once, at …", or why it cannot be said. */
  description: string;
  nextRuns: Date[];
  dialect: Dialect;
  /** The zone the orchestrator evaluates a cron in (UTC unless a prefix or the standard dialect says otherwise). */
  evaluationZone: string | null;
  explanation: CronExplanation | null;
}

export function fieldValue(schedule: DiscoveredSchedule, name: string): FieldValue | undefined {
  // The last keyword wins, as in Python (a repeated keyword is a SyntaxError anyway).
  for (let i = schedule.fields.length - 1; i >= 0; i--) {
    if (schedule.fields[i].name === name) return schedule.fields[i].value;
  }
  return undefined;
}

function isSet(value: FieldValue | undefined): value is FieldValue {
  return value !== undefined && value.kind !== 'none';
}

function instantOf(value: FieldValue | undefined): Date | null {
  if (!value || value.kind !== 'datetime' || !value.iso) return null;
  const date = new Date(value.iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ZenML's precedence: a cron expression wins, then start time + interval, then a one-off run. */
export function summarizeSchedule(
  schedule: DiscoveredSchedule,
  orchestrator: OrchestratorContext | null,
  options: { now: Date; count: number },
): ScheduleSummary {
  const dialect = dialectOfFlavor(orchestrator?.flavor);
  const nameValue = fieldValue(schedule, 'name');
  const base: ScheduleSummary = {
    kind: null,
    name: nameValue?.kind === 'string' ? nameValue.value : null,
    expression: null,
    intervalSeconds: null,
    description: '',
    nextRuns: [],
    dialect,
    evaluationZone: null,
    explanation: null,
  };
  const cron = fieldValue(schedule, 'cron_expression');
  const interval = fieldValue(schedule, 'interval_second');
  const start = fieldValue(schedule, 'start_time');
  const end = fieldValue(schedule, 'end_time');
  const once = fieldValue(schedule, 'run_once_start_time');

  if (isSet(cron)) {
    if (cron.kind !== 'string') {
      return { ...base, kind: 'cron', description: 'cron expression computed at run time' };
    }
    const explanation = explainCron(cron.value, { dialect, from: options.now, count: options.count });
    return {
      ...base,
      kind: 'cron',
      expression: cron.value,
      description: explanation.valid ? explanation.description : `invalid: ${explanation.error?.message ?? 'not a cron expression'}`,
      nextRuns: explanation.nextRuns,
      evaluationZone: explanation.timeZone,
      explanation,
    };
  }
  if (isSet(interval) && isSet(start)) {
    if (interval.kind !== 'number') return { ...base, kind: 'interval', description: 'interval computed at run time' };
    const seconds = interval.value;
    const startAt = instantOf(start);
    const endAt = instantOf(end) ?? undefined;
    const valid = seconds > 0;
    return {
      ...base,
      kind: 'interval',
      intervalSeconds: seconds,
      description: valid ? describeInterval(seconds) : `invalid: interval_second must be positive, got ${seconds}`,
      nextRuns: valid && startAt ? nextIntervalRuns(startAt, seconds, options.now, options.count, endAt) : [],
    };
  }
  if (isSet(once)) {
    const at = instantOf(once);
    return {
      ...base,
      kind: 'once',
      description: at ? `once, at ${formatInZone(at, 'UTC')}` : 'once, at a time computed at run time',
      nextRuns: at && at > options.now ? [at] : [],
    };
  }
  if (isSet(interval)) {
    return { ...base, kind: 'interval', intervalSeconds: interval.kind === 'number' ? interval.value : null, description: 'interval without a start_time: no trigger' };
  }
  return { ...base, description: 'no trigger: set a cron expression, a start time + interval, or a run-once time' };
}

/** One line about what the target orchestrator does with schedules of this kind. */
export function orchestratorLine(orchestrator: OrchestratorContext | null, kind: SummaryKind | null): string {
  if (!orchestrator) {
    return 'Orchestrator unknown: read as standard cron. Set `zenmlSchedules.orchestrator` (or activate a ZenML stack) to check it against your orchestrator.';
  }
  const capability = capabilityOf(orchestrator.flavor);
  const stack = orchestrator.stackName ? ` (stack \`${orchestrator.stackName}\`)` : '';
  if (!capability) {
    return `Scheduling support of the \`${orchestrator.flavor}\` orchestrator${stack} is unknown.`;
  }
  if (!capability.canSchedule) {
    return `$(error) ${capability.displayName}${stack} cannot run schedules: ZenML raises when the pipeline is run.`;
  }
  if (kind && !capability.kinds.includes(kind)) {
    return `$(warning) ${capability.displayName}${stack} runs ${capability.kinds.join(', ')} schedules only, not ${kind} schedules.`;
  }
  const managed = capability.managedByZenml
    ? 'ZenML can update, pause and delete it there later.'
    : `After creation, change or pause it in ${capability.displayName} itself.`;
  return `${capability.displayName}${stack} runs ${capability.kinds.join(', ')} schedules. ${managed}`;
}

const shortFormats = new Map<string, Intl.DateTimeFormat>();

/** "Sun 29 Nov, 04:00" in `timeZone` (the user's own zone, so no zone name): for narrow places like tree rows. */
export function formatShort(date: Date, timeZone: string): string {
  let fmt = shortFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    shortFormats.set(timeZone, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(date)) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month}, ${p.hour}:${p.minute}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}

function codeSpan(text: string): string {
  const clipped = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  const ticks = clipped.includes('`') ? '``' : '`';
  return `${ticks}${clipped.replace(/\n/g, ' ')}${ticks}`;
}

export function nextRunsTable(runs: readonly Date[], displayZone: string): string {
  if (runs.length === 0) return '';
  const rows = runs.map((run) => `| ${formatInZone(run, displayZone)} | ${formatInZone(run, 'UTC')} |`);
  return [`| Next runs (${displayZone}) | UTC |`, '| --- | --- |', ...rows].join('\n');
}

const severityIcon: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };

/** Markdown for a hover or a tooltip. Theme icons ($(…)) must be enabled on the MarkdownString. */
export function scheduleMarkdown(
  summary: ScheduleSummary,
  findings: readonly Finding[],
  orchestrator: OrchestratorContext | null,
  displayZone: string,
): string {
  const parts: string[] = [];
  const what =
    summary.kind === 'cron' && summary.expression !== null
      ? `cron ${codeSpan(summary.expression)}`
      : summary.kind === 'interval'
        ? 'interval'
        : summary.kind === 'once'
          ? 'one-off run'
          : 'schedule';
  const title = summary.name ? ` ${codeSpan(summary.name)}` : '';
  parts.push(`**ZenML schedule**${title} · ${what}`);
  parts.push(escapeMarkdown(capitalize(summary.description)));
  const explanation = summary.explanation;
  if (summary.kind === 'cron' && explanation) {
    parts.push(`Dialect: **${summary.dialect}**, evaluated in **${explanation.timeZone}**.`);
    for (const note of explanation.notes ?? []) parts.push(`$(info) ${escapeMarkdown(note)}`);
  }
  const table = nextRunsTable(summary.nextRuns, displayZone);
  if (table) parts.push(table);
  else if (summary.kind === 'cron' && explanation?.valid) parts.push('No next run: this expression never fires.');
  for (const finding of findings) parts.push(`${severityIcon[finding.severity]} ${escapeMarkdown(finding.message)} (\`${finding.code}\`)`);
  parts.push(orchestratorLine(orchestrator, summary.kind));
  return parts.join('\n\n');
}

function capitalize(text: string): string {
  return text.length ? text[0].toUpperCase() + text.slice(1) : text;
}

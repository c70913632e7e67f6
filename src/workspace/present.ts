// Turns a discovered schedule into what the editor shows: a one-line summary
// (tree rows) and Markdown (hovers, tooltips). Pure: no vscode import, so the
// unit tests and the command line can use it too.

import { formatInZone } from '../cron';
import { describeDstTransition, dstCaveat, dstReport } from '../cron/dst';
import type { Finding, OrchestratorContext } from '../findings/types';
import { capabilityOf, type ScheduleKind } from '../common/flavors';
import type { ScheduleSummary } from './summary';
import { cronZoneStatement, type ZoneContext } from './zones';

/** Which source decided the orchestrator, for the hover: the setting, the flag, the file's settings, the active stack. */
export function orchestratorSourceWords(orchestrator: OrchestratorContext): string {
  switch (orchestrator.source) {
    case 'setting':
      return 'chosen by the `zenmlSchedules.orchestrator` setting';
    case 'flag':
      return 'chosen by `--orchestrator`';
    case 'settings':
      return `named by this file's \`orchestrator.${orchestrator.flavor}\` settings`;
    case 'zenml':
      return orchestrator.stackName ? `the active ZenML stack \`${orchestrator.stackName}\`` : 'the active ZenML stack';
  }
}

/** One line about what the target orchestrator does with schedules of this kind, and which source decided it. */
export function orchestratorLine(orchestrator: OrchestratorContext | null, kind: ScheduleKind | null, unknownAdvice?: string): string {
  // What the user can do about an unknown orchestrator is the face's to say (a setting in the editor).
  if (!orchestrator) return `Orchestrator unknown: read as standard cron.${unknownAdvice ? ` ${unknownAdvice}` : ''}`;
  return `${capabilityLine(orchestrator, kind)} (Orchestrator: ${orchestratorSourceWords(orchestrator)}.)`;
}

function capabilityLine(orchestrator: OrchestratorContext, kind: ScheduleKind | null): string {
  const capability = capabilityOf(orchestrator.flavor);
  const stack = orchestrator.stackName ? ` (stack \`${orchestrator.stackName}\`)` : '';
  const name = capability?.displayName ?? `The \`${orchestrator.flavor}\` orchestrator`;
  if ((orchestrator.canSchedule ?? capability?.canSchedule) === false) {
    return `$(error) ${name}${stack} cannot run schedules: ZenML raises when the pipeline is run.`;
  }
  if (!capability) {
    return orchestrator.canSchedule
      ? `${name}${stack} can run schedules, says ZenML; which kinds is unknown.`
      : `Scheduling support of the \`${orchestrator.flavor}\` orchestrator${stack} is unknown.`;
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

/** Names of zones that are UTC under another name (IANA aliases): a second UTC column would repeat the first. */
const UTC_ALIASES = new Set(
  ['UTC', 'UCT', 'Universal', 'Zulu', 'GMT', 'GMT0', 'GMT+0', 'GMT-0', 'Greenwich'].flatMap((n) => [n, `Etc/${n}`]).map((n) => n.toLowerCase()),
);

export function isUtcZone(zone: string): boolean {
  return UTC_ALIASES.has(zone.trim().toLowerCase());
}

/** Next runs in the display zone beside UTC; one column when the display zone is UTC. */
export function nextRunsTable(runs: readonly Date[], displayZone: string): string {
  if (runs.length === 0) return '';
  if (isUtcZone(displayZone)) {
    return [`| Next runs (${displayZone}) |`, '| --- |', ...runs.map((run) => `| ${formatInZone(run, displayZone)} |`)].join('\n');
  }
  const rows = runs.map((run) => `| ${formatInZone(run, displayZone)} | ${formatInZone(run, 'UTC')} |`);
  return [`| Next runs (${displayZone}) | UTC |`, '| --- | --- |', ...rows].join('\n');
}

const severityIcon: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };

/** Markdown for a hover or a tooltip. Theme icons ($(…)) must be enabled on the MarkdownString. */
export interface MarkdownContext {
  /** A GitHub Actions workflow's `on.schedule` entry (not a ZenML Schedule). */
  github?: boolean;
  /** Where the evaluation zone came from (a TZ= prefix, a `timezone:` key, a Databricks setting). */
  zoneSource?: ZoneContext['source'];
  /** "Now", for the DST report. */
  now?: Date;
  /** The face's advice when no orchestrator is known (the editor names its setting). */
  unknownOrchestratorAdvice?: string;
}

/** The DST report: the next year's clock changes in the evaluation zone and what each does to the runs. */
export function dstReportLines(summary: ScheduleSummary, now: Date): string[] {
  const explanation = summary.explanation;
  if (summary.kind !== 'cron' || !explanation?.valid || summary.expression === null) return [];
  const report = dstReport(summary.expression, summary.dialect, explanation.timeZone, now);
  return report.transitions.map((t) => describeDstTransition(t, report.timeZone));
}

export function scheduleMarkdown(
  summary: ScheduleSummary,
  findings: readonly Finding[],
  orchestrator: OrchestratorContext | null,
  displayZone: string,
  context: MarkdownContext = {},
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
  parts.push(`**${context.github ? 'GitHub Actions schedule' : 'ZenML schedule'}**${title} · ${what}`);
  parts.push(escapeMarkdown(capitalize(summary.description)));
  const explanation = summary.explanation;
  if (summary.kind === 'cron' && explanation) {
    parts.push(`Dialect: **${summary.dialect}**, evaluated in **${explanation.timeZone}**.`);
    parts.push(cronZoneStatement({ dialect: summary.dialect, evaluationZone: explanation.timeZone, source: context.zoneSource ?? summary.zoneSource }));
    for (const note of explanation.notes ?? []) parts.push(`$(info) ${escapeMarkdown(note)}`);
    const dst = dstReportLines(summary, context.now ?? new Date());
    if (dst.length > 0) {
      const caveat = dstCaveat(summary.dialect);
      parts.push(`**DST report** (${explanation.timeZone}, next 12 months, ${summary.dialect}):\n${dst.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}${caveat ? `\n\n${escapeMarkdown(caveat)}` : ''}`);
    }
  }
  const table = nextRunsTable(summary.nextRuns, displayZone);
  if (table) parts.push(table);
  else if (summary.kind === 'cron' && explanation?.valid) parts.push('No next run: this expression never fires.');
  for (const finding of findings) parts.push(`${severityIcon[finding.severity]} ${escapeMarkdown(finding.message)} (\`${finding.code}\`)`);
  parts.push(
    context.github
      ? 'GitHub Actions starts the workflow on this schedule (at most every 5 minutes, and it may be delayed at busy times); in a public repository GitHub disables scheduled workflows after 60 days without activity in the repository (enable the workflow again to resume). ZenML committed or can commit this file, but does not change it afterwards.'
      : orchestratorLine(orchestrator, summary.kind, context.unknownOrchestratorAdvice),
  );
  return parts.join('\n\n');
}

function capitalize(text: string): string {
  return text.length ? text[0].toUpperCase() + text.slice(1) : text;
}

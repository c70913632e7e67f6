// Quick fixes as plain data: for a finding, the text edits (or the action) that
// repair it. No vscode: src/vscode/codeActions.ts turns these into CodeActions.

import { addSecondsField, dialectOf, explainCron, intervalToCron, nextIntervalRuns } from '../cron';
import { intervalToCronFromStart } from '../cron/interval';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Position, Range, ScheduleField } from '../discovery/types';
import { LineIndex } from '../discovery/lineIndex';
import { dialectOfFlavor } from '../common/flavors';
import { findField } from './triggers';
import type { Finding, OrchestratorContext } from './types';

export const ZENML_SCHEDULING_DOCS_URL = 'https://docs.zenml.io/concepts/steps_and_pipelines/scheduling';

export interface TextEdit {
  range: Range;
  newText: string;
}

export type Fix =
  | { kind: 'edit'; title: string; edits: TextEdit[]; preferred?: boolean }
  /** Activate a ZenML stack (through the helper), then re-check. */
  | { kind: 'switch-stack'; title: string; stack: string; preferred?: boolean }
  /** Remove the `zenmlSchedules.orchestrator` override (switching stacks would change nothing while it is set). */
  | { kind: 'clear-override'; title: string; preferred?: boolean }
  | { kind: 'open-docs'; title: string; url: string };

export interface FixContext {
  /** The document's full text (for edits that depend on how the code is written). */
  text: string;
  discovery: DiscoveryResult;
  /** The orchestrator flavor the findings were computed for (cron syntax of converted intervals). */
  flavor?: string | null;
  /** Where that flavor came from: with `setting`, the override decides, not the active stack. */
  orchestratorSource?: OrchestratorContext['source'] | null;
}

/** Every fix for one finding, most useful first; [] when there is none. */
export function fixesFor(finding: Finding, context: FixContext): Fix[] {
  switch (finding.code) {
    case 'unsupported-orchestrator':
      return context.orchestratorSource === 'setting' ? [clearOverrideFix(), docsFix()] : [...switchStackFixes(finding), docsFix()];
    case 'unsupported-schedule-type':
      return [...intervalToCronFixes(finding, context), docsFix()];
    case 'dialect-seconds-first':
      return addSecondsFixes(finding, context);
    case 'naive-datetime':
      return naiveDatetimeFixes(finding, context);
    default:
      return [];
  }
}

function docsFix(): Fix {
  return { kind: 'open-docs', title: "Open ZenML's scheduling documentation", url: ZENML_SCHEDULING_DOCS_URL };
}

function clearOverrideFix(): Fix {
  return { kind: 'clear-override', title: 'Clear the orchestrator override (zenmlSchedules.orchestrator)', preferred: true };
}

function switchStackFixes(finding: Finding): Fix[] {
  const stacks = finding.data?.schedulableStacks ?? [];
  return stacks.map((stack, i) => ({
    kind: 'switch-stack',
    title: `Switch the active ZenML stack to '${stack}' (it can run schedules)`,
    stack,
    preferred: i === 0 && stacks.length === 1,
  }));
}

// ---------------------------------------------------------------- locating

const samePosition = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range) => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/** The schedule a finding belongs to: by its attachment site, its call, its name, or one of its values. */
export function scheduleOfFinding(finding: Finding, discovery: DiscoveryResult): DiscoveredSchedule | undefined {
  return discovery.schedules.find(
    (s) =>
      s.attachments.some((a) => sameRange(a.keywordRange, finding.range)) ||
      sameRange(s.range, finding.range) ||
      sameRange(s.nameRange, finding.range) ||
      s.fields.some((f) => sameRange(f.value.range, finding.range) || sameRange(f.keyRange, finding.range)),
  );
}

function fieldAt(finding: Finding, discovery: DiscoveryResult): ScheduleField | undefined {
  for (const s of discovery.schedules) {
    const field = s.fields.find((f) => sameRange(f.value.range, finding.range));
    if (field) return field;
  }
  return undefined;
}

// ---------------------------------------------------------------- interval -> cron

/** The cron for an interval in the target dialect (Quartz for Databricks, seconds first for Kubeflow). */
export function cronForInterval(seconds: number, flavor: string | null | undefined): string | null {
  const cron = intervalToCron(seconds);
  return cron ? inDialect(cron, flavor) : null;
}

/** A 5-field cron written in the flavor's dialect. */
function inDialect(cron: string, flavor: string | null | undefined): string {
  switch (dialectOfFlavor(flavor)) {
    case 'kubeflow':
      return addSecondsField(cron);
    case 'databricks': {
      // Quartz: seconds first, increments written start/n, `?` in the day field not given, weekdays by name.
      const [minute, hour, , , dayOfWeek] = cron.split(' ').map((f) => f.replace(/^\*\//, '0/').replace(/^(\d+)-\d+\//, '$1/'));
      return dayOfWeek === '*' ? `0 ${minute} ${hour} * * ?` : `0 ${minute} ${hour} ? * ${QUARTZ_DAYS[Number(dayOfWeek)]}`;
    }
    default:
      return cron;
  }
}

const QUARTZ_DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Runs compared to accept a conversion: enough to cover a phase error of every supported step. */
const RUNS_COMPARED = 8;

/**
 * The cron, in the flavor's dialect, whose runs are exactly `start + k * interval` (in UTC), or null.
 * Checked against the cron engine, so a conversion that would move the runs is never offered.
 */
export function cronForIntervalFrom(seconds: number, start: Date, flavor: string | null | undefined): string | null {
  const base = intervalToCronFromStart(seconds, start);
  if (!base) return null;
  const cron = inDialect(base, flavor);
  const justBefore = new Date(start.getTime() - 1);
  const expected = nextIntervalRuns(start, seconds, justBefore, RUNS_COMPARED);
  const explained = explainCron(cron, { dialect: dialectOf(flavor), timeZone: 'UTC', from: justBefore, count: RUNS_COMPARED });
  const same =
    explained.valid &&
    explained.nextRuns.length === expected.length &&
    explained.nextRuns.every((run, i) => run.getTime() === expected[i].getTime());
  return same ? cron : null;
}

/** The schedule's start as an instant, when it is a known, time-zone-aware value (not now(), not naive). */
function knownStart(schedule: DiscoveredSchedule): Date | null {
  const value = findField(schedule, 'start_time')?.value;
  if (!value || value.kind !== 'datetime' || !value.aware || !value.iso || value.source === 'now' || value.source === 'utcnow') return null;
  const start = new Date(value.iso);
  return Number.isNaN(start.getTime()) ? null : start;
}

function intervalToCronFixes(finding: Finding, context: FixContext): Fix[] {
  const seconds = finding.data?.intervalSeconds;
  if (seconds === undefined) return [];
  const schedule = scheduleOfFinding(finding, context.discovery);
  const interval = schedule && findField(schedule, 'interval_second');
  if (!schedule || !interval) return [];
  // The runs of an interval depend on its start: without a known one no cron is the same schedule.
  const start = knownStart(schedule);
  const cron = start ? cronForIntervalFrom(seconds, start, context.flavor) : null;
  if (!cron) return [];
  const separator = schedule.language === 'yaml' ? ': ' : '=';
  return [
    {
      kind: 'edit',
      title: `Use cron_expression="${cron}" instead of interval_second`,
      edits: [{ range: { start: interval.keyRange.start, end: interval.value.range.end }, newText: `cron_expression${separator}"${cron}"` }],
      preferred: true,
    },
  ];
}

// ---------------------------------------------------------------- Kubeflow seconds

function addSecondsFixes(finding: Finding, context: FixContext): Fix[] {
  const field = fieldAt(finding, context.discovery);
  const value = field?.value;
  const expression = finding.data?.expression ?? (value?.kind === 'string' ? value.value : undefined);
  if (!value || value.kind !== 'string' || expression === undefined) return [];
  const fixed = addSecondsField(expression);
  if (fixed === expression) return [];
  const edit: TextEdit = value.contentStart
    ? { range: { start: value.contentStart, end: { line: value.contentStart.line, character: value.contentStart.character + value.value.length } }, newText: fixed }
    : { range: value.range, newText: `"${fixed}"` };
  return [{ kind: 'edit', title: `Add a seconds field: "${fixed}" (Kubeflow reads the first field as seconds)`, edits: [edit], preferred: true }];
}

// ---------------------------------------------------------------- naive datetimes

type DatetimeValue = Extract<FieldValue, { kind: 'datetime' }>;

/** How `timezone.utc` is spelt in this module, and the import to add when it is not reachable. */
function utcSpelling(context: FixContext): { utc: string; importEdit: TextEdit | null } {
  const { timezone, datetimeModule } = context.discovery.imports;
  if (timezone) return { utc: `${timezone}.utc`, importEdit: null };
  if (datetimeModule) return { utc: `${datetimeModule}.timezone.utc`, importEdit: null };
  const line = context.discovery.importInsertLine;
  return { utc: 'timezone.utc', importEdit: { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'from datetime import timezone\n' } };
}

function naiveDatetimeFixes(finding: Finding, context: FixContext): Fix[] {
  const value = fieldAt(finding, context.discovery)?.value;
  if (!value || value.kind !== 'datetime' || value.aware) return [];
  if (value.source === 'string') return isoStringFix(value, context.text);
  const { utc, importEdit } = utcSpelling(context);
  const edit = datetimeEdit(value, context.text, utc);
  if (!edit) return [];
  const title =
    value.source === 'datetime' ? `Add tzinfo=${utc}` : value.source === 'utcnow' ? `Use datetime.now(${utc}) (utcnow() has no time zone)` : `Use datetime.now(${utc})`;
  return [{ kind: 'edit', title, edits: importEdit ? [edit, importEdit] : [edit], preferred: true }];
}

function datetimeEdit(value: DatetimeValue, text: string, utc: string): TextEdit | null {
  const lines = new LineIndex(text);
  if (value.source === 'utcnow') {
    // `datetime.utcnow()` -> `datetime.now(timezone.utc)`: replace from `utcnow` to the end of the call.
    const start = lines.offset(value.range.start);
    const end = lines.offset(value.range.end);
    const at = text.slice(start, end).lastIndexOf('utcnow');
    if (at < 0) return null;
    return { range: { start: lines.position(start + at), end: value.range.end }, newText: `now(${utc})` };
  }
  if (!value.argsEnd) return null;
  if (value.source === 'now') {
    return value.hasArgs ? null : { range: { start: value.argsEnd, end: value.argsEnd }, newText: utc };
  }
  // datetime(...): after the last argument; a trailing comma already separates it.
  const argsEnd = lines.offset(value.argsEnd);
  const before = text.slice(0, argsEnd).trimEnd();
  if (!value.hasArgs) return { range: { start: value.argsEnd, end: value.argsEnd }, newText: `tzinfo=${utc}` };
  if (before.endsWith(',')) {
    const at = lines.position(before.length);
    return { range: { start: at, end: at }, newText: ` tzinfo=${utc},` };
  }
  return { range: { start: value.argsEnd, end: value.argsEnd }, newText: `, tzinfo=${utc}` };
}

/** YAML / ISO string without an offset: append `Z` (UTC) inside the quotes. */
function isoStringFix(value: DatetimeValue, text: string): Fix[] {
  const lines = new LineIndex(text);
  const start = lines.offset(value.range.start);
  const end = lines.offset(value.range.end);
  const source = text.slice(start, end);
  const quoted = /["']$/.test(source) && source.length >= 2;
  const at = lines.position(quoted ? end - 1 : end);
  return [{ kind: 'edit', title: 'Add "Z" (UTC) to the time', edits: [{ range: { start: at, end: at }, newText: 'Z' }], preferred: true }];
}

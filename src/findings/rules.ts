// The rules that turn discovered schedules (+ the orchestrator, when known) into
// coded findings. Pure: plain data in, plain data out, never throws.

import { describeInterval, explainCron, isValidTimeZone } from '../cron';
import type { Dialect } from '../cron/types';
import { discover, emptyDiscovery } from '../discovery';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range } from '../discovery/types';
import { capabilityOf, dialectOfFlavor, type OrchestratorCapability, type ScheduleKind } from '../common/flavors';
import { defaultSeverity, type FindingCode, type Severity } from '../common/codes';
import { DATETIME_FIELDS, SCHEDULE_FIELDS, isScheduleField, suggestField } from './fields';
import { githubWorkflowFindings } from './github';
import { effectiveKind, findField, onlyPossibleKind, triggerState, type TriggerState } from './triggers';
import type { AnalysisOptions, Finding, FindingData, OrchestratorContext } from './types';

/** Everything a rule needs about one schedule, computed once. */
interface ScheduleContext {
  schedule: DiscoveredSchedule;
  /** The document's discovery (settings that apply to every schedule in it). */
  discovery: DiscoveryResult;
  state: TriggerState;
  options: AnalysisOptions;
  dialect: Dialect;
}

type ScheduleRule = (ctx: ScheduleContext) => Finding[];

function finding(code: FindingCode, message: string, range: Range, data?: FindingData, severity?: Severity): Finding {
  const result: Finding = { code, severity: severity ?? defaultSeverity(code), message, range };
  if (data) result.data = data;
  return result;
}

function isPython(schedule: DiscoveredSchedule): boolean {
  return schedule.language === 'python';
}

/** `name` in a message: a keyword in Python, a key in YAML. */
function fieldWord(schedule: DiscoveredSchedule): string {
  return isPython(schedule) ? 'argument' : 'key';
}

// ---------------------------------------------------------------- fields

const TRIGGER_FIELDS: ReadonlySet<string> = new Set(['cron_expression', 'start_time', 'interval_second', 'run_once_start_time']);

/** Misspelt keywords that were meant to be a trigger (`cron_expresion`): the one mistake behind a missing trigger. */
function misspeltTriggers(schedule: DiscoveredSchedule): boolean {
  return schedule.fields.some((field) => !isScheduleField(field.name) && TRIGGER_FIELDS.has(suggestField(field.name) ?? ''));
}

const unknownField: ScheduleRule = ({ schedule, state }) =>
  schedule.fields
    .filter((field) => !isScheduleField(field.name))
    .map((field) => {
      const suggestion = suggestField(field.name);
      const hint = suggestion
        ? ` Did you mean \`${suggestion}\`?`
        : ` Its fields are ${SCHEDULE_FIELDS.map((f) => `\`${f}\``).join(', ')}.`;
      // With the trigger misspelt, the Schedule has none left: say so here rather than in a second error.
      const consequence =
        state.any === 'unset' && suggestion && TRIGGER_FIELDS.has(suggestion)
          ? ' Without it the Schedule has no trigger, and ZenML rejects it when it is created.'
          : '';
      return finding(
        'unknown-schedule-field',
        `Schedule has no field \`${field.name}\`: ZenML silently ignores this ${fieldWord(schedule)}.${hint}${consequence}`,
        field.keyRange,
      );
    });

const missingTrigger: ScheduleRule = ({ schedule, state }) => {
  if (state.any !== 'unset' || misspeltTriggers(schedule)) return [];
  const startOnly = findField(schedule, 'start_time') !== undefined && state.interval === 'unset';
  const detail = startOnly ? ' A start_time without interval_second does not count.' : '';
  return [
    finding(
      'missing-trigger',
      'This Schedule sets no cron_expression, no start_time with interval_second, and no run_once_start_time: ' +
        `ZenML rejects it with a validation error when it is created.${detail}`,
      schedule.nameRange,
    ),
  ];
};

/** The triggers a set cron_expression makes ZenML ignore, and the finding each gets. */
const OVERRIDDEN_BY_CRON = [
  { name: 'interval_second', code: 'cron-overrides-interval', presence: (state: TriggerState) => state.interval },
  { name: 'run_once_start_time', code: 'cron-overrides-run-once', presence: (state: TriggerState) => state.runOnce },
] as const;

const cronOverrides: ScheduleRule = ({ schedule, state }) => {
  if (state.cron !== 'set') return [];
  return OVERRIDDEN_BY_CRON.flatMap(({ name, code, presence }) => {
    const field = findField(schedule, name);
    if (!field || presence(state) !== 'set') return [];
    const message = `cron_expression takes precedence, so ${name} is ignored: orchestrators run this schedule on the cron expression.`;
    // The interval's seconds let the quick fix offer an equivalent cron.
    const data = name === 'interval_second' ? intervalData(field.value) : undefined;
    return [finding(code, message, field.keyRange, data)];
  });
};

function intervalData(value: FieldValue): FindingData | undefined {
  return value.kind === 'number' ? { intervalSeconds: value.value } : undefined;
}

// ---------------------------------------------------------------- datetimes

function naiveMessage(field: string, value: Extract<FieldValue, { kind: 'datetime' }>): string {
  // ZenML calls .astimezone() when the Schedule is built: the zone of the machine that builds it.
  const consequence = 'ZenML reads it in the local time zone of the machine that creates the schedule.';
  switch (value.source) {
    case 'utcnow':
      return `datetime.utcnow() returns a datetime without a time zone, so ${field} is not read as UTC: ${consequence} Use datetime.now(timezone.utc).`;
    case 'now':
      return `datetime.now() without a zone gives ${field} no time zone: ${consequence}`;
    case 'string':
      return `${field} has no UTC offset: ${consequence} Add one, for example "Z" or "+00:00".`;
    default:
      return `${field} has no tzinfo: ${consequence}`;
  }
}

const naiveDatetime: ScheduleRule = ({ schedule }) => {
  const results: Finding[] = [];
  for (const name of DATETIME_FIELDS) {
    const field = findField(schedule, name);
    if (field?.value.kind === 'datetime' && !field.value.aware) {
      results.push(finding('naive-datetime', naiveMessage(name, field.value), field.value.range));
    }
  }
  return results;
};

type DatetimeValue = Extract<FieldValue, { kind: 'datetime' }>;

/** The instant a datetime stands for; a naive one in this machine's zone, as ZenML's `.astimezone()` reads it. */
export function datetimeInstant(value: DatetimeValue): number | null {
  if (value.iso === null) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value.iso) ? `${value.iso}T00:00:00` : value.iso;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

/** UTC offset of this machine's zone at an instant, as `+01:00`. */
function localOffset(time: number): string {
  const minutes = -new Date(time).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function isoSeconds(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Milliseconds to compare two datetimes, or null when they cannot be compared statically. Two naive values
 * are read in the same local zone, so their wall clocks compare; with one naive and one aware, the naive one
 * is read in this machine's zone (ZenML's reading on the machine that creates the schedule) and the message
 * says which instant that gave.
 */
function comparableInstants(start: DatetimeValue, end: DatetimeValue): { start: number; end: number; note: string } | null {
  if (start.iso === null || end.iso === null) return null;
  if (start.aware === end.aware) {
    const parse = (iso: string, aware: boolean): number => Date.parse(aware ? iso : asUtcWallClock(iso));
    const a = parse(start.iso, start.aware);
    const b = parse(end.iso, end.aware);
    return Number.isNaN(a) || Number.isNaN(b) ? null : { start: a, end: b, note: '' };
  }
  const a = datetimeInstant(start);
  const b = datetimeInstant(end);
  if (a === null || b === null) return null;
  const [naiveName, naiveTime] = start.aware ? ['end_time', b] : ['start_time', a];
  const note =
    ` ${naiveName} has no time zone: ZenML reads it in the local zone of the machine that creates the schedule;` +
    ` in this machine's zone (UTC${localOffset(naiveTime)}) that is ${isoSeconds(naiveTime)}.`;
  return { start: a, end: b, note };
}

function asUtcWallClock(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : `${iso}Z`;
}

const endBeforeStart: ScheduleRule = ({ schedule }) => {
  const start = findField(schedule, 'start_time');
  const end = findField(schedule, 'end_time');
  if (start?.value.kind !== 'datetime' || end?.value.kind !== 'datetime') return [];
  const instants = comparableInstants(start.value, end.value);
  if (!instants || instants.end > instants.start) return [];
  const relation = instants.end === instants.start ? 'equal to' : 'before';
  return [
    finding(
      'end-before-start',
      `end_time (${end.value.iso}) is ${relation} start_time (${start.value.iso}): the schedule ends before it can run.${instants.note} ZenML does not check this.`,
      end.keyRange,
    ),
  ];
};

// ---------------------------------------------------------------- windows

const WINDOW_FIELDS = ['start_time', 'end_time'] as const;

/** start_time / end_time / catchup that the target orchestrator does not pass on (facts §11). */
const windowIgnored: ScheduleRule = ({ schedule, state, options }) => {
  const orchestrator = options.orchestrator;
  const capability = capabilityOf(orchestrator?.flavor);
  if (!orchestrator || !capability || !capability.canSchedule || effectiveKind(state) !== 'cron') return [];
  const results: Finding[] = [];
  const name = capability.displayName;
  if (capability.window === false) {
    for (const field of WINDOW_FIELDS) {
      const written = findField(schedule, field);
      if (!written || written.value.kind === 'none') continue;
      const consequence =
        field === 'start_time'
          ? 'runs start at the first matching time after the schedule is created'
          : 'runs go on until the schedule is deleted';
      results.push(finding('window-ignored', `${name} ignores ${field}: ${consequence}.`, written.keyRange));
    }
  }
  if (capability.catchup === false) {
    const catchup = findField(schedule, 'catchup');
    if (catchup?.value.kind === 'bool' && catchup.value.value) {
      results.push(finding('window-ignored', `${name} ignores catchup: missed runs are not run afterwards.`, catchup.keyRange));
    }
  }
  return results;
};

/** An end_time in the past, where the orchestrator (or the standard reading) applies it. */
const scheduleEnded: ScheduleRule = ({ schedule, state, options }) => {
  const capability = capabilityOf(options.orchestrator?.flavor);
  if (capability && (capability.window === false || !capability.canSchedule)) return [];
  const kind = effectiveKind(state);
  if (kind !== 'cron' && kind !== 'interval') return [];
  const end = findField(schedule, 'end_time');
  if (end?.value.kind !== 'datetime') return [];
  const instant = datetimeInstant(end.value);
  const now = (options.now ?? new Date()).getTime();
  if (instant === null || instant >= now) return [];
  return [finding('schedule-ended', `end_time (${end.value.iso}) has passed: this schedule does not run any more.`, end.keyRange)];
};

// ---------------------------------------------------------------- cron

const cronRules: ScheduleRule = ({ schedule, dialect, options, discovery }) => {
  const field = findField(schedule, 'cron_expression');
  if (!field) return [];
  const value = field.value;
  if (value.kind === 'none' || value.kind === 'unknown') return [];
  if (value.kind !== 'string') {
    return [finding('invalid-cron', `cron_expression must be a string such as "0 3 * * *".`, value.range)];
  }
  // An empty string is "not set" for ZenML: missing-trigger reports it when nothing else triggers.
  if (value.value.length === 0) return [];
  // Orchestrators evaluate in UTC unless a TZ= prefix says otherwise: the engine's default for their
  // dialects (passing a zone would make it warn that the prefix wins over it). `standard` defaults to the
  // machine's zone, so it gets UTC explicitly. Databricks reads it in the file's `schedule_timezone`.
  const settingZone = dialect === 'databricks' && schedule.scheduleTimezone !== undefined && isValidTimeZone(schedule.scheduleTimezone) ? schedule.scheduleTimezone : undefined;
  const timeZone = dialect === 'standard' ? 'UTC' : settingZone;
  const explanation = explainCron(value.value, { dialect, timeZone, from: options.now, count: 1 });
  const data: FindingData = { expression: value.value };
  const results: Finding[] = [];
  const error = explanation.error;
  if (error) {
    const range = error.field === null ? literalRange(value) : errorRange(value, error.start, error.end, error.code);
    results.push(finding(error.code, error.message, range, data, errorSeverity(error.code, options.orchestrator !== null)));
  }
  for (const warning of explanation.warnings) {
    results.push(finding(warning.code, warning.message, literalRange(value), data, warning.severity));
  }
  if (options.orchestrator?.flavor.trim().toLowerCase() === 'databricks' && !discovery.scheduleTimezoneSet) {
    results.push(
      finding(
        'databricks-needs-timezone',
        'The Databricks orchestrator needs a time zone for a cron schedule: without ' +
          'DatabricksOrchestratorSettings(schedule_timezone="...") ZenML raises a ValueError when the pipeline runs.',
        literalRange(value),
        data,
      ),
    );
  }
  return results;
};

/**
 * A TZ= prefix is an error when the orchestrator is known (the engine only rejects it where that
 * orchestrator does: everywhere but Vertex AI and Kubeflow); with the orchestrator unknown it is a
 * warning, since the code may run on Vertex AI, which accepts it.
 */
function errorSeverity(code: FindingCode, orchestratorKnown: boolean): Severity {
  if (code === 'timezone-prefix' && !orchestratorKnown) return 'warning';
  return defaultSeverity(code);
}

/** The cron literal: from the first part of an implicit concatenation to the last (parentheses excluded). */
function literalRange(value: Extract<FieldValue, { kind: 'string' }>): Range {
  const parts = value.parts ?? [];
  if (parts.length === 0) return value.range;
  return { start: parts[0].start, end: parts[parts.length - 1].end };
}

/** The bad field inside a one-line plain literal, else the whole literal (all parts of a concatenation). */
function errorRange(
  value: Extract<FieldValue, { kind: 'string' }>,
  start: number | undefined,
  end: number | undefined,
  code: FindingCode,
): Range {
  if (code !== 'invalid-cron' || !value.contentStart || start === undefined || end === undefined) return literalRange(value);
  if (start < 0 || end <= start || end > value.value.length) return literalRange(value);
  const { line, character } = value.contentStart;
  return { start: { line, character: character + start }, end: { line, character: character + end } };
}

// ---------------------------------------------------------------- orchestrator

/** "Stack 'x' uses the kubernetes orchestrator, which <predicate>" or "The kubernetes orchestrator <predicate>". */
function orchestratorClause(orchestrator: OrchestratorContext, predicate: string): string {
  const subject = `the ${orchestrator.flavor} orchestrator`;
  return orchestrator.stackName
    ? `Stack '${orchestrator.stackName}' uses ${subject}, which ${predicate}`
    : `The ${orchestrator.flavor} orchestrator ${predicate}`;
}

function stacksSentence(stacks: string[] | undefined): string {
  if (stacks === undefined) return '';
  return stacks.length > 0
    ? ` Stacks that can: ${stacks.join(', ')}.`
    : ' None of your stacks can: register one whose orchestrator schedules (kubernetes, kubeflow, vertex, airflow, …).';
}

/** Where orchestrator findings go: each `schedule=` keyword, else the Schedule call (YAML: the key). */
function orchestratorRanges(schedule: DiscoveredSchedule): Range[] {
  if (schedule.attachments.length > 0) return schedule.attachments.map((a) => a.keywordRange);
  return [isPython(schedule) ? schedule.range : schedule.nameRange];
}

const KIND_WORDS: Record<ScheduleKind, string> = { cron: 'cron', interval: 'interval', once: 'one-time' };

function kindsSentence(capability: OrchestratorCapability): string {
  const words = capability.kinds.map((k) => KIND_WORDS[k]);
  const list = words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `${words.length === 1 ? 'only ' : ''}${list} schedules`;
}

function usedKindPhrase(schedule: DiscoveredSchedule, kind: ScheduleKind): string {
  if (kind === 'interval') {
    const interval = findField(schedule, 'interval_second')?.value;
    const every = interval?.kind === 'number' && interval.value > 0 ? ` (${describeInterval(interval.value)})` : '';
    return `runs on an interval${every}`;
  }
  if (kind === 'once') return 'runs once (run_once_start_time)';
  return 'uses a cron expression';
}

const orchestratorSupport: ScheduleRule = ({ schedule, state, options }) => {
  const orchestrator = options.orchestrator;
  const capability = capabilityOf(orchestrator?.flavor);
  if (!orchestrator) return [];
  // ZenML's own answer, when detected, wins over the table (ZenML 0.98 says ssh cannot schedule).
  const canSchedule = orchestrator.canSchedule ?? capability?.canSchedule;
  if (canSchedule === undefined) return [];
  const ranges = orchestratorRanges(schedule);
  if (!canSchedule) {
    const message =
      orchestratorClause(orchestrator, 'cannot run schedules: ZenML raises at run time.') +
      stacksSentence(orchestrator.schedulableStacks);
    const data: FindingData | undefined = orchestrator.schedulableStacks
      ? { schedulableStacks: [...orchestrator.schedulableStacks] }
      : undefined;
    return ranges.map((range) => finding('unsupported-orchestrator', message, range, data));
  }
  // A run-time interval (`interval_second=every`) still rules out a cron-only orchestrator.
  const kind = effectiveKind(state) ?? onlyPossibleKind(state);
  // Kinds unknown: a flavor the table says cannot schedule, but ZenML says can (a newer ZenML).
  if (!capability || !kind || capability.kinds.length === 0 || capability.kinds.includes(kind)) return [];
  const message =
    orchestratorClause(orchestrator, `supports ${kindsSentence(capability)}; this Schedule ${usedKindPhrase(schedule, kind)}.`) +
    (capability.kinds.includes('cron') ? ' Use a cron_expression instead.' : '');
  const interval = findField(schedule, 'interval_second')?.value;
  const data = kind === 'interval' && interval ? intervalData(interval) : undefined;
  return ranges.map((range) => finding('unsupported-schedule-type', message, range, data));
};

// ---------------------------------------------------------------- entry points

const SCHEDULE_RULES: readonly ScheduleRule[] = [
  unknownField,
  missingTrigger,
  cronRules,
  cronOverrides,
  endBeforeStart,
  naiveDatetime,
  orchestratorSupport,
  windowIgnored,
  scheduleEnded,
];

/** One failing rule must not hide the others' findings (and nothing throws to the caller). */
function runSafely(rule: ScheduleRule, ctx: ScheduleContext): Finding[] {
  try {
    return rule(ctx);
  } catch {
    return [];
  }
}

function decoratorFindings(discovery: DiscoveryResult): Finding[] {
  return discovery.pipelineDecoratorScheduleArgs.map((range) =>
    finding(
      'schedule-not-a-pipeline-arg',
      '@pipeline(...) has no schedule parameter. Attach the Schedule with my_pipeline.with_options(schedule=...) instead.',
      range,
    ),
  );
}

/** What is wrong with the document itself: `schedule=Schedule`, YAML that does not parse, repeated keys. */
function documentFindings(discovery: DiscoveryResult): Finding[] {
  const results = (discovery.scheduleClassArgs ?? []).map((range) =>
    finding(
      'schedule-class-not-instance',
      'schedule=Schedule passes the Schedule class itself, not a schedule: ZenML raises a validation error. ' +
        'Create one, for example schedule=Schedule(cron_expression="0 3 * * *").',
      range,
    ),
  );
  for (const problem of discovery.problems ?? []) results.push(finding(problem.code, problem.message, problem.range));
  return results;
}

/**
 * The orchestrator the document's code targets. An explicit choice (the zenmlSchedules.orchestrator setting,
 * the --orchestrator flag) wins; then the one flavor the document's `orchestrator.<flavor>` settings name
 * (none or several say nothing); then the detected active stack.
 */
export function targetOrchestrator(discovery: DiscoveryResult, orchestrator: OrchestratorContext | null): OrchestratorContext | null {
  if (orchestrator && (orchestrator.source === 'setting' || orchestrator.source === 'flag' || orchestrator.source === 'settings')) return orchestrator;
  const flavors = discovery.settingsFlavors ?? [];
  if (flavors.length !== 1) return orchestrator;
  const flavor = flavors[0];
  if (orchestrator && orchestrator.flavor === flavor) return orchestrator;
  return { flavor, source: 'settings' };
}

function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** The findings for one document's discovered schedules, sorted by position. */
export function analyze(discovery: DiscoveryResult, given: AnalysisOptions): Finding[] {
  const options: AnalysisOptions = { ...given, orchestrator: targetOrchestrator(discovery, given.orchestrator) };
  const dialect = dialectOfFlavor(options.orchestrator?.flavor);
  const findings: Finding[] = [];
  try {
    findings.push(...decoratorFindings(discovery), ...documentFindings(discovery));
  } catch {
    // A malformed discovery result: report what the schedules give.
  }
  for (const schedule of discovery.schedules ?? []) {
    if (schedule?.github) {
      // A GitHub Actions workflow's own schedule: GitHub's dialect and zone, not a ZenML Schedule.
      try {
        findings.push(...githubWorkflowFindings(schedule, options.now));
      } catch {
        // A malformed entry: nothing to report for it (never throws to the caller).
      }
      continue;
    }
    let ctx: ScheduleContext;
    try {
      ctx = { schedule, discovery, state: triggerState(schedule), options, dialect };
    } catch {
      continue;
    }
    for (const rule of SCHEDULE_RULES) findings.push(...runSafely(rule, ctx));
  }
  return findings.sort((a, b) => compareRanges(a.range, b.range));
}

/** Discovery and findings for a document's text; the file name picks Python or YAML. */
export function analyzeText(
  text: string,
  fileName: string,
  options: AnalysisOptions,
): { discovery: DiscoveryResult; findings: Finding[] } {
  let discovery: DiscoveryResult;
  try {
    discovery = discover(text, fileName);
  } catch {
    discovery = emptyDiscovery();
  }
  return { discovery, findings: analyze(discovery, options) };
}

// "Create a schedule", the pure part: which kinds of schedule an orchestrator takes and which
// optional fields it honours (from the capability table), reading the user's answers (cron in the
// orchestrator's dialect, an interval such as `1h30m`, ISO times), and the code: one set of text
// edits that adds `Schedule(...)`, attaches it with `with_options(schedule=...)` and adds the imports
// that are missing. No vscode: the editor applies the edits as one WorkspaceEdit, the tests run the
// engine (`check`) on the result.

import { capabilityOf, type Dialect, type OrchestratorCapability, type ScheduleKind } from '../common/flavors';
import { describeInterval, explainCron, type CronExplanation } from '../cron';
import { discoverPipelines, LineIndex, parseIsoTimestamp, type PipelineModule, type Range } from '../discovery';

export interface ScheduleSpec {
  kind: ScheduleKind;
  /** kind 'cron'. */
  cron?: string;
  /** kind 'interval': whole seconds. */
  intervalSeconds?: number;
  /** ISO-8601 with an offset or `Z` (`2026-12-03T08:00:00Z`); for 'interval' the first run (default: when the code runs). */
  start?: string;
  end?: string;
  /** kind 'once': when it runs. */
  runOnceAt?: string;
  catchup?: boolean;
  name?: string;
}

/** What the flow offers for one orchestrator flavor. */
export interface CreateOptions {
  flavor: string;
  displayName: string;
  kinds: ScheduleKind[];
  dialect: Dialect;
  /** Whether to ask for start/end (the orchestrator bounds runs with them) and catch-up (it passes it on). */
  window: boolean;
  catchup: boolean;
  /** Why some kinds or fields are not offered, or that the flavor cannot schedule at all. */
  notes: string[];
  /**
   * Set when the flavor cannot schedule: nothing can be created for it. What happened only; the face adds
   * what the user can do (switch stacks, the editor's setting).
   */
  refusal?: string;
}

export const KIND_LABELS: Record<ScheduleKind, string> = {
  cron: 'Cron expression',
  interval: 'Fixed interval (start time + interval)',
  once: 'Run once at a given time',
};

/** The kinds and fields to offer for a target orchestrator flavor; every kind for an unknown flavor (nothing known to forbid). */
export function createOptionsFor(flavor: string | null | undefined): CreateOptions {
  const capability: OrchestratorCapability | undefined = capabilityOf(flavor);
  if (!capability) {
    return {
      flavor: flavor ?? 'unknown',
      displayName: flavor ? flavor : 'an unknown orchestrator',
      kinds: ['cron', 'interval', 'once'],
      dialect: 'standard',
      window: true,
      catchup: true,
      notes: [`The orchestrator ${flavor ? `'${flavor}' ` : ''}is not in the capability table: every kind is offered, in the standard cron dialect.`],
    };
  }
  const notes: string[] = [];
  if (capability.note) notes.push(`${capability.displayName}: ${capability.note}.`);
  if (capability.window === false) notes.push(`${capability.displayName} ignores start and end times: they are not asked.`);
  if (capability.catchup === false) notes.push(`${capability.displayName} does not pass catch-up on: it is not asked.`);
  const base = {
    flavor: capability.flavor,
    displayName: capability.displayName,
    kinds: [...capability.kinds],
    dialect: capability.dialect,
    window: capability.window !== false,
    catchup: capability.catchup !== false,
    notes,
  };
  if (!capability.canSchedule || capability.kinds.length === 0) {
    return {
      ...base,
      refusal: `The ${capability.displayName} orchestrator cannot run scheduled pipelines.`,
    };
  }
  return base;
}

// ---------------------------------------------------------------- reading answers

/** `3600`, `90s`, `45m`, `1h30m`, `2d`, `1 hour 30 minutes`, `1w`: whole seconds, or an error message. */
export function parseInterval(input: string): { seconds: number } | { error: string } {
  const text = input.trim().toLowerCase();
  if (!text) return { error: 'Type an interval, e.g. 1h, 30m, 1h30m or 3600 (seconds).' };
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return seconds > 0 ? { seconds } : { error: 'The interval must be at least 1 second.' };
  }
  const units: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  const pattern = /(\d+)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\s*,?\s*/y;
  let seconds = 0;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return { error: `Cannot read '${input.trim()}' as an interval: use numbers with units, e.g. 1h30m, 45m, 2d or 3600.` };
    seconds += Number(match[1]) * units[match[2][0]];
    at = pattern.lastIndex;
  }
  if (seconds <= 0) return { error: 'The interval must be at least 1 second.' };
  if (!Number.isSafeInteger(seconds)) return { error: 'The interval is too long.' };
  return { seconds };
}

/**
 * A time typed by the user: ISO-8601 with an offset or `Z`, or without one (then read in `zone`, default UTC).
 * Returns the instant as `YYYY-MM-DDTHH:MM:SSZ`.
 */
export function parseTime(input: string, zone = 'UTC'): { iso: string } | { error: string } {
  const text = input.trim();
  if (!text) return { error: 'Type a date and time, e.g. 2026-12-24T08:00:00Z.' };
  const parsed = parseIsoTimestamp(text);
  if (!parsed) return { error: `Cannot read '${text}' as a date and time: use ISO-8601, e.g. 2026-12-24T08:00:00Z or 2026-12-24 08:00.` };
  const ms = parsed.aware ? parsed.epochMs : wallTimeToUtc(parsed.epochMs, zone);
  return { iso: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** `wallMs` read as UTC fields, re-read as a wall time in `zone` (two passes settle DST offsets). */
function wallTimeToUtc(wallMs: number, zone: string): number {
  if (zone === 'UTC') return wallMs;
  const offset = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) - ms;
  };
  let guess = wallMs - offset(wallMs);
  guess = wallMs - offset(guess);
  return guess;
}

/** The explanation the input box previews, in the orchestrator's dialect (evaluated in UTC, as the orchestrators do by default). */
export function previewCron(expression: string, dialect: Dialect, count: number, from?: Date): CronExplanation {
  return explainCron(expression, { dialect, count, from });
}

/** Checks a spec against the target's options; a list of messages (empty when it can be created). */
export function validateSpec(spec: ScheduleSpec, options: CreateOptions): string[] {
  const problems: string[] = [];
  if (options.refusal) return [options.refusal];
  if (!options.kinds.includes(spec.kind)) problems.push(`${options.displayName} does not take a schedule of kind '${spec.kind}' (it takes: ${options.kinds.join(', ')}).`);
  if (spec.kind === 'cron') {
    const explanation = explainCron(spec.cron ?? '', { dialect: options.dialect, count: 1 });
    if (!explanation.valid) problems.push(`The cron expression is not valid on ${options.displayName}: ${explanation.error?.message ?? 'unreadable'}`);
  }
  if (spec.kind === 'interval' && !(Number.isSafeInteger(spec.intervalSeconds) && (spec.intervalSeconds ?? 0) > 0)) problems.push('The interval must be a whole number of seconds above 0.');
  if (spec.kind === 'once' && !spec.runOnceAt) problems.push('A run-once schedule needs the time it runs.');
  for (const [label, value] of [['start', spec.start], ['end', spec.end], ['run-once time', spec.runOnceAt]] as const) {
    if (value !== undefined && !parseIsoTimestamp(value)?.aware) problems.push(`The ${label} '${value}' is not an ISO-8601 time with an offset.`);
  }
  if (spec.start && spec.end && Date.parse(spec.end) <= Date.parse(spec.start)) problems.push('The end must be after the start.');
  if (spec.name !== undefined && !/^[\w.-][\w .:-]*$/.test(spec.name)) problems.push(`The name '${spec.name}' has characters ZenML schedule names should not have; use letters, digits, '-', '_' and '.'.`);
  return problems;
}

/** One line of words for the spec ("every day at 03:00 (cron 0 3 * * *), starting …"), for the summary and the log. */
export function describeSpec(spec: ScheduleSpec, dialect: Dialect): string {
  const parts: string[] = [];
  if (spec.kind === 'cron') {
    const explanation = explainCron(spec.cron ?? '', { dialect, count: 0 });
    parts.push(`${explanation.valid ? explanation.description : 'invalid cron'} (cron ${spec.cron})`);
  } else if (spec.kind === 'interval') {
    parts.push(describeInterval(spec.intervalSeconds ?? 0));
    parts.push(spec.start ? `from ${spec.start}` : 'from when the code runs');
  } else parts.push(`once at ${spec.runOnceAt}`);
  if (spec.kind !== 'interval' && spec.start) parts.push(`from ${spec.start}`);
  if (spec.end) parts.push(`until ${spec.end}`);
  if (spec.catchup) parts.push('with catch-up');
  if (spec.name) parts.push(`named ${spec.name}`);
  return parts.join(', ');
}

// ---------------------------------------------------------------- code

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface SchedulePlan {
  /** The edits, in document order, none overlapping. */
  edits: TextEdit[];
  /** The `Schedule(...)` expression as inserted. */
  scheduleCode: string;
  /** Every line of new code, for the preview and the tests: what the edit promises. */
  preview: string;
  /** Import lines added (empty when all were there). */
  addedImports: string[];
  /** Where the schedule is attached: a sentence for the summary. */
  placement: string;
  /** The line (0-based) of the `Schedule(` in the edited text, to reveal it. */
  scheduleLine: number;
  notes: string[];
}

export type PlanResult = { ok: true; plan: SchedulePlan } | { ok: false; code: 'no-pipeline' | 'already-scheduled' | 'syntax-error' | 'invalid-spec' | 'unreadable'; message: string };

export interface PlanOptions {
  /** The target orchestrator flavor (decides the dialect checks and Databricks' time zone setting). */
  flavor?: string | null;
  /** Databricks: the zone to put in `schedule_timezone` (default UTC). */
  scheduleTimeZone?: string;
}

/** Python string literal (double quotes, escapes for `\` and `"`). */
export function pyString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

interface Names {
  schedule: string;
  datetime: string;
  timedelta: string;
  timezone: string;
}

/** `datetime(2026, 12, 3, 8, 0, tzinfo=timezone.utc)` for an instant (written in UTC). */
function pyDatetime(iso: string, names: Names): string {
  const d = new Date(Date.parse(iso));
  const fields = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
  if (d.getUTCSeconds()) fields.push(d.getUTCSeconds());
  return `${names.datetime}(${fields.join(', ')}, tzinfo=${names.timezone}.utc)`;
}

/** `timedelta(hours=1, minutes=30)`. */
function pyTimedelta(seconds: number, names: Names): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['days', 86400], ['hours', 3600], ['minutes', 60], ['seconds', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n) parts.push(`${unit}=${n}`);
  }
  return `${names.timedelta}(${parts.join(', ')})`;
}

/** The `Schedule(...)` call for a spec, with the given local names. */
export function scheduleCall(spec: ScheduleSpec, names: Names): string {
  const args: string[] = [];
  if (spec.name) args.push(`name=${pyString(spec.name)}`);
  if (spec.kind === 'cron') args.push(`cron_expression=${pyString((spec.cron ?? '').trim())}`);
  if (spec.kind === 'interval') {
    args.push(`start_time=${spec.start ? pyDatetime(spec.start, names) : `${names.datetime}.now(${names.timezone}.utc)`}`);
    args.push(`interval_second=${pyTimedelta(spec.intervalSeconds ?? 0, names)}`);
  } else if (spec.start) args.push(`start_time=${pyDatetime(spec.start, names)}`);
  if (spec.kind === 'once' && spec.runOnceAt) args.push(`run_once_start_time=${pyDatetime(spec.runOnceAt, names)}`);
  if (spec.end) args.push(`end_time=${pyDatetime(spec.end, names)}`);
  if (spec.catchup !== undefined) args.push(`catchup=${spec.catchup ? 'True' : 'False'}`);
  return `${names.schedule}(${args.join(', ')})`;
}

function usesDatetime(spec: ScheduleSpec): boolean {
  return spec.kind === 'interval' || spec.kind === 'once' || !!spec.start || !!spec.end;
}

/**
 * The edits that schedule `pipeline` of the module `text` with `spec`:
 * - an existing `pipeline.with_options(...)` without a schedule gets `schedule=Schedule(...)`;
 * - else a plain run `pipeline(...)` becomes `pipeline.with_options(schedule=<name>_schedule)(...)`, with
 *   `<name>_schedule = Schedule(...)` on the line before its statement;
 * - else the two lines go at the end of the `if __name__ == "__main__":` block, or in a new one at the end.
 * Missing imports (`from zenml.config.schedule import Schedule`, `from datetime import ...`) go after the
 * last top-level import.
 */
export function planScheduleCode(text: string, pipeline: string, spec: ScheduleSpec, options: PlanOptions = {}): PlanResult {
  const module: PipelineModule = discoverPipelines(text);
  if (module.skipped) return { ok: false, code: 'unreadable', message: module.skipped };
  const definition = module.pipelines.find((p) => p.name === pipeline);
  if (!definition) {
    const known = module.pipelines.map((p) => p.name);
    return { ok: false, code: 'no-pipeline', message: `No @pipeline function named '${pipeline}' in this file${known.length ? ` (found: ${known.join(', ')})` : ''}.` };
  }
  if (module.syntaxError) {
    return { ok: false, code: 'syntax-error', message: `The file has a syntax error at line ${module.syntaxError.line + 1}: fix it first, so that the inserted code lands in the right place.` };
  }
  const create = createOptionsFor(options.flavor);
  const problems = validateSpec(spec, { ...create, refusal: undefined, kinds: create.refusal ? ['cron', 'interval', 'once'] : create.kinds });
  if (problems.length) return { ok: false, code: 'invalid-spec', message: problems.join(' ') };

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = new LineIndex(text);
  const needDatetime = usesDatetime(spec);
  const imports: string[] = [];
  const names: Names = { schedule: module.scheduleName ?? 'Schedule', datetime: 'datetime', timedelta: 'timedelta', timezone: 'timezone' };
  if (!module.scheduleName) imports.push('from zenml.config.schedule import Schedule');
  if (needDatetime) {
    const missing: string[] = [];
    names.datetime = module.datetimeName ?? (missing.push('datetime'), 'datetime');
    names.timezone = module.timezoneName ?? (missing.push('timezone'), 'timezone');
    if (spec.kind === 'interval') names.timedelta = module.timedeltaName ?? (missing.push('timedelta'), 'timedelta');
    // `import datetime` binds the module name: a from-import of the class would shadow it, so use the module.
    const moduleImport = module.datetimeName?.includes('.') ? module.datetimeName.split('.')[0] : module.timezoneName?.includes('.') ? module.timezoneName.split('.')[0] : null;
    if (missing.length && moduleImport) {
      for (const name of missing) names[name as 'datetime' | 'timedelta' | 'timezone'] = `${moduleImport}.${name}`;
    } else if (missing.length) imports.push(`from datetime import ${missing.sort().join(', ')}`);
  }
  const call = scheduleCall(spec, names);
  const notes: string[] = [];
  let settings = '';
  if (create.flavor === 'databricks' && spec.kind === 'cron' && !/schedule_timezone/.test(text)) {
    settings = `settings={"orchestrator.databricks": {"schedule_timezone": ${pyString(options.scheduleTimeZone ?? 'UTC')}}}`;
    notes.push(`Databricks needs a time zone for cron schedules: schedule_timezone is set to ${options.scheduleTimeZone ?? 'UTC'}.`);
  }

  const edits: { at: number; text: string; schedule?: boolean }[] = [];
  const previewLines: string[] = [];
  let placement: string;
  const sites = module.sites.filter((s) => s.pipeline === pipeline);
  const withOptions = sites.find((s) => s.kind === 'with_options');
  const plainCall = sites.find((s) => s.kind === 'call');
  if (withOptions && withOptions.kind === 'with_options') {
    if (withOptions.scheduleKeyword) {
      return {
        ok: false,
        code: 'already-scheduled',
        message: `${pipeline}.with_options(...) at line ${withOptions.scheduleKeyword.start.line + 1} already passes a schedule: change that one (hover it for its runs, or use the quick fixes).`,
      };
    }
    if (settings && withOptions.settingsKeyword) {
      notes.push('This with_options(...) passes settings already: add "schedule_timezone" to its Databricks orchestrator settings.');
      settings = '';
    }
    const keyword = `schedule=${call}${settings ? `, ${settings}` : ''}`;
    const inserted = withOptions.hasArguments ? `, ${keyword}` : keyword;
    edits.push({ at: withOptions.insertAt, text: inserted, schedule: true });
    previewLines.push(`${pipeline}.with_options(…${inserted})`);
    placement = `added to ${pipeline}.with_options(...) at line ${lines.lineOf(withOptions.from) + 1}`;
  } else if (plainCall && plainCall.kind === 'call') {
    const variable = `${pipeline}_schedule`;
    const assignment = `${plainCall.indent}${variable} = ${call}${eol}`;
    const attach = `.with_options(schedule=${variable}${settings ? `, ${settings}` : ''})`;
    edits.push({ at: plainCall.statementLineStart, text: assignment, schedule: true });
    edits.push({ at: plainCall.calleeEnd, text: attach });
    previewLines.push(`${variable} = ${call}`, `${pipeline}${attach}(…)`);
    placement = `before the run of ${pipeline} at line ${lines.lineOf(plainCall.calleeEnd) + 1}`;
  } else {
    const variable = `${pipeline}_schedule`;
    const args = definition.requiredParameters.map((p) => `${p}=...`).join(', ');
    if (args) notes.push(`${pipeline} has parameters without defaults (${definition.requiredParameters.join(', ')}): fill in the values in the inserted run call.`);
    const body = [`${variable} = ${call}`, `${pipeline}.with_options(schedule=${variable}${settings ? `, ${settings}` : ''})(${args})`];
    previewLines.push(...body);
    if (module.mainBlock) {
      const at = module.mainBlock.end;
      const lead = at === text.length && !text.endsWith('\n') ? eol : '';
      edits.push({ at, text: `${lead}${body.map((l) => `${module.mainBlock!.indent}${l}${eol}`).join('')}`, schedule: true });
      placement = `at the end of the if __name__ == "__main__": block`;
    } else {
      const trimmed = text.replace(/\s+$/, '');
      const at = text.length;
      const gap = trimmed.length === 0 ? '' : text.endsWith(`${eol}${eol}`) ? eol : text.endsWith(eol) ? `${eol}${eol}` : `${eol}${eol}${eol}`;
      edits.push({ at, text: `${gap}if __name__ == "__main__":${eol}${body.map((l) => `    ${l}${eol}`).join('')}`, schedule: true });
      placement = 'in a new if __name__ == "__main__": block at the end of the file';
    }
  }
  if (imports.length) {
    const at = module.importInsertOffset;
    const lead = at === text.length && text.length > 0 && !text.endsWith('\n') ? eol : '';
    edits.push({ at, text: `${lead}${imports.map((i) => `${i}${eol}`).join('')}` });
  }
  // Document order; at one offset the imports come first.
  edits.sort((a, b) => a.at - b.at || Number(!!a.schedule) - Number(!!b.schedule));
  // Where the Schedule lands in the edited text: the schedule edit's offset plus what the edits before it add.
  let shift = 0;
  let scheduleOffset = 0;
  for (const e of edits) {
    if (e.schedule) {
      scheduleOffset = e.at + shift + e.text.indexOf(call);
      break;
    }
    shift += e.text.length;
  }
  const edited = applyEdits(text, edits.map((e) => ({ range: lines.range(e.at, e.at), newText: e.text })));
  const scheduleLine = new LineIndex(edited).lineOf(scheduleOffset);
  return {
    ok: true,
    plan: {
      edits: edits.map((e) => ({ range: lines.range(e.at, e.at), newText: e.text })),
      scheduleCode: call,
      preview: [...imports, ...(imports.length ? [''] : []), ...previewLines].join('\n'),
      addedImports: imports,
      placement,
      scheduleLine,
      notes,
    },
  };
}

/** Applies non-overlapping edits (positions in the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  // Last first, so that earlier offsets stay valid; at one offset the edit listed first ends up first.
  const offsets = edits
    .map((e, index) => ({ from: lines.offset(e.range.start), to: lines.offset(e.range.end), text: e.newText, index }))
    .sort((a, b) => b.from - a.from || b.index - a.index);
  let out = text;
  for (const e of offsets) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** The arguments ZenML's Schedule takes for a spec, as JSON for the helper (`create now`). */
export function scheduleKwargs(spec: ScheduleSpec): Record<string, string | number | boolean> {
  const kwargs: Record<string, string | number | boolean> = {};
  if (spec.name) kwargs.name = spec.name;
  if (spec.kind === 'cron' && spec.cron) kwargs.cron_expression = spec.cron.trim();
  if (spec.kind === 'interval') {
    kwargs.interval_second = spec.intervalSeconds ?? 0;
    if (!spec.start) kwargs.start_time = 'now';
  }
  if (spec.start) kwargs.start_time = spec.start;
  if (spec.kind === 'once' && spec.runOnceAt) kwargs.run_once_start_time = spec.runOnceAt;
  if (spec.end) kwargs.end_time = spec.end;
  if (spec.catchup !== undefined) kwargs.catchup = spec.catchup;
  return kwargs;
}

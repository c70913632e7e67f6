// What a discovered schedule does, in one summary shared by the hover, the
// sidebar and `zenml-schedules list`: its kind (ZenML's precedence), the
// expression or interval, plain words, and the next runs.

import { describeInterval, explainCron, isoUtc, isValidTimeZone, nextIntervalRuns } from '../cron';
import type { CronExplanation, Dialect } from '../cron/types';
import { githubScheduleZone } from '../discovery/githubWorkflow';
import type { DiscoveredSchedule, FieldValue } from '../discovery/types';
import { effectiveKind, findField, triggerState } from '../findings';
import type { OrchestratorContext } from '../common/flavors';
import { capabilityOf, dialectOfFlavor, type ScheduleKind } from '../common/flavors';
import type { ZoneContext } from './zones';

export interface ScheduleSummary {
  /** Null when the Schedule sets no trigger ZenML accepts. */
  kind: ScheduleKind | null;
  /** The `name=` of the schedule when it is a known string. */
  name: string | null;
  expression: string | null;
  intervalSeconds: number | null;
  /** Plain words: "At 03:00", "every 30 minutes, from …", "once, at …", or why it cannot be said. */
  description: string;
  nextRuns: Date[];
  dialect: Dialect;
  /** The zone a cron is evaluated in (null for other kinds). */
  evaluationZone: string | null;
  /**
   * Where that zone comes from when the schedule or its file names it: a GitHub entry's `timezone:`, the
   * Databricks `schedule_timezone` of the file's settings, a TZ=/CRON_TZ= prefix. Absent: the default.
   */
  zoneSource?: ZoneContext['source'];
  explanation: CronExplanation | null;
}

export interface SummaryOptions {
  dialect: Dialect;
  /** The zone the orchestrator evaluates cron in; undefined = the engine's default for the dialect. */
  timeZone?: string;
  now: Date;
  count: number;
  /**
   * Whether start_time / end_time bound the runs: true (the default) where the orchestrator applies them
   * (Kubeflow, Vertex AI, Airflow, the standard reading), false where it ignores them (Kubernetes,
   * Databricks, GitHub Actions).
   */
  window?: boolean;
}

/** Whether start_time / end_time bound the runs on this orchestrator (unknown: they are read as written). */
export function windowApplies(orchestrator: OrchestratorContext | null): boolean {
  return capabilityOf(orchestrator?.flavor)?.window !== false;
}

/**
 * The zone an orchestrator evaluates cron in when nothing says otherwise: every named
 * orchestrator uses UTC (their server-side default), so a flavor read in the `standard`
 * dialect does too; with no orchestrator, the engine's default (the machine's zone).
 */
export function defaultCronZone(dialect: Dialect, orchestratorNamed: boolean): string | undefined {
  return dialect === 'standard' && orchestratorNamed ? 'UTC' : undefined;
}

/** Summary options for code that targets `orchestrator` (null = unknown). */
export function summaryOptionsFor(orchestrator: OrchestratorContext | null, now: Date, count: number): SummaryOptions {
  const dialect = dialectOfFlavor(orchestrator?.flavor);
  return { dialect, timeZone: defaultCronZone(dialect, orchestrator !== null), now, count, window: windowApplies(orchestrator) };
}

type DatetimeValue = Extract<FieldValue, { kind: 'datetime' }>;

function datetimeOf(schedule: DiscoveredSchedule, name: 'start_time' | 'end_time' | 'run_once_start_time'): DatetimeValue | null {
  const value = findField(schedule, name)?.value;
  return value?.kind === 'datetime' ? value : null;
}

/** `catchup=True` as written (ZenML's default is False). */
function catchupOf(schedule: DiscoveredSchedule): boolean {
  const value = findField(schedule, 'catchup')?.value;
  return value?.kind === 'bool' && value.value;
}

/** The instant a datetime stands for; a naive one is local time, as ZenML's `.astimezone()` reads it. */
function instantOf(value: DatetimeValue | null): Date | null {
  if (!value?.iso) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value.iso) ? `${value.iso}T00:00:00` : value.iso;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

/** The kind as written, for a Schedule ZenML would reject (so the row still says what was meant). */
function writtenKind(schedule: DiscoveredSchedule): ScheduleKind | null {
  const written = (name: 'cron_expression' | 'interval_second' | 'run_once_start_time') => {
    const value = findField(schedule, name)?.value;
    return value !== undefined && value.kind !== 'none';
  };
  if (written('cron_expression')) return 'cron';
  if (written('interval_second')) return 'interval';
  if (written('run_once_start_time')) return 'once';
  return null;
}

/** ", from …", ", until …", or "; ended …" when the end has passed. */
function windowWords(start: Date | null, end: Date | null, now: Date): string {
  if (end && end <= now) return `; ended ${isoUtc(end)}`;
  let words = '';
  if (start && start > now) words += `, from ${isoUtc(start)}`;
  if (end) words += `, until ${isoUtc(end)}`;
  return words;
}

export function summarizeSchedule(schedule: DiscoveredSchedule, summaryOptions: SummaryOptions): ScheduleSummary {
  // A GitHub Actions workflow's schedule runs on GitHub, in its `timezone:` (else UTC), whatever the stack;
  // a Databricks cron in its file's `schedule_timezone`, whatever the caller's default.
  const zone = zoneFor(schedule, summaryOptions);
  const options: SummaryOptions = schedule.github
    ? { ...summaryOptions, dialect: 'github', timeZone: githubScheduleZone(schedule) ?? 'UTC' }
    : zone.timeZone !== undefined
      ? { ...summaryOptions, timeZone: zone.timeZone }
      : summaryOptions;
  const nameValue = findField(schedule, 'name')?.value;
  const base: ScheduleSummary = {
    kind: null,
    name: nameValue?.kind === 'string' ? nameValue.value : null,
    expression: null,
    intervalSeconds: null,
    description: 'no trigger: ZenML rejects this Schedule',
    nextRuns: [],
    dialect: options.dialect,
    evaluationZone: null,
    explanation: null,
  };
  const kind = effectiveKind(triggerState(schedule)) ?? writtenKind(schedule);
  if (kind === 'cron') {
    const value = findField(schedule, 'cron_expression')?.value;
    if (value?.kind !== 'string') return { ...base, kind, description: 'cron expression computed at run time' };
    const window = options.window !== false;
    const start = window ? instantOf(datetimeOf(schedule, 'start_time')) : null;
    const end = window ? instantOf(datetimeOf(schedule, 'end_time')) : null;
    // Runs inside the window (Airflow: its timetable with the DAG's start_date, end_date, catchup).
    const explanation = explainCron(value.value, {
      dialect: options.dialect,
      timeZone: options.timeZone,
      from: options.now,
      count: options.count,
      window: { start, end, catchup: window && catchupOf(schedule) },
    });
    const nextRuns = explanation.nextRuns;
    let description = explanation.valid ? explanation.description : `invalid: ${explanation.error?.message ?? 'not a cron expression'}`;
    if (explanation.valid) description += windowWords(start, end, options.now);
    const zoneSource = zone.source ?? prefixSource(value.value);
    return { ...base, kind, expression: value.value, description, nextRuns, evaluationZone: explanation.timeZone, explanation, ...(zoneSource ? { zoneSource } : {}) };
  }
  if (kind === 'interval') {
    const value = findField(schedule, 'interval_second')?.value;
    const seconds = value?.kind === 'number' && value.value > 0 ? value.value : null;
    const start = datetimeOf(schedule, 'start_time');
    const startInstant = instantOf(start);
    let description = seconds === null ? 'interval computed at run time' : describeInterval(seconds);
    if (startInstant) description += `, from ${isoUtc(startInstant)}`;
    else if (start?.source === 'now' || start?.source === 'utcnow') description += ', from when the schedule is created';
    else if (!start) description += ', with no start_time: no trigger';
    const endInstant = options.window !== false ? (instantOf(datetimeOf(schedule, 'end_time')) ?? undefined) : undefined;
    if (endInstant) description += windowWords(null, endInstant, options.now);
    const nextRuns = seconds !== null && startInstant ? nextIntervalRuns(startInstant, seconds, options.now, options.count, endInstant) : [];
    return { ...base, kind, intervalSeconds: seconds, description, nextRuns };
  }
  if (kind === 'once') {
    const at = instantOf(datetimeOf(schedule, 'run_once_start_time'));
    const description = at ? `once, at ${isoUtc(at)}` : 'once, at a time computed at run time';
    return { ...base, kind, description, nextRuns: at && at > options.now ? [at] : [] };
  }
  return base;
}

/**
 * The zone the orchestrator reads this schedule's cron in, when the workspace says so: a GitHub
 * workflow entry's `timezone:` (source only: summarizeSchedule reads the zone itself), or, read in the
 * Databricks dialect, the `schedule_timezone` of the file's settings (discovery keeps it when the file
 * sets exactly one; only a valid IANA zone counts). Empty when the orchestrator's default applies.
 */
export function zoneFor(
  schedule: DiscoveredSchedule,
  options: Pick<SummaryOptions, 'dialect'>,
): { timeZone?: string; source?: 'github-timezone' | 'databricks-setting' } {
  if (schedule.github) return schedule.github.timezone ? { source: 'github-timezone' } : {};
  const zone = options.dialect === 'databricks' ? schedule.scheduleTimezone : undefined;
  if (zone !== undefined && isValidTimeZone(zone)) return { timeZone: zone, source: 'databricks-setting' };
  return {};
}

/** 'prefix' when the cron names its own zone (TZ=/CRON_TZ=, read by Vertex AI and Kubeflow). */
export function prefixSource(expression: string | null): 'prefix' | undefined {
  return expression !== null && /^\s*(CRON_)?TZ=/.test(expression) ? 'prefix' : undefined;
}

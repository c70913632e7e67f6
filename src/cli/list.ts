// `zenml-schedules list <paths...>`: every schedule found, with what it does and when it runs next.

import { describeInterval, explainCron, nextIntervalRuns } from '../cron';
import type { Dialect } from '../cron/types';
import type { DiscoveredSchedule, FieldValue } from '../discovery/types';
import { effectiveKind, findField, triggerState } from '../findings';
import type { ScheduleKind } from '../zenml/capabilities';
import { dialectOfFlavor } from '../zenml/capabilities';
import { EXIT_OK, EXIT_USAGE, UsageError, flag, isoUtc, parseCommandArgs, parseTimeZone, stringOption } from './args';
import { reportSkipped } from './check';
import { alignColumns, formatInstant, oneBased } from './format';
import type { CliIo } from './io';
import { defaultCronZone, resolveOrchestrator } from './orchestrator';
import { analyzeWorkspace } from './workspace';

export const LIST_HELP = `Usage: zenml-schedules list <paths...> [options]

List the ZenML schedules in .py, .yaml and .yml files: where, which pipeline,
cron / interval / once, what it means and when it runs next.

Options:
  --orchestrator FLAVOR  read cron expressions in that orchestrator's dialect
  --tz ZONE              IANA zone the orchestrator evaluates cron in
                         (default: UTC for orchestrators, this machine's zone for standard)
  --json                 print JSON
  -h, --help             show this help

Exit: 0 success, 2 bad usage or a missing path.
`;

export interface ListedSchedule {
  file: string;
  line: number;
  column: number;
  pipeline: string | null;
  /** Null when the Schedule sets no trigger ZenML accepts. */
  kind: ScheduleKind | null;
  expression: string | null;
  intervalSeconds: number | null;
  dialect: Dialect;
  description: string;
  nextRun: string | null;
}

type DatetimeValue = Extract<FieldValue, { kind: 'datetime' }>;

function datetimeOf(schedule: DiscoveredSchedule, name: 'start_time' | 'end_time' | 'run_once_start_time'): DatetimeValue | null {
  const value = findField(schedule, name)?.value;
  return value?.kind === 'datetime' ? value : null;
}

/** The instant a datetime stands for; a naive one is local time, as ZenML's `.astimezone()` reads it. */
function instantOf(value: DatetimeValue | null): Date | null {
  if (!value?.iso) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value.iso) ? `${value.iso}T00:00:00` : value.iso;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

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

interface Summary {
  kind: ScheduleKind | null;
  expression: string | null;
  intervalSeconds: number | null;
  description: string;
  nextRun: Date | null;
}

function summariseCron(schedule: DiscoveredSchedule, dialect: Dialect, timeZone: string | undefined, now: Date): Summary {
  const value = findField(schedule, 'cron_expression')?.value;
  if (value?.kind !== 'string') {
    return { kind: 'cron', expression: null, intervalSeconds: null, description: 'cron expression computed at run time', nextRun: null };
  }
  const explanation = explainCron(value.value, { dialect, timeZone, from: now, count: 1 });
  const description = explanation.valid ? explanation.description : `invalid: ${explanation.error?.message ?? 'not a cron expression'}`;
  return { kind: 'cron', expression: value.value, intervalSeconds: null, description, nextRun: explanation.nextRuns[0] ?? null };
}

function summariseInterval(schedule: DiscoveredSchedule, now: Date): Summary {
  const value = findField(schedule, 'interval_second')?.value;
  const seconds = value?.kind === 'number' && value.value > 0 ? value.value : null;
  const start = datetimeOf(schedule, 'start_time');
  const startInstant = instantOf(start);
  let description = seconds === null ? 'interval computed at run time' : describeInterval(seconds);
  if (startInstant) description += `, from ${isoUtc(startInstant)}`;
  else if (start?.source === 'now' || start?.source === 'utcnow') description += ', from when the schedule is created';
  const endInstant = instantOf(datetimeOf(schedule, 'end_time')) ?? undefined;
  const nextRun = seconds !== null && startInstant ? (nextIntervalRuns(startInstant, seconds, now, 1, endInstant)[0] ?? null) : null;
  return { kind: 'interval', expression: null, intervalSeconds: seconds, description, nextRun };
}

function summariseOnce(schedule: DiscoveredSchedule, now: Date): Summary {
  const at = instantOf(datetimeOf(schedule, 'run_once_start_time'));
  const description = at ? `once, at ${isoUtc(at)}` : 'once, at a time computed at run time';
  return { kind: 'once', expression: null, intervalSeconds: null, description, nextRun: at && at > now ? at : null };
}

export function summariseSchedule(schedule: DiscoveredSchedule, dialect: Dialect, timeZone: string | undefined, now: Date): Summary {
  const kind = effectiveKind(triggerState(schedule)) ?? writtenKind(schedule);
  switch (kind) {
    case 'cron':
      return summariseCron(schedule, dialect, timeZone, now);
    case 'interval':
      return summariseInterval(schedule, now);
    case 'once':
      return summariseOnce(schedule, now);
    default:
      return { kind: null, expression: null, intervalSeconds: null, description: 'no trigger: ZenML rejects this Schedule', nextRun: null };
  }
}

function humanList(schedules: ListedSchedule[], displayZone: string): string {
  if (schedules.length === 0) return 'No schedules found.\n';
  const rows = schedules.map((s) => [
    `${s.file}:${s.line}:${s.column}`,
    s.pipeline ?? '-',
    s.kind ?? '-',
    s.expression ?? (s.intervalSeconds !== null ? `${s.intervalSeconds}s` : '-'),
    s.description,
    s.nextRun ? `next ${formatInstant(new Date(s.nextRun), displayZone)}` : 'no next run',
  ]);
  return alignColumns(rows).join('\n') + `\n${schedules.length} schedule${schedules.length === 1 ? '' : 's'}\n`;
}

export async function runList(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    orchestrator: { type: 'string' },
    tz: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(LIST_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('list needs at least one file or folder, e.g. zenml-schedules list .');
  const tzText = stringOption(parsed, 'tz');
  const resolution = await resolveOrchestrator({ flavor: stringOption(parsed, 'orchestrator') });
  const dialect = dialectOfFlavor(resolution.orchestrator?.flavor);
  const timeZone = tzText === undefined ? defaultCronZone(dialect, resolution.orchestrator !== null) : parseTimeZone(tzText);
  const now = io.now();
  const analysis = await analyzeWorkspace(parsed.positionals, { orchestrator: resolution.orchestrator, now });
  if (analysis.missing.length > 0) {
    for (const path of analysis.missing) io.stderr(`error: no such file or folder: ${path}\n`);
    return EXIT_USAGE;
  }
  reportSkipped(analysis, resolution.notes, io);
  const schedules: ListedSchedule[] = analysis.files.flatMap((f) =>
    f.discovery.schedules.map((schedule) => {
      const summary = summariseSchedule(schedule, dialect, timeZone, now);
      const { line, column } = oneBased(schedule.nameRange);
      return {
        file: f.file.display,
        line,
        column,
        pipeline: schedule.pipeline,
        kind: summary.kind,
        expression: summary.expression,
        intervalSeconds: summary.intervalSeconds,
        dialect,
        description: summary.description,
        nextRun: summary.nextRun ? isoUtc(summary.nextRun) : null,
      };
    }),
  );
  if (flag(parsed, 'json')) io.stdout(JSON.stringify({ schedules }, null, 2) + '\n');
  else io.stdout(humanList(schedules, timeZone ?? 'UTC'));
  return EXIT_OK;
}

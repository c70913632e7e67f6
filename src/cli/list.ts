// `zenml-schedules list <paths...>`: every schedule found, with what it does and when it runs next.

import type { Dialect } from '../cron/types';
import { summarizeSchedule, windowApplies } from '../workspace/summary';
import { targetOrchestrator, triggerState } from '../findings';
import type { ScheduleKind } from '../common/flavors';
import { dialectOfFlavor } from '../common/flavors';
import { EXIT_OK, EXIT_USAGE, UsageError, flag, isoUtc, parseCommandArgs, stringOption } from './args';
import { reportSkipped } from './check';
import { alignColumns, formatInstant, locate, locationText, plural } from './format';
import type { CliIo } from './io';
import { cronZoneOption, resolveOrchestrator } from './orchestratorOption';
import { analyzeWorkspace } from './analyzeFiles';

export const LIST_HELP = `Usage: zenml-schedules list <paths...> [options]

List the ZenML schedules in .py, .yaml, .yml and .ipynb files: where, which pipeline,
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
  /** Notebooks: the 1-based cell (counting all cells); line and column are inside it. */
  cell?: number;
  line: number;
  column: number;
  pipeline: string | null;
  kind: ScheduleKind;
  expression: string | null;
  intervalSeconds: number | null;
  /** The dialect the row is read in: a GitHub workflow entry is `github` whatever the project's orchestrator. */
  dialect: Dialect;
  /** The zone a cron is read in (a GitHub `timezone:`, a Databricks `schedule_timezone`, --tz or the default); null for other kinds. An extra key. */
  timeZone: string | null;
  description: string;
  nextRun: string | null;
}

function humanList(schedules: ListedSchedule[], displayZone: string): string {
  if (schedules.length === 0) return 'No schedules found.\n';
  const rows = schedules.map((s) => [
    locationText(s.file, s),
    s.pipeline ?? '-',
    s.kind ?? '-',
    s.expression ?? (s.intervalSeconds !== null ? `${s.intervalSeconds}s` : '-'),
    s.description,
    s.nextRun ? `next ${formatInstant(new Date(s.nextRun), displayZone)}` : 'no next run',
  ]);
  return alignColumns(rows).join('\n') + `\n${plural(schedules.length, 'schedule')}\n`;
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
  const timeZone = cronZoneOption(tzText, dialect, resolution.orchestrator !== null);
  const now = io.now();
  const analysis = await analyzeWorkspace(parsed.positionals, { orchestrator: resolution.orchestrator, now });
  if (analysis.missing.length > 0) {
    for (const path of analysis.missing) io.stderr(`error: no such file or folder: ${path}\n`);
    return EXIT_USAGE;
  }
  reportSkipped(analysis, resolution.notes, io);
  let withoutTrigger = 0;
  let setAtRunTime = 0;
  const schedules: ListedSchedule[] = analysis.files.flatMap((f) => {
    // The flag wins; without it, a file's one `orchestrator.<flavor>` settings key says which dialect it is in.
    const target = targetOrchestrator(f.discovery, resolution.orchestrator);
    const fileDialect = target === resolution.orchestrator ? dialect : dialectOfFlavor(target?.flavor);
    const fileZone = target === resolution.orchestrator ? timeZone : cronZoneOption(tzText, fileDialect, target !== null);
    return f.discovery.schedules.flatMap((schedule) => {
      const summary = summarizeSchedule(schedule, { dialect: fileDialect, timeZone: fileZone, now, count: 1, window: windowApplies(target) });
      if (summary.kind === null) {
        // `Schedule(**config)` / `Schedule(...)`: what it sets is only known at run time.
        if (triggerState(schedule).any === 'unknown') setAtRunTime++;
        // A Schedule with no trigger is not a schedule ZenML would create: `check` reports it.
        else withoutTrigger++;
        return [];
      }
      const { cell, line, column } = locate(f.discovery, schedule.nameRange);
      const listed: ListedSchedule = {
        file: f.file.display,
        ...(cell === undefined ? {} : { cell }),
        line,
        column,
        pipeline: schedule.pipeline,
        kind: summary.kind,
        expression: summary.expression,
        intervalSeconds: summary.intervalSeconds,
        dialect: summary.dialect,
        timeZone: summary.evaluationZone,
        description: summary.description,
        nextRun: summary.nextRuns.length ? isoUtc(summary.nextRuns[0]) : null,
      };
      return [listed];
    });
  });
  if (setAtRunTime > 0) {
    io.stderr(`note: ${plural(setAtRunTime, 'Schedule')} whose fields are set at run time (Schedule(**config)) not listed.\n`);
  }
  if (withoutTrigger > 0) {
    io.stderr(`note: ${plural(withoutTrigger, 'Schedule')} without a trigger not listed (zenml-schedules check reports ${withoutTrigger === 1 ? 'it' : 'them'}).\n`);
  }
  if (flag(parsed, 'json')) io.stdout(JSON.stringify({ schedules }, null, 2) + '\n');
  else io.stdout(humanList(schedules, timeZone ?? 'UTC'));
  return EXIT_OK;
}

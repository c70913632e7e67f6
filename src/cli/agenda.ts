// `zenml-schedules agenda [paths…]`: every run in the next hours or days, in order, with
// collisions and overlaps flagged; `--ics FILE` writes the same runs as an iCalendar file.

import { writeFile } from 'node:fs/promises';
import { isValidTimeZone, machineTimeZone } from '../cron';
import { dialectOfFlavor } from '../common/flavors';
import { agendaToIcs, MAX_ICS_EVENTS } from '../workspace/ics';
import { buildAgenda, timelineScheduleOf, type Agenda, type TimelineRun, type TimelineSchedule } from '../workspace/timeline';
import { analyzeWorkspace } from './analyzeFiles';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, flag, isoUtc, parseCommandArgs, parseCount, parseTimeZone, stringOption } from './args';
import { reportSkipped } from './check';
import { alignColumns, formatInstant, plural } from './format';
import type { CliIo } from './io';
import { cronZoneOption, resolveOrchestrator } from './orchestratorOption';

export const AGENDA_HELP = `Usage: zenml-schedules agenda <paths...> [options]

Every run of the schedules found in .py, .yaml and .yml files within a window, in
order, with collisions (runs of different pipelines within a few minutes on the
same orchestrator) and overlaps flagged.

Options:
  --hours N                the next N hours (default 24)
  --days N                 the next N days (instead of --hours; at most 31)
  --orchestrator FLAVOR    read cron expressions in that orchestrator's dialect
  --tz ZONE                IANA zone the orchestrator evaluates cron in
                           (default: UTC for orchestrators, this machine's zone for standard)
  --display-tz ZONE        the zone times are printed in (default: this machine's)
  --collision-minutes N    runs this close collide (default 5)
  --ics FILE               also write the runs as an iCalendar file (at most ${MAX_ICS_EVENTS} events)
  --json                   print JSON
  -h, --help               show this help

Exit: 0 success, 1 the .ics file could not be written, 2 bad usage or a missing path.
`;

interface RunJson {
  at: string;
  pipeline: string | null;
  schedule: string;
  source: string;
  orchestrator: string | null;
  file: string | null;
  line: number | null;
}

function runJson(run: TimelineRun): RunJson {
  return {
    at: isoUtc(run.at),
    pipeline: run.pipeline,
    schedule: run.schedule,
    source: run.source,
    orchestrator: run.orchestrator,
    file: run.file ?? null,
    line: run.line ?? null,
  };
}

export function agendaJson(agenda: Agenda): object {
  return {
    from: isoUtc(agenda.from),
    to: isoUtc(agenda.to),
    runs: agenda.runs.map(runJson),
    collisions: agenda.collisions.map((c) => ({ at: isoUtc(c.at), orchestrator: c.target, runs: c.runs.map(runJson) })),
    overlaps: agenda.overlaps.map((o) => ({
      pipeline: o.pipeline,
      schedule: o.schedule,
      source: o.source,
      intervalSeconds: o.intervalSeconds,
      typicalDurationSeconds: o.typicalDurationSeconds,
    })),
  };
}

function humanAgenda(agenda: Agenda, displayZone: string): string {
  if (agenda.runs.length === 0) return `No runs between ${formatInstant(agenda.from, displayZone)} and ${formatInstant(agenda.to, displayZone)}.\n`;
  const colliding = new Set<TimelineRun>();
  for (const c of agenda.collisions) for (const r of c.runs) colliding.add(r);
  const rows = agenda.runs.map((r) => [
    formatInstant(r.at, displayZone),
    r.pipeline ?? '-',
    r.schedule,
    r.orchestrator ?? 'unknown',
    r.file ? `${r.file}:${r.line ?? ''}` : r.source,
    colliding.has(r) ? 'collision' : '',
  ]);
  let text = alignColumns(rows).map((l) => l.trimEnd()).join('\n') + '\n';
  text += `${plural(agenda.runs.length, 'run')}, ${plural(agenda.collisions.length, 'collision')}, ${plural(agenda.overlaps.length, 'overlap')}\n`;
  for (const c of agenda.collisions) {
    const names = [...new Set(c.runs.map((r) => r.pipeline ?? r.schedule))].join(', ');
    text += `collision at ${formatInstant(c.at, displayZone)} on ${c.target}: ${names}\n`;
  }
  for (const o of agenda.overlaps) {
    text += `overlap: ${o.pipeline ?? o.schedule} runs every ${o.intervalSeconds} s but its runs take about ${o.typicalDurationSeconds} s\n`;
  }
  return text;
}

function windowHours(hoursText: string | undefined, daysText: string | undefined): number {
  if (hoursText !== undefined && daysText !== undefined) throw new UsageError('use --hours or --days, not both');
  if (daysText !== undefined) return parseCount(daysText, '--days', 31) * 24;
  if (hoursText !== undefined) return parseCount(hoursText, '--hours', 744);
  return 24;
}

export async function runAgenda(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    hours: { type: 'string' },
    days: { type: 'string' },
    orchestrator: { type: 'string' },
    tz: { type: 'string' },
    'display-tz': { type: 'string' },
    'collision-minutes': { type: 'string' },
    ics: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(AGENDA_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('agenda needs at least one file or folder, e.g. zenml-schedules agenda .');
  const hours = windowHours(stringOption(parsed, 'hours'), stringOption(parsed, 'days'));
  const collisionText = stringOption(parsed, 'collision-minutes');
  const collisionMinutes = collisionText === undefined ? 5 : collisionText.trim() === '0' ? 0 : parseCount(collisionText, '--collision-minutes', 1440);
  const displayText = stringOption(parsed, 'display-tz');
  const displayZone = displayText === undefined ? machineTimeZone() : parseTimeZone(displayText);
  const resolution = await resolveOrchestrator({ flavor: stringOption(parsed, 'orchestrator') });
  const flavor = resolution.orchestrator?.flavor ?? null;
  const dialect = dialectOfFlavor(flavor);
  const timeZone = cronZoneOption(stringOption(parsed, 'tz'), dialect, resolution.orchestrator !== null);
  const from = io.now();
  const to = new Date(from.getTime() + hours * 3_600_000);
  const analysis = await analyzeWorkspace(parsed.positionals, { orchestrator: resolution.orchestrator, now: from });
  if (analysis.missing.length > 0) {
    for (const path of analysis.missing) io.stderr(`error: no such file or folder: ${path}\n`);
    return EXIT_USAGE;
  }
  reportSkipped(analysis, resolution.notes, io);
  const schedules: TimelineSchedule[] = analysis.files.flatMap((f) =>
    f.discovery.schedules.flatMap((schedule) => {
      const start = schedule.nameRange.start;
      const item = timelineScheduleOf(schedule, {
        id: `${f.file.display}#${start.line}:${start.character}`,
        source: 'workspace',
        orchestrator: flavor,
        file: f.file.display,
        summary: { dialect, timeZone },
        from,
        to,
      });
      return item ? [item] : [];
    }),
  );
  for (const s of schedules.filter((x) => x.truncated)) {
    io.stderr(`note: ${s.file}:${s.line} runs more than ${s.runs.length} times in the window; only the first ${s.runs.length} are listed.\n`);
  }
  const agenda = buildAgenda(schedules, { from, to, collisionMinutes });
  const icsFile = stringOption(parsed, 'ics');
  if (icsFile !== undefined) {
    try {
      await writeFile(icsFile, agendaToIcs(agenda, from), 'utf8');
    } catch (error) {
      io.stderr(`error: could not write ${icsFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILED;
    }
    if (agenda.runs.length > MAX_ICS_EVENTS) io.stderr(`note: ${icsFile} holds the first ${MAX_ICS_EVENTS} of ${agenda.runs.length} runs.\n`);
  }
  if (flag(parsed, 'json')) io.stdout(JSON.stringify(agendaJson(agenda), null, 2) + '\n');
  else io.stdout(humanAgenda(agenda, isValidTimeZone(displayZone) ? displayZone : 'UTC'));
  return EXIT_OK;
}

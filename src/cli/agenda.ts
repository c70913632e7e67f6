// `zenml-schedules agenda [paths…]`: every run in the next hours or days, in order, with
// collisions and overlaps flagged; `--ics FILE` writes the same runs as an iCalendar file.

import { writeFile } from 'node:fs/promises';
import { isValidTimeZone, machineTimeZone } from '../cron';
import { dialectOfFlavor } from '../common/flavors';
import type { AdapterError } from '../adapters/errors';
import { exitCodeOf } from '../adapters/errors';
import { createAdapter, type AdapterDependencies } from '../adapters/registry';
import type { ScheduleAdapter } from '../adapters/types';
import type { CodeSchedule } from '../workspace/drift';
import { agendaToIcs, MAX_ICS_EVENTS } from '../workspace/ics';
import { refreshAll } from '../workspace/liveModel';
import { summarizeSchedule } from '../workspace/summary';
import { buildAgenda, markDriftOnCode, timelineScheduleOf, timelineScheduleOfLive, type Agenda, type TimelineRun, type TimelineSchedule } from '../workspace/timeline';
import { analyzeWorkspace } from './analyzeFiles';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, flag, isoUtc, parseCommandArgs, parseCount, parseTimeZone, stringOption } from './args';
import { resolveConnections } from './connections';
import { reportSkipped } from './check';
import { alignColumns, formatInstant, plural } from './format';
import type { CliIo } from './io';
import { cronZoneOption, resolveOrchestrator } from './orchestratorOption';

export const AGENDA_HELP = `Usage: zenml-schedules agenda [paths...] [options]

Every run of the schedules found in .py, .yaml and .yml files and, with
--connections or --zenml-url, of the live schedules on those connections, within
a window, in order, with collisions (runs of different pipelines within a few
minutes on the same orchestrator, or on the same connection for live ones),
overlaps (live schedules whose recent runs took longer than their interval) and
failing, silent, ended or drifted schedules flagged.

Options:
  --hours N                the next N hours (default 24)
  --days N                 the next N days (instead of --hours; at most 31)
  --orchestrator FLAVOR    read cron expressions in that orchestrator's dialect
  --tz ZONE                IANA zone the orchestrator evaluates cron in
                           (default: UTC for orchestrators, this machine's zone for standard)
  --display-tz ZONE        the zone times are printed in (default: this machine's)
  --collision-minutes N    runs this close collide (default 5)
  --ics FILE               also write the runs as an iCalendar file (at most ${MAX_ICS_EVENTS} events)
  --connections FILE       also the live schedules of these connections (a JSON array, as for \`schedules\`)
  --source NAME            only this connection
  --zenml-url URL          also the live schedules of one ZenML server (instead of --connections)
  --api-key-env NAME       the environment variable that holds its API key
  --json                   print JSON
  -h, --help               show this help

Exit: 0 success, 1 the .ics file could not be written or a connection could not be
read (the others are listed), 2 bad usage or a missing path, 3 every connection
unreachable or unauthorised.
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

/** What is marked on a schedule (health, window, drift), for --json and the text. */
interface MarkJson {
  pipeline: string | null;
  schedule: string;
  source: string;
  kind: string;
  text: string;
}

function marksOf(schedules: readonly TimelineSchedule[]): MarkJson[] {
  return schedules.flatMap((s) => (s.flags ?? []).map((f) => ({ pipeline: s.pipeline, schedule: s.label, source: s.source, kind: f.kind, text: f.text })));
}

export function agendaJson(agenda: Agenda, extra: { marks?: MarkJson[]; errors?: AdapterError[] } = {}): object {
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
    marks: extra.marks ?? [],
    errors: (extra.errors ?? []).map((e) => ({ source: e.source ?? null, code: e.code, message: e.message })),
  };
}

function humanAgenda(agenda: Agenda, displayZone: string, marks: readonly MarkJson[]): string {
  const markLines = marks.map((m) => `${m.kind}: ${m.pipeline ? `${m.pipeline} · ` : ''}${m.schedule} (${m.source}): ${m.text}\n`).join('');
  if (agenda.runs.length === 0) return `No runs between ${formatInstant(agenda.from, displayZone)} and ${formatInstant(agenda.to, displayZone)}.\n${markLines}`;
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
    text += `collision at ${formatInstant(c.at, displayZone)} on ${c.runs[0].source === 'workspace' ? c.target : `connection ${c.target}`}: ${names}\n`;
  }
  for (const o of agenda.overlaps) {
    text += `overlap: ${o.pipeline ?? o.schedule} (${o.source}) runs every ${o.intervalSeconds} s but its runs take about ${o.typicalDurationSeconds} s\n`;
  }
  return text + markLines;
}

function windowHours(hoursText: string | undefined, daysText: string | undefined): number {
  if (hoursText !== undefined && daysText !== undefined) throw new UsageError('use --hours or --days, not both');
  if (daysText !== undefined) return parseCount(daysText, '--days', 31) * 24;
  if (hoursText !== undefined) return parseCount(hoursText, '--hours', 744);
  return 24;
}

/** What the live part needs from outside (the tests pass their own environment). */
export interface AgendaDeps {
  env?: NodeJS.ProcessEnv;
  fetch?: AdapterDependencies['fetch'];
  timeoutMs?: number;
}

export async function runAgenda(argv: string[], io: CliIo, deps: AgendaDeps = {}): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    hours: { type: 'string' },
    days: { type: 'string' },
    orchestrator: { type: 'string' },
    tz: { type: 'string' },
    'display-tz': { type: 'string' },
    'collision-minutes': { type: 'string' },
    ics: { type: 'string' },
    json: { type: 'boolean' },
    connections: { type: 'string' },
    source: { type: 'string' },
    'zenml-url': { type: 'string' },
    'api-key-env': { type: 'string' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(AGENDA_HELP);
    return EXIT_OK;
  }
  const connectionsFile = stringOption(parsed, 'connections');
  const zenmlUrl = stringOption(parsed, 'zenml-url');
  const sourceName = stringOption(parsed, 'source');
  const live = connectionsFile !== undefined || zenmlUrl !== undefined;
  if (!live && stringOption(parsed, 'api-key-env') !== undefined) throw new UsageError('--api-key-env goes with --zenml-url');
  if (!live && sourceName !== undefined) throw new UsageError('--source goes with --connections or --zenml-url');
  if (parsed.positionals.length === 0 && !live) throw new UsageError('agenda needs at least one file or folder (or --connections / --zenml-url), e.g. zenml-schedules agenda .');
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
  // The connections are resolved before anything is read, so that a usage error comes first.
  const adapters: ScheduleAdapter[] = [];
  const errors: AdapterError[] = [];
  if (live) {
    const resolved = resolveConnections({ connectionsFile, zenmlUrl, apiKeyEnv: stringOption(parsed, 'api-key-env') }, deps.env ?? process.env);
    let connections = resolved.connections;
    if (sourceName !== undefined) {
      connections = connections.filter((c) => c.name === sourceName);
      if (!connections.length) throw new UsageError(`--source: no connection named '${sourceName}' (have: ${resolved.connections.map((c) => c.name).join(', ')})`);
    }
    const adapterDeps: AdapterDependencies = { secrets: async (c) => resolved.secrets.get(c.name) ?? null, fetch: deps.fetch, timeoutMs: deps.timeoutMs };
    for (const c of connections) {
      const made = createAdapter(c, adapterDeps);
      if (made.ok) adapters.push(made.value);
      else errors.push(made.error);
    }
  }
  const analysis = await analyzeWorkspace(parsed.positionals, { orchestrator: resolution.orchestrator, now: from });
  if (analysis.missing.length > 0) {
    for (const path of analysis.missing) io.stderr(`error: no such file or folder: ${path}\n`);
    return EXIT_USAGE;
  }
  if (parsed.positionals.length) reportSkipped(analysis, resolution.notes, io);
  // The code's schedules, for drift against the live ones.
  const code: CodeSchedule[] = analysis.files.flatMap((f) =>
    f.discovery.schedules.map((schedule) => {
      const summary = summarizeSchedule(schedule, { dialect, timeZone, now: from, count: 1 });
      return {
        pipeline: schedule.pipeline,
        kind: summary.kind,
        expression: summary.expression,
        intervalSeconds: summary.intervalSeconds,
        location: `${f.file.display}:${schedule.nameRange.start.line + 1}`,
      };
    }),
  );
  const connectionCount = adapters.length + errors.length;
  const groups = adapters.length ? await refreshAll(adapters, { now: from, code }) : [];
  for (const g of groups) if (g.error) errors.push(g.error);
  const liveSchedules: TimelineSchedule[] = groups.flatMap((g) =>
    g.rows.flatMap((row) => {
      const lane = timelineScheduleOfLive(row, { id: row.key, from, to, now: from });
      return lane ? [lane] : [];
    }),
  );
  const codeSchedules: TimelineSchedule[] = analysis.files.flatMap((f) =>
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
  const schedules = markDriftOnCode([...codeSchedules, ...liveSchedules]);
  for (const s of schedules.filter((x) => x.truncated)) {
    io.stderr(`note: ${s.file ? `${s.file}:${s.line}` : `${s.label} (${s.source})`} runs more than ${s.runs.length} times in the window; only the first ${s.runs.length} are listed.\n`);
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
  const marks = marksOf(schedules);
  for (const e of errors) io.stderr(`error: ${e.source ? `${e.source}: ` : ''}${e.message}\n`);
  if (flag(parsed, 'json')) io.stdout(JSON.stringify(agendaJson(agenda, { marks, errors }), null, 2) + '\n');
  else io.stdout(humanAgenda(agenda, isValidTimeZone(displayZone) ? displayZone : 'UTC', marks));
  if (!errors.length) return EXIT_OK;
  // Every connection unreachable or unauthorised: 3, as for `schedules`; some: 1 (the others are listed).
  return errors.length >= connectionCount && errors.every((e) => exitCodeOf(e) === 3) ? 3 : EXIT_FAILED;
}

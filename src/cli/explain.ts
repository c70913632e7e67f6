// `zenml-schedules explain <cron>`: the description, next runs, warnings or error
// of one cron expression in an orchestrator's dialect.

import { explainCron } from '../cron';
import { describeDstTransition, dstCaveat, dstReport, type DstTransition } from '../cron/dst';
import { readOnEveryOrchestrator } from '../workspace/allOrchestrators';
import type { CronExplanation, Dialect } from '../cron/types';
import { dialectOfFlavor } from '../common/flavors';
import {
  EXIT_FAILED,
  EXIT_OK,
  UsageError,
  flag,
  isoUtc,
  parseCommandArgs,
  parseCount,
  parseDialect,
  parseInstant,
  parseTimeZone,
  stringOption,
} from './args';
import { formatInstant } from './format';
import type { CliIo } from './io';
import { cannotScheduleNote, cronZoneOption, resolveOrchestrator, type CliNote } from './orchestratorOption';

export const EXPLAIN_HELP = `Usage: zenml-schedules explain <cron> [options]

Explain a cron expression the way an orchestrator reads it: in plain words, its
next runs, and the traps of that orchestrator's dialect.

Options:
  --dialect D            standard, kubernetes, kubeflow, vertex, airflow, github, databricks
  --orchestrator FLAVOR  use the dialect of an orchestrator flavor (e.g. kubeflow)
  --tz ZONE              IANA zone the orchestrator evaluates the cron in
                         (default: UTC for orchestrators, this machine's zone for standard)
  --from ISO-8601        list runs after this instant (default now; no offset = UTC)
  --count N              how many next runs (default 5)
  --all-orchestrators    what every orchestrator that schedules makes of it: valid
                         or not, its meaning there, the next run (ignores
                         --orchestrator and --dialect)
  --dst                  the DST report: the next year's clock changes in the zone
                         and what each does to the runs (skipped, shifted, doubled,
                         extra)
  --json                 print JSON
  -h, --help             show this help

Exit: 0 valid, 1 invalid (with --all-orchestrators: rejected everywhere), 2 bad usage.
Example: zenml-schedules explain "0 0 * * *" --orchestrator kubeflow
         zenml-schedules explain "30 2 * * *" --all-orchestrators --tz Europe/Berlin --dst
`;

export interface ExplainJson {
  valid: boolean;
  expression: string;
  dialect: Dialect;
  timeZone: string;
  description: string;
  nextRuns: string[];
  warnings: { code: string; severity: string; message: string }[];
  error: { message: string; field: string | null; code: string } | null;
  /** Where this dialect reads the expression differently from plain cron (e.g. DST days); an extra key. */
  notes: string[];
}

export function explanationJson(explanation: CronExplanation, notes: CliNote[]): ExplainJson {
  return {
    valid: explanation.valid,
    expression: explanation.expression,
    dialect: explanation.dialect,
    timeZone: explanation.timeZone,
    description: explanation.valid ? explanation.description : '',
    nextRuns: explanation.valid ? explanation.nextRuns.map(isoUtc) : [],
    warnings: [
      ...notes.map((n) => ({ code: n.code, severity: n.severity, message: n.message })),
      ...explanation.warnings.map((w) => ({ code: w.code, severity: w.severity, message: w.message })),
    ],
    error: explanation.error
      ? { message: explanation.error.message, field: explanation.error.field, code: explanation.error.code }
      : null,
    notes: explanation.notes ?? [],
  };
}

/** Expressions this long are clipped when echoed, so a pasted blob does not flood the terminal. */
export const ECHO_MAX = 120;

/**
 * A window of at most `max` characters of `text` around [start, end), with … where it is cut,
 * and the range moved into the window's coordinates (for the ^ markers).
 */
export function clipAround(text: string, start: number, end: number, max = ECHO_MAX): { text: string; start: number; end: number } {
  if (text.length <= max) return { text, start, end };
  const span = end - start;
  const from = span >= max ? start : Math.max(0, Math.min(start - Math.floor((max - span) / 2), text.length - max));
  const to = Math.min(text.length, from + max);
  const lead = from > 0 ? '…' : '';
  const clipped = lead + text.slice(from, to) + (to < text.length ? '…' : '');
  const shift = lead.length - from;
  return { text: clipped, start: Math.max(start, from) + shift, end: Math.min(end, to) + shift };
}

function humanExplanation(explanation: CronExplanation, notes: CliNote[]): string {
  const lines: string[] = [];
  const heading = clipAround(explanation.expression, 0, 0).text;
  lines.push(`${heading || '""'}  (${explanation.dialect} dialect, ${explanation.timeZone})`);
  const error = explanation.error;
  if (error) {
    lines.push(`error ${error.code}: ${error.message}`);
    if (error.start !== undefined && error.end !== undefined && error.end > error.start) {
      const shown = clipAround(explanation.expression, error.start, error.end);
      lines.push(`  ${shown.text}`, `  ${' '.repeat(shown.start)}${'^'.repeat(shown.end - shown.start)}`);
    }
  } else {
    lines.push(explanation.description);
    if (explanation.nextRuns.length === 0) {
      lines.push('No next runs: the expression never fires.');
    } else {
      lines.push('Next runs:');
      const showUtc = explanation.timeZone !== 'UTC';
      for (const run of explanation.nextRuns) {
        const utc = showUtc ? `  (${formatInstant(run, 'UTC')})` : '';
        lines.push(`  ${formatInstant(run, explanation.timeZone)}${utc}`);
      }
    }
  }
  for (const note of explanation.notes ?? []) lines.push(`note: ${note}`);
  for (const note of notes) lines.push(`${note.severity} ${note.code}: ${note.message}`);
  for (const warning of explanation.warnings) lines.push(`${warning.severity} ${warning.code}: ${warning.message}`);
  return lines.join('\n') + '\n';
}

export async function runExplain(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    dialect: { type: 'string' },
    orchestrator: { type: 'string' },
    tz: { type: 'string' },
    from: { type: 'string' },
    count: { type: 'string' },
    json: { type: 'boolean' },
    'all-orchestrators': { type: 'boolean' },
    dst: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(EXPLAIN_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('explain needs a cron expression, e.g. zenml-schedules explain "0 3 * * *"');
  if (parsed.positionals.length > 1) {
    throw new UsageError('explain takes one expression: quote it, e.g. zenml-schedules explain "0 3 * * *"');
  }
  if (flag(parsed, 'all-orchestrators')) return runExplainAll(parsed.positionals[0], parsed, io);
  const dialectText = stringOption(parsed, 'dialect');
  const flavor = stringOption(parsed, 'orchestrator');
  if (dialectText !== undefined && flavor !== undefined) throw new UsageError('use --dialect or --orchestrator, not both');

  let dialect: Dialect = 'standard';
  let notes: CliNote[] = [];
  if (dialectText !== undefined) dialect = parseDialect(dialectText);
  if (flavor !== undefined) {
    const resolution = await resolveOrchestrator({ flavor });
    dialect = dialectOfFlavor(resolution.orchestrator?.flavor);
    const cannotSchedule = cannotScheduleNote(flavor);
    notes = cannotSchedule ? [...resolution.notes, cannotSchedule] : resolution.notes;
  }
  const tz = stringOption(parsed, 'tz');
  const fromText = stringOption(parsed, 'from');
  const countText = stringOption(parsed, 'count');
  const from = fromText === undefined ? io.now() : parseInstant(fromText, '--from');
  const explanation = explainCron(parsed.positionals[0], {
    dialect,
    timeZone: cronZoneOption(tz, dialect, flavor !== undefined),
    from,
    count: countText === undefined ? 5 : parseCount(countText, '--count'),
  });
  const report = flag(parsed, 'dst') && explanation.valid ? dstReport(explanation.expression, dialect, explanation.timeZone, from) : null;
  if (flag(parsed, 'json')) {
    const json: ExplainJson & { transitions?: DstTransition[] } = explanationJson(explanation, notes);
    if (flag(parsed, 'dst')) json.transitions = report?.transitions ?? [];
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else {
    io.stdout(humanExplanation(explanation, notes));
    if (report) io.stdout(humanDst(report.transitions, report.timeZone, dialect));
  }
  return explanation.valid ? EXIT_OK : EXIT_FAILED;
}

function humanDst(transitions: DstTransition[], timeZone: string, dialect: Dialect): string {
  if (transitions.length === 0) return `DST report: ${timeZone} does not change its clocks in the next 12 months.\n`;
  const caveat = dstCaveat(dialect);
  return [`DST report (${timeZone}, next 12 months):`, ...transitions.map((t) => `  ${describeDstTransition(t, timeZone)}`), ...(caveat ? [`  ${caveat}`] : [])].join('\n') + '\n';
}

/** `explain --all-orchestrators`: one row per orchestrator that runs cron schedules. */
function runExplainAll(expression: string, parsed: ReturnType<typeof parseCommandArgs>, io: CliIo): number {
  const tz = stringOption(parsed, 'tz');
  const fromText = stringOption(parsed, 'from');
  const from = fromText === undefined ? io.now() : parseInstant(fromText, '--from');
  const readings = readOnEveryOrchestrator(expression, { timeZone: tz === undefined ? undefined : parseTimeZone(tz), from, dst: flag(parsed, 'dst') });
  if (flag(parsed, 'json')) {
    io.stdout(JSON.stringify({ orchestrators: readings }, null, 2) + '\n');
  } else {
    const width = Math.max(...readings.map((r) => r.orchestrator.length));
    const lines = [`${clipAround(expression, 0, 0).text || '""'} on every orchestrator that schedules:`];
    for (const r of readings) {
      const what = r.valid ? `${r.description}; next ${r.nextRun ? formatInstant(new Date(r.nextRun), r.timeZone) : 'never'}` : `rejected: ${r.error?.message ?? ''}`;
      lines.push(`  ${r.orchestrator.padEnd(width)}  ${r.dialect.padEnd(10)}  ${what}`);
      for (const t of r.transitions ?? []) if (t.effect !== 'none') lines.push(`  ${' '.repeat(width)}  DST: ${describeDstTransition(t, r.timeZone)}`);
    }
    io.stdout(lines.join('\n') + '\n');
  }
  return readings.some((r) => r.valid) ? EXIT_OK : EXIT_FAILED;
}

// `zenml-schedules check <paths...>`: the findings of every schedule in .py/.yaml/.yml/.ipynb files.

import { statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { Severity } from '../common/codes';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, flag, parseCommandArgs, stringOption } from './args';
import { locate, locationText, plural } from './format';
import type { CliIo } from './io';
import { resolveOrchestrator, type CliNote } from './orchestratorOption';
import { analyzeWorkspace, type WorkspaceAnalysis } from './analyzeFiles';

export const CHECK_HELP = `Usage: zenml-schedules check <paths...> [options]

Check the ZenML schedules in .py, .yaml, .yml and .ipynb files (folders are walked;
node_modules, .git, virtual environments and build output are skipped).

Options:
  --orchestrator FLAVOR  the orchestrator the code runs on (e.g. kubernetes, local):
                         enables its dialect and its scheduling support checks
  --python PATH          without --orchestrator: ask the ZenML installed in that Python
                         for the active stack and check against its orchestrator
  --fail-on LEVEL        error (default), warning or info: the lowest severity that fails
  --json                 print JSON
  -h, --help             show this help

Exit: 0 no failing finding, 1 failing findings, 2 bad usage or a missing path.
Example: zenml-schedules check src pipelines.yaml --orchestrator kubernetes
`;

export interface CheckFindingJson {
  file: string;
  /** Notebooks: the 1-based cell (counting all cells); line and column are inside it. */
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface CheckJson {
  files: number;
  schedules: number;
  findings: CheckFindingJson[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function parseFailOn(text: string | undefined): Severity {
  if (text === undefined) return 'error';
  const level = text.trim().toLowerCase();
  if (level === 'error' || level === 'warning' || level === 'info') return level;
  throw new UsageError(`--fail-on: '${text}' is not error, warning or info`);
}

export function checkJson(analysis: WorkspaceAnalysis): CheckJson {
  const analyzed = analysis.files.filter((f) => f.status === 'ok');
  return {
    files: analyzed.length,
    schedules: analyzed.reduce((sum, f) => sum + f.discovery.schedules.length, 0),
    findings: analyzed.flatMap((f) =>
      f.findings.map((finding) => ({
        file: f.file.display,
        ...locate(f.discovery, finding.range),
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
      })),
    ),
  };
}

function summaryLine(result: CheckJson, flavor: string | undefined): string {
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity).length;
  const problems =
    result.findings.length === 0
      ? 'no problems'
      : [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('info'), 'info')].join(', ');
  const target = flavor ? ` (orchestrator: ${flavor})` : '';
  return `${plural(result.files, 'file')}, ${plural(result.schedules, 'schedule')}: ${problems}${target}\n`;
}

function humanCheck(result: CheckJson): string {
  return result.findings.map((f) => `${locationText(f.file, f)} ${f.severity} ${f.code} ${f.message}\n`).join('');
}

/** Notes about files that were not analyzed, and about the orchestrator, on stderr. */
export function reportSkipped(analysis: WorkspaceAnalysis, notes: CliNote[], io: CliIo): void {
  for (const note of notes) io.stderr(`${note.severity} ${note.code}: ${note.message}\n`);
  for (const path of analysis.unsupported) io.stderr(`skipped ${path}: not a .py, .yaml, .yml or .ipynb file\n`);
  for (const f of analysis.files) {
    if (f.status === 'binary') io.stderr(`skipped ${f.file.display}: binary file\n`);
    if (f.status === 'unreadable') io.stderr(`skipped ${f.file.display}: ${f.message ?? 'cannot be read'}\n`);
  }
}

/** ZenML finds its repository by walking up from here: the first checked folder (or a file's folder). */
function zenmlFolder(first: string | undefined): string {
  const target = nodePath.resolve(first ?? '.');
  try {
    return statSync(target).isDirectory() ? target : nodePath.dirname(target);
  } catch {
    return process.cwd();
  }
}

export async function runCheck(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    orchestrator: { type: 'string' },
    python: { type: 'string' },
    'fail-on': { type: 'string' },
    json: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('check needs at least one file or folder, e.g. zenml-schedules check .');
  const failOn = parseFailOn(stringOption(parsed, 'fail-on'));
  const resolution = await resolveOrchestrator({
    flavor: stringOption(parsed, 'orchestrator'),
    python: stringOption(parsed, 'python'),
    cwd: zenmlFolder(parsed.positionals[0]),
  });
  const analysis = await analyzeWorkspace(parsed.positionals, { orchestrator: resolution.orchestrator, now: io.now() });
  if (analysis.missing.length > 0) {
    for (const path of analysis.missing) io.stderr(`error: no such file or folder: ${path}\n`);
    return EXIT_USAGE;
  }
  reportSkipped(analysis, resolution.notes, io);
  const result = checkJson(analysis);
  if (flag(parsed, 'json')) io.stdout(JSON.stringify(result, null, 2) + '\n');
  else io.stdout(humanCheck(result) + summaryLine(result, resolution.orchestrator?.flavor));
  const failing = result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return failing ? EXIT_FAILED : EXIT_OK;
}

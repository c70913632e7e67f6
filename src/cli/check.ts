// `zenml-schedules check <paths...>`: the findings of every schedule in .py/.yaml/.yml/.ipynb files.

import { statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { Severity } from '../common/codes';
import type { OrchestratorContext } from '../common/flavors';
import { targetOrchestrator } from '../findings';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, flag, parseCommandArgs, stringOption } from './args';
import { locate, locationText, plural } from './format';
import { memoryIo, type CliIo } from './io';
import { resolveOrchestrator, type CliNote } from './orchestratorOption';
import { version as VERSION } from '../../package.json';
import { CHECK_FORMATS, checkGithub, checkSarif, type CheckFormat } from './checkFormats';
import { analyzeWorkspace, type WorkspaceAnalysis } from './analyzeFiles';

export const CHECK_HELP = `Usage: zenml-schedules check <paths...> [options]

Check the ZenML schedules in .py, .yaml, .yml and .ipynb files (folders are walked;
node_modules, .git, virtual environments and build output are skipped).

Options:
  --orchestrator FLAVOR  the orchestrator the code runs on (e.g. kubernetes, local):
                         enables its dialect and its scheduling support checks
  --python PATH          without --orchestrator: ask the ZenML installed in that Python
                         for the active stack and check against its orchestrator
                         (without --orchestrator, a file whose settings name one
                         orchestrator.<flavor> is checked against that one; the last
                         line names it)
  --fail-on LEVEL        error (default), warning or info: the lowest severity that fails
  --format FORMAT        text (default), json, sarif (SARIF 2.1.0 for code scanning)
                         or github (GitHub Actions annotations)
  --json                 print JSON (the same as --format json)
  --exit-zero            exit 0 even with failing findings (CI steps that upload first)
  -h, --help             show this help

Exit: 0 no failing finding, 1 failing findings, 2 bad usage or a missing path.
Example: zenml-schedules check src pipelines.yaml --orchestrator kubernetes
         zenml-schedules check . --format sarif > zenml-schedules.sarif
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

function parseFormat(text: string | undefined, json: boolean): CheckFormat {
  if (text === undefined) return json ? 'json' : 'text';
  const format = CHECK_FORMATS.find((f) => f === text.trim().toLowerCase());
  if (!format) throw new UsageError(`--format: '${text}' is not one of ${CHECK_FORMATS.join(', ')}`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree: use one`);
  return format;
}

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

/** A file whose own `orchestrator.<flavor>` settings key chose its orchestrator (no explicit choice overrode it). */
interface SettingsChoice {
  file: string;
  flavor: string;
}

/** The files (with schedules) whose orchestrator their one `orchestrator.<flavor>` settings key chose. */
function settingsChoices(analysis: WorkspaceAnalysis, orchestrator: OrchestratorContext | null): SettingsChoice[] {
  return analysis.files.flatMap((f) => {
    if (f.discovery.schedules.length === 0) return [];
    const target = targetOrchestrator(f.discovery, orchestrator);
    return target && target !== orchestrator && target.source === 'settings' ? [{ file: f.file.display, flavor: target.flavor }] : [];
  });
}

/** `kubeflow in a.yaml, b.py by their orchestrator.kubeflow settings`: per flavor, at most three files named. */
function settingsChoiceWords(choices: SettingsChoice[]): string[] {
  const byFlavor = new Map<string, string[]>();
  for (const { file, flavor } of choices) byFlavor.set(flavor, [...(byFlavor.get(flavor) ?? []), file]);
  return [...byFlavor].map(([flavor, files]) => {
    const shown = files.length > 3 ? [...files.slice(0, 3), `${files.length - 3} more`] : files;
    return `${flavor} in ${shown.join(', ')} by ${files.length === 1 ? 'its' : 'their'} orchestrator.${flavor} settings`;
  });
}

function summaryLine(result: CheckJson, flavor: string | undefined, choices: SettingsChoice[]): string {
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity).length;
  const problems =
    result.findings.length === 0
      ? 'no problems'
      : [plural(count('error'), 'error'), plural(count('warning'), 'warning'), plural(count('info'), 'info')].join(', ');
  // The orchestrator chosen for all files (flag or stack), then the files whose settings key chose another.
  const named = [...(flavor ? [flavor] : []), ...settingsChoiceWords(choices)];
  const target = named.length > 0 ? ` (orchestrator: ${named.join('; ')})` : '';
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

/** The same notes, for SARIF's tool notifications. */
function skippedNotes(analysis: WorkspaceAnalysis, notes: CliNote[]): { level: Severity; text: string }[] {
  const io = memoryIo();
  reportSkipped(analysis, notes, io);
  const lines = io.err.split('\n').filter((line) => line !== '');
  return lines.map((text, i) => ({ level: i < notes.length ? notes[i].severity : 'warning', text }));
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
    format: { type: 'string' },
    'exit-zero': { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  if (parsed.positionals.length === 0) throw new UsageError('check needs at least one file or folder, e.g. zenml-schedules check .');
  const failOn = parseFailOn(stringOption(parsed, 'fail-on'));
  const format = parseFormat(stringOption(parsed, 'format'), flag(parsed, 'json'));
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
  if (format === 'json') io.stdout(JSON.stringify(result, null, 2) + '\n');
  else if (format === 'sarif') {
    const notifications = skippedNotes(analysis, resolution.notes);
    io.stdout(JSON.stringify(checkSarif(result, { version: VERSION, cwd: process.cwd(), notifications }), null, 2) + '\n');
  } else {
    const footer = summaryLine(result, resolution.orchestrator?.flavor, settingsChoices(analysis, resolution.orchestrator));
    io.stdout((format === 'github' ? checkGithub(result, process.cwd()) : humanCheck(result)) + footer);
  }
  const failing = result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return failing && !flag(parsed, 'exit-zero') ? EXIT_FAILED : EXIT_OK;
}

// `check --format sarif|github`: the same findings as `--json`, for CI.
// SARIF 2.1.0 for code scanning (the rule catalogue with help text and README links, regions in
// UTF-16 columns as the engine counts them); GitHub Actions workflow commands for annotations.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { CODE_HELP } from '../common/codeHelp';
import { ALL_FINDING_CODES, FINDING_CODES, docsUrl, type FindingCode, type Severity } from '../common/codes';
import type { CheckFindingJson, CheckJson } from './check';

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const HOMEPAGE = 'https://github.com/zenml-schedules/zenml-schedules';

const SARIF_LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/** "invalid-cron" → "InvalidCron": SARIF's rule name is an identifier-like word. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}

function isKnownCode(code: string): code is FindingCode {
  return Object.prototype.hasOwnProperty.call(FINDING_CODES, code);
}

function rule(code: string): Sarif.ReportingDescriptor {
  const known = isKnownCode(code);
  const title = known ? FINDING_CODES[code].title : code;
  const url = known ? docsUrl(code) : `${HOMEPAGE}#findings`;
  const help = CODE_HELP[code] ?? title;
  return {
    id: code,
    name: ruleName(code),
    shortDescription: { text: title },
    fullDescription: { text: help },
    help: { text: `${help}\n\nMore: ${url}`, markdown: `${help}\n\n[More about \`${code}\`](${url})` },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[known ? FINDING_CODES[code].severity : 'warning'] },
    properties: { tags: ['zenml', 'schedule'] },
  };
}

/** The path's segments relative to the working folder (the repository root in CI), or null when outside it. */
function insideSegments(file: string, cwd: string): string[] | null {
  const rel = relative(cwd, resolve(cwd, file));
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return rel.split(sep);
}

/** A path as the user gave it, made a URI reference: relative to the working folder when inside it. */
export function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const segments = insideSegments(file, cwd);
  // Each segment percent-encoded (spaces, '#', '%'), separators as '/'.
  if (segments) return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(resolve(cwd, file)).href };
}

/** The file for a workflow command: relative to the working folder with '/', as GitHub matches it. */
export function githubPath(file: string, cwd: string): string {
  return insideSegments(file, cwd)?.join('/') ?? resolve(cwd, file);
}

function sarifResult(finding: CheckFindingJson, ruleIndex: number, cwd: string): Sarif.Result {
  const artifact = artifactUri(finding.file, cwd);
  // A notebook's finding: the cell is the URI fragment (`#cell=3`, counting all cells from 1),
  // and the region is inside that cell.
  const uri = finding.cell === undefined ? artifact.uri : `${artifact.uri}#cell=${finding.cell}`;
  return {
    ruleId: finding.code,
    ruleIndex,
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, ...(artifact.uriBaseId ? { uriBaseId: artifact.uriBaseId } : {}) },
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
  };
}

export interface SarifOptions {
  version: string;
  /** The folder relative paths are resolved from (SRCROOT). */
  cwd: string;
  /** Notes that are not findings (orchestrator notes, skipped files), as tool notifications. */
  notifications?: { level: Severity; text: string }[];
}

export function checkSarif(result: CheckJson, options: SarifOptions): Sarif.Log {
  // Every known code, then any code a finding has that the table does not (never dropped).
  const codes: string[] = [...ALL_FINDING_CODES];
  for (const f of result.findings) if (!codes.includes(f.code)) codes.push(f.code);
  const index = new Map(codes.map((code, i) => [code, i]));
  const srcRoot = pathToFileURL(options.cwd.endsWith(sep) ? options.cwd : options.cwd + sep).href;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'zenml-schedules',
            fullName: 'ZenML Schedules checker',
            version: options.version,
            semanticVersion: options.version,
            informationUri: HOMEPAGE,
            rules: codes.map(rule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (options.notifications ?? []).map((n) => ({ level: SARIF_LEVEL[n.level], message: { text: n.text } })),
          },
        ],
        originalUriBaseIds: { SRCROOT: { uri: srcRoot } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => sarifResult(f, index.get(f.code) ?? 0, options.cwd)),
      },
    ],
  };
}

/** Workflow command data: `%`, CR and LF escaped (GitHub's toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`, one line per finding.
 * GitHub shows them as annotations on the pull request's files. A notebook's finding is a
 * file-level annotation (its lines are inside a cell, not lines of the .ipynb JSON), with the
 * cell and line in the title.
 */
export function checkGithub(result: CheckJson, cwd: string): string {
  return result.findings
    .map((f) => {
      const file = githubPath(f.file, cwd);
      const props =
        f.cell === undefined
          ? [['file', file], ['line', f.line], ['endLine', f.endLine], ['col', f.column], ['endColumn', f.endColumn], ['title', `zenml-schedules ${f.code}`]]
          : [['file', file], ['title', `zenml-schedules ${f.code} (cell ${f.cell}, line ${f.line})`]];
      // GitHub draws a column range only within one line.
      const shown = f.cell === undefined && f.endLine !== f.line ? props.filter(([name]) => name !== 'endColumn') : props;
      const properties = shown.map(([name, value]) => `${name}=${escapeProperty(String(value))}`).join(',');
      return `::${GITHUB_COMMAND[f.severity]} ${properties}::${escapeData(f.message)}\n`;
    })
    .join('');
}

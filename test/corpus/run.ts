// The real-world corpus, measured on demand (not in CI, not in `npm test`): `list` and `check` through the
// command line on public code that schedules ZenML pipelines, compared with hand-written expectations.
// The public files are not committed: test/fixtures/real-world/README.md says how to rebuild them in a
// folder outside the repository, and this script measures that folder:
//
//   npm run corpus -- /path/to/folder          (or ZENML_SCHEDULES_CORPUS=/path/to/folder npm run corpus)
//
// Prints recall and precision for `list` and true / false / missed findings for `check` per orchestrator,
// and exits 1 below the targets (every expected schedule found with its values, no false schedule, no false
// or missed finding, no expected file missing) and 2 when no folder is given or it does not exist: it never
// passes on a corpus it did not read. The expectations are the folder's expectations.json when it has one
// (another corpus laid out the same way), else the committed test/fixtures/real-world/expectations.json;
// files named in the committed manifest.json are checked against its sha256 (a difference is reported).

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';

const COMMITTED = path.resolve(__dirname, '..', 'fixtures', 'real-world');

class UsageError extends Error {}

function corpusFolder(argv: string[]): string {
  const given = argv[0] ?? process.env.ZENML_SCHEDULES_CORPUS;
  if (!given) {
    throw new UsageError(
      'usage: npm run corpus -- FOLDER (or ZENML_SCHEDULES_CORPUS=FOLDER npm run corpus)\n' +
        'FOLDER holds the real-world corpus rebuilt outside the repository: see test/fixtures/real-world/README.md.',
    );
  }
  const folder = path.resolve(given);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`corpus folder not found: ${folder} (rebuild it as test/fixtures/real-world/README.md says)`);
  }
  return folder;
}

interface ExpectedSchedule {
  line: number;
  pipeline: string | null;
  kind: 'cron' | 'interval' | 'once';
  expression?: string;
  intervalSeconds?: number;
}

interface ExpectedFile {
  zenml?: boolean;
  schedules: ExpectedSchedule[];
  unlisted?: number;
  withoutTrigger?: number;
  findings: Record<string, string[]>;
}

interface Expectations {
  now: string;
  files: Record<string, ExpectedFile>;
}

interface ListedRow {
  line: number;
  pipeline: string | null;
  kind: string;
  expression: string | null;
  intervalSeconds: number | null;
}

interface ManifestEntry {
  file: string;
  sha256: string;
}

async function cli(argv: string[], now: Date): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(now);
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

function rowMatches(row: ListedRow, expected: ExpectedSchedule): boolean {
  return (
    row.line === expected.line &&
    row.pipeline === expected.pipeline &&
    row.kind === expected.kind &&
    row.expression === (expected.kind === 'cron' ? expected.expression : null) &&
    row.intervalSeconds === (expected.kind === 'interval' ? expected.intervalSeconds : null)
  );
}

function describeRow(row: ListedRow | ExpectedSchedule): string {
  const value = row.kind === 'cron' ? row.expression : row.kind === 'interval' ? `${row.intervalSeconds}s` : '';
  return `line ${row.line} ${row.kind} ${value ?? ''} pipeline=${row.pipeline ?? '-'}`;
}

/** Multiset difference of `line:code` strings. */
function minus(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((item) => {
    const at = rest.indexOf(item);
    if (at < 0) return true;
    rest.splice(at, 1);
    return false;
  });
}

interface FindingTally {
  expected: number;
  true: number;
  false: string[];
  missed: string[];
}

interface CorpusReport {
  missingFiles: string[];
  errors: string[];
  manifest: { checked: number; differing: string[] };
  list: { expected: number; listed: number; correct: number; wrong: string[]; missed: string[]; falseRows: string[]; triggerNotes: string[] };
  check: Record<string, FindingTally>;
}

async function measure(corpus: string, expectations: Expectations): Promise<CorpusReport> {
  const now = new Date(expectations.now);
  const report: CorpusReport = {
    missingFiles: [],
    errors: [],
    manifest: { checked: 0, differing: [] },
    list: { expected: 0, listed: 0, correct: 0, wrong: [], missed: [], falseRows: [], triggerNotes: [] },
    check: {},
  };
  const manifest = readManifest();
  for (const [file, expected] of Object.entries(expectations.files)) {
    const filePath = path.join(corpus, file);
    if (!existsSync(filePath)) {
      report.missingFiles.push(file);
      continue;
    }
    const recorded = manifest.get(file);
    if (recorded) {
      report.manifest.checked++;
      const sha256 = createHash('sha256').update(readFileSync(filePath)).digest('hex');
      if (sha256 !== recorded) report.manifest.differing.push(file);
    }
    const orchestrators = Object.keys(expected.findings);
    // list: the values do not depend on the orchestrator (its dialect only changes descriptions).
    const listed = await cli(['list', filePath, '--orchestrator', orchestrators[0], '--json'], now);
    if (listed.code !== 0) {
      report.errors.push(`${file}: list exited ${listed.code}: ${listed.err.trim()}`);
      continue;
    }
    const rows = (JSON.parse(listed.out) as { schedules: ListedRow[] }).schedules;
    report.list.expected += expected.schedules.length;
    report.list.listed += rows.length;
    const unmatched = [...rows];
    for (const want of expected.schedules) {
      const exact = unmatched.findIndex((row) => rowMatches(row, want));
      if (exact >= 0) {
        unmatched.splice(exact, 1);
        report.list.correct++;
        continue;
      }
      const sameLine = unmatched.findIndex((row) => row.line === want.line);
      if (sameLine >= 0) {
        report.list.wrong.push(`${file}: expected ${describeRow(want)}, listed ${describeRow(unmatched[sameLine])}`);
        unmatched.splice(sameLine, 1);
      } else {
        report.list.missed.push(`${file}: ${describeRow(want)}`);
      }
    }
    for (const row of unmatched) report.list.falseRows.push(`${file}: ${describeRow(row)}`);
    const note = /note: (\d+) Schedules? without a trigger/.exec(listed.err);
    const withoutTrigger = note ? Number(note[1]) : 0;
    if (withoutTrigger !== (expected.withoutTrigger ?? 0)) {
      report.list.triggerNotes.push(`${file}: "without a trigger" note counts ${withoutTrigger}, expected ${expected.withoutTrigger ?? 0}`);
    }

    for (const orchestrator of orchestrators) {
      const checked = await cli(['check', filePath, '--orchestrator', orchestrator, '--json'], now);
      if (checked.code !== 0 && checked.code !== 1) {
        report.errors.push(`${file}: check --orchestrator ${orchestrator} exited ${checked.code}: ${checked.err.trim()}`);
        continue;
      }
      const actual = (JSON.parse(checked.out) as { findings: { line: number; code: string }[] }).findings.map(
        (f) => `${f.line}:${f.code}`,
      );
      const want = expected.findings[orchestrator];
      const tally = (report.check[orchestrator] ??= { expected: 0, true: 0, false: [], missed: [] });
      tally.expected += want.length;
      const falseOnes = minus(actual, want);
      const missed = minus(want, actual);
      tally.true += actual.length - falseOnes.length;
      tally.false.push(...falseOnes.map((f) => `${file}:${f}`));
      tally.missed.push(...missed.map((f) => `${file}:${f}`));
    }
  }
  return report;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '100%' : `${((100 * part) / whole).toFixed(1)}%`;
}

function readManifest(): Map<string, string> {
  const file = path.join(COMMITTED, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { files: ManifestEntry[] };
  return new Map(manifest.files.map((entry) => [entry.file, entry.sha256]));
}

function printReport(corpus: string, expectationsFile: string, fileCount: number, report: CorpusReport): void {
  const { list } = report;
  const lines = [
    `corpus: ${corpus}, ${fileCount} files expected (${expectationsFile})`,
    ...report.missingFiles.map((f) => `  missing file ${f}`),
    ...report.errors.map((e) => `  error ${e}`),
    `manifest: ${report.manifest.checked - report.manifest.differing.length}/${report.manifest.checked} files as recorded (sha256)`,
    ...report.manifest.differing.map((f) => `  differs from manifest.json ${f} (rebuilt differently, or a newer reading: its expectations may not hold)`),
    `list: ${list.correct}/${list.expected} schedules found with their values (recall ${percent(list.correct, list.expected)}), ` +
      `${list.listed} listed (precision ${percent(list.correct, list.listed)}); ` +
      `${list.wrong.length} misread, ${list.missed.length} missed, ${list.falseRows.length} false`,
    ...list.wrong.map((w) => `  misread ${w}`),
    ...list.missed.map((m) => `  missed ${m}`),
    ...list.falseRows.map((f) => `  false ${f}`),
    ...list.triggerNotes.map((n) => `  note ${n}`),
    'check (per orchestrator): expected / true / false / missed',
  ];
  for (const [orchestrator, tally] of Object.entries(report.check).sort()) {
    lines.push(`  ${orchestrator}: ${tally.expected} / ${tally.true} / ${tally.false.length} / ${tally.missed.length}`);
    for (const f of tally.false) lines.push(`    false ${f}`);
    for (const m of tally.missed) lines.push(`    missed ${m}`);
  }
  console.log(lines.join('\n'));
}

/** Every target: the run fails on any of these. */
function failures(report: CorpusReport): string[] {
  const out: string[] = [];
  if (report.missingFiles.length) out.push(`${report.missingFiles.length} expected files missing`);
  if (report.errors.length) out.push(`${report.errors.length} command errors`);
  if (report.list.missed.length) out.push(`${report.list.missed.length} schedules missed`);
  if (report.list.wrong.length) out.push(`${report.list.wrong.length} schedules listed with wrong values`);
  if (report.list.falseRows.length) out.push(`${report.list.falseRows.length} false schedules`);
  if (report.list.triggerNotes.length) out.push(`${report.list.triggerNotes.length} "without a trigger" notes off`);
  for (const [orchestrator, tally] of Object.entries(report.check).sort()) {
    if (tally.false.length) out.push(`${tally.false.length} false findings on ${orchestrator}`);
    if (tally.missed.length) out.push(`${tally.missed.length} missed findings on ${orchestrator}`);
  }
  return out;
}

async function main(argv: string[]): Promise<number> {
  let corpus: string;
  try {
    corpus = corpusFolder(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const own = path.join(corpus, 'expectations.json');
  const expectationsFile = existsSync(own) ? own : path.join(COMMITTED, 'expectations.json');
  const expectations = JSON.parse(readFileSync(expectationsFile, 'utf8')) as Expectations;
  const fileCount = Object.keys(expectations.files).length;
  if (fileCount === 0) {
    console.error(`${expectationsFile} expects no file: nothing to measure`);
    return 2;
  }
  const report = await measure(corpus, expectations);
  printReport(corpus, expectationsFile, fileCount, report);
  const failed = failures(report);
  console.log(failed.length ? `corpus: FAILED (${failed.join('; ')})` : 'corpus: every target met');
  return failed.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);

// The real-world corpus (test/fixtures/real-world): `list` and `check` through the command line on public
// code that schedules ZenML pipelines, compared with hand-written expectations. Prints recall and
// precision for `list` and true / false / missed findings for `check` per orchestrator, and fails below
// the targets: every expected schedule found with its values, no false schedule, no false or missed finding.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';

// ZENML_SCHEDULES_CORPUS measures another folder laid out the same way (files + expectations.json), such as
// third-party code that may be read but not committed.
const CORPUS = process.env.ZENML_SCHEDULES_CORPUS
  ? path.resolve(process.env.ZENML_SCHEDULES_CORPUS)
  : path.resolve(__dirname, '..', 'fixtures', 'real-world');

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

const expectations = JSON.parse(readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8')) as Expectations;
const NOW = new Date(expectations.now);

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(NOW);
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
  list: { expected: number; listed: number; correct: number; wrong: string[]; missed: string[]; falseRows: string[]; triggerNotes: string[] };
  check: Record<string, FindingTally>;
}

async function measure(): Promise<CorpusReport> {
  const report: CorpusReport = {
    list: { expected: 0, listed: 0, correct: 0, wrong: [], missed: [], falseRows: [], triggerNotes: [] },
    check: {},
  };
  for (const [file, expected] of Object.entries(expectations.files)) {
    const filePath = path.join(CORPUS, file);
    const orchestrators = Object.keys(expected.findings);
    // list: the values do not depend on the orchestrator (its dialect only changes descriptions).
    const listed = await cli(['list', filePath, '--orchestrator', orchestrators[0], '--json']);
    assert.equal(listed.code, 0, `${file}: list exit code\n${listed.err}`);
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
      const checked = await cli(['check', filePath, '--orchestrator', orchestrator, '--json']);
      assert.ok(checked.code === 0 || checked.code === 1, `${file}: check exit code ${checked.code}\n${checked.err}`);
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

function printReport(report: CorpusReport): void {
  const { list } = report;
  const lines = [
    `corpus: ${Object.keys(expectations.files).length} files`,
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

describe('real-world corpus', () => {
  it('lists every schedule with its values, no false schedule, and checks without false or missed findings', async () => {
    const report = await measure();
    printReport(report);
    assert.deepEqual(report.list.missed, [], 'missed schedules');
    assert.deepEqual(report.list.wrong, [], 'schedules listed with wrong values');
    assert.deepEqual(report.list.falseRows, [], 'false schedules');
    assert.deepEqual(report.list.triggerNotes, [], '"without a trigger" notes');
    for (const [orchestrator, tally] of Object.entries(report.check)) {
      assert.deepEqual(tally.false, [], `false findings on ${orchestrator}`);
      assert.deepEqual(tally.missed, [], `missed findings on ${orchestrator}`);
    }
  });
});

// Runs the integration suite (out/suite/*.test.js, bundled from suite/*.test.ts)
// with mocha inside a VS Code extension host, and returns the results as data.
//
// Two callers: @vscode/test-electron loads this file as `extensionTestsPath` and
// calls run(); inside code-server the test-only runner extension calls
// runSuite() and writes the results to a file for the harness.
//
// Selection (both hosts): ZS_INTEGRATION_FILES = comma-separated substrings of
// suite file names; ZS_INTEGRATION_GREP = a mocha grep on full test titles.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResult {
  title: string;
  fullTitle: string;
  file: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
  /** Set when the suite could not run at all (no files, a file failed to load). */
  fatal?: string;
}

export interface RunOptions {
  suiteDir?: string;
  files?: string[];
  grep?: string;
  timeoutMs?: number;
}

const DEFAULT_SUITE_DIR = path.join(__dirname, 'suite');

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The bundled suite files to run, in name order, filtered by substrings. */
export function selectSuiteFiles(suiteDir: string, filters: readonly string[]): string[] {
  const all = fs
    .readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  const picked = filters.length ? all.filter((name) => filters.some((f) => name.includes(f))) : all;
  return picked.map((name) => path.join(suiteDir, name));
}

function errorOf(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, stack: err.stack };
  return { message: String(err) };
}

export async function runSuite(options: RunOptions = {}): Promise<SuiteResults> {
  const started = Date.now();
  const suiteDir = options.suiteDir ?? process.env.ZS_INTEGRATION_SUITE_DIR ?? DEFAULT_SUITE_DIR;
  const files = selectSuiteFiles(suiteDir, options.files ?? splitList(process.env.ZS_INTEGRATION_FILES));
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [] };
  if (!files.length) {
    results.fatal = `No suite files matched in ${suiteDir} (ZS_INTEGRATION_FILES=${process.env.ZS_INTEGRATION_FILES ?? ''}).`;
    return results;
  }

  const grep = options.grep ?? process.env.ZS_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: options.timeoutMs ?? 60_000, reporter: 'spec' });
  if (grep) mocha.grep(grep);

  // Load the bundled files ourselves (mocha's own loader is async/ESM-aware and
  // not needed here): define describe/it, require, then let mocha know.
  for (const file of files) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    } catch (err) {
      results.fatal = `Loading ${path.basename(file)} failed: ${errorOf(err).stack ?? errorOf(err).message}`;
      return results;
    }
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const record = (test: Mocha.Test, state: TestResult['state'], err?: unknown) => {
      results.tests.push({
        title: test.title,
        fullTitle: test.fullTitle(),
        file: path.basename(test.file ?? ''),
        state,
        durationMs: test.duration ?? 0,
        error: err === undefined ? undefined : errorOf(err),
      });
      results[state] += 1;
    };
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => record(test, 'passed'));
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => record(test, 'pending'));
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, err: unknown) => {
      // Hook failures arrive here too; name them after the hook.
      record(test, 'failed', err);
    });
  });
  results.durationMs = Date.now() - started;
  return results;
}

/** Entry point for @vscode/test-electron (`extensionTestsPath`). */
export async function run(): Promise<void> {
  const results = await runSuite();
  const out = process.env.ZS_INTEGRATION_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  if (results.fatal) throw new Error(results.fatal);
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed.`);
}

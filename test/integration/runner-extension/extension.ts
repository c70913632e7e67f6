// Test-only extension (never shipped): code-server has no --extensionTestsPath,
// so this runs the integration suite inside the extension host once the
// workbench has started, and writes the results as JSON for the harness
// (test/integration/run-code-server.mjs). It does nothing unless
// ZS_INTEGRATION_RESULTS and ZS_INTEGRATION_INDEX are set.

import * as fs from 'node:fs';

interface SuiteRunner {
  runSuite(): Promise<unknown>;
}

export function activate(): void {
  const resultsFile = process.env.ZS_INTEGRATION_RESULTS;
  const indexFile = process.env.ZS_INTEGRATION_INDEX;
  if (!resultsFile || !indexFile) return;
  // Not awaited: activation must return; the harness waits for the file.
  void runAndReport(indexFile, resultsFile);
}

async function runAndReport(indexFile: string, resultsFile: string): Promise<void> {
  let results: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runner = require(indexFile) as SuiteRunner;
    results = await runner.runSuite();
  } catch (err) {
    results = { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [], fatal: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  // Write then rename, so the harness never reads half a file.
  fs.writeFileSync(resultsFile + '.tmp', JSON.stringify(results, null, 2));
  fs.renameSync(resultsFile + '.tmp', resultsFile);
}

export function deactivate(): void {}

// `npm run test:integration`: runs the mocha integration suite inside the
// extension host of code-server, with the packaged extension installed from
// ./zenml-schedules.vsix and the test-only runner extension beside it.
//
// Environment (all optional):
//   ZS_INTEGRATION_WORKSPACE  folder (or .code-workspace file) to open (default examples/, then
//                             test/fixtures/multi-root for the multi-root suite)
//   ZS_INTEGRATION_SETTINGS   JSON object of extra user settings (e.g. {"zenmlSchedules.pythonPath": "..."})
//   ZS_INTEGRATION_FILES      comma-separated substrings of suite file names to run
//   ZS_INTEGRATION_GREP       mocha grep on full test titles
//   ZS_INTEGRATION_UNTRUSTED=1 Workspace Trust on, the folder opens untrusted (option workspaceTrust: true)
//   ZS_INTEGRATION_VIRTUAL=1  open the (copied) folder as a virtual workspace, zsvfs:/<name>, a file system
//                             the runner extension serves (option virtualWorkspace: true)
//   ZS_INTEGRATION_TIMEOUT_MS overall limit (default 600000)
//   any other variable (e.g. ZENML_CONFIG_PATH) reaches the extension host unchanged.
// Prints every test, then exactly `N passed, N failed` as the last line; exit 1 on failure.

import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cancelExternalLinkPrompts, openWorkbench } from '../e2e/browser.mjs';
import { EXAMPLES_WORKSPACE, PROJECT_ROOT, extensionHostLogs, startCodeServer } from '../e2e/code-server.mjs';
import { buildIntegrationSuite } from './build.mjs';
import { ensurePackaged } from './package-vsix.mjs';
import { printResults } from './report.mjs';

/** Two folders whose settings name different orchestrators (suite/80-multi-root.test.ts). */
export const MULTI_ROOT_WORKSPACE = join(PROJECT_ROOT, 'test/fixtures/multi-root/multi-root.code-workspace');

async function waitForFile(path, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8'));
    const problem = isAlive();
    if (problem) throw new Error(problem);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`No results after ${timeoutMs / 1000} s: the runner extension did not finish (see the extension host log).`);
}

/**
 * Runs the suite in code-server and returns the results object
 * ({ passed, failed, pending, tests: [{ fullTitle, state, error }], fatal? }).
 * Options mirror the environment variables above.
 */
export async function runIntegrationSuite({
  workspace = process.env.ZS_INTEGRATION_WORKSPACE ?? EXAMPLES_WORKSPACE,
  settings = process.env.ZS_INTEGRATION_SETTINGS ? JSON.parse(process.env.ZS_INTEGRATION_SETTINGS) : {},
  env = {},
  workspaceTrust = process.env.ZS_INTEGRATION_UNTRUSTED === '1',
  virtualWorkspace = process.env.ZS_INTEGRATION_VIRTUAL === '1',
  // Tests change settings (some commands write workspace settings): run on a copy so the
  // repository's folder is never modified. Default: copy examples/, use other folders in place.
  copyWorkspace,
  timeoutMs = Number(process.env.ZS_INTEGRATION_TIMEOUT_MS ?? 600_000),
  log = console.log,
} = {}) {
  const vsix = ensurePackaged();
  const built = await buildIntegrationSuite();
  const scratch = await mkdtemp(join(tmpdir(), 'zs-integration-'));
  const resultsFile = join(scratch, 'results.json');
  if (copyWorkspace ?? (virtualWorkspace || resolve(workspace) === EXAMPLES_WORKSPACE)) {
    const copy = join(scratch, basename(workspace));
    await cp(workspace, copy, { recursive: true, filter: (source) => basename(source) !== '.vscode' });
    workspace = copy;
  }
  const server = await startCodeServer({
    workspace,
    vsix: [vsix, built.runnerVsix],
    settings,
    workspaceTrust,
    folderUri: virtualWorkspace ? `zsvfs:/${basename(workspace)}` : undefined,
    env: {
      ...env,
      ...(virtualWorkspace ? { ZS_INTEGRATION_VFS_ROOT: dirname(workspace) } : {}),
      ZS_INTEGRATION_HOST: 'code-server',
      ZS_INTEGRATION_RESULTS: resultsFile,
      ZS_INTEGRATION_INDEX: built.index,
      ZS_INTEGRATION_SUITE_DIR: built.suiteDir,
    },
  }).catch(async (error) => {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  });
  log(`code-server ${server.url} (workspace ${workspace})`);
  let workbench;
  let results;
  try {
    // The extension host starts when a window connects: open one in headless Chromium.
    workbench = await openWorkbench(server);
    // What a user would do with the link prompt of openExternal: nothing leaves the machine.
    cancelExternalLinkPrompts(workbench.page, (line) => log(`  (${line})`));
    results = await waitForFile(resultsFile, timeoutMs, () => (workbench.page.isClosed() ? 'the workbench page closed' : undefined));
  } catch (error) {
    results = { passed: 0, failed: 0, pending: 0, tests: [], fatal: error.stack ?? String(error) };
  }
  const failed = Boolean(results.fatal) || results.failed > 0;
  if (failed) {
    // Keep what explains the failure: extension host logs, the page console, a screenshot.
    const failureDir = join(PROJECT_ROOT, 'test/e2e/out/integration-failure');
    await rm(failureDir, { recursive: true, force: true });
    await mkdir(failureDir, { recursive: true });
    for (const file of await extensionHostLogs(server.logsDir)) await copyFile(file, join(failureDir, basename(file))).catch(() => {});
    await copyFile(server.serverLog, join(failureDir, 'code-server.log')).catch(() => {});
    if (workbench) {
      await workbench.page.screenshot({ path: join(failureDir, 'workbench.png') }).catch(() => {});
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(failureDir, 'console.log'), workbench.consoleLines.join('\n'));
    }
    results.failureDir = failureDir;
  }
  await workbench?.close();
  await server.stop();
  await rm(scratch, { recursive: true, force: true });
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Ctrl+C / SIGTERM: exit through process.exit so the launcher's exit hook ends code-server's
  // process group (it runs detached, so the terminal's signal does not reach it).
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  const started = Date.now();
  let failed = 1;
  try {
    const results = await runIntegrationSuite();
    console.log(`\nintegration suite in code-server: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    failed = printResults(results);
    // The default run also opens the multi-root fixture (folders on different orchestrators) for its own suite.
    if (!process.env.ZS_INTEGRATION_WORKSPACE && !process.env.ZS_INTEGRATION_FILES) {
      const multiRoot = await runIntegrationSuite({ workspace: MULTI_ROOT_WORKSPACE, env: { ZS_INTEGRATION_FILES: 'multi-root' } });
      console.log(`\nmulti-root workspace (${MULTI_ROOT_WORKSPACE}):`);
      failed += printResults(multiRoot);
      // And examples/ once more as a virtual workspace (no files on disk): suite/90-virtual-workspace.test.ts.
      const virtual = await runIntegrationSuite({ virtualWorkspace: true, env: { ZS_INTEGRATION_FILES: 'virtual-workspace' } });
      console.log('\nvirtual workspace (examples/ as zsvfs:/examples):');
      failed += printResults(virtual);
      console.log(`\nall three workspaces:\n${results.passed + multiRoot.passed + virtual.passed} passed, ${failed} failed`);
    }
  } catch (error) {
    console.error(error.stack ?? String(error));
    console.log('0 passed, 1 failed');
  }
  process.exit(failed ? 1 : 0);
}

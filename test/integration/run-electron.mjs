// `npm run test:electron`: the same integration suite under @vscode/test-electron,
// the standard way on a desktop with VS Code or a CI with internet access.
//
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   # use an installed VS Code (no download)
//   VSCODE_VERSION=1.90.0 npm run test:electron             # download that version (needs internet), default: stable
//   ZS_INTEGRATION_FILES / ZS_INTEGRATION_GREP select tests, ZS_INTEGRATION_WORKSPACE the folder.
// On Linux without a display, run it under xvfb-run.
//
// Here the extension runs from this folder (extensionDevelopmentPath, dist/ built
// by `npm run build`); the code-server harness installs the packaged .vsix instead.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { BASE_SETTINGS, EXAMPLES_WORKSPACE, PROJECT_ROOT } from '../e2e/code-server.mjs';
import { buildIntegrationSuite } from './build.mjs';
import { printResults } from './report.mjs';

const started = Date.now();
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const built = await buildIntegrationSuite();
const scratch = await mkdtemp(join(tmpdir(), 'zs-electron-'));
const userDataDir = join(scratch, 'user-data');
await mkdir(join(userDataDir, 'User'), { recursive: true });
const settings = { ...BASE_SETTINGS, ...(process.env.ZS_INTEGRATION_SETTINGS ? JSON.parse(process.env.ZS_INTEGRATION_SETTINGS) : {}) };
await writeFile(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
const resultsFile = join(scratch, 'results.json');

let exitCode = 1;
try {
  const code = await runTests({
    extensionDevelopmentPath: PROJECT_ROOT,
    extensionTestsPath: built.index,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    launchArgs: [
      process.env.ZS_INTEGRATION_WORKSPACE ?? EXAMPLES_WORKSPACE,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      join(scratch, 'extensions'),
    ],
    extensionTestsEnv: {
      ZS_INTEGRATION_HOST: 'electron',
      ZS_INTEGRATION_RESULTS: resultsFile,
      ZS_INTEGRATION_SUITE_DIR: built.suiteDir,
    },
  });
  exitCode = code;
} catch (error) {
  console.error(`VS Code could not run the suite: ${error?.message ?? error}`);
  if (!process.env.VSCODE_EXECUTABLE) {
    console.error('Without internet access, point VSCODE_EXECUTABLE at an installed VS Code (the `code` binary), or use npm run test:integration (code-server).');
  }
}
let failed = exitCode === 0 ? 0 : 1;
console.log(`test-electron run: ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (existsSync(resultsFile)) {
  failed = printResults(JSON.parse(await readFile(resultsFile, 'utf8')));
} else {
  console.log('0 passed, 1 failed');
}
await rm(scratch, { recursive: true, force: true });
process.exit(failed || exitCode ? 1 : 0);

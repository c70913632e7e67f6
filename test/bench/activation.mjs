// `npm run bench:activation`: what every Python user pays. Starts code-server (VS Code 1.100.3)
// with the packaged extension and an empty extension that also activates on Python files, opens
// a Python file without schedules, and reads both activation times from "Developer: Show Running
// Extensions" — the baseline measured in the same window. Repeated on fresh servers; medians.
// Prints them beside the bundle sizes and the JavaScript loaded at activation, with the issue's
// targets: activation within 30 ms of the empty extension, under 150 KB of JS at activation.
// ZS_BENCH_RUNS=N (default 3).

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../e2e/browser.mjs';
import { PROJECT_ROOT, startCodeServer } from '../e2e/code-server.mjs';
import { WAIT_MS, openFromExplorer, runCommand, until } from '../e2e/workbench.mjs';
import { ensurePackaged } from '../integration/package-vsix.mjs';

const RUNS = Number(process.env.ZS_BENCH_RUNS ?? 3);
const EMPTY_NAME = 'Empty Python Extension (baseline)';

async function emptyExtensionVsix(dir) {
  const folder = join(dir, 'empty-extension');
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'package.json'),
    JSON.stringify({
      name: 'empty-python-extension',
      displayName: EMPTY_NAME,
      publisher: 'zenml-schedules-bench',
      version: '0.0.1',
      engines: { vscode: '^1.90.0' },
      activationEvents: ['onLanguage:python'],
      contributes: { commands: [{ command: 'emptyPythonExtension.hello', title: 'Hello' }] },
      main: './extension.js',
    }),
  );
  // VS Code's "Hello World" template: it takes the API and registers one command, as any real
  // extension must (creating an extension's API object is part of every activation).
  await writeFile(
    join(folder, 'extension.js'),
    "const vscode = require('vscode');\nexports.activate = function (context) {\n  context.subscriptions.push(vscode.commands.registerCommand('emptyPythonExtension.hello', () => {}));\n};\nexports.deactivate = function () {};\n",
  );
  const vsix = join(dir, 'empty.vsix');
  const r = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], {
    cwd: folder,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`packaging the empty extension failed:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

async function activationMs(page, name) {
  const row = page.locator('.monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: WAIT_MS });
  const label = await until(`an activation time for ${name}`, async () => {
    const text = await row.locator('.activation-time').innerText();
    return /\d+\s*ms/.test(text) ? text : undefined;
  });
  return Number(label.match(/(\d+)\s*ms/)[1]);
}

async function oneRun(vsixes, workspace) {
  const server = await startCodeServer({ vsix: vsixes, workspace });
  const workbench = await openWorkbench(server);
  try {
    const { page } = workbench;
    await openFromExplorer(page, 'plain.py');
    // Both activate on the Python file; give the extension host a moment to report.
    await page.waitForTimeout(2000);
    await runCommand(page, 'Developer: Show Running Extensions');
    const ours = await activationMs(page, 'ZenML Schedules');
    const empty = await activationMs(page, EMPTY_NAME);
    // The core (parser, engine, ZenML code) was not needed: its status bar item never appeared.
    const coreLoaded = (await page.locator('.statusbar-item', { hasText: /ZenML/ }).count()) > 0;
    return { ours, empty, coreLoaded };
  } finally {
    await workbench.close();
    await server.stop();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const vsix = ensurePackaged();
  const dir = await mkdtemp(join(tmpdir(), 'zs-bench-activation-'));
  try {
    const empty = await emptyExtensionVsix(dir);
    const workspace = join(dir, 'workspace');
    await mkdir(workspace);
    await writeFile(join(workspace, 'plain.py'), 'import os\n\n\ndef main() -> None:\n    print(os.getcwd())\n');
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await oneRun([vsix, empty], workspace);
      console.log(`run ${i + 1}/${RUNS}: ZenML Schedules ${run.ours} ms, empty extension ${run.empty} ms, core loaded: ${run.coreLoaded ? 'yes' : 'no'}`);
      runs.push(run);
    }
    const ours = median(runs.map((r) => r.ours));
    const baseline = median(runs.map((r) => r.empty));
    const size = (file) => (existsSync(join(PROJECT_ROOT, file)) ? statSync(join(PROJECT_ROOT, file)).size : 0);
    const atActivation = size('dist/extension.js');
    const coreLoaded = runs.some((r) => r.coreLoaded);
    const loaded = atActivation + (coreLoaded ? size('dist/core.js') : 0);
    const deltaOk = ours - baseline <= 30;
    const sizeOk = loaded < 150 * 1024;
    console.log('\nactivation on a Python file without schedules (code-server 1.100.3, medians of', RUNS, 'runs)');
    console.log(`  ZenML Schedules        ${ours} ms`);
    console.log(`  empty extension        ${baseline} ms (baseline, same window)`);
    console.log(`  difference             ${ours - baseline} ms   target <= 30 ms   ${deltaOk ? 'PASS' : 'MISS'}`);
    console.log(`  JS loaded at activation ${kb(loaded)} (dist/extension.js${coreLoaded ? ' + dist/core.js' : ''})   target < 150 KB   ${sizeOk ? 'PASS' : 'MISS'}`);
    console.log('bundle sizes');
    for (const file of ['dist/extension.js', 'dist/core.js', 'dist/cli.js']) console.log(`  ${file.padEnd(22)} ${kb(size(file))}`);
    console.log(`  ${'zenml-schedules.vsix'.padEnd(22)} ${kb(statSync(vsix).size)}`);
    return deltaOk && sizeOk ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.stack ?? String(error));
    process.exit(1);
  },
);

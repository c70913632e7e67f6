// Bundles the integration suite for the extension host:
//   index.js                      mocha runner (run() for test-electron, runSuite() for code-server)
//   suite/<name>.test.js          one bundle per suite/*.test.ts (every file there is picked up)
//   runner-extension/, runner.vsix the test-only extension that runs the suite inside code-server
// into .vscode-test/integration/ (git- and lint-ignored, beside test-electron's downloads).
// `vscode` stays external: the extension host provides it.

import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const INTEGRATION_DIR = dirname(fileURLToPath(import.meta.url));
export const OUT_DIR = join(INTEGRATION_DIR, '../../.vscode-test/integration');

export async function buildIntegrationSuite() {
  await rm(OUT_DIR, { recursive: true, force: true });
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode'],
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  };
  const suiteFiles = (await readdir(join(INTEGRATION_DIR, 'suite'))).filter((name) => name.endsWith('.test.ts'));
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(INTEGRATION_DIR, 'index.ts')], outfile: join(OUT_DIR, 'index.js') }),
    esbuild.build({
      ...common,
      entryPoints: suiteFiles.map((name) => join(INTEGRATION_DIR, 'suite', name)),
      outdir: join(OUT_DIR, 'suite'),
    }),
    esbuild.build({
      ...common,
      sourcemap: false,
      entryPoints: [join(INTEGRATION_DIR, 'runner-extension/extension.ts')],
      outfile: join(OUT_DIR, 'runner-extension/extension.js'),
    }),
  ]);
  await mkdir(join(OUT_DIR, 'runner-extension'), { recursive: true });
  await copyFile(join(INTEGRATION_DIR, 'runner-extension/package.json'), join(OUT_DIR, 'runner-extension/package.json'));
  // Packaged too, so the harness installs it with --install-extension like the real one
  // (once extensions.json exists, VS Code ignores folders merely copied into the extensions dir).
  const runnerVsix = join(OUT_DIR, 'runner.vsix');
  execFileSync(
    join(INTEGRATION_DIR, '../../node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--allow-star-activation', '-o', runnerVsix],
    { cwd: join(OUT_DIR, 'runner-extension'), stdio: 'pipe' },
  );
  return {
    runnerVsix,
    index: join(OUT_DIR, 'index.js'),
    suiteDir: join(OUT_DIR, 'suite'),
    runnerExtension: join(OUT_DIR, 'runner-extension'),
    suiteFiles,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildIntegrationSuite();
  console.log(`built ${built.suiteFiles.length} suite file(s) into ${OUT_DIR}`);
}

// Bundles the extension (dist/extension.js) and the command line (dist/cli.js).
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
// `--install-missing` (the `prepare` script) first installs the build's own packages when they
// are missing: npm prepares a git dependency installed with -g (as pre-commit installs a hook
// repository) without its dependencies (npm/cli#8440), so the build installs them itself.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
function loadEsbuild() {
  try {
    return require('esbuild');
  } catch (error) {
    if (!process.argv.includes('--install-missing')) throw error;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = ['ci', '--global=false', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
    console.log(`esbuild.config.mjs: installing the build's packages (npm ${args.join(' ')})`);
    const result = spawnSync(npm, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${result.status})`);
    return require('esbuild');
  }
}
const esbuild = loadEsbuild();

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// @kubernetes/client-node (ESM-only, megabytes) is a bundle of its own, dist/kubernetes-client.js,
// required by the core and the CLI only when a Kubernetes connection is read (src/adapters/kubernetes.ts).
const kubernetesClientApart = {
  name: 'kubernetes-client-apart',
  setup(build) {
    build.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: './kubernetes-client.js', external: true }));
  },
};

const builds = [
  // The extension is two bundles: the small activation (stand-ins) and the core it requires at
  // first use (src/extension.ts), so activation loads a few KB instead of the parser and engine.
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './core.js'] },
  { ...common, entryPoints: ['src/vscode/core.ts'], outfile: 'dist/core.js', external: ['vscode'], plugins: [kubernetesClientApart] },
  { ...common, entryPoints: ['node_modules/@kubernetes/client-node/dist/index.js'], outfile: 'dist/kubernetes-client.js' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [kubernetesClientApart],
  },
];

// The ZenML helper is plain Python run by the user's interpreter: shipped beside the bundles
// (src/zenml/runner.ts finds it next to itself, in dist/ as in src/zenml/).
mkdirSync('dist', { recursive: true });
copyFileSync('src/zenml/helper.py', 'dist/helper.py');

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

// Bundles the extension (dist/extension.js) and the command line (dist/cli.js).
// `--production` minifies and drops source maps; `--watch` rebuilds on change.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

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

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
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

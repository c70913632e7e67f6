// Stryker's build step (run inside its sandbox, after the sources are instrumented): bundles each
// unit test file with the (instrumented) sources it imports into one CommonJS file beside it, so that
// every mutant run starts plain `node` on a ready file instead of compiling TypeScript again.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const folder = path.join('test', 'unit');
const entries = readdirSync(folder)
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => path.join(folder, name));

await esbuild.build({
  entryPoints: entries,
  outdir: folder,
  outExtension: { '.js': '.mut.cjs' },
  bundle: true,
  packages: 'external',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
});

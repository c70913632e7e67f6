// `node test/bench/bundled.mjs NAME [args]`: runs test/bench/NAME.ts as the extension ships, bundled by
// esbuild (as dist/ is, without keepNames), not through tsx. tsx keeps function names by wrapping every
// closure in a call, and the cron ports create closures per computed run: under tsx, refresh → rows of
// 1,000 live schedules measured 28% over bare HTTP, bundled 12% (2026-12-02), so tsx measured tsx.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.error('usage: node test/bench/bundled.mjs NAME [args]  (runs test/bench/NAME.ts bundled)');
  process.exit(2);
}
// Beside the live-server fixtures, which find seed.py and the venv from their own folder (git-ignored).
const outfile = path.join('test', 'live', `${name}.bench.cjs`);
await esbuild.build({
  entryPoints: [path.join('test', 'bench', `${name}.ts`)],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
console.log(`(bundled with esbuild as the extension ships: ${outfile})`);
const run = spawnSync(process.execPath, ['--expose-gc', outfile, ...args], { stdio: 'inherit' });
rmSync(outfile, { force: true });
process.exit(run.status ?? 1);

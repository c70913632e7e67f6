// Makes sure ./zenml-schedules.vsix exists and is newer than the sources it is
// built from; runs `npm run package` otherwise. Shared by every harness that
// installs the packaged extension (integration, e2e, demo).

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, DEFAULT_VSIX } from '../e2e/code-server.mjs';

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function vsixIsStale(vsix = DEFAULT_VSIX) {
  if (!existsSync(vsix)) return true;
  const inputs = ['src', 'package.json', 'README.md', 'media', 'esbuild.config.mjs'].map((p) => join(PROJECT_ROOT, p)).filter(existsSync);
  return Math.max(...inputs.map(newestMtime)) > statSync(vsix).mtimeMs;
}

/**
 * Packages the extension when the .vsix is missing or older than its sources.
 * ZS_VSIX=<path>: install that file instead; ZS_NO_PACKAGE=1: use the existing .vsix as it is.
 */
export function ensurePackaged({ force = false } = {}) {
  if (process.env.ZS_VSIX) return process.env.ZS_VSIX;
  if (process.env.ZS_NO_PACKAGE === '1' && existsSync(DEFAULT_VSIX)) return DEFAULT_VSIX;
  if (!force && !vsixIsStale()) return DEFAULT_VSIX;
  console.log('packaging the extension (npm run package)');
  const result = spawnSync('npm', ['run', '-s', 'package'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status})`);
  return DEFAULT_VSIX;
}

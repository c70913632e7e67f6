// The bundled command line, dist/cli.js, run with plain node as a user would.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds dist/cli.js when it is missing or older than the sources it bundles. */
async function ensureBuilt(): Promise<void> {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSource(path.join(ROOT, 'src'))) return;
  try {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // Another part of the bundle may be mid-edit: build the command line alone, with the same options.
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
      outfile: CLI,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'silent',
    });
  }
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('dist/cli.js', () => {
  before(ensureBuilt, { timeout: 120_000 });

  it('--version', () => {
    const r = cli('--version');
    assert.equal(r.code, 0);
    assert.match(r.out, /^\d+\.\d+\.\d+\n$/);
  });

  it('explain --json: an invalid expression exits 1 with the field', () => {
    const r = cli('explain', '0 61 * * *', '--json', '--from', '2026-12-01T00:00:00Z');
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out);
    assert.equal(json.valid, false);
    assert.equal(json.error.field, 'hour');
  });

  it('explain: a valid expression exits 0', () => {
    const r = cli('explain', '*/15 * * * *', '--tz', 'UTC', '--from', '2026-12-01T00:00:00Z', '--count', '2', '--json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out).nextRuns, ['2026-12-01T00:15:00Z', '2026-12-01T00:30:00Z']);
  });

  it('check: a missing path exits 2; the examples folder (with its mistakes.py) exits 1', () => {
    assert.equal(cli('check', path.join(ROOT, 'no-such-folder')).code, 2);
    // examples/ is part of the repository; its mistakes files hold errors, so check exits 1.
    const r = cli('check', path.join(ROOT, 'examples'), '--json');
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out) as { schedules: number; findings: Array<{ severity: string; file: string }> };
    assert.ok(json.schedules > 0);
    assert.ok(json.findings.some((f) => f.severity === 'error' && f.file.endsWith('mistakes.py')), r.out);
  });

  it('bad usage exits 2', () => {
    assert.equal(cli('explain', '0 3 * * *', '--dialect', 'nope').code, 2);
  });
});

// Shared by the packaging suite: running tools with generous timeouts, and a copy of this
// working tree as a fresh clone (tracked and new files, nothing git ignores: no node_modules,
// no dist), committed in its own repository.

import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS = path.join(ROOT, '.tools');

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

export function run(command: string, args: string[], options: SpawnSyncOptions = {}): Ran {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  return { code: result.status, out: String(result.stdout), err: String(result.stderr) };
}

/** Runs and asserts exit 0, with the output in the message when it is not. */
export function ok(command: string, args: string[], options: SpawnSyncOptions = {}): Ran {
  const r = run(command, args, options);
  assert.equal(r.code, 0, `${command} ${args.join(' ')} exited ${r.code}\n${r.out}\n${r.err}`);
  return r;
}

/** Git with a fixed identity and no user or system configuration. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    ...extra,
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** This working tree as a fresh clone would have it, committed; returns its folder and commit. */
export function snapshotRepo(into: string): { dir: string; rev: string } {
  const files = ok('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT }).out.split('\0').filter(Boolean);
  mkdirSync(into, { recursive: true });
  for (const file of files) {
    const from = path.join(ROOT, file);
    // Deleted but not yet committed; or .tools, a link to shared installs in a worktree.
    if (!existsSync(from) || file === '.tools') continue;
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    copyFileSync(from, path.join(into, file));
  }
  const env = gitEnv();
  ok('git', ['init', '-q', '-b', 'main'], { cwd: into, env });
  ok('git', ['add', '-A'], { cwd: into, env });
  ok('git', ['commit', '-q', '-m', 'snapshot'], { cwd: into, env });
  return { dir: into, rev: ok('git', ['rev-parse', 'HEAD'], { cwd: into, env }).out.trim() };
}

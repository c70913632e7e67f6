// Builds the reference runners (Go: robfig/cron, Java: Quartz) into .tools/refs
// and checks the croniter venv. Each reference is either available (with the
// command that runs it) or skipped with the reason. Rebuilds only when the
// runner's source is newer than the build.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { buildVixie } from './vixie';

export type ReferenceName = 'robfig' | 'quartz' | 'croniter' | 'vixie';

export interface Reference {
  name: ReferenceName;
  available: boolean;
  /** Why it was skipped (when not available). */
  reason?: string;
  /** Installed but failed to build: a failure, never a skip. */
  broken?: boolean;
  command?: string;
  args?: string[];
}

export const ROOT = resolve(__dirname, '../..');
const REFS = join(ROOT, '.tools/refs');
const GOCODE = '/usr/share/gocode/src/github.com/robfig/cron';
const QUARTZ_JAR = '/usr/share/java/quartz2.jar';

function newer(source: string, target: string): boolean {
  return !existsSync(target) || statSync(source).mtimeMs > statSync(target).mtimeMs;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

function buildRobfig(): Reference {
  const name = 'robfig';
  if (!has('go')) return { name, available: false, reason: 'no Go toolchain (apt package golang-go)' };
  if (!existsSync(GOCODE)) return { name, available: false, reason: `robfig/cron sources missing at ${GOCODE} (apt package golang-github-robfig-cron-dev)` };
  const source = join(ROOT, 'test/differential/ref/robfig.go');
  const binary = join(REFS, 'robfig-ref');
  if (newer(source, binary)) {
    // GOPATH mode, offline: robfig/cron/v3 resolved from Debian's source package.
    const gopath = join(REFS, 'gopath');
    const link = join(gopath, 'src/github.com/robfig/cron/v3');
    if (!existsSync(link)) {
      mkdirSync(dirname(link), { recursive: true });
      rmSync(link, { force: true, recursive: true });
      symlinkSync(GOCODE, link);
    }
    try {
      execFileSync('go', ['build', '-o', binary, source], {
        env: { ...process.env, GOPATH: gopath, GO111MODULE: 'off', GOFLAGS: '', GOCACHE: join(REFS, 'gocache'), GOTOOLCHAIN: 'local' },
        stdio: 'pipe',
      });
    } catch (e) {
      return { name, available: false, broken: true, reason: `go build failed: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 300)}` };
    }
  }
  return { name, available: true, command: binary, args: [] };
}

function buildQuartz(): Reference {
  const name = 'quartz';
  if (!has('java') || !has('javac')) return { name, available: false, reason: 'no JDK (java + javac)' };
  if (!existsSync(QUARTZ_JAR)) return { name, available: false, reason: `Quartz missing at ${QUARTZ_JAR} (apt package libquartz2-java)` };
  const source = join(ROOT, 'test/differential/ref/QuartzRef.java');
  const out = join(REFS, 'java');
  const cls = join(out, 'QuartzRef.class');
  if (newer(source, cls)) {
    try {
      mkdirSync(out, { recursive: true });
      execFileSync('javac', ['-d', out, '-cp', QUARTZ_JAR, source], { stdio: 'pipe' });
    } catch (e) {
      return { name, available: false, broken: true, reason: `javac failed: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 300)}` };
    }
  }
  return { name, available: true, command: 'java', args: ['-Xshare:auto', '-XX:TieredStopAtLevel=1', '-cp', `${out}:${QUARTZ_JAR}`, 'QuartzRef'] };
}

function checkCroniter(): Reference {
  const name = 'croniter';
  const python = join(ROOT, '.tools/croniter-venv/bin/python');
  if (!existsSync(python)) return { name, available: false, reason: 'no croniter venv (.tools/croniter-venv; run test/setup/30-reference-parsers.sh)' };
  const probe = spawnSync(python, ['-c', 'import croniter'], { encoding: 'utf8' });
  if (probe.status !== 0) return { name, available: false, reason: `croniter does not import: ${probe.stderr.trim().split('\n').pop()}` };
  return { name, available: true, command: python, args: [join(ROOT, 'test/differential/ref/croniter_ref.py')] };
}

/** ZS_DIFF_SKIP=croniter,quartz pretends those references are missing (to check the skip path). */
function disabled(name: ReferenceName): Reference | null {
  const list = (process.env.ZS_DIFF_SKIP ?? '').split(',').map((s) => s.trim());
  return list.includes(name) ? { name, available: false, reason: 'disabled by ZS_DIFF_SKIP' } : null;
}

export function buildReferences(): Record<ReferenceName, Reference> {
  mkdirSync(REFS, { recursive: true });
  return {
    robfig: disabled('robfig') ?? buildRobfig(),
    quartz: disabled('quartz') ?? buildQuartz(),
    croniter: disabled('croniter') ?? checkCroniter(),
    vixie: disabled('vixie') ?? buildVixie(ROOT),
  };
}

if (require.main === module) {
  for (const ref of Object.values(buildReferences())) {
    console.log(ref.available ? `reference ${ref.name}: ready` : `${ref.broken ? 'BROKEN' : 'SKIPPED'} reference ${ref.name}: ${ref.reason}`);
  }
}

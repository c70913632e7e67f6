// Builds the POSIX/Vixie cron reference (issue 16): test/differential/ref/vixie_ref.c linked
// with Debian's cron source (entry.c, job.c, misc.c, env.c, compat.c; cron.c is included by
// the harness), which test/setup/35-vixie-cron.sh fetches with `apt-get source cron` into
// .tools/vixie-cron/src. Missing toolchain or source: the reference is unavailable (a skip,
// which the differential test refuses unless ZS_DIFF_ALLOW_SKIP=1). Source present but the
// build fails: the reference is broken, and that is a failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Reference } from './build-refs';

const LINKED = ['entry.c', 'job.c', 'misc.c', 'env.c', 'compat.c'];
// What the daemon would do to the machine or the real clock, replaced by the harness.
const WRAPPED = ['time', 'sleep', 'access', 'acquire_daemonlock', 'set_cron_uid', 'set_cron_cwd', 'log_it', 'log_close'];

export function buildVixie(root: string): Reference {
  const name = 'vixie';
  const src = join(root, '.tools/vixie-cron/src');
  const harness = join(root, 'test/differential/ref/vixie_ref.c');
  const out = join(root, '.tools/refs/vixie');
  const binary = join(out, 'vixie-ref');
  if (spawnSync('sh', ['-c', 'command -v gcc'], { encoding: 'utf8' }).status !== 0) {
    return { name, available: false, reason: 'no C compiler (apt package gcc)' };
  }
  if (!existsSync(join(src, 'entry.c')) || !existsSync(join(src, 'cron.c'))) {
    return { name, available: false, reason: `Debian's cron source missing at ${src} (run test/setup/35-vixie-cron.sh)` };
  }
  const sources = [harness, ...LINKED.map((f) => join(src, f)), join(src, 'cron.c'), join(src, 'cron.h')];
  const fresh = existsSync(binary) && sources.every((f) => statSync(f).mtimeMs <= statSync(binary).mtimeMs);
  if (!fresh) {
    try {
      mkdirSync(out, { recursive: true });
      // The one instrumented line: get_list() skips characters it cannot read after a field's
      // list (so "1.5" reads as 1); the copy records that it did, changing nothing else.
      const entry = readFileSync(join(src, 'entry.c'), 'utf8');
      const marker = '\tSkip_Nonblanks(ch, file)\n';
      if (entry.split(marker).length !== 2) throw new Error("entry.c: expected exactly one Skip_Nonblanks(ch, file) in get_list()");
      writeFileSync(
        join(out, 'entry.c'),
        'extern int zs_skipped_characters;\n' +
          entry.replace(marker, "\tif (ch != '\\t' && ch != ' ' && ch != '\\n' && ch != EOF) zs_skipped_characters = 1;\n" + marker),
      );
      const objects = LINKED.map((f) => (f === 'entry.c' ? join(out, 'entry.c') : join(src, f)));
      execFileSync(
        'gcc',
        ['-O2', '-w', '-DPOSIX', '-DDEBUGGING=0', `-I${src}`, '-o', binary, harness, ...objects, `-Wl,${WRAPPED.map((w) => `--wrap=${w}`).join(',')}`],
        { stdio: 'pipe' },
      );
    } catch (e) {
      const detail = String((e as { stderr?: Buffer }).stderr ?? (e instanceof Error ? e.message : e)).slice(0, 600);
      return { name, available: false, broken: true, reason: `building the Vixie cron harness failed: ${detail}` };
    }
  }
  return { name, available: true, command: binary, args: [] };
}

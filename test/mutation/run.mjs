// `npm run test:mutation [-- [--by-file] cron findings discovery]`: Stryker over each engine folder
// (default: all three), with its own incremental file and reports under .tools/mutation/<folder>/.
// `--by-file` runs one Stryker per source file instead (each a chunk under .tools/mutation/<folder>/<file>/,
// with its own incremental file): a long run then keeps what it finished when it is stopped, and a
// second call only re-tests what changed. The folder's score is summed over the chunks' reports.
// The targets (issue 16): 80% of mutants killed in src/cron and src/findings, 70% in src/discovery.
// Exits non-zero when a folder misses its target or a run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const TARGETS = { cron: 80, findings: 80, discovery: 70 };
const args = process.argv.slice(2);
const byFile = args.includes('--by-file');
// `--files a.ts,b.ts` (with --by-file) runs only those files of the folder now; the folder's score is
// still summed over every file's last report, and a file with no report yet is named.
const filesAt = args.indexOf('--files');
const only = filesAt >= 0 ? (args[filesAt + 1] ?? '').split(',').filter(Boolean) : undefined;
const named = args.filter((a, i) => a !== '--by-file' && i !== filesAt && i !== filesAt + 1);
const folders = named.length ? named : Object.keys(TARGETS);

function stryker(env) {
  const run = spawnSync('npx', ['stryker', 'run', 'test/mutation/stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return run.status === 0;
}

function count(reportPath, counts) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
}

const results = [];
for (const folder of folders) {
  if (!(folder in TARGETS)) {
    console.error(`unknown folder ${folder}: one of ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  const counts = {};
  if (byFile) {
    const files = readdirSync(`src/${folder}`, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    const chunkOf = (file) => `file-${file.replace(/[/\\]/g, '_').replace(/\.ts$/, '')}`;
    for (const file of files.filter((f) => !only || only.includes(f))) {
      const chunk = chunkOf(file);
      console.log(`\n=== src/${folder}/${file} (chunk ${chunk})`);
      const ok = stryker({ ZS_MUTATE_FOLDER: folder, ZS_MUTATE_CHUNK: chunk, ZS_MUTATE: path.posix.join('src', folder, file) });
      if (!ok) {
        console.error(`stryker failed on src/${folder}/${file}`);
        process.exit(1);
      }
    }
    for (const file of files) {
      const report = `.tools/mutation/${folder}/${chunkOf(file)}/report.json`;
      // A file with no mutant (types only) writes a report with no mutants, or none at all.
      if (existsSync(report)) count(report, counts);
      else console.log(`  (src/${folder}/${file}: no report yet, not counted)`);
    }
  } else {
    if (!stryker({ ZS_MUTATE_FOLDER: folder })) {
      console.error(`stryker failed on src/${folder}`);
      process.exit(1);
    }
    count(`.tools/mutation/${folder}/report.json`, counts);
  }
  const killed = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = killed + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = valid ? (100 * killed) / valid : 0;
  results.push({ folder, score, target: TARGETS[folder], counts });
}
console.log('\nmutation score per folder (killed + timeout of valid mutants):');
let missed = false;
for (const { folder, score, target, counts } of results) {
  const ok = score >= target;
  if (!ok) missed = true;
  console.log(`  src/${folder}: ${score.toFixed(2)}% (target ${target}%) ${ok ? 'MET' : `MISSED by ${(target - score).toFixed(2)} points`}  ${JSON.stringify(counts)}`);
}
process.exit(missed ? 1 : 0);

// `npm run test:mutation [-- cron findings discovery]`: one Stryker run per engine folder (default: all
// three), each with its own incremental file and reports under .tools/mutation/<folder>/.
// The targets (issue 16): 80% of mutants killed in src/cron and src/findings, 70% in src/discovery.
// Exits non-zero when a folder misses its target.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TARGETS = { cron: 80, findings: 80, discovery: 70 };
const folders = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TARGETS);
const results = [];
for (const folder of folders) {
  if (!(folder in TARGETS)) {
    console.error(`unknown folder ${folder}: one of ${Object.keys(TARGETS).join(', ')}`);
    process.exit(2);
  }
  const run = spawnSync('npx', ['stryker', 'run', 'test/mutation/stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, ZS_MUTATE_FOLDER: folder },
  });
  if (run.status !== 0) {
    console.error(`stryker failed on src/${folder} (exit ${run.status})`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(`.tools/mutation/${folder}/report.json`, 'utf8'));
  const counts = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
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

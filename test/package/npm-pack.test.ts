// The command line as an npm package: `npm pack` (which runs `prepare`: the release build) gives
// a tarball with only the bundled CLI, the ZenML helper it runs and the package's documents; from
// a clean folder, with its own empty npm cache, `npx --yes ./zenml-schedules-<version>.tgz` runs it
// with this machine's Node (20).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ok, ROOT, run, tempDir } from './helpers';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; engines: { node: string } };

describe(`npm pack: the zenml-schedules package, run with npx on Node ${process.versions.node}`, () => {
  let base: string;
  let clean: string;
  let tarball: string;
  let contents: { path: string; size: number }[];
  let env: NodeJS.ProcessEnv;

  before(
    () => {
      base = tempDir('zs-npm-pack-');
      const packed = ok('npm', ['pack', '--json', '--pack-destination', base], { cwd: ROOT, timeout: 300_000 });
      // `--json` prints the pack report after `prepare`'s own output.
      const report = JSON.parse(packed.out.slice(packed.out.indexOf('[\n'))) as { filename: string; files: { path: string; size: number }[] }[];
      tarball = path.join(base, report[0].filename);
      contents = report[0].files;
      clean = path.join(base, 'clean');
      mkdirSync(clean);
      // No project around it, an empty npm cache: only the tarball can provide the binary.
      env = { ...process.env, npm_config_cache: path.join(base, 'npm-cache'), npm_config_update_notifier: 'false' };
    },
    { timeout: 320_000 },
  );

  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  const npx = (...args: string[]) => run('npx', ['--yes', `./${path.basename(tarball)}`, ...args], { cwd: clean, env, timeout: 300_000 });

  it('the tarball is named zenml-schedules-<version>.tgz and holds only what the CLI needs', () => {
    assert.equal(path.basename(tarball), `zenml-schedules-${pkg.version}.tgz`);
    assert.deepEqual(contents.map((f) => f.path).sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/helper.py', 'dist/kubernetes-client.js', 'package.json']);
    assert.equal(pkg.bin['zenml-schedules'], './dist/cli.js');
    const cli = contents.find((f) => f.path === 'dist/cli.js');
    assert.ok(cli && cli.size > 50_000, 'the bundled CLI is inside');
    assert.match(pkg.engines.node, />=\s*20/);
  });

  it('installs nothing else: the CLI is one bundle, the package has no dependencies', () => {
    const packed = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(packed.dependencies, undefined, 'every runtime library is bundled by esbuild: list it in devDependencies, or npx and pre-commit install it for nothing');
  });

  it('npx --yes ./zenml-schedules-<version>.tgz --version', () => {
    // The tarball sits in the clean folder, as a user would download it.
    writeFileSync(path.join(clean, path.basename(tarball)), readFileSync(tarball));
    const r = npx('--version');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), pkg.version);
  });

  it('npx … check: a bad cron exits 1 with the finding; a good one exits 0; --format sarif works', () => {
    writeFileSync(path.join(clean, 'bad.py'), 'from zenml.config.schedule import Schedule\n\ns = Schedule(cron_expression="0 25 * * *")\n');
    writeFileSync(path.join(clean, 'good.py'), 'from zenml.config.schedule import Schedule\n\ns = Schedule(cron_expression="0 5 * * *")\n');
    const bad = npx('check', 'bad.py');
    assert.equal(bad.code, 1, bad.err);
    assert.match(bad.out, /^bad\.py:3:\d+ error invalid-cron hour: 25 is out of range 0-23$/m);
    const good = npx('check', 'good.py');
    assert.equal(good.code, 0, good.out + good.err);
    assert.match(good.out, /1 file, 1 schedule: no problems/);
    const sarif = npx('check', '.', '--format', 'sarif', '--exit-zero');
    assert.equal(sarif.code, 0, sarif.err);
    const log = JSON.parse(sarif.out);
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(
      log.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
      ['invalid-cron'],
    );
    const explain = npx('explain', '0 0 * * *', '--orchestrator', 'kubeflow');
    assert.equal(explain.code, 0, explain.err);
    assert.match(explain.out, /hour/i);
  });
});

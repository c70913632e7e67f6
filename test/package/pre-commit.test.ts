// The pre-commit hook (.pre-commit-hooks.yaml) with the real pre-commit from PyPI
// (.tools/pre-commit-venv, test/setup/50-pre-commit.sh): a fresh clone of this repository is the
// hook repository (its `prepare` script builds the command line), and a temporary git repository
// uses it. A commit with a bad cron is refused with the finding's message; a clean one passes.

import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gitEnv, ok, run, snapshotRepo, tempDir, TOOLS } from './helpers';

const PRE_COMMIT = path.join(TOOLS, 'pre-commit-venv', 'bin', 'pre-commit');

const BAD = `from zenml import pipeline
from zenml.config.schedule import Schedule


@pipeline
def train() -> None: ...


train.with_options(schedule=Schedule(cron_expression="0 3 * * 8"))()
`;

const GOOD = BAD.replace('0 3 * * 8', '0 3 * * 1');

describe('pre-commit hook: zenml-schedules-check', { skip: !existsSync(PRE_COMMIT) && 'run test/setup/50-pre-commit.sh' }, () => {
  let base: string;
  let user: string;
  let env: NodeJS.ProcessEnv;

  before(
    () => {
      base = tempDir('zs-pre-commit-');
      const hook = snapshotRepo(path.join(base, 'hook-repo'));
      user = path.join(base, 'user-repo');
      // Its own cache: the hook environment is built from the fresh clone every run.
      env = gitEnv({ PRE_COMMIT_HOME: path.join(base, 'cache'), PRE_COMMIT_COLOR: 'never' });
      ok('git', ['init', '-q', '-b', 'main', user], { env });
      writeFileSync(
        path.join(user, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${hook.dir}\n    rev: ${hook.rev}\n    hooks:\n      - id: zenml-schedules-check\n`,
      );
      ok(PRE_COMMIT, ['install'], { cwd: user, env });
      // Builds the hook's environment (npm install in the clone runs `prepare`, then npm pack and install).
      ok(PRE_COMMIT, ['install-hooks'], { cwd: user, env, timeout: 900_000 });
    },
    { timeout: 960_000 },
  );

  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('refuses a commit with an invalid cron, with the finding and its message', () => {
    writeFileSync(path.join(user, 'pipeline.py'), BAD);
    ok('git', ['add', '.'], { cwd: user, env });
    const r = run('git', ['commit', '-m', 'bad schedule'], { cwd: user, env, timeout: 300_000 });
    const output = r.out + r.err;
    assert.notEqual(r.code, 0, output);
    assert.match(output, /ZenML schedules\.+Failed/);
    assert.match(output, /pipeline\.py:9:\d+ error invalid-cron dayOfWeek: 8 is out of range 0-7/);
    // Nothing was committed.
    assert.notEqual(run('git', ['rev-parse', '--verify', 'HEAD'], { cwd: user, env }).code, 0);
  });

  it('passes a clean commit', () => {
    writeFileSync(path.join(user, 'pipeline.py'), GOOD);
    ok('git', ['add', '.'], { cwd: user, env });
    const r = ok('git', ['commit', '-m', 'good schedule'], { cwd: user, env, timeout: 300_000 });
    assert.match(r.out + r.err, /ZenML schedules\.+Passed/);
    assert.match(ok('git', ['log', '--oneline'], { cwd: user, env }).out, /good schedule/);
  });

  it('skips a commit without Python, YAML or notebook files', () => {
    writeFileSync(path.join(user, 'notes.txt'), 'cron "0 3 * * 8"\n');
    ok('git', ['add', '.'], { cwd: user, env });
    const r = ok('git', ['commit', '-m', 'notes'], { cwd: user, env, timeout: 300_000 });
    assert.match(r.out + r.err, /ZenML schedules\.+\(no files to check\)Skipped/);
  });
});

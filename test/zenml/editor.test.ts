// The editor against the real ZenML: runs test/integration/suite/zenml.test.ts
// inside code-server (the shared harness, test/integration/run-code-server.mjs)
// on a fresh `zenml init` repository with its own ZENML_CONFIG_PATH, with the
// packaged extension installed as a user would.
// Needs code-server (test/setup/20-code-server.sh) and the ZenML venv (40-zenml-venv.sh).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { INTERVAL_PIPELINE, PLAIN_PYTHON, PYTHON, ROOT, ZENML, runSetupScripts } from './fixtures';

const HARNESS = path.join(ROOT, 'test/integration/run-code-server.mjs');

interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  fatal?: string;
  failureDir?: string;
  tests: { fullTitle: string; state: string; error?: { message: string } }[];
}
type RunSuite = (options: { workspace: string; settings: Record<string, unknown>; env: Record<string, string>; workspaceTrust?: boolean; log?: (line: string) => void }) => Promise<SuiteResults>;

const PIPELINE = `from zenml import pipeline, step
from zenml.config.schedule import Schedule


@step
def train() -> int:
    return 1


@pipeline
def nightly() -> None:
    train()


if __name__ == "__main__":
    nightly.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()
`;

let tmp: string;

function prepareRepository(name: string): { repo: string; env: Record<string, string> } {
  const repo = path.join(tmp, name);
  fs.mkdirSync(repo, { recursive: true });
  fs.writeFileSync(path.join(repo, 'pipeline.py'), PIPELINE);
  fs.writeFileSync(path.join(repo, 'interval.py'), INTERVAL_PIPELINE);
  const env = { ZENML_CONFIG_PATH: path.join(tmp, `${name}-zenml-config`), ZENML_ANALYTICS_OPT_IN: 'false' };
  const init = spawnSync(ZENML, ['init'], { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  assert.equal(init.status, 0, `zenml init failed:\n${init.stdout}\n${init.stderr}`);
  return { repo, env };
}

function report(results: SuiteResults): void {
  for (const t of results.tests) console.log(`  ${t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL'} ${t.fullTitle}${t.error ? `\n       ${t.error.message}` : ''}`);
  if (results.fatal) console.log(results.fatal);
  if (results.failureDir) console.log(`  logs and a screenshot: ${results.failureDir}`);
}

async function harness(): Promise<RunSuite> {
  const mod = (await import(pathToFileURL(HARNESS).href)) as { runIntegrationSuite: RunSuite };
  return mod.runIntegrationSuite;
}

before(() => {
  runSetupScripts('20-code-server.sh', '40-zenml-venv.sh');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zenml-schedules-editor-'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the editor in code-server against the real ZenML', () => {
  it('status bar, warnings that follow `zenml stack set`, quick fixes, failure paths', async () => {
    const { repo, env } = prepareRepository('trusted');
    const results = await (await harness())({
      workspace: repo,
      settings: { 'zenmlSchedules.pythonPath': PYTHON, 'zenmlSchedules.helperTimeoutSeconds': 120 },
      env: { ...env, ZS_INTEGRATION_FILES: 'zenml', ZS_ZENML_MODE: 'trusted', ZS_ZENML_CLI: ZENML, ZS_ZENML_PLAIN_PYTHON: PLAIN_PYTHON },
      log: (line) => console.log(line),
    });
    report(results);
    assert.equal(results.fatal, undefined);
    assert.equal(results.failed, 0);
    assert.ok(results.passed >= 6, `only ${results.passed} passed`);
  });

  it('an untrusted workspace runs no Python', async (t) => {
    const launcher = fs.readFileSync(path.join(ROOT, 'test/e2e/code-server.mjs'), 'utf8');
    if (!launcher.includes('workspaceTrust')) {
      t.skip('the code-server launcher has no workspaceTrust option yet (it always passes --disable-workspace-trust)');
      return;
    }
    const { repo, env } = prepareRepository('untrusted');
    const marker = path.join(tmp, 'interpreter-was-run');
    const fakePython = path.join(tmp, 'fake-python');
    fs.writeFileSync(fakePython, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    const results = await (await harness())({
      workspace: repo,
      workspaceTrust: true,
      settings: { 'zenmlSchedules.pythonPath': fakePython },
      env: { ...env, ZS_INTEGRATION_FILES: 'zenml', ZS_ZENML_MODE: 'untrusted', ZS_ZENML_MARKER: marker },
      log: (line) => console.log(line),
    });
    report(results);
    assert.equal(results.fatal, undefined);
    assert.equal(results.failed, 0);
    assert.ok(results.passed >= 1);
    assert.equal(fs.existsSync(marker), false);
  });
});

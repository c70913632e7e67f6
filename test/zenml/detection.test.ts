// Detection against the real ZenML from PyPI (installed by test/setup/40-zenml-venv.sh):
// a fresh `zenml init` repository in a temporary folder with its own ZENML_CONFIG_PATH.
// Every expectation is checked against what the ZenML CLI itself reports.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AnalysisOptions, Finding } from '../../src/findings/types';
import { findRepositoryRoot, globalConfigFile } from '../../src/zenml/config';
import {
  type DetectionResult,
  type ZenmlState,
  detectOrchestrator,
  detectWithCandidates,
  switchStack,
  toOrchestratorContext,
} from '../../src/zenml/runner';
import { INTERVAL_PIPELINE, PLAIN_PYTHON, PYTHON, ROOT, ZENML, runSetupScripts } from './fixtures';

let tmp: string;
let repo: string;
let env: NodeJS.ProcessEnv;

/** Run the ZenML CLI in the test repository; stdout and stderr together (ZenML's console writes to both). */
function zenml(...args: string[]): string {
  const run = spawnSync(ZENML, args, { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `zenml ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}\n${run.stderr}`;
}

function zenmlJson<T>(...args: string[]): T {
  const out = execFileSync(ZENML, [...args, '--output', 'json'], { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return JSON.parse(out.slice(out.indexOf('{'))) as T;
}

/** What the CLI says is active, from `zenml stack describe` (name marked ACTIVE, and its id). */
function cliActiveStack(): { name: string; id: string } {
  const described = zenml('stack', 'describe').replace(/\s+/g, ' ');
  const name = /'([^']+)' stack \(ACTIVE\)/.exec(described)?.[1];
  const id = /Stack '[^']+' with id '([0-9a-f-]+)'/.exec(described)?.[1];
  assert.ok(name && id, `could not read the CLI's answer:\n${described}`);
  return { name, id };
}

/** `zenml stack get`: the active stack's name. */
function cliStackGet(): string | undefined {
  return /active stack is: '([^']+)'/.exec(zenml('stack', 'get').replace(/\s+/g, ' '))?.[1];
}

function okState(result: DetectionResult): ZenmlState {
  if (!result.ok) assert.fail(`detection failed: ${result.error.code}: ${result.error.message}\n${result.error.detail ?? ''}`);
  return result.state;
}

/** The findings rules, loaded when first needed (so that detection tests stand on their own). */
async function analyzeText(text: string, fileName: string, options: AnalysisOptions): Promise<{ findings: Finding[] }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const findings = require('../../src/findings') as typeof import('../../src/findings');
  return findings.analyzeText(text, fileName, options);
}

/** Alive and not a zombie (a container's init may not reap orphans at once). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return !/^State:\s+Z/m.test(status);
}

const detect = () => detectOrchestrator({ pythonPath: PYTHON, cwd: repo, env, timeoutMs: 60_000 });

const CRON_PIPELINE = `from zenml import pipeline
from zenml.config.schedule import Schedule

@pipeline
def nightly() -> None:
    pass

nightly.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()
`;

/** Where `schedule=` is written in the source: the attachment site the warnings point at. */
function scheduleKeyword(source: string): { line: number; character: number } {
  const lines = source.split('\n');
  const line = lines.findIndex((l) => l.includes('with_options(schedule='));
  return { line, character: lines[line].indexOf('schedule=') };
}

before(() => {
  runSetupScripts('40-zenml-venv.sh');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zenml-schedules-'));
  repo = path.join(tmp, 'repo');
  fs.mkdirSync(repo);
  env = { ...process.env, ZENML_CONFIG_PATH: path.join(tmp, 'zenml-config'), ZENML_ANALYTICS_OPT_IN: 'false' };
  delete env.ZENML_ACTIVE_STACK_ID;
  delete env.ZENML_REPOSITORY_PATH;
  delete env.ZENML_STORE_URL;
  zenml('init');
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the default stack (local orchestrator)', () => {
  let state: ZenmlState;

  it('detects the active stack as the ZenML CLI reports it', async () => {
    state = okState(await detect());
    const cli = cliActiveStack();
    assert.equal(state.activeStack.name, cli.name);
    assert.equal(state.activeStack.id, cli.id);
    assert.equal(state.activeStack.name, cliStackGet());
    assert.equal(state.activeStack.name, 'default');
    assert.equal(state.activeStackSource, 'repository');
    assert.equal(fs.realpathSync(state.repositoryRoot ?? ''), fs.realpathSync(repo));
    assert.equal(state.store.type, 'sql');
    assert.equal(state.store.serverUrl, null);
    assert.match(state.zenmlVersion, /^\d+\.\d+\.\d+/);
    assert.equal(state.zenmlVersion, zenml('version').match(/version: (\S+)/)?.[1]);
  });

  it("reports the orchestrator's flavor and ZenML's own is_schedulable", () => {
    const orchestrators = zenmlJson<{ items: { name: string; flavor: string }[] }>('orchestrator', 'list');
    const flavorOf = new Map(orchestrators.items.map((o) => [o.name, o.flavor]));
    assert.equal(state.orchestrator?.flavor, 'local');
    assert.equal(state.orchestrator?.flavor, flavorOf.get(state.orchestrator?.name ?? ''));
    assert.equal(state.orchestrator?.isSchedulable, false);
    assert.equal(state.canSchedule, false);
    assert.equal(state.canScheduleSource, 'zenml');
  });

  it('lists the same stacks as `zenml stack list --output json`', () => {
    const listed = zenmlJson<{ items: { id: string; name: string; active: boolean; orchestrator: string }[] }>('stack', 'list');
    const fromCli = listed.items.map((s) => ({ id: s.id, name: s.name, active: s.active, orchestrator: s.orchestrator })).sort((a, b) => a.name.localeCompare(b.name));
    const fromHelper = state.stacks
      .map((s) => ({ id: s.id, name: s.name, active: s.active, orchestrator: s.orchestrator?.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(fromHelper, fromCli);
  });

  it('locates the config files ZenML uses (for the watchers)', () => {
    assert.equal(findRepositoryRoot(path.join(repo, 'deeper', 'still'), {}), repo);
    assert.equal(state.globalConfigFile, globalConfigFile(env));
    assert.ok(fs.existsSync(globalConfigFile(env)));
  });

  it('gives unsupported-orchestrator at the attachment site', async () => {
    const context = toOrchestratorContext(state);
    assert.deepEqual(context, { flavor: 'local', source: 'zenml', stackName: 'default', canSchedule: false, schedulableStacks: [] });
    const { findings } = (await analyzeText(CRON_PIPELINE, 'pipeline.py', { orchestrator: context }));
    const warning = findings.find((f) => f.code === 'unsupported-orchestrator');
    assert.ok(warning, `no unsupported-orchestrator in ${JSON.stringify(findings.map((f) => f.code))}`);
    assert.equal(warning.severity, 'warning');
    assert.deepEqual(warning.range.start, scheduleKeyword(CRON_PIPELINE));
    assert.match(warning.message, /default/);
  });
});

describe('a kubernetes stack activated with the ZenML CLI', () => {
  let state: ZenmlState;
  const configFile = () => path.join(repo, '.zen', 'config.yaml');

  it('registers and activates it (the repository config changes)', () => {
    const before = fs.readFileSync(configFile(), 'utf8');
    zenml('orchestrator', 'register', 'k8s', '--flavor=kubernetes');
    zenml('stack', 'register', 'k8s-stack', '-o', 'k8s', '-a', 'default');
    zenml('stack', 'set', 'k8s-stack');
    assert.notEqual(fs.readFileSync(configFile(), 'utf8'), before, '.zen/config.yaml, which the editor watches, did not change');
  });

  it('is what detection reports, as the CLI does', async () => {
    state = okState(await detect());
    const cli = cliActiveStack();
    assert.equal(cli.name, 'k8s-stack');
    assert.deepEqual(state.activeStack, cli);
    assert.equal(state.orchestrator?.flavor, 'kubernetes');
    assert.equal(state.orchestrator?.isSchedulable, true);
    assert.equal(state.canSchedule, true);
    assert.equal(state.tableDisagreement, null);
    assert.deepEqual(
      state.stacks.map((s) => [s.name, s.orchestrator?.flavor, s.canSchedule, s.active]).sort(),
      [
        ['default', 'local', false, false],
        ['k8s-stack', 'kubernetes', true, true],
      ],
    );
  });

  it('drops unsupported-orchestrator and flags an interval as unsupported-schedule-type', async () => {
    const context = toOrchestratorContext(state);
    assert.deepEqual(context?.schedulableStacks, ['k8s-stack']);
    const cron = (await analyzeText(CRON_PIPELINE, 'pipeline.py', { orchestrator: context })).findings;
    assert.deepEqual(cron.filter((f) => f.code.startsWith('unsupported-')), []);
    const interval = (await analyzeText(INTERVAL_PIPELINE, 'pipeline.py', { orchestrator: context })).findings;
    const typeWarning = interval.find((f) => f.code === 'unsupported-schedule-type');
    assert.ok(typeWarning, `no unsupported-schedule-type in ${JSON.stringify(interval.map((f) => f.code))}`);
    assert.deepEqual(typeWarning.range.start, scheduleKeyword(INTERVAL_PIPELINE));
    assert.equal(typeWarning.data?.intervalSeconds, 3600);
    assert.equal(interval.some((f) => f.code === 'unsupported-orchestrator'), false);
  });

  it('lists the schedulable stack in the local stack\'s warning', async () => {
    zenml('stack', 'set', 'default');
    const local = okState(await detect());
    const { findings } = (await analyzeText(CRON_PIPELINE, 'pipeline.py', { orchestrator: toOrchestratorContext(local) }));
    const warning = findings.find((f) => f.code === 'unsupported-orchestrator');
    assert.deepEqual(warning?.data?.schedulableStacks, ['k8s-stack']);
    assert.match(warning?.message ?? '', /k8s-stack/);
  });
});

describe('switch-stack (the quick fix) through ZenML', () => {
  it('really switches the active stack, as the ZenML CLI sees it', async () => {
    assert.equal(cliActiveStack().name, 'default');
    const switched = okState(await switchStack({ pythonPath: PYTHON, cwd: repo, env, timeoutMs: 60_000, stack: 'k8s-stack' }));
    assert.equal(switched.activeStack.name, 'k8s-stack');
    assert.equal(switched.orchestrator?.flavor, 'kubernetes');
    assert.equal(cliActiveStack().name, 'k8s-stack');
    assert.equal(cliStackGet(), 'k8s-stack');
  });

  it('refuses an unknown stack with a clear error and changes nothing', async () => {
    const result = await switchStack({ pythonPath: PYTHON, cwd: repo, env, timeoutMs: 60_000, stack: 'no-such-stack' });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'stack-not-found');
      assert.match(result.error.message, /no-such-stack/);
    }
    assert.equal(cliActiveStack().name, 'k8s-stack');
  });

  it('ZENML_ACTIVE_STACK_ID wins over the repository, as in ZenML', async () => {
    const defaultId = okState(await detect()).stacks.find((s) => s.name === 'default')?.id ?? '';
    const state = okState(await detectOrchestrator({ pythonPath: PYTHON, cwd: repo, env: { ...env, ZENML_ACTIVE_STACK_ID: defaultId }, timeoutMs: 60_000 }));
    assert.equal(state.activeStack.name, 'default');
    assert.equal(state.activeStackSource, 'environment');
  });
});

describe('failure paths', () => {
  it('an interpreter without ZenML', async () => {
    const result = await detectOrchestrator({ pythonPath: PLAIN_PYTHON, cwd: repo, env, timeoutMs: 30_000 });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'zenml-not-installed');
      assert.match(result.error.message, /ZenML is not installed in .*plain-venv/);
      assert.match(result.error.message, /pip install zenml/);
    }
  });

  it('a ZenML older than the supported minimum names the minimum', async () => {
    const fake = path.join(tmp, 'old-zenml');
    fs.mkdirSync(path.join(fake, 'zenml'), { recursive: true });
    fs.writeFileSync(path.join(fake, 'zenml', '__init__.py'), '__version__ = "0.10.0"\n');
    const result = await detectOrchestrator({ pythonPath: PLAIN_PYTHON, cwd: repo, env: { ...env, PYTHONPATH: fake }, timeoutMs: 30_000 });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'zenml-too-old');
      assert.equal(result.error.zenmlVersion, '0.10.0');
      assert.match(result.error.minimumVersion ?? '', /^\d+\.\d+\.\d+$/);
      assert.ok(result.error.message.includes(`needs ZenML ${result.error.minimumVersion} or later`), result.error.message);
    }
  });

  it('a non-existent interpreter', async () => {
    const missing = path.join(tmp, 'no', 'such', 'python');
    const result = await detectOrchestrator({ pythonPath: missing, cwd: repo, env, timeoutMs: 30_000 });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'interpreter-not-found');
      assert.ok(result.error.message.includes(missing));
    }
    const both = await detectWithCandidates([missing, 'zenml-schedules-no-such-python3'], { cwd: repo, env, timeoutMs: 30_000 });
    assert.equal(both.ok ? 'ok' : both.error.code, 'interpreter-not-found');
  });

  it('a helper that hangs is stopped at the timeout, children included', async () => {
    const pidFile = path.join(tmp, 'sleeper.pid');
    const hanging = path.join(tmp, 'hanging-python');
    fs.writeFileSync(hanging, `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\nwait\n`, { mode: 0o755 });
    const started = Date.now();
    const result = await detectOrchestrator({ pythonPath: hanging, cwd: repo, env, timeoutMs: 1500 });
    const elapsed = Date.now() - started;
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'timeout');
      assert.match(result.error.message, /did not answer in time \(stopped after 1\.5 s\)/);
      // The runner says what happened; each face adds its own remedy (a setting, a flag).
      assert.doesNotMatch(result.error.message, /zenmlSchedules\.|--python/);
    }
    assert.ok(elapsed >= 1400 && elapsed < 5000, `took ${elapsed} ms`);
    await new Promise((r) => setTimeout(r, 200));
    const sleeper = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(!isRunning(sleeper), "the hanging helper's child process is still running");
  });

  it('a helper that crashes gives helper-failed with the reason, not a traceback', async () => {
    const crashing = path.join(tmp, 'crashing-python');
    fs.writeFileSync(crashing, '#!/bin/sh\necho "Traceback (most recent call last):" >&2\necho "RuntimeError: boom" >&2\nexit 1\n', { mode: 0o755 });
    const result = await detectOrchestrator({ pythonPath: crashing, cwd: repo, env, timeoutMs: 30_000 });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'helper-failed');
      assert.match(result.error.message, /RuntimeError: boom/);
      assert.match(result.error.detail ?? '', /Traceback/);
    }
  });

  it('a ZenML that fails inside gives helper-failed as JSON on stdout (no traceback there)', async () => {
    // A global config "directory" that is a file: ZenML itself raises while loading its configuration.
    const notADirectory = path.join(tmp, 'config-is-a-file');
    fs.writeFileSync(notADirectory, '');
    const brokenEnv = { ...env, ZENML_CONFIG_PATH: notADirectory };
    const run = spawnSync(PYTHON, [path.join(ROOT, 'src/zenml/helper.py'), 'detect'], { cwd: tmp, env: brokenEnv, encoding: 'utf8', timeout: 60_000 });
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1, `stdout must be one JSON line, got:\n${run.stdout}`);
    const json = JSON.parse(lines[0]) as { error?: { code: string; message: string } };
    assert.equal(json.error?.code, 'helper-failed');
    assert.match(json.error?.message ?? '', /config-is-a-file/);
    assert.match(run.stderr, /Traceback/, 'the traceback belongs on stderr (for the log)');
    assert.notEqual(run.status, 0);
  });
});

describe('zenml-schedules check --python (the command line uses the same detection)', () => {
  function check(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'check', ...args], {
      cwd: ROOT,
      env: { ...env, ZENML_SCHEDULES_HELPER_TIMEOUT_SECONDS: '120' },
      encoding: 'utf8',
      timeout: 180_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('names the stack and orchestrator it used and checks against them', () => {
    zenml('stack', 'set', 'default');
    fs.writeFileSync(path.join(repo, 'pipeline.py'), CRON_PIPELINE);
    const result = check(repo, '--python', PYTHON);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /info zenml-stack: using the active ZenML stack 'default' \(orchestrator 'default', flavor local, cannot schedule/);
    assert.match(result.stdout, /pipeline\.py:8:\d+ warning unsupported-orchestrator .*default/);
    assert.match(result.stdout, /\(orchestrator: local\)/);
  });

  it('--orchestrator still wins over --python', () => {
    const result = check(repo, '--python', PYTHON, '--orchestrator', 'kubernetes');
    assert.doesNotMatch(result.stderr, /zenml-stack/);
    assert.doesNotMatch(result.stdout, /unsupported-orchestrator/);
  });

  it('an interpreter without ZenML: a warning note, the other checks still run', () => {
    const result = check(repo, '--python', PLAIN_PYTHON);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /warning zenml-detection: ZenML is not installed in .*plain-venv.*Checks that depend on the orchestrator are skipped/);
    assert.match(result.stdout, / 1 schedule: no problems/);
  });
});

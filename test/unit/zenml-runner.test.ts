// The pure parts of ZenML detection: reading the helper's JSON, combining ZenML's
// answer with the capability table, interpreter candidates, config locations.
// (The real helper against the real ZenML is tested in test/zenml/.)

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findRepositoryRoot, globalConfigDir } from '../../src/zenml/config';
import { decideCanSchedule, interpreterCandidates, parseHelperOutput, toOrchestratorContext } from '../../src/zenml/runner';

const component = (flavor: string, isSchedulable: boolean | null) => ({ id: 'c1', name: `${flavor}-orch`, flavor, isSchedulable });

function helperJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    protocol: 1,
    zenmlVersion: '0.98.0',
    pythonExecutable: '/venv/bin/python',
    activeStack: { id: 's1', name: 'default' },
    orchestrator: component('local', false),
    activeStackSource: 'repository',
    repositoryRoot: '/work/repo',
    globalConfigFile: '/home/u/.config/zenml/config.yaml',
    store: { type: 'rest', url: 'https://zenml.example', serverUrl: 'https://zenml.example' },
    stacks: [
      { id: 's1', name: 'default', active: true, orchestrator: component('local', false) },
      { id: 's2', name: 'prod', active: false, orchestrator: component('kubernetes', true) },
      { id: 's3', name: 'custom', active: false, orchestrator: component('my_flavor', null) },
      { id: 's4', name: 'old-ssh', active: false, orchestrator: component('ssh', null) },
    ],
    ...overrides,
  });
}

describe('parseHelperOutput', () => {
  it('reads the state and derives can-schedule per stack', () => {
    const result = parseHelperOutput(`${helperJson()}\n`, '', 'python3');
    assert.ok(result.ok);
    const { state } = result;
    assert.equal(state.activeStack.name, 'default');
    assert.equal(state.canSchedule, false);
    assert.equal(state.canScheduleSource, 'zenml');
    assert.equal(state.store.serverUrl, 'https://zenml.example');
    assert.deepEqual(
      state.stacks.map((s) => [s.name, s.canSchedule]),
      [
        ['default', false],
        ['prod', true],
        ['custom', null],
        ['old-ssh', true], // ZenML could not tell: the table's answer
      ],
    );
    assert.deepEqual(toOrchestratorContext(state), {
      flavor: 'local',
      source: 'zenml',
      stackName: 'default',
      canSchedule: false,
      schedulableStacks: ['prod', 'old-ssh'],
    });
  });

  it('ignores what ZenML printed before its JSON line', () => {
    const result = parseHelperOutput(`some warning\n${helperJson()}\n`, '', 'python3');
    assert.ok(result.ok);
  });

  it('turns error objects into coded errors with a next step', () => {
    const tooOld = JSON.stringify({ error: { code: 'zenml-too-old', message: 'x', minimumVersion: '0.50.0', zenmlVersion: '0.40.1' } });
    const result = parseHelperOutput(tooOld, 'stderr text', '/venv/bin/python');
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'zenml-too-old');
      assert.equal(result.error.message, 'ZenML 0.40.1 in /venv/bin/python is too old: ZenML Schedules needs ZenML 0.50.0 or later. Upgrade it (pip install -U zenml).');
      assert.equal(result.error.detail, 'stderr text');
    }
  });

  it('an unknown error code becomes helper-failed, keeping the message', () => {
    const result = parseHelperOutput(JSON.stringify({ error: { code: 'weird', message: 'KeyError: x' } }), '', 'py');
    assert.ok(!result.ok && result.error.code === 'helper-failed' && result.error.message.includes('KeyError: x'));
  });

  it('no JSON at all: helper-failed naming the last stderr line', () => {
    const result = parseHelperOutput('', 'Traceback...\nSyntaxError: invalid syntax\n', 'python2');
    assert.ok(!result.ok);
    if (!result.ok) {
      assert.equal(result.error.code, 'helper-failed');
      assert.match(result.error.message, /SyntaxError: invalid syntax/);
    }
  });

  it('a JSON object without an active stack is a failure, not a crash', () => {
    const result = parseHelperOutput('{"protocol": 1}', '', 'python3');
    assert.ok(!result.ok && result.error.code === 'helper-failed');
  });
});

describe('decideCanSchedule', () => {
  it("ZenML's answer wins and a disagreement is explained", () => {
    const decision = decideCanSchedule(component('ssh', false));
    assert.equal(decision.canSchedule, false);
    assert.equal(decision.source, 'zenml');
    assert.match(decision.disagreement ?? '', /ZenML says the ssh orchestrator cannot schedule; the capability table says it can/);
  });
  it('the table fills in when ZenML could not tell', () => {
    assert.deepEqual(decideCanSchedule(component('vertex', null)), { canSchedule: true, source: 'table', disagreement: null });
  });
  it('unknown when neither knows', () => {
    assert.deepEqual(decideCanSchedule(component('lightning_custom', null)), { canSchedule: null, source: 'unknown', disagreement: null });
    assert.deepEqual(decideCanSchedule(null), { canSchedule: null, source: 'unknown', disagreement: null });
  });
});

describe('interpreterCandidates', () => {
  it('the configured interpreter alone, else python3 then python', () => {
    assert.deepEqual(interpreterCandidates(' /opt/py/bin/python '), ['/opt/py/bin/python']);
    assert.deepEqual(interpreterCandidates('', 'linux'), ['python3', 'python']);
    assert.deepEqual(interpreterCandidates(undefined, 'win32'), ['python', 'py', 'python3']);
  });
});

describe('ZenML config locations', () => {
  it('ZENML_CONFIG_PATH, else the platform default', () => {
    assert.equal(globalConfigDir({ ZENML_CONFIG_PATH: '/cfg' }, 'linux', '/home/u'), '/cfg');
    assert.equal(globalConfigDir({}, 'linux', '/home/u'), path.join('/home/u', '.config', 'zenml'));
    assert.equal(globalConfigDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/u'), path.join('/xdg', 'zenml'));
    assert.equal(globalConfigDir({}, 'darwin', '/Users/u'), path.join('/Users/u', 'Library', 'Application Support', 'zenml'));
  });

  it('the repository root walks up to the nearest .zen, or ZENML_REPOSITORY_PATH', () => {
    const dirs = new Set(['/a/repo/.zen', '/other/.zen']);
    const isDir = (p: string) => dirs.has(p);
    assert.equal(findRepositoryRoot('/a/repo/src/pkg', {}, isDir), '/a/repo');
    assert.equal(findRepositoryRoot('/b/elsewhere', {}, isDir), null);
    assert.equal(findRepositoryRoot('/a/repo/src', { ZENML_REPOSITORY_PATH: '/other' }, isDir), '/other');
  });
});

// The findings rules' own messages and edge cases (src/findings/rules.ts, triggers.ts, fields.ts):
// the exact text users read, where each finding goes, and which inputs must NOT give a finding.
// Schedules are hand-built the way discovery builds them (one line of Python, real ranges).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DiscoveredSchedule, DiscoveryResult, Range } from '../../src/discovery/types';
import { emptyDiscovery } from '../../src/discovery';
import { analyze, analyzeText, editDistance, suggestField, targetOrchestrator } from '../../src/findings';
import { datetimeInstant } from '../../src/findings/rules';
import type { AnalysisOptions, Finding, OrchestratorContext } from '../../src/findings/types';
import { bool, doc, dt, key, none, NONE, num, on, range, schedule, type Spec, str, unknown, val } from './findings-helpers';

const run = (s: DiscoveredSchedule, options: AnalysisOptions = NONE): Finding[] => analyze(doc([s]), options);
const codes = (s: DiscoveredSchedule, options: AnalysisOptions = NONE) => run(s, options).map((f) => f.code);
const where = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const summary = (findings: Finding[]) => findings.map((f) => `${f.code}/${f.severity}@${where(f.range)}`);
const only = (findings: Finding[], code: string): Finding => {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, `${code} in ${JSON.stringify(findings.map((f) => f.code))}`);
  return matching[0];
};

const AWARE = dt('2026-01-01T00:00:00Z', true);
const LATER = dt('2027-01-01T00:00:00Z', true);
const CONSEQUENCE = 'ZenML reads it in the local time zone of the machine that creates the schedule.';

/** Runs `fn` with this process's local time zone set to `zone` (ZenML reads naive datetimes in it). */
function inZone(zone: string) {
  let saved: string | undefined;
  before(() => {
    saved = process.env.TZ;
    process.env.TZ = zone;
  });
  after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}

describe('rules: misspelt fields', () => {
  it('a misspelt trigger with nothing else set says the Schedule has no trigger left', () => {
    const f = only(run(schedule([['cron_expresion', str('0 3 * * *')]])), 'unknown-schedule-field');
    assert.equal(
      f.message,
      'Schedule has no field `cron_expresion`: ZenML silently ignores this argument. Did you mean `cron_expression`? Without it the Schedule has no trigger, and ZenML rejects it when it is created.',
    );
  });

  it('a misspelt trigger beside a real trigger: no "no trigger" sentence', () => {
    const f = only(run(schedule([['run_once_start_time', AWARE], ['cron_expresion', str('0 3 * * *')]])), 'unknown-schedule-field');
    assert.equal(f.message, 'Schedule has no field `cron_expresion`: ZenML silently ignores this argument. Did you mean `cron_expression`?');
  });

  it('a misspelt non-trigger with no trigger: no "no trigger" sentence (missing-trigger says it)', () => {
    const findings = run(schedule([['nmae', str('x')]]));
    assert.equal(only(findings, 'unknown-schedule-field').message, 'Schedule has no field `nmae`: ZenML silently ignores this argument. Did you mean `name`?');
    only(findings, 'missing-trigger');
  });

  it('an unrelated name with no trigger: the field list, and missing-trigger', () => {
    const findings = run(schedule([['pipeline', str('x')]]));
    assert.equal(
      only(findings, 'unknown-schedule-field').message,
      'Schedule has no field `pipeline`: ZenML silently ignores this argument. Its fields are `name`, `cron_expression`, `start_time`, `end_time`, `interval_second`, `catchup`, `run_once_start_time`.',
    );
    only(findings, 'missing-trigger');
  });

  it('YAML says key, not argument', () => {
    const f = only(run(schedule([['cron_expression', str('0 3 * * *')], ['nmae', str('x')]], { language: 'yaml' })), 'unknown-schedule-field');
    assert.equal(f.message, 'Schedule has no field `nmae`: ZenML silently ignores this key. Did you mean `name`?');
  });
});

describe('rules: missing-trigger', () => {
  const BASE =
    'This Schedule sets no cron_expression, no start_time with interval_second, and no run_once_start_time: ZenML rejects it with a validation error when it is created.';
  it('nothing set: the base message, on the Schedule name', () => {
    const s = schedule([['name', str('nightly')]]);
    assert.deepEqual(run(s).map((f) => [f.code, f.severity, f.message, where(f.range)]), [['missing-trigger', 'error', BASE, where(s.nameRange)]]);
  });

  it('a start_time alone: says it does not count', () => {
    assert.equal(only(run(schedule([['start_time', AWARE]])), 'missing-trigger').message, `${BASE} A start_time without interval_second does not count.`);
  });

  it('an interval alone, or start_time=None with an interval: the base message only', () => {
    assert.equal(only(run(schedule([['interval_second', num(60)]])), 'missing-trigger').message, BASE);
    assert.equal(only(run(schedule([['start_time', none], ['interval_second', num(60)]])), 'missing-trigger').message, BASE);
  });

  it('values ZenML reads as not set: "", 0, False, None', () => {
    assert.deepEqual(codes(schedule([['start_time', str('')], ['interval_second', num(60)]])), ['missing-trigger']);
    assert.deepEqual(codes(schedule([['start_time', AWARE], ['interval_second', num(0)]])), ['missing-trigger']);
    assert.deepEqual(codes(schedule([['start_time', bool(false)], ['interval_second', num(60)]])), ['missing-trigger']);
    // cron_expression=False: not a string (invalid-cron) and not a trigger (missing-trigger).
    assert.deepEqual(codes(schedule([['cron_expression', bool(false)]])), ['missing-trigger', 'invalid-cron']);
  });

  it('cron_expression=True counts as set (only invalid-cron); cron_expression=None does not and is not invalid', () => {
    assert.deepEqual(codes(schedule([['cron_expression', bool(true)]])), ['invalid-cron']);
    assert.deepEqual(codes(schedule([['cron_expression', none], ['run_once_start_time', AWARE]])), []);
  });

  it('a non-string cron: the message says it must be a string', () => {
    const f = only(run(schedule([['cron_expression', num(5)]])), 'invalid-cron');
    assert.equal(f.message, 'cron_expression must be a string such as "0 3 * * *".');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, val(0));
  });
});

describe('rules: what a variable or positional argument leaves unknown', () => {
  it('Schedule(*args): no finding on a cron-only orchestrator (the kind cannot be known)', () => {
    assert.deepEqual(codes(schedule([], { hasOpaqueArguments: true }), on('kubernetes')), []);
  });

  it('a known start_time with a variable interval: an interval or no schedule at all, so not on a cron-only orchestrator', () => {
    // zenml-io/zenbytes run.py: `Schedule(start_time=datetime.now(), interval_second=interval_second)` on
    // Kubernetes. Without a cron or run-once time, ZenML builds an interval schedule or raises: never a cron one.
    const s = schedule([['start_time', AWARE], ['interval_second', unknown('EVERY')]]);
    const f = only(run(s, on('kubernetes')), 'unsupported-schedule-type');
    assert.equal(f.message, 'The kubernetes orchestrator supports only cron schedules; this Schedule runs on an interval. Use a cron_expression instead.');
    assert.equal(f.data, undefined, 'no conversion offered for an interval known only at run time');
    assert.deepEqual(codes(s, on('kubeflow')), [], 'Kubeflow runs intervals');
    assert.deepEqual(codes(schedule([['start_time', unknown('START')], ['interval_second', unknown('EVERY')]]), on('vertex')), ['unsupported-schedule-type']);
  });

  it('a variable cron, or a variable field that may still make it a cron schedule: no unsupported-schedule-type', () => {
    assert.deepEqual(codes(schedule([['cron_expression', unknown('CRON')]]), on('kubernetes')), []);
    assert.deepEqual(codes(schedule([['cron_expression', unknown('CRON')], ['start_time', AWARE], ['interval_second', num(60)]]), on('kubernetes')), []);
    assert.deepEqual(codes(schedule([['start_time', AWARE], ['interval_second', unknown('EVERY')]], { hasOpaqueArguments: true }), on('kubernetes')), []);
  });

  it('a variable start_time with an interval and a run-once time: unknown, not "once"', () => {
    const s = schedule([['start_time', unknown('START')], ['interval_second', num(60)], ['run_once_start_time', AWARE]]);
    assert.deepEqual(codes(s, on('kubernetes')), []);
  });

  it('a variable cron still lets the other rules run (a misspelt field is reported)', () => {
    assert.deepEqual(codes(schedule([['cron_expression', unknown('CRON')], ['nmae', str('x')]])), ['unknown-schedule-field']);
  });
});

describe('rules: cron overrides', () => {
  it('the message names the ignored field', () => {
    const f = only(run(schedule([['cron_expression', str('0 3 * * *')], ['run_once_start_time', AWARE]])), 'cron-overrides-run-once');
    assert.equal(f.message, 'cron_expression takes precedence, so run_once_start_time is ignored: orchestrators run this schedule on the cron expression.');
    assert.equal(f.data, undefined);
  });

  it('an interval that is not set (0) is not overridden', () => {
    assert.deepEqual(codes(schedule([['cron_expression', str('0 3 * * *')], ['interval_second', num(0)]])), []);
  });

  it('only the interval carries seconds for the fix, not a number given as run-once time', () => {
    const f = only(run(schedule([['cron_expression', str('0 3 * * *')], ['run_once_start_time', num(5)]])), 'cron-overrides-run-once');
    assert.equal(f.data, undefined);
  });
});

describe('rules: naive datetimes', () => {
  const message = (spec: Spec, field = 'start_time') => only(run(schedule([[field, spec], ['interval_second', num(60)]])), 'naive-datetime').message;
  it('one message per way of writing it', () => {
    assert.equal(message(dt(null, false, 'now')), `datetime.now() without a zone gives start_time no time zone: ${CONSEQUENCE}`);
    assert.equal(message(dt('2026-01-01T00:00:00', false, 'string')), `start_time has no UTC offset: ${CONSEQUENCE} Add one, for example "Z" or "+00:00".`);
    assert.equal(message(dt('2026-01-01T00:00:00', false, 'datetime')), `start_time has no tzinfo: ${CONSEQUENCE}`);
    assert.equal(
      message(dt(null, false, 'utcnow')),
      `datetime.utcnow() returns a datetime without a time zone, so start_time is not read as UTC: ${CONSEQUENCE} Use datetime.now(timezone.utc).`,
    );
  });
});

describe('rules: end_time before start_time', () => {
  const tail = 'the schedule ends before it can run.';
  const endBefore = (start: Spec, end: Spec) =>
    run(schedule([['cron_expression', str('0 3 * * *')], ['start_time', start], ['end_time', end]])).filter((f) => f.code === 'end-before-start');

  it('both aware: before, and equal to', () => {
    assert.equal(endBefore(LATER, AWARE)[0].message, `end_time (2026-01-01T00:00:00Z) is before start_time (2027-01-01T00:00:00Z): ${tail} ZenML does not check this.`);
    assert.equal(endBefore(AWARE, AWARE)[0].message, `end_time (2026-01-01T00:00:00Z) is equal to start_time (2026-01-01T00:00:00Z): ${tail} ZenML does not check this.`);
  });

  it('both naive: their wall clocks compare, with no note about zones', () => {
    const f = endBefore(dt('2026-06-01T10:00:00', false), dt('2026-06-01T09:00:00', false));
    assert.equal(f[0].message, `end_time (2026-06-01T09:00:00) is before start_time (2026-06-01T10:00:00): ${tail} ZenML does not check this.`);
    assert.deepEqual(endBefore(dt('2026-06-01T09:00:00', false), dt('2026-06-01T10:00:00', false)), []);
  });

  it('a date-only naive value is midnight', () => {
    assert.equal(endBefore(dt('2026-06-02', false), dt('2026-06-01', false)).length, 1);
    assert.deepEqual(endBefore(dt('2026-06-01', false), dt('2026-06-02', false)), []);
  });

  it('one side unknown or unreadable: no comparison', () => {
    assert.deepEqual(endBefore(dt(null, true, 'now'), AWARE), []);
    assert.deepEqual(endBefore(LATER, dt(null, false, 'now')), []);
    assert.deepEqual(endBefore(dt('not a date', true), AWARE), []);
    assert.deepEqual(endBefore(dt('not a date', false), dt('2026-01-01T00:00:00', false)), []);
    assert.deepEqual(endBefore(LATER, dt('not a date', false)), []);
    assert.deepEqual(endBefore(dt('not a date', false), AWARE), []);
    assert.deepEqual(endBefore(unknown('START'), AWARE), []);
  });

  describe('one side naive, in a zone east of UTC (UTC+05:30)', () => {
    inZone('Asia/Kolkata');
    it('the naive end is read in this machine\'s zone, and the message says which instant that is', () => {
      const f = endBefore(AWARE, dt('2026-01-01T05:00:00', false));
      assert.equal(
        f[0].message,
        `end_time (2026-01-01T05:00:00) is before start_time (2026-01-01T00:00:00Z): ${tail} end_time has no time zone: ZenML reads it in the local zone of the machine that creates the schedule; in this machine's zone (UTC+05:30) that is 2025-12-31T23:30:00Z. ZenML does not check this.`,
      );
      // 06:00 local is 00:30 UTC: after the start.
      assert.deepEqual(endBefore(AWARE, dt('2026-01-01T06:00:00', false)), []);
    });
    it('the naive start is named when it is the naive one', () => {
      const f = endBefore(dt('2026-01-01T06:00:00', false), AWARE);
      assert.match(f[0].message, /start_time has no time zone: .* \(UTC\+05:30\) that is 2026-01-01T00:30:00Z\./);
    });
    it('a date-only value is local midnight', () => {
      assert.equal(datetimeInstant({ kind: 'datetime', iso: '2026-01-01', aware: false, source: 'string', range: range(0, 0, 1) }), Date.parse('2025-12-31T18:30:00Z'));
    });
  });

  describe('one side naive, in a zone west of UTC (UTC-05:00)', () => {
    inZone('America/New_York');
    it('the offset is written with its sign', () => {
      const f = endBefore(LATER, dt('2026-01-01T00:00:00', false));
      assert.match(f[0].message, /in this machine's zone \(UTC-05:00\) that is 2026-01-01T05:00:00Z\./);
    });
  });

  describe('one side naive, in UTC', () => {
    inZone('UTC');
    it('UTC+00:00', () => {
      const f = endBefore(LATER, dt('2026-01-01T00:00:00', false));
      assert.match(f[0].message, /in this machine's zone \(UTC\+00:00\) that is 2026-01-01T00:00:00Z\./);
    });
  });
});

describe('rules: schedule-ended', () => {
  const ended = (fields: [string, Spec][], options: AnalysisOptions = NONE) => run(schedule(fields), options).filter((f) => f.code === 'schedule-ended');
  it('a cron or interval schedule whose end has passed; the message gives the end', () => {
    const [f] = ended([['cron_expression', str('0 3 * * *')], ['end_time', AWARE]]);
    assert.equal(f.message, 'end_time (2026-01-01T00:00:00Z) has passed: this schedule does not run any more.');
    assert.deepEqual(f.range, key(1, 'end_time'));
    assert.equal(ended([['start_time', AWARE], ['interval_second', num(60)], ['end_time', dt('2026-06-01T00:00:00Z', true)]]).length, 1);
  });

  it('not for a run-once schedule, not for an end in the future or exactly now', () => {
    assert.deepEqual(ended([['run_once_start_time', AWARE], ['end_time', dt('2026-06-01T00:00:00Z', true)]]), []);
    assert.deepEqual(ended([['cron_expression', str('0 3 * * *')], ['end_time', dt('2026-12-01T12:00:00Z', true)]]), []);
  });

  it('measured against the given now, not the clock', () => {
    const past: AnalysisOptions = { orchestrator: null, now: new Date('2020-01-01T00:00:00Z') };
    assert.deepEqual(ended([['cron_expression', str('0 3 * * *')], ['end_time', AWARE]], past), []);
  });

  describe('a naive date-only end in UTC-05:00', () => {
    inZone('America/New_York');
    it('is local midnight: 05:00 UTC has not passed at 02:00 UTC', () => {
      const now: AnalysisOptions = { orchestrator: null, now: new Date('2026-12-01T02:00:00Z') };
      assert.deepEqual(ended([['cron_expression', str('0 3 * * *')], ['end_time', dt('2026-12-01', false)]], now), []);
      assert.equal(ended([['cron_expression', str('0 3 * * *')], ['end_time', dt('2026-12-01', false)]], { ...now, now: new Date('2026-12-01T06:00:00Z') }).length, 1);
    });
  });
});

describe('rules: window-ignored', () => {
  it('the message says what the orchestrator does instead, per field', () => {
    const s = schedule([['cron_expression', str('0 3 * * *')], ['start_time', AWARE], ['end_time', dt('2030-01-01T00:00:00Z', true)]]);
    assert.deepEqual(
      run(s, on('kubernetes')).map((f) => [f.code, f.message, where(f.range)]),
      [
        ['window-ignored', 'Kubernetes ignores start_time: runs start at the first matching time after the schedule is created.', where(key(1, 'start_time'))],
        ['window-ignored', 'Kubernetes ignores end_time: runs go on until the schedule is deleted.', where(key(2, 'end_time'))],
      ],
    );
  });

  it('catchup=True on Vertex AI; start_time=None is not reported', () => {
    const s = schedule([['cron_expression', str('0 3 * * *')], ['start_time', none], ['catchup', bool(true)]]);
    assert.deepEqual(run(s, on('vertex')).map((f) => [f.code, f.message]), [['window-ignored', 'Vertex AI ignores catchup: missed runs are not run afterwards.']]);
    assert.deepEqual(codes(schedule([['cron_expression', str('0 3 * * *')], ['start_time', none]]), on('kubernetes')), []);
  });
});

describe('rules: orchestrator messages', () => {
  it('no stack can schedule: says so', () => {
    const f = only(run(schedule([['cron_expression', str('0 3 * * *')]]), on('local', { schedulableStacks: [] })), 'unsupported-orchestrator');
    assert.equal(
      f.message,
      'The local orchestrator cannot run schedules: ZenML raises at run time. None of your stacks can: register one whose orchestrator schedules (kubernetes, kubeflow, vertex, airflow, …).',
    );
    assert.deepEqual(f.data, { schedulableStacks: [] });
  });

  it('several stacks can: all listed', () => {
    const f = only(run(schedule([['cron_expression', str('0 3 * * *')]]), on('local', { schedulableStacks: ['a', 'b'] })), 'unsupported-orchestrator');
    assert.match(f.message, / Stacks that can: a, b\.$/);
  });

  it('a run-once schedule on Kubeflow (cron and interval): lists both kinds and says what it does', () => {
    const f = only(run(schedule([['run_once_start_time', AWARE]]), on('kubeflow')), 'unsupported-schedule-type');
    assert.equal(f.message, 'The kubeflow orchestrator supports cron and interval schedules; this Schedule runs once (run_once_start_time). Use a cron_expression instead.');
    assert.equal(f.data, undefined);
  });

  it('an interval on Vertex AI: only cron, with the interval described', () => {
    const f = only(run(schedule([['start_time', AWARE], ['interval_second', num(1800)]]), on('vertex')), 'unsupported-schedule-type');
    assert.match(f.message, /^The vertex orchestrator supports only cron schedules; this Schedule runs on an interval \(.+\)\. Use a cron_expression instead\.$/);
    assert.deepEqual(f.data, { intervalSeconds: 1800 });
  });

  it('an interval on SSH (cron and once): "cron and one-time"', () => {
    const f = only(run(schedule([['start_time', AWARE], ['interval_second', num(60)]]), on('ssh')), 'unsupported-schedule-type');
    assert.match(f.message, /supports cron and one-time schedules; this Schedule runs on an interval/);
  });

  it('the Databricks time zone message', () => {
    const f = only(run(schedule([['cron_expression', str('0 0 3 * * ?')]]), on('databricks')), 'databricks-needs-timezone');
    assert.equal(
      f.message,
      'The Databricks orchestrator needs a time zone for a cron schedule: without DatabricksOrchestratorSettings(schedule_timezone="...") ZenML raises a ValueError when the pipeline runs.',
    );
    assert.equal(f.severity, 'error');
  });
});

describe('rules: document findings and robustness', () => {
  it('schedule=Schedule (the class): the message says what to write', () => {
    const text = 'from zenml.config.schedule import Schedule\nfrom p import train\ntrain.with_options(schedule=Schedule)()\n';
    const f = only(analyzeText(text, 'run.py', NONE).findings, 'schedule-class-not-instance');
    assert.equal(
      f.message,
      'schedule=Schedule passes the Schedule class itself, not a schedule: ZenML raises a validation error. Create one, for example schedule=Schedule(cron_expression="0 3 * * *").',
    );
  });

  it('a discovery result without the optional lists gives only the schedules\' findings', () => {
    const s = schedule([['name', str('x')]]);
    const minimal = { schedules: [s], pipelineDecoratorScheduleArgs: [] } as unknown as DiscoveryResult;
    assert.deepEqual(summary(analyze(minimal, NONE)), [`missing-trigger/error@${where(s.nameRange)}`]);
  });

  it('a rule that fails on a malformed schedule does not hide the others', () => {
    const s = { ...schedule([['name', str('x')]]), attachments: null } as unknown as DiscoveredSchedule;
    assert.deepEqual(analyze(doc([s]), on('local')).map((f) => f.code), ['missing-trigger']);
  });

  it('text that is not a string gives no finding and does not throw', () => {
    assert.deepEqual(analyzeText(undefined as unknown as string, 'run.py', NONE).findings, []);
  });
});

describe('rules: which orchestrator the document targets', () => {
  const withFlavors = (flavors: string[] | undefined): DiscoveryResult => ({ ...emptyDiscovery(), settingsFlavors: flavors } as DiscoveryResult);
  it('an explicit choice (setting, flag) or a choice already made from settings is kept', () => {
    for (const source of ['setting', 'flag', 'settings'] as const) {
      const chosen: OrchestratorContext = { flavor: 'vertex', source };
      assert.equal(targetOrchestrator(withFlavors(['kubeflow']), chosen), chosen, source);
    }
  });

  it('the one flavor the settings name wins over the detected stack, which is kept when it agrees', () => {
    const detected: OrchestratorContext = { flavor: 'kubeflow', source: 'zenml', stackName: 'prod' };
    assert.deepEqual(targetOrchestrator(withFlavors(['vertex']), detected), { flavor: 'vertex', source: 'settings' });
    assert.equal(targetOrchestrator(withFlavors(['kubeflow']), detected), detected);
    assert.deepEqual(targetOrchestrator(withFlavors(['vertex']), null), { flavor: 'vertex', source: 'settings' });
  });

  it('no or several flavors, or none listed at all: the given orchestrator', () => {
    assert.equal(targetOrchestrator(withFlavors(undefined), null), null);
    assert.equal(targetOrchestrator(withFlavors([]), null), null);
    assert.equal(targetOrchestrator(withFlavors(['vertex', 'kubeflow']), null), null);
  });

  it('a flag choice beats the document settings in the findings too', () => {
    const text =
      'from zenml import pipeline\nfrom zenml.config.schedule import Schedule\n\n' +
      '@pipeline(settings={"orchestrator.kubeflow": {}})\ndef train():\n    ...\n\n' +
      'train.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()\n';
    assert.deepEqual(analyzeText(text, 'run.py', on('kubernetes')).findings, []);
  });
});

describe('fields: "did you mean"', () => {
  it('optimal string alignment distance', () => {
    assert.equal(editDistance('ax', 'ya'), 2);
    assert.equal(editDistance('xa', 'ay'), 2);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('abcd', 'acbd'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('longer names tolerate more slips (a third of their length)', () => {
    assert.equal(suggestField('cron_exprsion'), 'cron_expression');
    assert.equal(suggestField('cronexpresn'), 'cron_expression');
    assert.equal(suggestField('intervl_secnd'), 'interval_second');
  });

  it('abbreviations need three characters and one field', () => {
    assert.equal(suggestField('cro'), 'cron_expression');
    assert.equal(suggestField('ca'), null);
    assert.equal(suggestField('run_once_st'), 'run_once_start_time');
  });
});

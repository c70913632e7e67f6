// Quick fixes (src/findings/fixes.ts): titles users read, which action is preferred, the exact edits
// for each way of writing a value, the right schedule when a file has several, and stale findings.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../src/findings';
import { apply } from './text-edits';
import { type Fix, cronForIntervalFrom, fixesFor, scheduleOfFinding } from '../../src/findings/fixes';
import type { Finding, FindingCode, OrchestratorContext } from '../../src/findings/types';


const HEADER = 'from datetime import datetime, timezone\nfrom zenml.config.schedule import Schedule\n';
const KUBERNETES: OrchestratorContext = { flavor: 'kubernetes', source: 'zenml', stackName: 'k8s' };
const KUBEFLOW: OrchestratorContext = { flavor: 'kubeflow', source: 'setting' };

function analysed(text: string, orchestrator: OrchestratorContext | null, file = 'p.py') {
  const { discovery, findings } = analyzeText(text, file, { orchestrator, now: new Date('2026-12-01T12:00:00Z') });
  const context = { text, discovery, flavor: orchestrator?.flavor, orchestratorSource: orchestrator?.source };
  return { discovery, findings, context, fixes: (f: Finding) => fixesFor(f, context) };
}

function all(text: string, code: FindingCode, orchestrator: OrchestratorContext | null, file = 'p.py'): Fix[][] {
  const a = analysed(text, orchestrator, file);
  const matching = a.findings.filter((f) => f.code === code);
  assert.ok(matching.length > 0, `no ${code} in ${JSON.stringify(a.findings.map((f) => f.code))}`);
  return matching.map(a.fixes);
}
const first = (text: string, code: FindingCode, orchestrator: OrchestratorContext | null, file = 'p.py') => all(text, code, orchestrator, file)[0];
const edit = (fix: Fix | undefined) => {
  assert.ok(fix && fix.kind === 'edit', JSON.stringify(fix));
  return fix;
};

describe('fix titles and preferred actions', () => {
  it('a finding without fixes gives none', () => {
    const text = `${HEADER}s = Schedule(cron_expression="61 3 * * *")\n`;
    assert.deepEqual(first(text, 'invalid-cron', null), []);
  });

  it('unsupported-orchestrator: the docs link is titled; clearing the override is preferred', () => {
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    assert.deepEqual(first(text, 'unsupported-orchestrator', { flavor: 'local', source: 'setting' }), [
      { kind: 'clear-override', title: 'Clear the orchestrator override (zenmlSchedules.orchestrator)', preferred: true },
      { kind: 'open-docs', title: "Open ZenML's scheduling documentation", url: 'https://docs.zenml.io/concepts/steps_and_pipelines/scheduling' },
    ]);
  });

  it('one stack that can schedule: its switch is preferred; several: none is', () => {
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    const one = first(text, 'unsupported-orchestrator', { flavor: 'local', source: 'zenml', schedulableStacks: ['k8s'] });
    assert.deepEqual(one[0], { kind: 'switch-stack', title: "Switch the active ZenML stack to 'k8s' (it can run schedules)", stack: 'k8s', preferred: true });
    const two = first(text, 'unsupported-orchestrator', { flavor: 'local', source: 'zenml', schedulableStacks: ['a', 'b'] });
    assert.deepEqual(two.map((f) => (f.kind === 'switch-stack' ? [f.stack, f.preferred] : f.kind)), [['a', false], ['b', false], 'open-docs']);
  });

  it('no stacks known: only the docs', () => {
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    assert.deepEqual(first(text, 'unsupported-orchestrator', { flavor: 'local', source: 'zenml' }).map((f) => f.kind), ['open-docs']);
  });

  it('a run-once schedule on a cron-only orchestrator: only the docs (nothing to convert)', () => {
    const text = `${HEADER}p.with_options(schedule=Schedule(run_once_start_time=datetime(2027, 1, 1, tzinfo=timezone.utc)))\n`;
    assert.deepEqual(first(text, 'unsupported-schedule-type', KUBERNETES).map((f) => f.kind), ['open-docs']);
  });
});

describe('interval to cron: titles, and which schedule', () => {
  it('the title names the cron, and the fix is preferred', () => {
    const text = `${HEADER}s = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=3600)\n`;
    const fix = edit(first(text, 'unsupported-schedule-type', KUBERNETES)[0]);
    assert.equal(fix.title, 'Use cron_expression="0 * * * *" instead of interval_second');
    assert.equal(fix.preferred, true);
  });

  it('two schedules in a file, on different lines at the same columns: each fix edits its own schedule', () => {
    const text =
      `${HEADER}s = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=3600)\n` +
      `t = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=1800)\n` +
      'p.with_options(schedule=s)\nq.with_options(schedule=t)\n';
    const fixes = all(text, 'unsupported-schedule-type', KUBERNETES);
    assert.equal(fixes.length, 2);
    const second = apply(text, edit(fixes[1][0]).edits);
    assert.ok(second.includes('t = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), cron_expression="*/30 * * * *")'), second);
    assert.ok(second.includes('interval_second=3600'), second);
    const firstFixed = apply(text, edit(fixes[0][0]).edits);
    assert.ok(firstFixed.includes('s = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), cron_expression="0 * * * *")'), firstFixed);
  });

  it('a schedule is found by its call, its name, an attachment or one of its fields', () => {
    const text =
      `${HEADER}s = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=3600)\n` +
      `t = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=1800)\n`;
    const { discovery } = analysed(text, null);
    const [, t] = discovery.schedules;
    const probe = (range: Finding['range']): Finding => ({ code: 'naive-datetime', severity: 'warning', message: '', range });
    assert.equal(scheduleOfFinding(probe(t.range), discovery), t);
    assert.equal(scheduleOfFinding(probe(t.fields[1].value.range), discovery), t);
    assert.equal(scheduleOfFinding(probe(t.fields[0].keyRange), discovery), t);
    assert.equal(scheduleOfFinding(probe({ start: t.range.start, end: { line: 9, character: 0 } }), discovery), undefined);
  });

  it('a stale finding (the code moved since) gets no edit and no error', () => {
    const before = `${HEADER}s = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=3600)\n`;
    const after = `\n\n${before}`;
    const old = analysed(before, KUBERNETES).findings.find((f) => f.code === 'unsupported-schedule-type');
    assert.ok(old);
    const now = analysed(after, KUBERNETES);
    assert.deepEqual(now.fixes(old).map((f) => f.kind), ['open-docs']);
  });

  it('Databricks: one weekday name per start day (Quartz), checked against the cron engine', () => {
    const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
    // 2026-01-04 is a Sunday.
    days.forEach((day, i) => {
      const start = new Date(Date.UTC(2026, 0, 4 + i, 9, 30));
      assert.equal(cronForIntervalFrom(604800, start, 'databricks'), `0 30 9 ? * ${day}`, day);
    });
  });

  it('Databricks: a two-digit range start keeps both digits', () => {
    assert.equal(cronForIntervalFrom(10800, new Date('2026-01-01T11:00:00Z'), 'databricks'), '0 0 2/3 * * ?');
    assert.equal(cronForIntervalFrom(10800, new Date('2026-01-01T11:00:00Z'), 'kubernetes'), '0 2-23/3 * * *');
  });

  it('no cron for a start with seconds, in any dialect', () => {
    const start = new Date('2026-01-01T09:10:30Z');
    for (const flavor of ['kubernetes', 'kubeflow', 'databricks']) assert.equal(cronForIntervalFrom(3600, start, flavor), null, flavor);
  });
});

describe('Kubeflow seconds field: edits', () => {
  it('the title shows the fixed expression; the fix is preferred', () => {
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    const fix = edit(first(text, 'dialect-seconds-first', KUBEFLOW)[0]);
    assert.equal(fix.title, 'Add a seconds field: "0 0 3 * * *" (Kubeflow reads the first field as seconds)');
    assert.equal(fix.preferred, true);
  });

  it('an implicit concatenation is replaced by one literal', () => {
    const text = `${HEADER}s = Schedule(cron_expression="0 3 * " "* *")\n`;
    const fixed = apply(text, edit(first(text, 'dialect-seconds-first', KUBEFLOW)[0]).edits);
    assert.ok(fixed.includes('s = Schedule(cron_expression="0 0 3 * * *")'), fixed);
  });

  it('a finding without its data (rebuilt from a diagnostic) still gets the fix, from the literal', () => {
    const text = `${HEADER}s = Schedule(cron_expression="0 3 * * *")\n`;
    const a = analysed(text, KUBEFLOW);
    const finding = a.findings.find((f) => f.code === 'dialect-seconds-first');
    assert.ok(finding);
    const { data: _data, ...bare } = finding;
    const fixed = apply(text, edit(a.fixes(bare)[0]).edits);
    assert.ok(fixed.includes('cron_expression="0 0 3 * * *"'), fixed);
  });

  it('a stale finding gets no edit', () => {
    const text = `${HEADER}s = Schedule(cron_expression="0 3 * * *")\n`;
    const old = analysed(text, KUBEFLOW).findings.find((f) => f.code === 'dialect-seconds-first');
    assert.ok(old);
    assert.deepEqual(analysed(`\n${text}`, KUBEFLOW).fixes(old), []);
  });
});

describe('naive datetime: titles and edits', () => {
  const fixOf = (text: string, file = 'p.py') => first(text, 'naive-datetime', null, file);
  it('datetime(...): "Add tzinfo=…", preferred', () => {
    const fix = edit(fixOf(`${HEADER}s = Schedule(start_time=datetime(2026, 1, 1), interval_second=60)\n`)[0]);
    assert.equal(fix.title, 'Add tzinfo=timezone.utc');
    assert.equal(fix.preferred, true);
  });

  it('datetime() with no arguments gets tzinfo as its only argument', () => {
    const text = `${HEADER}s = Schedule(start_time=datetime(), interval_second=60)\n`;
    assert.ok(apply(text, edit(fixOf(text)[0]).edits).includes('start_time=datetime(tzinfo=timezone.utc)'));
  });

  it('utcnow() and now() titles', () => {
    assert.equal(edit(fixOf(`${HEADER}s = Schedule(run_once_start_time=datetime.utcnow())\n`)[0]).title, 'Use datetime.now(timezone.utc) (utcnow() has no time zone)');
    assert.equal(edit(fixOf(`${HEADER}s = Schedule(run_once_start_time=datetime.now())\n`)[0]).title, 'Use datetime.now(timezone.utc)');
  });

  it('datetime.now(None) already has an argument: no edit is guessed', () => {
    assert.deepEqual(fixOf(`${HEADER}s = Schedule(run_once_start_time=datetime.now(None))\n`), []);
  });

  it('an ISO string: "Z" inside the quotes (Python), at the end of a plain YAML scalar', () => {
    const py = `${HEADER}s = Schedule(start_time="2026-06-01T00:00:00", interval_second=60)\n`;
    const pyFix = edit(fixOf(py)[0]);
    assert.equal(pyFix.title, 'Add "Z" (UTC) to the time');
    assert.equal(pyFix.preferred, true);
    assert.ok(apply(py, pyFix.edits).includes('start_time="2026-06-01T00:00:00Z"'));
    const yaml = 'schedule:\n  start_time: 2026-06-01T00:00:00\n  interval_second: 60\n';
    assert.ok(apply(yaml, edit(fixOf(yaml, 'run.yaml')[0]).edits).includes('start_time: 2026-06-01T00:00:00Z\n'));
  });

  it('the second schedule\'s naive value is fixed in the second schedule', () => {
    const text = `${HEADER}s = Schedule(start_time=datetime(2026, 1, 1), interval_second=60)\nt = Schedule(start_time=datetime(2026, 1, 2), interval_second=60)\n`;
    const fixes = all(text, 'naive-datetime', null);
    const fixed = apply(text, edit(fixes[1][0]).edits);
    assert.ok(fixed.includes('t = Schedule(start_time=datetime(2026, 1, 2, tzinfo=timezone.utc)'), fixed);
    assert.ok(fixed.includes('s = Schedule(start_time=datetime(2026, 1, 1), '), fixed);
  });

  it('a stale finding gets no edit', () => {
    const text = `${HEADER}s = Schedule(start_time=datetime(2026, 1, 1), interval_second=60)\n`;
    const old = analysed(text, null).findings.find((f) => f.code === 'naive-datetime');
    assert.ok(old);
    assert.deepEqual(analysed(`\n${text}`, null).fixes(old), []);
  });
});

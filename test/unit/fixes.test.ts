// Quick fixes as pure data: apply the edits to the text, then check both the
// new source and that re-analysing it no longer reports the finding.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../src/findings';
import { apply } from './text-edits';
import { intervalToCronFromStart } from '../../src/cron/interval';
import { type Fix, cronForInterval, cronForIntervalFrom, fixesFor } from '../../src/findings/fixes';
import type { FindingCode, OrchestratorContext } from '../../src/findings/types';


function fixesOf(text: string, code: FindingCode, orchestrator: OrchestratorContext | null, file = 'p.py'): { fixes: Fix[]; count: number } {
  const { discovery, findings } = analyzeText(text, file, { orchestrator });
  const matching = findings.filter((f) => f.code === code);
  assert.ok(matching.length > 0, `no ${code} in ${JSON.stringify(findings.map((f) => f.code))}`);
  return { fixes: fixesFor(matching[0], { text, discovery, flavor: orchestrator?.flavor, orchestratorSource: orchestrator?.source }), count: matching.length };
}

function applyFirstEdit(text: string, code: FindingCode, orchestrator: OrchestratorContext | null, file = 'p.py'): string {
  const edit = fixesOf(text, code, orchestrator, file).fixes.find((f) => f.kind === 'edit');
  assert.ok(edit && edit.kind === 'edit', `no edit fix for ${code}`);
  return apply(text, edit.edits);
}

function codesAfter(text: string, orchestrator: OrchestratorContext | null, file = 'p.py'): FindingCode[] {
  return analyzeText(text, file, { orchestrator }).findings.map((f) => f.code);
}

const HEADER = 'from zenml.config.schedule import Schedule\n';

describe('naive-datetime fixes', () => {
  it('datetime(...) gets tzinfo=timezone.utc and the import', () => {
    const text = `from datetime import datetime\n${HEADER}s = Schedule(cron_expression="0 3 * * *", start_time=datetime(2026, 1, 1))\np.with_options(schedule=s)\n`;
    const fixed = applyFirstEdit(text, 'naive-datetime', null);
    assert.equal(
      fixed,
      `from datetime import datetime\n${HEADER}from datetime import timezone\ns = Schedule(cron_expression="0 3 * * *", start_time=datetime(2026, 1, 1, tzinfo=timezone.utc))\np.with_options(schedule=s)\n`,
    );
    assert.ok(!codesAfter(fixed, null).includes('naive-datetime'));
  });

  it('uses the existing timezone import, and a trailing comma in a multi-line call', () => {
    const text = `from datetime import datetime, timezone\n${HEADER}s = Schedule(\n    start_time=datetime(\n        2026, 1, 1,\n    ),\n    interval_second=60,\n)\n`;
    const fixed = applyFirstEdit(text, 'naive-datetime', null);
    assert.ok(fixed.includes('        2026, 1, 1, tzinfo=timezone.utc,\n    ),'), fixed);
    assert.ok(!fixed.includes('from datetime import timezone\n'));
    assert.ok(!codesAfter(fixed, null).includes('naive-datetime'));
  });

  it('datetime.utcnow() becomes datetime.now(timezone.utc)', () => {
    const text = `from datetime import datetime\n${HEADER}s = Schedule(run_once_start_time=datetime.utcnow())\n`;
    const fixed = applyFirstEdit(text, 'naive-datetime', null);
    assert.ok(fixed.includes('run_once_start_time=datetime.now(timezone.utc))'), fixed);
    assert.ok(fixed.includes('from datetime import timezone\n'));
    assert.ok(!codesAfter(fixed, null).includes('naive-datetime'));
  });

  it('datetime.now() with `import datetime` uses datetime.timezone.utc (no new import)', () => {
    const text = `import datetime\n${HEADER}s = Schedule(start_time=datetime.datetime.now(), interval_second=3600)\n`;
    const fixed = applyFirstEdit(text, 'naive-datetime', null);
    assert.ok(fixed.includes('start_time=datetime.datetime.now(datetime.timezone.utc)'), fixed);
    assert.equal(fixed.split('\n').length, text.split('\n').length);
    assert.ok(!codesAfter(fixed, null).includes('naive-datetime'));
  });

  it('a YAML time without an offset gets "Z"', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"\n  start_time: "2026-06-01T00:00:00"\n';
    const fixed = applyFirstEdit(text, 'naive-datetime', null, 'run.yaml');
    assert.ok(fixed.includes('start_time: "2026-06-01T00:00:00Z"'), fixed);
    assert.ok(!codesAfter(fixed, null, 'run.yaml').includes('naive-datetime'));
  });
});

describe('interval to cron', () => {
  const kubernetes: OrchestratorContext = { flavor: 'kubernetes', source: 'zenml', stackName: 'k8s', schedulableStacks: ['k8s'] };
  const text = `from datetime import datetime, timezone\n${HEADER}s = Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=1800)\np.with_options(schedule=s)\n`;

  it('replaces interval_second with the equivalent cron and clears the warning', () => {
    const fixed = applyFirstEdit(text, 'unsupported-schedule-type', kubernetes);
    assert.ok(fixed.includes('tzinfo=timezone.utc), cron_expression="*/30 * * * *")'), fixed);
    assert.ok(!codesAfter(fixed, kubernetes).includes('unsupported-schedule-type'));
  });

  it('offers no conversion when no cron has the same runs (7 minutes does not divide the hour)', () => {
    const seven = text.replace('interval_second=1800', 'interval_second=420');
    const { fixes } = fixesOf(seven, 'unsupported-schedule-type', kubernetes);
    assert.deepEqual(fixes.map((f) => f.kind), ['open-docs']);
  });

  it('writes the cron in the target dialect', () => {
    assert.equal(cronForInterval(3600, 'kubernetes'), '0 * * * *');
    assert.equal(cronForInterval(900, 'databricks'), '0 0/15 * * * ?');
    assert.equal(cronForInterval(7200, 'databricks'), '0 0 0/2 * * ?');
    assert.equal(cronForInterval(86400, 'kubeflow'), '0 0 0 * * *');
    assert.equal(cronForInterval(420, 'vertex'), null);
  });

  it('aligns the cron to the start time: a daily run from 09:30 UTC stays at 09:30, not midnight', () => {
    const daily = `from datetime import datetime, timezone\n${HEADER}s = Schedule(start_time=datetime(2026, 1, 1, 9, 30, tzinfo=timezone.utc), interval_second=86400)\np.with_options(schedule=s)\n`;
    const fixed = applyFirstEdit(daily, 'unsupported-schedule-type', kubernetes);
    assert.ok(fixed.includes('cron_expression="30 9 * * *"'), fixed);
    assert.ok(!codesAfter(fixed, kubernetes).includes('unsupported-schedule-type'));
  });

  it('offers no conversion when the start is unknown (now()) or naive', () => {
    for (const start of ['datetime.now(timezone.utc)', 'datetime(2026, 1, 1, 9, 30)']) {
      const unknown = `from datetime import datetime, timezone\n${HEADER}s = Schedule(start_time=${start}, interval_second=3600)\np.with_options(schedule=s)\n`;
      const { fixes } = fixesOf(unknown, 'unsupported-schedule-type', kubernetes);
      assert.deepEqual(fixes.map((f) => f.kind), ['open-docs'], start);
    }
  });

  it('start-aware conversion keeps the phase, in each dialect, checked against the cron engine', () => {
    const at = (iso: string) => new Date(iso);
    assert.equal(intervalToCronFromStart(7200, at('2026-01-01T01:30:00Z')), '30 1-23/2 * * *');
    assert.equal(intervalToCronFromStart(1800, at('2026-01-01T09:10:00Z')), '10,40 * * * *');
    assert.equal(intervalToCronFromStart(604800, at('2026-01-01T09:30:00Z')), '30 9 * * 4');
    assert.equal(intervalToCronFromStart(3600, at('2026-01-01T09:10:30Z')), null, 'a start with seconds has no 5-field cron');
    assert.equal(cronForIntervalFrom(7200, at('2026-01-01T01:30:00Z'), 'kubernetes'), '30 1-23/2 * * *');
    assert.equal(cronForIntervalFrom(7200, at('2026-01-01T01:30:00Z'), 'databricks'), '0 30 1/2 * * ?');
    assert.equal(cronForIntervalFrom(86400, at('2026-01-01T09:30:00Z'), 'kubeflow'), '0 30 9 * * *');
    assert.equal(cronForIntervalFrom(604800, at('2026-01-01T09:30:00Z'), 'databricks'), '0 30 9 ? * THU');
    assert.equal(cronForIntervalFrom(1800, at('2026-01-01T09:10:00Z'), 'vertex'), '10,40 * * * *');
    assert.equal(cronForIntervalFrom(420, at('2026-01-01T09:10:00Z'), 'vertex'), null);
  });

  it('YAML: the key and value are replaced', () => {
    const yaml = 'schedule:\n  start_time: "2026-01-01T00:00:00Z"\n  interval_second: 3600\n';
    const fixed = applyFirstEdit(yaml, 'unsupported-schedule-type', kubernetes, 'run.yaml');
    assert.ok(fixed.includes('  cron_expression: "0 * * * *"\n'), fixed);
    assert.ok(!codesAfter(fixed, kubernetes, 'run.yaml').includes('unsupported-schedule-type'));
  });
});

describe('Kubeflow seconds field', () => {
  const kubeflow: OrchestratorContext = { flavor: 'kubeflow', source: 'setting' };
  it('prepends a seconds field so that the expression means what it says', () => {
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    const fixed = applyFirstEdit(text, 'dialect-seconds-first', kubeflow);
    assert.ok(fixed.includes('cron_expression="0 0 3 * * *"'), fixed);
    assert.ok(!codesAfter(fixed, kubeflow).includes('dialect-seconds-first'));
  });
});

describe('unsupported-orchestrator', () => {
  it('with the override set, offers to clear it instead of switching stacks (switching would change nothing)', () => {
    const local: OrchestratorContext = { flavor: 'local', source: 'setting', schedulableStacks: ['k8s'] };
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    const { fixes } = fixesOf(text, 'unsupported-orchestrator', local);
    assert.deepEqual(fixes.map((f) => f.kind), ['clear-override', 'open-docs']);
    assert.equal(fixes[0].title, 'Clear the orchestrator override (zenmlSchedules.orchestrator)');
  });


  it('one switch-stack action per stack that can schedule, then the docs', () => {
    const local: OrchestratorContext = { flavor: 'local', source: 'zenml', stackName: 'default', schedulableStacks: ['k8s', 'vertex-prod'] };
    const text = `${HEADER}p.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n`;
    const { fixes } = fixesOf(text, 'unsupported-orchestrator', local);
    assert.deepEqual(
      fixes.map((f) => [f.kind, f.kind === 'switch-stack' ? f.stack : f.kind === 'open-docs' ? f.url : '']),
      [
        ['switch-stack', 'k8s'],
        ['switch-stack', 'vertex-prod'],
        ['open-docs', 'https://docs.zenml.io/concepts/steps_and_pipelines/scheduling'],
      ],
    );
  });
});

// src/findings/rules.ts (with fields.ts's tie-break and github.ts's workflow entries) pinned on the inputs the
// other rules tests leave open: whole findings (code, severity, message, range, data) where a rule takes a less
// common path. Expected values come from ZenML's documented behaviour (shared/reference facts §1, §3, §11),
// Quartz's and the contracts' rules, or the reasoning stated beside each case.
// Schedules are hand-built the way discovery builds them (one line of Python, real ranges).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range } from '../../src/discovery/types';
import { emptyDiscovery } from '../../src/discovery';
import { analyze, suggestField } from '../../src/findings';
import type { AnalysisOptions, Finding } from '../../src/findings/types';
import { doc, dt, none, NONE, num, on, range, schedule, type Spec, str, val } from './findings-helpers';

const raw =
  (value: FieldValue): Spec =>
  () =>
    value;

const run = (s: DiscoveredSchedule, options: AnalysisOptions = NONE, more: Partial<DiscoveryResult> = {}): Finding[] => analyze(doc([s], more), options);

const AWARE = dt('2026-01-01T00:00:00Z', true);
const WHOLE_CALL = range(3, 0, 200);
const CRON_ONLY = 'The kubernetes orchestrator supports only cron schedules; this Schedule';

describe('rules-exact: unsupported-schedule-type on a cron-only orchestrator (Kubernetes, facts §3)', () => {
  it('interval_second only known from **kwargs, every other trigger written as None: an interval at best, no seconds to quote', () => {
    // Schedule(cron_expression=None, run_once_start_time=None, start_time=<aware>, **kw): only start_time + an
    // interval from **kw can make it valid, and Kubernetes takes cron only.
    const s = schedule([['cron_expression', none], ['run_once_start_time', none], ['start_time', AWARE]], { hasOpaqueArguments: true });
    assert.deepStrictEqual(run(s, on('kubernetes')), [
      {
        code: 'unsupported-schedule-type',
        severity: 'warning',
        message: `${CRON_ONLY} runs on an interval. Use a cron_expression instead.`,
        range: WHOLE_CALL,
      },
    ]);
  });

  it('a run-once schedule that also writes interval_second: the interval is not its kind, so no seconds for a conversion', () => {
    // No start_time: the interval is no trigger (facts §1), run_once_start_time is.
    const s = schedule([['run_once_start_time', AWARE], ['interval_second', num(60)]]);
    assert.deepStrictEqual(run(s, on('kubernetes')), [
      {
        code: 'unsupported-schedule-type',
        severity: 'warning',
        message: `${CRON_ONLY} runs once (run_once_start_time). Use a cron_expression instead.`,
        range: WHOLE_CALL,
      },
    ]);
  });

  it('a negative interval is truthy (a trigger for ZenML) but no period to describe', () => {
    const s = schedule([['start_time', AWARE], ['interval_second', num(-60)]]);
    assert.deepStrictEqual(run(s, on('kubernetes')), [
      {
        code: 'unsupported-schedule-type',
        severity: 'warning',
        message: `${CRON_ONLY} runs on an interval. Use a cron_expression instead.`,
        range: WHOLE_CALL,
        data: { intervalSeconds: -60 },
      },
    ]);
  });

  it('an interval written as a string ("3600"): set, but neither described nor offered for conversion', () => {
    const s = schedule([['start_time', AWARE], ['interval_second', str('3600')]]);
    assert.deepStrictEqual(run(s, on('kubernetes')), [
      {
        code: 'unsupported-schedule-type',
        severity: 'warning',
        message: `${CRON_ONLY} runs on an interval. Use a cron_expression instead.`,
        range: WHOLE_CALL,
      },
    ]);
  });

  it('BUG fixed: a flavor the table says cannot schedule but ZenML says can has unknown kinds, so no kind finding', () => {
    // Before the fix: "The modal orchestrator supports  schedules; this Schedule uses a cron expression."
    const zenmlSays = { source: 'zenml' as const, canSchedule: true };
    assert.deepStrictEqual(run(schedule([['cron_expression', str('0 3 * * *')]]), on('modal', zenmlSays)), []);
    assert.deepStrictEqual(run(schedule([['start_time', AWARE], ['interval_second', num(3600)]]), on('tekton', zenmlSays)), []);
  });
});

describe('rules-exact: the zone a cron is read in', () => {
  // Quartz with a year: 12:30 on 1 December 2026 only. In Asia/Tokyo (UTC+9) that is 03:30Z, before NOW
  // (12:00Z): it never runs again; in UTC it is 12:30Z, still ahead.
  const ONCE_IN_2026 = '0 30 12 1 DEC ? 2026';

  it('Databricks reads the cron in the document schedule_timezone: never-runs in Tokyo', () => {
    const s = schedule([['cron_expression', str(ONCE_IN_2026)]], { scheduleTimezone: 'Asia/Tokyo' });
    assert.deepStrictEqual(run(s, on('databricks'), { scheduleTimezoneSet: true }), [
      {
        code: 'never-runs',
        severity: 'warning',
        message: 'Databricks accepts this expression, but it never runs.',
        range: val(0),
        data: { expression: ONCE_IN_2026 },
      },
    ]);
  });

  it('an unknown schedule_timezone is not passed to the reader (UTC then): no zone error, and the run is ahead', () => {
    const s = schedule([['cron_expression', str(ONCE_IN_2026)]], { scheduleTimezone: 'Mars/Olympus' });
    assert.deepStrictEqual(run(s, on('databricks'), { scheduleTimezoneSet: true }), []);
  });

  it('schedule_timezone is a Databricks setting: Vertex AI reads its TZ= prefix only, with no zone to conflict with', () => {
    const s = schedule([['cron_expression', str('TZ=America/New_York 0 3 * * *')]], { scheduleTimezone: 'Asia/Tokyo' });
    assert.deepStrictEqual(run(s, on('vertex')), []);
  });

  it('the Databricks time-zone check reads the flavor as the table does (trimmed, any case)', () => {
    const s = schedule([['cron_expression', str('0 0 3 * * ?')]]);
    assert.deepStrictEqual(run(s, on(' Databricks ')), [
      {
        code: 'databricks-needs-timezone',
        severity: 'error',
        message:
          'The Databricks orchestrator needs a time zone for a cron schedule: without DatabricksOrchestratorSettings(schedule_timezone="...") ZenML raises a ValueError when the pipeline runs.',
        range: val(0),
        data: { expression: '0 0 3 * * ?' },
      },
    ]);
  });
});

describe('rules-exact: where a whole-expression cron error goes (the literal, parentheses excluded)', () => {
  const MESSAGE = 'expected 5 fields, got 4 (minute hour day-of-month month day-of-week)';
  const written = (parts: Range[] | undefined): FieldValue => {
    // ("0 3 " "* *"): the value's range includes the parentheses, its parts do not.
    const value = { kind: 'string', value: '0 3 * *', range: range(3, 19, 45) } as Extract<FieldValue, { kind: 'string' }>;
    if (parts) value.parts = parts;
    return value;
  };
  const invalid = (r: Range): Finding => ({ code: 'invalid-cron', severity: 'error', message: MESSAGE, range: r, data: { expression: '0 3 * *' } });

  it('an implicit concatenation: from the first literal to the last', () => {
    const s = schedule([['cron_expression', raw(written([range(3, 20, 26), range(3, 27, 44)]))]]);
    assert.deepStrictEqual(run(s), [invalid(range(3, 20, 44))]);
  });

  it('no parts known (a malformed value): the value range', () => {
    assert.deepStrictEqual(run(schedule([['cron_expression', raw(written([]))]])), [invalid(range(3, 19, 45))]);
    assert.deepStrictEqual(run(schedule([['cron_expression', raw(written(undefined))]])), [invalid(range(3, 19, 45))]);
  });
});

describe('rules-exact: end-before-start needs two readable instants', () => {
  it('an unreadable start_time beside a 1960 end_time: nothing to compare', () => {
    const s = schedule([['cron_expression', str('0 3 * * *')], ['start_time', dt('not a date', true)], ['end_time', dt('1960-01-01T00:00:00', false)]]);
    assert.deepStrictEqual(
      run(s).map((f) => f.code),
      ['schedule-ended', 'naive-datetime'],
    );
  });
});

describe('rules-exact: document findings', () => {
  const AT = range(1, 10, 18);
  it('schedule= in @pipeline(...): the whole finding, also when the discovery has no problems list', () => {
    const discovery = { ...emptyDiscovery(), pipelineDecoratorScheduleArgs: [AT], problems: undefined } as unknown as DiscoveryResult;
    assert.deepStrictEqual(analyze(discovery, NONE), [
      {
        code: 'schedule-not-a-pipeline-arg',
        severity: 'error',
        message: '@pipeline(...) has no schedule parameter. Attach the Schedule with my_pipeline.with_options(schedule=...) instead.',
        range: AT,
      },
    ]);
  });
});

describe('rules-exact: GitHub workflow entries', () => {
  it('an entry with a timezone but no cron: the zone finding still comes', () => {
    const zone = range(3, 20, 31);
    const entry = schedule([], { language: 'yaml', github: { timezone: { keyRange: range(3, 10, 18), value: str('Mars/Base')(zone) } } });
    assert.deepStrictEqual(analyze(doc([entry]), NONE), [
      {
        code: 'invalid-cron',
        severity: 'error',
        message:
          'timezone "Mars/Base" is not an IANA time zone (use a name such as Europe/Berlin, America/New_York or UTC): GitHub rejects the workflow\'s schedule.',
        range: zone,
      },
    ]);
  });
});

describe('fields-exact: "did you mean" ties', () => {
  it('equal distances: the field listed first in ZenML order wins (a stable answer)', () => {
    // "endme" is 2 edits from both `name` and `end_time`; `name` comes first in the Schedule's field order.
    assert.equal(suggestField('endme'), 'name');
  });
});

// src/findings/triggers.ts pinned whole: which trigger a Schedule sets, read the way ZenML's validator reads
// it (facts §1): a field counts when its value is truthy in Python; cron_expression wins, then start_time +
// interval_second, then run_once_start_time; values only known at run time stay unknown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredSchedule, FieldValue, Range } from '../../src/discovery/types';
import { effectiveKind, onlyPossibleKind, presenceOfValue, triggerState, type Presence, type TriggerState } from '../../src/findings/triggers';

const R: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const SET: FieldValue = { kind: 'string', value: '0 3 * * *', range: R, parts: [R] };
const NUMBER = (value: number): FieldValue => ({ kind: 'number', value, range: R });
const UNKNOWN: FieldValue = { kind: 'unknown', text: 'x', range: R };
const NONE: FieldValue = { kind: 'none', range: R };
const WHEN: FieldValue = { kind: 'datetime', iso: '2026-01-01T00:00:00Z', aware: true, source: 'datetime', range: R };

function schedule(fields: Record<string, FieldValue>, hasOpaqueArguments = false): DiscoveredSchedule {
  return {
    language: 'python',
    range: R,
    nameRange: R,
    fields: Object.entries(fields).map(([name, value]) => ({ name, keyRange: R, value })),
    hasOpaqueArguments,
    attachments: [],
    pipeline: null,
    variable: null,
  };
}

const state = (cron: Presence, periodic: Presence, interval: Presence, runOnce: Presence, any: Presence): TriggerState => ({
  cron,
  periodic,
  interval,
  runOnce,
  any,
});

describe('triggers: presence of one value', () => {
  it('a number counts unless it is 0; NaN is truthy in Python, so it counts', () => {
    assert.deepEqual([NUMBER(60), NUMBER(-1), NUMBER(0), NUMBER(Number.NaN)].map(presenceOfValue), ['set', 'set', 'unset', 'set']);
  });
});

describe('triggers: the state of a whole Schedule', () => {
  it('nothing written: every trigger unset', () => {
    assert.deepEqual(triggerState(schedule({})), state('unset', 'unset', 'unset', 'unset', 'unset'));
  });
  it('cron alone: set, and so is "any"', () => {
    assert.deepEqual(triggerState(schedule({ cron_expression: SET })), state('set', 'unset', 'unset', 'unset', 'set'));
  });
  it('an interval without start_time is no periodic trigger', () => {
    assert.deepEqual(triggerState(schedule({ interval_second: NUMBER(60) })), state('unset', 'unset', 'set', 'unset', 'unset'));
  });
  it('start_time set and interval_second known only at run time: periodic is unknown, and so is "any"', () => {
    assert.deepEqual(
      triggerState(schedule({ start_time: WHEN, interval_second: UNKNOWN })),
      state('unset', 'unknown', 'unknown', 'unset', 'unknown'),
    );
  });
  it('start_time unknown and interval_second set: periodic unknown', () => {
    assert.deepEqual(
      triggerState(schedule({ start_time: UNKNOWN, interval_second: NUMBER(60) })),
      state('unset', 'unknown', 'set', 'unset', 'unknown'),
    );
  });
  it('start_time and interval_second set: periodic', () => {
    assert.deepEqual(triggerState(schedule({ start_time: WHEN, interval_second: NUMBER(60) })), state('unset', 'set', 'set', 'unset', 'set'));
  });
  it('`**kwargs` leaves every field not written as a keyword unknown', () => {
    assert.deepEqual(triggerState(schedule({ cron_expression: NONE }, true)), state('unset', 'unknown', 'unknown', 'unknown', 'unknown'));
  });
  it('run_once_start_time alone: set', () => {
    assert.deepEqual(triggerState(schedule({ run_once_start_time: WHEN })), state('unset', 'unset', 'unset', 'set', 'set'));
  });
});

describe('triggers: the kind ZenML creates', () => {
  const cases: [string, TriggerState, ReturnType<typeof effectiveKind>, ReturnType<typeof onlyPossibleKind>][] = [
    ['nothing', state('unset', 'unset', 'unset', 'unset', 'unset'), null, null],
    ['cron', state('set', 'unset', 'unset', 'unset', 'set'), 'cron', 'cron'],
    ['cron beats interval and run-once', state('set', 'set', 'set', 'set', 'set'), 'cron', null],
    ['cron unknown: nothing is certain', state('unknown', 'set', 'set', 'unset', 'set'), null, null],
    ['interval', state('unset', 'set', 'set', 'unset', 'set'), 'interval', 'interval'],
    ['interval beats run-once', state('unset', 'set', 'set', 'set', 'set'), 'interval', null],
    ['interval unknown, no other trigger: only an interval is possible', state('unset', 'unknown', 'unknown', 'unset', 'unknown'), null, 'interval'],
    ['interval unknown, run-once set: either could win', state('unset', 'unknown', 'unknown', 'set', 'set'), null, null],
    ['run-once', state('unset', 'unset', 'unset', 'set', 'set'), 'once', 'once'],
    ['run-once unknown: only run-once is possible', state('unset', 'unset', 'unset', 'unknown', 'unknown'), null, 'once'],
    ['cron unknown, nothing else: only cron is possible', state('unknown', 'unset', 'unset', 'unset', 'unknown'), null, 'cron'],
  ];
  for (const [name, given, effective, only] of cases) {
    it(name, () => {
      assert.deepEqual([effectiveKind(given), onlyPossibleKind(given)], [effective, only]);
    });
  }
});

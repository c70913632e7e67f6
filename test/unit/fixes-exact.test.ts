// src/findings/fixes.ts pinned where a quick fix must NOT be offered (the finding does not lead back to what
// the fix needs) and where an interval-to-cron conversion depends on the cron reader's limits.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range, ScheduleField } from '../../src/discovery/types';
import { emptyDiscovery } from '../../src/discovery';
import { analyzeText } from '../../src/findings';
import { ZENML_SCHEDULING_DOCS_URL, cronForIntervalFrom, fixesFor, type Fix, type FixContext } from '../../src/findings/fixes';
import type { Finding } from '../../src/findings/types';

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });
const at = (iso: string) => new Date(iso);

/** A Schedule on line 3 whose fields sit 20 characters apart (key at 10+20i, value at 20+20i). */
function schedule(fields: [string, FieldValue | ((r: Range) => FieldValue)][]): DiscoveredSchedule {
  const built: ScheduleField[] = fields.map(([name, value], i) => {
    const r = range(3, 20 + 20 * i, 28 + 20 * i);
    return { name, keyRange: range(3, 10 + 20 * i, 10 + 20 * i + name.length), value: typeof value === 'function' ? value(r) : value };
  });
  return { language: 'python', range: range(3, 0, 200), nameRange: range(3, 0, 8), fields: built, hasOpaqueArguments: false, attachments: [], pipeline: null, variable: 's' };
}
const context = (schedules: DiscoveredSchedule[], text = '', imports: DiscoveryResult['imports'] = { timezone: 'timezone', datetimeModule: null }): FixContext => ({
  text,
  discovery: { ...emptyDiscovery(), schedules, imports },
  flavor: 'kubernetes',
  orchestratorSource: 'zenml',
});
const finding = (code: Finding['code'], r: Range, data?: Finding['data']): Finding => ({ code, severity: 'warning', message: '', range: r, ...(data ? { data } : {}) });

const DOCS: Fix = { kind: 'open-docs', title: "Open ZenML's scheduling documentation", url: ZENML_SCHEDULING_DOCS_URL };
const AWARE_START: FieldValue = { kind: 'datetime', iso: '2026-01-01T00:00:00Z', aware: true, source: 'datetime', range: range(3, 20, 28) };

describe('fixes-exact: interval -> cron', () => {
  it('every 12 minutes from :10 on Databricks: Quartz writes the range-with-step as start/step', () => {
    // 00:10, 00:22, 00:34, 00:46, 00:58, 01:10, ...: minutes 10-59 every 12 (5 values, written as a range).
    assert.equal(cronForIntervalFrom(720, at('2026-01-01T00:10:00Z'), 'kubernetes'), '10-59/12 * * * *');
    assert.equal(cronForIntervalFrom(720, at('2026-01-01T00:10:00Z'), 'databricks'), '0 10/12 * * * ?');
  });

  it("Quartz's year field runs from 1970 (and Databricks cannot reach 9999): no conversion whose runs it would not start", () => {
    // Quartz CronExpression: the year field takes 1970-2099, so an hourly cron cannot fire at 1969-12-31T23:00Z
    // nor at 9999-12-31T21:00Z; POSIX/robfig readers have no year field and do.
    assert.equal(cronForIntervalFrom(3600, at('1969-12-31T23:00:00Z'), 'databricks'), null);
    assert.equal(cronForIntervalFrom(3600, at('9999-12-31T21:00:00Z'), 'databricks'), null);
    assert.equal(cronForIntervalFrom(3600, at('1969-12-31T23:00:00Z'), 'kubernetes'), '0 * * * *');
  });

  it('the interval finding cannot be traced to both an interval_second and a known start_time: only the docs', () => {
    const intervalOnly = schedule([['interval_second', (r) => ({ kind: 'number', value: 3600, range: r })]]);
    assert.deepStrictEqual(fixesFor(finding('unsupported-schedule-type', intervalOnly.nameRange, { intervalSeconds: 3600 }), context([intervalOnly])), [DOCS]);
    const startOnly = schedule([['start_time', AWARE_START]]);
    assert.deepStrictEqual(fixesFor(finding('unsupported-schedule-type', startOnly.nameRange, { intervalSeconds: 3600 }), context([startOnly])), [DOCS]);
  });
});

describe('fixes-exact: Kubeflow seconds field', () => {
  const cron = (value: string): FieldValue => ({ kind: 'string', value, range: range(3, 20, 28), parts: [range(3, 20, 28)], contentStart: { line: 3, character: 21 } });

  it('no data and no field at the finding: no fix', () => {
    const s = schedule([['cron_expression', cron('0 3 * * *')]]);
    assert.deepStrictEqual(fixesFor(finding('dialect-seconds-first', range(9, 0, 5)), context([s])), []);
  });

  it('the finding sits on a value that is not a string literal: no edit, even with the expression in its data', () => {
    const s = schedule([['cron_expression', { kind: 'unknown', text: 'CRON', range: range(3, 20, 24) }]]);
    assert.deepStrictEqual(fixesFor(finding('dialect-seconds-first', range(3, 20, 24), { expression: '0 3 * * *' }), context([s])), []);
  });

  it('a preset has no fields to shift: no edit', () => {
    const s = schedule([['cron_expression', cron('@daily')]]);
    assert.deepStrictEqual(fixesFor(finding('dialect-seconds-first', range(3, 20, 28), { expression: '@daily' }), context([s])), []);
  });
});

describe('fixes-exact: naive datetimes', () => {
  const utcnow = (r: Range): FieldValue => ({ kind: 'datetime', iso: null, aware: false, source: 'utcnow', range: r });

  it('utcnow() -> now(timezone.utc): the edit starts at `utcnow`, also when that is the first character', () => {
    const r = range(0, 0, 8);
    const s = schedule([['start_time', utcnow(r)]]);
    assert.deepStrictEqual(fixesFor(finding('naive-datetime', r), context([s], 'utcnow()')), [
      { kind: 'edit', title: 'Use datetime.now(timezone.utc) (utcnow() has no time zone)', edits: [{ range: r, newText: 'now(timezone.utc)' }], preferred: true },
    ]);
  });

  it('the text under the finding no longer says utcnow (an edit in flight): no edit', () => {
    const r = range(0, 0, 8);
    const s = schedule([['start_time', utcnow(r)]]);
    assert.deepStrictEqual(fixesFor(finding('naive-datetime', r), context([s], 'now()   ')), []);
  });

  it('datetime(...).replace(tzinfo=None): naive, but no argument list of its own to add tzinfo to', () => {
    const text =
      'from datetime import datetime, timezone\nfrom zenml.config.schedule import Schedule\n' +
      's = Schedule(cron_expression="0 3 * * *", start_time=datetime(2026, 1, 1).replace(tzinfo=None))\n';
    const { discovery, findings } = analyzeText(text, 'a.py', { orchestrator: null, now: at('2026-12-01T12:00:00Z') });
    const naive = findings.filter((f) => f.code === 'naive-datetime');
    assert.equal(naive.length, 1);
    assert.deepStrictEqual(fixesFor(naive[0], { text, discovery }), []);
  });
});

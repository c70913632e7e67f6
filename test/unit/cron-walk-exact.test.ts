// The wall-clock walk (src/cron/walk.ts) behind the POSIX dialects (standard, github, vertex: Vixie
// cron semantics). Each test pins the whole run list. Expected values follow Vixie cron's DST rules
// as the engine documents them (README "How next runs are computed"): a fixed-time job whose wall
// time the spring change skips runs once, at the change; a fixed-time job in the repeated hour runs
// once, at the first pass. Offsets: America/New_York is EST = UTC-5, EDT = UTC-4 (2026: EDT from
// 2026-03-08 07:00Z, EST again from 2026-11-01 06:00Z; 2027: EDT from 2027-03-14); Europe/Berlin
// is CET = UTC+1, CEST = UTC+2 (CET again from 2026-10-25 01:00Z). Checked with python3 zoneinfo.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { explainCron } from '../../src/cron/index';
import { emptySpec } from '../../src/cron/fields';
import { parsePosix } from '../../src/cron/posix';
import { type DstPolicy, nextLocalMatch, walkRuns } from '../../src/cron/walk';
import { localSeconds, zoneRules } from '../../src/cron/zone';

const iso = (seconds: number[]) => seconds.map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
const at = (text: string) => Date.parse(text) / 1000;
const standard = (expression: string, timeZone: string, from: string, count: number) =>
  explainCron(expression, { dialect: 'standard', timeZone, from: new Date(from), count, notes: false }).nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z'));
const SECOND_PASS: DstPolicy = { gap: 'skip', overlap: 'second' };
const walk = (expression: string, zone: string, from: string, count: number, policy: DstPolicy) =>
  iso(walkRuns(parsePosix(expression, 0), zoneRules(zone), at(from), count, policy, 2030));

describe('walkRuns: the spring gap (Vixie: skipped fixed times run at the change)', () => {
  it('from the last second before the change, the skipped 02:30 still runs at the change (BUG fixed)', () => {
    // 02:30 EST does not exist on 2026-03-08: it runs at 03:00 EDT = 07:00Z, which is after 06:59:59Z.
    // Asked from one second earlier the same run is there; a next-run list cannot lose it a second later.
    const expected = ['2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z'];
    // (06:59:59 first: asked second, explainCron's run cache would answer it from the 06:59:58 list.)
    assert.deepStrictEqual(standard('30 2 * * *', 'America/New_York', '2026-03-08T06:59:59Z', 3), expected);
    assert.deepStrictEqual(standard('30 2 * * *', 'America/New_York', '2026-03-08T06:59:58Z', 3), expected);
    assert.deepStrictEqual(walk('30 2 * * *', 'America/New_York', '2026-03-08T06:59:59Z', 1, { gap: 'atChange', overlap: 'first' }), ['2026-03-08T07:00:00Z']);
    // From the change itself it has run: the next is the next day.
    assert.deepStrictEqual(standard('30 2 * * *', 'America/New_York', '2026-03-08T07:00:00Z', 2), ['2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z']);
  });
  it('two skipped times run once at the change (Vixie queues a job once)', () => {
    assert.deepStrictEqual(standard('0,30 2 * * *', 'America/New_York', '2026-03-08T00:00:00Z', 3), [
      '2026-03-08T07:00:00Z',
      '2026-03-09T06:00:00Z',
      '2026-03-09T06:30:00Z',
    ]);
  });
  it('a gap run is kept when nothing else runs before the next change', () => {
    // Only 8 March at 02:30: in 2026 that is in the gap (runs at 07:00Z); in 2027 DST starts on
    // 14 March, so 8 March 02:30 is EST = 07:30Z.
    assert.deepStrictEqual(standard('30 2 8 3 *', 'America/New_York', '2026-03-01T00:00:00Z', 2), ['2026-03-08T07:00:00Z', '2027-03-08T07:30:00Z']);
  });
});

describe('walkRuns: strictly after from', () => {
  it('a run exactly at from is not listed', () => {
    assert.deepStrictEqual(standard('30 2 * * *', 'America/New_York', '2026-03-09T06:30:00Z', 2), ['2026-03-10T06:30:00Z', '2026-03-11T06:30:00Z']);
    assert.deepStrictEqual(standard('0 12 * * *', 'UTC', '2026-01-15T12:00:00Z', 2), ['2026-01-16T12:00:00Z', '2026-01-17T12:00:00Z']);
  });
  it('count 0 gives no runs', () => {
    assert.deepStrictEqual(walk('0 12 * * *', 'UTC', '2026-01-15T00:00:00Z', 0, { gap: 'atChange', overlap: 'first' }), []);
    assert.deepStrictEqual(walk('0 12 * * *', 'UTC', '2026-01-15T00:00:00Z', -1, { gap: 'atChange', overlap: 'first' }), []);
  });
});

describe('walkRuns: the repeated hour', () => {
  it('overlap "first": 01:00 runs at 01:00 EDT only (not again at 01:00 EST)', () => {
    assert.deepStrictEqual(standard('0 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', 2), ['2026-11-01T05:00:00Z', '2026-11-02T06:00:00Z']);
  });
  it('overlap "second": a time in the repeated hour runs at its second pass only (New York)', () => {
    // 01:30 on 1 November: EDT 05:30Z is skipped, EST 06:30Z runs; the day before runs normally.
    assert.deepStrictEqual(walk('30 1 * * *', 'America/New_York', '2026-10-30T12:00:00Z', 3, SECOND_PASS), [
      '2026-10-31T05:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-02T06:30:00Z',
    ]);
    // 01:00 itself is the first second of the repeated hour: the EST one (06:00Z).
    assert.deepStrictEqual(walk('0 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', 2, SECOND_PASS), ['2026-11-01T06:00:00Z', '2026-11-02T06:00:00Z']);
  });
  it('overlap "second" east of UTC (Berlin: 02:30 CEST skipped, 02:30 CET runs)', () => {
    assert.deepStrictEqual(walk('30 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 2, SECOND_PASS), ['2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z']);
  });
});

describe('nextLocalMatch: the years field', () => {
  it('1970 itself can be an allowed year (index 0)', () => {
    const spec = emptySpec();
    spec.seconds[0] = spec.minutes[0] = spec.hours[0] = 1;
    spec.dom.fill(1, 1);
    spec.months.fill(1, 1);
    spec.dow.fill(1);
    spec.years = new Uint8Array(1);
    spec.years[0] = 1;
    assert.equal(nextLocalMatch(spec, localSeconds(1970, 3, 1), 2000), localSeconds(1970, 3, 1));
    assert.equal(nextLocalMatch(spec, localSeconds(1970, 12, 31, 0, 0, 1), 2000), null);
  });
});

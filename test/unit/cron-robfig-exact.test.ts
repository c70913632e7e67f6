// robfig/cron v3 (src/cron/robfig.ts), the parser and next-run walk of the kubernetes and kubeflow
// dialects, and explainCron's run cache for them. Every expected run or rejection below was produced
// by robfig/cron v3 itself (test/differential/ref/robfig.go, chaining Next from `from`), not by our code;
// the error messages are the extension's own words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { explainCron, type Dialect } from '../../src/cron/index';
import { parseRobfig } from '../../src/cron/robfig';

const FROM = '2026-01-15T10:20:00Z';
const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
const explain = (expression: string, from = FROM, count = 1, timeZone = 'UTC', dialect: Dialect = 'kubernetes') =>
  explainCron(expression, { dialect, timeZone, from: new Date(from), count, notes: false });
const runs = (expression: string, from = FROM, count = 1, timeZone = 'UTC', dialect: Dialect = 'kubernetes') => iso(explain(expression, from, count, timeZone, dialect).nextRuns);
const message = (expression: string) => explain(expression).error?.message ?? null;

describe('robfig: parsing', () => {
  it('a vertical tab separates fields (Go strings.Fields); a "V" does not', () => {
    // explainCron refuses control characters before any parser; robfig itself takes "0\v0 * * *" as "0 0 * * *".
    assert.deepStrictEqual(parseRobfig('0\u000b0 * * *', 0, false), parseRobfig('0 0 * * *', 0, false));
    assert.throws(() => parseRobfig('0V0 * * *', 0, false), { message: 'expected 5 fields, got 4 (minute hour day-of-month month day-of-week)' });
  });
  it('a number must be all digits (strconv.Atoi)', () => {
    assert.equal(message('x5 0 * * *'), 'minute: "x5" is not a number');
    assert.equal(message('5x 0 * * *'), 'minute: "5x" is not a number');
  });
  it('a number past 2^53 is refused as written', () => {
    // robfig: "end of range (9007199254740993) above maximum (59)"; a float would read ...992.
    assert.equal(message('9007199254740993 0 * * *'), 'minute: 9007199254740993 is out of range 0-59');
  });
  it('a range with a step keeps its end ("1-10/5": 1 and 6)', () => {
    assert.deepStrictEqual(runs('1-10/5 0 * * *', FROM, 3), ['2026-01-16T00:01:00Z', '2026-01-16T00:06:00Z', '2026-01-17T00:01:00Z']);
  });
});

describe('robfig: @every durations (time.ParseDuration, rounded down to the second)', () => {
  it('fractions with several digits', () => {
    assert.deepStrictEqual(runs('@every 1.25h'), ['2026-01-15T11:35:00Z']);
    assert.deepStrictEqual(runs('@every 90.50s'), ['2026-01-15T10:21:30Z']);
    assert.deepStrictEqual(runs('@every .55m'), ['2026-01-15T10:20:33Z']);
  });
  it('the longest duration Go takes (2^63-1 ns, 292 years)', () => {
    assert.deepStrictEqual(runs('@every 9223372036854775807ns'), ['2318-04-27T10:07:16Z']);
  });
  it('text before or after the duration is refused', () => {
    assert.equal(explain('@every 1hx').valid, false);
    assert.equal(explain('@every x1h').valid, false);
  });
});

describe('robfig: the next-run walk', () => {
  it('a month outside the set restarts at January (Feb 1 only: not 1 January)', () => {
    assert.deepStrictEqual(runs('0 0 1 2 *', '2026-03-01T00:00:00Z'), ['2027-02-01T00:00:00Z']);
    // Mondays in February: the walk restarts at 1 January 2027 (a Friday) before any day check, so it
    // moves on to 1 February (a Monday), not to the month after the first Monday of January.
    assert.deepStrictEqual(runs('0 0 * 2 1', '2026-03-01T00:00:00Z', 2), ['2027-02-01T00:00:00Z', '2027-02-08T00:00:00Z']);
  });
  it('no month at all never runs (robfig gives up after five years)', () => {
    assert.deepStrictEqual(runs('0 0 * , *'), []);
  });
  it('the fifth year ahead is still searched (29 Feb 2104 from March 2099; none from March 2098)', () => {
    assert.deepStrictEqual(runs('0 0 29 2 *', '2099-03-01T00:00:00Z'), ['2104-02-29T00:00:00Z']);
    assert.deepStrictEqual(runs('0 0 29 2 *', '2098-03-01T00:00:00Z'), []);
  });
  it('the minute loop truncates down to the minute first (10:05 from 10:04:30)', () => {
    assert.deepStrictEqual(runs('5 10 * * *', '2026-01-15T10:04:30Z'), ['2026-01-15T10:05:00Z']);
  });
  it('stepping hours over a midnight that DST skips does not re-check the day (Havana)', () => {
    // Saturdays at 01:00; Havana skips 00:00-01:00 on Sunday 8 March 2026. From Saturday 22:30 CST robfig
    // steps 23:00 -> 01:00 (Sunday) and takes it: a quirk of robfig, kept.
    assert.deepStrictEqual(runs('0 1 * * 6', '2026-03-08T03:30:00Z', 2, 'America/Havana'), ['2026-03-08T05:00:00Z', '2026-03-14T05:00:00Z']);
  });
});

describe('explainCron: the robfig run cache near a DST change (BUG fixed)', () => {
  // robfig is not memoryless near a change: asked from a later start, still before the first cached run,
  // it can answer another run. The cache must not hand back the runs of the earlier start.
  const twice = (expression: string, timeZone: string, first: string, second: string, dialect: Dialect = 'kubernetes') => {
    runs(expression, first, 3, timeZone, dialect);
    return runs(expression, second, 3, timeZone, dialect);
  };
  it('from inside the repeated hours (Antarctica/Troll: 03:00+02 -> 01:00+00 on 25 Oct 2026)', () => {
    // From 01:30+02 robfig gives 01:30+00 (01:30Z); from 02:00+02 (00:00Z, before that run) it skips to the next day.
    assert.deepStrictEqual(twice('30 1 * * *', 'Antarctica/Troll', '2026-10-24T23:30:00Z', '2026-10-25T00:00:00Z'), [
      '2026-10-26T01:30:00Z',
      '2026-10-27T01:30:00Z',
      '2026-10-28T01:30:00Z',
    ]);
    assert.deepStrictEqual(twice('0 30 1 * * *', 'Antarctica/Troll', '2026-10-24T23:30:00Z', '2026-10-25T00:00:00Z', 'kubeflow'), [
      '2026-10-26T01:30:00Z',
      '2026-10-27T01:30:00Z',
      '2026-10-28T01:30:00Z',
    ]);
  });
  it('after a half-hour change (Australia/Lord_Howe: 02:00+11 -> 01:30+10:30 on 5 Apr 2026)', () => {
    // From 00:00+11 robfig skips to 7 April; from 02:00+10:30 (same start day) it takes 6 April.
    assert.deepStrictEqual(twice('0 0 * * *', 'Australia/Lord_Howe', '2026-04-04T13:00:00Z', '2026-04-04T15:30:00Z'), [
      '2026-04-05T13:30:00Z',
      '2026-04-06T13:30:00Z',
      '2026-04-07T13:30:00Z',
    ]);
  });
  it('Pacific/Chatham (03:45+13:45 -> 02:45+12:45 on 5 Apr 2026): robfig even answers a run before the start', () => {
    assert.deepStrictEqual(twice('0 3 * * *', 'Pacific/Chatham', '2026-04-04T13:15:00Z', '2026-04-04T14:00:00Z'), [
      '2026-04-04T13:15:00Z',
      '2026-04-04T14:15:00Z',
      '2026-04-05T14:15:00Z',
    ]);
  });
  it('away from a change the cached runs are reused (same answer as robfig)', () => {
    assert.deepStrictEqual(twice('0 0 * * *', 'Australia/Lord_Howe', '2026-06-01T00:00:00Z', '2026-06-01T10:00:00Z'), [
      '2026-06-01T13:30:00Z',
      '2026-06-02T13:30:00Z',
      '2026-06-03T13:30:00Z',
    ]);
  });
});

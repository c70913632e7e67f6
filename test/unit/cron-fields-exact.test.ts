// Exact outputs of the cron engine's small shared helpers (issue 16: the mutation score of src/cron).
// Each test pins a whole result with deepStrictEqual: token lists with their offsets, the preset table,
// the empty field spec, error objects (an absent `start`/`end` must be absent, not `undefined`),
// bit counts, and dialect names. Fast: no process, no time zone walk.
// Cron facts used (the preset table): Vixie cron's `@` names (Debian cron 3.0pl1 crontab(5)):
// @yearly = @annually = "0 0 1 1 *", @monthly "0 0 1 * *", @weekly "0 0 * * 0", @daily = @midnight
// "0 0 * * *", @hourly "0 * * * *".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  CronParseError,
  countSet,
  DOW_NAMES,
  emptySpec,
  fieldError,
  fill,
  FIVE_FIELD_PRESETS,
  MONTH_NAMES,
  own,
  toCronError,
  tokenize,
} from '../../src/cron/fields';
import { dialectOf, DIALECTS, explainCron } from '../../src/cron/index';
import { describeInterval, intervalToCron, intervalToCronFromStart, nextIntervalRuns } from '../../src/cron/interval';
import { parsePosix } from '../../src/cron/posix';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const bits = (size: number, ...set: number[]) => {
  const b = new Uint8Array(size);
  for (const i of set) b[i] = 1;
  return b;
};

describe('tokenize: tokens and their offsets', () => {
  it('splits on runs of whitespace with the default separator', () => {
    assert.deepEqual(tokenize('0  5\t*\n1 2'), [
      { text: '0', start: 0, end: 1 },
      { text: '5', start: 3, end: 4 },
      { text: '*', start: 5, end: 6 },
      { text: '1', start: 7, end: 8 },
      { text: '2', start: 9, end: 10 },
    ]);
  });

  it('leading and trailing whitespace give no empty tokens', () => {
    assert.deepEqual(tokenize('  a b  ', 10), [
      { text: 'a', start: 12, end: 13 },
      { text: 'b', start: 14, end: 15 },
    ]);
    assert.deepEqual(tokenize(' x'), [{ text: 'x', start: 1, end: 2 }]);
    assert.deepEqual(tokenize('x '), [{ text: 'x', start: 0, end: 1 }]);
  });

  it('empty and all-whitespace text give no tokens', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize('', 7), []);
    assert.deepEqual(tokenize(' \t '), []);
  });

  it('one token: the offset shifts start and end', () => {
    assert.deepEqual(tokenize('@daily', 4), [{ text: '@daily', start: 4, end: 10 }]);
  });

  it('a single-character separator: neighbouring separators give no empty tokens and skip nothing', () => {
    assert.deepEqual(tokenize('a  b', 0, /\s/g), [
      { text: 'a', start: 0, end: 1 },
      { text: 'b', start: 3, end: 4 },
    ]);
    assert.deepEqual(tokenize('a,,b,c,', 2, /,/g), [
      { text: 'a', start: 2, end: 3 },
      { text: 'b', start: 5, end: 6 },
      { text: 'c', start: 7, end: 8 },
    ]);
    assert.deepEqual(tokenize(',x', 0, /,/g), [{ text: 'x', start: 1, end: 2 }]);
  });

  it('a separator that can match the empty string moves on one character (no endless loop)', () => {
    assert.deepEqual(tokenize('ab c', 0, /\s*/g), [
      { text: 'a', start: 0, end: 1 },
      { text: 'b', start: 1, end: 2 },
      { text: 'c', start: 3, end: 4 },
    ]);
  });

  it('a reused global separator is read from the start each time', () => {
    const sep = / +/g;
    assert.deepEqual(tokenize('a b', 0, sep), [
      { text: 'a', start: 0, end: 1 },
      { text: 'b', start: 2, end: 3 },
    ]);
    assert.deepEqual(tokenize('c d', 0, sep), [
      { text: 'c', start: 0, end: 1 },
      { text: 'd', start: 2, end: 3 },
    ]);
  });
});

describe('tables', () => {
  it('the 5-field presets (Vixie cron, robfig, croniter)', () => {
    assert.deepEqual({ ...FIVE_FIELD_PRESETS }, {
      '@yearly': '0 0 1 1 *',
      '@annually': '0 0 1 1 *',
      '@monthly': '0 0 1 * *',
      '@weekly': '0 0 * * 0',
      '@daily': '0 0 * * *',
      '@midnight': '0 0 * * *',
      '@hourly': '0 * * * *',
    });
  });

  it('month and weekday names', () => {
    assert.deepEqual({ ...MONTH_NAMES }, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 });
    assert.deepEqual({ ...DOW_NAMES }, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 });
  });

  it('own: only the table\'s own keys', () => {
    assert.equal(own(FIVE_FIELD_PRESETS, '@weekly'), '0 0 * * 0');
    assert.equal(own(FIVE_FIELD_PRESETS, '@WEEKLY'), undefined);
    assert.equal(own(FIVE_FIELD_PRESETS, '@reboot'), undefined);
    assert.equal(own(MONTH_NAMES, 'constructor'), undefined);
    assert.equal(own(MONTH_NAMES, '__proto__'), undefined);
    assert.equal(own(MONTH_NAMES, 'toString'), undefined);
    assert.equal(own(DOW_NAMES, 'sun'), 0);
  });
});

describe('errors', () => {
  it('fieldError with a token: "field: detail" and the token\'s span', () => {
    const e = fieldError('dayOfWeek', { text: '8', start: 8, end: 9 }, '8 is out of range 0-7');
    assert.ok(e instanceof CronParseError);
    assert.deepEqual([e.message, e.field, e.start, e.end], ['dayOfWeek: 8 is out of range 0-7', 'dayOfWeek', 8, 9]);
    assert.deepEqual(toCronError(e), { message: 'dayOfWeek: 8 is out of range 0-7', field: 'dayOfWeek', code: 'invalid-cron', start: 8, end: 9 });
  });

  it('fieldError without a token: no span', () => {
    const e = fieldError('minute', undefined, 'missing');
    assert.deepEqual([e.message, e.field, e.start, e.end], ['minute: missing', 'minute', undefined, undefined]);
    assert.deepEqual(toCronError(e), { message: 'minute: missing', field: 'minute', code: 'invalid-cron' });
    assert.deepEqual(Object.keys(toCronError(e)), ['message', 'field', 'code']);
  });

  it('toCronError keeps a span at offset 0 and leaves out an absent one', () => {
    assert.deepEqual(toCronError(new CronParseError('expected 5 fields, got 4', null, 0, 7)), {
      message: 'expected 5 fields, got 4',
      field: null,
      code: 'invalid-cron',
      start: 0,
      end: 7,
    });
    const whole = toCronError(new CronParseError('empty expression', null));
    assert.deepEqual(whole, { message: 'empty expression', field: null, code: 'invalid-cron' });
    assert.equal('start' in whole, false);
    assert.equal('end' in whole, false);
    const startOnly = toCronError(new CronParseError('x', 'hour', 3));
    assert.deepEqual(startOnly, { message: 'x', field: 'hour', code: 'invalid-cron', start: 3 });
    assert.equal('end' in startOnly, false);
  });
});

describe('field specs and bit sets', () => {
  it('emptySpec: every set empty, every flag off', () => {
    assert.deepEqual(emptySpec(), {
      seconds: new Uint8Array(60),
      minutes: new Uint8Array(60),
      hours: new Uint8Array(24),
      dom: new Uint8Array(32),
      months: new Uint8Array(13),
      dow: new Uint8Array(7),
      domStar: false,
      dowStar: false,
      dayOr: false,
      wildcardTime: false,
      lastDay: false,
      lastDayOffset: 0,
      lastWeekday: false,
      nearestWeekday: 0,
      dowLast: new Uint8Array(7),
      dowNth: [],
      years: null,
    });
  });

  it('emptySpec gives a fresh spec each time', () => {
    const a = emptySpec();
    a.dowNth.push({ dow: 1, n: 2 });
    a.minutes[5] = 1;
    assert.deepEqual(emptySpec().dowNth, []);
    assert.equal(countSet(emptySpec().minutes), 0);
  });

  it('fill: min to max inclusive, by step', () => {
    const a = new Uint8Array(60);
    fill(a, 0, 59, 15);
    assert.deepEqual(a, bits(60, 0, 15, 30, 45));
    const b = new Uint8Array(24);
    fill(b, 9, 17);
    assert.deepEqual(b, bits(24, 9, 10, 11, 12, 13, 14, 15, 16, 17));
    const c = new Uint8Array(32);
    fill(c, 1, 31, 10);
    assert.deepEqual(c, bits(32, 1, 11, 21, 31));
    const d = new Uint8Array(7);
    fill(d, 3, 3);
    assert.deepEqual(d, bits(7, 3));
    const e = new Uint8Array(7);
    fill(e, 5, 4);
    assert.deepEqual(e, new Uint8Array(7));
  });

  it('countSet: how many values are set', () => {
    assert.equal(countSet(new Uint8Array(0)), 0);
    assert.equal(countSet(new Uint8Array(60)), 0);
    assert.equal(countSet(bits(60, 0, 15, 30, 45)), 4);
    assert.equal(countSet(bits(7, 0)), 1);
    assert.equal(countSet(bits(7, 6)), 1);
    assert.equal(countSet(new Uint8Array(24).fill(1)), 24);
  });
});

describe('dialectOf', () => {
  it('dialect names, in any case and with spaces', () => {
    for (const d of DIALECTS) {
      assert.equal(dialectOf(d), d);
      assert.equal(dialectOf(` ${d.toUpperCase()} `), d);
    }
  });

  it('flavors read as their dialect; unknown, empty and missing as standard', () => {
    assert.deepEqual(
      ['sagemaker', 'Kubernetes', 'local_docker', 'lightning', '', '  ', null, undefined].map((f) => dialectOf(f)),
      ['standard', 'kubernetes', 'standard', 'standard', 'standard', 'standard', 'standard', 'standard'],
    );
  });

  it('a name that only matches after upper-casing is not that dialect', () => {
    // U+017F (long s) upper-cases to "S" and U+0131 (dotless i) to "I": "databrickſ" and "gıthub"
    // are no flavor ZenML knows, so they read as standard.
    assert.deepEqual(['databrick\u017f', 'g\u0131thub', 'kubernete\u017f'].map((f) => dialectOf(f)), ['standard', 'standard', 'standard']);
  });
});

describe('interval.ts exact results', () => {
  const START = new Date('2026-01-15T10:20:00Z'); // a Thursday

  it('nextIntervalRuns: a run that float arithmetic puts exactly on `from` is not after it', () => {
    // 16.1 s is 16100.000000000002 ms as a double: start + 1 * step rounds to exactly `from`
    // (10:20:16.100), which is not strictly after it; the runs are k = 2, 3, 4.
    assert.deepEqual(iso(nextIntervalRuns(START, 16.1, new Date('2026-01-15T10:20:16.100Z'), 3)), [
      '2026-01-15T10:20:32.200Z',
      '2026-01-15T10:20:48.300Z',
      '2026-01-15T10:21:04.400Z',
    ]);
    assert.deepEqual(iso(nextIntervalRuns(START, 32.2, new Date('2026-01-15T10:20:32.200Z'), 2)), [
      '2026-01-15T10:21:04.400Z',
      '2026-01-15T10:21:36.600Z',
    ]);
  });

  it('nextIntervalRuns: a run a fraction of a millisecond after `from` is never `from` itself', () => {
    // 1.0005 s: the first run after START + 1 s is at 1000.5 ms, which a Date cannot hold; it comes out
    // rounded to 1001 ms, strictly after `from` (it came out as 1000 ms, equal to `from`).
    const from = new Date(START.getTime() + 1000);
    const runs = nextIntervalRuns(START, 1.0005, from, 2);
    assert.deepEqual(iso(runs), ['2026-01-15T10:20:01.001Z', '2026-01-15T10:20:02.001Z']);
    assert.ok(runs.every((r) => r > from));
  });

  it('nextIntervalRuns: from before the start gives the start first; from on a run gives the next', () => {
    assert.deepEqual(iso(nextIntervalRuns(START, 90, new Date('2026-01-01T00:00:00Z'), 3)), [
      '2026-01-15T10:20:00.000Z',
      '2026-01-15T10:21:30.000Z',
      '2026-01-15T10:23:00.000Z',
    ]);
    assert.deepEqual(iso(nextIntervalRuns(START, 90, START, 2)), ['2026-01-15T10:21:30.000Z', '2026-01-15T10:23:00.000Z']);
    assert.deepEqual(iso(nextIntervalRuns(START, 90, new Date('2026-01-15T10:21:29.999Z'), 1)), ['2026-01-15T10:21:30.000Z']);
  });

  it('nextIntervalRuns jumps to `from` instead of walking from the start (1 ms runs since 1970)', () => {
    // Walking from k = 0 would take about 1.8e12 steps.
    assert.deepEqual(iso(nextIntervalRuns(new Date(0), 0.001, START, 3)), [
      '2026-01-15T10:20:00.001Z',
      '2026-01-15T10:20:00.002Z',
      '2026-01-15T10:20:00.003Z',
    ]);
  });

  it('intervalToCronFromStart: negative and non-minute intervals have no cron', () => {
    const midnight = new Date('2026-01-01T00:00:00Z');
    assert.deepEqual(
      [-60, -3600, -86400, 90, 0, 30, 1.5, 60.5, 59].map((s) => intervalToCronFromStart(s, midnight)),
      [null, null, null, null, null, null, null, null, null],
    );
  });

  it('intervalToCronFromStart: an hour from minute 0 and a day from hour 0', () => {
    const at = (t: string) => new Date(`2026-01-01T${t}Z`); // a Thursday
    assert.deepEqual(
      [
        intervalToCronFromStart(3600, at('00:00:00')),
        intervalToCronFromStart(3600, at('13:00:00')),
        intervalToCronFromStart(86400, at('00:00:00')),
        intervalToCronFromStart(86400, at('00:45:00')),
        intervalToCronFromStart(86400, at('23:00:00')),
        intervalToCronFromStart(604800, at('00:00:00')),
        intervalToCronFromStart(2 * 86400, at('00:00:00')),
      ],
      ['0 * * * *', '0 * * * *', '0 0 * * *', '45 0 * * *', '0 23 * * *', '0 0 * * 4', null],
    );
  });

  it('intervalToCron: zero, negative and fractional intervals have no cron', () => {
    assert.deepEqual([0, -0, -60, -3600, 60.5, 0.5, 3600, 86400].map((s) => intervalToCron(s)), [null, null, null, null, null, null, '0 * * * *', '0 0 * * *']);
  });

  it('describeInterval: exact words, fractional remainders without float noise', () => {
    assert.deepEqual(
      [1e-7, 0.0000005, 0.001, 1.5, 90.5, 3600.25, 172860.1, 86400.5, 60, 61, 3600, 3661, 86400, 90000, 604800, 1209600, 0, -1, Number.NaN, Number.POSITIVE_INFINITY].map(
        (s) => describeInterval(s),
      ),
      [
        'every 1e-7 seconds',
        'every 5e-7 seconds',
        'every 0.001 seconds',
        'every 1.5 seconds',
        'every 1 minute 30.5 seconds',
        'every 1 hour 0.25 seconds',
        'every 2 days 1 minute 0.1 seconds',
        'every 1 day 0.5 seconds',
        'every minute',
        'every 1 minute 1 second',
        'every hour',
        'every 1 hour 1 minute 1 second',
        'every day',
        'every 1 day 1 hour',
        'every week',
        'every 2 weeks',
        'never (the interval must be a positive number of seconds)',
        'never (the interval must be a positive number of seconds)',
        'never (the interval must be a positive number of seconds)',
        'never (the interval must be a positive number of seconds)',
      ],
    );
  });
});

describe('posix.ts (standard dialect, Vixie cron semantics)', () => {
  const FROM = new Date('2026-01-15T10:20:00Z'); // a Thursday
  const explain = (expression: string) => explainCron(expression, { dialect: 'standard', timeZone: 'UTC', from: FROM, count: 3, notes: false });
  const runs = (expression: string) => iso(explain(expression).nextRuns);

  it('errors name the field and its span', () => {
    const cases: Array<[string, { message: string; field: string; start: number; end: number }]> = [
      ['0 24 * * *', { message: 'hour: 24 is out of range 0-23', field: 'hour', start: 2, end: 4 }],
      ['0 x * * *', { message: 'hour: "x" is not a number', field: 'hour', start: 2, end: 3 }],
      // Names are checked first; a word that only contains W/L is not Quartz syntax.
      ['0 0 * * wednesday', { message: 'dayOfWeek: "wednesday" is not a number or a name (sun, mon, tue, ...)', field: 'dayOfWeek', start: 8, end: 17 }],
      ['0 0 xL * *', { message: 'dayOfMonth: "xL" is not a number', field: 'dayOfMonth', start: 4, end: 6 }],
      ['0 0 5Lx * *', { message: 'dayOfMonth: "5Lx" is not a number', field: 'dayOfMonth', start: 4, end: 7 }],
      ['0 0 L * *', { message: 'dayOfMonth: "L": L, W and # are Quartz syntax, not standard cron', field: 'dayOfMonth', start: 4, end: 5 }],
      ['0 0 * * 5#2', { message: 'dayOfWeek: "5#2": L, W and # are Quartz syntax, not standard cron', field: 'dayOfWeek', start: 8, end: 11 }],
      // Vixie's get_number reads all alphanumerics of the step: "x5" and "5x" are not numbers.
      ['*/x5 * * * *', { message: 'minute: step "x5" is not a number', field: 'minute', start: 0, end: 4 }],
      ['*/5x * * * *', { message: 'minute: step "5x" is not a number', field: 'minute', start: 0, end: 4 }],
      ['0 1-3/y * * *', { message: 'hour: step "y" is not a number', field: 'hour', start: 2, end: 7 }],
    ];
    assert.deepEqual(
      cases.map(([e]) => explain(e).error),
      cases.map(([, err]) => ({ message: err.message, field: err.field, code: 'invalid-cron', start: err.start, end: err.end })),
    );
  });

  it('a day field counts as unrestricted when its first character is "*" (Vixie DOM_STAR / DOW_STAR)', () => {
    // `*/2` starts with "*": both day fields must match (odd days that are Mondays; day 1 on Sun/Tue/Thu/Sat).
    assert.deepEqual(runs('0 0 */2 * 1'), ['2026-01-19T00:00:00.000Z', '2026-02-09T00:00:00.000Z', '2026-02-23T00:00:00.000Z']);
    assert.deepEqual(runs('0 0 1 * */2'), ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z']);
    // `1,*` does not start with "*": restricted, so either day field matching is enough (every day).
    assert.deepEqual(runs('0 0 1,* * 1'), ['2026-01-16T00:00:00.000Z', '2026-01-17T00:00:00.000Z', '2026-01-18T00:00:00.000Z']);
  });

  it('`*` in day of week covers Sunday once, whatever the step', () => {
    assert.deepEqual(runs('0 0 * * */2'), ['2026-01-17T00:00:00.000Z', '2026-01-18T00:00:00.000Z', '2026-01-20T00:00:00.000Z']);
    assert.deepEqual(runs('0 0 * * */7'), ['2026-01-18T00:00:00.000Z', '2026-01-25T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
  });

  it('the flags of the parsed spec', () => {
    const flags = (body: string) => {
      const s = parsePosix(body, 0);
      return [s.domStar, s.dowStar, s.dayOr, s.wildcardTime];
    };
    assert.deepEqual(
      ['0 */2 * * *', '*/5 1 * * *', '0 1,* * * *', '1,* 0 * * *', '0 0 1,* * 1', '0 0 1 * 1,*', '0 0 */2 * 1', '0 0 1 * */2'].map(flags),
      [
        [true, true, false, true],
        [true, true, false, true],
        [true, true, false, false],
        [true, true, false, false],
        [false, false, true, false],
        [false, false, true, false],
        [true, false, false, false],
        [false, true, false, false],
      ],
    );
  });

  it('parsePosix: the whole spec of one expression', () => {
    const spec = parsePosix('5 4 1-3 jan-feb sun,7', 0);
    const expected = emptySpec();
    expected.seconds[0] = 1;
    expected.minutes[5] = 1;
    expected.hours[4] = 1;
    fill(expected.dom, 1, 3);
    fill(expected.months, 1, 2);
    expected.dow[0] = 1;
    expected.dayOr = true;
    assert.deepEqual(spec, expected);
  });
});

// Corners of the Quartz parser (src/cron/quartz.ts, the `databricks` dialect) that
// cron-quartz-parse.test.ts leaves open: what a character just below '0' or just above 'Z' does,
// numbers after '#' that JavaScript's Number reads but Java's Integer.parseInt does not (and the
// other way round), the step after a range, the int limit of a step, a second '#' outside day of
// week, and which value of a list Quartz uses for 'nW' / 'n#k' (the smallest: TreeSet.first()).
//
// Accepted or rejected, and every run below, is what real Quartz 2.3.2 (org.quartz.CronExpression
// via test/differential/ref/QuartzRef.java, from Thu 2026-01-15 10:20 UTC, zone UTC) did with the
// same text; its own message is quoted above each rejected case. Our messages, fields and spans
// are the extension's own words and are pinned whole.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { explainCron } from '../../src/cron/index';
import { parseQuartz } from '../../src/cron/quartz';

const FROM = new Date('2026-01-15T10:20:00Z'); // a Thursday

const runs = (expression: string, count = 3) =>
  explainCron(expression, { dialect: 'databricks', timeZone: 'UTC', from: FROM, count, notes: false }).nextRuns.map((d) => d.toISOString().replace('.000Z', 'Z'));

const errorOf = (expression: string) => explainCron(expression, { dialect: 'databricks', timeZone: 'UTC', from: FROM, count: 3 }).error;

describe('Quartz parser: rejected corners (Quartz 2.3.2 rejects each)', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    // Quartz 2.3.2: Illegal cron expression format (java.lang.NumberFormatException: For input string: "-")
    ['0 0 1--2 * * ?', { message: 'hour: "1--2": expected a digit at position 3', field: 'hour', code: 'invalid-cron', start: 4, end: 8 }],
    // Quartz 2.3.2: Illegal cron expression format (java.lang.NumberFormatException: For input string: "-")
    ['0 0 1-- * * ?', { message: 'hour: "1--": expected a digit at position 3', field: 'hour', code: 'invalid-cron', start: 4, end: 7 }],
    // Quartz 2.3.2: Illegal cron expression format (java.lang.NumberFormatException: For input string: "/")
    ['0 0 0 ? * 1-/2', { message: 'dayOfWeek: "1-/2": expected a digit at position 3', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 14 }],
    // Quartz 2.3.2: Unexpected character '-' after '/'
    ['0 5/2- * * * ?', { message: 'minute: unexpected "-" after "/" ("5/2-")', field: 'minute', code: 'invalid-cron', start: 2, end: 6 }],
    // Quartz 2.3.2: Hour values must be between 0 and 23 (the value alone: no range in the message)
    ['0 0 24X * * ?', { message: 'hour: 24: hours must be 0-23', field: 'hour', code: 'invalid-cron', start: 4, end: 7 }],
    // Quartz 2.3.2: Unexpected character: _   ('_' sorts just after 'Z': not a name)
    ['0 0 0 ? * _', { message: 'dayOfWeek: unexpected character "_"', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 11 }],
    // Quartz 2.3.2: Invalid Day-of-Week value: 'ZZZ'   ('Z' starts a name)
    ['0 0 0 ? * ZZZ', { message: 'dayOfWeek: "ZZZ" is not a day name (SUN-SAT)', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 13 }],
    // Quartz 2.3.2: A numeric value between 1 and 5 must follow the '#' option   (Number("2.0") is 2)
    ['0 0 0 ? * 5#2.0', { message: 'dayOfWeek: "#" must be followed by a week number 1-5 ("5#2.0")', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 15 }],
    // Quartz 2.3.2: A numeric value between 1 and 5 must follow the '#' option   (Number("1E0") is 1)
    ['0 0 0 ? * 5#1e0', { message: 'dayOfWeek: "#" must be followed by a week number 1-5 ("5#1E0")', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 15 }],
    // Quartz 2.3.2: A numeric value between 1 and 5 must follow the '#' option
    ['0 0 0 ? * FRI#2.0', { message: 'dayOfWeek: "#" must be followed by a week number 1-5 ("FRI#2.0")', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 17 }],
    // Quartz 2.3.2: A numeric value between 1 and 5 must follow the '#' option
    ['0 0 0 ? * FRI#1e0', { message: 'dayOfWeek: "#" must be followed by a week number 1-5 ("FRI#1E0")', field: 'dayOfWeek', code: 'invalid-cron', start: 10, end: 17 }],
    // Quartz 2.3.2: Illegal cron expression format (java.lang.NumberFormatException: For input string: "X5")
    ['0 0 0 */X5 * ?', { message: 'dayOfMonth: step "X5" is not a number', field: 'dayOfMonth', code: 'invalid-cron', start: 6, end: 10 }],
    // Quartz 2.3.2: Illegal cron expression format (java.lang.NumberFormatException: For input string: "2147483648")
    ['0 */2147483648 * * * ?', { message: 'minute: step "2147483648" is not a number', field: 'minute', code: 'invalid-cron', start: 2, end: 14 }],
    // Quartz 2.3.2: Increment > 60 : 2147483647   (the largest int parses; the range check rejects it)
    ['0 */2147483647 * * * ?', { message: 'minute: step 2147483647 is larger than the field allows (59)', field: 'minute', code: 'invalid-cron', start: 2, end: 14 }],
    // Quartz 2.3.2: '#' option is not valid here. (pos=1)   (its "only one #" check is for day of week only)
    ['0 0 5#1#2 * * ?', { message: 'hour: "#" is only valid in day of week ("5#1#2")', field: 'hour', code: 'invalid-cron', start: 4, end: 9 }],
  ];
  for (const [expression, expected] of cases) it(JSON.stringify(expression), () => assert.deepEqual(errorOf(expression), expected));
});

describe('Quartz parser: accepted corners and their runs (Quartz 2.3.2 runs)', () => {
  const cases: Array<[string, string[]]> = [
    // Integer.parseInt("02") is 2: the 2nd Thursday.
    ['0 0 0 ? * 5#02', ['2026-02-12T00:00:00Z', '2026-03-12T00:00:00Z', '2026-04-09T00:00:00Z']],
    ['0 0 0 ? * FRI#02', ['2026-02-13T00:00:00Z', '2026-03-13T00:00:00Z', '2026-04-10T00:00:00Z']],
    // "SATL-" is a name followed by L (Quartz's "^L-[0-9]*W?" test matches the whole item only): the last Saturday.
    ['0 0 0 ? * SATL-', ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', '2026-03-28T00:00:00Z']],
    // A two-digit step after a range whose last digit is 9.
    ['0 0-59/19 * * * ?', ['2026-01-15T10:38:00Z', '2026-01-15T10:57:00Z', '2026-01-15T11:00:00Z', '2026-01-15T11:19:00Z', '2026-01-15T11:38:00Z']],
  ];
  for (const [expression, expected] of cases) it(JSON.stringify(expression), () => assert.deepEqual(runs(expression, expected.length), expected));

  it('"0-59/19" holds the minutes 0, 19, 38 and 57', () => {
    assert.deepEqual(parseQuartz('0 0-59/19 * * * ?', 0, 2026).sets.minutes, [0, 19, 38, 57]);
  });
});

describe('Quartz parser: a list with n#k or nW uses its smallest value, as Quartz does (TreeSet.first())', () => {
  it('"5#2,1": the 2nd Sunday (Quartz 2.3.2 runs 8 Feb, 8 Mar, 12 Apr 2026), and the FieldSpec says so', () => {
    assert.deepEqual(runs('0 0 0 ? * 5#2,1'), ['2026-02-08T00:00:00Z', '2026-03-08T00:00:00Z', '2026-04-12T00:00:00Z']);
    const { sets, spec } = parseQuartz('0 0 0 ? * 5#2,1', 0, 2026);
    assert.deepEqual([sets.daysOfWeek, sets.nthDayOfWeek], [[1, 5], 2]);
    // FieldSpec numbers Sunday 0.
    assert.deepEqual([spec.dowNth, [...spec.dow], [...spec.dowLast]], [[{ dow: 0, n: 2 }], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]]);
  });
  it('"10,5W": the weekday nearest the 5th (Quartz 2.3.2 runs 5 Feb, 5 Mar, 6 Apr 2026), and the FieldSpec says so', () => {
    assert.deepEqual(runs('0 0 0 10,5W * ?'), ['2026-02-05T00:00:00Z', '2026-03-05T00:00:00Z', '2026-04-06T00:00:00Z']);
    const { sets, spec } = parseQuartz('0 0 0 10,5W * ?', 0, 2026);
    assert.deepEqual([sets.daysOfMonth, sets.nearestWeekday], [[5, 10], true]);
    assert.deepEqual([spec.nearestWeekday, [...spec.dom].flatMap((v, i) => (v ? [i] : [])), spec.lastDay], [5, [], false]);
  });
});

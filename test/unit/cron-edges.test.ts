// Edges of the cron engine that cron.test.ts, cron-engine.test.ts and cron-interval.test.ts leave
// open (issue 16: the mutation score of src/cron). Each test pins a whole result: the exact error
// (message, field, span), the exact next runs, the exact words. Where a value is a next run, the
// comment names the reference whose semantics it follows (the differential suite's references,
// README "How next runs are computed"):
//   Quartz 2.3 CronExpression         - databricks
//   robfig/cron v3                    - kubernetes, kubeflow
//   croniter 7.0 (Airflow's reader)   - airflow
//   Vixie cron (Debian cron 3.0pl1)   - standard, github, vertex
// Calendar facts used below (weekday of a date) were checked with Date.UTC, not with the engine.
// Error messages are the extension's own words; that an expression is rejected at all follows the
// reference named in the describe() title.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { croniterRuns, parseCroniter } from '../../src/cron/croniter';
import { emptySpec } from '../../src/cron/fields';
import { addSecondsField, dialectOf, explainCron, type CronError, type Dialect } from '../../src/cron/index';
import { describeInterval, intervalToCron, intervalToCronFromStart, nextIntervalRuns } from '../../src/cron/interval';
import { parseQuartz } from '../../src/cron/quartz';
import { quartzNext } from '../../src/cron/quartz-next';
import { dayMatches, nextLocalMatch } from '../../src/cron/walk';
import { isValidTimeZone, localSeconds, zoneRules, zoneSpellingHint } from '../../src/cron/zone';

const FROM = new Date('2026-01-15T10:20:00Z'); // a Thursday
const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));
const isoS = (seconds: number[]) => iso(seconds.map((s) => new Date(s * 1000)));
const runs = (expression: string, dialect: Dialect, count = 3, timeZone = 'UTC', from = FROM) =>
  iso(explainCron(expression, { dialect, timeZone, from, count, notes: false }).nextRuns);
const errorOf = (expression: string, dialect: Dialect, timeZone = 'UTC') => explainCron(expression, { dialect, timeZone, from: FROM }).error;

/** The span of the i-th whitespace-separated field of `expression`, as the parsers report it. */
function span(expression: string, i: number): { start: number; end: number } {
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  for (let k = 0; (m = re.exec(expression)) !== null; k++) if (k === i) return { start: m.index, end: m.index + m[0].length };
  throw new Error(`no field ${i} in ${expression}`);
}

function fieldError(expression: string, i: number, field: CronError['field'], message: string): CronError {
  return { message, field, code: 'invalid-cron', ...span(expression, i) };
}

function wholeError(expression: string, message: string, start = 0): CronError {
  return { message, field: null, code: 'invalid-cron', start, end: expression.length };
}

// ---------------------------------------------------------------- Quartz (databricks)

describe('Quartz: what a number may be followed by (checkNext)', () => {
  const cases: Array<[string, string[], string]> = [
    // [expression, next runs from Thu 2026-01-15 10:20 UTC, why]
    ['0 0 12 1-5/2 * ?', ['2026-02-01T12:00:00Z', '2026-02-03T12:00:00Z', '2026-02-05T12:00:00Z'], 'range with a one-digit step: days 1, 3, 5'],
    ['0 0 12 1-20/10 * ?', ['2026-02-01T12:00:00Z', '2026-02-11T12:00:00Z', '2026-03-01T12:00:00Z'], 'range with a two-digit step: days 1, 11'],
    ['0 0 12 10-12 * ?', ['2026-02-10T12:00:00Z', '2026-02-11T12:00:00Z', '2026-02-12T12:00:00Z'], 'two-digit range end'],
    ['0 0 1-3 ? * *', ['2026-01-16T01:00:00Z', '2026-01-16T02:00:00Z', '2026-01-16T03:00:00Z'], 'one-digit range end at the end of the item'],
    ['0 0 1-5/4 ? * *', ['2026-01-16T01:00:00Z', '2026-01-16T05:00:00Z', '2026-01-17T01:00:00Z'], 'one-digit step at the end of the item'],
    ['0 5/20 * * * ?', ['2026-01-15T10:25:00Z', '2026-01-15T10:45:00Z', '2026-01-15T11:05:00Z'], 'N/step: N, N+step, ... up to 59'],
    ['0 10/25 * * * ?', ['2026-01-15T10:35:00Z', '2026-01-15T11:10:00Z', '2026-01-15T11:35:00Z'], 'two-digit start and step'],
    ['0 0/59 * * * ?', ['2026-01-15T10:59:00Z', '2026-01-15T11:00:00Z', '2026-01-15T11:59:00Z'], 'step 59 is the largest for minutes'],
    ['0 0 0/23 * * ?', ['2026-01-15T23:00:00Z', '2026-01-16T00:00:00Z', '2026-01-16T23:00:00Z'], 'step 23 is the largest for hours'],
    ['0 0 0 ? * 5L', ['2026-01-29T00:00:00Z', '2026-02-26T00:00:00Z', '2026-03-26T00:00:00Z'], '5L: last Thursday'],
    ['0 0 0 ? * 7L', ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', '2026-03-28T00:00:00Z'], '7L: last Saturday (7 is the top of the range)'],
    ['0 0 0 ? * 1L', ['2026-01-25T00:00:00Z', '2026-02-22T00:00:00Z', '2026-03-29T00:00:00Z'], '1L: last Sunday (1 is the bottom of the range)'],
    ['0 0 0 15W * ?', ['2026-02-16T00:00:00Z', '2026-03-16T00:00:00Z', '2026-04-15T00:00:00Z'], '15W: 15 Feb and 15 Mar 2026 are Sundays -> Monday'],
    // 31W: 31 Jan is a Saturday -> Fri 30; February has no 31st (3 Mar, a Tuesday, is outside it); 31 Mar is a Tuesday;
    // 31 Apr rolls to Fri 1 May (outside April); 31 May is a Sunday and the month's last day -> Fri 29.
    ['0 0 0 31W * ?', ['2026-01-30T00:00:00Z', '2026-03-31T00:00:00Z', '2026-05-29T00:00:00Z'], '31W'],
    ['0 0 0 ? * 2#3', ['2026-01-19T00:00:00Z', '2026-02-16T00:00:00Z', '2026-03-16T00:00:00Z'], '2#3: third Monday'],
    ['0 0 0 ? * 2#5', ['2026-03-30T00:00:00Z', '2026-06-29T00:00:00Z', '2026-08-31T00:00:00Z'], '2#5: fifth Monday, only in months that have one'],
  ];
  for (const [expression, expected, why] of cases) it(`${expression} (${why})`, () => assert.deepEqual(runs(expression, 'databricks'), expected));
});

describe('Quartz: wrap-around ranges and names', () => {
  const cases: Array<[string, string[], number]> = [
    // Quartz 2.3 reads a backwards range as wrapping past the field's top.
    ['0 0 22-1 * * ?', ['2026-01-15T22:00:00Z', '2026-01-15T23:00:00Z', '2026-01-16T00:00:00Z', '2026-01-16T01:00:00Z', '2026-01-16T22:00:00Z'], 5],
    ['0 58-1 10 * * ?', ['2026-01-15T10:58:00Z', '2026-01-15T10:59:00Z', '2026-01-16T10:00:00Z', '2026-01-16T10:01:00Z', '2026-01-16T10:58:00Z'], 5],
    // Friday (6) to Monday (2): Fri 16, Sat 17 (7 % 7 = 0 is read as 7), Sun 18, Mon 19, Fri 23.
    ['0 0 0 ? * 6-2', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z', '2026-01-19T00:00:00Z', '2026-01-23T00:00:00Z'], 5],
    // November to February: 12 % 12 = 0 is read as December.
    ['0 0 0 1 11-2 ?', ['2026-02-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'], 5],
    // Days 30 to 2: 31 % 31 = 0 is read as the 31st.
    ['0 0 0 30-2 * ?', ['2026-01-30T00:00:00Z', '2026-01-31T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z', '2026-03-01T00:00:00Z'], 5],
    ['0 0 0 1 JAN-MAR ?', ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z'], 3],
    ['0 0 0 1 nov,Dec ?', ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', '2027-11-01T00:00:00Z'], 3],
    ['0 0 0 ? * MON-WED', ['2026-01-19T00:00:00Z', '2026-01-20T00:00:00Z', '2026-01-21T00:00:00Z'], 3],
    ['0 0 0 ? * MONDAY', ['2026-01-19T00:00:00Z', '2026-01-26T00:00:00Z', '2026-02-02T00:00:00Z'], 3],
    ['0 0 0 ? * MON#2', ['2026-02-09T00:00:00Z', '2026-03-09T00:00:00Z', '2026-04-13T00:00:00Z'], 3],
    ['0 0 0 ? * FRIL', ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z', '2026-03-27T00:00:00Z'], 3],
    ['0 0 0 ? * L', ['2026-01-17T00:00:00Z', '2026-01-24T00:00:00Z', '2026-01-31T00:00:00Z'], 3],
    ['0 0 0 L-3 * ?', ['2026-01-28T00:00:00Z', '2026-02-25T00:00:00Z', '2026-03-28T00:00:00Z'], 3],
    ['0 0 0 L-30 * ?', ['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', '2026-07-01T00:00:00Z'], 3],
    // LW: 31 Jan 2026 is a Saturday -> Fri 30; 28 Feb a Saturday -> Fri 27; 31 Mar a Tuesday.
    ['0 0 0 LW * ?', ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z', '2026-03-31T00:00:00Z'], 3],
    ['0 0 0 */10 * ?', ['2026-01-21T00:00:00Z', '2026-01-31T00:00:00Z', '2026-02-01T00:00:00Z'], 3],
    ['0 /20 * * * ?', ['2026-01-15T10:40:00Z', '2026-01-15T11:00:00Z', '2026-01-15T11:20:00Z'], 3],
    ['0 0 0 1 1 ? 2030', ['2030-01-01T00:00:00Z'], 3],
    ['0 0 0 1 1 ? 2028-2029', ['2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z'], 3],
    ['0 0 0 1 1 ? 2026/2', ['2028-01-01T00:00:00Z', '2030-01-01T00:00:00Z', '2032-01-01T00:00:00Z'], 3],
    ['59 59 23 31 12 ? 2026', ['2026-12-31T23:59:59Z'], 3],
    // Quartz 2.3 stops reading an item after its range and step: what follows is ignored.
    ['0 0 1-5/2X ? * *', ['2026-01-16T01:00:00Z', '2026-01-16T03:00:00Z', '2026-01-16T05:00:00Z'], 3],
    ['0 0 1-5X ? * *', ['2026-01-16T01:00:00Z', '2026-01-16T02:00:00Z', '2026-01-16T03:00:00Z'], 3],
  ];
  for (const [expression, expected, count] of cases) it(expression, () => assert.deepEqual(runs(expression, 'databricks', count), expected));
});

describe('Quartz: walks that cross a year, and the 100-year horizon', () => {
  const q = (expression: string, from: string, count = 2) => runs(expression, 'databricks', count, 'UTC', new Date(from));
  it('L-3 after the 28th of December is 28 January (31 - 3) of the next year, then 25 February', () => {
    assert.deepEqual(q('0 0 0 L-3 * ?', '2026-12-29T00:00:00Z'), ['2027-01-28T00:00:00Z', '2027-02-25T00:00:00Z']);
  });
  it('1W when the 1st is a Saturday is Monday the 3rd (1 Aug 2026); 1 Sep 2026 is a Tuesday', () => {
    assert.deepEqual(q('0 0 0 1W * ?', '2026-07-15T00:00:00Z'), ['2026-08-03T00:00:00Z', '2026-09-01T00:00:00Z']);
  });
  it('LW in December rolls into the next year', () => {
    // 31 Dec 2026 is a Thursday; 31 Jan 2027 a Sunday -> Fri 29.
    assert.deepEqual(q('0 0 0 LW * ?', '2026-12-31T00:00:01Z'), ['2027-01-29T00:00:00Z', '2027-02-26T00:00:00Z']);
  });
  it('no run more than 100 years after the current year', () => {
    const sets = parseQuartz('0 0 0 1 1 ?', 0, 2026).sets;
    const next = (from: string) => quartzNext(sets, zoneRules('UTC'), Date.parse(from) / 1000);
    assert.equal(next('2125-06-01T00:00:00Z'), Date.parse('2126-01-01T00:00:00Z') / 1000);
    assert.equal(next('2126-06-01T00:00:00Z'), null);
  });
});

describe('Quartz 2.3 rejects these (exact message, field and span)', () => {
  const cases: Array<[string, number, CronError['field'], string]> = [
    ['60 0 0 ? * *', 0, 'second', 'second: 60: seconds must be 0-59'],
    ['0 60 0 ? * *', 1, 'minute', 'minute: 60: minutes must be 0-59'],
    ['0 0 24 ? * *', 2, 'hour', 'hour: 24: hours must be 0-23'],
    ['0 0 0 0 * ?', 3, 'dayOfMonth', 'dayOfMonth: 0: days of month must be 1-31'],
    ['0 0 0 32 * ?', 3, 'dayOfMonth', 'dayOfMonth: 32: days of month must be 1-31'],
    ['0 0 0 1-32 * ?', 3, 'dayOfMonth', 'dayOfMonth: 1-32: days of month must be 1-31'],
    ['0 0 0 1 0 ?', 4, 'month', 'month: 0: months must be 1-12 (or JAN-DEC)'],
    ['0 0 0 1 13 ?', 4, 'month', 'month: 13: months must be 1-12 (or JAN-DEC)'],
    ['0 0 0 ? * 0', 5, 'dayOfWeek', 'dayOfWeek: 0: days of week must be 1-7 (1 = Sunday; or SUN-SAT)'],
    ['0 0 0 ? * 8', 5, 'dayOfWeek', 'dayOfWeek: 8: days of week must be 1-7 (1 = Sunday; or SUN-SAT)'],
    ['0 0 0 ? * 1-8', 5, 'dayOfWeek', 'dayOfWeek: 1-8: days of week must be 1-7 (1 = Sunday; or SUN-SAT)'],
    ['0 0 0 ? * 8L', 5, 'dayOfWeek', 'dayOfWeek: 8: days of week must be 1-7 (1 = Sunday; or SUN-SAT)'],
    ['0 0 0 ? * 0L', 5, 'dayOfWeek', 'dayOfWeek: 0: days of week must be 1-7 (1 = Sunday; or SUN-SAT)'],
    ['0 0 5L * * ?', 2, 'hour', 'hour: "L" after a number is only valid in day of week ("5L")'],
    ['0 0 5W * * ?', 2, 'hour', 'hour: "W" is only valid in day of month ("5W")'],
    ['0 0 0 32W * ?', 3, 'dayOfMonth', 'dayOfMonth: 32W: days of month must be 1-31'],
    ['0 0 5#2 * * ?', 2, 'hour', 'hour: "#" is only valid in day of week ("5#2")'],
    ['0 0 0 ? * 2#0', 5, 'dayOfWeek', 'dayOfWeek: "#" must be followed by a week number 1-5 ("2#0")'],
    ['0 0 0 ? * 2#6', 5, 'dayOfWeek', 'dayOfWeek: "#" must be followed by a week number 1-5 ("2#6")'],
    ['0 0 0 ? * 2#X', 5, 'dayOfWeek', 'dayOfWeek: "#" must be followed by a week number 1-5 ("2#X")'],
    ['0 0 0 ? * MON#6', 5, 'dayOfWeek', 'dayOfWeek: "#" must be followed by a week number 1-5 ("MON#6")'],
    ['0 0 0 ? * MON#0', 5, 'dayOfWeek', 'dayOfWeek: "#" must be followed by a week number 1-5 ("MON#0")'],
    ['0 0 0 ? * 2#1,3#2', 5, 'dayOfWeek', 'dayOfWeek: only one "#" is allowed'],
    ['0 0 0 L,5 * ?', 3, 'dayOfMonth', 'dayOfMonth: "L" and "LW" cannot be combined with other days of the month'],
    ['0 0 0 ? * 5L,3', 5, 'dayOfWeek', 'dayOfWeek: "L" cannot be combined with other days of the week'],
    ['0 0 1- ? * *', 2, 'hour', 'hour: "1-": expected a digit at position 3'],
    ['0 0 1-X ? * *', 2, 'hour', 'hour: "1-X": expected a digit at position 3'],
    ['0 0 1-5/ ? * *', 2, 'hour', 'hour: "1-5/": expected a digit at position 5'],
    ['0 0/ * ? * *', 1, 'minute', 'minute: "/" must be followed by a number ("0/")'],
    ['0 0/5X * ? * *', 1, 'minute', 'minute: unexpected "X" after "/" ("0/5X")'],
    ['0 0/60 * ? * *', 1, 'minute', 'minute: step 60 is larger than the field allows (59)'],
    ['0 0 0/24 ? * *', 2, 'hour', 'hour: step 24 is larger than the field allows (23)'],
    ['0 10/60 * ? * *', 1, 'minute', 'minute: step 60 is larger than the field allows (59)'],
    ['0 / * ? * *', 1, 'minute', 'minute: "/" must be followed by a number'],
    ['0 */ * ? * *', 1, 'minute', 'minute: "/" must be followed by a number ("*/")'],
    ['0 */X * ? * *', 1, 'minute', 'minute: step "X" is not a number'],
    ['0 */60 * ? * *', 1, 'minute', 'minute: step 60 is larger than the field allows (59)'],
    ['0 0 0 1 JA ?', 4, 'month', 'month: "JA" is not a valid name'],
    ['0 0 0 1 FOO ?', 4, 'month', 'month: "FOO" is not a month name (JAN-DEC)'],
    ['0 0 0 1 JAN-FE ?', 4, 'month', 'month: "JAN-FE": expected a month name after "-"'],
    ['0 0 0 1 JAN-FOO ?', 4, 'month', 'month: "FOO" is not a month name (JAN-DEC)'],
    ['0 0 0 1 MON ?', 4, 'month', 'month: "MON" is not a month name (JAN-DEC)'],
    ['0 0 0 ? * XYZ', 5, 'dayOfWeek', 'dayOfWeek: "XYZ" is not a day name (SUN-SAT)'],
    ['0 0 0 ? * MON-FR', 5, 'dayOfWeek', 'dayOfWeek: "MON-FR": expected a day name after "-"'],
    ['0 0 0 ? * MON-XYZ', 5, 'dayOfWeek', 'dayOfWeek: "XYZ" is not a day name (SUN-SAT)'],
    ['0 0 0 ? JAN-XYZ *', 4, 'month', 'month: "XYZ" is not a month name (JAN-DEC)'],
    ['0 0 0 MON * ?', 3, 'dayOfMonth', 'dayOfMonth: "MON": names are not allowed here'],
    ['0 0 ? * * *', 2, 'hour', 'hour: "?" is only allowed in day of month or day of week'],
    ['0 0 0 ??? * 1', 3, 'dayOfMonth', 'dayOfMonth: unexpected "?" after "?"'],
    ['0 0 0 ? * ?', 5, 'dayOfWeek', 'dayOfWeek: "?" can be used in day of month or day of week, not both'],
    ['0 0 L * * ?', 2, 'hour', 'hour: "L" is only valid in day of month or day of week'],
    ['0 0 0 L-31 * ?', 3, 'dayOfMonth', 'dayOfMonth: L-31: the offset from the last day must be at most 30'],
    ['0 0 0 ? * $', 5, 'dayOfWeek', 'dayOfWeek: unexpected character "$"'],
    ['0 0 0 1 1 ? 2030-2028', 6, 'year', 'year: a year range must not run backwards'],
    ['0 0 0 1 1 ? 99999999999', 6, 'year', 'year: "99999999999" is not a valid number'],
    ['0 0 0 1 * 2', 5, 'dayOfWeek', 'dayOfWeek: Quartz needs "?" in day of month or in day of week (for example "0 0 12 ? * MON" or "0 0 12 1 * ?")'],
  ];
  for (const [expression, i, field, message] of cases) {
    it(expression, () => assert.deepEqual(errorOf(expression, 'databricks'), fieldError(expression, i, field, message)));
  }
  it('fewer than 6 fields', () => {
    const expression = '0 0 0 * *';
    assert.deepEqual(errorOf(expression, 'databricks'), wholeError(expression, 'expected 6 or 7 fields, got 5 (second minute hour day-of-month month day-of-week [year])'));
  });
});

// ---------------------------------------------------------------- croniter (airflow)

describe('croniter 7.0: expansion and next runs', () => {
  const cr = (expression: string, count = 3, from = FROM) => isoS(croniterRuns(parseCroniter(expression, 0), zoneRules('UTC'), from.getTime() / 1000, count));
  const cases: Array<[string, string[], string]> = [
    // croniter: a backwards range wraps; with a step, the wrap continues from the bottom of the range.
    ['0 22-2/2 * * *', ['2026-01-15T22:00:00Z', '2026-01-16T00:00:00Z', '2026-01-16T02:00:00Z'], '22, then 0 and 2'],
    // croniter's to_skip: 23 is last before the top, the next value past the top is 23+2-24 = 1, but croniter starts at min + (step - 0) = 2.
    ['0 23-3/2 * * *', ['2026-01-15T23:00:00Z', '2026-01-16T02:00:00Z', '2026-01-16T23:00:00Z'], '23, then 2'],
    ['0 0 30-2 * *', ['2026-01-30T00:00:00Z', '2026-01-31T00:00:00Z', '2026-02-01T00:00:00Z'], 'days 30, 31, 1, 2'],
    ['59/15 * * * *', ['2026-01-15T10:59:00Z', '2026-01-15T11:59:00Z', '2026-01-15T12:59:00Z'], 'croniter 7.0: N/step with nothing past N in range is just N'],
    ['5/20 * * * *', ['2026-01-15T10:25:00Z', '2026-01-15T10:45:00Z', '2026-01-15T11:05:00Z'], 'N/step = N-59/step'],
    ['0 0 ? * 1', ['2026-01-19T00:00:00Z', '2026-01-26T00:00:00Z', '2026-02-02T00:00:00Z'], '"?" is "*"'],
    ['0 0 * * 7', ['2026-01-18T00:00:00Z', '2026-01-25T00:00:00Z', '2026-02-01T00:00:00Z'], '7 is Sunday'],
    ['0 0 * * 5-7', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], '5-7: Friday to Sunday'],
    ['0 0 l * *', ['2026-01-31T00:00:00Z', '2026-02-28T00:00:00Z', '2026-03-31T00:00:00Z'], 'L: last day of the month'],
    ['0 0 28-l 2 *', ['2026-02-28T00:00:00Z', '2027-02-28T00:00:00Z', '2028-02-28T00:00:00Z'], '28-L in February'],
    ['0 0 * * l5', ['2026-01-30T00:00:00Z', '2026-02-27T00:00:00Z', '2026-03-27T00:00:00Z'], 'L5: last Friday'],
    ['0 0 * * mon-tue#1', ['2026-02-02T00:00:00Z', '2026-02-03T00:00:00Z', '2026-03-02T00:00:00Z'], 'a named range with #: first Monday and first Tuesday'],
    ['0 0 * * 1#5', ['2026-03-30T00:00:00Z', '2026-06-29T00:00:00Z', '2026-08-31T00:00:00Z'], 'fifth Monday'],
    ['0 0 * jan-mar *', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], 'month names'],
    ['0 0 13 * 5', ['2026-01-16T00:00:00Z', '2026-01-23T00:00:00Z', '2026-01-30T00:00:00Z'], 'day of month OR day of week'],
    ['0 0 31 2 1', ['2026-02-02T00:00:00Z', '2026-02-09T00:00:00Z', '2026-02-16T00:00:00Z'], 'croniter 7.0: 31 February never comes; the Mondays of February win'],
    ['0 0 * * * 30', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'].map((s) => s.replace(':00Z', ':30Z')), 'six fields: seconds last'],
    ['0 0 * * * 0-59/20', ['2026-01-16T00:00:00Z', '2026-01-16T00:00:20Z', '2026-01-16T00:00:40Z'], 'seconds 0, 20, 40'],
    ['0 0 1 1 * 0 2030', ['2030-01-01T00:00:00Z'], 'seven fields: a year'],
    ['0 0 1 1 * 0 2027-2028', ['2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z'], 'a range of years'],
    // A day field that lists every value is kept as a list when the other day field is set: day OR
    // day runs every day (as in cron: the field does not start with "*").
    ['0 0 13 * 0-6', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], 'all weekdays listed, OR the 13th'],
    ['0 0 1-31 * 1', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], 'all days listed, OR Mondays'],
    ['0 0 1-31 * *', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], 'all days listed, day of week *'],
  ];
  for (const [expression, expected, why] of cases) it(`${expression} (${why})`, () => assert.deepEqual(cr(expression), expected));
  it('the airflow dialect orders a six-field expression seconds first for its words and warns on day OR', () => {
    const r = explainCron('0 12 13 * 5 30', { dialect: 'airflow', from: FROM, count: 2, notes: false });
    assert.deepEqual(
      { valid: r.valid, description: r.description, codes: r.warnings.map((w) => w.code), runs: iso(r.nextRuns) },
      { valid: true, description: 'At 12:00:30, on day 13 of the month, and on Friday', codes: ['day-or-semantics'], runs: ['2026-01-16T12:00:30Z', '2026-01-23T12:00:30Z'] },
    );
  });
});

describe('croniter 7.0 rejects these (exact message, field and span)', () => {
  const cases: Array<[string, number, CronError['field'], string]> = [
    ['H * * * *', 0, 'minute', 'minute: "H" needs a hash id, which Airflow does not pass'],
    ['0 H(0-5) * * *', 1, 'hour', 'hour: "H" needs a hash id, which Airflow does not pass'],
    ['R * * * *', 0, 'minute', 'minute: "R" (random) is not supported here'],
    ['0 0 ?1 * *', 2, 'dayOfMonth', 'dayOfMonth: "?" cannot be combined with other characters'],
    ['? 0 * * *', 0, 'minute', 'minute: "?" is only allowed in day-of-month or day-of-week'],
    ['0 0 * ? *', 3, 'month', 'month: "?" is only allowed in day-of-month or day-of-week'],
    ['0 0 * * 1#6', 4, 'dayOfWeek', 'dayOfWeek: #6: the week number must be 1-5'],
    ['0 0 * * 1#0', 4, 'dayOfWeek', 'dayOfWeek: #0: the week number must be 1-5'],
    ['0 0 * * 1#2,3', 4, 'dayOfWeek', 'dayOfWeek: croniter does not support mixing plain days with "#" days'],
    ['-1 * * * *', 0, 'minute', 'minute: negative number -1 is not allowed'],
    ['x 0 * * *', 0, 'minute', 'minute: "x" is not a number'],
    ['0 0 * foo *', 3, 'month', 'month: "foo" is not a number or a month name (jan-dec)'],
    ['0 0 * * foo', 4, 'dayOfWeek', 'dayOfWeek: "foo" is not a number or a day name (sun-sat)'],
    ['0 0 * * mon-foo', 4, 'dayOfWeek', 'dayOfWeek: "foo" is not a number or a day name (sun-sat)'],
    ['0 0 0 * *', 2, 'dayOfMonth', 'dayOfMonth: 0 is out of range 1-31'],
    ['0 0 32 * *', 2, 'dayOfMonth', 'dayOfMonth: 32 is out of range 1-31'],
    ['0 0 * 13 *', 3, 'month', 'month: 13 is out of range 1-12'],
    ['0 0 * * 8', 4, 'dayOfWeek', 'dayOfWeek: 8 is out of range 0-6'],
    ['0 0 * * 5-8', 4, 'dayOfWeek', 'dayOfWeek: 8 is out of range 0-6'],
    ['0 24 * * *', 1, 'hour', 'hour: 24 is out of range 0-23'],
    ['0 0-24 * * *', 1, 'hour', 'hour: 24 is out of range 0-23'],
    ['*/0 * * * *', 0, 'minute', 'minute: step 0 is not allowed'],
    ['0 0 * * * 60', 5, 'second', 'second: 60 is out of range 0-59'],
    ['0 0 1 1 * 0 2100', 6, 'year', 'year: 2100 is out of range 1970-2099'],
    ['0 0 1 1 * 0 1969', 6, 'year', 'year: 1969 is out of range 1970-2099'],
  ];
  for (const [expression, i, field, message] of cases) {
    it(expression, () => assert.deepEqual(errorOf(expression, 'airflow'), fieldError(expression, i, field, message)));
  }
  it('4 or 8 fields', () => {
    for (const expression of ['* * * *', '0 0 1 1 * 0 2030 1']) {
      const n = expression.split(' ').length;
      assert.deepEqual(
        errorOf(expression, 'airflow'),
        wholeError(expression, `expected 5 fields, got ${n} (minute hour day-of-month month day-of-week; croniter also takes 6 with seconds last, or 7 with a year)`),
      );
    }
  });
  it('@once and @continuous have no runs and no never-runs warning', () => {
    const once = explainCron('@once', { dialect: 'airflow', from: FROM });
    const continuous = explainCron('@continuous', { dialect: 'airflow', from: FROM });
    assert.deepEqual(
      [once, continuous].map((r) => ({ valid: r.valid, description: r.description, nextRuns: r.nextRuns, warnings: r.warnings, notes: r.notes })),
      [
        { valid: true, description: 'Once, at the start date', nextRuns: [], warnings: [], notes: undefined },
        { valid: true, description: 'Continuously: a new run starts as soon as the previous one ends', nextRuns: [], warnings: [], notes: undefined },
      ],
    );
  });
});

// ---------------------------------------------------------------- Vixie cron (standard, github, vertex)

describe('Vixie cron: runs and rejections of the POSIX parser', () => {
  const cases: Array<[string, string[], string]> = [
    // `*` in day of week runs 0-6 (7 is Sunday again): */2 is Sunday, Tuesday, Thursday, Saturday.
    ['0 0 * * */2', ['2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z', '2026-01-20T00:00:00Z'], 'weekday step'],
    ['0 0 * * 5-7', ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], '7 is Sunday inside a range'],
    ['0 0 * jan-feb sun', ['2026-01-18T00:00:00Z', '2026-01-25T00:00:00Z', '2026-02-01T00:00:00Z'], 'names'],
    ['0 0 1-10/3 * *', ['2026-02-01T00:00:00Z', '2026-02-04T00:00:00Z', '2026-02-07T00:00:00Z'], 'range with a step'],
  ];
  for (const [expression, expected, why] of cases) it(`${expression} (${why})`, () => assert.deepEqual(runs(expression, 'standard'), expected));
  const errors: Array<[string, number, CronError['field'], string]> = [
    ['0 0 * * ?', 4, 'dayOfWeek', 'dayOfWeek: "?" is Quartz syntax; use "*" in standard cron'],
    ['0 0 1,,2 * *', 2, 'dayOfMonth', 'dayOfMonth: "1,,2" has an empty list item'],
    ['*/5/2 * * * *', 0, 'minute', 'minute: "*/5/2" has more than one "/"'],
    ['1-2-3 * * * *', 0, 'minute', 'minute: "1-2-3" has more than one "-"'],
    ['5/15 * * * *', 0, 'minute', 'minute: "5/15": a step needs a range, such as */15 or 5-59/15'],
    ['5-1 * * * *', 0, 'minute', 'minute: range 5-1 runs backwards'],
    ['*/x * * * *', 0, 'minute', 'minute: step "x" is not a number'],
    ['*/0 * * * *', 0, 'minute', 'minute: step 0 is not allowed'],
    ['1- * * * *', 0, 'minute', 'minute: "1-" has an empty value'],
    ['0 0 L * *', 2, 'dayOfMonth', 'dayOfMonth: "L": L, W and # are Quartz syntax, not standard cron'],
    ['0 0 * * 1#2', 4, 'dayOfWeek', 'dayOfWeek: "1#2": L, W and # are Quartz syntax, not standard cron'],
    ['0 0 * foo *', 3, 'month', 'month: "foo" is not a number or a name (jan, feb, mar, ...)'],
    ['0 0 * * foo', 4, 'dayOfWeek', 'dayOfWeek: "foo" is not a number or a name (sun, mon, tue, ...)'],
    ['x * * * *', 0, 'minute', 'minute: "x" is not a number'],
    ['0 0 * 0-12 *', 3, 'month', 'month: 0 is out of range 1-12'],
  ];
  for (const [expression, i, field, message] of errors) {
    it(`rejects ${expression}`, () => assert.deepEqual(errorOf(expression, 'standard'), fieldError(expression, i, field, message)));
  }
  it('rejects 4 fields, an unknown preset and a preset on Vertex AI', () => {
    assert.deepEqual(errorOf('* * * *', 'standard'), wholeError('* * * *', 'expected 5 fields, got 4 (minute hour day-of-month month day-of-week)'));
    assert.deepEqual(errorOf(' @Daily', 'standard'), { message: 'unknown preset "@Daily" (use @yearly, @monthly, @weekly, @daily or @hourly)', field: null, code: 'invalid-cron', start: 1, end: 7 });
    assert.deepEqual(errorOf('@daily', 'vertex'), { message: 'unknown preset "@daily"; Vertex AI needs 5 fields', field: null, code: 'invalid-cron', start: 0, end: 6 });
    assert.deepEqual(errorOf('@daily', 'github'), { message: 'unknown preset "@daily"; GitHub Actions needs 5 fields', field: null, code: 'invalid-cron', start: 0, end: 6 });
  });
});

describe('GitHub Actions: the 5-minute warning', () => {
  const frequent = (expression: string) => explainCron(expression, { dialect: 'github', from: FROM, notes: false }).warnings.some((w) => w.code === 'too-frequent');
  const cases: Array<[string, boolean]> = [
    ['*/4 * * * *', true],
    ['*/5 * * * *', false],
    ['0,4 * * * *', true],
    ['0,5 * * * *', false],
    ['0,56 * * * *', true], // 56 then 0 of the next hour: 4 minutes
    ['0,55 * * * *', false],
    ['0,4 9 * * *', true],
    ['0 * * * *', false],
    ['0 9 * * *', false],
    ['0,59 9 * * *', false], // 09:00 and 09:59 only: 59 minutes apart, then a day
    ['0,59 9,10 * * *', true], // 09:59 then 10:00
    ['58 23,0 * * *', false], // 23:58 then 00:58
    ['0,58 23,0 * * *', true], // 23:58 then 00:00
  ];
  for (const [expression, expected] of cases) it(`${expression}: ${expected ? 'warns' : 'no warning'}`, () => assert.equal(frequent(expression), expected));
  it('the warning text', () => {
    assert.deepEqual(explainCron('*/4 * * * *', { dialect: 'github', from: FROM, notes: false }).warnings, [
      { code: 'too-frequent', severity: 'warning', message: 'GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often.' },
    ]);
  });
});

// ---------------------------------------------------------------- robfig (kubernetes, kubeflow)

describe('robfig/cron v3: runs and rejections', () => {
  const cases: Array<[string, string[], number, string]> = [
    ['5/15 * * * *', ['2026-01-15T10:35:00Z', '2026-01-15T10:50:00Z', '2026-01-15T11:05:00Z'], 3, 'N/step is N-max/step'],
    // */1 keeps the star bit: day of month and day of week must both match (Mondays only).
    ['0 0 */1 * 1', ['2026-01-19T00:00:00Z', '2026-01-26T00:00:00Z', '2026-02-02T00:00:00Z'], 3, '*/1 counts as a star'],
    // */2 clears it: odd days OR Mondays.
    ['0 0 */2 * 1', ['2026-01-17T00:00:00Z', '2026-01-19T00:00:00Z', '2026-01-21T00:00:00Z', '2026-01-23T00:00:00Z', '2026-01-25T00:00:00Z', '2026-01-26T00:00:00Z'], 6, '*/2 does not'],
    ['0 0 ? * 1', ['2026-01-19T00:00:00Z', '2026-01-26T00:00:00Z', '2026-02-02T00:00:00Z'], 3, '? is a star'],
    ['+5 * * * *', ['2026-01-15T11:05:00Z', '2026-01-15T12:05:00Z', '2026-01-15T13:05:00Z'], 3, 'Go Atoi takes a plus sign'],
    ['0 0 1,,15 * *', ['2026-02-01T00:00:00Z', '2026-02-15T00:00:00Z', '2026-03-01T00:00:00Z'], 3, 'empty list items are dropped'],
  ];
  for (const [expression, expected, count, why] of cases) {
    it(`${expression} (${why})`, () => assert.deepEqual(runs(expression, 'kubernetes', count), expected));
  }
  it('an all-comma field is valid and never runs', () => {
    const r = explainCron('0 0 , * *', { dialect: 'kubernetes', timeZone: 'UTC', from: FROM });
    assert.deepEqual(
      { valid: r.valid, nextRuns: r.nextRuns, warnings: r.warnings },
      { valid: true, nextRuns: [], warnings: [{ code: 'never-runs', severity: 'warning', message: 'Kubernetes accepts this expression, but it never runs (within the next 5 years).' }] },
    );
  });
  const errors: Array<[string, number, CronError['field'], string]> = [
    ['1/2/3 * * * *', 0, 'minute', 'minute: "1/2/3" has too many slashes'],
    ['1-2-3 * * * *', 0, 'minute', 'minute: "1-2-3" has too many hyphens'],
    ['99999999999999999999 * * * *', 0, 'minute', 'minute: 99999999999999999999 is out of range 0-59'],
    ['-1 * * * *', 0, 'minute', 'minute: an empty value is not a number'],
    ['60 * * * *', 0, 'minute', 'minute: 60 is out of range 0-59'],
    ['0-60 * * * *', 0, 'minute', 'minute: 60 is out of range 0-59'],
    ['0 0 * * 7', 4, 'dayOfWeek', 'dayOfWeek: 7 is out of range 0-6'],
    ['0 0 * * sat-sun', 4, 'dayOfWeek', 'dayOfWeek: range 6-0 runs backwards'],
    ['5-3 * * * *', 0, 'minute', 'minute: range 5-3 runs backwards'],
    ['*/0 * * * *', 0, 'minute', 'minute: step 0 is not allowed'],
    ['*/-1 * * * *', 0, 'minute', 'minute: negative number -1 is not allowed'],
    ['0 0 * foo *', 3, 'month', 'month: "foo" is not a number or a name'],
    ['x * * * *', 0, 'minute', 'minute: "x" is not a number'],
    ['0 0 0 * *', 2, 'dayOfMonth', 'dayOfMonth: 0 is out of range 1-31'],
    ['0 0 * 0 *', 3, 'month', 'month: 0 is out of range 1-12'],
    ['0 0 * 13 *', 3, 'month', 'month: 13 is out of range 1-12'],
  ];
  for (const [expression, i, field, message] of errors) {
    it(`rejects ${expression}`, () => assert.deepEqual(errorOf(expression, 'kubernetes'), fieldError(expression, i, field, message)));
  }
  it('rejects a wrong field count', () => {
    assert.deepEqual(errorOf('0 0 * * * *', 'kubernetes'), wholeError('0 0 * * * *', 'expected 5 fields, got 6 (minute hour day-of-month month day-of-week)'));
    assert.deepEqual(errorOf('0 0 * *', 'kubeflow'), wholeError('0 0 * *', 'expected 5 or 6 fields, got 4 (second minute hour day-of-month month [day-of-week])'));
    assert.deepEqual(errorOf('0 0 0 * * * *', 'kubeflow'), wholeError('0 0 0 * * * *', 'expected 5 or 6 fields, got 7 (second minute hour day-of-month month [day-of-week])'));
  });
  it('@every: Go durations, rounded down to the second, at least one second', () => {
    const every = (expression: string) => {
      const r = explainCron(expression, { dialect: 'kubernetes', timeZone: 'UTC', from: FROM, count: 2 });
      return [r.description, ...iso(r.nextRuns)];
    };
    assert.deepEqual(every('@every 1h30m'), ['Every 1 hour 30 minutes', '2026-01-15T11:50:00Z', '2026-01-15T13:20:00Z']);
    assert.deepEqual(every('@every 1.5h'), ['Every 1 hour 30 minutes', '2026-01-15T11:50:00Z', '2026-01-15T13:20:00Z']);
    assert.deepEqual(every('@every .5m'), ['Every 30 seconds', '2026-01-15T10:20:30Z', '2026-01-15T10:21:00Z']);
    assert.deepEqual(every('@every 90s'), ['Every 1 minute 30 seconds', '2026-01-15T10:21:30Z', '2026-01-15T10:23:00Z']);
    assert.deepEqual(every('@every 2.9s'), ['Every 2 seconds', '2026-01-15T10:20:02Z', '2026-01-15T10:20:04Z']);
    for (const tiny of ['@every 500ms', '@every 0', '@every -5s', '@every 999999us', '@every 1s']) {
      assert.deepEqual(every(tiny), ['Every second', '2026-01-15T10:20:01Z', '2026-01-15T10:20:02Z'], tiny);
    }
    // Go's largest duration is 2562047h47m16.854775807s.
    assert.deepEqual(every('@every 2562047h').slice(0, 1), ['Every 106751 days 23 hours']);
    for (const bad of ['@every x', '@every 1d', '@every 2562048h', '@every ']) {
      assert.deepEqual(errorOf(bad, 'kubernetes'), wholeError(bad, `@every: ${JSON.stringify(bad.slice(7))} is not a duration (use for example 1h30m, 90s)`), bad);
    }
    assert.deepEqual(errorOf('@foo bar', 'kubernetes'), wholeError('@foo bar', 'unknown preset "@foo" (use @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>)'));
  });
});

// ---------------------------------------------------------------- intervals

describe('interval schedules: fractions, boundaries and the phase-keeping cron', () => {
  it('describeInterval', () => {
    const words: Array<[number, string]> = [
      [0.001, 'every 0.001 seconds'],
      [1.5, 'every 1.5 seconds'],
      [59.5, 'every 59.5 seconds'],
      [90.5, 'every 1 minute 30.5 seconds'],
      [3600.25, 'every 1 hour 0.25 seconds'],
      [90061.5, 'every 1 day 1 hour 1 minute 1.5 seconds'],
      // The remainder keeps the decimals written, not the float error of the subtraction (0.100000000006).
      [172860.1, 'every 2 days 1 minute 0.1 seconds'],
      [86400.123456789, 'every 1 day 0.123456789 seconds'],
      [60.000001, 'every 1 minute 0.000001 seconds'],
      [1e-7, 'every 1e-7 seconds'],
      [1, 'every second'],
      [2, 'every 2 seconds'],
      [61, 'every 1 minute 1 second'],
      [3661, 'every 1 hour 1 minute 1 second'],
      [7200, 'every 2 hours'],
      [90000, 'every 1 day 1 hour'],
      [1209600, 'every 2 weeks'],
      [604801, 'every 7 days 1 second'],
      [0, 'never (the interval must be a positive number of seconds)'],
      [-60, 'never (the interval must be a positive number of seconds)'],
      [Number.NaN, 'never (the interval must be a positive number of seconds)'],
      [Number.POSITIVE_INFINITY, 'never (the interval must be a positive number of seconds)'],
    ];
    assert.deepEqual(words.map(([s]) => describeInterval(s)), words.map(([, w]) => w));
  });
  it('intervalToCron at its boundaries', () => {
    const crons: Array<[number, string | null]> = [
      [120, '*/2 * * * *'],
      [2400, null], // 40 minutes do not divide an hour
      [3540, null],
      [10800, '0 */3 * * *'],
      [43200, '0 */12 * * *'],
      [36000, null], // 10 hours do not divide a day
      [82800, null],
      [5400, null],
      [30, null],
      [60.5, null],
      [-60, null],
      [0, null],
      [604800, null],
    ];
    assert.deepEqual(crons.map(([s]) => intervalToCron(s)), crons.map(([, c]) => c));
  });
  it('intervalToCronFromStart keeps the start phase (UTC)', () => {
    const at = (t: string) => new Date(`2026-01-01T${t}Z`); // 1 January 2026 is a Thursday
    const cases: Array<[number, Date, string | null]> = [
      [7200, at('01:30:00'), '30 1-23/2 * * *'],
      [7200, at('00:30:00'), '30 */2 * * *'],
      [28800, at('02:00:00'), '0 2,10,18 * * *'],
      [21600, at('05:15:00'), '15 5,11,17,23 * * *'],
      [10800, at('01:00:00'), '0 1-23/3 * * *'],
      [3600, at('09:30:00'), '30 * * * *'],
      [1800, at('09:10:00'), '10,40 * * * *'],
      [1200, at('00:05:00'), '5,25,45 * * * *'],
      [900, at('00:07:00'), '7,22,37,52 * * * *'],
      [300, at('00:02:00'), '2-59/5 * * * *'],
      [900, at('00:00:00'), '*/15 * * * *'],
      [60, at('00:00:00'), '* * * * *'],
      [86400, at('09:30:00'), '30 9 * * *'],
      [604800, at('09:30:00'), '30 9 * * 4'],
      [420, at('00:00:00'), null],
      [5400, at('00:00:00'), null],
      [36000, at('00:00:00'), null],
      [172800, at('00:00:00'), null],
      [90, at('00:00:00'), null],
      [0, at('00:00:00'), null],
      [2.5, at('00:00:00'), null],
      [3600, at('09:30:01'), null],
      [3600, new Date('2026-01-01T09:30:00.500Z'), null],
      [3600, new Date(Number.NaN), null],
    ];
    assert.deepEqual(
      cases.map(([s, start]) => intervalToCronFromStart(s, start)),
      cases.map(([, , c]) => c),
    );
  });
  it('nextIntervalRuns: nothing for a bad interval or date, the end is inclusive', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    assert.deepEqual(nextIntervalRuns(start, 0, start, 3), []);
    assert.deepEqual(nextIntervalRuns(start, -5, start, 3), []);
    assert.deepEqual(nextIntervalRuns(start, Number.POSITIVE_INFINITY, start, 3), []);
    assert.deepEqual(nextIntervalRuns(new Date(Number.NaN), 60, start, 3), []);
    assert.deepEqual(nextIntervalRuns(start, 60, new Date(Number.NaN), 3), []);
    assert.deepEqual(nextIntervalRuns(start, 60, start, 0), []);
    assert.deepEqual(iso(nextIntervalRuns(start, 60, new Date('2026-01-01T00:01:00Z'), 5, new Date('2026-01-01T00:03:00Z'))), ['2026-01-01T00:02:00Z', '2026-01-01T00:03:00Z']);
    assert.deepEqual(iso(nextIntervalRuns(start, 60, new Date('2026-01-01T00:00:59.999Z'), 1)), ['2026-01-01T00:01:00Z']);
  });
});

// ---------------------------------------------------------------- the day rules of the wall-clock walk

describe('walk.ts day rules (used for the DST notes), against Quartz semantics', () => {
  const days = (spec: ReturnType<typeof emptySpec>, y: number, m: number) => {
    const out: number[] = [];
    for (let d = 1; d <= 31; d++) if (new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1 && dayMatches(spec, y, m, d)) out.push(d);
    return out;
  };
  const base = () => {
    const spec = emptySpec();
    spec.dow.fill(1);
    return spec;
  };
  it('LW: the last weekday of the month', () => {
    const spec = base();
    spec.lastDay = true;
    spec.lastWeekday = true;
    // 31 Jan 2026 Sat -> 30; 28 Feb Sat -> 27; 31 May Sun -> 29; 31 Aug Mon; 31 Oct Sat -> 30.
    assert.deepEqual([[2026, 1], [2026, 2], [2026, 5], [2026, 8], [2026, 10]].map(([y, m]) => days(spec, y, m)), [[30], [27], [29], [31], [30]]);
  });
  it('L-n and L-nW', () => {
    const spec = base();
    spec.lastDay = true;
    spec.lastDayOffset = 3;
    assert.deepEqual([days(spec, 2026, 1), days(spec, 2026, 2), days(spec, 2024, 2)], [[28], [25], [26]]);
    spec.lastWeekday = true;
    // 28 Jan 2026 Wed; 25 Feb Wed; L-3 of March 2026 is Sat 28 -> Fri 27; L-30W of August 2026 is Sat 1 -> Mon 3.
    // L-3 of September 2026 is Sun 27 -> Mon 28.
    assert.deepEqual([days(spec, 2026, 1), days(spec, 2026, 2), days(spec, 2026, 3), days(spec, 2026, 9)], [[28], [25], [27], [28]]);
    spec.lastDayOffset = 30;
    assert.deepEqual(days(spec, 2026, 8), [3]);
  });
  it('nW: the nearest weekday, without leaving the month', () => {
    const spec = base();
    spec.nearestWeekday = 1;
    // 1 Aug 2026 Sat -> Mon 3; 1 Feb 2026 Sun -> Mon 2; 1 Apr 2026 Wed.
    assert.deepEqual([days(spec, 2026, 8), days(spec, 2026, 2), days(spec, 2026, 4)], [[3], [2], [1]]);
    spec.nearestWeekday = 31;
    // 31 May 2026 Sun, the last day -> Fri 29; "31 Apr 2026" is Fri 1 May: no day in April;
    // "31 Apr 2027" is Sat 1 May: Quartz brings it back to Fri 30 Apr.
    assert.deepEqual([days(spec, 2026, 5), days(spec, 2026, 4), days(spec, 2027, 4)], [[29], [], [30]]);
    spec.nearestWeekday = 15;
    // 15 Feb 2026 Sun -> Mon 16; 15 Aug 2026 Sat -> Fri 14.
    assert.deepEqual([days(spec, 2026, 2), days(spec, 2026, 8)], [[16], [14]]);
  });
  it('nL and d#n', () => {
    const spec = emptySpec();
    spec.dom.fill(1, 1);
    spec.dowLast[5] = 1; // last Friday
    assert.deepEqual([days(spec, 2026, 1), days(spec, 2026, 2), days(spec, 2026, 7)], [[30], [27], [31]]);
    const nth = emptySpec();
    nth.dom.fill(1, 1);
    nth.dowNth.push({ dow: 1, n: 2 }, { dow: 1, n: 5 }); // second and fifth Monday
    assert.deepEqual([days(nth, 2026, 1), days(nth, 2026, 3)], [[12], [9, 30]]);
  });
  it('day OR / day AND', () => {
    const spec = emptySpec();
    spec.dom[13] = 1;
    spec.dow[5] = 1;
    assert.deepEqual(days(spec, 2026, 2), [13]); // AND: Friday the 13th (13 Feb 2026 is a Friday)
    spec.dayOr = true;
    assert.deepEqual(days(spec, 2026, 2), [6, 13, 20, 27]);
  });
  it('years bound the walk', () => {
    const spec = emptySpec();
    spec.seconds[0] = spec.minutes[0] = spec.hours[0] = 1;
    spec.dom.fill(1, 1);
    spec.months.fill(1, 1);
    spec.dow.fill(1);
    spec.years = new Uint8Array(2100 - 1970 + 1);
    spec.years[2028 - 1970] = 1;
    const from = localSeconds(2026, 1, 15, 10, 20);
    assert.equal(nextLocalMatch(spec, from, 2100), localSeconds(2028, 1, 1));
    assert.equal(nextLocalMatch(spec, from, 2027), null);
    assert.equal(nextLocalMatch(spec, localSeconds(2028, 12, 31, 0, 0, 1), 2100), null);
    spec.years = new Uint8Array(2027 - 1970); // years up to 2026 only
    spec.years[2026 - 1970] = 1;
    assert.equal(nextLocalMatch(spec, localSeconds(2026, 12, 31, 0, 0, 1), 2100), null);
    assert.equal(nextLocalMatch(spec, localSeconds(1969, 12, 31, 0, 0, 1), 2100), localSeconds(2026, 1, 1));
  });
});

// ---------------------------------------------------------------- explainCron: checks before the parsers, zones, prefixes

describe('explainCron: checks every dialect makes first', () => {
  it('a non-string, a too long string, an empty one', () => {
    assert.deepEqual(explainCron(42 as unknown as string, { dialect: 'standard', timeZone: 'UTC', from: FROM }).error, { message: 'the cron expression must be a string', field: null, code: 'invalid-cron' });
    const long = `0 0 * * *${' '.repeat(992)}`; // 1001 characters
    assert.deepEqual(errorOf(long, 'standard'), wholeError(long, 'the expression is 1001 characters long; a cron expression is at most a few dozen (limit 1000)'));
    const limit = `0 0 * * *${' '.repeat(991)}`; // exactly 1000: accepted
    assert.equal(errorOf(limit, 'standard'), null);
    assert.deepEqual(errorOf(' \t ', 'databricks'), wholeError(' \t ', 'the expression is empty'));
  });
  it('control characters (a tab is allowed)', () => {
    assert.equal(errorOf('0\t0 * * *', 'standard'), null);
    const cases: Array<[string, string, number]> = [
      ['0 0 * * *\u0001', '0001', 9],
      ['0 0\u001f* * *', '001F', 3],
      ['\u007f0 0 * * *', '007F', 0],
      ['0 0 * * *\n', '000A', 9],
    ];
    for (const [expression, hex, at] of cases) {
      assert.deepEqual(errorOf(expression, 'standard'), { message: `the expression contains a control character (U+${hex}) at position ${at + 1}`, field: null, code: 'invalid-cron', start: at, end: at + 1 });
    }
  });
  it('an unknown time zone, with a spelling hint when there is one', () => {
    const r = explainCron('0 0 * * *', { dialect: 'standard', timeZone: 'Europe/berlin', from: FROM });
    assert.deepEqual(
      { valid: r.valid, timeZone: r.timeZone, error: r.error, nextRuns: r.nextRuns, description: r.description },
      { valid: false, timeZone: 'Europe/berlin', error: { message: 'unknown time zone "Europe/berlin" (did you mean Europe/Berlin?)', field: null, code: 'invalid-cron' }, nextRuns: [], description: '' },
    );
    assert.deepEqual(errorOf('0 0 * * *', 'github', 'Mars/Olympus'), { message: 'unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Berlin or UTC)', field: null, code: 'invalid-cron' });
  });
  it('count: default 5, floored, at most 1000, none for 0 or less', () => {
    const n = (count: number | undefined) => explainCron('* * * * *', { dialect: 'standard', timeZone: 'UTC', from: FROM, count, notes: false }).nextRuns.length;
    assert.deepEqual([undefined, Number.NaN, 2.7, 0, -3, 1000, 1001].map(n), [5, 5, 2, 0, 0, 1000, 1000]);
    const none = explainCron('0 0 30 2 *', { dialect: 'standard', timeZone: 'UTC', from: FROM, count: 0 });
    assert.deepEqual(none.warnings, []);
    const bad = explainCron('0 0 30 2 *', { dialect: 'standard', timeZone: 'UTC', from: new Date(Number.NaN) });
    assert.deepEqual([bad.nextRuns, bad.warnings], [[], []]);
  });
  it('never-runs, per dialect', () => {
    const never = (expression: string, dialect: Dialect) => explainCron(expression, { dialect, timeZone: 'UTC', from: FROM }).warnings.filter((w) => w.code === 'never-runs').map((w) => w.message);
    assert.deepEqual(never('0 0 30 2 *', 'standard'), ['standard cron accepts this expression, but it never runs.']);
    assert.deepEqual(never('0 0 30 2 *', 'vertex'), ['Vertex AI accepts this expression, but it never runs.']);
    assert.deepEqual(never('0 0 0 30 2 *', 'kubeflow'), ['Kubeflow accepts this expression, but it never runs (within the next 5 years).']);
    assert.deepEqual(never('0 0 0 30 2 ?', 'databricks'), ['Databricks accepts this expression, but it never runs.']);
  });
});

describe('explainCron: TZ= and CRON_TZ= prefixes', () => {
  it('Vertex AI and Kubeflow read the prefix; it wins over the zone passed in', () => {
    const r = explainCron('TZ=Europe/Berlin 0 9 * * *', { dialect: 'vertex', timeZone: 'UTC', from: FROM, count: 2, notes: false });
    assert.deepEqual(
      { valid: r.valid, timeZone: r.timeZone, runs: iso(r.nextRuns), warnings: r.warnings },
      {
        valid: true,
        timeZone: 'Europe/Berlin',
        // Vixie cron at 09:00 in Berlin (CET, UTC+1).
        runs: ['2026-01-16T08:00:00Z', '2026-01-17T08:00:00Z'],
        warnings: [{ code: 'timezone-prefix', severity: 'warning', message: 'The TZ=Europe/Berlin prefix wins over the time zone UTC.' }],
      },
    );
    const same = explainCron('  CRON_TZ=Europe/Berlin 0 9 * * *', { dialect: 'vertex', timeZone: 'Europe/Berlin', from: FROM, count: 1, notes: false });
    assert.deepEqual([same.warnings, iso(same.nextRuns)], [[], ['2026-01-16T08:00:00Z']]);
    // robfig: 09:00:00 in Berlin; the schedule after the prefix is trimmed.
    const kf = explainCron('CRON_TZ=Europe/Berlin   0 0 9 * * *  ', { dialect: 'kubeflow', from: FROM, count: 1, notes: false });
    assert.deepEqual([kf.valid, kf.timeZone, kf.warnings, iso(kf.nextRuns)], [true, 'Europe/Berlin', [], ['2026-01-16T08:00:00Z']]);
  });
  it('the other dialects reject it, with its span', () => {
    const cases: Array<[string, Dialect, string, number, number]> = [
      ['TZ=UTC 0 0 * * *', 'standard', 'standard cron does not accept a TZ= prefix; set the time zone separately', 0, 6],
      ['  CRON_TZ=UTC 0 0 * * *', 'github', 'GitHub Actions does not accept a CRON_TZ= prefix; set the time zone separately', 2, 13],
      ['TZ=UTC 0 0 0 * * ?', 'databricks', 'Databricks does not accept a TZ= prefix; set the time zone separately', 0, 6],
      ['TZ=UTC 0 0 * * *', 'airflow', 'Airflow does not accept a TZ= prefix; set the time zone separately', 0, 6],
    ];
    for (const [expression, dialect, message, start, end] of cases) {
      assert.deepEqual(errorOf(expression, dialect), { message, field: null, code: 'timezone-prefix', start, end }, expression);
    }
    const k8s = 'Kubernetes rejects TZ= or CRON_TZ= in the schedule; set the time zone separately (CronJob spec.timeZone)';
    assert.deepEqual(errorOf('CRON_TZ=UTC 0 0 * * *', 'kubernetes'), { message: k8s, field: null, code: 'timezone-prefix', start: 0, end: 11 });
    assert.deepEqual(errorOf(' TZ=UTC 0 0 * * *', 'kubernetes'), { message: k8s, field: null, code: 'timezone-prefix', start: 1, end: 3 });
  });
  it('a prefix with a bad zone or no schedule', () => {
    assert.deepEqual(errorOf('TZ=Europe/berlin 0 9 * * *', 'vertex'), { message: 'unknown time zone "Europe/berlin" in the TZ= prefix (did you mean Europe/Berlin?)', field: null, code: 'invalid-cron', start: 0, end: 16 });
    assert.deepEqual(errorOf(' TZ=Nowhere/Town 0 9 * * *', 'vertex'), { message: 'unknown time zone "Nowhere/Town" in the TZ= prefix', field: null, code: 'invalid-cron', start: 1, end: 16 });
    assert.deepEqual(errorOf('TZ= 0 9 * * *', 'vertex'), { message: 'unknown time zone "" in the TZ= prefix', field: null, code: 'invalid-cron', start: 0, end: 3 });
    assert.deepEqual(errorOf('TZ=UTC', 'kubeflow'), wholeError('TZ=UTC', 'the TZ= prefix must be followed by a space and the schedule'));
  });
});

describe('explainCron: Kubeflow reads five fields seconds first', () => {
  const warning = (expression: string) => explainCron(expression, { dialect: 'kubeflow', from: FROM, notes: false }).warnings.find((w) => w.code === 'dialect-seconds-first')?.message;
  it('says what the fields mean there', () => {
    const described = (expression: string) => explainCron(expression, { dialect: 'kubeflow', from: FROM, notes: false }).description;
    const d1 = described('0 9 * * 1');
    assert.equal(warning('0 9 * * 1'), `Kubeflow reads the first field as seconds: "0 9 * * 1" runs at second 0, minute 9 of every hour, month 1 (${d1.charAt(0).toLowerCase()}${d1.slice(1)}). For minute-hour-day-month-weekday, add a seconds field in front: "0 0 9 * * 1".`);
    const d2 = described('30 15 10 ? *');
    assert.equal(warning('30 15 10 ? *'), `Kubeflow reads the first field as seconds: "30 15 10 ? *" runs at second 30, minute 15, hour 10 (${d2.charAt(0).toLowerCase()}${d2.slice(1)}). For minute-hour-day-month-weekday, add a seconds field in front: "0 30 15 10 ? *".`);
    const d3 = described('0 0 12 5 *');
    assert.equal(warning('0 0 12 5 *'), `Kubeflow reads the first field as seconds: "0 0 12 5 *" runs at second 0, minute 0, hour 12, day-of-month 5 (${d3.charAt(0).toLowerCase()}${d3.slice(1)}). For minute-hour-day-month-weekday, add a seconds field in front: "0 0 0 12 5 *".`);
    assert.equal(warning('0 0 12 5 * *'), undefined);
    assert.equal(warning('@daily'), undefined);
  });
  it('runs of five and six fields (robfig, seconds first)', () => {
    assert.deepEqual(runs('30 15 10 * *', 'kubeflow', 2), ['2026-01-16T10:15:30Z', '2026-01-17T10:15:30Z']);
    assert.deepEqual(runs('0 0 9 * * 1', 'kubeflow', 2), ['2026-01-19T09:00:00Z', '2026-01-26T09:00:00Z']);
  });
});

describe('explainCron: DST notes for each engine (Europe/Berlin, clocks change on 29 March and 25 October 2026)', () => {
  const SPRING = new Date('2026-03-20T00:00:00Z');
  const notes = (expression: string, dialect: Dialect, from = SPRING) => explainCron(expression, { dialect, timeZone: 'Europe/Berlin', from, count: 2 }).notes;
  const unpromised = (name: string) => `Not guaranteed on ${name}, which documents no rule for runs at skipped or repeated wall times.`;
  it('Vixie cron, a fixed-time job: a skipped time runs at the change, a repeated one once (undocumented on GitHub and Vertex)', () => {
    const text = 'would start the 02:30 run on 29 March 2026 at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).';
    assert.deepEqual(notes('30 2 * * *', 'github'), [`Vixie cron ${text} ${unpromised('GitHub Actions')}`]);
    assert.deepEqual(notes('30 2 * * *', 'vertex'), [`Vixie cron ${text} ${unpromised('Vertex AI')}`]);
    assert.deepEqual(notes('30 2 * * *', 'standard'), ['On standard cron the 02:30 run on 29 March 2026 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).']);
  });
  it('Vixie cron, a wildcard job: skipped times do not run, repeated ones run twice', () => {
    const tail = unpromised('GitHub Actions');
    assert.deepEqual(notes('*/30 2 * * *', 'github'), [
      `Vixie cron would not run this at 02:00 on 29 March 2026: 02:00 does not exist in Europe/Berlin that day (clocks go forward). ${tail}`,
      `Vixie cron would not run this at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward). ${tail}`,
      `Vixie cron would run this twice at 02:00 on 25 October 2026: 02:00 happens twice in Europe/Berlin that day (clocks go back). ${tail}`,
      `Vixie cron would run this twice at 02:30 on 25 October 2026: 02:30 happens twice in Europe/Berlin that day (clocks go back). ${tail}`,
    ]);
  });
  it('Quartz skips a time in the gap (times with seconds are written with them)', () => {
    assert.deepEqual(notes('30 30 2 * * ?', 'databricks'), ['On Databricks this does not run at 02:30:30 on 29 March 2026: 02:30:30 does not exist in Europe/Berlin that day (clocks go forward).']);
  });
  it('robfig skips the gap and runs twice in the overlap', () => {
    assert.deepEqual(notes('0 30 2 * * *', 'kubeflow'), [
      'On Kubeflow this does not run at 02:30 on 29 March 2026: 02:30 does not exist in Europe/Berlin that day (clocks go forward).',
      'On Kubeflow this runs twice at 02:30 on 25 October 2026: 02:30 happens twice in Europe/Berlin that day (clocks go back).',
    ]);
  });
  it('from inside the two days of a change: only what is still ahead is compared', () => {
    // 00:45 UTC on 29 March is 01:45 CET: the 02:30 run (at 03:00 CEST, Vixie) is still ahead.
    const r = explainCron('30 2 * * *', { dialect: 'standard', timeZone: 'Europe/Berlin', from: new Date('2026-03-29T00:45:00Z'), count: 2 });
    assert.deepEqual([r.notes, iso(r.nextRuns)], [
      ['On standard cron the 02:30 run on 29 March 2026 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).'],
      ['2026-03-29T01:00:00Z', '2026-03-30T00:30:00Z'],
    ]);
    // After it: the next changes are 25 October 2026 (nothing to say) and 28 March 2027.
    const later = explainCron('30 2 * * *', { dialect: 'standard', timeZone: 'Europe/Berlin', from: new Date('2026-03-30T12:00:00Z'), count: 1 });
    assert.deepEqual(later.notes, ['On standard cron the 02:30 run on 28 March 2027 happens at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward).']);
  });
  it('no notes in UTC, for notes: false, or for a schedule that does not touch the change', () => {
    assert.equal(explainCron('30 2 * * *', { dialect: 'standard', timeZone: 'UTC', from: SPRING }).notes, undefined);
    assert.equal(explainCron('30 2 * * *', { dialect: 'standard', timeZone: 'Europe/Berlin', from: SPRING, notes: false }).notes, undefined);
    assert.equal(notes('30 12 * * *', 'standard'), undefined);
    assert.equal(notes('@every 1h', 'kubernetes'), undefined);
  });
});

describe('explainCron: the schedule window (start, end) outside Airflow', () => {
  const win = (expression: string, window: { start?: Date | null; end?: Date | null; catchup?: boolean }, count = 3, dialect: Dialect = 'standard') => {
    const r = explainCron(expression, { dialect, timeZone: 'UTC', from: FROM, count, window, notes: false });
    return { runs: iso(r.nextRuns), warnings: r.warnings.map((w) => w.code) };
  };
  it('no run before a start that is still ahead; a run at the start itself counts', () => {
    assert.deepEqual(win('0 * * * *', { start: new Date('2026-01-20T05:00:00Z') }), { runs: ['2026-01-20T05:00:00Z', '2026-01-20T06:00:00Z', '2026-01-20T07:00:00Z'], warnings: [] });
    // A start with milliseconds is read up to the next second.
    assert.deepEqual(win('0 * * * *', { start: new Date('2026-01-20T05:00:00.001Z') }), { runs: ['2026-01-20T06:00:00Z', '2026-01-20T07:00:00Z', '2026-01-20T08:00:00Z'], warnings: [] });
    // A start that has passed changes nothing; an invalid one is ignored.
    assert.deepEqual(win('0 * * * *', { start: new Date('2026-01-01T00:00:00Z') }), { runs: ['2026-01-15T11:00:00Z', '2026-01-15T12:00:00Z', '2026-01-15T13:00:00Z'], warnings: [] });
    assert.deepEqual(win('0 * * * *', { start: new Date(Number.NaN), catchup: true }), { runs: ['2026-01-15T11:00:00Z', '2026-01-15T12:00:00Z', '2026-01-15T13:00:00Z'], warnings: [] });
    // A start one second ahead: from stays now.
    assert.deepEqual(win('* * * * *', { start: new Date('2026-01-15T10:20:01Z') }, 1), { runs: ['2026-01-15T10:21:00Z'], warnings: [] });
  });
  it('no run after the end (inclusive, read down to the second); an end that cut every run is not "never runs"', () => {
    assert.deepEqual(win('0 * * * *', { end: new Date('2026-01-15T12:00:00.999Z') }), { runs: ['2026-01-15T11:00:00Z', '2026-01-15T12:00:00Z'], warnings: [] });
    assert.deepEqual(win('0 * * * *', { end: new Date('2026-01-15T11:59:59Z') }), { runs: ['2026-01-15T11:00:00Z'], warnings: [] });
    assert.deepEqual(win('0 * * * *', { end: new Date('2026-01-01T00:00:00Z') }), { runs: [], warnings: [] });
    assert.deepEqual(win('0 0 30 2 *', { end: new Date('2030-01-01T00:00:00Z') }), { runs: [], warnings: ['never-runs'] });
    assert.deepEqual(win('0 * * * *', { start: null, end: null }), { runs: ['2026-01-15T11:00:00Z', '2026-01-15T12:00:00Z', '2026-01-15T13:00:00Z'], warnings: [] });
  });
  it('Airflow: an end date before every run is not "never runs" either', () => {
    assert.deepEqual(win('0 * * * *', { end: new Date('2026-01-01T00:00:00Z') }, 3, 'airflow'), { runs: [], warnings: [] });
    assert.deepEqual(win('0 0 31 2 *', { end: new Date('2027-01-01T00:00:00Z') }, 3, 'airflow'), { runs: [], warnings: ['never-runs'] });
  });
});

describe('explainCron: cached runs are reused only when exact', () => {
  const at = (expression: string, dialect: Dialect, from: string, count: number, timeZone = 'UTC') =>
    iso(explainCron(expression, { dialect, timeZone, from: new Date(from), count, notes: false }).nextRuns);
  it('a later start before the first cached run reuses; at or after it does not', () => {
    // Vixie cron: minute 7 of every hour. Each expression is used only here (the cache is per expression).
    assert.deepEqual(at('7 * * * *', 'standard', '2026-01-15T10:20:00Z', 3), ['2026-01-15T11:07:00Z', '2026-01-15T12:07:00Z', '2026-01-15T13:07:00Z']);
    assert.deepEqual(at('7 * * * *', 'standard', '2026-01-15T10:30:00Z', 2), ['2026-01-15T11:07:00Z', '2026-01-15T12:07:00Z']);
    assert.deepEqual(at('7 * * * *', 'standard', '2026-01-15T11:07:00Z', 2), ['2026-01-15T12:07:00Z', '2026-01-15T13:07:00Z']);
    assert.deepEqual(at('7 * * * *', 'standard', '2026-01-15T10:20:00Z', 4), ['2026-01-15T11:07:00Z', '2026-01-15T12:07:00Z', '2026-01-15T13:07:00Z', '2026-01-15T14:07:00Z']);
    assert.deepEqual(at('7 * * * *', 'standard', '2026-01-15T10:00:00Z', 1), ['2026-01-15T10:07:00Z']);
  });
  it('a schedule with no runs left stays without runs for any later start', () => {
    assert.deepEqual(at('0 0 1 1 ? 2026', 'databricks', '2026-01-15T10:20:00Z', 2), []);
    assert.deepEqual(at('0 0 1 1 ? 2026', 'databricks', '2026-06-01T00:00:00Z', 2), []);
  });
  it('@every counts from each start (robfig)', () => {
    assert.deepEqual(at('@every 7m', 'kubernetes', '2026-01-15T10:20:00Z', 2), ['2026-01-15T10:27:00Z', '2026-01-15T10:34:00Z']);
    assert.deepEqual(at('@every 7m', 'kubernetes', '2026-01-15T10:21:00Z', 2), ['2026-01-15T10:28:00Z', '2026-01-15T10:35:00Z']);
  });
  it('croniter in a zone with clock changes (Airflow: 03:15 Berlin wall time)', () => {
    assert.deepEqual(at('15 3 * * *', 'airflow', '2026-03-28T03:00:00Z', 3, 'Europe/Berlin'), ['2026-03-29T01:15:00Z', '2026-03-30T01:15:00Z', '2026-03-31T01:15:00Z']);
    assert.deepEqual(at('15 3 * * *', 'airflow', '2026-03-28T12:00:00Z', 2, 'Europe/Berlin'), ['2026-03-29T01:15:00Z', '2026-03-30T01:15:00Z']);
    assert.deepEqual(at('15 3 * * *', 'airflow', '2026-03-27T12:00:00Z', 2, 'Europe/Berlin'), ['2026-03-28T02:15:00Z', '2026-03-29T01:15:00Z']);
  });
});

// ---------------------------------------------------------------- zone rules (facts of the tz database)

describe('zone rules: offsets and clock changes', () => {
  const u = (isoText: string) => Date.parse(isoText) / 1000;
  it('offsets, with minutes and in the southern summer', () => {
    const zones = ['UTC', 'Etc/UTC', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu', 'Etc/GMT+5', 'Pacific/Chatham', 'Europe/Berlin', 'Australia/Lord_Howe'];
    assert.deepEqual(
      zones.map((z) => zoneRules(z).offsetAt(u('2026-01-15T00:00:00Z'))),
      [0, 0, 19800, -12600, 20700, -18000, 49500, 3600, 39600],
    );
    assert.deepEqual(zones.map((z) => zoneRules(z).isUtc), [true, true, false, false, false, false, false, false, false]);
  });
  it('the instants of the changes, and at / before / after them', () => {
    const berlin = zoneRules('Europe/Berlin');
    const spring = { at: u('2026-03-29T01:00:00Z'), before: 3600, after: 7200 };
    const autumn = { at: u('2026-10-25T01:00:00Z'), before: 7200, after: 3600 };
    assert.deepEqual(berlin.transitionsBetween(u('2026-01-01T00:00:00Z'), u('2027-01-01T00:00:00Z')), [spring, autumn]);
    assert.deepEqual(berlin.transitionsBetween(spring.at, spring.at), []);
    assert.deepEqual(berlin.transitionsBetween(spring.at, spring.at + 1), [spring]);
    assert.deepEqual(berlin.transitionsBetween(spring.at + 1, autumn.at), []);
    assert.deepEqual([berlin.offsetAt(spring.at - 1), berlin.offsetAt(spring.at), berlin.offsetAt(autumn.at - 1), berlin.offsetAt(autumn.at)], [3600, 7200, 7200, 3600]);
    assert.deepEqual(berlin.nextTransition(spring.at - 1), spring);
    assert.deepEqual(berlin.nextTransition(spring.at), autumn);
    assert.deepEqual(berlin.previousTransition(spring.at), spring);
    assert.deepEqual(berlin.previousTransition(spring.at - 1), { at: u('2025-10-26T01:00:00Z'), before: 7200, after: 3600 });
    assert.deepEqual(zoneRules('America/New_York').transitionsBetween(u('2026-01-01T00:00:00Z'), u('2027-01-01T00:00:00Z')), [
      { at: u('2026-03-08T07:00:00Z'), before: -18000, after: -14400 },
      { at: u('2026-11-01T06:00:00Z'), before: -14400, after: -18000 },
    ]);
    // Lord Howe Island moves its clocks by half an hour.
    assert.deepEqual(zoneRules('Australia/Lord_Howe').transitionsBetween(u('2026-01-01T00:00:00Z'), u('2027-01-01T00:00:00Z')), [
      { at: u('2026-04-04T15:00:00Z'), before: 39600, after: 37800 },
      { at: u('2026-10-03T15:30:00Z'), before: 37800, after: 39600 },
    ]);
    for (const z of ['UTC', 'Asia/Kolkata']) {
      assert.deepEqual([zoneRules(z).nextTransition(u('2026-01-15T00:00:00Z')), zoneRules(z).previousTransition(u('2026-01-15T00:00:00Z'))], [null, null], z);
    }
    assert.deepEqual(zoneRules('UTC').transitionsBetween(0, u('2030-01-01T00:00:00Z')), []);
  });
  it('wall times: none in a gap, two in an overlap', () => {
    const berlin = zoneRules('Europe/Berlin');
    const wall = (y: number, mo: number, d: number, h: number, mi: number) => localSeconds(y, mo, d, h, mi);
    assert.deepEqual(berlin.instantsOf(wall(2026, 1, 15, 12, 0)), [u('2026-01-15T11:00:00Z')]);
    assert.deepEqual(berlin.instantsOf(wall(2026, 3, 29, 2, 30)), []);
    assert.deepEqual(berlin.instantsOf(wall(2026, 3, 29, 3, 0)), [u('2026-03-29T01:00:00Z')]);
    assert.deepEqual(berlin.instantsOf(wall(2026, 10, 25, 2, 30)), [u('2026-10-25T00:30:00Z'), u('2026-10-25T01:30:00Z')]);
    assert.deepEqual(berlin.instantsOf(wall(2026, 10, 25, 3, 0)), [u('2026-10-25T02:00:00Z')]);
    assert.deepEqual(zoneRules('UTC').instantsOf(wall(2026, 3, 29, 2, 30)), [wall(2026, 3, 29, 2, 30)]);
    const spring = { at: u('2026-03-29T01:00:00Z'), before: 3600, after: 7200 };
    const autumn = { at: u('2026-10-25T01:00:00Z'), before: 7200, after: 3600 };
    assert.deepEqual(
      [wall(2026, 3, 29, 1, 59), wall(2026, 3, 29, 2, 0), wall(2026, 3, 29, 2, 59), wall(2026, 3, 29, 3, 0)].map((l) => berlin.transitionAtWall(l)),
      [null, spring, spring, null],
    );
    assert.deepEqual([wall(2026, 10, 25, 2, 0), wall(2026, 10, 25, 3, 0)].map((l) => berlin.transitionAtWall(l)), [autumn, null]);
  });
  it('zone names: letter case matters, as it does for the orchestrators', () => {
    assert.deepEqual(
      ['Europe/Berlin', 'europe/berlin', 'Etc/UTC', '', 'Nowhere/Town', 'A'.repeat(101), 42 as unknown as string].map((z) => [isValidTimeZone(z), zoneSpellingHint(z)]),
      [[true, null], [false, 'Europe/Berlin'], [true, null], [false, null], [false, null], [false, null], [false, null]],
    );
  });
});

describe('dialectOf and addSecondsField', () => {
  it('reads a dialect name in any case and spacing; a flavor maps to its dialect', () => {
    assert.deepEqual([' Kubernetes ', 'DATABRICKS', 'airflow', null, undefined, ''].map((v) => dialectOf(v)), ['kubernetes', 'databricks', 'airflow', 'standard', 'standard', 'standard']);
    assert.deepEqual([addSecondsField('  5 4 * * * '), addSecondsField(' @daily'), addSecondsField('*/5 * * * *')], ['0 5 4 * * *', ' @daily', '0 */5 * * * *']);
  });
});

describe('Airflow 2.10 next to Airflow 3 (the note explainCron adds)', () => {
  const why = '2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable)';
  const explain = (window: { start?: Date | null; end?: Date | null; catchup?: boolean }) => {
    const r = explainCron('0 0 * * *', { dialect: 'airflow', timeZone: 'UTC', from: FROM, count: 3, window });
    return { runs: iso(r.nextRuns), notes: r.notes };
  };
  it('a start date ahead: 3 runs at the start of each day, 2.10 at the end of its data interval', () => {
    // Airflow 3 (CronTriggerTimetable): first run at align_to_next(start_date) = 21 Jan 00:00.
    // Airflow 2.10 (CronDataIntervalTimetable): the interval [21 Jan, 22 Jan) runs when it ends, on 22 Jan.
    assert.deepEqual(explain({ start: new Date('2026-01-20T12:00:00Z') }), {
      runs: ['2026-01-21T00:00:00Z', '2026-01-22T00:00:00Z', '2026-01-23T00:00:00Z'],
      notes: [`On Airflow 2.10 the same DAG would start its run of 21 January 2026 00:00 (00:00 UTC) at 22 January 2026 00:00 (00:00 UTC): ${why}.`],
    });
  });
  it('an end date: 2.10 bounds the start of the data interval, so it runs once more', () => {
    // Airflow 3: no run after end_date (17 Jan 00:00 itself still runs). 2.10: the interval [17 Jan, 18 Jan) starts
    // at the end date and runs on 18 Jan.
    assert.deepEqual(explain({ end: new Date('2026-01-17T00:00:00Z') }), {
      runs: ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z'],
      notes: [`On Airflow 2.10 the same DAG would also start a run at 18 January 2026 00:00 (00:00 UTC), after its end date: ${why}, and its end date bounds the start of a run's data interval.`],
    });
  });
  it('no note when both start the same runs (catchup from a past start date)', () => {
    assert.deepEqual(explain({ start: new Date('2026-01-13T00:00:00Z'), catchup: true }), { runs: ['2026-01-16T00:00:00Z', '2026-01-17T00:00:00Z', '2026-01-18T00:00:00Z'], notes: undefined });
  });
});

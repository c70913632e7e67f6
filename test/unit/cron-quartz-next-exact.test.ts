// Next fire times of the databricks dialect (src/cron/quartz-next.ts, our port of Quartz 2.3's
// CronExpression.getTimeAfter) in the corners that cron-quartz-truth.test.ts leaves open:
// - n#k when today is the right weekday of an earlier week and the time of day has already moved
//   (Quartz resets it to 00:00:00 before it looks again);
// - a DST gap of two hours (Antarctica/Troll, +00 -> +02 at 01:00 UTC), where setCalendarHour's
//   "hour + 1" retry is visible: Quartz skips 04:00 local as well as the missing 01:00 and 02:00;
// - the day Samoa skipped (Pacific/Apia, 30 December 2011 does not exist), read by the nW probe
//   calendar's DAY_OF_WEEK after it normalises;
// - the year-2999 stop of getTimeAfter.
// Every expected array from explainCron was produced by real Quartz 2.3.2 (libquartz2-java,
// quartz2-2.3.2.jar) through test/differential/ref/QuartzRef.java: CronExpression with
// setTimeZone(zone), getNextValidTimeAfter chained from `from`. They are literals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { explainCron } from '../../src/cron/index';
import { parseQuartz } from '../../src/cron/quartz';
import { quartzNext } from '../../src/cron/quartz-next';
import { zoneRules } from '../../src/cron/zone';

const runs = (expression: string, timeZone: string, from: string, count: number) =>
  explainCron(expression, { dialect: 'databricks', timeZone, from: new Date(from), count, notes: false }).nextRuns.map((d) =>
    d.toISOString().replace('.000Z', 'Z'),
  );

describe('databricks next runs in corners of getTimeAfter (values from Quartz 2.3.2)', () => {
  // [expression, zone, from (exclusive), next runs from Quartz 2.3.2]
  const cases: Array<[string, string, string, string[]]> = [
    // Fri 2 Jan 2026 is the 1st Friday; at 10:00 the hour section has already moved the calendar to
    // 12:00 when the day section asks for the 3rd Friday: Quartz goes to 16 Jan at 00:00, not 12:00.
    ['0 0 0,12 ? * 6#3', 'UTC', '2026-01-02T10:00:00Z', [
      '2026-01-16T00:00:00Z',
      '2026-01-16T12:00:00Z',
      '2026-02-20T00:00:00Z',
      '2026-02-20T12:00:00Z',
      '2026-03-20T00:00:00Z',
      '2026-03-20T12:00:00Z',
    ]],
    // Troll: 01:00 local (01:00Z) jumps to 03:00 local. Setting hour 1 lands on 03:00, which is not
    // 1, so Quartz sets hour 2, which lands on 04:00 local (02:00Z): 03:00 local never fires.
    ['0 0 * * * ?', 'Antarctica/Troll', '2026-03-29T00:30:00Z', [
      '2026-03-29T02:00:00Z',
      '2026-03-29T03:00:00Z',
      '2026-03-29T04:00:00Z',
      '2026-03-29T05:00:00Z',
      '2026-03-29T06:00:00Z',
      '2026-03-29T07:00:00Z',
    ]],
    ['0 30 * * * ?', 'Antarctica/Troll', '2026-03-29T00:30:00Z', [
      '2026-03-29T02:30:00Z',
      '2026-03-29T03:30:00Z',
      '2026-03-29T04:30:00Z',
      '2026-03-29T05:30:00Z',
      '2026-03-29T06:30:00Z',
      '2026-03-29T07:30:00Z',
    ]],
    // Apia skipped Fri 30 Dec 2011: the probe calendar set to the 30th reads Saturday the 31st, so
    // 30W gives the 29th (12:00 local = 22:00Z on the 29th at -10:00).
    ['0 0 12 30W 12 ?', 'Pacific/Apia', '2011-12-25T00:00:00Z', [
      '2011-12-29T22:00:00Z',
      '2012-12-30T22:00:00Z',
      '2013-12-29T22:00:00Z',
      '2014-12-29T22:00:00Z',
      '2015-12-29T22:00:00Z',
      '2016-12-29T22:00:00Z',
    ]],
  ];
  for (const [expression, timeZone, from, expected] of cases) {
    it(`${expression} in ${timeZone} after ${from}`, () => assert.deepEqual(runs(expression, timeZone, from, expected.length), expected));
  }
});

describe('databricks next runs stop after the year 2999, as getTimeAfter does', () => {
  // Quartz 2.3.2 getTimeAfter begins every pass with `if (cl.get(Calendar.YEAR) > 2999) return null;`.
  // Its year bound (MAX_YEAR, the current year + 100) only lets that show when the current year is
  // near 3000, so the parser is given 2990 here (sets.maxYear 3090) and quartzNext is called directly.
  it('0 0 0 1 1 ? fires on 1 Jan 2999 and then never again (not on 1 Jan 3000)', () => {
    const { sets } = parseQuartz('0 0 0 1 1 ?', 0, 2990);
    assert.equal(sets.maxYear, 3090);
    const rules = zoneRules('UTC');
    const first = quartzNext(sets, rules, Date.UTC(2998, 5, 1) / 1000);
    assert.equal(first, Date.UTC(2999, 0, 1) / 1000);
    assert.equal(quartzNext(sets, rules, first as number), null);
  });
});

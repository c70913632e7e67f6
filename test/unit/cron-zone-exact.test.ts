// Zone and calendar arithmetic of the cron engine (src/cron/zone.ts). Zone facts (offsets, the
// instants of changes) were checked with python3 zoneinfo; calendar facts with python3 calendar.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parsePosix } from '../../src/cron/posix';
import { walkRuns } from '../../src/cron/walk';
import { civilFromSeconds, daysInMonth, formatInZone, isLeapYear, isValidTimeZone, localSeconds, zoneRules, zoneSpellingHint } from '../../src/cron/zone';

describe('zone rules', () => {
  it('every tz name that is UTC is treated as UTC (links to Etc/UTC, or GMT with no change ever)', () => {
    const names = ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu', 'UCT', 'Etc/UCT'];
    assert.deepStrictEqual(
      names.filter((z) => !zoneRules(z).isUtc),
      [],
    );
    assert.equal(zoneRules('Europe/London').isUtc, false);
  });
  it('an offset with seconds (New York before 1883: LMT -4:56:02)', () => {
    assert.equal(zoneRules('America/New_York').offsetAt(Date.UTC(1800, 0, 1) / 1000), -(4 * 3600 + 56 * 60 + 2));
  });
  it('a change exactly at 1 January 00:00 UTC belongs to that year only (Lisbon 1912: LMT -0:36:45 -> WET)', () => {
    const at = Date.UTC(1912, 0, 1) / 1000;
    assert.deepStrictEqual(zoneRules('Europe/Lisbon').transitionsBetween(at - 86400, at + 86400), [{ at, before: -(36 * 60 + 45), after: 0 }]);
    // So noon on 1 January 1912 is 12:00Z (WET), noon the day before 12:36:45Z (LMT).
    const noon = walkRuns(parsePosix('0 12 * * *', 0), zoneRules('Europe/Lisbon'), at - 86400, 2, { gap: 'atChange', overlap: 'first' }, 1913);
    assert.deepStrictEqual(noon.map((u) => new Date(u * 1000).toISOString()), ['1911-12-31T12:36:45.000Z', '1912-01-01T12:00:00.000Z']);
  });
});

describe('zone names', () => {
  it('a value that is not a string is not a zone (settings may hold anything)', () => {
    for (const bad of [undefined, null, 42]) {
      assert.equal(isValidTimeZone(bad as unknown as string), false, String(bad));
      assert.equal(zoneSpellingHint(bad as unknown as string), null, String(bad));
    }
    assert.equal(isValidTimeZone(''), false);
    assert.equal(zoneSpellingHint(''), null);
  });
  it('an unknown zone is shown in UTC', () => {
    assert.equal(formatInZone(new Date('2026-12-02T14:05:00Z'), 'Not/AZone'), 'Wed 2 Dec 2026, 14:05 UTC');
  });
});

describe('civil calendar', () => {
  it('leap years: every 4th, not every 100th, every 400th', () => {
    assert.deepStrictEqual([1900, 2000, 2024, 2026, 2100].map(isLeapYear), [false, true, true, false, false]);
    assert.deepStrictEqual([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2100, 2)], [28, 29, 28]);
  });
  it('dates back and forth across the last 400 years (centuries and the last day of an era)', () => {
    const dates: Array<[number, number, number]> = [
      [1999, 6, 15],
      [1900, 3, 1],
      [1700, 12, 31],
      [2000, 2, 29], // the last day of a 400-year era
      [2000, 3, 1],
      [2100, 2, 28],
    ];
    for (const [y, m, d] of dates) {
      const c = civilFromSeconds(localSeconds(y, m, d, 13, 14, 15));
      assert.deepStrictEqual([c.year, c.month, c.day, c.hour, c.minute, c.second], [y, m, d, 13, 14, 15]);
    }
    assert.equal(localSeconds(2000, 2, 29), 951782400);
  });
});

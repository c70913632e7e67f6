import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeInterval, intervalToCron, nextIntervalRuns } from '../../src/cron/index';

describe('interval schedules', () => {
  const words: Array<[number, string]> = [
    [1800, 'every 30 minutes'],
    [5400, 'every 1 hour 30 minutes'],
    [3600, 'every hour'],
    [86400, 'every day'],
    [172800, 'every 2 days'],
    [604800, 'every week'],
    [90, 'every 1 minute 30 seconds'],
    [45, 'every 45 seconds'],
  ];
  for (const [seconds, text] of words) it(`describeInterval(${seconds})`, () => assert.equal(describeInterval(seconds), text));

  const crons: Array<[number, string | null]> = [
    [1800, '*/30 * * * *'],
    [3600, '0 * * * *'],
    [86400, '0 0 * * *'],
    [60, '* * * * *'],
    [7200, '0 */2 * * *'],
    [420, null],
    [45, null],
    [18000, null],
    [172800, null],
  ];
  for (const [seconds, cron] of crons) it(`intervalToCron(${seconds})`, () => assert.equal(intervalToCron(seconds), cron));

  it('nextIntervalRuns counts from the start, strictly after from, not after end', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const got = nextIntervalRuns(start, 1800, new Date('2026-01-01T01:00:00Z'), 3);
    assert.deepEqual(got.map((d) => d.toISOString()), ['2026-01-01T01:30:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T02:30:00.000Z']);
    const before = nextIntervalRuns(start, 3600, new Date('2025-12-31T00:00:00Z'), 2);
    assert.equal(before[0].toISOString(), '2026-01-01T00:00:00.000Z');
    const capped = nextIntervalRuns(start, 3600, start, 10, new Date('2026-01-01T02:00:00Z'));
    assert.equal(capped.length, 2);
  });
});

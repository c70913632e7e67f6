// `npm run bench:live` fails (exit 1) when the refresh overhead misses the 20% target, as `npm run bench`
// does for its targets; it used to print MISS and exit 0.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overheadVerdict } from '../bench/verdict';

describe('bench:live verdict', () => {
  it('PASS under 20% exits 0; MISS at or over 20%, or a broken figure, exits 1', () => {
    assert.deepEqual(overheadVerdict(12.34), { pass: true, exitCode: 0, line: 'overhead: 12.3%  (target < 20%: PASS)' });
    assert.deepEqual(overheadVerdict(20), { pass: false, exitCode: 1, line: 'overhead: 20.0%  (target < 20%: MISS)' });
    assert.equal(overheadVerdict(57.1).exitCode, 1);
    assert.equal(overheadVerdict(Number.NaN).exitCode, 1);
    assert.equal(overheadVerdict(-3).exitCode, 0, 'refresh faster than bare (noise) passes');
  });
});

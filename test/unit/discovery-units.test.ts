// Exact outputs of discovery's small building blocks: the edit ranges incremental parsing trusts
// (changes.ts), ISO timestamps, the lezer helpers, offsets to positions, and notebooks.
// The other discovery tests check end results (an incremental parse equals a fresh one), which a
// wrong but safely rejected range never changes; these pin the ranges themselves.
// Every expected value below was worked out by hand from the inputs (the comments say how).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import { diffTexts, localChanges, mapToPrevious, toRangeChanges, type ContentChange, type RangeChange, type TextChange } from '../../src/discovery/changes';
import { LineIndex, offsetToPosition } from '../../src/discovery/lineIndex';
import {
  discoverNotebook,
  editInCell,
  maskIpythonSyntax,
  modulePosition,
  notebookModule,
  positionInCell,
  rangeInCell,
  readNotebook,
  type CellSpan,
} from '../../src/discovery/notebook';
import { argListEnd, callArguments, children, dottedPath } from '../../src/discovery/pythonSyntax';
import { formatIso, parseIsoTimestamp } from '../../src/discovery/timestamps';

function range(fromA: number, toA: number, fromB: number, toB: number): RangeChange {
  return { fromA, toA, fromB, toB };
}

function content(rangeOffset: number, rangeLength: number, text: string): ContentChange {
  return { rangeOffset, rangeLength, text };
}

describe('toRangeChanges: the caller range changes', () => {
  // 'aaa' -> 'aaaa' is ambiguous: any position could hold the new 'a'. The comparison of the two
  // texts puts it at the end ({3,3,3,4}); a caller's own (valid) range must win over that, so a
  // result equal to the caller's range proves it was used, and {3,3,3,4} proves it was refused.
  const compared = [range(3, 3, 3, 4)];

  it('compares the texts when the caller gives no changes', () => {
    // 'abc' -> 'abXc': prefix 'ab' (2), suffix 'c' (1).
    assert.deepEqual(toRangeChanges(undefined, 'abc', 'abXc'), [range(2, 2, 2, 3)]);
    assert.deepEqual(toRangeChanges([], 'abc', 'abXc'), [range(2, 2, 2, 3)]);
    assert.deepEqual(diffTexts('aaa', 'aaaa'), compared);
  });

  it('keeps a valid insertion where the caller put it', () => {
    assert.deepEqual(toRangeChanges([range(0, 0, 0, 1)], 'aaa', 'aaaa'), [range(0, 0, 0, 1)]);
    assert.deepEqual(toRangeChanges([range(1, 1, 1, 2)], 'aaa', 'aaaa'), [range(1, 1, 1, 2)]);
  });

  it('keeps a deletion at the start and a replacement of the whole text', () => {
    // 'aaaa' -> 'aaa' deleting the first 'a'; the comparison would say the last one ({3,4,3,3}).
    assert.deepEqual(toRangeChanges([range(0, 1, 0, 0)], 'aaaa', 'aaa'), [range(0, 1, 0, 0)]);
    // A replacement ending exactly at the old text's end is inside it.
    assert.deepEqual(toRangeChanges([range(0, 3, 0, 4)], 'aaa', 'aaaa'), [range(0, 3, 0, 4)]);
  });

  it('covers several changes with one range from the first start to the last end', () => {
    // 'aaaa' -> 'aaaaa': A[0,1) becomes two characters (delta +1), then A[2,3) (at B 3) one (delta stays +1).
    assert.deepEqual(toRangeChanges([range(0, 1, 0, 2), range(2, 3, 3, 4)], 'aaaa', 'aaaaa'), [range(0, 3, 0, 4)]);
  });

  it('refuses inconsistent lists and compares the texts instead', () => {
    // The second change starts at B 2 where A 1 maps to B 1 (delta 0): the offsets disagree.
    assert.deepEqual(toRangeChanges([range(0, 1, 0, 1), range(1, 1, 2, 2), range(2, 2, 2, 3)], 'aaa', 'aaaa'), compared);
    // A range whose end is before its start, in the old text and in the new one.
    assert.deepEqual(toRangeChanges([range(1, 0, 1, 1)], 'aaa', 'aaaa'), compared);
    assert.deepEqual(toRangeChanges([range(1, 1, 1, 0)], 'aaaa', 'aaa'), [range(3, 4, 3, 3)]);
    // Overlapping changes.
    assert.deepEqual(toRangeChanges([range(0, 2, 0, 2), range(1, 2, 1, 3)], 'aaa', 'aaaa'), compared);
    // A change running past the old text's end (5 > 3), though both texts are equal after it.
    assert.deepEqual(toRangeChanges([range(1, 5, 1, 6)], 'aaa', 'aaaa'), compared);
    // Lengths that do not add up: 3 - 2 + 4 = 5 characters, the new text has 4.
    assert.deepEqual(toRangeChanges([range(1, 3, 1, 5)], 'aaa', 'aaaa'), compared);
  });

  it('refuses a range when the texts differ outside it', () => {
    // Consistent lengths, but 'a' became 'x' before the range / 'c' became 'x' after it.
    assert.deepEqual(toRangeChanges([range(1, 1, 1, 1)], 'abc', 'xbc'), [range(0, 1, 0, 1)]);
    assert.deepEqual(toRangeChanges([range(1, 1, 1, 1)], 'abc', 'abx'), [range(2, 3, 2, 3)]);
  });
});

describe('toRangeChanges: VS Code content changes', () => {
  it('covers one change', () => {
    assert.deepEqual(toRangeChanges([content(1, 0, 'a')], 'aaa', 'aaaa'), [range(1, 1, 1, 2)]);
    assert.deepEqual(toRangeChanges([content(0, 0, 'a')], 'aaa', 'aaaa'), [range(0, 0, 0, 1)]);
    // Replacing the last 'a' with 'aa': the change ends at the text's end.
    assert.deepEqual(toRangeChanges([content(2, 1, 'aa')], 'aaa', 'aaaa'), [range(2, 3, 2, 4)]);
  });

  it('covers a later change after the span (widened to its end)', () => {
    // 'abcdef': 'b' retyped (span B[1,2)), then 'X' inserted at 4 -> 'abcdXef'; span B[1,5) = A[1,4).
    const given = [content(1, 1, 'b'), content(4, 0, 'X')];
    assert.deepEqual(toRangeChanges(given, 'abcdef', 'abcdXef'), [range(1, 4, 1, 5)]);
  });

  it('shifts the span when a later change lies before it', () => {
    // 'abcdef': 'e' retyped (span [4,5)), then 'b' -> 'XY' at 1 (+1): the span's end moves to 6 -> 'aXYcdef'.
    const given = [content(4, 1, 'e'), content(1, 1, 'XY')];
    assert.deepEqual(toRangeChanges(given, 'abcdef', 'aXYcdef'), [range(1, 5, 1, 6)]);
    // The comparison alone would give only the differing middle.
    assert.deepEqual(diffTexts('abcdef', 'aXYcdef'), [range(1, 2, 1, 3)]);
  });

  it('cuts the span where a later change removes its end', () => {
    // 'abcdef': 'bc' retyped (span [1,3)), then 'cde' -> 'Z' at 2 -> 'abZf'; the span ends after 'Z' (3), A 5.
    const given = [content(1, 2, 'bc'), content(2, 3, 'Z')];
    assert.deepEqual(toRangeChanges(given, 'abcdef', 'abZf'), [range(1, 5, 1, 3)]);
  });

  it('compares the texts when the changes are malformed', () => {
    // A negative length: the cover it would give ({0,0,0,2}) happens to fit the texts, it must not be used.
    assert.deepEqual(toRangeChanges([content(1, -1, ''), content(0, 0, 'a')], 'aaa', 'aaaaa'), [range(3, 3, 3, 5)]);
    assert.deepEqual(toRangeChanges([content(-1, 1, 'b')], 'abc', 'bbc'), [range(0, 1, 0, 1)]);
    // Removing past the end of a 3-character text.
    assert.deepEqual(toRangeChanges([content(2, 5, '')], 'aaa', 'aa'), [range(2, 3, 2, 2)]);
  });

  it('compares the texts when one list mixes both shapes', () => {
    const contentFirst: TextChange[] = [content(1, 0, 'a'), range(1, 1, 1, 2)];
    const rangeFirst: TextChange[] = [range(1, 1, 1, 2), content(1, 0, 'a')];
    assert.deepEqual(toRangeChanges(contentFirst, 'aaa', 'aaaa'), [range(3, 3, 3, 4)]);
    assert.deepEqual(toRangeChanges(rangeFirst, 'aaa', 'aaaa'), [range(3, 3, 3, 4)]);
  });
});

describe('diffTexts', () => {
  it('finds the differing middle of short texts', () => {
    assert.deepEqual(diffTexts('same', 'same'), []);
    assert.deepEqual(diffTexts('abcd', 'ad'), [range(1, 3, 1, 1)]);
    assert.deepEqual(diffTexts('ad', 'abcd'), [range(1, 1, 1, 3)]);
    assert.deepEqual(diffTexts('', 'xy'), [range(0, 0, 0, 2)]);
  });

  it('finds it in texts longer than its comparison blocks', () => {
    const a2048 = 'a'.repeat(2048);
    // Different at both ends: nothing equal around the middle.
    assert.deepEqual(diffTexts(`x${a2048}b`, `y${a2048}c`), [range(0, 2050, 0, 2050)]);
    // Only the first character differs / only the last.
    assert.deepEqual(diffTexts(`x${a2048}`, `y${a2048}`), [range(0, 1, 0, 1)]);
    assert.deepEqual(diffTexts(`${a2048}x`, `${a2048}y`), [range(2048, 2049, 2048, 2049)]);
    // One character replaced by two in the middle of 3001.
    const a = 'a'.repeat(1500);
    const b = 'b'.repeat(1500);
    assert.deepEqual(diffTexts(`${a}X${b}`, `${a}YZ${b}`), [range(1500, 1501, 1500, 1502)]);
    // A long text grown by one: the equal prefix takes everything, the suffix must not overlap it.
    assert.deepEqual(diffTexts('a'.repeat(2000), 'a'.repeat(2001)), [range(2000, 2000, 2000, 2001)]);
  });
});

describe('mapToPrevious', () => {
  it('maps positions around a replacement', () => {
    // A[2,4) became B[2,5): before it unchanged, inside it null, after it one less.
    const changes = [range(2, 4, 2, 5)];
    assert.equal(mapToPrevious(1, changes), 1);
    assert.equal(mapToPrevious(2, changes), null);
    assert.equal(mapToPrevious(4, changes), null);
    assert.equal(mapToPrevious(5, changes), 4);
    assert.equal(mapToPrevious(7, changes), 6);
  });

  it('maps positions around an insertion, a deletion and an empty change', () => {
    const insertion = [range(2, 2, 2, 4)];
    assert.equal(mapToPrevious(2, insertion), null);
    assert.equal(mapToPrevious(4, insertion), 2);
    // A[2,4) deleted: B 2 is where it was, inside the change.
    const deletion = [range(2, 4, 2, 2)];
    assert.equal(mapToPrevious(1, deletion), 1);
    assert.equal(mapToPrevious(2, deletion), null);
    assert.equal(mapToPrevious(3, deletion), 5);
    assert.equal(mapToPrevious(2, [range(2, 2, 2, 2)]), 2);
  });

  it('maps through several changes', () => {
    // A[1,2) -> B[1,3) (+1), then A[5,6) deleted at B 6 (back to +0).
    const changes = [range(1, 2, 1, 3), range(5, 6, 6, 6)];
    assert.equal(mapToPrevious(0, changes), 0);
    assert.equal(mapToPrevious(3, changes), 2);
    assert.equal(mapToPrevious(6, changes), null);
    assert.equal(mapToPrevious(7, changes), 7);
  });
});

describe('localChanges', () => {
  it('keeps the changes inside a unit in its own offsets', () => {
    // Unit A[10,20) = B[12,23): a change before it (+2), one inside (+1), one after it.
    const changes = [range(0, 2, 0, 4), range(13, 15, 15, 18), range(25, 26, 28, 28)];
    assert.deepEqual(localChanges(changes, 10, 10, 12, 11), [{ fromA: 3, toA: 5, fromB: 3, toB: 6 }]);
    assert.deepEqual(localChanges([range(0, 2, 0, 4)], 10, 10, 12, 10), []);
  });

  it('keeps insertions at the unit edges', () => {
    assert.deepEqual(localChanges([range(10, 10, 10, 13)], 10, 10, 10, 13), [{ fromA: 0, toA: 0, fromB: 0, toB: 3 }]);
    assert.deepEqual(localChanges([range(20, 20, 20, 23)], 10, 10, 10, 13), [{ fromA: 10, toA: 10, fromB: 10, toB: 13 }]);
  });

  it('refuses changes that cross or touch an edge from outside', () => {
    assert.equal(localChanges([range(5, 10, 5, 10)], 10, 10, 10, 10), null);
    assert.equal(localChanges([range(20, 22, 20, 22)], 10, 10, 10, 10), null);
    assert.equal(localChanges([range(8, 12, 8, 12)], 10, 10, 10, 10), null);
    // Crossing the old unit's edges while inside the new unit's (longer) span: still refused.
    assert.equal(localChanges([range(8, 12, 8, 12)], 10, 10, 5, 20), null);
    assert.equal(localChanges([range(18, 22, 18, 24)], 10, 10, 10, 15), null);
    // Inside in the old text, but leaving the unit's span in the new one.
    assert.equal(localChanges([range(13, 15, 11, 14)], 10, 10, 12, 11), null);
    assert.equal(localChanges([range(13, 15, 15, 30)], 10, 10, 12, 11), null);
  });
});

describe('parseIsoTimestamp', () => {
  const utc = Date.UTC;

  it('reads naive wall times', () => {
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:00'), { iso: '2026-01-01T08:00:00', aware: false, epochMs: utc(2026, 0, 1, 8) });
    assert.deepEqual(parseIsoTimestamp('2026-01-01'), { iso: '2026-01-01T00:00:00', aware: false, epochMs: utc(2026, 0, 1) });
    assert.deepEqual(parseIsoTimestamp('2026-01-01 08:30'), { iso: '2026-01-01T08:30:00', aware: false, epochMs: utc(2026, 0, 1, 8, 30) });
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:00,25'), { iso: '2026-01-01T08:00:00.250', aware: false, epochMs: utc(2026, 0, 1, 8, 0, 0, 250) });
    assert.deepEqual(parseIsoTimestamp('2024-02-29T23:59:59'), { iso: '2024-02-29T23:59:59', aware: false, epochMs: utc(2024, 1, 29, 23, 59, 59) });
  });

  it('reads aware instants in UTC', () => {
    const eight = { iso: '2026-01-01T08:00:00Z', aware: true, epochMs: utc(2026, 0, 1, 8) };
    assert.deepEqual(parseIsoTimestamp('  2026-01-01T08:00:00Z \n'), eight);
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:00z'), eight);
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:00+00:00'), eight);
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:59Z'), { iso: '2026-01-01T08:00:59Z', aware: true, epochMs: utc(2026, 0, 1, 8, 0, 59) });
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:00.5Z'), { iso: '2026-01-01T08:00:00.500Z', aware: true, epochMs: utc(2026, 0, 1, 8, 0, 0, 500) });
  });

  it('applies offsets in every written form', () => {
    const at = (s: string) => parseIsoTimestamp(s)?.iso;
    assert.equal(at('2026-01-01T08:00:00+05'), '2026-01-01T03:00:00Z');
    assert.equal(at('2026-01-01T08:00:00+0530'), '2026-01-01T02:30:00Z');
    assert.equal(at('2026-01-01T08:00:00+05:30'), '2026-01-01T02:30:00Z');
    assert.equal(at('2026-01-01T08:00:00-05:00'), '2026-01-01T13:00:00Z');
    assert.equal(at('2026-01-01T08:00:00 +23:00'), '2025-12-31T09:00:00Z');
    assert.equal(at('2026-01-01T08:00:00+05:59'), '2026-01-01T02:01:00Z');
    // Fractions past milliseconds are cut, not rounded: .123456789 -> .123; 08:00+01:00 is 07:00Z.
    assert.deepEqual(parseIsoTimestamp('2026-01-01T08:00:00.123456789+01:00'), {
      iso: '2026-01-01T07:00:00.123Z',
      aware: true,
      epochMs: utc(2026, 0, 1, 7, 0, 0, 123),
    });
  });

  it('reads the years 1-99 as Python does', () => {
    // Expected instants from JavaScript's own ISO parser (Date.UTC would read year 50 as 1950).
    assert.deepEqual(parseIsoTimestamp('0050-06-15T12:00:00Z'), { iso: '0050-06-15T12:00:00Z', aware: true, epochMs: Date.parse('0050-06-15T12:00:00Z') });
    assert.deepEqual(parseIsoTimestamp('0001-01-01'), { iso: '0001-01-01T00:00:00', aware: false, epochMs: Date.parse('0001-01-01T00:00:00Z') });
    // 23:00 at -02:00 is 01:00 UTC on the next day, in the next year.
    assert.equal(parseIsoTimestamp('0099-12-31T23:00:00-02:00')?.iso, '0100-01-01T01:00:00Z');
    assert.equal(parseIsoTimestamp('0000-01-01'), null);
  });

  it('rejects what Python rejects', () => {
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-01T24:00:00',
      '2026-01-01T08:60:00',
      '2026-01-01T08:00:60',
      '2026-01-01T08:00:00+24:00',
      '2026-01-01T08:00:00+05:60',
      'on 2026-01-01',
      '2026-01-01T08:00:00Zjunk',
      '2026-01-01T08:00:00.Z',
      '2026-1-01',
      '',
      'tomorrow',
    ]) {
      assert.equal(parseIsoTimestamp(bad), null, bad);
    }
  });

  it('formats whole seconds without milliseconds', () => {
    assert.equal(formatIso(Date.UTC(2026, 0, 1, 6), true), '2026-01-01T06:00:00Z');
    assert.equal(formatIso(Date.UTC(2026, 0, 1, 6), false), '2026-01-01T06:00:00');
    assert.equal(formatIso(Date.UTC(2026, 0, 1, 6, 0, 0, 250), false), '2026-01-01T06:00:00.250');
    assert.equal(formatIso(Date.UTC(2026, 0, 1, 6, 0, 0, 7), true), '2026-01-01T06:00:00.007Z');
  });
});

describe('LineIndex', () => {
  // 'ab\ncd\n': lines start at 0, 3 and 6 (an empty last line).
  const index = new LineIndex('ab\ncd\n');

  it('finds line starts and clamps the line number', () => {
    assert.equal(index.lineCount, 3);
    assert.deepEqual([0, 1, 2, 5, -1].map((line) => index.lineStart(line)), [0, 3, 6, 6, 0]);
  });

  it('converts offsets to positions and back', () => {
    assert.deepEqual(index.position(4), { line: 1, character: 1 });
    assert.deepEqual(index.position(3), { line: 1, character: 0 });
    assert.deepEqual(index.position(2), { line: 0, character: 2 });
    assert.deepEqual(index.position(-5), { line: 0, character: 0 });
    assert.deepEqual(index.position(100), { line: 2, character: 0 });
    assert.deepEqual(index.range(1, 4), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
    assert.equal(index.offset({ line: 1, character: 1 }), 4);
    assert.equal(index.offset({ line: 0, character: 0 }), 0);
    assert.equal(index.offset({ line: 1, character: 99 }), 6);
    assert.deepEqual(offsetToPosition('ab\ncd', 4), { line: 1, character: 1 });
  });

  it('counts a line break at offset 0', () => {
    const leading = new LineIndex('\nab');
    assert.equal(leading.lineCount, 2);
    assert.deepEqual(leading.position(1), { line: 1, character: 0 });
    assert.equal(leading.offset({ line: 1, character: 2 }), 3);
  });
});

/** The first node named `name` in the parse of `text` (outermost first). */
function node(text: string, name: string): SyntaxNode {
  let found: SyntaxNode | undefined;
  parser.parse(text).iterate({
    enter: (n) => {
      if (!found && n.name === name) found = n.node;
      return !found;
    },
  });
  assert.ok(found, `no ${name} in ${JSON.stringify(text)}`);
  return found;
}

function args(text: string): { keyword: string | null; value: string | null; unpacked: boolean }[] {
  const slice = (n: SyntaxNode | null) => (n ? text.slice(n.from, n.to) : null);
  return callArguments(node(text, 'ArgList')).map((a) => ({ keyword: slice(a.keyword), value: slice(a.value), unpacked: a.unpacked }));
}

describe('pythonSyntax', () => {
  it('reads dotted paths and nothing else', () => {
    assert.equal(dottedPath(node('a.b.c\n', 'MemberExpression'), 'a.b.c\n'), 'a.b.c');
    assert.equal(dottedPath(node('a\n', 'VariableName'), 'a\n'), 'a');
    assert.equal(dottedPath(node('a[0]\n', 'MemberExpression'), 'a[0]\n'), null);
    assert.equal(dottedPath(node('f().b\n', 'MemberExpression'), 'f().b\n'), null);
    assert.equal(dottedPath(node('f()\n', 'CallExpression'), 'f()\n'), null);
    assert.equal(dottedPath(node('5\n', 'Number'), '5\n'), null);
  });

  it('lists the children of a node', () => {
    assert.deepEqual(children(node('f(a)\n', 'ArgList')).map((c) => c.name), ['(', 'VariableName', ')']);
  });

  it('reads positional, keyword and unpacked arguments', () => {
    assert.deepEqual(args('f(a, *args, b=1, **kw)\n'), [
      { keyword: null, value: 'a', unpacked: false },
      { keyword: null, value: 'args', unpacked: true },
      { keyword: 'b', value: '1', unpacked: false },
      { keyword: null, value: 'kw', unpacked: true },
    ]);
    assert.deepEqual(args('f(a, # c\n b)\n'), [
      { keyword: null, value: 'a', unpacked: false },
      { keyword: null, value: 'b', unpacked: false },
    ]);
  });

  it('keeps a keyword whose value is still being typed', () => {
    assert.deepEqual(args('f(x=, y)\n'), [
      { keyword: 'x', value: null, unpacked: false },
      { keyword: null, value: 'y', unpacked: false },
    ]);
    assert.deepEqual(args('f(x=\n'), [{ keyword: 'x', value: null, unpacked: false }]);
  });

  it('tolerates broken argument lists', () => {
    // `f(a b=1)`: lezer makes `b` an error node, leaving `=` with no name before it: ignored.
    assert.deepEqual(args('f(a b=1)\n'), [
      { keyword: null, value: 'a', unpacked: false },
      { keyword: null, value: '1', unpacked: false },
    ]);
    assert.deepEqual(args('f(*a b)\n'), [{ keyword: null, value: 'a', unpacked: true }]);
  });

  it('finds the end of an argument list', () => {
    // Closed: the ')' offset; unclosed: the ArgList's end (after the trailing error node).
    assert.equal(argListEnd(node('f(a)\n', 'ArgList')), 3);
    assert.equal(argListEnd(node('f(a\n', 'ArgList')), 4);
    assert.equal(argListEnd(node('f(a b\n', 'ArgList')), 6);
  });
});

describe('notebook: IPython masking and the joined module', () => {
  it('keeps the body of Python cell magics and masks the magic line', () => {
    for (const magic of ['time', 'timeit', 'capture', 'prun', 'debug']) {
      assert.equal(maskIpythonSyntax(`%%${magic}\nx = 1`), `#%${magic}\nx = 1`, magic);
    }
    assert.equal(maskIpythonSyntax('  %%time\nx = 1'), '  #%time\nx = 1');
  });

  it('masks the whole cell under other cell magics, blank lines kept as they are', () => {
    assert.equal(maskIpythonSyntax('%%bash\nls -la\n  \n'), '#%bash\n#s -la\n  \n');
    assert.equal(maskIpythonSyntax('\n  \n%%bash\nls'), '\n  \n#%bash\n#s');
    assert.equal(maskIpythonSyntax('  %%bash\nls'), '  #%bash\n#s');
    assert.equal(maskIpythonSyntax('%%\nx = 1'), '#%\n# = 1');
    // The magic's name is the word right after the leading '%%', not a later one.
    assert.equal(maskIpythonSyntax('%% %%time\nx = 1'), '#% %%time\n# = 1');
  });

  it('masks line magics and shell escapes only at the start of a line', () => {
    assert.equal(maskIpythonSyntax('x = 5 % 2\n%pip install zenml\n  !ls\nprint(1)'), 'x = 5 % 2\n#pip install zenml\n  #ls\nprint(1)');
    assert.equal(maskIpythonSyntax(''), '');
  });

  it('joins the Python code cells, keeping every cell index', () => {
    const module = notebookModule([
      { kind: 'code', source: 'a = 1', language: 'Python' },
      { kind: 'markdown', source: '# T' },
      { kind: 'code', source: 'b = 2\nc = 3', language: '' },
      { kind: 'code', source: 'x <- 1', language: 'r' },
      { kind: 'code', source: 'd = 4', language: 'python3' },
      { kind: 'code', source: 'e = 5' },
      { kind: 'code', source: 'f = 6', language: 'python' },
    ]);
    assert.equal(module.text, 'a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6');
    assert.deepEqual(module.spans, [
      { cell: 0, firstLine: 0, lineCount: 1 },
      { cell: 2, firstLine: 1, lineCount: 2 },
      { cell: 4, firstLine: 3, lineCount: 1 },
      { cell: 5, firstLine: 4, lineCount: 1 },
      { cell: 6, firstLine: 5, lineCount: 1 },
    ]);
  });
});

describe('notebook: reading .ipynb', () => {
  const noCells = { ok: false, message: 'not a valid notebook: no cells' };

  it('says why a file is not a notebook', () => {
    let parseError = '';
    try {
      JSON.parse('{');
    } catch (error) {
      parseError = (error as Error).message;
    }
    assert.deepEqual(readNotebook('{'), { ok: false, message: `not a valid notebook: ${parseError}` });
    assert.deepEqual(readNotebook('null'), noCells);
    assert.deepEqual(readNotebook('42'), noCells);
    assert.deepEqual(readNotebook('{}'), noCells);
    assert.deepEqual(readNotebook('{"worksheets": []}'), noCells);
    const empty = discoverNotebook('not json');
    assert.deepEqual(empty.notebook, { spans: [] });
    assert.deepEqual(empty.schedules, []);
  });

  it('reads nbformat 4 cells, their kinds, sources and languages', () => {
    const json = JSON.stringify({
      metadata: { kernelspec: { language: 42 }, language_info: { name: 'python' } },
      cells: [
        { cell_type: 'code', source: 'import zenml\n' },
        { cell_type: 'markdown', source: ['# Title\n', 'more'] },
        { cell_type: 'raw', source: 'raw text' },
        {},
        null,
        { cell_type: 'code', source: ['a', 5, 'b'] },
        { cell_type: 'code', source: 'SELECT 1', metadata: { vscode: { languageId: 'sql' } } },
      ],
    });
    assert.deepEqual(readNotebook(json), {
      ok: true,
      cells: [
        { kind: 'code', source: 'import zenml\n', language: 'python' },
        { kind: 'markdown', source: '# Title\nmore', language: 'python' },
        { kind: 'raw', source: 'raw text', language: 'python' },
        { kind: 'raw', source: '', language: 'python' },
        { kind: 'raw', source: '', language: 'python' },
        { kind: 'code', source: 'ab', language: 'python' },
        { kind: 'code', source: 'SELECT 1', language: 'sql' },
      ],
    });
  });

  it('reads nbformat 3 worksheets and the kernel language fallbacks', () => {
    const v3 = JSON.stringify({
      worksheets: [{ cells: [{ cell_type: 'code', input: ['x = 1\n', 'y'] }, { cell_type: 'heading', source: 'T' }] }],
    });
    assert.deepEqual(readNotebook(v3), {
      ok: true,
      cells: [
        { kind: 'code', source: 'x = 1\ny', language: undefined },
        { kind: 'raw', source: 'T', language: undefined },
      ],
    });
    const language = (metadata: unknown) => {
      const read = readNotebook(JSON.stringify({ metadata, cells: [{ cell_type: 'code', source: 'x' }] }));
      return read.ok ? read.cells[0].language : 'unreadable';
    };
    assert.equal(language({ kernelspec: null, language: 'R' }), 'R');
    assert.equal(language({ kernelspec: { language: 'julia' }, language_info: { name: 'python' } }), 'julia');
    assert.equal(language({ language_info: { name: 'python' } }), 'python');
  });
});

describe('notebook: positions between the module and the cells', () => {
  // Cell 0 is module lines 0-1, cell 2 (after a markdown cell) lines 2-3.
  const spans: CellSpan[] = [
    { cell: 0, firstLine: 0, lineCount: 2 },
    { cell: 2, firstLine: 2, lineCount: 2 },
  ];
  const moduleText = 'import os\nx = 1\nimport sys\ny = 2';
  const at = (line: number, character: number) => ({ line, character });

  it('maps positions and ranges into cells and back', () => {
    assert.deepEqual(positionInCell(spans, at(3, 5)), { cell: 2, position: at(1, 5) });
    assert.deepEqual(positionInCell(spans, at(1, 2)), { cell: 0, position: at(1, 2) });
    assert.equal(positionInCell(spans, at(4, 0)), undefined);
    assert.equal(positionInCell(spans, at(-1, 0)), undefined);
    assert.deepEqual(rangeInCell(spans, { start: at(2, 1), end: at(3, 4) }), { cell: 2, range: { start: at(0, 1), end: at(1, 4) } });
    // Running past cell 0's last line (1): cut at that line's end.
    assert.deepEqual(rangeInCell(spans, { start: at(0, 2), end: at(3, 1) }), {
      cell: 0,
      range: { start: at(0, 2), end: at(1, Number.MAX_SAFE_INTEGER) },
    });
    assert.equal(rangeInCell(spans, { start: at(4, 0), end: at(4, 1) }), undefined);
    assert.deepEqual(modulePosition(spans, 2, at(1, 4)), at(3, 4));
    assert.equal(modulePosition(spans, 1, at(0, 0)), undefined);
  });

  it('moves a line inserted at a cell start to the end of the previous cell', () => {
    const edit = { range: { start: at(2, 0), end: at(2, 0) }, newText: 'import re\n' };
    // Cell 0's last line is 'x = 1' (5 characters).
    assert.deepEqual(editInCell(spans, moduleText, edit), { cell: 0, range: { start: at(1, 5), end: at(1, 5) }, newText: '\nimport re' });
    // A stale module text without that line: column 0.
    assert.deepEqual(editInCell(spans, '', edit), { cell: 0, range: { start: at(1, 0), end: at(1, 0) }, newText: '\nimport re' });
  });

  it('places every other edit in its own cell', () => {
    const place = (start: [number, number], end: [number, number], newText: string) =>
      editInCell(spans, moduleText, { range: { start: at(...start), end: at(...end) }, newText });
    const inCell = (cell: number, start: [number, number], end: [number, number], newText: string) => ({
      cell,
      range: { start: at(...start), end: at(...end) },
      newText,
    });
    // The first cell has no previous cell.
    assert.deepEqual(place([0, 0], [0, 0], 'import re\n'), inCell(0, [0, 0], [0, 0], 'import re\n'));
    // Not at column 0, not an insertion, spanning lines, no final line break, not at a cell's first line.
    assert.deepEqual(place([2, 3], [2, 3], 'x\n'), inCell(2, [0, 3], [0, 3], 'x\n'));
    assert.deepEqual(place([2, 0], [2, 4], 'a\n'), inCell(2, [0, 0], [0, 4], 'a\n'));
    assert.deepEqual(place([2, 0], [3, 0], 'a\n'), inCell(2, [0, 0], [1, 0], 'a\n'));
    assert.deepEqual(place([2, 0], [2, 0], 'abc'), inCell(2, [0, 0], [0, 0], 'abc'));
    assert.deepEqual(place([3, 0], [3, 0], 'z\n'), inCell(2, [1, 0], [1, 0], 'z\n'));
  });
});

// Edits between two versions of a document: the two shapes callers send
// them in, and what incremental parsing needs from them.

import type { ChangedRange } from '@lezer/common';

/**
 * One edit, in the shape of lezer's ChangedRange and CodeMirror's change sets:
 * `fromA..toA` is the replaced span in the previous text, `fromB..toB` the
 * replacement's span in the new text (UTF-16 offsets). A list of them is sorted
 * and non-overlapping, all relative to the same two texts.
 */
export interface RangeChange {
  fromA: number;
  toA: number;
  fromB: number;
  toB: number;
}

/**
 * One edit as VS Code reports it (`TextDocumentContentChangeEvent`): replace
 * `rangeLength` characters at `rangeOffset` with `text`. A list of them is
 * applied in order, each to the text the previous one produced (the order of
 * `event.contentChanges`, and of successive events).
 */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** Either shape; one list must use one shape. */
export type TextChange = RangeChange | ContentChange;

/**
 * The edit from `before` to `after` as one range change covering everything
 * that changed. The caller's changes give it when they are consistent and the
 * texts really are equal outside it (checked natively, so a caller that reads
 * its editor's change events differently cannot corrupt the result); else the
 * texts are compared.
 */
export function toRangeChanges(given: readonly TextChange[] | undefined, before: string, after: string): RangeChange[] {
  if (!given || given.length === 0) return diffTexts(before, after);
  const ranges = given.every(isRangeChange) ? [...given] : coverContentChanges(given, before.length);
  if (!ranges || ranges.length === 0 || !consistent(ranges, before.length, after.length)) return diffTexts(before, after);
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  const cover = { fromA: first.fromA, toA: last.toA, fromB: first.fromB, toB: last.toB };
  const outsideEqual =
    before.slice(0, cover.fromA) === after.slice(0, cover.fromB) && before.slice(cover.toA) === after.slice(cover.toB);
  return outsideEqual ? [cover] : diffTexts(before, after);
}

function isRangeChange(change: TextChange): change is RangeChange {
  return 'fromA' in change;
}

/** One range covering VS Code's sequential changes; null when they are malformed. */
function coverContentChanges(changes: readonly TextChange[], beforeLength: number): RangeChange[] | null {
  let low = Infinity;
  let high = -Infinity;
  let length = beforeLength;
  for (const change of changes) {
    if (isRangeChange(change)) return null;
    const { rangeOffset: offset, rangeLength: removed } = change;
    const inserted = change.text.length;
    if (offset < 0 || removed < 0 || offset + removed > length) return null;
    // Map the covered span through this change, then widen it to include the change.
    const mappedHigh = high <= offset ? high : high >= offset + removed ? high + inserted - removed : offset + inserted;
    low = Math.min(low, offset);
    high = Math.max(mappedHigh, offset + inserted);
    length += inserted - removed;
  }
  const delta = length - beforeLength;
  return [{ fromA: low, toA: high - delta, fromB: low, toB: high }];
}

function consistent(changes: readonly RangeChange[], beforeLength: number, afterLength: number): boolean {
  let lastA = 0;
  let lastB = 0;
  let delta = 0;
  for (const c of changes) {
    if (c.fromA < lastA || c.toA < c.fromA || c.fromB < lastB || c.toB < c.fromB || c.fromB - c.fromA !== delta) return false;
    delta += c.toB - c.fromB - (c.toA - c.fromA);
    lastA = c.toA;
    lastB = c.toB;
  }
  return lastA <= beforeLength && beforeLength + delta === afterLength;
}

const DIFF_BLOCK = 1024;

/** One change covering the differing middle of the two texts. */
export function diffTexts(before: string, after: string): RangeChange[] {
  if (before === after) return [];
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  // Skip equal blocks with native comparisons, then finish character by character.
  while (prefix + DIFF_BLOCK <= shorter && before.slice(prefix, prefix + DIFF_BLOCK) === after.slice(prefix, prefix + DIFF_BLOCK)) prefix += DIFF_BLOCK;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix + DIFF_BLOCK <= shorter - prefix &&
    before.slice(before.length - suffix - DIFF_BLOCK, before.length - suffix) === after.slice(after.length - suffix - DIFF_BLOCK, after.length - suffix)
  ) {
    suffix += DIFF_BLOCK;
  }
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return [{ fromA: prefix, toA: before.length - suffix, fromB: prefix, toB: after.length - suffix }];
}

/** Where a position of the new text was in the previous text; null when it lies inside a change. */
export function mapToPrevious(position: number, changes: readonly RangeChange[]): number | null {
  let delta = 0;
  for (const change of changes) {
    if (position < change.fromB) break;
    if (position < change.toB || (position === change.fromB && change.toA > change.fromA)) return null;
    delta = change.toA - change.toB;
  }
  return position + delta;
}

/** The changes inside one unit, in the unit's own offsets; null when a change crosses its edges. */
export function localChanges(changes: readonly RangeChange[], startA: number, lengthA: number, startB: number, lengthB: number): ChangedRange[] | null {
  const local: ChangedRange[] = [];
  for (const change of changes) {
    const outside = change.toA < startA || change.fromA > startA + lengthA;
    if (outside) continue;
    if (change.fromA < startA || change.toA > startA + lengthA || change.fromB < startB || change.toB > startB + lengthB) return null;
    local.push({ fromA: change.fromA - startA, toA: change.toA - startA, fromB: change.fromB - startB, toB: change.toB - startB });
  }
  return local;
}

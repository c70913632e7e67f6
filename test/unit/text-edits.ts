// Applying quick-fix edits to a text in tests (src/findings/fixes.ts returns them as data).

import type { Position } from '../../src/discovery/types';
import type { TextEdit } from '../../src/findings/fixes';

export function offset(text: string, p: Position): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
  return o + p.character;
}

/** Apply non-overlapping edits, last first. */
export function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offset(text, b.range.start) - offset(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(out, e.range.start)) + e.newText + out.slice(offset(out, e.range.end));
  return out;
}

// Offsets (UTF-16 code units, as JavaScript strings and lezer count them) to
// 0-based line / character positions, as VS Code uses them.

import type { Position, Range } from './types';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      starts.push(nl + 1);
      from = nl + 1;
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  lineOf(offset: number): number {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  range(from: number, to: number): Range {
    return { start: this.position(from), end: this.position(to) };
  }

  offset(position: Position): number {
    const start = this.lineStart(position.line);
    return Math.min(start + position.character, this.text.length);
  }
}

/** One-off conversion; build a LineIndex when converting many offsets of the same text. */
export function offsetToPosition(text: string, offset: number): Position {
  return new LineIndex(text).position(offset);
}

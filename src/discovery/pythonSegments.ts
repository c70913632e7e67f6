// Splits Python source into independently parseable units: top-level
// statements (with their decorators and else/except clauses), and, when a
// bracket is left open while the user types, a cut where the code clearly
// goes on with a new statement. Each unit is then parsed with lezer on its
// own, so that half-typed code in one place cannot swallow the rest of the
// file, and so that unchanged units can be reused after an edit.
//
// This is a lexical scan (strings, comments, brackets, indentation), not a
// parser: the structure inside each unit comes from @lezer/python.

export interface Segments {
  /** Start offsets of the units, ascending, the first one 0. A unit ends where the next begins. */
  starts: number[];
  /**
   * Lines that may start a new statement inside a still-open bracket, but may as
   * well continue it (`foo(` then a line `bar=1)` at the same indentation). The
   * caller splits there only when the unit does not parse cleanly as a whole.
   */
  optionalStarts: number[];
}

/**
 * Units of `text` (or of `text.slice(from, to)`, cutting at lines indented by
 * `baseIndent`: the statements of a block body).
 */
export function segmentPython(text: string, from = 0, to = text.length, baseIndent = 0): Segments {
  return scan(text, from, to, baseIndent).segments;
}

/**
 * The segments of `text` after an edit, from those of the previous text:
 * the scan restarts one unit before the edit and stops at the first unit
 * start after it that was a unit start before (the scan state is the same at
 * every unit start, so everything after it is unchanged, only shifted).
 */
export function resegmentPython(
  previous: Segments,
  before: string,
  text: string,
  change: { fromA: number; toA: number; fromB: number; toB: number },
): Segments {
  // Whether a triple-quoted string is closed depends on the text after it: a
  // quote or backslash typed or deleted may change how text before the edit
  // scans. Rescan everything then (about 2 ms per 250 kB).
  if (touchesQuotes(before, change.fromA, change.toA) || touchesQuotes(text, change.fromB, change.toB)) return segmentPython(text);
  const oldStarts = previous.starts;
  const delta = change.toB - change.fromB - (change.toA - change.fromA);
  const containing = lastAtOrBefore(oldStarts, change.fromA);
  const restart = Math.max(0, containing - 1);
  const from = oldStarts[restart];
  const isOldStart = (position: number): boolean => {
    const index = lastAtOrBefore(oldStarts, position - delta);
    return index >= 0 && oldStarts[index] === position - delta;
  };
  const { segments, stoppedAt } = scan(text, from, text.length, 0, (b) => b >= change.toB && isOldStart(b));
  const starts = oldStarts.slice(0, restart).concat(segments.starts);
  const optionalStarts = previous.optionalStarts.filter((o) => o < from).concat(segments.optionalStarts);
  if (stoppedAt !== null) {
    const resume = stoppedAt - delta;
    for (const old of oldStarts.slice(lastAtOrBefore(oldStarts, resume))) starts.push(old + delta);
    for (const old of previous.optionalStarts) if (old >= resume) optionalStarts.push(old + delta);
  }
  return { starts, optionalStarts };
}

function touchesQuotes(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOSTROPHE || c === BACKSLASH) return true;
  }
  return false;
}

/** Index of the last element <= value in an ascending array, or -1. */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The lexical scan; stops before a unit start for which `stop` says so. */
function scan(
  text: string,
  from: number,
  to: number,
  baseIndent: number,
  stop?: (unitStart: number) => boolean,
): { segments: Segments; stoppedAt: number | null } {
  const starts = [from];
  const optionalStarts: number[] = [];
  const length = to;
  let pos = from;
  let depth = 0;
  /** Indentation of the line where the outermost still-open bracket was opened. */
  let openIndent = 0;
  let backslashContinued = false;
  let decoratorPending = false;
  /** Last significant character of the previous non-blank line (outside strings and comments). */
  let previousLineEnd = 0;

  while (pos < length) {
    // At the start of a line that is not inside a string.
    const lineStart = pos;
    let p = pos;
    while (p < length && isIndentChar(text.charCodeAt(p))) p++;
    const indent = p - lineStart;
    const first = p < length ? text.charCodeAt(p) : NEWLINE;
    const blank = first === NEWLINE || first === CR || first === HASH;

    if (!blank && !backslashContinued) {
      if (depth === 0 && indent === baseIndent) {
        const word = leadingWord(text, p);
        const continuesCompound = CLAUSE_KEYWORDS.has(word) || decoratorPending;
        if (!continuesCompound && lineStart > starts[starts.length - 1]) {
          if (stop?.(lineStart)) return { segments: { starts, optionalStarts }, stoppedAt: lineStart };
          starts.push(lineStart);
        }
        decoratorPending = first === AT;
      } else if (depth > 0 && indent <= openIndent) {
        const verdict = newStatementVerdict(text, p, first, previousLineEnd);
        if (verdict === 'yes') {
          // The bracket was never closed: what follows is a new statement.
          depth = 0;
          if (lineStart > starts[starts.length - 1]) {
            if (stop?.(lineStart)) return { segments: { starts, optionalStarts }, stoppedAt: lineStart };
            starts.push(lineStart);
          }
          decoratorPending = indent === baseIndent && first === AT;
        } else if (verdict === 'maybe') {
          optionalStarts.push(lineStart);
        }
      }
    }
    backslashContinued = false;

    // Scan the rest of the line (strings may carry the scan over several lines).
    let lastSignificant = 0;
    pos = p;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === NEWLINE) {
        pos++;
        break;
      }
      if (c === HASH) {
        const nl = text.indexOf('\n', pos);
        pos = nl < 0 ? length : nl;
        continue;
      }
      if (c === QUOTE || c === APOSTROPHE) {
        pos = skipString(text, pos, c);
        lastSignificant = c;
        continue;
      }
      if (c === BACKSLASH && (text.charCodeAt(pos + 1) === NEWLINE || (text.charCodeAt(pos + 1) === CR && text.charCodeAt(pos + 2) === NEWLINE))) {
        backslashContinued = true;
        lastSignificant = c;
        pos++;
        continue;
      }
      if (c === 40 || c === 91 || c === 123) {
        if (depth === 0) openIndent = indent;
        depth++;
      } else if (c === 41 || c === 93 || c === 125) {
        if (depth > 0) depth--;
      }
      if (!isIndentChar(c) && c !== CR) lastSignificant = c;
      pos++;
    }
    if (!blank) previousLineEnd = lastSignificant;
  }
  return { segments: { starts, optionalStarts }, stoppedAt: null };
}

/** Units larger than this are cut further, at the statements of their body. */
export const LARGE_UNIT_LENGTH = 8192;

/**
 * The statement starts inside the body of a large compound statement (a long
 * `if __name__ == "__main__":` block, a class), so that it is parsed and cached
 * in pieces too. Lezer reads an indented piece like a module.
 */
export function bodyStarts(text: string, from: number, to: number): number[] {
  const firstBreak = text.indexOf('\n', from);
  if (firstBreak < 0 || firstBreak >= to) return [];
  // The body's indentation: that of the first non-blank line after the header's first line.
  let lineStart = firstBreak + 1;
  while (lineStart < to) {
    let p = lineStart;
    while (p < to && isIndentChar(text.charCodeAt(p))) p++;
    const c = text.charCodeAt(p);
    if (p < to && c !== NEWLINE && c !== CR && c !== HASH) {
      const indent = p - lineStart;
      return indent > 0 ? segmentPython(text, lineStart, to, indent).starts.slice(1) : [];
    }
    const next = text.indexOf('\n', lineStart);
    if (next < 0) break;
    lineStart = next + 1;
  }
  return [];
}

/** Returns the offset just after the string literal that starts with the quote at `pos`. */
function skipString(text: string, pos: number, quote: number): number {
  const length = text.length;
  const triple = text.charCodeAt(pos + 1) === quote && text.charCodeAt(pos + 2) === quote;
  if (triple) {
    let p = pos + 3;
    while (p < length) {
      const c = text.charCodeAt(p);
      if (c === BACKSLASH) p += 2;
      else if (c === quote && text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote) return p + 3;
      else p++;
    }
    // Never closed (the user has just typed the opening quotes): Python would
    // read the rest of the file as a string; end it at its line instead, so
    // that only this statement is lost.
    const lineEnd = text.indexOf('\n', pos);
    return lineEnd < 0 ? length : lineEnd;
  }
  let p = pos + 1;
  while (p < length) {
    const c = text.charCodeAt(p);
    if (c === BACKSLASH) {
      p += text.charCodeAt(p + 1) === CR && text.charCodeAt(p + 2) === NEWLINE ? 3 : 2;
    } else if (c === quote) {
      return p + 1;
    } else if (c === NEWLINE) {
      return p; // unterminated: Python ends it at the line end
    } else {
      p++;
    }
  }
  return length;
}

function newStatementVerdict(text: string, p: number, first: number, previousLineEnd: number): 'yes' | 'no' | 'maybe' {
  if (first === AT) return 'yes';
  if (!isIdentifierStart(first)) return 'no';
  if (STATEMENT_KEYWORDS.has(leadingWord(text, p))) return 'yes';
  // After a line that cannot end an expression, an identifier may be an argument.
  return CONTINUING_LINE_ENDS.has(previousLineEnd) ? 'maybe' : 'yes';
}

function leadingWord(text: string, p: number): string {
  let end = p;
  while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
  return text.slice(p, end);
}

function isIndentChar(c: number): boolean {
  return c === 32 || c === 9 || c === 12;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}

const NEWLINE = 10;
const CR = 13;
const HASH = 35;
const AT = 64;
const QUOTE = 34;
const APOSTROPHE = 39;
const BACKSLASH = 92;

/** Clauses that continue the compound statement above them. */
const CLAUSE_KEYWORDS = new Set(['else', 'elif', 'except', 'finally']);

/** Keywords that cannot appear inside a bracketed expression, so they start a statement. */
const STATEMENT_KEYWORDS = new Set([
  'def', 'class', 'import', 'return', 'raise', 'assert', 'del', 'pass', 'break', 'continue',
  'global', 'nonlocal', 'try', 'while', 'with', 'elif', 'except', 'finally',
]);

/** Characters ending a line that the next line continues (an argument list, an operator). */
const CONTINUING_LINE_ENDS = new Set(
  [...'([{,\\+-*/%=<>|&^~.:'].map((ch) => ch.charCodeAt(0)).concat([0]),
);

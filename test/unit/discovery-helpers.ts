// Test helpers for discovery: find expected positions in a source text
// independently of the code under test (plain line splitting).

import type { DiscoveredSchedule, FieldValue, Position, Range } from '../../src/discovery/types';

/** The offset of the `nth` occurrence (0-based) of `needle` in `text`. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return offset;
}

/** The position of the `nth` occurrence (0-based) of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 0): Position {
  const offset = offsetOf(text, needle, nth);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The range covering the `nth` occurrence of `needle` (which must be on one line). */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  const start = positionOf(text, needle, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

export function fieldValue(schedule: DiscoveredSchedule | undefined, name: string): FieldValue | undefined {
  return schedule?.fields.find((f) => f.name === name)?.value;
}

/** A value without its ranges, for compact comparisons. */
export function shape(value: FieldValue | undefined): Record<string, unknown> | undefined {
  if (!value) return undefined;
  const { range: _range, ...rest } = value as FieldValue & Record<string, unknown>;
  delete rest.parts;
  delete rest.contentStart;
  delete rest.argsEnd;
  return rest;
}

// Small formatting helpers for human output.

import { rangeInCell } from '../discovery/notebook';
import type { DiscoveryResult, Range } from '../discovery/types';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "Wed 2026-12-02 14:05 UTC" (seconds shown only when not zero). */
export function formatInstant(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  const seconds = parts.second && parts.second !== '00' ? `:${parts.second}` : '';
  return `${parts.weekday} ${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds} ${timeZone}`;
}

/** 1-based lines and columns, end exclusive, as printed and in JSON. */
export function oneBased(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Where a finding or schedule is, as printed: notebooks add the 1-based cell (counting all cells), lines inside it. */
export interface Location {
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(discovery: DiscoveryResult, range: Range): Location {
  const spans = discovery.notebook?.spans;
  if (!spans) return oneBased(range);
  const inCell = rangeInCell(spans, range);
  return inCell ? { cell: inCell.cell + 1, ...oneBased(inCell.range) } : oneBased(range);
}

/** `file:3:5`, or `file.ipynb:cell 2:3:5` in a notebook. */
export function locationText(file: string, location: Pick<Location, 'cell' | 'line' | 'column'>): string {
  return location.cell === undefined ? `${file}:${location.line}:${location.column}` : `${file}:cell ${location.cell}:${location.line}:${location.column}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Pads columns so that rows line up; the last column is not padded. */
export function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

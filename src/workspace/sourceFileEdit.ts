// A schedule change made by editing a file of the repository (a GitHub Actions workflow's
// `on.schedule[N].cron`), computed on the workspace copy's text: the offsets to replace and the new
// text. The editor applies it as a reviewable, unsaved edit; the user reviews, commits and pushes.
// Nothing here writes or commits. Pure: no vscode, no I/O.

import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import type { SourceFileEdit } from '../adapters/types';

export type SourceEditResult = { ok: true; start: number; end: number; newText: string; line: number } | { ok: false; message: string };

function keyIs(pair: Pair<unknown, unknown>, name: string): boolean {
  if (!isScalar(pair.key)) return false;
  return pair.key.value === name || (name === 'on' && pair.key.value === true);
}

/** The edit that sets the cron of `edit.entry` to `expression` in `text`, or why it cannot be made. */
export function sourceFileEdit(text: string, edit: SourceFileEdit, expression: string): SourceEditResult {
  if (edit.format !== 'github-workflow') return { ok: false, message: `files of format ${String(edit.format)} cannot be edited here` };
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return { ok: false, message: `${edit.path} is not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix it first` };
  const root = doc.contents;
  const on = isMap(root) ? root.items.find((p) => keyIs(p, 'on')) : undefined;
  const schedule = on && isMap(on.value) ? on.value.items.find((p) => keyIs(p, 'schedule')) : undefined;
  const entries = schedule && isSeq(schedule.value) ? schedule.value.items : [];
  if (edit.entry >= entries.length) return { ok: false, message: `${edit.path} has ${entries.length} schedule entries, not ${edit.entry + 1}; it changed since it was read: refresh` };
  const entry = entries[edit.entry];
  const cron = isMap(entry) ? entry.items.find((p) => keyIs(p, 'cron')) : undefined;
  const node = cron?.value;
  if (!cron || !isScalar(node) || !node.range) return { ok: false, message: `entry ${edit.entry + 1} of on.schedule in ${edit.path} has no cron value to change` };
  const [start, end] = node.range;
  const line = text.slice(0, start).split('\n').length - 1;
  return { ok: true, start, end, newText: JSON.stringify(expression), line };
}

// The schedule entries of a GitHub Actions workflow file, read with the project's YAML parser
// (`yaml`, the one discovery uses): `on.schedule[]` entries, each `{cron, timezone?}` (an IANA
// zone beside `cron:`, facts §10; without it UTC). Malformed YAML is a clear error, never a
// throw. The adapter reads the file GitHub serves; the editor edits the workspace copy through
// src/workspace/sourceFileEdit.ts. No vscode import.

import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';

export interface WorkflowScheduleEntry {
  /** 0-based position in `on.schedule`. */
  index: number;
  /** The `cron:` value, or null when it is missing or not a string. */
  cron: string | null;
  /** The `timezone:` value, or null when there is none (GitHub then reads the cron in UTC). */
  timezone: string | null;
}

export type WorkflowParse =
  | { ok: true; name: string | null; entries: WorkflowScheduleEntry[] }
  | { ok: false; message: string };

/** Files bigger than this are not parsed (GitHub's contents API serves files up to 1 MB inline). */
export const MAX_WORKFLOW_BYTES = 1024 * 1024;

function keyIs(pair: Pair<unknown, unknown>, name: string): boolean {
  if (!isScalar(pair.key)) return false;
  const key = pair.key.value;
  // YAML 1.1 readers read a bare `on` as true.
  return key === name || (name === 'on' && key === true);
}

/** The schedule entries of a workflow file; `{ok:false}` with the parser's words when it is not a readable workflow. */
export function parseWorkflowSchedules(text: string): WorkflowParse {
  if (text.length > MAX_WORKFLOW_BYTES) return { ok: false, message: `the workflow file is larger than ${MAX_WORKFLOW_BYTES / 1024} KB` };
  if (text.includes('\0')) return { ok: false, message: 'the workflow file is not text' };
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    return { ok: false, message: `the workflow file is not valid YAML (${error instanceof Error ? error.message : String(error)})` };
  }
  if (doc.errors.length) {
    const first = doc.errors[0];
    const where = first.linePos?.[0] ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
    const words = first.message.split('\n')[0];
    return { ok: false, message: `the workflow file is not valid YAML${where}: ${words}` };
  }
  const root = doc.contents;
  if (root === null || root === undefined) return { ok: true, name: null, entries: [] };
  if (!isMap(root)) return { ok: false, message: 'the workflow file is not a mapping (a workflow starts with keys such as name:, on: and jobs:)' };
  const namePair = root.items.find((p) => keyIs(p, 'name'));
  const name = namePair && isScalar(namePair.value) && typeof namePair.value.value === 'string' ? namePair.value.value : null;
  const on = root.items.find((p) => keyIs(p, 'on'));
  // `on: push` or `on: [push, pull_request]`: no schedule (a bare `schedule` event needs cron entries).
  if (!on || !isMap(on.value)) return { ok: true, name, entries: [] };
  const schedule = on.value.items.find((p) => keyIs(p, 'schedule'));
  if (!schedule || schedule.value === null || (isScalar(schedule.value) && schedule.value.value === null)) return { ok: true, name, entries: [] };
  if (!isSeq(schedule.value)) return { ok: false, message: 'on.schedule must be a list of entries such as "- cron: \'0 3 * * *\'"' };
  const entries: WorkflowScheduleEntry[] = schedule.value.items.map((item, index) => {
    if (!isMap(item)) return { index, cron: null, timezone: null };
    const cron = item.items.find((p) => keyIs(p, 'cron'));
    const zone = item.items.find((p) => keyIs(p, 'timezone'));
    const str = (p: Pair<unknown, unknown> | undefined) => (p && isScalar(p.value) && typeof p.value.value === 'string' ? p.value.value.trim() : null);
    return { index, cron: str(cron), timezone: str(zone) };
  });
  return { ok: true, name, entries };
}

/** ZenML's GitHub Actions orchestrator writes `.github/workflows/<pipeline>-scheduled-<timestamp>.yaml` (facts §6). */
export function zenmlWorkflowPipeline(path: string): string | null {
  const base = path.split('/').pop() ?? path;
  const m = /^(.+)-scheduled-[0-9][0-9_:.T-]*\.ya?ml$/i.exec(base);
  return m ? m[1] : null;
}

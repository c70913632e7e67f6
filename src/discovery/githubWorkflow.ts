// Schedules in GitHub Actions workflow files (issue 12). ZenML's GitHub Actions
// orchestrator commits `.github/workflows/<pipeline>-scheduled-<timestamp>.yaml`
// to the repository, so the schedule lives in the workspace as
//
//   on:
//     schedule:
//       - cron: "0 3 * * *"
//         timezone: Europe/Berlin     # optional, IANA; without it UTC
//
// The `timezone` key is GitHub's: actions/languageservices, workflow-parser's
// workflow-v1.0.json, `cron-mapping` = {cron: cron-pattern (required), timezone:
// timezone-string} ("the time zone a scheduled workflow will run relative to in
// IANA format ... If omitted, the workflow will run relative to midnight UTC"),
// added in actions/languageservices#334 (March 2026).
//
// Each entry becomes a DiscoveredSchedule with one field, `cron_expression`
// (the `cron:` value), and `github` carrying the `timezone:` value, so the
// findings, the hover and the view treat it like any schedule, in the `github`
// dialect and the entry's zone.

import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair } from 'yaml';
import { LineIndex } from './lineIndex';
import { emptyDiscovery } from './python';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range } from './types';

export const MAX_WORKFLOW_FILE_LENGTH = 5 * 1024 * 1024;

/** A workflow file: `.github/workflows/*.yml|yaml` (any folder depth above `.github`). */
export function isGithubWorkflowPath(fileName: string): boolean {
  return /(^|[\\/])\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/i.test(fileName);
}

function rangeOf(node: Node | null | undefined, lines: LineIndex): Range | null {
  const r = node?.range;
  return r ? lines.range(r[0], r[1]) : null;
}

function scalarValue(node: Node | null, keyRange: Range, lines: LineIndex, text: string): FieldValue {
  const range = rangeOf(node, lines);
  if (!node || !range) return { kind: 'none', range: { start: keyRange.end, end: keyRange.end } };
  if (!isScalar(node)) return { kind: 'unknown', text: node.range ? text.slice(node.range[0], node.range[1]) : '', range };
  const value = node.value;
  if (value === null || value === undefined) return { kind: 'none', range };
  if (typeof value !== 'string') return { kind: 'unknown', text: String(value), range };
  const out: FieldValue = { kind: 'string', value, range, parts: [range] };
  const [start, end] = node.range ?? [0, 0];
  const source = text.slice(start, end);
  if (!source.includes('\n')) {
    if (source === value) out.contentStart = lines.position(start);
    else if ((source.startsWith('"') || source.startsWith("'")) && source.slice(1, -1) === value) out.contentStart = lines.position(start + 1);
  }
  return out;
}

function keyIs(pair: Pair<unknown, unknown>, name: string): boolean {
  if (!isScalar(pair.key)) return false;
  const key = pair.key.value;
  // YAML 1.1 readers (and some editors) read a bare `on` as true.
  return key === name || (name === 'on' && key === true);
}

/** Never throws: invalid YAML gives whatever its readable documents contain. */
export function discoverGithubWorkflow(text: string): DiscoveryResult {
  const result = emptyDiscovery();
  if (text.length > MAX_WORKFLOW_FILE_LENGTH || text.includes('\0') || !text.includes('schedule')) return result;
  try {
    const lines = new LineIndex(text);
    for (const document of parseAllDocuments(text)) {
      const root = document.contents;
      if (!isMap(root)) continue;
      const on = root.items.find((item) => keyIs(item, 'on'));
      if (!on || !isMap(on.value)) continue;
      const schedulePair = on.value.items.find((item) => keyIs(item, 'schedule'));
      if (!schedulePair || !isSeq(schedulePair.value)) continue;
      for (const entry of schedulePair.value.items) {
        if (!isMap(entry)) continue;
        const cronPair = entry.items.find((item) => keyIs(item, 'cron'));
        if (!cronPair) continue;
        const cronKey = rangeOf(cronPair.key as Node, lines);
        const entryRange = rangeOf(entry as Node, lines);
        if (!cronKey || !entryRange) continue;
        const zonePair = entry.items.find((item) => keyIs(item, 'timezone'));
        const zoneKey = zonePair ? rangeOf(zonePair.key as Node, lines) : null;
        const schedule: DiscoveredSchedule = {
          language: 'yaml',
          range: entryRange,
          nameRange: cronKey,
          fields: [{ name: 'cron_expression', keyRange: cronKey, value: scalarValue(cronPair.value as Node | null, cronKey, lines, text) }],
          hasOpaqueArguments: false,
          attachments: [],
          pipeline: null,
          variable: null,
          github: {
            timezone: zonePair && zoneKey ? { keyRange: zoneKey, value: scalarValue(zonePair.value as Node | null, zoneKey, lines, text) } : null,
          },
        };
        result.schedules.push(schedule);
      }
    }
  } catch {
    return emptyDiscovery();
  }
  return result;
}

/** The zone a workflow schedule runs in: its `timezone:` string, else UTC; null when the value is not a string. */
export function githubScheduleZone(schedule: DiscoveredSchedule): string | null {
  const zone = schedule.github?.timezone;
  if (!zone) return 'UTC';
  return zone.value.kind === 'string' ? zone.value.value : null;
}

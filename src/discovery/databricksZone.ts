// The `schedule_timezone` a Python file gives ZenML's Databricks orchestrator
// (issue 12): `DatabricksOrchestratorSettings(schedule_timezone="Europe/Berlin")`
// (any import path or alias ending in that class name) or a settings dict
// `{"schedule_timezone": "Europe/Berlin"}`. ZenML passes it to the job as
// `schedule.timezone_id` and raises at run time without one; the cron of a
// Schedule in the same file runs in that zone. Parsed with @lezer/python; only
// plain string literals count (anything computed is not guessed). Discovery reads
// it from each unit's tree as it extracts the unit's facts (pythonFacts.ts), so an
// edit parses nothing more.

import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { callArguments, children, dottedPath } from './pythonSyntax';
import type { DiscoveryResult } from './types';

const MAX_LENGTH = 2 * 1024 * 1024;

function literal(node: SyntaxNode | null, text: string): string | null {
  if (!node || node.name !== 'String') return null;
  const raw = text.slice(node.from, node.to);
  const m = /^([rRuU]?)(['"])([^'"\\\n]*)\2$/.exec(raw);
  return m ? m[3] : null;
}

/** The distinct literal `schedule_timezone` values of the file, in source order. */
export function databricksScheduleZones(text: string): string[] {
  if (text.length > MAX_LENGTH || !text.includes('schedule_timezone')) return [];
  return databricksZonesInTree(parser.parse(text), text);
}

/** The same, from an already parsed tree of `text` (a unit of the incremental discovery). */
export function databricksZonesInTree(tree: Tree, text: string): string[] {
  const zones: string[] = [];
  if (!text.includes('schedule_timezone')) return zones;
  const add = (zone: string | null) => {
    if (zone !== null && !zones.includes(zone)) zones.push(zone);
  };
  tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (node.name === 'CallExpression') {
        const callee = node.firstChild;
        const args = node.getChild('ArgList');
        const name = callee ? dottedPath(callee, text) : null;
        if (!args || !name || !name.split('.').pop()?.endsWith('DatabricksOrchestratorSettings')) return;
        for (const arg of callArguments(args)) {
          if (arg.keyword && text.slice(arg.keyword.from, arg.keyword.to) === 'schedule_timezone') add(literal(arg.value, text));
        }
      } else if (node.name === 'DictionaryExpression') {
        const items = children(node);
        for (let i = 0; i + 2 < items.length; i++) {
          if (literal(items[i], text) === 'schedule_timezone' && items[i + 1].name === ':') add(literal(items[i + 2], text));
        }
      }
    },
  });
  return zones;
}

/** Gives every schedule of the document its settings' `schedule_timezone` when the document sets exactly one. */
export function setScheduleTimezone(result: DiscoveryResult, zones: readonly string[]): void {
  if (zones.length !== 1) return;
  for (const schedule of result.schedules) schedule.scheduleTimezone = zones[0];
}

// Shared by findings-rules and findings-rules-exact: Schedule calls hand-built the way discovery builds them
// (one line of Python, real ranges), and the analysis options the rules are run with.
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range, ScheduleField } from '../../src/discovery/types';
import { emptyDiscovery } from '../../src/discovery';
import type { AnalysisOptions, OrchestratorContext } from '../../src/findings/types';

export const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

export type Spec = (r: Range) => FieldValue;
export const str = (value: string): Spec => (r) => ({ kind: 'string', value, range: r, parts: [r], contentStart: { line: r.start.line, character: r.start.character + 1 } });
export const num = (value: number): Spec => (r) => ({ kind: 'number', value, range: r });
export const bool = (value: boolean): Spec => (r) => ({ kind: 'bool', value, range: r });
export const none: Spec = (r) => ({ kind: 'none', range: r });
export const unknown = (text: string): Spec => (r) => ({ kind: 'unknown', text, range: r });
export const dt =
  (iso: string | null, aware: boolean, source: 'datetime' | 'now' | 'utcnow' | 'string' = 'datetime'): Spec =>
  (r) => ({ kind: 'datetime', iso, aware, source, range: r });

/** `Schedule(a=..., b=...)` on line 3, each field 20 characters wide: key at 10+20i, value at 20+20i. */
export function schedule(fields: [string, Spec][], extra: Partial<DiscoveredSchedule> = {}): DiscoveredSchedule {
  const built: ScheduleField[] = fields.map(([name, spec], i) => ({
    name,
    keyRange: range(3, 10 + 20 * i, 10 + 20 * i + name.length),
    value: spec(range(3, 20 + 20 * i, 28 + 20 * i)),
  }));
  return {
    language: 'python',
    range: range(3, 0, 200),
    nameRange: range(3, 0, 8),
    fields: built,
    hasOpaqueArguments: false,
    attachments: [],
    pipeline: null,
    variable: 's',
    ...extra,
  };
}
export const key = (i: number, name: string) => range(3, 10 + 20 * i, 10 + 20 * i + name.length);
export const val = (i: number) => range(3, 20 + 20 * i, 28 + 20 * i);

export const NOW = new Date('2026-12-01T12:00:00Z');
export const NONE: AnalysisOptions = { orchestrator: null, now: NOW };
export const on = (flavor: string, more: Partial<OrchestratorContext> = {}): AnalysisOptions => ({ orchestrator: { flavor, source: 'setting', ...more }, now: NOW });
export const doc = (schedules: DiscoveredSchedule[], more: Partial<DiscoveryResult> = {}): DiscoveryResult => ({ ...emptyDiscovery(), schedules, ...more });

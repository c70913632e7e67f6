// Whole-module resolution: from the facts of every parsed unit to the
// module's schedules (which variable holds which Schedule, which pipeline a
// call is made on, which constant a name stands for), with document ranges.

import type { LineIndex } from './lineIndex';
import type { AssignmentFact, AttachmentFact, ScheduleCallFact, UnitFacts } from './pythonFacts';
import { readInField, type RawValue, type Span } from './pythonValues';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range } from './types';

/** Facts of one parsed piece, placed at its document offset. */
export interface PlacedFacts {
  start: number;
  facts: UnitFacts;
}

/** Combines the facts of all units into the module's schedules (added to `result`). */
export function assemble(placed: PlacedFacts[], lines: LineIndex, result: DiscoveryResult): void {
  const assignments: AssignmentFact[] = [];
  const calls: { fact: ScheduleCallFact; base: number }[] = [];
  const attachments: { fact: AttachmentFact; base: number }[] = [];
  const pipelineFunctions = new Set<string>();
  for (const { start, facts } of placed) {
    for (const a of facts.assignments) assignments.push({ ...a, at: a.at + start, valueFrom: a.valueFrom + start, literal: shiftValue(a.literal, start) });
    for (const fact of facts.schedules) calls.push({ fact, base: start });
    for (const fact of facts.attachments) attachments.push({ fact, base: start });
    for (const name of facts.pipelineFunctions) pipelineFunctions.add(name);
    for (const span of facts.decoratorScheduleArgs) result.pipelineDecoratorScheduleArgs.push(toRange(span, start, lines));
  }
  assignments.sort((a, b) => a.at - b.at);

  const byStart = new Map<number, DiscoveredSchedule>();
  for (const { fact, base } of calls) {
    const schedule: DiscoveredSchedule = {
      language: 'python',
      range: toRange(fact.span, base, lines),
      nameRange: toRange(fact.nameSpan, base, lines),
      fields: fact.fields.map((field) => ({
        name: field.name,
        keyRange: toRange(field.keySpan, base, lines),
        value: toFieldValue(resolveConstant(field.value, base, field.name, assignments), 0, lines),
      })),
      hasOpaqueArguments: fact.opaque,
      attachments: [],
      pipeline: null,
      variable: fact.assignedTo,
    };
    byStart.set(fact.span.from + base, schedule);
    result.schedules.push(schedule);
  }

  for (const { fact, base } of attachments) {
    const target = attachedSchedule(fact, base, assignments, byStart);
    if (!target) continue;
    const pipeline = fact.receiver;
    target.attachments.push({ via: fact.via, keywordRange: toRange(fact.keywordSpan, base, lines), pipeline });
    if (target.pipeline === null && pipeline !== null) {
      target.pipeline = pipelineName(pipeline, fact.keywordSpan.from + base, assignments, pipelineFunctions);
    }
  }
}

function attachedSchedule(
  fact: AttachmentFact,
  base: number,
  assignments: AssignmentFact[],
  byStart: Map<number, DiscoveredSchedule>,
): DiscoveredSchedule | undefined {
  if (fact.value.kind === 'call') return byStart.get(fact.value.at + base);
  if (fact.value.kind !== 'name') return undefined;
  const assignment = nearestAssignment(assignments, fact.value.name, fact.value.at + base, true);
  return assignment ? byStart.get(assignment.valueFrom) : undefined;
}

/** The nearest assignment of `name` before `offset`; with `orAfter`, else the first one after. */
function nearestAssignment(assignments: AssignmentFact[], name: string, offset: number, orAfter: boolean): AssignmentFact | undefined {
  let before: AssignmentFact | undefined;
  let after: AssignmentFact | undefined;
  for (const assignment of assignments) {
    if (assignment.name !== name) continue;
    if (assignment.at < offset) before = assignment;
    else if (!after) after = assignment;
  }
  return before ?? (orAfter ? after : undefined);
}

/** A decorated pipeline function's name, through `instance = my_pipeline(...)` when needed. */
function pipelineName(receiver: string, offset: number, assignments: AssignmentFact[], pipelineFunctions: Set<string>): string {
  if (pipelineFunctions.has(receiver)) return receiver;
  const assignment = nearestAssignment(assignments, receiver, offset, false);
  if (assignment?.calleePath && pipelineFunctions.has(assignment.calleePath)) return assignment.calleePath;
  return receiver;
}

/** A bare name used as a value: the literal of its nearest preceding assignment, else unknown. */
function resolveConstant(value: RawValue, base: number, field: string, assignments: AssignmentFact[]): RawValue {
  const placed = shiftValue(value, base);
  if (placed.kind !== 'name') return placed;
  const assignment = nearestAssignment(assignments, placed.name, placed.span.from, false);
  const literal = assignment?.literal;
  if (!literal) return { kind: 'unknown', text: placed.name, span: placed.span };
  return readInField(literal, field);
}

function shiftValue<T extends RawValue | null>(value: T, by: number): T {
  if (value === null || by === 0) return value;
  const shift = (span: Span): Span => ({ from: span.from + by, to: span.to + by });
  const moved = { ...value, span: shift(value.span) } as RawValue;
  if (moved.kind === 'string') {
    moved.parts = moved.parts.map(shift);
    if (moved.contentStart !== undefined) moved.contentStart += by;
  }
  if (moved.kind === 'datetime' && moved.argsEnd !== undefined) moved.argsEnd += by;
  return moved as T;
}

function toRange(span: Span, base: number, lines: LineIndex): Range {
  return lines.range(span.from + base, span.to + base);
}

function toFieldValue(value: RawValue, base: number, lines: LineIndex): FieldValue {
  const range = toRange(value.span, base, lines);
  switch (value.kind) {
    case 'string': {
      const out: FieldValue = { kind: 'string', value: value.value, range, parts: value.parts.map((p) => toRange(p, base, lines)) };
      if (value.contentStart !== undefined) out.contentStart = lines.position(value.contentStart + base);
      return out;
    }
    case 'number':
    case 'bool':
      return { kind: value.kind, value: value.value, range } as FieldValue;
    case 'none':
      return { kind: 'none', range };
    case 'datetime': {
      const out: FieldValue = { kind: 'datetime', iso: value.iso, aware: value.aware, source: value.source, range };
      if (value.argsEnd !== undefined) out.argsEnd = lines.position(value.argsEnd + base);
      if (value.hasArgs !== undefined) out.hasArgs = value.hasArgs;
      return out;
    }
    case 'unknown':
      return { kind: 'unknown', text: value.text, range };
    case 'name':
      return { kind: 'unknown', text: value.name, range };
  }
}

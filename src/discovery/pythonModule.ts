// Whole-module resolution: from the facts of every parsed unit to the
// module's schedules (which variable holds which Schedule, which pipeline a
// call is made on, which constant a name stands for), with document ranges.

import { setScheduleTimezone } from './databricksZone';
import type { LineIndex } from './lineIndex';
import type { AssignmentFact, AttachmentFact, PassedValue, ReturnFact, ScheduleCallFact, UnitFacts } from './pythonFacts';
import { readInField, type RawValue, type Span } from './pythonValues';
import type { DiscoveredSchedule, DiscoveryResult, FieldValue, Range } from './types';

/** Facts of one parsed piece, placed at its document offset. */
export interface PlacedFacts {
  start: number;
  /** The scope of its names: the start of the top-level def/class it belongs to, or -1 for the module. */
  scope: number;
  facts: UnitFacts;
  /** The top-level function the piece is part of, and how deep its own `return`s sit in the piece. */
  function?: { name: string; depth: number };
}

/** A `return` of a top-level function, placed in the document. */
interface PlacedReturn {
  fact: ReturnFact;
  base: number;
  scope: number;
}

/** What the module knows while attaching: its assignments, its Schedules by start, and its functions' returns. */
interface ModuleFacts {
  assignments: PlacedAssignment[];
  byStart: Map<number, DiscoveredSchedule>;
  returns: Map<string, PlacedReturn[]>;
}

/** An assignment placed in the document, with the scope it binds in. */
type PlacedAssignment = AssignmentFact & { scope: number };

/** Combines the facts of all units into the module's schedules (added to `result`). */
export function assemble(placed: PlacedFacts[], lines: LineIndex, result: DiscoveryResult): void {
  const assignments: PlacedAssignment[] = [];
  const calls: { fact: ScheduleCallFact; base: number }[] = [];
  const attachments: { fact: AttachmentFact; base: number; scope: number }[] = [];
  const pipelineFunctions = new Set<string>();
  const returns = new Map<string, PlacedReturn[]>();
  const zones: string[] = [];
  for (const { start, scope, facts, function: owner } of placed) {
    for (const zone of facts.scheduleTimezones) if (!zones.includes(zone)) zones.push(zone);
    if (owner) {
      for (const fact of facts.returns) {
        if (fact.depth !== owner.depth) continue;
        const list = returns.get(owner.name) ?? [];
        list.push({ fact, base: start, scope });
        returns.set(owner.name, list);
      }
    }
    for (const a of facts.assignments) {
      const blocks = a.blocks.map((b) => b + start);
      assignments.push({ ...a, at: a.at + start, valueFrom: a.valueFrom + start, literal: shiftValue(a.literal, start), scope, blocks });
    }
    for (const fact of facts.schedules) calls.push({ fact, base: start });
    for (const fact of facts.attachments) attachments.push({ fact, base: start, scope });
    for (const name of facts.pipelineFunctions) pipelineFunctions.add(name);
    for (const span of facts.decoratorScheduleArgs) result.pipelineDecoratorScheduleArgs.push(toRange(span, start, lines));
    for (const fact of facts.attachments) {
      if (fact.value.kind === 'class') result.scheduleClassArgs.push(toRange(fact.value.span, start, lines));
    }
    for (const flavor of facts.settingsFlavors) if (!result.settingsFlavors.includes(flavor)) result.settingsFlavors.push(flavor);
    if (facts.scheduleTimezone) result.scheduleTimezoneSet = true;
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

  const known: ModuleFacts = { assignments, byStart, returns };
  for (const { fact, base, scope } of attachments) {
    const targets = passedSchedules(fact, base, scope, known, new Set());
    const pipeline = fact.receiver;
    for (const target of targets) {
      target.attachments.push({ via: fact.via, keywordRange: toRange(fact.keywordSpan, base, lines), pipeline });
      if (target.pipeline === null && pipeline !== null) {
        target.pipeline = pipelineName(pipeline, fact.keywordSpan.from + base, scope, assignments, pipelineFunctions, 0);
      }
    }
  }
  // The zone Databricks reads the module's crons in, when the module sets exactly one literal schedule_timezone.
  setScheduleTimezone(result, zones);
}

/**
 * The Schedules an attachment (or a `return`) passes. A variable may hold one of several: every assignment of it
 * that can reach the use counts (`if daily: s = Schedule(...) else: s = Schedule(...)`). An assignment is hidden
 * by a later one that always runs before the use (one in no conditional block the use is not also in), as
 * Python's own reading goes. Looked up in the use's scope, then the module's, then anywhere (`global s` in
 * another function); with none before it (a function defined above its module-level variable), the first
 * assignment after it. A call to a function of the module (`make_schedule(...)`, directly or through a variable
 * bound to it) passes every Schedule that function returns: each `return` is a branch.
 */
function passedSchedules(
  fact: { value: PassedValue; blocks: number[] },
  base: number,
  scope: number,
  known: ModuleFacts,
  visiting: Set<string>,
): DiscoveredSchedule[] {
  const { assignments, byStart } = known;
  if (fact.value.kind === 'call') {
    const target = byStart.get(fact.value.at + base);
    return target ? [target] : [];
  }
  if (fact.value.kind === 'returnedBy') return returnedSchedules(fact.value.callee, known, visiting);
  if (fact.value.kind !== 'name') return [];
  const name = fact.value.name;
  const at = fact.value.at + base;
  const useBlocks = new Set(fact.blocks.map((b) => b + base));
  const valueOf = (a: PlacedAssignment): DiscoveredSchedule[] => {
    const schedule = byStart.get(a.valueFrom);
    if (schedule) return [schedule];
    return a.calleePath !== null && !a.calleePath.includes('.') ? returnedSchedules(a.calleePath, known, visiting) : [];
  };
  const found = (list: PlacedAssignment[]) => unique(list.flatMap(valueOf));
  const scopes = scope === -1 ? [-1, null] : [scope, -1, null];
  for (const where of scopes) {
    const candidates = assignments.filter((a) => a.name === name && (where === null || a.scope === where));
    if (candidates.length === 0) continue;
    const before = candidates.filter((a) => a.at < at);
    if (before.length === 0) return found(candidates.slice(0, 1));
    const alwaysRuns = (a: PlacedAssignment) => a.blocks.every((b) => useBlocks.has(b));
    return found(before.filter((a) => !before.some((later) => later.at > a.at && alwaysRuns(later))));
  }
  return [];
}

/** Every Schedule a top-level function of the module returns (none for a function it does not define). */
function returnedSchedules(functionName: string, known: ModuleFacts, visiting: Set<string>): DiscoveredSchedule[] {
  const returns = known.returns.get(functionName);
  // A function that calls itself (or two that call each other) adds nothing more.
  if (!returns || visiting.has(functionName)) return [];
  visiting.add(functionName);
  const schedules = unique(returns.flatMap(({ fact, base, scope }) => passedSchedules(fact, base, scope, known, visiting)));
  visiting.delete(functionName);
  return schedules;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The nearest assignment of `name` before `offset` in `scope`, else in the module. */
function nearestAssignment(assignments: PlacedAssignment[], name: string, offset: number, scope: number): PlacedAssignment | undefined {
  for (const where of scope === -1 ? [-1] : [scope, -1]) {
    let before: PlacedAssignment | undefined;
    for (const assignment of assignments) {
      if (assignment.name === name && assignment.scope === where && assignment.at < offset) before = assignment;
    }
    if (before) return before;
  }
  return undefined;
}

/** Methods that return the pipeline they are called on. */
const PIPELINE_RETURNING = ['with_options', 'configure'];

/**
 * The pipeline a receiver stands for: a decorated pipeline function's name, followed through
 * `instance = my_pipeline(...)` (the legacy class-based API, where calling the pipeline makes an instance
 * that `.run(schedule=...)` is called on), `p = my_pipeline.with_options(...)` and `p = other_name`.
 */
function pipelineName(
  receiver: string,
  offset: number,
  scope: number,
  assignments: PlacedAssignment[],
  pipelineFunctions: Set<string>,
  depth: number,
): string {
  if (pipelineFunctions.has(receiver) || depth > 8) return receiver;
  const assignment = nearestAssignment(assignments, receiver, offset, scope);
  if (!assignment) return receiver;
  const follow = (name: string) => pipelineName(name, assignment.at, assignment.scope, assignments, pipelineFunctions, depth + 1);
  if (assignment.calleePath) {
    const method = PIPELINE_RETURNING.find((m) => assignment.calleePath!.endsWith(`.${m}`));
    return follow(method ? assignment.calleePath.slice(0, -method.length - 1) : assignment.calleePath);
  }
  if (assignment.valuePath) return follow(assignment.valuePath);
  return receiver;
}

/** A bare name used as a value: the literal of its nearest preceding assignment, else unknown. */
function resolveConstant(value: RawValue, base: number, field: string, assignments: PlacedAssignment[]): RawValue {
  const placed = shiftValue(value, base);
  if (placed.kind !== 'name') return placed;
  // Constants are module-level names (CRON = "0 3 * * *"); a function's own variables are not followed.
  const assignment = nearestAssignment(assignments, placed.name, placed.span.from, -1);
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

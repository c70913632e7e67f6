// What one parsed unit of Python says about schedules, as plain data with
// offsets relative to the unit. Whole-module questions (which variable holds
// which Schedule, which pipeline a call is made on) are answered later, from
// the facts of every unit.

import type { SyntaxNode, Tree } from '@lezer/common';
import { databricksZonesInTree } from './databricksZone';
import type { ImportFact, PythonNames } from './pythonNames';
import { callArguments, children, dottedPath } from './pythonSyntax';
import { ValueEvaluator, unwrapParentheses, type RawValue, type Span } from './pythonValues';
import type { AttachmentVia } from './types';

export interface ScheduleCallFact {
  span: Span;
  nameSpan: Span;
  fields: { name: string; keySpan: Span; value: RawValue }[];
  opaque: boolean;
  assignedTo: string | null;
}

export interface AttachmentFact {
  via: Exclude<AttachmentVia, 'yaml'>;
  keywordSpan: Span;
  /** The object the method is called on (`p` in `p.with_options`, `p` in `p().run`), as a dotted path. */
  receiver: string | null;
  /** The schedule passed (see PassedValue). */
  value: PassedValue;
  /** The conditional blocks it sits in (see conditionalBlocks). */
  blocks: number[];
}

/**
 * A schedule passed or returned: a Schedule call (by its start offset), a variable, a call to another function
 * (whose returned Schedules it stands for, `schedule=make_schedule("prod")`), the class itself, or something else.
 */
export type PassedValue =
  | { kind: 'call'; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'returnedBy'; callee: string; at: number }
  | { kind: 'class'; span: Span }
  | { kind: 'other' };

/** `return <value>` in a function. */
export interface ReturnFact {
  at: number;
  value: PassedValue;
  /** The conditional blocks it sits in (see conditionalBlocks). */
  blocks: number[];
  /** How many function or class definitions enclose it inside the parsed piece. */
  depth: number;
}

export interface AssignmentFact {
  name: string;
  /** Start of the assignment statement. */
  at: number;
  /** Start of the assigned expression. */
  valueFrom: number;
  /** The value when it is known statically (module constants): a string, number, bool or datetime. */
  literal: RawValue | null;
  /** The callee when the value is a call (`instance = my_pipeline(...)`). */
  calleePath: string | null;
  /** The value when it is a plain name or dotted path (`instance = empty_pipeline`). */
  valuePath: string | null;
  /** The conditional blocks it sits in (see conditionalBlocks). */
  blocks: number[];
}

export interface UnitFacts {
  schedules: ScheduleCallFact[];
  attachments: AttachmentFact[];
  assignments: AssignmentFact[];
  /** `return` statements with a value that may be a schedule. */
  returns: ReturnFact[];
  /** Functions decorated with ZenML's @pipeline. */
  pipelineFunctions: string[];
  /** `schedule=` keywords in @pipeline(...) decorators. */
  decoratorScheduleArgs: Span[];
  /** Flavors named by `"orchestrator.<flavor>"` keys of `settings=` dictionaries. */
  settingsFlavors: string[];
  /** A `schedule_timezone=` keyword or `"schedule_timezone"` key was seen. */
  scheduleTimezone: boolean;
  /** Its literal values (DatabricksOrchestratorSettings(...) or a settings dict), distinct, in order. */
  scheduleTimezones: string[];
}

const ATTACHING_METHODS = new Set(['with_options', 'configure', 'run']);

export function extractImports(tree: Tree, text: string): ImportFact[] {
  const imports: ImportFact[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'ImportStatement') return;
      const node = ref.node;
      const topLevel = node.parent?.name === 'Script' && (node.from === 0 || text[node.from - 1] === '\n');
      imports.push(...importBindings(node, text, topLevel));
      return false;
    },
  });
  return imports;
}

function importBindings(node: SyntaxNode, text: string, topLevel: boolean): ImportFact[] {
  const tokens = children(node).filter((c) => !c.type.isError);
  const source = (n: SyntaxNode): string => text.slice(n.from, n.to);
  const facts: ImportFact[] = [];
  const end = node.to;
  if (tokens[0]?.name === 'from') {
    let i = 1;
    let module = '';
    while (i < tokens.length && tokens[i].name !== 'import') module += source(tokens[i++]);
    i++; // `import`
    for (; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.name === '*') facts.push({ form: 'from', module, name: '*', alias: null, topLevel, end });
      if (token.name !== 'VariableName') continue;
      let alias: string | null = null;
      if (tokens[i + 1]?.name === 'as' && tokens[i + 2]?.name === 'VariableName') {
        alias = source(tokens[i + 2]);
        i += 2;
      }
      facts.push({ form: 'from', module, name: source(token), alias, topLevel, end });
    }
    return facts;
  }
  // import a.b.c [as x], d
  let module = '';
  let alias: string | null = null;
  const flush = (): void => {
    if (module) facts.push({ form: 'import', module, name: null, alias, topLevel, end });
    module = '';
    alias = null;
  };
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.name === ',') flush();
    else if (token.name === 'as' && tokens[i + 1]?.name === 'VariableName') {
      alias = source(tokens[i + 1]);
      i++;
    } else if (token.name === 'VariableName' || token.name === '.') module += source(token);
  }
  flush();
  return facts;
}

export function extractFacts(tree: Tree, text: string, names: PythonNames): UnitFacts {
  const facts: UnitFacts = {
    schedules: [],
    attachments: [],
    assignments: [],
    returns: [],
    pipelineFunctions: [],
    decoratorScheduleArgs: [],
    settingsFlavors: [],
    scheduleTimezone: false,
    scheduleTimezones: databricksZonesInTree(tree, text),
  };
  const evaluator = new ValueEvaluator(text, names);
  tree.iterate({
    enter(ref) {
      switch (ref.name) {
        case 'CallExpression':
          visitCall(ref.node, text, names, evaluator, facts);
          break;
        case 'AssignStatement':
          visitAssignment(ref.node, text, evaluator, facts);
          break;
        case 'DecoratedStatement':
          visitDecorated(ref.node, text, names, facts);
          break;
        case 'ArgList':
          visitSettings(ref.node, text, evaluator, facts);
          break;
        case 'ReturnStatement':
          visitReturn(ref.node, text, names, facts);
          break;
      }
    },
  });
  return facts;
}

function visitCall(node: SyntaxNode, text: string, names: PythonNames, evaluator: ValueEvaluator, facts: UnitFacts): void {
  const callee = node.firstChild;
  const argList = node.lastChild;
  if (!callee || !argList || argList.name !== 'ArgList') return;
  const path = dottedPath(callee, text);
  if (path !== null && names.schedule.has(path)) {
    facts.schedules.push(scheduleCall(node, callee, argList, text, evaluator));
    return;
  }
  if (callee.name !== 'MemberExpression' || callee.lastChild?.name !== 'PropertyName') return;
  const method = text.slice(callee.lastChild.from, callee.lastChild.to);
  if (!ATTACHING_METHODS.has(method)) return;
  const scheduleArg = callArguments(argList).find((a) => a.keyword && text.slice(a.keyword.from, a.keyword.to) === 'schedule');
  if (!scheduleArg || !scheduleArg.keyword) return;
  const object = callee.firstChild;
  facts.attachments.push({
    via: method as AttachmentFact['via'],
    keywordSpan: { from: scheduleArg.keyword.from, to: scheduleArg.keyword.to },
    receiver: object ? receiverName(object, text) : null,
    value: attachedValue(scheduleArg.value, text, names),
    blocks: conditionalBlocks(node),
  });
}

/** Statements whose blocks may not run (or run more than once): a branch of an if, a loop body, try/except. */
const CONDITIONAL_STATEMENTS = new Set(['IfStatement', 'ForStatement', 'WhileStatement', 'TryStatement', 'MatchStatement', 'MatchClause']);

/**
 * The start offsets of the conditional blocks around a node, innermost first: an assignment in no block
 * that the later use is not also in always runs before that use, and hides earlier assignments.
 */
function conditionalBlocks(node: SyntaxNode): number[] {
  const blocks: number[] = [];
  for (let at: SyntaxNode | null = node.parent; at; at = at.parent) {
    if ((at.name === 'Body' || at.name === 'MatchBody') && at.parent && CONDITIONAL_STATEMENTS.has(at.parent.name)) blocks.push(at.from);
  }
  return blocks;
}

function scheduleCall(node: SyntaxNode, callee: SyntaxNode, argList: SyntaxNode, text: string, evaluator: ValueEvaluator): ScheduleCallFact {
  const nameNode = callee.name === 'MemberExpression' && callee.lastChild ? callee.lastChild : callee;
  const fields: ScheduleCallFact['fields'] = [];
  let opaque = false;
  for (const arg of callArguments(argList)) {
    if (!arg.keyword) {
      opaque = true;
      continue;
    }
    const name = text.slice(arg.keyword.from, arg.keyword.to);
    const value: RawValue = arg.value
      ? evaluator.evaluate(arg.value, name)
      : { kind: 'unknown', text: '', span: { from: arg.keyword.to + 1, to: arg.keyword.to + 1 } };
    fields.push({ name, keySpan: { from: arg.keyword.from, to: arg.keyword.to }, value });
  }
  return {
    span: { from: node.from, to: node.to },
    nameSpan: { from: nameNode.from, to: nameNode.to },
    fields,
    opaque,
    assignedTo: assignedName(node, text),
  };
}

/** `x = <node>` / `x: T = <node>`: x; else null. */
function assignedName(node: SyntaxNode, text: string): string | null {
  const parent = node.parent;
  if (!parent || parent.name !== 'AssignStatement' || node.nextSibling) return null;
  let before = node.prevSibling;
  if (before?.name !== 'AssignOp') return null;
  before = before.prevSibling;
  if (before?.name === 'TypeDef') before = before.prevSibling;
  return before?.name === 'VariableName' ? text.slice(before.from, before.to) : null;
}

/** `p` for `p.m(...)`, `p().m(...)` and `p.with_options(...).m(...)`. */
function receiverName(object: SyntaxNode, text: string): string | null {
  const inner = unwrapParentheses(object);
  if (inner.name === 'CallExpression' && inner.firstChild) {
    const callee = inner.firstChild;
    const method = callee.name === 'MemberExpression' ? callee.lastChild : null;
    if (method?.name === 'PropertyName' && CHAINABLE_METHODS.has(text.slice(method.from, method.to)) && callee.firstChild) {
      return receiverName(callee.firstChild, text);
    }
    return dottedPath(callee, text);
  }
  return dottedPath(inner, text);
}

/** Methods that return the pipeline again, so calls can be chained on them. */
const CHAINABLE_METHODS = new Set(['with_options']);

/** `return Schedule(...)`, `return schedule`, `return make_schedule(...)`: kept for the callers of the function. */
function visitReturn(node: SyntaxNode, text: string, names: PythonNames, facts: UnitFacts): void {
  const value = children(node).find((c) => c.name !== 'return' && !c.type.isError);
  if (!value) return;
  const passed = attachedValue(value, text, names);
  if (passed.kind === 'other' || passed.kind === 'class') return;
  let depth = 0;
  for (let at: SyntaxNode | null = node.parent; at; at = at.parent) {
    if (at.name === 'FunctionDefinition' || at.name === 'ClassDefinition' || at.name === 'LambdaExpression') depth++;
  }
  facts.returns.push({ at: node.from, value: passed, blocks: conditionalBlocks(node), depth });
}

function attachedValue(value: SyntaxNode | null, text: string, names: PythonNames): PassedValue {
  if (!value) return { kind: 'other' };
  const inner = unwrapParentheses(value);
  const path = dottedPath(inner, text);
  // `schedule=Schedule`: the class itself.
  if (path !== null && names.schedule.has(path)) return { kind: 'class', span: { from: inner.from, to: inner.to } };
  if (inner.name === 'VariableName') return { kind: 'name', name: text.slice(inner.from, inner.to), at: inner.from };
  if (inner.name === 'CallExpression' && inner.firstChild) {
    const path = dottedPath(inner.firstChild, text);
    if (path !== null && names.schedule.has(path)) return { kind: 'call', at: inner.from };
    // A plain function of this module (`make_schedule(...)`); methods and other modules' functions are not followed.
    if (inner.firstChild.name === 'VariableName' && path !== null) return { kind: 'returnedBy', callee: path, at: inner.from };
  }
  return { kind: 'other' };
}

/**
 * `settings={"orchestrator.kubeflow": ...}` in any call or decorator names the flavor the pipeline targets;
 * `schedule_timezone=...` (DatabricksOrchestratorSettings) or a `"schedule_timezone"` key sets Databricks' zone.
 */
function visitSettings(argList: SyntaxNode, text: string, evaluator: ValueEvaluator, facts: UnitFacts): void {
  for (const arg of callArguments(argList)) {
    if (!arg.keyword) continue;
    const keyword = text.slice(arg.keyword.from, arg.keyword.to);
    if (keyword === 'schedule_timezone') facts.scheduleTimezone = true;
    if (keyword !== 'settings' || !arg.value) continue;
    const dict = unwrapParentheses(arg.value);
    if (dict.name !== 'DictionaryExpression') continue;
    for (const entry of children(dict)) {
      const key = evaluator.staticString(entry);
      if (!key || entry.nextSibling?.name !== ':') continue;
      if (key.value.startsWith('orchestrator.')) {
        const flavor = key.value.slice('orchestrator.'.length);
        if (flavor && !facts.settingsFlavors.includes(flavor)) facts.settingsFlavors.push(flavor);
      }
      const value = entry.nextSibling.nextSibling;
      if (value && text.slice(value.from, value.to).includes('schedule_timezone')) facts.scheduleTimezone = true;
    }
  }
}

function visitAssignment(node: SyntaxNode, text: string, evaluator: ValueEvaluator, facts: UnitFacts): void {
  const value = node.lastChild;
  const first = node.firstChild;
  if (!value || !first || first.name !== 'VariableName' || value === first) return;
  const before = value.prevSibling;
  if (before?.name !== 'AssignOp') return;
  const name = text.slice(first.from, first.to);
  const inner = unwrapParentheses(value);
  const calleePath = inner.name === 'CallExpression' && inner.firstChild ? dottedPath(inner.firstChild, text) : null;
  const valuePath = dottedPath(inner, text);
  const evaluated = evaluator.evaluate(inner, '');
  const literal = CONSTANT_KINDS.has(evaluated.kind) ? evaluated : null;
  facts.assignments.push({ name, at: node.from, valueFrom: inner.from, literal, calleePath, valuePath, blocks: conditionalBlocks(node) });
}

/** Values a module constant can give to a Schedule field (`CRON = "0 3 * * *"`, `EVERY = timedelta(hours=1)`). */
const CONSTANT_KINDS = new Set<RawValue['kind']>(['string', 'number', 'bool', 'datetime']);

function visitDecorated(node: SyntaxNode, text: string, names: PythonNames, facts: UnitFacts): void {
  const parts = children(node);
  const definition = parts.find((c) => c.name === 'FunctionDefinition');
  const functionName = definition?.getChild('VariableName');
  for (const decorator of parts) {
    if (decorator.name !== 'Decorator') continue;
    let path = '';
    let argList: SyntaxNode | null = null;
    for (const token of children(decorator)) {
      if (token.name === 'VariableName' || token.name === '.') path += text.slice(token.from, token.to);
      else if (token.name === 'ArgList') argList = token;
    }
    if (!names.pipelineDecorator.has(path)) continue;
    if (functionName) facts.pipelineFunctions.push(text.slice(functionName.from, functionName.to));
    if (!argList) continue;
    for (const arg of callArguments(argList)) {
      if (arg.keyword && text.slice(arg.keyword.from, arg.keyword.to) === 'schedule') {
        facts.decoratorScheduleArgs.push({ from: arg.keyword.from, to: arg.keyword.to });
      }
    }
  }
}

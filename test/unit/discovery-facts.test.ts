// Exact facts of one parsed unit (extractFacts in pythonFacts.ts): Schedule calls with their fields and the
// variable they are assigned to, attachments (with_options / configure / run) with the receiver, the value
// passed and the conditional blocks around them, assignments (module constants, calls, aliases), returns
// with their blocks and depth, @pipeline functions, schedule= in decorators, settings flavors and the
// Databricks schedule_timezone. Offsets are found in the source with indexOf; a block is identified by
// the offset of its Body node, which starts at the `:` of its header.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parser } from '@lezer/python';
import { extractFacts, extractImports } from '../../src/discovery/pythonFacts';
import { resolveNames } from '../../src/discovery/pythonNames';
import { offsetOf } from './discovery-helpers';

function factsOf(text: string) {
  const tree = parser.parse(text);
  return extractFacts(tree, text, resolveNames(extractImports(tree, text)));
}


function span(text: string, needle: string, nth = 0): { from: number; to: number } {
  const from = offsetOf(text, needle, nth);
  return { from, to: from + needle.length };
}

describe('extractFacts: a run script', () => {
  const text = [
    'from zenml.config.schedule import Schedule',
    'from pipelines import train',
    '',
    'CRON = "0 3 * * *"',
    'EVERY: int = 3600',
    'instance = train.with_options(enable_cache=False)',
    'alias = train',
    'nightly = Schedule(name="nightly", cron_expression=CRON)',
    'if PROD:',
    '    train.with_options(schedule=nightly)()',
    'else:',
    '    instance.configure(schedule=Schedule)',
    'train().run(schedule=make())',
    'train.with_options(schedule=nightly).with_options(enable_cache=True).run(schedule=(nightly))',
    '',
  ].join('\n');

  it('every fact', () => {
    const call = span(text, 'Schedule(name="nightly", cron_expression=CRON)');
    const nightlyLiteral = span(text, '"nightly"');
    const cronLiteral = span(text, '"0 3 * * *"');
    const ifBody = offsetOf(text, ':\n    train');
    // The 8 characters at the start of needle (`schedule` / `Schedule`).
    const keyword = (needle: string, nth = 0) => ({ from: offsetOf(text, needle, nth), to: offsetOf(text, needle, nth) + 8 });
    const elseBody = offsetOf(text, ':\n    instance');
    assert.deepEqual(factsOf(text), {
      schedules: [
        {
          span: call,
          nameSpan: { from: call.from, to: call.from + 'Schedule'.length },
          fields: [
            { name: 'name', keySpan: { from: offsetOf(text, 'name='), to: offsetOf(text, 'name=') + 4 }, value: { kind: 'string', value: 'nightly', span: nightlyLiteral, parts: [nightlyLiteral], contentStart: nightlyLiteral.from + 1 } },
            { name: 'cron_expression', keySpan: span(text, 'cron_expression'), value: { kind: 'name', name: 'CRON', span: span(text, 'CRON', 1) } },
          ],
          opaque: false,
          assignedTo: 'nightly',
        },
      ],
      attachments: [
        { via: 'with_options', keywordSpan: keyword('schedule=nightly'), receiver: 'train', value: { kind: 'name', name: 'nightly', at: offsetOf(text, 'nightly)()') }, blocks: [ifBody] },
        { via: 'configure', keywordSpan: keyword('schedule=Schedule'), receiver: 'instance', value: { kind: 'class', span: keyword('Schedule)\n') }, blocks: [elseBody] },
        { via: 'run', keywordSpan: keyword('schedule=make'), receiver: 'train', value: { kind: 'returnedBy', callee: 'make', at: offsetOf(text, 'make()') }, blocks: [] },
        // The chain: run(...) on with_options(...).with_options(...) is the pipeline `train`, visited before the inner call.
        { via: 'run', keywordSpan: keyword('schedule=(nightly)'), receiver: 'train', value: { kind: 'name', name: 'nightly', at: offsetOf(text, 'nightly))') }, blocks: [] },
        { via: 'with_options', keywordSpan: keyword('schedule=nightly', 1), receiver: 'train', value: { kind: 'name', name: 'nightly', at: offsetOf(text, 'nightly).with') }, blocks: [] },
      ],
      assignments: [
        { name: 'CRON', at: offsetOf(text, 'CRON ='), valueFrom: cronLiteral.from, literal: { kind: 'string', value: '0 3 * * *', span: cronLiteral, parts: [cronLiteral], contentStart: cronLiteral.from + 1 }, calleePath: null, valuePath: null, blocks: [] },
        { name: 'EVERY', at: offsetOf(text, 'EVERY'), valueFrom: offsetOf(text, '3600'), literal: { kind: 'number', value: 3600, span: span(text, '3600') }, calleePath: null, valuePath: null, blocks: [] },
        { name: 'instance', at: offsetOf(text, 'instance ='), valueFrom: offsetOf(text, 'train.with_options(enable'), literal: null, calleePath: 'train.with_options', valuePath: null, blocks: [] },
        { name: 'alias', at: offsetOf(text, 'alias'), valueFrom: offsetOf(text, 'train\nnightly'), literal: null, calleePath: null, valuePath: 'train', blocks: [] },
        { name: 'nightly', at: offsetOf(text, 'nightly ='), valueFrom: call.from, literal: null, calleePath: 'Schedule', valuePath: null, blocks: [] },
      ],
      returns: [],
      pipelineFunctions: [],
      decoratorScheduleArgs: [],
      settingsFlavors: [],
      scheduleTimezone: false,
      scheduleTimezones: [],
    });
  });
});

describe('extractFacts: pipelines, helpers and settings', () => {
  const text = [
    'from zenml import pipeline',
    'from zenml.config.schedule import Schedule',
    '',
    '',
    '@pipeline(schedule=Schedule(cron_expression="0 3 * * *"), settings={"orchestrator.kubeflow": {}, "orchestrator.": {}, 1: {}, "docker": {}})',
    'def train():',
    '    ...',
    '',
    '',
    'def make(kind):',
    '    for _ in range(2):',
    '        if kind:',
    '            return Schedule(interval_second=60)',
    '    return fallback',
    '',
    '',
    'class Holder:',
    '    def get(self):',
    '        return self.schedule',
    '',
    '',
    'settings = {"orchestrator.databricks": DatabricksOrchestratorSettings(schedule_timezone="UTC")}',
    'train.with_options(settings={"orchestrator.vertex": {"schedule_timezone": zone}, "orchestrator.kubeflow": {}})',
    '',
  ].join('\n');

  it('every fact', () => {
    const facts = factsOf(text);
    const decoratorCall = span(text, 'Schedule(cron_expression="0 3 * * *")');
    const returned = span(text, 'Schedule(interval_second=60)');
    assert.deepEqual(
      facts.schedules.map((s) => [s.span, s.nameSpan, s.fields.map((f) => f.name), s.opaque, s.assignedTo]),
      [
        [decoratorCall, { from: decoratorCall.from, to: decoratorCall.from + 8 }, ['cron_expression'], false, null],
        [returned, { from: returned.from, to: returned.from + 8 }, ['interval_second'], false, null],
      ],
    );
    assert.deepEqual(facts.attachments, []);
    assert.deepEqual(facts.returns, [
      // Innermost block first: the if's body, then the for's.
      { at: offsetOf(text, 'return Schedule'), value: { kind: 'call', at: returned.from }, blocks: [offsetOf(text, ':\n            return'), offsetOf(text, ':\n        if')], depth: 1 },
      { at: offsetOf(text, 'return fallback'), value: { kind: 'name', name: 'fallback', at: offsetOf(text, 'fallback') }, blocks: [], depth: 1 },
    ]);
    assert.deepEqual(facts.pipelineFunctions, ['train']);
    assert.deepEqual(facts.decoratorScheduleArgs, [{ from: offsetOf(text, 'schedule=Schedule'), to: offsetOf(text, 'schedule=Schedule') + 8 }]);
    assert.deepEqual(facts.settingsFlavors, ['kubeflow', 'vertex']);
    assert.equal(facts.scheduleTimezone, true);
    assert.deepEqual(facts.scheduleTimezones, ['UTC']);
    assert.deepEqual(
      facts.assignments.map((a) => [a.name, a.literal, a.calleePath, a.valuePath]),
      [['settings', null, null, null]],
    );
  });

  it('schedule_timezone only as a settings key or keyword counts', () => {
    assert.equal(factsOf('f(settings={"orchestrator.databricks": {"schedule_timezone": "UTC"}})\n').scheduleTimezone, true);
    assert.equal(factsOf('f(schedule_timezone=zone)\n').scheduleTimezone, true);
    assert.equal(factsOf('f(settings={"orchestrator.databricks": {"timezone": "UTC"}}, other={"schedule_timezone": 1})\n').scheduleTimezone, false);
    assert.equal(factsOf('f(settings=make_settings(schedule_timezone_name="x"))\n').scheduleTimezone, false);
  });
});

describe('extractFacts: small shapes', () => {
  const HEADER = 'from zenml.config.schedule import Schedule\n';

  it('positional and unpacked arguments make a Schedule opaque; a keyword typed without its value is unknown', () => {
    const text = `${HEADER}a = Schedule("0 3 * * *")\nb = Schedule(**options)\nc = Schedule(cron_expression=)\n`;
    const [a, b, c] = factsOf(text).schedules;
    assert.deepEqual([a.opaque, a.fields], [true, []]);
    assert.deepEqual([b.opaque, b.fields], [true, []]);
    const keyword = offsetOf(text, 'cron_expression=');
    assert.equal(c.opaque, false);
    assert.deepEqual(c.fields, [{ name: 'cron_expression', keySpan: { from: keyword, to: keyword + 15 }, value: { kind: 'unknown', text: '', span: { from: keyword + 16, to: keyword + 16 } } }]);
  });

  it('the assigned name: annotated assignments yes; tuples, attributes and chained calls no', () => {
    const assigned = (statement: string): (string | null)[] => factsOf(`${HEADER}${statement}\n`).schedules.map((s) => s.assignedTo);
    assert.deepEqual(assigned('s: Schedule = Schedule(cron_expression="0 3 * * *")'), ['s']);
    assert.deepEqual(assigned('self.s = Schedule(cron_expression="0 3 * * *")'), [null]);
    assert.deepEqual(assigned('a, b = Schedule(cron_expression="0 3 * * *"), 1'), [null]);
    assert.deepEqual(assigned('s = Schedule(cron_expression="0 3 * * *").copy()'), [null]);
    assert.deepEqual(assigned('s = (Schedule(cron_expression="0 3 * * *"))'), [null]);
    assert.deepEqual(assigned('f(Schedule(cron_expression="0 3 * * *"))'), [null]);
  });

  it('a Schedule through a module alias: the name span is the attribute', () => {
    const text = 'import zenml.config.schedule as zs\ns = zs.Schedule(cron_expression="0 3 * * *")\n';
    const [schedule] = factsOf(text).schedules;
    assert.deepEqual(schedule.nameSpan, span(text, 'Schedule'));
    assert.deepEqual(schedule.span, span(text, 'zs.Schedule(cron_expression="0 3 * * *")'));
  });

  it('attached values: a call of a method or another module is other, parentheses are looked through', () => {
    const values = (arg: string) => factsOf(`${HEADER}p.with_options(schedule=${arg})\n`).attachments.map((a) => a.value.kind);
    assert.deepEqual(values('helpers.make()'), ['other']);
    assert.deepEqual(values('make()()'), ['other']);
    assert.deepEqual(values('(Schedule(cron_expression="0 3 * * *"))'), ['call']);
    assert.deepEqual(values('None'), ['other']);
    assert.deepEqual(values('(nightly)'), ['name']);
    assert.deepEqual(factsOf(`${HEADER}p.with_options(schedule=)\n`).attachments.map((a) => a.value), [{ kind: 'other' }]);
    // Not an attaching method, or no schedule keyword.
    assert.deepEqual(factsOf(`${HEADER}p.deploy(schedule=s)\np.with_options(s)\nwith_options(schedule=s)\n`).attachments, []);
  });

  it('receivers: a call, a chained with_options, parentheses, a subscript', () => {
    const receivers = (code: string) => factsOf(`${HEADER}${code}\n`).attachments.map((a) => a.receiver);
    assert.deepEqual(receivers('pipelines.train.with_options(schedule=s)()'), ['pipelines.train']);
    assert.deepEqual(receivers('(train).with_options(schedule=s)()'), ['train']);
    assert.deepEqual(receivers('train(data=1).run(schedule=s)'), ['train']);
    assert.deepEqual(receivers('registry["train"].with_options(schedule=s)()'), [null]);
    assert.deepEqual(receivers('train.configure(x=1).run(schedule=s)'), ['train.configure']);
  });

  it('conditional blocks: while, try/except, match; a function body is not one', () => {
    const blocks = (code: string): number[][] => {
      const text = `${HEADER}${code}\n`;
      return factsOf(text).attachments.map((a) => a.blocks.map((b) => b - HEADER.length));
    };
    assert.deepEqual(blocks('while x:\n    p.run(schedule=s)'), [[7]]);
    assert.deepEqual(blocks('try:\n    p.run(schedule=s)\nexcept E:\n    p.run(schedule=t)'), [[3], [35]]);
    assert.deepEqual(blocks('def f():\n    p.run(schedule=s)'), [[]]);
    assert.deepEqual(blocks('with ctx:\n    p.run(schedule=s)'), [[]]);
    assert.deepEqual(blocks('match x:\n    case 1:\n        p.run(schedule=s)'), [[19, 7]]);
  });

  it('return depth: every enclosing function or class counts; returns of other things are not kept', () => {
    const text = `${HEADER}def outer():\n    def inner():\n        return s\n    return Schedule\n\ndef other():\n    return None\n`;
    assert.deepEqual(
      factsOf(text).returns.map((r) => [r.value.kind, r.depth]),
      [['name', 2]],
    );
    const method = `${HEADER}class C:\n    def m(self):\n        return make()\n`;
    assert.deepEqual(
      factsOf(method).returns.map((r) => [r.value, r.depth]),
      [[{ kind: 'returnedBy', callee: 'make', at: offsetOf(method, 'make()') }, 2]],
    );
    assert.deepEqual(factsOf(`${HEADER}def f():\n    return\n`).returns, []);
  });

  it('@pipeline functions: every decorator is checked; a decorated class or another decorator is not one', () => {
    const text =
      'from zenml import pipeline\nimport zenml\n\n@other\n@pipeline\ndef a(): ...\n\n@zenml.pipeline(schedule=x, name="b")\ndef b(): ...\n\n@pipeline\nclass C: ...\n\n@step\ndef d(): ...\n';
    const facts = factsOf(text);
    assert.deepEqual(facts.pipelineFunctions, ['a', 'b']);
    assert.deepEqual(facts.decoratorScheduleArgs, [span(text, 'schedule')]);
  });

  it('assignments: only a name on the left and one `=`; constants of every kind', () => {
    const text = `${HEADER}a = b = 1\nx.y = 2\nT = True\nD = datetime(2026, 1, 1)\nN = None\nS = f"{x}"\nk += 1\n`;
    assert.deepEqual(
      factsOf(text).assignments.map((a) => [a.name, a.literal?.kind ?? null, a.valuePath]),
      [
        ['a', 'number', null],
        ['T', 'bool', null],
        ['D', 'datetime', null],
        ['N', null, null],
        ['S', null, null],
      ],
    );
  });
});

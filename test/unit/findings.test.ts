// The findings rules over hand-built discovery results: each code fires where the
// contract says (exact ranges), and only there.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Attachment, DiscoveredSchedule, DiscoveryResult, FieldValue, Range, ScheduleField } from '../../src/discovery/types';
import { emptyDiscovery } from '../../src/discovery';
import { ALL_FINDING_CODES, analyze, analyzeText, editDistance, suggestField } from '../../src/findings';
import type { AnalysisOptions, Finding, OrchestratorContext } from '../../src/findings/types';

// ------------------------------------------------------------------ builders
// A schedule is laid out as Python source on one line, `sched = Schedule(k=v, ...)`,
// so every range the builder hands out points at real text.

const range = (line: number, start: number, end: number, endLine = line): Range => ({
  start: { line, character: start },
  end: { line: endLine, character: end },
});

type ValueSpec = { source: string; make: (r: Range) => FieldValue };

const str = (value: string, plain = true): ValueSpec => ({
  source: JSON.stringify(value),
  make: (r) => ({
    kind: 'string',
    value,
    range: r,
    parts: [r],
    ...(plain ? { contentStart: { line: r.start.line, character: r.start.character + 1 } } : {}),
  }),
});
/** An implicit concatenation "a" "b": no contentStart, two parts. */
const concat = (a: string, b: string): ValueSpec => ({
  source: `${JSON.stringify(a)} ${JSON.stringify(b)}`,
  make: (r) => ({
    kind: 'string',
    value: a + b,
    range: r,
    parts: [range(r.start.line, r.start.character, r.start.character + a.length + 2), range(r.start.line, r.end.character - b.length - 2, r.end.character)],
  }),
});
const num = (value: number, source = String(value)): ValueSpec => ({ source, make: (r) => ({ kind: 'number', value, range: r }) });
const none: ValueSpec = { source: 'None', make: (r) => ({ kind: 'none', range: r }) };
const unknown = (text: string): ValueSpec => ({ source: text, make: (r) => ({ kind: 'unknown', text, range: r }) });
const dt = (source: string, iso: string | null, aware: boolean, kind: 'datetime' | 'now' | 'utcnow' | 'string' = 'datetime'): ValueSpec => ({
  source,
  make: (r) => ({ kind: 'datetime', iso, aware, source: kind, range: r }),
});

const LINE = 3;
const PREFIX = 'sched = ';

interface Built {
  schedule: DiscoveredSchedule;
  text: string;
  /** The key range of a field by name. */
  key(name: string): Range;
  /** The value range of a field by name. */
  value(name: string): Range;
}

function pySchedule(fields: [string, ValueSpec][], extra: Partial<DiscoveredSchedule> = {}): Built {
  let text = `${PREFIX}Schedule(`;
  const built: ScheduleField[] = [];
  fields.forEach(([name, spec], i) => {
    if (i > 0) text += ', ';
    const keyStart = text.length;
    text += name;
    const keyRange = range(LINE, keyStart, text.length);
    text += '=';
    const valueStart = text.length;
    text += spec.source;
    built.push({ name, keyRange, value: spec.make(range(LINE, valueStart, text.length)) });
  });
  text += ')';
  const schedule: DiscoveredSchedule = {
    language: 'python',
    range: range(LINE, PREFIX.length, text.length),
    nameRange: range(LINE, PREFIX.length, PREFIX.length + 'Schedule'.length),
    fields: built,
    hasOpaqueArguments: false,
    attachments: [],
    pipeline: null,
    variable: 'sched',
    ...extra,
  };
  const byName = (name: string) => {
    const f = built.find((x) => x.name === name);
    if (!f) throw new Error(`no field ${name}`);
    return f;
  };
  return { schedule, text, key: (n) => byName(n).keyRange, value: (n) => byName(n).value.range };
}

function result(schedules: DiscoveredSchedule[], decoratorArgs: Range[] = []): DiscoveryResult {
  return { ...emptyDiscovery(), schedules, pipelineDecoratorScheduleArgs: decoratorArgs };
}

const NOW = new Date('2026-12-01T12:00:00Z');
const orchestrator = (flavor: string, more: Partial<OrchestratorContext> = {}): AnalysisOptions => ({
  orchestrator: { flavor, source: 'setting', ...more },
  now: NOW,
});
const NO_ORCHESTRATOR: AnalysisOptions = { orchestrator: null, now: NOW };

const attachedAt = (r: Range, pipeline = 'train'): Attachment => ({ via: 'with_options', keywordRange: r, pipeline });

/** Every code some test saw fire, to check at the end that no code goes untested. */
const codesSeen = new Set<string>();

/** The compact form the tables compare: code, severity and where. */
function summary(findings: Finding[]): string[] {
  for (const f of findings) codesSeen.add(f.code);
  return findings.map(
    (f) => `${f.code}/${f.severity}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`,
  );
}
const at = (code: string, severity: string, r: Range) =>
  `${code}/${severity}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const AWARE_START = dt('datetime(2026, 1, 1, tzinfo=timezone.utc)', '2026-01-01T00:00:00+00:00', true);
const AWARE_END = dt('datetime(2027, 1, 1, tzinfo=timezone.utc)', '2027-01-01T00:00:00+00:00', true);

// ------------------------------------------------------------------ tables

describe('findings: schedule fields and triggers', () => {
  const cases: { name: string; build: () => Built; options?: AnalysisOptions; expect: (b: Built) => string[] }[] = [
    {
      name: 'a valid cron schedule has no finding',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')]]),
      expect: () => [],
    },
    {
      name: 'a valid interval schedule has no finding',
      build: () => pySchedule([['start_time', AWARE_START], ['interval_second', num(1800)]]),
      expect: () => [],
    },
    {
      name: 'a run-once schedule has no finding',
      build: () => pySchedule([['run_once_start_time', AWARE_START]]),
      expect: () => [],
    },
    {
      name: 'misspelt trigger keyword: one unknown-schedule-field on the keyword, no separate missing-trigger',
      build: () => pySchedule([['cron_expresion', str('0 3 * * *')]]),
      expect: (b) => [at('unknown-schedule-field', 'error', b.key('cron_expresion'))],
    },
    {
      name: 'misspelt non-trigger keyword: the missing trigger is still reported',
      build: () => pySchedule([['nmae', str('x')]]),
      expect: (b) => [at('missing-trigger', 'error', b.schedule.nameRange), at('unknown-schedule-field', 'error', b.key('nmae'))],
    },
    {
      name: 'missing-trigger: nothing set',
      build: () => pySchedule([['name', str('nightly')]]),
      expect: (b) => [at('missing-trigger', 'error', b.schedule.nameRange)],
    },
    {
      name: 'missing-trigger: a start_time alone does not count',
      build: () => pySchedule([['start_time', AWARE_START]]),
      expect: (b) => [at('missing-trigger', 'error', b.schedule.nameRange)],
    },
    {
      name: 'missing-trigger: an interval without start_time does not count',
      build: () => pySchedule([['interval_second', num(60)]]),
      expect: (b) => [at('missing-trigger', 'error', b.schedule.nameRange)],
    },
    {
      name: 'missing-trigger: cron_expression=None and an empty cron do not count',
      build: () => pySchedule([['cron_expression', str('')], ['run_once_start_time', none]]),
      expect: (b) => [at('missing-trigger', 'error', b.schedule.nameRange)],
    },
    {
      name: 'no missing-trigger when positional or ** arguments may set one',
      build: () => pySchedule([['name', str('x')]], { hasOpaqueArguments: true }),
      expect: () => [],
    },
    {
      name: 'no missing-trigger when the cron is a variable',
      build: () => pySchedule([['cron_expression', unknown('CRON')]]),
      expect: () => [],
    },
    {
      name: 'no missing-trigger when start_time is unknown and an interval is set',
      build: () => pySchedule([['start_time', unknown('start')], ['interval_second', num(60)]]),
      expect: () => [],
    },
    {
      name: 'cron-overrides-interval on interval_second',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')], ['start_time', AWARE_START], ['interval_second', num(60)]]),
      expect: (b) => [at('cron-overrides-interval', 'warning', b.key('interval_second'))],
    },
    {
      name: 'cron-overrides-run-once on run_once_start_time',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')], ['run_once_start_time', AWARE_START]]),
      expect: (b) => [at('cron-overrides-run-once', 'warning', b.key('run_once_start_time'))],
    },
    {
      name: 'no override when the cron is unknown',
      build: () => pySchedule([['cron_expression', unknown('CRON')], ['start_time', AWARE_START], ['interval_second', num(60)]]),
      expect: () => [],
    },
    {
      name: 'end-before-start on end_time (which has also passed)',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')], ['start_time', AWARE_END], ['end_time', AWARE_START]]),
      expect: (b) => [at('end-before-start', 'warning', b.key('end_time')), at('schedule-ended', 'warning', b.key('end_time'))],
    },
    {
      name: 'end-before-start when equal',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')], ['start_time', AWARE_START], ['end_time', AWARE_START]]),
      expect: (b) => [at('end-before-start', 'warning', b.key('end_time')), at('schedule-ended', 'warning', b.key('end_time'))],
    },
    {
      name: 'no end-before-start when end is after start',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')], ['start_time', AWARE_START], ['end_time', AWARE_END]]),
      expect: () => [],
    },
    {
      name: 'end-before-start when one side is naive (read in this machine\'s zone, as ZenML does)',
      build: () =>
        pySchedule([
          ['cron_expression', str('0 3 * * *')],
          ['start_time', AWARE_END],
          ['end_time', dt('datetime(2026, 1, 1)', '2026-01-01T00:00:00', false)],
        ]),
      expect: (b) => [
        at('end-before-start', 'warning', b.key('end_time')),
        at('schedule-ended', 'warning', b.key('end_time')),
        at('naive-datetime', 'warning', b.value('end_time')),
      ],
    },
    {
      name: 'no end-before-start when start is now() (the end has passed, though)',
      build: () =>
        pySchedule([
          ['cron_expression', str('0 3 * * *')],
          ['start_time', dt('datetime.now(timezone.utc)', null, true, 'now')],
          ['end_time', AWARE_START],
        ]),
      expect: (b) => [at('schedule-ended', 'warning', b.key('end_time'))],
    },
    {
      name: 'naive-datetime on each naive expression: datetime(), now(), utcnow()',
      build: () =>
        pySchedule([
          ['start_time', dt('datetime(2026, 1, 1)', '2026-01-01T00:00:00', false)],
          ['interval_second', num(60)],
          ['end_time', dt('datetime.now()', null, false, 'now')],
          ['run_once_start_time', dt('datetime.utcnow()', null, false, 'utcnow')],
        ]),
      expect: (b) => [
        at('naive-datetime', 'warning', b.value('start_time')),
        at('naive-datetime', 'warning', b.value('end_time')),
        at('naive-datetime', 'warning', b.value('run_once_start_time')),
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const built = c.build();
      assert.deepEqual(summary(analyze(result([built.schedule]), c.options ?? NO_ORCHESTRATOR)), c.expect(built));
    });
  }

  it('says what was meant, by edit distance or abbreviation', () => {
    const table: [string, string | null][] = [
      ['cron_expresion', 'cron_expression'],
      ['cronExpression', 'cron_expression'],
      ['interval_seconds', 'interval_second'],
      ['interval', 'interval_second'],
      ['start', 'start_time'],
      ['nmae', 'name'],
      ['cathcup', 'catchup'],
      ['run_once', 'run_once_start_time'],
      ['time', null],
      ['pipeline', null],
      ['', null],
    ];
    for (const [input, expected] of table) assert.equal(suggestField(input), expected, input);
    assert.equal(editDistance('abc', 'acb'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('names the misspelt field and the suggestion in the message', () => {
    const b = pySchedule([['interval_seconds', num(60)], ['start_time', AWARE_START]]);
    const [f] = analyze(result([b.schedule]), NO_ORCHESTRATOR).filter((x) => x.code === 'unknown-schedule-field');
    assert.match(f.message, /`interval_seconds`/);
    assert.match(f.message, /did you mean `interval_second`\?/i);
  });

  it('lists the fields when no suggestion is close', () => {
    const b = pySchedule([['cron_expression', str('0 3 * * *')], ['pipeline', str('x')]]);
    const [f] = analyze(result([b.schedule]), NO_ORCHESTRATOR);
    assert.equal(f.code, 'unknown-schedule-field');
    assert.match(f.message, /`cron_expression`, `start_time`/);
  });

  it('interval data for the quick fix', () => {
    const b = pySchedule([['cron_expression', str('0 3 * * *')], ['start_time', AWARE_START], ['interval_second', num(1800)]]);
    const [f] = analyze(result([b.schedule]), NO_ORCHESTRATOR);
    assert.deepEqual(f.data, { intervalSeconds: 1800 });
  });

  it('utcnow gets a message that says it is not UTC-aware', () => {
    const b = pySchedule([['run_once_start_time', dt('datetime.utcnow()', null, false, 'utcnow')]]);
    const [f] = analyze(result([b.schedule]), NO_ORCHESTRATOR);
    assert.match(f.message, /utcnow\(\)/);
    assert.match(f.message, /timezone\.utc/);
  });
});

describe('findings: @pipeline(schedule=...)', () => {
  it('reports each decorator keyword, and nothing else', () => {
    const a = range(1, 10, 18);
    const b = range(20, 10, 18);
    assert.deepEqual(summary(analyze(result([], [a, b]), NO_ORCHESTRATOR)), [
      at('schedule-not-a-pipeline-arg', 'error', a),
      at('schedule-not-a-pipeline-arg', 'error', b),
    ]);
  });
});

describe('findings: orchestrator support', () => {
  const keyword = range(9, 24, 32);
  const cron = () => pySchedule([['cron_expression', str('0 3 * * *')]], { attachments: [attachedAt(keyword)] });
  const interval = () =>
    pySchedule([['start_time', AWARE_START], ['interval_second', num(1800)]], { attachments: [attachedAt(keyword)] });
  const once = () => pySchedule([['run_once_start_time', AWARE_START]], { attachments: [attachedAt(keyword)] });

  const cases: { name: string; build: () => Built; options: AnalysisOptions; expect: (b: Built) => string[] }[] = [
    { name: 'local: on the schedule= keyword', build: cron, options: orchestrator('local'), expect: () => [at('unsupported-orchestrator', 'warning', keyword)] },
    {
      name: 'local, never attached: on the Schedule call',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')]]),
      options: orchestrator('local_docker'),
      expect: (b) => [at('unsupported-orchestrator', 'warning', b.schedule.range)],
    },
    {
      name: 'one finding per attachment',
      build: () => pySchedule([['cron_expression', str('0 3 * * *')]], { attachments: [attachedAt(keyword), attachedAt(range(12, 4, 12))] }),
      options: orchestrator('tekton'),
      expect: () => [at('unsupported-orchestrator', 'warning', keyword), at('unsupported-orchestrator', 'warning', range(12, 4, 12))],
    },
    { name: 'kubernetes runs cron', build: cron, options: orchestrator('kubernetes'), expect: () => [] },
    { name: 'kubernetes: interval unsupported', build: interval, options: orchestrator('kubernetes'), expect: () => [at('unsupported-schedule-type', 'warning', keyword)] },
    { name: 'vertex: run-once unsupported', build: once, options: orchestrator('vertex'), expect: () => [at('unsupported-schedule-type', 'warning', keyword)] },
    { name: 'airflow runs intervals', build: interval, options: orchestrator('airflow'), expect: () => [] },
    { name: 'sagemaker runs once', build: once, options: orchestrator('sagemaker'), expect: () => [] },
    { name: 'unknown flavor: no orchestrator finding', build: interval, options: orchestrator('my_custom_flavor'), expect: () => [] },
    { name: 'no orchestrator: no orchestrator finding', build: interval, options: NO_ORCHESTRATOR, expect: () => [] },
    {
      name: 'kind unknown (a variable cron): no type finding',
      build: () => pySchedule([['cron_expression', unknown('CRON')], ['start_time', AWARE_START], ['interval_second', num(60)]], { attachments: [attachedAt(keyword)] }),
      options: orchestrator('kubernetes'),
      expect: () => [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const built = c.build();
      assert.deepEqual(summary(analyze(result([built.schedule]), c.options)), c.expect(built));
    });
  }

  it('names the stack, the orchestrator and the stacks that can', () => {
    const [f] = analyze(result([cron().schedule]), orchestrator('local', { stackName: 'default', schedulableStacks: ['k8s_stack'] }));
    assert.equal(
      f.message,
      "Stack 'default' uses the local orchestrator, which cannot run schedules: ZenML raises at run time. Stacks that can: k8s_stack.",
    );
    assert.deepEqual(f.data, { schedulableStacks: ['k8s_stack'] });
  });

  it('without a stack name, names the orchestrator', () => {
    const [f] = analyze(result([cron().schedule]), orchestrator('local'));
    assert.equal(f.message, 'The local orchestrator cannot run schedules: ZenML raises at run time.');
    assert.equal(f.data, undefined);
  });

  it('an interval on a cron-only orchestrator: says so, with the interval for the fix', () => {
    const [f] = analyze(result([interval().schedule]), orchestrator('kubernetes', { stackName: 'k8s' }));
    assert.match(f.message, /^Stack 'k8s' uses the kubernetes orchestrator, which supports only cron schedules; this Schedule runs on an interval/);
    assert.match(f.message, /cron_expression instead/);
    assert.deepEqual(f.data, { intervalSeconds: 1800 });
  });

  it('YAML, never attached: on the schedule key', () => {
    const key = range(0, 0, 8);
    const yaml: DiscoveredSchedule = { ...cron().schedule, language: 'yaml', nameRange: key, range: range(0, 0, 2, 2), attachments: [] };
    assert.deepEqual(summary(analyze(result([yaml]), orchestrator('local'))), [at('unsupported-orchestrator', 'warning', key)]);
  });
});

describe('findings: robustness', () => {
  it('never throws on a malformed discovery result', () => {
    const broken = { schedules: [{ fields: null }, null], pipelineDecoratorScheduleArgs: null } as unknown as DiscoveryResult;
    assert.deepEqual(analyze(broken, NO_ORCHESTRATOR), []);
  });

  it('sorts findings by position across schedules', () => {
    const first = pySchedule([['name', str('a')]]);
    const second: DiscoveredSchedule = { ...first.schedule, nameRange: range(1, 0, 8), range: range(1, 0, 20) };
    const findings = analyze(result([first.schedule, second]), NO_ORCHESTRATOR);
    assert.deepEqual(findings.map((f) => f.range.start.line), [1, LINE]);
  });
});

describe('findings: cron expressions (through the cron engine)', () => {
  const valueStart = (b: Built) => b.value('cron_expression').start.character;
  const cases: { name: string; spec: ValueSpec; options: AnalysisOptions; expect: (b: Built) => string[] }[] = [
    {
      name: 'invalid field: only the bad field of a plain literal',
      spec: str('61 3 * * *'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('invalid-cron', 'error', range(LINE, valueStart(b) + 1, valueStart(b) + 3))],
    },
    {
      name: 'invalid field in a later position',
      spec: str('0 3 * 13 *'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('invalid-cron', 'error', range(LINE, valueStart(b) + 7, valueStart(b) + 9))],
    },
    {
      name: 'implicit concatenation: the whole literal',
      spec: concat('61 3 ', '* * *'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('invalid-cron', 'error', b.value('cron_expression'))],
    },
    {
      name: 'wrong field count: the whole literal',
      spec: str('0 3 * * * * *'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('invalid-cron', 'error', b.value('cron_expression'))],
    },
    {
      name: 'not a string',
      spec: num(5),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('invalid-cron', 'error', b.value('cron_expression'))],
    },
    {
      name: 'kubeflow reads 5 fields seconds first',
      spec: str('0 0 * * *'),
      options: orchestrator('kubeflow'),
      expect: (b) => [at('dialect-seconds-first', 'warning', b.value('cron_expression'))],
    },
    {
      name: 'github: more often than every 5 minutes',
      spec: str('*/1 * * * *'),
      options: orchestrator('github'),
      expect: (b) => [at('too-frequent', 'warning', b.value('cron_expression'))],
    },
    {
      name: 'kubernetes rejects a TZ= prefix',
      spec: str('TZ=Europe/Berlin 0 3 * * *'),
      options: orchestrator('kubernetes'),
      expect: (b) => [at('timezone-prefix', 'error', b.value('cron_expression'))],
    },
    {
      name: 'a TZ= prefix with no orchestrator known: a warning (standard cron has no prefix)',
      spec: str('TZ=Europe/Berlin 0 3 * * *'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('timezone-prefix', 'warning', b.value('cron_expression'))],
    },
    {
      name: 'vertex accepts a TZ= prefix',
      spec: str('TZ=Europe/Berlin 0 3 * * *'),
      options: orchestrator('vertex'),
      expect: () => [],
    },
    {
      name: 'never runs',
      spec: str('0 0 30 2 *'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('never-runs', 'warning', b.value('cron_expression'))],
    },
    {
      name: 'day of month and day of week both set',
      spec: str('0 0 1 * 1'),
      options: NO_ORCHESTRATOR,
      expect: (b) => [at('day-or-semantics', 'info', b.value('cron_expression'))],
    },
    {
      name: 'a plain daily cron on kubernetes',
      spec: str('0 3 * * *'),
      options: orchestrator('kubernetes'),
      expect: () => [],
    },
    {
      name: 'a variable: not checked',
      spec: unknown('CRON'),
      options: orchestrator('kubeflow'),
      expect: () => [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const built = pySchedule([['cron_expression', c.spec]]);
      assert.deepEqual(summary(analyze(result([built.schedule]), c.options)), c.expect(built));
    });
  }

  it('the kubeflow message says what this expression really does, and carries it for the fix', () => {
    const built = pySchedule([['cron_expression', str('0 0 * * *')]]);
    const [f] = analyze(result([built.schedule]), orchestrator('kubeflow'));
    assert.deepEqual(f.data, { expression: '0 0 * * *' });
    assert.match(f.message, /hour/);
  });
});

describe('findings: start/end windows, settings and document problems (real-looking code)', () => {
  const PY = 'from datetime import datetime, timezone\nfrom zenml import pipeline\nfrom zenml.config.schedule import Schedule\n\n@pipeline\ndef train():\n    ...\n\n';
  const on = (flavor: string): AnalysisOptions => ({ orchestrator: { flavor, source: 'flag' }, now: NOW });
  const codes = (text: string, file: string, options: AnalysisOptions) =>
    summary(analyzeText(text, file, options).findings).map((f) => f.replace(/\/.*@(\d+):.*/, '@$1'));
  const bounded =
    PY +
    'train.with_options(\n    schedule=Schedule(\n        cron_expression="0 3 * * *",\n' +
    '        start_time=datetime(2025, 1, 1, tzinfo=timezone.utc),\n        end_time=datetime(2025, 6, 1, tzinfo=timezone.utc),\n' +
    '        catchup=True,\n    )\n)()\n';

  it('Kubernetes ignores start_time, end_time and catchup: window-ignored on each keyword, no schedule-ended', () => {
    assert.deepEqual(codes(bounded, 'run.py', on('kubernetes')), ['window-ignored@11', 'window-ignored@12', 'window-ignored@13']);
  });

  it('Vertex AI applies the window but not catchup; the end has passed: schedule-ended', () => {
    assert.deepEqual(codes(bounded, 'run.py', on('vertex')), ['schedule-ended@12', 'window-ignored@13']);
  });

  it('Kubeflow and Airflow apply all three: only schedule-ended; with no orchestrator known, the standard reading too', () => {
    assert.deepEqual(codes(bounded, 'run.py', on('kubeflow')), ['dialect-seconds-first@10', 'schedule-ended@12']);
    assert.deepEqual(codes(bounded, 'run.py', on('airflow')), ['schedule-ended@12']);
    assert.deepEqual(codes(bounded, 'run.py', { orchestrator: null, now: NOW }), ['schedule-ended@12']);
  });

  it('catchup=False (the default) is not reported; an end in the future is not ended', () => {
    const text = PY + 'train.with_options(schedule=Schedule(cron_expression="0 3 * * *", end_time=datetime(2030, 1, 1, tzinfo=timezone.utc), catchup=False))()\n';
    assert.deepEqual(codes(text, 'run.py', on('vertex')), []);
    assert.deepEqual(codes(text, 'run.py', on('kubernetes')), ['window-ignored@8']);
  });

  it('YAML: window-ignored and schedule-ended point at the keys', () => {
    const yaml = 'schedule:\n  cron_expression: "0 0 * * *"\n  start_time: "2024-01-01T00:00:00Z"\n  end_time: "2025-01-01T00:00:00Z"\n  catchup: true\n';
    assert.deepEqual(codes(yaml, 'prod.yaml', on('kubernetes')), ['window-ignored@2', 'window-ignored@3', 'window-ignored@4']);
    assert.deepEqual(codes(yaml, 'prod.yaml', on('airflow')), ['schedule-ended@3']);
  });

  it('databricks-needs-timezone on the cron literal unless schedule_timezone is set in the settings', () => {
    const bare = PY + 'train.with_options(schedule=Schedule(cron_expression="0 0 3 * * ?"))()\n';
    assert.deepEqual(codes(bare, 'run.py', on('databricks')), ['databricks-needs-timezone@8']);
    const withZone =
      'from zenml.integrations.databricks.flavors.databricks_orchestrator_flavor import DatabricksOrchestratorSettings\n' +
      bare.replace('@pipeline\n', '@pipeline(settings={"orchestrator": DatabricksOrchestratorSettings(schedule_timezone="America/Los_Angeles")})\n');
    assert.deepEqual(codes(withZone, 'run.py', on('databricks')), []);
    const yaml = 'settings:\n  orchestrator.databricks:\n    schedule_timezone: Europe/Berlin\nschedule:\n  cron_expression: "0 0 3 * * ?"\n';
    assert.deepEqual(codes(yaml, 'run.yaml', on('databricks')), []);
    assert.deepEqual(codes(yaml.replace('schedule_timezone', 'spark_version'), 'run.yaml', on('databricks')), ['databricks-needs-timezone@4']);
  });

  it('schedule=Schedule (the class) is schedule-class-not-instance on the value', () => {
    const text = PY + 'train.with_options(schedule=Schedule)()\n';
    const findings = analyzeText(text, 'run.py', { orchestrator: null, now: NOW }).findings;
    assert.deepEqual(summary(findings), ['schedule-class-not-instance/error@8:28-8:36']);
  });

  it('YAML that does not parse: yaml-syntax where the parser stops, no cron error', () => {
    const text = 'run_name: nightly\nschedule:\n  cron_expression: "0 3 * * *\n  catchup: false\n';
    const findings = analyzeText(text, 'run.yaml', on('kubernetes')).findings;
    assert.deepEqual(summary(findings).map((f) => f.split('@')[0]), ['yaml-syntax/error']);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /not valid YAML/);
  });

  it('duplicate keys: the last one wins, as PyYAML reads it, with a warning on the earlier key', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"\n  cron_expression: "0 4 * * *"\n';
    const { discovery, findings } = analyzeText(text, 'run.yaml', on('kubernetes'));
    const cron = discovery.schedules[0].fields.find((f) => f.name === 'cron_expression');
    assert.deepEqual(cron?.value.kind === 'string' ? cron.value.value : null, '0 4 * * *');
    assert.deepEqual(summary(findings), ['duplicate-key/warning@1:2-1:17']);
  });

  it('an `orchestrator.<flavor>` settings key decides the dialect when no orchestrator is chosen; an explicit choice wins', () => {
    const text =
      'from zenml import pipeline\nfrom zenml.config.schedule import Schedule\n\n' +
      '@pipeline(settings={"orchestrator.kubeflow": {"user_namespace": "ml"}})\ndef train():\n    ...\n\n' +
      'train.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()\n';
    assert.deepEqual(codes(text, 'run.py', { orchestrator: null, now: NOW }), ['dialect-seconds-first@7']);
    const detected: AnalysisOptions = { orchestrator: { flavor: 'kubernetes', source: 'zenml', stackName: 'prod' }, now: NOW };
    assert.deepEqual(codes(text, 'run.py', detected), ['dialect-seconds-first@7']);
    assert.deepEqual(codes(text, 'run.py', on('kubernetes')), []);
    const two = text.replace('{"orchestrator.kubeflow": {"user_namespace": "ml"}}', '{"orchestrator.kubeflow": {}, "orchestrator.vertex": {}}');
    assert.deepEqual(codes(two, 'run.py', detected), []);
  });
});

describe('findings: coverage', () => {
  it('every finding code except the CLI-only unknown-orchestrator fired in the tables above', () => {
    const untested = ALL_FINDING_CODES.filter((code) => code !== 'unknown-orchestrator' && !codesSeen.has(code));
    assert.deepEqual(untested, []);
  });
});

describe('ZenML says whether the orchestrator can schedule', () => {
  const text = 'from zenml.config import Schedule\nfrom p import my_pipeline\nmy_pipeline.with_options(schedule=Schedule(cron_expression="0 3 * * *"))\n';
  const codes = (orchestrator: OrchestratorContext) =>
    analyzeText(text, 'x.py', { orchestrator }).findings.map((f) => f.code);
  it('wins over the table: ssh is schedulable in the table, not in ZenML 0.98', () => {
    assert.deepEqual(codes({ flavor: 'ssh', source: 'setting' }), []);
    assert.deepEqual(codes({ flavor: 'ssh', source: 'zenml', stackName: 's', canSchedule: false }), ['unsupported-orchestrator']);
  });
  it('covers flavors the table does not know', () => {
    assert.deepEqual(codes({ flavor: 'lightning', source: 'zenml' }), []);
    assert.deepEqual(codes({ flavor: 'lightning', source: 'zenml', canSchedule: false }), ['unsupported-orchestrator']);
  });
});

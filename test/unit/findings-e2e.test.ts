// Findings end to end: real source text through the real discovery and the rules.
// Each expected finding is marked in the source as ⟪code:text⟫ (or ⟪code1,code2:text⟫);
// the markers are removed before analysis and give the exact expected ranges.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../src/findings';
import type { AnalysisOptions, Finding } from '../../src/findings/types';

interface Marked {
  text: string;
  expected: string[];
}

/** Strips ⟪code:…⟫ markers, returning the clean text and `code@line:col-line:col` for each. */
function unmark(source: string): Marked {
  let text = '';
  const expected: string[] = [];
  const position = () => {
    const lines = text.split('\n');
    return `${lines.length - 1}:${lines[lines.length - 1].length}`;
  };
  let rest = source;
  const stack: { codes: string[]; start: string }[] = [];
  while (rest.length > 0) {
    const open = rest.indexOf('⟪');
    const close = rest.indexOf('⟫');
    if (open >= 0 && (close < 0 || open < close)) {
      text += rest.slice(0, open);
      const colon = rest.indexOf(':', open);
      stack.push({ codes: rest.slice(open + 1, colon).split(','), start: position() });
      rest = rest.slice(colon + 1);
    } else if (close >= 0) {
      text += rest.slice(0, close);
      const marker = stack.pop();
      assert.ok(marker, 'unbalanced marker');
      for (const code of marker.codes) expected.push(`${code}@${marker.start}-${position()}`);
      rest = rest.slice(close + 1);
    } else {
      text += rest;
      rest = '';
    }
  }
  return { text, expected: expected.sort() };
}

function actual(findings: Finding[]): string[] {
  return findings
    .map((f) => `${f.code}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`)
    .sort();
}

const NOW = new Date('2026-12-01T12:00:00Z');
const none: AnalysisOptions = { orchestrator: null, now: NOW };
const on = (flavor: string): AnalysisOptions => ({ orchestrator: { flavor, source: 'flag' }, now: NOW });

const PY = `from datetime import datetime, timezone
from zenml import pipeline
from zenml.config.schedule import Schedule

`;

const cases: { name: string; file?: string; source: string; options?: AnalysisOptions }[] = [
  { name: 'clean cron', source: `${PY}s = Schedule(cron_expression="0 3 * * *")\n` },
  { name: 'invalid-cron: the bad field', source: `${PY}s = Schedule(cron_expression="⟪invalid-cron:61⟫ 3 * * *")\n` },
  { name: 'invalid-cron: implicit concatenation, all parts', source: `${PY}s = Schedule(cron_expression=⟪invalid-cron:"61 3 " "* * *"⟫)\n` },
  {
    name: 'invalid-cron: multi-line concatenation',
    source: `${PY}s = Schedule(\n    cron_expression=(\n        ⟪invalid-cron:"0 3 "\n        "* * * * *"⟫\n    ),\n)\n`,
  },
  { name: 'missing-trigger on the Schedule name', source: `${PY}s = ⟪missing-trigger:Schedule⟫(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc))\n` },
  {
    name: 'unknown-schedule-field on the keyword',
    source: `${PY}s = Schedule(cron_expression="0 3 * * *", ⟪unknown-schedule-field:catch_up⟫=True)\n`,
  },
  {
    name: 'schedule-not-a-pipeline-arg on the decorator keyword',
    source: `${PY}@pipeline(⟪schedule-not-a-pipeline-arg:schedule⟫=Schedule(cron_expression="0 3 * * *"))\ndef train():\n    pass\n`,
  },
  {
    name: 'cron-overrides-interval and naive-datetime',
    source: `${PY}s = Schedule(\n    cron_expression="0 3 * * *",\n    start_time=⟪naive-datetime:datetime(2026, 1, 1)⟫,\n    ⟪cron-overrides-interval:interval_second⟫=3600,\n)\n`,
  },
  {
    name: 'cron-overrides-run-once',
    source: `${PY}s = Schedule(cron_expression="0 3 * * *", ⟪cron-overrides-run-once:run_once_start_time⟫=datetime(2027, 1, 1, tzinfo=timezone.utc))\n`,
  },
  { name: 'naive utcnow', source: `${PY}s = Schedule(run_once_start_time=⟪naive-datetime:datetime.utcnow()⟫)\n` },
  {
    name: 'end-before-start on end_time',
    source:
      `${PY}s = Schedule(\n    cron_expression="0 3 * * *",\n    start_time=datetime(2028, 1, 1, tzinfo=timezone.utc),\n` +
      `    ⟪end-before-start:end_time⟫=datetime(2027, 1, 1, tzinfo=timezone.utc),\n)\n`,
  },
  {
    name: 'unsupported-orchestrator on the schedule= keyword',
    options: on('local'),
    source: `${PY}@pipeline\ndef train():\n    pass\n\ns = Schedule(cron_expression="0 3 * * *")\ntrain.with_options(⟪unsupported-orchestrator:schedule⟫=s)()\n`,
  },
  {
    name: 'unsupported-orchestrator on the Schedule call when never attached',
    options: on('local'),
    source: `${PY}s = ⟪unsupported-orchestrator:Schedule(cron_expression="0 3 * * *")⟫\n`,
  },
  {
    name: 'unsupported-schedule-type: an interval on kubernetes',
    options: on('kubernetes'),
    source:
      `${PY}@pipeline\ndef train():\n    pass\n\n` +
      `train.with_options(⟪unsupported-schedule-type:schedule⟫=Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=1800))()\n`,
  },
  {
    name: 'unsupported-schedule-type: a run-time interval on kubernetes (legacy run, inside an if)',
    options: on('kubernetes'),
    source:
      `${PY}def main(every: int):\n    p = train()\n    if every is not None:\n` +
      `        p.run(⟪unsupported-schedule-type:schedule⟫=Schedule(start_time=datetime.now(timezone.utc), interval_second=every))\n`,
  },
  {
    name: 'schedule-not-a-pipeline-arg on an unimported @pipeline (a docs block)',
    source: `from zenml.config.schedule import Schedule\n\n@pipeline(⟪schedule-not-a-pipeline-arg:schedule⟫=Schedule(cron_expression="0 * * * *"))\ndef sync():\n    pass\n`,
  },
  {
    name: 'dialect-seconds-first on the literal (kubeflow)',
    options: on('kubeflow'),
    source: `${PY}s = Schedule(cron_expression=⟪dialect-seconds-first:"0 0 * * *"⟫)\n`,
  },
  {
    name: 'timezone-prefix on the literal (kubernetes)',
    options: on('kubernetes'),
    source: `${PY}s = Schedule(cron_expression=⟪timezone-prefix:"TZ=Europe/Berlin 0 3 * * *"⟫)\n`,
  },
  {
    name: 'a class called Schedule that is not ZenML’s is ignored',
    source: `class Schedule:\n    def __init__(self, **kw):\n        pass\n\ns = Schedule(cron_expresion="61 * * * *")\n`,
  },
  {
    name: 'YAML: a misspelt trigger key is one finding, not two (no separate missing-trigger)',
    file: 'run.yaml',
    source: `schedule:\n  name: nightly\n  catchup: false\n  ⟪unknown-schedule-field:cron_expresion⟫: "0 3 * * *"\n`,
  },
  { name: 'YAML: an invalid cron', file: 'run.yml', source: `schedule:\n  cron_expression: ⟪invalid-cron:"0 3 * * * * *"⟫\n` },
  {
    name: 'YAML: unsupported-orchestrator on the schedule key',
    file: 'run.yaml',
    options: on('local'),
    source: `⟪unsupported-orchestrator:schedule⟫:\n  cron_expression: "0 3 * * *"\n`,
  },
  { name: 'YAML that is not a mapping', file: 'run.yaml', source: `- schedule\n- 1\n` },
];

describe('findings end to end (discovery + rules)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { text, expected } = unmark(c.source);
      const { findings } = analyzeText(text, c.file ?? 'flow.py', c.options ?? none);
      assert.deepEqual(actual(findings), expected);
    });
  }

  it('half-typed code: the schedules around the error still give findings', () => {
    const { text, expected } = unmark(
      `${PY}a = Schedule(cron_expression="⟪invalid-cron:99⟫ * * * *")\n\ndef broken(:\n    x = [1, 2\n\nb = ⟪missing-trigger:Schedule⟫(name="b")\n`,
    );
    assert.deepEqual(actual(analyzeText(text, 'flow.py', none).findings), expected);
  });

  it('never throws, whatever the text', () => {
    const inputs = ['', '\u0000\u0001\u0002', 'Schedule(' + '('.repeat(5000), '"'.repeat(10_001), 'schedule:\n  - [', '\uFFFF\uD800'];
    for (const input of inputs) {
      for (const file of ['x.py', 'x.yaml']) {
        assert.doesNotThrow(() => analyzeText(input, file, on('kubernetes')));
      }
    }
  });
});

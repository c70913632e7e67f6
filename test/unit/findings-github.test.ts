// Findings for the `on.schedule` entries of GitHub Actions workflow files (src/findings/github.ts):
// real workflow text through the real discovery and the rules, with the expected ranges found in the
// text independently (rangeOf) and the messages written out where they are ours.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveredSchedule, Range } from '../../src/discovery/types';
import { emptyDiscovery } from '../../src/discovery';
import { analyze, analyzeText } from '../../src/findings';
import type { Finding, OrchestratorContext } from '../../src/findings/types';
import { rangeOf } from './discovery-helpers';

const NOW = new Date('2026-12-01T12:00:00Z');
const FILE = '/repo/.github/workflows/train-scheduled.yml';

/** A workflow with one schedule entry: `cron:` and, when given, `timezone:` (raw YAML after the key). */
function workflow(cron: string, timezone?: string): string {
  return `name: train\non:\n  schedule:\n    - cron: ${cron}\n${timezone === undefined ? '' : `      timezone:${timezone}\n`}  workflow_dispatch: {}\njobs:\n  run:\n    runs-on: ubuntu-latest\n`;
}

function findingsOf(text: string, orchestrator: OrchestratorContext | null = null): Finding[] {
  return analyzeText(text, FILE, { orchestrator, now: NOW }).findings;
}

const where = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const summary = (findings: Finding[]) => findings.map((f) => `${f.code}/${f.severity}@${where(f.range)}`);
const at = (code: string, severity: string, r: Range) => `${code}/${severity}@${where(r)}`;

const NO_ZONE_MESSAGE =
  'timezone must be an IANA time zone name such as Europe/Berlin or America/New_York (GitHub runs the schedule in UTC without it).';
const NO_CRON_MESSAGE = 'cron must be a cron expression such as "0 3 * * *" (GitHub requires it).';
const TOO_FREQUENT =
  'GitHub Actions runs scheduled workflows at most every 5 minutes (and may delay them at busy times); this expression asks for more often.';

describe('GitHub workflow schedules: the cron', () => {
  it('a valid daily cron, no timezone: nothing to report', () => {
    assert.deepEqual(findingsOf(workflow('"0 3 * * *"')), []);
  });

  it('more often than every 5 minutes: too-frequent (warning) on the whole literal, with the expression for the fixes', () => {
    const text = workflow('"*/2 * * * *"');
    const findings = findingsOf(text);
    assert.deepEqual(summary(findings), [at('too-frequent', 'warning', rangeOf(text, '"*/2 * * * *"'))]);
    assert.equal(findings[0].message, TOO_FREQUENT);
    assert.deepEqual(findings[0].data, { expression: '*/2 * * * *' });
  });

  it('the same with a valid timezone: still only too-frequent (the zone is fine)', () => {
    const text = workflow("'*/2 * * * *'", ' Europe/Berlin');
    assert.deepEqual(summary(findingsOf(text)), [at('too-frequent', 'warning', rangeOf(text, "'*/2 * * * *'"))]);
  });

  it('an out-of-range field: invalid-cron on that field only, in a quoted, single-quoted and plain literal', () => {
    for (const literal of ['"61 * * * *"', "'0 25 * * *'", '0 3 * * 8']) {
      const text = workflow(literal);
      const bad = literal.startsWith('"61') ? '61' : literal.includes('25') ? '25' : '8';
      const findings = findingsOf(text);
      const field = rangeOf(text, bad);
      assert.deepEqual(summary(findings), [at('invalid-cron', 'error', field)], literal);
      assert.deepEqual(findings[0].data, { expression: literal.replace(/^["']|["']$/g, '') });
    }
  });

  it('the exact messages of field errors come from the cron engine, for GitHub', () => {
    const [finding] = findingsOf(workflow('"0 25 * * *"'));
    assert.equal(finding.message, 'hour: 25 is out of range 0-23');
  });

  it('a folded block scalar (no plain position for the field): the whole literal', () => {
    const text = 'on:\n  schedule:\n    - cron: >-\n        0 25 * * *\n';
    const findings = findingsOf(text);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].code, 'invalid-cron');
    assert.equal(findings[0].range.start.line, 2);
    assert.equal(findings[0].range.start.character, 12);
  });

  it('a wrong number of fields: invalid-cron on the whole literal', () => {
    const text = workflow('"0 3 * *"');
    const findings = findingsOf(text);
    assert.deepEqual(summary(findings), [at('invalid-cron', 'error', rangeOf(text, '"0 3 * *"'))]);
    assert.match(findings[0].message, /expected 5 fields, got 4/);
  });

  it('a TZ= prefix: GitHub does not accept one, an error on the literal', () => {
    const text = workflow('"TZ=Europe/Berlin 0 3 * * *"');
    const findings = findingsOf(text);
    assert.deepEqual(summary(findings), [at('timezone-prefix', 'error', rangeOf(text, '"TZ=Europe/Berlin 0 3 * * *"'))]);
    assert.equal(findings[0].message, 'GitHub Actions does not accept a TZ= prefix; set the time zone separately');
  });

  it('never-runs is a warning and day-or-semantics an info, each with the engine message', () => {
    const never = workflow('"0 0 30 2 *"');
    const [n] = findingsOf(never);
    assert.deepEqual(summary([n]), [at('never-runs', 'warning', rangeOf(never, '"0 0 30 2 *"'))]);
    assert.equal(n.message, 'GitHub Actions accepts this expression, but it never runs.');
    const either = workflow('"0 0 1 * 1"');
    const [d] = findingsOf(either);
    assert.deepEqual(summary([d]), [at('day-or-semantics', 'info', rangeOf(either, '"0 0 1 * 1"'))]);
    assert.match(d.message, /EITHER/);
    assert.deepEqual(d.data, { expression: '0 0 1 * 1' });
  });

  it('cron: with no value: on the key; an empty or blank string: on the value', () => {
    const bare = 'on:\n  schedule:\n    - cron:\n';
    const [a] = findingsOf(bare);
    assert.deepEqual(summary([a]), [at('invalid-cron', 'error', rangeOf(bare, 'cron'))]);
    assert.equal(a.message, NO_CRON_MESSAGE);
    assert.equal(a.data, undefined);
    for (const value of ['""', '"   "']) {
      const text = workflow(value);
      const findings = findingsOf(text);
      assert.deepEqual(summary(findings), [at('invalid-cron', 'error', rangeOf(text, value))], value);
      assert.equal(findings[0].message, NO_CRON_MESSAGE);
    }
  });

  it('a cron that is not a string scalar (a list) is not guessed at', () => {
    assert.deepEqual(findingsOf(workflow('[a, b]')), []);
  });

  it('the ZenML Schedule rules do not apply: no orchestrator, dialect or field finding whatever the stack', () => {
    const text = workflow('"0 3 * * *"');
    assert.deepEqual(findingsOf(text, { flavor: 'local', source: 'setting' }), []);
    assert.deepEqual(findingsOf(text, { flavor: 'kubeflow', source: 'setting' }), []);
    // GitHub's 5-minute limit applies even when the stack's dialect would allow it.
    const often = workflow('"*/2 * * * *"');
    assert.deepEqual(findingsOf(often, { flavor: 'kubernetes', source: 'setting' }).map((f) => f.code), ['too-frequent']);
  });

  it('several entries: each checked, sorted by position', () => {
    const text = 'on:\n  schedule:\n    - cron: "*/1 * * * *"\n    - cron: "0 3 * * *"\n    - cron: "0 3 * * 9"\n';
    assert.deepEqual(summary(findingsOf(text)), [
      at('too-frequent', 'warning', rangeOf(text, '"*/1 * * * *"')),
      at('invalid-cron', 'error', rangeOf(text, '9')),
    ]);
  });
});

describe('GitHub workflow schedules: the timezone key', () => {
  it('a valid IANA zone: nothing to report', () => {
    assert.deepEqual(findingsOf(workflow('"30 2 * * *"', ' America/New_York')), []);
  });

  it('timezone: with no value: an error on the key', () => {
    const text = workflow('"0 3 * * *"', '');
    const findings = findingsOf(text);
    assert.deepEqual(summary(findings), [at('invalid-cron', 'error', rangeOf(text, 'timezone'))]);
    assert.equal(findings[0].message, NO_ZONE_MESSAGE);
    assert.equal(findings[0].data, undefined);
  });

  it('an empty or blank string: the same error, on the value', () => {
    for (const value of ['""', "'  '"]) {
      const text = workflow('"0 3 * * *"', ` ${value}`);
      const findings = findingsOf(text);
      assert.deepEqual(summary(findings), [at('invalid-cron', 'error', rangeOf(text, value))], value);
      assert.equal(findings[0].message, NO_ZONE_MESSAGE);
    }
  });

  it('an unknown zone: an error on the value, with a spelling hint when one is close', () => {
    const unknown = workflow('"0 3 * * *"', ' Foo/Bar');
    const [a] = findingsOf(unknown);
    assert.deepEqual(summary([a]), [at('invalid-cron', 'error', rangeOf(unknown, 'Foo/Bar'))]);
    assert.equal(
      a.message,
      'timezone "Foo/Bar" is not an IANA time zone (use a name such as Europe/Berlin, America/New_York or UTC): GitHub rejects the workflow\'s schedule.',
    );
    const lower = workflow('"0 3 * * *"', ' europe/berlin');
    const [b] = findingsOf(lower);
    assert.equal(b.message, 'timezone "europe/berlin" is not an IANA time zone (did you mean Europe/Berlin?): GitHub rejects the workflow\'s schedule.');
  });

  it('an unknown zone is reported once: the cron is then read in UTC, not in the bad zone', () => {
    const text = workflow('"0 3 * * *"', ' Europe/Berln');
    assert.deepEqual(summary(findingsOf(text)), [at('invalid-cron', 'error', rangeOf(text, 'Europe/Berln'))]);
  });

  it('a bad zone and a bad cron: both reported, the cron first', () => {
    const text = workflow('"*/2 * * * *"', ' Nowhere/Land');
    assert.deepEqual(summary(findingsOf(text)), [
      at('too-frequent', 'warning', rangeOf(text, '"*/2 * * * *"')),
      at('invalid-cron', 'error', rangeOf(text, 'Nowhere/Land')),
    ]);
  });

  it('a value that is not a string (a number, a list) is not guessed at; the cron is still checked', () => {
    for (const value of [' 5', ' [a]']) {
      const text = workflow('"*/2 * * * *"', value);
      assert.deepEqual(findingsOf(text).map((f) => f.code), ['too-frequent'], value);
    }
  });

  it('a zone problem is reported even when the cron cannot be read', () => {
    const text = workflow('[a]', ' Foo/Bar');
    assert.deepEqual(summary(findingsOf(text)), [at('invalid-cron', 'error', rangeOf(text, 'Foo/Bar'))]);
  });
});

describe('GitHub workflow schedules: hand-built entries (analyze over a discovery result)', () => {
  const r = (line: number, a: number, b: number): Range => ({ start: { line, character: a }, end: { line, character: b } });
  function entry(value: string, contentStart: boolean, timezone: NonNullable<DiscoveredSchedule['github']>['timezone'] = null): DiscoveredSchedule {
    const range = r(2, 12, 14 + value.length);
    return {
      language: 'yaml',
      range: r(2, 6, 14 + value.length),
      nameRange: r(2, 6, 10),
      fields: [
        {
          name: 'cron_expression',
          keyRange: r(2, 6, 10),
          value: { kind: 'string', value, range, parts: [range], ...(contentStart ? { contentStart: { line: 2, character: 13 } } : {}) },
        },
      ],
      hasOpaqueArguments: false,
      attachments: [],
      pipeline: null,
      variable: null,
      github: { timezone },
    };
  }
  const run = (s: DiscoveredSchedule) => analyze({ ...emptyDiscovery(), schedules: [s] }, { orchestrator: null, now: NOW });

  it('a field error inside a plain literal points at the field (start and end of the expression included)', () => {
    assert.deepEqual(summary(run(entry('61 3 * * *', true))), [at('invalid-cron', 'error', r(2, 13, 15))]);
    assert.deepEqual(summary(run(entry('0 3 * * 8', true))), [at('invalid-cron', 'error', r(2, 21, 22))]);
    assert.deepEqual(summary(run(entry('0 25 * * *', true))), [at('invalid-cron', 'error', r(2, 15, 17))]);
  });

  it('without a plain position: the whole literal', () => {
    assert.deepEqual(summary(run(entry('0 25 * * *', false))), [at('invalid-cron', 'error', r(2, 12, 24))]);
  });

  it('a timezone given as a non-string value is an error on the value', () => {
    const zone = { keyRange: r(3, 6, 14), value: { kind: 'number' as const, value: 5, range: r(3, 16, 17) } };
    const findings = run(entry('0 3 * * *', true, zone));
    assert.deepEqual(summary(findings), [at('invalid-cron', 'error', r(3, 16, 17))]);
    assert.equal(findings[0].message, NO_ZONE_MESSAGE);
  });

  it('an entry whose fields cannot be read gives nothing, and does not hide the other entries', () => {
    const broken = { ...entry('0 3 * * *', true), fields: null } as unknown as DiscoveredSchedule;
    const good = entry('*/1 * * * *', true);
    assert.deepEqual(
      analyze({ ...emptyDiscovery(), schedules: [broken, good] }, { orchestrator: null, now: NOW }).map((f) => f.code),
      ['too-frequent'],
    );
  });
});

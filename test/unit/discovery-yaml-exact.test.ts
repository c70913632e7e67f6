// Exact results of YAML run-configuration discovery (yaml.ts): whole DiscoveryResults for small configs,
// merge keys and aliases as PyYAML builds them, duplicate keys, which `schedule:` mappings count,
// generated templates, value kinds and where a value's characters start, settings and syntax problems.
// Expected values follow PyYAML's reading (ZenML's): the last duplicate key wins, `<<` merges with the
// mapping's own keys first and earlier merged mappings before later ones.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverYaml, emptyDiscovery, MAX_YAML_FILE_LENGTH, type DiscoveredSchedule, type FieldValue, type Range } from '../../src/discovery/index';
import { positionOf, rangeOf, shape } from './discovery-helpers';

function only(text: string): DiscoveredSchedule {
  const result = discoverYaml(text);
  assert.equal(result.schedules.length, 1, text);
  return result.schedules[0];
}

function values(text: string): Record<string, Record<string, unknown> | undefined> {
  return Object.fromEntries(only(text).fields.map((field) => [field.name, shape(field.value)]));
}

function at(line: number, character: number, endLine: number, endCharacter: number): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

describe('YAML: the whole result', () => {
  it('a run configuration with a schedule', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"  # nightly\n  catchup: true\n\n# end\n';
    const key = rangeOf(text, 'schedule');
    const cron = rangeOf(text, '"0 3 * * *"');
    assert.deepEqual(discoverYaml(text), {
      ...emptyDiscovery(),
      schedules: [
        {
          language: 'yaml',
          // The mapping without the trailing comment, blank line and line breaks.
          range: at(1, 2, 2, 15),
          nameRange: key,
          fields: [
            { name: 'cron_expression', keyRange: rangeOf(text, 'cron_expression'), value: { kind: 'string', value: '0 3 * * *', range: cron, parts: [cron], contentStart: positionOf(text, '0 3') } },
            { name: 'catchup', keyRange: rangeOf(text, 'catchup'), value: { kind: 'bool', value: true, range: rangeOf(text, 'true') } },
          ],
          hasOpaqueArguments: false,
          attachments: [{ via: 'yaml', keywordRange: key, pipeline: null }],
          pipeline: null,
          variable: null,
        },
      ],
    });
  });

  it('nothing for texts that cannot be run configurations', () => {
    assert.deepEqual(discoverYaml('enable_cache: false\nsteps:\n  trainer: {}\n'), emptyDiscovery());
    assert.deepEqual(discoverYaml('schedule:\n  cron_expression: "0 3 * * *"\n\0'), emptyDiscovery());
    const large = `schedule:\n  cron_expression: "0 3 * * *"\n#${'x'.repeat(MAX_YAML_FILE_LENGTH)}\n`;
    assert.deepEqual(discoverYaml(large), emptyDiscovery());
    // Exactly the limit is still read.
    const limit = 'schedule:\n  cron_expression: "0 3 * * *"\n#';
    assert.equal(discoverYaml(limit + 'x'.repeat(MAX_YAML_FILE_LENGTH - limit.length)).schedules.length, 1);
  });

  it('orchestrator settings without a schedule: flavors and the Databricks zone', () => {
    const text = [
      'settings:',
      '  orchestrator.databricks:',
      '    schedule_timezone: " Europe/Berlin "',
      '  orchestrator.kubeflow: {}',
      '  orchestrator: {}',
      '  docker: {}',
      '',
    ].join('\n');
    assert.deepEqual(discoverYaml(text), { ...emptyDiscovery(), settingsFlavors: ['databricks', 'kubeflow'], scheduleTimezoneSet: true });
  });
});

describe('YAML: settings', () => {
  it('the one schedule_timezone of the document is given to its schedule', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"\nsettings:\n  orchestrator.databricks:\n    schedule_timezone: Europe/Berlin\n';
    const result = discoverYaml(text);
    assert.deepEqual(result.settingsFlavors, ['databricks']);
    assert.equal(result.scheduleTimezoneSet, true);
    assert.equal(result.schedules[0].scheduleTimezone, 'Europe/Berlin');
  });

  it('an aliased settings value and zone are followed; the last settings key wins', () => {
    const text = [
      'zone: &zone UTC',
      'dbx: &dbx',
      '  schedule_timezone: *zone',
      'settings:',
      '  orchestrator.airflow: {}',
      'settings:',
      '  orchestrator.databricks: *dbx',
      'schedule:',
      '  cron_expression: "0 3 * * *"',
      '',
    ].join('\n');
    const result = discoverYaml(text);
    assert.deepEqual(result.settingsFlavors, ['databricks']);
    assert.equal(result.schedules[0].scheduleTimezone, 'UTC');
  });

  it('blank, non-string and repeated zones; the same flavor in two documents once', () => {
    const blank = discoverYaml('settings:\n  orchestrator.databricks:\n    schedule_timezone: "  "\nschedule:\n  cron_expression: "0 3 * * *"\n');
    assert.equal(blank.scheduleTimezoneSet, true);
    assert.equal(blank.schedules[0].scheduleTimezone, undefined);
    const number = discoverYaml('settings:\n  orchestrator.databricks:\n    schedule_timezone: 1\nschedule:\n  cron_expression: "0 3 * * *"\n');
    assert.equal(number.schedules[0].scheduleTimezone, undefined);
    const text = 'settings:\n  orchestrator.databricks: {schedule_timezone: UTC}\n---\nsettings:\n  orchestrator.databricks: {schedule_timezone: UTC}\n  1: x\n  orchestrator.vertex: 3\n';
    const twice = discoverYaml(text);
    assert.deepEqual(twice.settingsFlavors, ['databricks', 'vertex']);
    assert.equal(twice.scheduleTimezoneSet, true);
    // Two distinct zones: none is given.
    const two = discoverYaml('settings:\n  orchestrator.databricks: {schedule_timezone: UTC}\n  orchestrator.x: {schedule_timezone: Europe/Berlin}\nschedule:\n  cron_expression: "0 3 * * *"\n');
    assert.equal(two.schedules[0].scheduleTimezone, undefined);
    // Not under an orchestrator key.
    const other = discoverYaml('settings:\n  docker: {schedule_timezone: UTC}\n');
    assert.equal(other.scheduleTimezoneSet, false);
  });
});

describe('YAML: duplicate keys, merge keys, aliases', () => {
  it('a repeated top-level schedule: reported at the earlier key, the last one is read', () => {
    const text = 'schedule:\n  cron_expression: "0 1 * * *"\nschedule:\n  cron_expression: "0 2 * * *"\n';
    const result = discoverYaml(text);
    assert.deepEqual(result.problems, [
      {
        code: 'duplicate-key',
        message: '`schedule` is set again below; ZenML reads the file with PyYAML, which keeps only the last value.',
        range: at(0, 0, 0, 8),
      },
    ]);
    assert.deepEqual(values(text), { cron_expression: { kind: 'string', value: '0 2 * * *' } });
  });

  it('a repeated key in the schedule mapping: reported at the earlier key, the last value is read', () => {
    const text = 'schedule:\n  cron_expression: "0 1 * * *"\n  catchup: false\n  cron_expression: "0 2 * * *"\n';
    const result = discoverYaml(text);
    assert.deepEqual(result.problems, [
      {
        code: 'duplicate-key',
        message: '`cron_expression` is set again below in this mapping; ZenML reads the file with PyYAML, which keeps only the last value.',
        range: at(1, 2, 1, 17),
      },
    ]);
    // The fields in source order, the surviving cron_expression at its own (later) key.
    assert.deepEqual(
      result.schedules[0].fields.map((f) => [f.name, f.keyRange.start.line]),
      [
        ['catchup', 2],
        ['cron_expression', 3],
      ],
    );
  });

  it('an aliased schedule mapping', () => {
    const text = 'base: &nightly\n  cron_expression: "0 3 * * *"\nschedule: *nightly\n';
    const schedule = only(text);
    assert.deepEqual(schedule.nameRange, rangeOf(text, 'schedule'));
    assert.deepEqual(schedule.fields.map((f) => [f.name, f.keyRange]), [['cron_expression', at(1, 2, 1, 17)]]);
  });

  it('merge keys: own keys win over merged ones, earlier merged mappings over later ones', () => {
    const text = [
      'a: &a',
      '  cron_expression: "0 1 * * *"',
      '  catchup: true',
      'b: &b',
      '  cron_expression: "0 2 * * *"',
      '  name: from-b',
      '  start_time: "2026-01-01T00:00:00Z"',
      'schedule:',
      '  <<: [*a, *b]',
      '  name: own',
      '',
    ].join('\n');
    assert.deepEqual(values(text), {
      cron_expression: { kind: 'string', value: '0 1 * * *' },
      catchup: { kind: 'bool', value: true },
      start_time: { kind: 'datetime', iso: '2026-01-01T00:00:00Z', aware: true, source: 'string' },
      name: { kind: 'string', value: 'own' },
    });
    assert.equal(only(text).hasOpaqueArguments, false);
  });

  it('a single merged mapping, and merges inside merged mappings', () => {
    const text = 'base: &base\n  catchup: false\nmid: &mid\n  <<: *base\n  interval_second: 60\nschedule:\n  <<: *mid\n';
    assert.deepEqual(values(text), { catchup: { kind: 'bool', value: false }, interval_second: { kind: 'number', value: 60 } });
  });

  it('a merge of something other than a mapping, and keys that are not strings, make the mapping opaque', () => {
    assert.equal(only('x: &x 5\nschedule:\n  <<: *x\n  cron_expression: "0 3 * * *"\n').hasOpaqueArguments, true);
    assert.equal(only('schedule:\n  cron_expression: "0 3 * * *"\n  1: one\n').hasOpaqueArguments, true);
    assert.equal(only('a: &a {1: one}\nschedule:\n  <<: *a\n  cron_expression: "0 3 * * *"\n').hasOpaqueArguments, true);
    assert.equal(only('schedule:\n  cron_expression: "0 3 * * *"\n').hasOpaqueArguments, false);
  });

  it('duplicates inside a merged mapping are not reported', () => {
    const text = 'a: &a\n  catchup: true\n  catchup: false\nschedule:\n  <<: *a\n  cron_expression: "0 3 * * *"\n';
    const result = discoverYaml(text);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(shape(result.schedules[0].fields.find((f) => f.name === 'catchup')?.value), { kind: 'bool', value: false });
  });
});

describe('YAML: which schedule mappings count', () => {
  const counts: [string, number][] = [
    // At least half of the keys are Schedule fields (or near misses), one of them more than `name`.
    ['schedule:\n  cron_expression: "0 3 * * *"\n  owner: data\n', 1],
    ['schedule:\n  cron_expression: "0 3 * * *"\n  owner: data\n  team: ml\n', 0],
    ['schedule:\n  name: nightly\n', 0],
    ['schedule:\n  name: nightly\n  interval_second: 60\n', 1],
    ['schedule:\n  catchup: true\n', 1],
    ['schedule:\n  end_time: "2026-01-01"\n', 1],
    ['schedule:\n  interval_secnd: 60\n  owner: data\n', 1],
    // ZenML's generated template: type names as values.
    ['schedule:\n  cron_expression: Optional[str]\n  catchup: bool\n', 0],
    ['schedule:\n  cron_expression: Optional[str]\n  interval_second: 60\n', 0],
    ['schedule:\n  cron_expression: Optional[str]\n  interval_second: 60\n  catchup: true\n', 1],
    ['schedule:\n  name: str\n  cron_expression: "0 3 * * *"\n  catchup: true\n', 1],
    ['schedule:\n  start_time: datetime\n  interval_second: timedelta\n', 0],
    ['schedule:\n  name: Union[str, None]\n  catchup: Any\n', 0],
    ['schedule:\n  name: xstr\n  catchup: anything\n', 1],
  ];
  for (const [text, count] of counts) {
    it(JSON.stringify(text), () => assert.equal(discoverYaml(text).schedules.length, count));
  }
});

describe('YAML: values', () => {
  it('kinds of values', () => {
    const text = [
      'schedule:',
      '  name: ${SCHEDULE_NAME}',
      '  cron_expression: "0 ${HOUR} * * *"',
      '  start_time: 2026-01-01 08:00:00+02:00',
      '  end_time: "2026-01-01"',
      '  run_once_start_time: soon',
      '  interval_second: 1.5',
      '  catchup: null',
      '  extra: {a: 1}',
      '',
    ].join('\n');
    assert.deepEqual(values(text), {
      name: { kind: 'unknown', text: '${SCHEDULE_NAME}' },
      cron_expression: { kind: 'unknown', text: '0 ${HOUR} * * *' },
      start_time: { kind: 'datetime', iso: '2026-01-01T06:00:00Z', aware: true, source: 'string' },
      end_time: { kind: 'datetime', iso: '2026-01-01T00:00:00', aware: false, source: 'string' },
      run_once_start_time: { kind: 'string', value: 'soon' },
      interval_second: { kind: 'number', value: 1.5 },
      catchup: { kind: 'none' },
      extra: { kind: 'unknown', text: '{a: 1}' },
    });
  });

  it('a key without a value: none, at the empty value after the colon, or at the end of a key without one', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"\n  catchup:\n';
    assert.deepEqual(only(text).fields[1].value, { kind: 'none', range: at(2, 10, 2, 10) });
    // An explicit key (`? catchup`) and a flow-mapping key alone have no value node at all.
    assert.deepEqual(only('schedule:\n  cron_expression: x\n  ? catchup\n').fields[1].value, { kind: 'none', range: at(2, 11, 2, 11) });
    assert.deepEqual(only('schedule: {cron_expression: x, catchup}\n').fields[1].value, { kind: 'none', range: at(0, 38, 0, 38) });
  });

  it('a binary scalar is unknown, with its source', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"\n  name: !!binary aGk=\n';
    const value = only(text).fields[1].value;
    assert.equal(value.kind, 'unknown');
    assert.equal(value.kind === 'unknown' && text.includes(value.text) && value.text.endsWith('aGk='), true);
  });

  const starts: [scalar: string, content: string | null][] = [
    ['0 3 * * *', '0 3'],
    ['"0 3 * * *"', '0 3'],
    ["'0 3 * * *'", '0 3'],
    // Escapes and doubled quotes: the value's characters are not the source's.
    ['"0\\t3 * * *"', null],
    ["'it''s'", null],
    // Block and folded scalars, and a plain scalar over two lines.
    ['|\n    0 3 * * *', null],
    ['>\n    0 3 * * *', null],
  ];
  for (const [scalar, content] of starts) {
    it(`where the characters of ${JSON.stringify(scalar)} start`, () => {
      const text = `schedule:\n  name: ${scalar}\n  catchup: true\n`;
      const value: FieldValue = only(text).fields[0].value;
      assert.equal(value.kind, 'string');
      assert.deepEqual(value.kind === 'string' ? value.contentStart : 'not a string', content === null ? undefined : positionOf(text, content));
    });
  }

  it('a plain scalar over two lines has no start position', () => {
    const text = 'schedule:\n  name: nightly\n    run\n  catchup: true\n';
    const value = only(text).fields[0].value;
    assert.deepEqual(value.kind === 'string' && [value.value, value.contentStart], ['nightly run', undefined]);
  });
});

describe('YAML: syntax problems', () => {
  it('a broken run configuration: where the parser stops, with the first line of its message', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *\n';
    const result = discoverYaml(text);
    assert.deepEqual(result.schedules, []);
    assert.equal(result.problems.length, 1);
    const [problem] = result.problems;
    assert.equal(problem.code, 'yaml-syntax');
    assert.ok(problem.message.startsWith('This run configuration is not valid YAML, so ZenML cannot read its schedule: '), problem.message);
    assert.ok(!problem.message.includes('\n'), problem.message);
  });

  it('a broken document that names no distinctive Schedule field is not reported', () => {
    assert.deepEqual(discoverYaml('schedule:\n  name: "nightly\n').problems, []);
    assert.deepEqual(discoverYaml('orchestrator: [\n').problems, []);
  });

  it('only the broken document of several is reported; the others are read', () => {
    const text = 'schedule:\n  cron_expression: "0 3 * * *"\n---\nschedule:\n  interval_second: [\n';
    const result = discoverYaml(text);
    assert.equal(result.schedules.length, 1);
    assert.deepEqual(result.problems.map((p) => [p.code, p.range.start.line >= 3]), [['yaml-syntax', true]]);
  });
});

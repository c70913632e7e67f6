import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverYaml } from '../../src/discovery/index';
import { fieldValue, rangeOf, shape } from './discovery-helpers';

describe('YAML discovery', () => {
  const config = [
    '# run configuration',
    'enable_cache: false',
    'schedule:',
    '  name: nightly',
    '  cron_expression: "30 2 * * *"',
    '  start_time: "2026-01-01T00:00:00Z"',
    '  end_time: 2026-06-01T00:00:00',
    '  interval_second: 3600',
    '  catchup: false',
    'settings:',
    '  docker: {}',
    '',
  ].join('\n');

  it('a top-level schedule mapping, with exact ranges', () => {
    const result = discoverYaml(config);
    assert.equal(result.schedules.length, 1);
    const schedule = result.schedules[0];
    assert.equal(schedule.language, 'yaml');
    assert.deepEqual(schedule.nameRange, { start: { line: 2, character: 0 }, end: { line: 2, character: 8 } });
    assert.deepEqual(schedule.range, { start: { line: 3, character: 2 }, end: { line: 8, character: 16 } });
    assert.deepEqual(schedule.attachments, [{ via: 'yaml', keywordRange: schedule.nameRange, pipeline: null }]);
    assert.deepEqual(schedule.fields.map((f) => f.name), ['name', 'cron_expression', 'start_time', 'end_time', 'interval_second', 'catchup']);
    const cron = schedule.fields[1];
    assert.deepEqual(cron.keyRange, { start: { line: 4, character: 2 }, end: { line: 4, character: 17 } });
    assert.deepEqual(cron.value.range, rangeOf(config, '"30 2 * * *"'));
    assert.ok(cron.value.kind === 'string');
    assert.deepEqual(cron.value.contentStart, { line: 4, character: 20 });
  });

  it('values: strings, timestamps, numbers, booleans', () => {
    const schedule = discoverYaml(config).schedules[0];
    assert.deepEqual(shape(fieldValue(schedule, 'name')), { kind: 'string', value: 'nightly' });
    assert.deepEqual(shape(fieldValue(schedule, 'start_time')), { kind: 'datetime', iso: '2026-01-01T00:00:00Z', aware: true, source: 'string' });
    assert.deepEqual(shape(fieldValue(schedule, 'end_time')), { kind: 'datetime', iso: '2026-06-01T00:00:00', aware: false, source: 'string' });
    assert.deepEqual(shape(fieldValue(schedule, 'interval_second')), { kind: 'number', value: 3600 });
    assert.deepEqual(shape(fieldValue(schedule, 'catchup')), { kind: 'bool', value: false });
  });

  it('a plain scalar cron keeps a 1:1 content start', () => {
    const text = 'schedule:\n  cron_expression: 0 3 * * *\n';
    const value = fieldValue(discoverYaml(text).schedules[0], 'cron_expression');
    assert.ok(value?.kind === 'string');
    assert.equal(value.value, '0 3 * * *');
    assert.deepEqual(value.contentStart, { line: 1, character: 19 });
  });

  it('null, lists and mappings as values', () => {
    const text = 'schedule:\n  cron_expression:\n  name: [a, b]\n  start_time: ~\n';
    const schedule = discoverYaml(text).schedules[0];
    assert.equal(fieldValue(schedule, 'cron_expression')?.kind, 'none');
    assert.deepEqual(shape(fieldValue(schedule, 'name')), { kind: 'unknown', text: '[a, b]' });
    assert.equal(fieldValue(schedule, 'start_time')?.kind, 'none');
  });

  it('misspelt keys are kept (a mostly-Schedule mapping still counts)', () => {
    const text = 'schedule:\n  interval_seconds: 3600\n  start_time: "2026-01-01T08:00:00"\n';
    const schedule = discoverYaml(text).schedules[0];
    assert.deepEqual(schedule.fields.map((f) => f.name), ['interval_seconds', 'start_time']);
    assert.deepEqual(schedule.fields[0].keyRange, rangeOf(text, 'interval_seconds'));
  });

  it('a single misspelt key still counts', () => {
    assert.equal(discoverYaml('schedule:\n  cron_expresion: "0 0 * * *"\n').schedules.length, 1);
  });

  const notSchedules: { name: string; text: string }[] = [
    { name: 'a mapping of unknown keys', text: 'schedule:\n  team: data\n  owner: alice\n  cron_expression: "0 0 * * *"\n  region: eu\n' },
    { name: 'schedule is a string', text: 'schedule: daily\n' },
    { name: 'schedule is a list', text: 'schedule:\n  - cron_expression: "0 0 * * *"\n' },
    { name: 'schedule nested, not top-level', text: 'steps:\n  schedule:\n    cron_expression: "0 0 * * *"\n' },
    { name: 'the document is a list', text: '- schedule:\n    cron_expression: "0 0 * * *"\n' },
    { name: 'the document is a scalar', text: 'schedule\n' },
    { name: 'empty document', text: '' },
    { name: 'empty schedule mapping', text: 'schedule: {}\n' },
    { name: 'only a name and an unknown key', text: 'schedule:\n  name: nightly\n  owner: data-team\n' },
  ];
  for (const { name, text } of notSchedules) {
    it(`not a schedule: ${name}`, () => assert.deepEqual(discoverYaml(text).schedules, []));
  }

  it('a flow mapping', () => {
    const text = 'schedule: {cron_expression: "0 0 * * *", catchup: true}\n';
    const schedule = discoverYaml(text).schedules[0];
    assert.deepEqual(shape(fieldValue(schedule, 'catchup')), { kind: 'bool', value: true });
    assert.deepEqual(fieldValue(schedule, 'cron_expression')?.range, rangeOf(text, '"0 0 * * *"'));
  });

  it('multi-document YAML: each document is read', () => {
    const text = 'schedule:\n  cron_expression: "0 0 * * *"\n---\nother: 1\n---\nschedule:\n  cron_expression: "0 1 * * *"\n';
    const result = discoverYaml(text);
    assert.deepEqual(
      result.schedules.map((s) => fieldValue(s, 'cron_expression')?.range.start.line),
      [1, 6],
    );
  });

  const broken = [
    'schedule:\n  cron_expression: "0 0 * * *\n',
    'schedule:\n  cron_expression: [\n',
    'schedule:\n\tcron_expression: "0 0 * * *"\n',
    'schedule: &a\n  cron_expression: "0 0 * * *"\nother: *a\nbad: *missing\n',
    ': : :\nschedule:\n',
    '{{{{',
    'schedule:\n  cron_expression: "0 0 * * *"\n  cron_expression: "0 1 * * *"\n',
    '\0\0\0schedule:\n  cron_expression: x\n',
  ];
  for (const text of broken) {
    it(`never throws on ${JSON.stringify(text)}`, () => assert.doesNotThrow(() => discoverYaml(text)));
  }

  it('binary content gives an empty result', () => {
    assert.deepEqual(discoverYaml('schedule:\n  cron_expression: "0 0 * * *"\n\0').schedules, []);
  });

  it('a YAML error anywhere in the run configuration is a yaml-syntax problem where the parser stops, not half a schedule', () => {
    const text = 'schedule:\n  cron_expression: "0 0 * * *"\nsettings: [\n';
    const result = discoverYaml(text);
    assert.equal(result.schedules.length, 0);
    assert.deepEqual(result.problems.map((p) => p.code), ['yaml-syntax']);
    assert.equal(result.problems[0].range.start.line, 3);
  });
});

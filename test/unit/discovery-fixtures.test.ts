// Runs discovery over the realistic files in test/fixtures/discovery and checks
// what their `# expect...` comments say (see the README there).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { discover, type DiscoveredSchedule, type FieldValue } from '../../src/discovery/index';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'discovery');

interface Expectation {
  line: number;
  values: Map<string, string>;
}

function expectations(text: string): { count: number | null; decoratorArgs: number | null; schedules: Expectation[] } {
  const lines = text.split('\n');
  const header = (key: string): number | null => {
    const line = lines.find((l) => l.startsWith(`# ${key}:`));
    return line === undefined ? null : Number(line.slice(key.length + 3).trim());
  };
  const schedules: Expectation[] = [];
  lines.forEach((line, index) => {
    const at = line.indexOf('# expect: ');
    if (at < 0) return;
    const values = new Map<string, string>();
    for (const match of line.slice(at + '# expect: '.length).matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
      values.set(match[1], match[2].startsWith('"') ? match[2].slice(1, -1) : match[2]);
    }
    schedules.push({ line: index, values });
  });
  return { count: header('expect-schedules'), decoratorArgs: header('expect-decorator-args'), schedules };
}

function valueOf(schedule: DiscoveredSchedule, field: string): FieldValue | undefined {
  return schedule.fields.find((f) => f.name === field)?.value;
}

function check(schedule: DiscoveredSchedule, expected: Expectation): void {
  const where = `schedule on line ${expected.line + 1}`;
  const list = (value: string) => (value === '-' ? [] : value.split(','));
  for (const [key, value] of expected.values) {
    switch (key) {
      case 'var':
        assert.equal(schedule.variable, value === '-' ? null : value, `${where}: variable`);
        break;
      case 'pipeline':
        assert.equal(schedule.pipeline, value === '-' ? null : value, `${where}: pipeline`);
        break;
      case 'via':
        assert.deepEqual(schedule.attachments.map((a) => a.via), list(value), `${where}: attachments`);
        break;
      case 'cron': {
        const cron = valueOf(schedule, 'cron_expression');
        assert.equal(cron?.kind === 'string' ? cron.value : cron?.kind, value, `${where}: cron_expression`);
        break;
      }
      case 'interval': {
        const interval = valueOf(schedule, 'interval_second');
        assert.equal(interval?.kind === 'number' ? interval.value : interval?.kind, Number(value), `${where}: interval_second`);
        break;
      }
      case 'naive':
      case 'aware':
        for (const field of list(value)) {
          const stamp = valueOf(schedule, field);
          assert.ok(stamp?.kind === 'datetime', `${where}: ${field} is a datetime`);
          assert.equal(stamp.aware, key === 'aware', `${where}: ${field} is ${key}`);
        }
        break;
      case 'unknown':
        for (const field of list(value)) assert.equal(valueOf(schedule, field)?.kind, 'unknown', `${where}: ${field} is unknown`);
        break;
      case 'opaque':
        assert.equal(schedule.hasOpaqueArguments, value === 'true', `${where}: opaque`);
        break;
      default:
        assert.fail(`unknown expectation key ${key} (${where})`);
    }
  }
}

describe('discovery over realistic fixtures', () => {
  const files = readdirSync(FIXTURES).filter((name) => /\.(py|ya?ml)$/.test(name));
  it('has fixtures', () => assert.ok(files.length >= 5));
  for (const name of files) {
    it(name, () => {
      const text = readFileSync(path.join(FIXTURES, name), 'utf8');
      const expected = expectations(text);
      const result = discover(text, name);
      assert.notEqual(expected.count, null, 'every fixture states # expect-schedules');
      assert.equal(result.schedules.length, expected.count, 'number of schedules');
      if (expected.decoratorArgs !== null) assert.equal(result.pipelineDecoratorScheduleArgs.length, expected.decoratorArgs);
      for (const want of expected.schedules) {
        const schedule = result.schedules.find((s) => s.range.start.line === want.line || s.nameRange.start.line === want.line);
        assert.ok(schedule, `a schedule starting on line ${want.line + 1}`);
        check(schedule, want);
      }
    });
  }
});

// Exact behaviour of the module-level steps of Python discovery (python.ts): the cheap pre-check
// (mayMentionSchedule), the files it does not read, the byte order mark, the import line for quick fixes,
// reading a module that binds only Schedule or only @pipeline, the comma repair's string continuations,
// and which functions' returned Schedules are followed (decorated definitions).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverPython, emptyDiscovery, MAX_PYTHON_FILE_LENGTH, mayMentionSchedule, type DiscoveredSchedule } from '../../src/discovery/index';
import { rangeOf, shape } from './discovery-helpers';

function cronOf(schedule: DiscoveredSchedule): string | null {
  const value = schedule.fields.find((f) => f.name === 'cron_expression')?.value;
  return value?.kind === 'string' ? value.value : null;
}

/** `line:cron:pipeline` of each schedule (1-based lines). */
function rows(text: string): string[] {
  return discoverPython(text).schedules.map((s) => `${s.nameRange.start.line + 1}:${cronOf(s) ?? '-'}:${s.pipeline ?? '-'}`);
}

describe('mayMentionSchedule: Schedule / schedule followed by ( = or as', () => {
  const cases: [string, boolean][] = [
    ['s = Schedule(cron_expression="0 3 * * *")', true],
    ['p.with_options(schedule=s)', true],
    ['schedule = make()', true],
    ['schedule\t=\tmake()', true],
    ['Schedule\r\n(', true],
    // A line continuation between the name and the parenthesis.
    ['Schedule \\\n    (', true],
    ['from zenml.config import Schedule as S', true],
    ['from zenml.config import Schedule as\\\n S', true],
    ['import Schedule as', true],
    // Any word ending in "chedule": the check is cheap, not exact.
    ['reschedule(job)', true],
    ['Schedule == other', true],
    // Not a call, keyword, assignment or alias.
    ['', false],
    ['from zenml.config.schedule import Schedule', false],
    ['schedule: Schedule', false],
    ['schedules = []', false],
    ['x.schedule.cron', false],
    ['Schedule as_of', false],
    ['Schedule asap', false],
    ['Schedule a', false],
    ['# Schedule', false],
    ['chedul(', false],
    // The second mention counts.
    ['import schedule_utils, Schedule  # Schedule(', true],
    ['Schedule, Schedule, schedule=', true],
  ];
  for (const [text, expected] of cases) {
    it(JSON.stringify(text), () => assert.equal(mayMentionSchedule(text), expected));
  }
});

describe('Python discovery: files it does not read, the byte order mark', () => {
  const SOURCE = 'from zenml.config.schedule import Schedule\ns = Schedule(cron_expression="0 3 * * *")\n';

  it('a NUL character: nothing', () => {
    assert.deepEqual(discoverPython(`${SOURCE}\0`), emptyDiscovery());
  });

  it('larger than the limit: nothing; exactly the limit: read', () => {
    const pad = (length: number): string => `${SOURCE}#${'x'.repeat(length - SOURCE.length - 2)}\n`;
    assert.equal(pad(MAX_PYTHON_FILE_LENGTH).length, MAX_PYTHON_FILE_LENGTH);
    assert.deepEqual(rows(pad(MAX_PYTHON_FILE_LENGTH)), ['2:0 3 * * *:-']);
    assert.deepEqual(discoverPython(pad(MAX_PYTHON_FILE_LENGTH + 1)), emptyDiscovery());
  });

  it('no mention of a schedule: nothing, not even the import line', () => {
    assert.deepEqual(discoverPython('from datetime import timezone\nimport os\nx = 1\n'), emptyDiscovery());
  });

  it('a byte order mark keeps every position', () => {
    // (The mark is read as a space, so an import on the first line is not seen as top-level: with a single
    // import there, importInsertLine would be 0. Reported; this source has its last import on line 2.)
    const source = `import os\n${SOURCE}`;
    const plain = discoverPython(source);
    const marked = discoverPython(`\ufeff${source}`);
    assert.deepEqual(marked, plain);
    assert.deepEqual(plain.schedules[0].nameRange, rangeOf(source, 'Schedule', 1));
    assert.equal(plain.importInsertLine, 2);
  });
});

describe('Python discovery: imports for quick fixes', () => {
  it('the import line: after the last top-level import, ignoring imports in functions', () => {
    const line = (text: string): number => discoverPython(text).importInsertLine;
    assert.equal(line('s = Schedule(cron_expression="0 3 * * *")\n'), 0);
    assert.equal(line('import os\n\nfrom zenml.config import (\n    Schedule,\n)\n\ns = Schedule(cron_expression="0 3 * * *")\n'), 5);
    assert.equal(line('def f():\n    from zenml.config import Schedule\n    return Schedule(cron_expression="0 3 * * *")\n'), 0);
    assert.equal(line('import os\ndef f():\n    from zenml.config import Schedule\n    return Schedule(cron_expression="0 3 * * *")\n'), 1);
    assert.equal(line('"""Doc."""\nfrom zenml.config import Schedule\nimport datetime as dt\ns = Schedule(cron_expression="0 3 * * *")'), 3);
  });

  it('the names bound to datetime.timezone and the datetime module', () => {
    const imports = (header: string) => discoverPython(`${header}from zenml.config import Schedule\ns = Schedule(cron_expression="0 3 * * *")\n`).imports;
    assert.deepEqual(imports(''), { timezone: null, datetimeModule: null });
    assert.deepEqual(imports('from datetime import timezone as tz\nimport datetime as dt\n'), { timezone: 'tz', datetimeModule: 'dt' });
    assert.deepEqual(imports('import datetime\n'), { timezone: null, datetimeModule: 'datetime' });
  });
});

describe('Python discovery: a module binding only Schedule, or only the @pipeline decorator', () => {
  it('Schedule imported, `pipeline` taken by another package', () => {
    const text = 'from zenml.config.schedule import Schedule\nfrom kfp.dsl import pipeline\n\ns = Schedule(cron_expression="0 3 * * *")\n';
    assert.deepEqual(rows(text), ['4:0 3 * * *:-']);
  });

  it('only @pipeline imported: its schedule= keyword is still reported', () => {
    const text = 'from zenml import pipeline\n\n@pipeline(schedule=nightly)\ndef train():\n    ...\n';
    const result = discoverPython(text);
    assert.deepEqual(result.pipelineDecoratorScheduleArgs, [rangeOf(text, 'schedule')]);
    assert.deepEqual(result.schedules, []);
  });

  it('neither bound: nothing is read', () => {
    const text = 'from kfp.dsl import pipeline\n\n@pipeline(schedule=nightly)\ndef train():\n    ...\n';
    assert.deepEqual(discoverPython(text).pipelineDecoratorScheduleArgs, []);
  });
});

describe('Python discovery: the comma repair and string continuations', () => {
  it('a string continuation ends where a keyword follows', () => {
    const text = 'from zenml.config.schedule import Schedule\ns = Schedule(\n    name="nightly" "-run"\n    cron_expression="0 3 * * *",\n)\n';
    const [schedule] = discoverPython(text).schedules;
    assert.deepEqual(
      schedule.fields.map((f) => [f.name, shape(f.value)]),
      [
        ['name', { kind: 'string', value: 'nightly-run' }],
        ['cron_expression', { kind: 'string', value: '0 3 * * *' }],
      ],
    );
  });

  it('prefixed literals are still parts of the continuation', () => {
    for (const literal of ['f"-run"', 'Rf"-run"', "u'-run'"]) {
      const text = `from zenml.config.schedule import Schedule\ns = Schedule(\n    name="nightly" ${literal}\n    cron_expression="0 3 * * *",\n)\n`;
      const [schedule] = discoverPython(text).schedules;
      assert.deepEqual(
        schedule.fields.map((f) => [f.name, shape(f.value)]),
        [
          ['name', { kind: 'string', value: 'nightly-run' }],
          ['cron_expression', { kind: 'string', value: '0 3 * * *' }],
        ],
        literal,
      );
    }
  });

  it('a comparison (==) on the next line is not a keyword argument: no repair', () => {
    const text = 'from zenml.config.schedule import Schedule\ns = Schedule(\n    cron_expression="0 3 * * *"\n    catchup == True,\n)\n';
    const [schedule] = discoverPython(text).schedules;
    assert.notDeepEqual(
      schedule.fields.map((f) => f.name),
      ['cron_expression', 'catchup'],
    );
  });

  it('the comma goes after the last good token, before a tab-indented keyword', () => {
    const text = 'from zenml.config.schedule import Schedule\ns = Schedule(\n\tcron_expression="0 3 * * *"\n\tcatchup\t=\tTrue,\n)\n';
    const [schedule] = discoverPython(text).schedules;
    assert.deepEqual(
      schedule.fields.map((f) => [f.name, shape(f.value)]),
      [
        ['cron_expression', { kind: 'string', value: '0 3 * * *' }],
        ['catchup', { kind: 'bool', value: true }],
      ],
    );
  });
});

describe('Python discovery: functions whose returned Schedule is passed', () => {
  const HEADER = 'import functools\nfrom zenml.config.schedule import Schedule\nfrom pipelines import train\n\n\n';

  it('a decorated helper, its decorator over several lines and a comment line', () => {
    const text =
      HEADER +
      '@functools.lru_cache(\n    maxsize=None,\n)\n# the nightly schedule\ndef nightly():\n    return Schedule(cron_expression="0 3 * * *")\n\n\n' +
      'train.with_options(schedule=nightly())()\n';
    assert.deepEqual(rows(text), ['11:0 3 * * *:train']);
  });

  it('a helper returning a variable, used through a variable', () => {
    const text =
      HEADER +
      'def hourly():\n    schedule = Schedule(cron_expression="0 * * * *")\n    return schedule\n\n\n' +
      'if __name__ == "__main__":\n    s = hourly()\n    train.with_options(schedule=s)()\n';
    assert.deepEqual(rows(text), ['7:0 * * * *:train']);
  });

  it('a class is not a function: its returns are not followed', () => {
    const text = HEADER + '@functools.total_ordering\nclass Nightly:\n    def make(self):\n        return Schedule(cron_expression="0 3 * * *")\n\n\ntrain.with_options(schedule=Nightly())()\n';
    assert.deepEqual(rows(text), ['9:0 3 * * *:-']);
  });
});

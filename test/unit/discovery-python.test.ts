import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discover, discoverPython, isScheduleFile, MAX_PYTHON_FILE_LENGTH, mayMentionSchedule, PythonDiscovery } from '../../src/discovery/index';
import { fieldValue, positionOf, rangeOf, shape } from './discovery-helpers';

const HEADER = 'from zenml import pipeline, step\nfrom zenml.config.schedule import Schedule\n';

function only(text: string) {
  const result = discoverPython(text);
  assert.equal(result.schedules.length, 1, `expected one schedule in:\n${text}`);
  return result.schedules[0];
}

describe('Python discovery: which calls are ZenML schedules', () => {
  const cases: { name: string; source: string; count: number }[] = [
    { name: 'from zenml.config.schedule import Schedule', source: 'from zenml.config.schedule import Schedule\ns = Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'from zenml.config import Schedule', source: 'from zenml.config import Schedule\ns = Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'alias: from zenml.config import Schedule as S', source: 'from zenml.config import Schedule as S\ns = S(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'module alias: import zenml.config.schedule as zs', source: 'import zenml.config.schedule as zs\ns = zs.Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'import zenml; zenml.config.Schedule', source: 'import zenml\ns = zenml.config.Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'parenthesised from-import list', source: 'from zenml.config.schedule import (\n    Schedule,\n)\ns = Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'star import', source: 'from zenml.config import *\ns = Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'import inside a function', source: 'def main():\n    from zenml.config import Schedule\n    return Schedule(cron_expression="0 0 * * *")\n', count: 1 },
    { name: 'a Schedule class not from ZenML', source: 'from myapp.models import Schedule\ns = Schedule(cron_expression="0 0 * * *")\n', count: 0 },
    { name: 'a Schedule class defined locally', source: 'class Schedule:\n    pass\ns = Schedule(cron_expression="0 0 * * *")\n', count: 0 },
    { name: 'no import at all', source: 's = Schedule(cron_expression="0 0 * * *")\n', count: 0 },
    { name: 'the alias hides the original name', source: 'from zenml.config import Schedule as S\ns = Schedule(cron_expression="0 0 * * *")\n', count: 0 },
    { name: 'Schedule in a comment or string only', source: HEADER + '# Schedule(cron_expression="0 0 * * *")\nx = "Schedule(cron_expression=1)"\n', count: 0 },
    { name: 'several schedules', source: HEADER + 'a = Schedule(cron_expression="0 0 * * *")\nb = Schedule(name="b", interval_second=60)\n', count: 2 },
  ];
  for (const { name, source, count } of cases) {
    it(name, () => assert.equal(discoverPython(source).schedules.length, count));
  }
});

describe('Python discovery: values', () => {
  const cases: { name: string; arg: string; field: string; expected: Record<string, unknown>; imports?: string }[] = [
    { name: 'plain string', arg: 'cron_expression="0 3 * * *"', field: 'cron_expression', expected: { kind: 'string', value: '0 3 * * *' } },
    { name: 'single quotes', arg: "cron_expression='0 3 * * *'", field: 'cron_expression', expected: { kind: 'string', value: '0 3 * * *' } },
    { name: 'implicit concatenation', arg: 'cron_expression="0 0 " "* * *"', field: 'cron_expression', expected: { kind: 'string', value: '0 0 * * *' } },
    { name: 'parenthesised multi-line concatenation', arg: 'cron_expression=(\n    "0 0 "\n    "* * *"\n)', field: 'cron_expression', expected: { kind: 'string', value: '0 0 * * *' } },
    { name: 'f-string without fields', arg: 'cron_expression=f"0 3 * * *"', field: 'cron_expression', expected: { kind: 'string', value: '0 3 * * *' } },
    { name: 'f-string with doubled braces', arg: 'name=f"{{a}}"', field: 'name', expected: { kind: 'string', value: '{a}' } },
    { name: 'f-string with a field is unknown', arg: 'cron_expression=f"0 {hour} * * *"', field: 'cron_expression', expected: { kind: 'unknown', text: 'f"0 {hour} * * *"' } },
    { name: 'raw string', arg: 'name=r"a\\d"', field: 'name', expected: { kind: 'string', value: 'a\\d' } },
    { name: 'escapes are decoded', arg: 'name="a\\tb\\u00e9"', field: 'name', expected: { kind: 'string', value: 'a\tb\u00e9' } },
    { name: 'triple-quoted string', arg: 'name="""nightly"""', field: 'name', expected: { kind: 'string', value: 'nightly' } },
    { name: 'bytes are unknown', arg: 'name=b"x"', field: 'name', expected: { kind: 'unknown', text: 'b"x"' } },
    { name: 'int', arg: 'interval_second=3600', field: 'interval_second', expected: { kind: 'number', value: 3600 } },
    { name: 'int with underscores', arg: 'interval_second=86_400', field: 'interval_second', expected: { kind: 'number', value: 86400 } },
    { name: 'float', arg: 'interval_second=1.5', field: 'interval_second', expected: { kind: 'number', value: 1.5 } },
    { name: 'negative int', arg: 'interval_second=-5', field: 'interval_second', expected: { kind: 'number', value: -5 } },
    { name: 'timedelta(minutes=30)', arg: 'interval_second=timedelta(minutes=30)', field: 'interval_second', expected: { kind: 'number', value: 1800 } },
    { name: 'timedelta positional days, seconds', arg: 'interval_second=timedelta(1, 30)', field: 'interval_second', expected: { kind: 'number', value: 86430 } },
    { name: 'timedelta(hours=1.5, minutes=2)', arg: 'interval_second=timedelta(hours=1.5, minutes=2)', field: 'interval_second', expected: { kind: 'number', value: 5520 } },
    { name: 'timedelta(weeks=1)', arg: 'interval_second=timedelta(weeks=1)', field: 'interval_second', expected: { kind: 'number', value: 604800 } },
    { name: 'datetime.timedelta via the module', arg: 'interval_second=dt.timedelta(seconds=90)', field: 'interval_second', expected: { kind: 'number', value: 90 }, imports: 'import datetime as dt\n' },
    { name: 'timedelta of a variable is unknown', arg: 'interval_second=timedelta(minutes=n)', field: 'interval_second', expected: { kind: 'unknown', text: 'timedelta(minutes=n)' } },
    { name: 'a call is unknown', arg: 'interval_second=compute()', field: 'interval_second', expected: { kind: 'unknown', text: 'compute()' } },
    { name: 'an undefined variable is unknown', arg: 'cron_expression=CRON', field: 'cron_expression', expected: { kind: 'unknown', text: 'CRON' } },
    { name: 'True', arg: 'catchup=True', field: 'catchup', expected: { kind: 'bool', value: true } },
    { name: 'False', arg: 'catchup=False', field: 'catchup', expected: { kind: 'bool', value: false } },
    { name: 'None', arg: 'cron_expression=None', field: 'cron_expression', expected: { kind: 'none' } },
    {
      name: 'datetime with tzinfo=timezone.utc',
      arg: 'start_time=datetime(2024, 1, 1, tzinfo=timezone.utc)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-01T00:00:00Z', aware: true, source: 'datetime', hasArgs: true },
    },
    {
      name: 'datetime without tzinfo is naive',
      arg: 'start_time=datetime(2024, 1, 1, 8, 30)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-01T08:30:00', aware: false, source: 'datetime', hasArgs: true },
    },
    {
      name: 'datetime with keyword arguments',
      arg: 'start_time=datetime(year=2024, month=2, day=3, hour=4, tzinfo=timezone.utc)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-02-03T04:00:00Z', aware: true, source: 'datetime', hasArgs: true },
    },
    {
      name: 'datetime with tzinfo=None is naive',
      arg: 'start_time=datetime(2024, 1, 1, tzinfo=None)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-01T00:00:00', aware: false, source: 'datetime', hasArgs: true },
    },
    {
      name: 'datetime with a fixed offset',
      arg: 'start_time=datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=2)))',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-01T10:00:00Z', aware: true, source: 'datetime', hasArgs: true },
    },
    {
      name: 'datetime with ZoneInfo (winter, UTC+1)',
      arg: 'start_time=datetime(2024, 1, 15, 9, tzinfo=ZoneInfo("Europe/Berlin"))',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-15T08:00:00Z', aware: true, source: 'datetime', hasArgs: true },
      imports: 'from zoneinfo import ZoneInfo\n',
    },
    {
      name: 'datetime with an unknown zone variable is aware, instant unknown',
      arg: 'start_time=datetime(2024, 1, 1, tzinfo=my_zone)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: null, aware: true, source: 'datetime', hasArgs: true },
    },
    {
      name: 'datetime.datetime(...) via the module',
      arg: 'start_time=datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-01T00:00:00Z', aware: true, source: 'datetime', hasArgs: true },
      imports: 'import datetime\n',
    },
    { name: 'datetime.now()', arg: 'start_time=datetime.now()', field: 'start_time', expected: { kind: 'datetime', iso: null, aware: false, source: 'now', hasArgs: false } },
    { name: 'datetime.now(timezone.utc)', arg: 'start_time=datetime.now(timezone.utc)', field: 'start_time', expected: { kind: 'datetime', iso: null, aware: true, source: 'now', hasArgs: true } },
    { name: 'datetime.now(tz=...)', arg: 'start_time=datetime.now(tz=timezone.utc)', field: 'start_time', expected: { kind: 'datetime', iso: null, aware: true, source: 'now', hasArgs: true } },
    { name: 'datetime.utcnow() is naive', arg: 'run_once_start_time=datetime.utcnow()', field: 'run_once_start_time', expected: { kind: 'datetime', iso: null, aware: false, source: 'utcnow', hasArgs: false } },
    {
      name: 'now() + timedelta keeps the naive datetime',
      arg: 'start_time=datetime.now() + timedelta(minutes=5)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: null, aware: false, source: 'now', hasArgs: false },
    },
    {
      name: 'datetime(...) + timedelta shifts the instant',
      arg: 'start_time=datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(days=1)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-02T00:00:00Z', aware: true, source: 'datetime', hasArgs: true },
    },
    {
      name: 'naive datetime made aware with .replace(tzinfo=...)',
      arg: 'start_time=datetime(2024, 1, 1).replace(tzinfo=timezone.utc)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: '2024-01-01T00:00:00Z', aware: true, source: 'datetime' },
    },
    {
      name: '.replace(hour=...) makes the instant unknown',
      arg: 'start_time=datetime(2024, 1, 1, tzinfo=timezone.utc).replace(hour=3)',
      field: 'start_time',
      expected: { kind: 'datetime', iso: null, aware: true, source: 'datetime' },
    },
    {
      name: '.astimezone() makes a datetime aware',
      arg: 'start_time=datetime.now().astimezone()',
      field: 'start_time',
      expected: { kind: 'datetime', iso: null, aware: true, source: 'now' },
    },
    { name: 'ISO string with Z', arg: 'start_time="2024-06-01T00:00:00Z"', field: 'start_time', expected: { kind: 'datetime', iso: '2024-06-01T00:00:00Z', aware: true, source: 'string' } },
    { name: 'ISO string with an offset', arg: 'start_time="2024-06-01T02:00:00+02:00"', field: 'start_time', expected: { kind: 'datetime', iso: '2024-06-01T00:00:00Z', aware: true, source: 'string' } },
    { name: 'ISO string without an offset is naive', arg: 'end_time="2024-06-01 08:00"', field: 'end_time', expected: { kind: 'datetime', iso: '2024-06-01T08:00:00', aware: false, source: 'string' } },
    { name: 'a non-date string in a datetime field stays a string', arg: 'start_time="tomorrow"', field: 'start_time', expected: { kind: 'string', value: 'tomorrow' } },
    { name: 'datetime.fromisoformat', arg: 'start_time=datetime.fromisoformat("2024-06-01T00:00:00+00:00")', field: 'start_time', expected: { kind: 'datetime', iso: '2024-06-01T00:00:00Z', aware: true, source: 'string' } },
  ];
  const defaultImports = 'from datetime import datetime, timedelta, timezone\n';
  for (const { name, arg, field, expected, imports } of cases) {
    it(name, () => {
      const source = `${HEADER}${defaultImports}${imports ?? ''}s = Schedule(${arg})\n`;
      assert.deepEqual(shape(fieldValue(only(source), field)), expected);
    });
  }

  it('the docs example without a datetime import: datetime.now() is still read (naive)', () => {
    const source = 'from zenml.config.schedule import Schedule\n\nschedule = Schedule(start_time=datetime.now(), interval_second=1800)\npipeline.run(schedule=schedule)\n';
    const schedule = only(source);
    assert.deepEqual(shape(fieldValue(schedule, 'start_time')), { kind: 'datetime', iso: null, aware: false, source: 'now', hasArgs: false });
    assert.deepEqual(schedule.attachments.map((a) => `${a.via}:${a.pipeline}`), ['run:pipeline']);
  });

  it('a datetime imported from elsewhere is not the standard one', () => {
    const source = `${HEADER}from pendulum import datetime\ns = Schedule(start_time=datetime(2024, 1, 1), interval_second=60)\n`;
    assert.equal(fieldValue(only(source), 'start_time')?.kind, 'unknown');
  });

  it('a module constant is resolved, its range is the literal', () => {
    const source = `${HEADER}CRON = "0 3 * * *"\n\n\ndef main():\n    s = Schedule(cron_expression=CRON)\n`;
    const value = fieldValue(only(source), 'cron_expression');
    assert.equal(value?.kind, 'string');
    assert.equal(value?.kind === 'string' && value.value, '0 3 * * *');
    assert.deepEqual(value?.range, rangeOf(source, '"0 3 * * *"'));
  });

  it('the nearest preceding assignment of a constant wins', () => {
    const source = `${HEADER}CRON = "0 1 * * *"\nCRON = "0 2 * * *"\ns = Schedule(cron_expression=CRON)\nCRON = "0 4 * * *"\n`;
    const value = fieldValue(only(source), 'cron_expression');
    assert.equal(value?.kind === 'string' && value.value, '0 2 * * *');
  });

  it('a constant in a datetime field is read as a timestamp', () => {
    const source = `${HEADER}START = "2024-01-01T00:00:00Z"\ns = Schedule(start_time=START, interval_second=60)\n`;
    assert.deepEqual(shape(fieldValue(only(source), 'start_time')), { kind: 'datetime', iso: '2024-01-01T00:00:00Z', aware: true, source: 'string' });
  });

  it('timedelta and datetime constants are resolved too', () => {
    const source = `${HEADER}from datetime import datetime, timedelta\nEVERY = timedelta(hours=1)\nSTART = datetime(2026, 1, 1)\ns = Schedule(start_time=START, interval_second=EVERY)\n`;
    const schedule = only(source);
    assert.deepEqual(shape(fieldValue(schedule, 'interval_second')), { kind: 'number', value: 3600 });
    const start = fieldValue(schedule, 'start_time');
    assert.deepEqual(shape(start), { kind: 'datetime', iso: '2026-01-01T00:00:00', aware: false, source: 'datetime', hasArgs: true });
    // The naive datetime is reported (and fixed) where it is written.
    assert.deepEqual(start?.range, rangeOf(source, 'datetime(2026, 1, 1)'));
  });

  it('a name that is not a literal constant stays unknown', () => {
    const source = `${HEADER}CRON = build()\ns = Schedule(cron_expression=CRON)\n`;
    assert.deepEqual(shape(fieldValue(only(source), 'cron_expression')), { kind: 'unknown', text: 'CRON' });
  });

  it('positional and ** arguments make the call opaque; keywords are still read', () => {
    const schedule = only(`${HEADER}s = Schedule("x", cron_expression="0 0 * * *", **extra)\n`);
    assert.equal(schedule.hasOpaqueArguments, true);
    assert.deepEqual(schedule.fields.map((f) => f.name), ['cron_expression']);
    assert.equal(only(`${HEADER}s = Schedule(cron_expression="0 0 * * *")\n`).hasOpaqueArguments, false);
  });

  it('misspelt keywords are kept as written, in source order', () => {
    const schedule = only(`${HEADER}s = Schedule(name="n", cron_expresion="0 0 * * *", catchup=True)\n`);
    assert.deepEqual(schedule.fields.map((f) => f.name), ['name', 'cron_expresion', 'catchup']);
  });
});

describe('Python discovery: exact ranges', () => {
  const source = [
    'from zenml import pipeline',
    'from zenml.config.schedule import Schedule',
    'from datetime import datetime, timezone',
    '',
    '',
    '@pipeline',
    'def training_pipeline() -> None:',
    '    pass',
    '',
    '',
    'if __name__ == "__main__":',
    '    nightly = Schedule(',
    '        name="nightly-training",',
    '        cron_expression="0 3 * * *",',
    '        start_time=datetime(2026, 1, 1),',
    '    )',
    '    training_pipeline.with_options(schedule=nightly)()',
    '',
  ].join('\n');
  const schedule = only(source);

  it('the call, the Schedule name and the variable', () => {
    assert.deepEqual(schedule.range, { start: { line: 11, character: 14 }, end: { line: 15, character: 5 } });
    assert.deepEqual(schedule.nameRange, { start: { line: 11, character: 14 }, end: { line: 11, character: 22 } });
    assert.equal(schedule.variable, 'nightly');
  });

  it('keyword and value ranges (0-based lines, end exclusive)', () => {
    const cron = schedule.fields.find((f) => f.name === 'cron_expression');
    assert.deepEqual(cron?.keyRange, { start: { line: 13, character: 8 }, end: { line: 13, character: 23 } });
    assert.deepEqual(cron?.value.range, { start: { line: 13, character: 24 }, end: { line: 13, character: 35 } });
    assert.ok(cron?.value.kind === 'string');
    assert.deepEqual(cron.value.parts, [cron.value.range]);
    assert.deepEqual(cron.value.contentStart, { line: 13, character: 25 });
  });

  it('argsEnd points at the closing parenthesis of datetime(...)', () => {
    const start = fieldValue(schedule, 'start_time');
    assert.ok(start?.kind === 'datetime');
    assert.deepEqual(start.range, rangeOf(source, 'datetime(2026, 1, 1)'));
    assert.deepEqual(start.argsEnd, { line: 14, character: 38 });
    assert.equal(start.hasArgs, true);
    assert.equal(start.aware, false);
  });

  it('the attachment and its pipeline', () => {
    assert.deepEqual(schedule.attachments, [
      { via: 'with_options', keywordRange: { start: { line: 16, character: 35 }, end: { line: 16, character: 43 } }, pipeline: 'training_pipeline' },
    ]);
    assert.equal(schedule.pipeline, 'training_pipeline');
  });

  it('imports for quick fixes', () => {
    const result = discoverPython(source);
    assert.deepEqual(result.imports, { timezone: 'timezone', datetimeModule: null });
    assert.equal(result.importInsertLine, 3);
  });

  it('columns count UTF-16 code units (astral characters count 2)', () => {
    const text = `${HEADER}s = Schedule(name="😀", cron_expression="0 0 * * *")\n`;
    const cron = only(text).fields.find((f) => f.name === 'cron_expression');
    // `s = Schedule(name="😀", ` is 23 UTF-16 units before the keyword.
    assert.deepEqual(cron?.keyRange.start, { line: 2, character: 24 });
    assert.deepEqual(cron?.keyRange.start, positionOf(text, 'cron_expression'));
  });

  it('implicit concatenation: one part per literal', () => {
    const text = `${HEADER}s = Schedule(cron_expression="0 0 " "* * *")\n`;
    const value = fieldValue(only(text), 'cron_expression');
    assert.ok(value?.kind === 'string');
    assert.deepEqual(value.parts, [rangeOf(text, '"0 0 "'), rangeOf(text, '"* * *"')]);
    assert.deepEqual(value.range, rangeOf(text, '"0 0 " "* * *"'));
    assert.equal(value.contentStart, undefined);
  });

  it('no contentStart when escapes break the 1:1 mapping', () => {
    const value = fieldValue(only(`${HEADER}s = Schedule(cron_expression="0 0 *\\x20* *")\n`), 'cron_expression');
    assert.ok(value?.kind === 'string');
    assert.equal(value.value, '0 0 * * *');
    assert.equal(value.contentStart, undefined);
  });

  it('datetime.now() without arguments: hasArgs false, argsEnd before ")"', () => {
    const text = `${HEADER}from datetime import datetime\ns = Schedule(run_once_start_time=datetime.now())\n`;
    const value = fieldValue(only(text), 'run_once_start_time');
    assert.ok(value?.kind === 'datetime');
    assert.equal(value.hasArgs, false);
    const open = positionOf(text, 'now(');
    assert.deepEqual(value.argsEnd, { line: open.line, character: open.character + 4 });
  });
});

describe('Python discovery: attachments', () => {
  const cases: { name: string; body: string; via: string; pipeline: string; attachedTo?: string }[] = [
    { name: 'with_options, inline', body: 'training_pipeline.with_options(schedule=Schedule(cron_expression="0 0 * * *"))()', via: 'with_options', pipeline: 'training_pipeline' },
    { name: 'with_options, through a variable', body: 's = Schedule(cron_expression="0 0 * * *")\ntraining_pipeline.with_options(schedule=s)()', via: 'with_options', pipeline: 'training_pipeline' },
    { name: 'configure', body: 's = Schedule(cron_expression="0 0 * * *")\ntraining_pipeline.configure(schedule=s)', via: 'configure', pipeline: 'training_pipeline' },
    { name: 'legacy run on an instance', body: 'training_pipeline().run(schedule=Schedule(cron_expression="0 0 * * *"))', via: 'run', pipeline: 'training_pipeline' },
    {
      name: 'legacy run on a variable holding the instance',
      body: 'pipeline_instance = training_pipeline()\npipeline_instance.run(schedule=Schedule(cron_expression="0 0 * * *"))',
      via: 'run',
      pipeline: 'training_pipeline',
      attachedTo: 'pipeline_instance',
    },
    {
      name: 'chained with_options calls',
      body: 'training_pipeline.with_options(enable_cache=False).with_options(schedule=Schedule(cron_expression="0 0 * * *"))()',
      via: 'with_options',
      pipeline: 'training_pipeline',
    },
    {
      name: 'an undecorated object keeps its own name',
      body: 'other.with_options(schedule=Schedule(cron_expression="0 0 * * *"))',
      via: 'with_options',
      pipeline: 'other',
    },
    {
      name: 'variable assigned in another scope of the module',
      body: 'def make():\n    global s\n    s = Schedule(cron_expression="0 0 * * *")\n\n\ndef main():\n    training_pipeline.with_options(schedule=s)()',
      via: 'with_options',
      pipeline: 'training_pipeline',
    },
  ];
  for (const { name, body, via, pipeline, attachedTo } of cases) {
    it(name, () => {
      const source = `${HEADER}\n\n@pipeline\ndef training_pipeline():\n    pass\n\n\n${body}\n`;
      const schedule = only(source);
      assert.equal(schedule.attachments.length, 1);
      assert.equal(schedule.attachments[0].via, via);
      assert.equal(schedule.attachments[0].pipeline, attachedTo ?? pipeline);
      assert.deepEqual(schedule.attachments[0].keywordRange, keywordRange(source));
      assert.equal(schedule.pipeline, pipeline);
    });
  }

  function keywordRange(source: string) {
    const start = positionOf(source, 'schedule=');
    return { start, end: { line: start.line, character: start.character + 'schedule'.length } };
  }

  it('the nearest preceding assignment wins', () => {
    const source = `${HEADER}s = Schedule(cron_expression="0 1 * * *")\ns = Schedule(cron_expression="0 2 * * *")\np.with_options(schedule=s)\n`;
    const [first, second] = discoverPython(source).schedules;
    assert.equal(first.attachments.length, 0);
    assert.equal(second.attachments.length, 1);
    assert.equal(second.pipeline, 'p');
  });

  it('a reassignment to something else detaches the schedule', () => {
    const source = `${HEADER}s = Schedule(cron_expression="0 1 * * *")\ns = None\np.with_options(schedule=s)\n`;
    assert.equal(only(source).attachments.length, 0);
  });

  it('one schedule attached twice', () => {
    const source = `${HEADER}s = Schedule(cron_expression="0 1 * * *")\na.with_options(schedule=s)\nb.configure(schedule=s)\n`;
    const schedule = only(source);
    assert.deepEqual(schedule.attachments.map((a) => `${a.via}:${a.pipeline}`), ['with_options:a', 'configure:b']);
    assert.equal(schedule.pipeline, 'a');
  });

  it('an unattached schedule has no pipeline', () => {
    const schedule = only(`${HEADER}s = Schedule(cron_expression="0 1 * * *")\n`);
    assert.deepEqual(schedule.attachments, []);
    assert.equal(schedule.pipeline, null);
  });

  it('other methods with schedule= are not attachments', () => {
    const schedule = only(`${HEADER}s = Schedule(cron_expression="0 1 * * *")\np.submit(schedule=s)\n`);
    assert.deepEqual(schedule.attachments, []);
  });
});

describe('Python discovery: @pipeline(schedule=...)', () => {
  const cases: { name: string; source: string; count: number }[] = [
    { name: 'from zenml import pipeline', source: 'from zenml import pipeline\n@pipeline(schedule=1)\ndef p():\n    pass\n', count: 1 },
    { name: 'from zenml.pipelines import pipeline', source: 'from zenml.pipelines import pipeline\n@pipeline(enable_cache=False, schedule=1)\ndef p():\n    pass\n', count: 1 },
    { name: 'import zenml; @zenml.pipeline', source: 'import zenml\n@zenml.pipeline(schedule=1)\ndef p():\n    pass\n', count: 1 },
    { name: 'aliased decorator', source: 'from zenml import pipeline as zp\n@zp(schedule=1)\ndef p():\n    pass\n', count: 1 },
    { name: 'a pipeline decorator not from ZenML', source: 'from other import pipeline\n@pipeline(schedule=1)\ndef p():\n    pass\n', count: 0 },
    { name: 'no schedule keyword', source: 'from zenml import pipeline\n@pipeline(name="p")\ndef p():\n    pass\n', count: 0 },
    // A docs block (ZenML's MLflow-Notion registry page) imports only the Schedule: its bare @pipeline is ZenML's.
    { name: 'an unimported pipeline in a module that imports ZenML', source: 'from zenml.config import Schedule\n@pipeline(schedule=Schedule(cron_expression="0 * * * *"))\ndef p():\n    pass\n', count: 1 },
    { name: 'an unimported pipeline in a module without ZenML', source: 'import kfp\n@pipeline(schedule=1)\ndef p():\n    pass\n', count: 0 },
    { name: 'an unimported pipeline next to a star import', source: 'from zenml.config import Schedule\nfrom kfp.dsl import *\n@pipeline(schedule=1)\ndef p():\n    pass\n', count: 0 },
  ];
  for (const { name, source, count } of cases) {
    it(name, () => {
      const result = discoverPython(source);
      assert.equal(result.pipelineDecoratorScheduleArgs.length, count);
      if (count) assert.deepEqual(result.pipelineDecoratorScheduleArgs[0], rangeOf(source, 'schedule'));
    });
  }

  it('the Schedule inside the decorator is still discovered, unattached', () => {
    const source = `${HEADER}@pipeline(schedule=Schedule(cron_expression="0 7 * * *"))\ndef p():\n    pass\n`;
    const result = discoverPython(source);
    assert.equal(result.schedules.length, 1);
    assert.deepEqual(result.schedules[0].attachments, []);
    const keyword = positionOf(source, '(schedule=');
    assert.deepEqual(result.pipelineDecoratorScheduleArgs, [
      { start: { line: keyword.line, character: keyword.character + 1 }, end: { line: keyword.line, character: keyword.character + 9 } },
    ]);
  });
});

describe('Python discovery: broken and hostile input', () => {
  const goodTail = 'later = Schedule(cron_expression="5 4 * * *")\ntraining.with_options(schedule=later)()\n';
  const laterOf = (source: string) => discoverPython(source).schedules.find((s) => s.variable === 'later');

  const cases: { name: string; middle: string }[] = [
    { name: 'an unclosed parenthesis at the top level', middle: 'x = foo(\n' },
    { name: 'an unclosed parenthesis after an argument', middle: 'x = foo(a, b\n' },
    { name: 'an unclosed Schedule call', middle: 'half = Schedule(cron_expression="0 0 * * *"\n' },
    { name: 'an unclosed bracket in a function body', middle: 'def f():\n    y = [1, 2,\n    return y\n' },
    { name: 'an unterminated string', middle: 'x = "unterminated\n' },
    { name: 'an unterminated single-quoted string inside a call', middle: "x = foo('abc, 1)\n" },
    { name: 'a syntax error', middle: 'x = 1 +* 2 )))\nclass :\n' },
    { name: 'a stray indent', middle: '        y = 2\n' },
    { name: 'a half-typed keyword', middle: 'half = Schedule(cron_expression=\n' },
    { name: 'a lone decorator', middle: '@\n' },
    { name: 'an unclosed triple-quoted string', middle: 'x = """\n' },
    { name: 'an unclosed triple-quoted string in a function', middle: 'def f():\n    """Doc\n    return 1\n' },
  ];
  for (const { name, middle } of cases) {
    it(`${name} does not hide what follows`, () => {
      const source = `${HEADER}\n${middle}\n${goodTail}`;
      const later = laterOf(source);
      assert.ok(later, `schedule after the broken code not found:\n${source}`);
      assert.deepEqual(shape(fieldValue(later, 'cron_expression')), { kind: 'string', value: '5 4 * * *' });
      assert.deepEqual(fieldValue(later, 'cron_expression')?.range, rangeOf(source, '"5 4 * * *"'));
      assert.equal(later.pipeline, 'training');
    });
  }

  it('the half-typed Schedule call itself still gives its fields', () => {
    const source = `${HEADER}half = Schedule(cron_expression="0 0 * * *"\n\n${goodTail}`;
    const half = discoverPython(source).schedules.find((s) => s.variable === 'half');
    assert.deepEqual(shape(fieldValue(half, 'cron_expression')), { kind: 'string', value: '0 0 * * *' });
  });

  it('an unclosed call inside the main block does not hide the next statements of the block', () => {
    const source = `${HEADER}if __name__ == "__main__":\n    x = foo(\n    s = Schedule(cron_expression="1 2 * * *")\n    p.with_options(schedule=s)()\n`;
    const schedule = only(source);
    assert.deepEqual(fieldValue(schedule, 'cron_expression')?.range, rangeOf(source, '"1 2 * * *"'));
    assert.equal(schedule.pipeline, 'p');
  });

  it('a valid argument at the same indentation as its call is not cut off', () => {
    const source = `${HEADER}s = Schedule(\ncron_expression="1 2 * * *",\ncatchup=True)\n`;
    assert.deepEqual(only(source).fields.map((f) => f.name), ['cron_expression', 'catchup']);
  });

  it('a triple-quoted docstring containing code is not code', () => {
    const source = `${HEADER}"""Usage:\n\ntraining.with_options(schedule=Schedule(cron_expression="0 0 * * *"))\n"""\n`;
    assert.equal(discoverPython(source).schedules.length, 0);
  });

  // How long these take is measured by `npm run bench` ("(b) a 1 MB line", "(b) a file over 5 MB"), not here:
  // a timed assertion fails on a loaded machine (and counts as a kill in a mutation run).
  it('a 1 MB line', () => {
    const long = `x = "${'a'.repeat(1024 * 1024)}"\n`;
    const source = `${HEADER}${long}${goodTail}`;
    const later = laterOf(source);
    assert.ok(later);
    assert.deepEqual(shape(fieldValue(later, 'cron_expression')), { kind: 'string', value: '5 4 * * *' });
    assert.deepEqual(fieldValue(later, 'cron_expression')?.range, rangeOf(source, '"5 4 * * *"'));
  });

  it('a 1 MB line of schedules', () => {
    const calls = Array.from({ length: 20000 }, (_, i) => `Schedule(name="s${i}")`).join(', ');
    const source = `${HEADER}x = [${calls}]\n`;
    assert.ok(source.length > 400_000);
    assert.equal(discoverPython(source).schedules.length, 20000);
  });

  it('binary content (NUL bytes) gives an empty result', () => {
    const source = `${HEADER}\0\x01\x02s = Schedule(cron_expression="0 0 * * *")\n`;
    assert.deepEqual(discoverPython(source).schedules, []);
  });

  it('a file over 5 MB gives an empty result', () => {
    const source = `${HEADER}s = Schedule(cron_expression="0 0 * * *")\n${'# padding\n'.repeat(600_000)}`;
    assert.ok(source.length > MAX_PYTHON_FILE_LENGTH);
    assert.deepEqual(discoverPython(source).schedules, []);
  });

  const hostile = ['', '\n', 'Schedule(', 'from zenml.config import Schedule\nSchedule(', 'from zenml.config import Schedule\nSchedule(=', '"""', "'''\nSchedule", '\\\n', ')))(((', '@pipeline(schedule=', 'from zenml.config import (', 'from . import Schedule\nSchedule(name=1)', '\r\n\r\n', 'from zenml.config import Schedule\r\ns = Schedule(\r\n  cron_expression="0 0 * * *",\r\n)\r\n'];
  for (const source of hostile) {
    it(`never throws on ${JSON.stringify(source)}`, () => {
      assert.doesNotThrow(() => discoverPython(source));
    });
  }

  it('a byte-order mark at the start (a file read from disk) is ignored; columns still count it', () => {
    const source = '\uFEFFfrom zenml.config.schedule import Schedule\ns = Schedule(cron_expression="0 0 * * *")\n';
    assert.deepEqual(only(source).nameRange.start, { line: 1, character: 4 });
  });

  it('CRLF line endings: same lines, columns exclude the CR', () => {
    const source = 'from zenml.config import Schedule\r\ns = Schedule(\r\n  cron_expression="0 0 * * *",\r\n)\r\n';
    const cron = only(source).fields[0];
    assert.deepEqual(cron.keyRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 17 } });
  });
});

describe('mayMentionSchedule (the pre-check before parsing)', () => {
  const cases: { text: string; expected: boolean }[] = [
    { text: 'from zenml.config.schedule import Schedule\n\nx = 1\n', expected: false },
    { text: '# the schedule is set elsewhere\n', expected: false },
    { text: 's = Schedule(name="x")', expected: true },
    { text: 's = Schedule (\n', expected: true },
    { text: 'p.with_options(schedule=s)', expected: true },
    { text: 'p.with_options(schedule = s)', expected: true },
    { text: 'from zenml.config import Schedule as S\n', expected: true },
    { text: 'import zenml.config.schedule as zs\n', expected: true },
    { text: 'from zenml.config import Schedule, assets\n', expected: false },
  ];
  for (const { text, expected } of cases) {
    it(JSON.stringify(text), () => assert.equal(mayMentionSchedule(text), expected));
  }
});

describe('discover() dispatch', () => {
  it('by file extension', () => {
    const python = `${HEADER}s = Schedule(cron_expression="0 0 * * *")\n`;
    assert.equal(discover(python, '/a/b/train.py').schedules.length, 1);
    assert.equal(discover(python, 'TRAIN.PY').schedules.length, 1);
    assert.equal(discover(python, 'notes.txt').schedules.length, 0);
    assert.equal(discover('schedule:\n  cron_expression: "0 0 * * *"\n', 'run.yml').schedules.length, 1);
    assert.equal(isScheduleFile('a.yaml'), true);
    assert.equal(isScheduleFile('a.json'), false);
  });

  it('PythonDiscovery gives the same result as the one-shot function', () => {
    const source = `${HEADER}s = Schedule(cron_expression="0 0 * * *")\np.with_options(schedule=s)\n`;
    assert.deepEqual(new PythonDiscovery().update(source), discoverPython(source));
  });
});

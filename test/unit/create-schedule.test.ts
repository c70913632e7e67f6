// "Create a schedule", the pure part: the kinds offered per orchestrator, reading answers, and the
// code it inserts. Every generated file is checked the way a user would: the engine (`check`'s
// analysis) on the edited text must find the schedule, attached to the pipeline, with the fields
// asked for and no error; Python itself must compile the result.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { discoverPipelines } from '../../src/discovery';
import { analyzeSource } from '../../src/cli/analyzeFiles';
import type { OrchestratorContext } from '../../src/common/flavors';
import {
  applyEdits,
  createOptionsFor,
  parseInterval,
  parseTime,
  planScheduleCode,
  scheduleKwargs,
  validateSpec,
  type ScheduleSpec,
} from '../../src/workspace/createSchedule';

const PIPELINE = `from zenml import pipeline, step


@step
def load() -> int:
    return 1


@pipeline
def training(epochs: int = 3):
    load()
`;

function plan(text: string, spec: ScheduleSpec, flavor: string | null = 'kubeflow', pipeline = 'training') {
  const result = planScheduleCode(text, pipeline, spec, { flavor });
  assert.ok(result.ok, result.ok ? '' : result.message);
  const edited = applyEdits(text, result.plan.edits);
  return { plan: result.plan, edited };
}

/** The engine on the edited file: no error finding, exactly one new schedule attached to the pipeline. */
function checkClean(edited: string, flavor: string | null, pipeline = 'training') {
  const orchestrator: OrchestratorContext | null = flavor ? { flavor, source: 'setting' } : null;
  const { discovery, findings } = analyzeSource(edited, 'pipeline.py', { orchestrator });
  const errors = findings.filter((f) => f.severity === 'error');
  assert.deepEqual(errors.map((f) => `${f.code}: ${f.message}`), [], edited);
  const attached = discovery.schedules.filter((s) => s.pipeline === pipeline && s.attachments.length > 0);
  assert.equal(attached.length, 1, `one schedule attached to ${pipeline}:\n${edited}`);
  return { schedule: attached[0], findings };
}

let pythonOk: boolean | undefined;
/** Python's own compiler accepts the result (skipped only when no python3 is on PATH). */
function compiles(edited: string): void {
  if (pythonOk === undefined) {
    try {
      execFileSync('python3', ['-c', 'pass']);
      pythonOk = true;
    } catch {
      pythonOk = false;
    }
  }
  if (!pythonOk) return;
  execFileSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "pipeline.py", "exec")'], { input: edited });
}

function field(schedule: { fields: { name: string; value: unknown }[] }, name: string): unknown {
  return schedule.fields.find((f) => f.name === name)?.value;
}

describe('create a schedule: kinds and fields per orchestrator', () => {
  it('offers what the capability table says, and asks for window and catch-up only where they are honoured', () => {
    const k8s = createOptionsFor('kubernetes');
    assert.deepEqual(k8s.kinds, ['cron']);
    assert.equal(k8s.dialect, 'kubernetes');
    assert.equal(k8s.window, false);
    assert.equal(k8s.catchup, false);
    const kubeflow = createOptionsFor('kubeflow');
    assert.deepEqual(kubeflow.kinds, ['cron', 'interval']);
    assert.equal(kubeflow.window, true);
    assert.equal(kubeflow.catchup, true);
    assert.deepEqual(createOptionsFor('sagemaker').kinds, ['cron', 'interval', 'once']);
    assert.equal(createOptionsFor('vertex').catchup, false);
  });

  it('refuses orchestrators that cannot schedule, and offers everything for unknown ones', () => {
    assert.match(createOptionsFor('local').refusal ?? '', /cannot run scheduled pipelines/);
    const unknown = createOptionsFor('my_custom');
    assert.equal(unknown.refusal, undefined);
    assert.deepEqual(unknown.kinds, ['cron', 'interval', 'once']);
    assert.equal(unknown.dialect, 'standard');
  });

  it('validates a spec against the target', () => {
    assert.deepEqual(validateSpec({ kind: 'cron', cron: '0 3 * * *' }, createOptionsFor('kubernetes')), []);
    assert.match(validateSpec({ kind: 'interval', intervalSeconds: 60 }, createOptionsFor('kubernetes')).join(), /does not take a schedule of kind 'interval'/);
    assert.match(validateSpec({ kind: 'cron', cron: '0 3 * *' }, createOptionsFor('kubernetes')).join(), /not valid on Kubernetes/);
    assert.match(validateSpec({ kind: 'cron', cron: '61 * * * *' }, createOptionsFor('airflow')).join(), /not valid/);
    assert.match(validateSpec({ kind: 'cron', cron: '0 3 * * *', start: '2027-01-02T00:00:00Z', end: '2027-01-01T00:00:00Z' }, createOptionsFor('airflow')).join(), /end must be after/);
    assert.match(validateSpec({ kind: 'cron', cron: '0 3 * * *', start: '2027-01-02T00:00:00' }, createOptionsFor('airflow')).join(), /with an offset/);
    assert.match(validateSpec({ kind: 'cron', cron: '0 3 * * *', name: 'a"b' }, createOptionsFor('airflow')).join(), /characters/);
  });
});

describe('create a schedule: reading answers', () => {
  it('reads intervals with units and plain seconds', () => {
    assert.deepEqual(parseInterval('3600'), { seconds: 3600 });
    assert.deepEqual(parseInterval('1h30m'), { seconds: 5400 });
    assert.deepEqual(parseInterval('2d'), { seconds: 172800 });
    assert.deepEqual(parseInterval('1 hour 30 minutes'), { seconds: 5400 });
    assert.deepEqual(parseInterval('45 mins'), { seconds: 2700 });
    assert.ok('error' in parseInterval('0'));
    assert.ok('error' in parseInterval('every hour'));
    assert.ok('error' in parseInterval(''));
  });

  it('reads times with an offset as they are, and without one in the given zone', () => {
    assert.deepEqual(parseTime('2026-12-24T08:00:00Z'), { iso: '2026-12-24T08:00:00Z' });
    assert.deepEqual(parseTime('2026-12-24T08:00:00+02:00'), { iso: '2026-12-24T06:00:00Z' });
    assert.deepEqual(parseTime('2026-12-24 08:00'), { iso: '2026-12-24T08:00:00Z' });
    assert.deepEqual(parseTime('2026-12-24 08:00', 'Europe/Berlin'), { iso: '2026-12-24T07:00:00Z' });
    assert.deepEqual(parseTime('2026-07-24 08:00', 'Europe/Berlin'), { iso: '2026-07-24T06:00:00Z' });
    assert.ok('error' in parseTime('tomorrow'));
    assert.ok('error' in parseTime('2026-02-30'));
  });

  it('gives the helper ZenML Schedule arguments', () => {
    assert.deepEqual(scheduleKwargs({ kind: 'cron', cron: ' 0 3 * * * ', name: 'nightly' }), { name: 'nightly', cron_expression: '0 3 * * *' });
    assert.deepEqual(scheduleKwargs({ kind: 'interval', intervalSeconds: 60 }), { interval_second: 60, start_time: 'now' });
    assert.deepEqual(scheduleKwargs({ kind: 'once', runOnceAt: '2027-01-01T00:00:00Z', catchup: false }), { run_once_start_time: '2027-01-01T00:00:00Z', catchup: false });
  });
});

describe('create a schedule: the pipelines of a module', () => {
  it('finds @pipeline functions (plain, called, aliased, dotted) and not other decorated functions', () => {
    const text = `import zenml
from zenml import pipeline as zp, step

@step
def s() -> None: ...

@zp
def a(x, y=1, *args, z, **kw):
    s()

@zenml.pipeline(enable_cache=False)
def b():
    s()

@other
def c(): ...
`;
    const module = discoverPipelines(text);
    assert.deepEqual(module.pipelines.map((p) => p.name), ['a', 'b']);
    assert.deepEqual(module.pipelines[0].requiredParameters, ['x', 'z']);
    assert.equal(module.pipelines[0].nameRange.start.line, 7);
    assert.equal(module.scheduleName, null, 'zenml.config.Schedule through `import zenml` is not used: its submodule may not be imported');
  });

  it('finds nothing in a file without ZenML and reports syntax errors', () => {
    assert.deepEqual(discoverPipelines('@pipeline\ndef p(): ...\n').pipelines, []);
    const broken = discoverPipelines('from zenml import pipeline\n@pipeline\ndef p(:\n  pass\n');
    assert.ok(broken.syntaxError);
    assert.equal(discoverPipelines('x\0y').skipped, 'The file is not text.');
  });
});

describe('create a schedule: the inserted code', () => {
  it('cron, no imports present, no run: a new __main__ block and both imports', () => {
    const { plan: p, edited } = plan(PIPELINE, { kind: 'cron', cron: '0 3 * * *', name: 'nightly-training' }, 'kubernetes');
    assert.deepEqual(p.addedImports, ['from zenml.config.schedule import Schedule']);
    assert.equal(p.scheduleCode, 'Schedule(name="nightly-training", cron_expression="0 3 * * *")');
    assert.ok(edited.startsWith('from zenml import pipeline, step\nfrom zenml.config.schedule import Schedule\n'), edited);
    assert.ok(
      edited.endsWith(
        '\n\nif __name__ == "__main__":\n    training_schedule = Schedule(name="nightly-training", cron_expression="0 3 * * *")\n    training.with_options(schedule=training_schedule)()\n',
      ),
      edited,
    );
    assert.equal(edited.split('\n')[p.scheduleLine].trim().startsWith('training_schedule = Schedule('), true);
    // The preview promises exactly the new lines.
    for (const line of p.preview.split('\n').filter(Boolean)) assert.ok(edited.includes(line), `${line} in\n${edited}`);
    const { schedule } = checkClean(edited, 'kubernetes');
    assert.deepEqual((field(schedule, 'cron_expression') as { value: string }).value, '0 3 * * *');
    compiles(edited);
  });

  it('interval with a start and an end on Kubeflow: datetime, timedelta and timezone imported', () => {
    const spec: ScheduleSpec = { kind: 'interval', intervalSeconds: 5400, start: '2027-01-01T06:00:00Z', end: '2027-06-30T00:00:00Z', catchup: false };
    const { plan: p, edited } = plan(PIPELINE, spec, 'kubeflow');
    assert.deepEqual(p.addedImports, ['from zenml.config.schedule import Schedule', 'from datetime import datetime, timedelta, timezone']);
    assert.equal(
      p.scheduleCode,
      'Schedule(start_time=datetime(2027, 1, 1, 6, 0, tzinfo=timezone.utc), interval_second=timedelta(hours=1, minutes=30), end_time=datetime(2027, 6, 30, 0, 0, tzinfo=timezone.utc), catchup=False)',
    );
    const { schedule, findings } = checkClean(edited, 'kubeflow');
    assert.equal((field(schedule, 'interval_second') as { value: number }).value, 5400);
    assert.equal((field(schedule, 'start_time') as { iso: string }).iso, '2027-01-01T06:00:00Z');
    assert.deepEqual(findings.filter((f) => f.code === 'naive-datetime'), []);
    compiles(edited);
  });

  it('interval without a start: starts when the code runs (aware now)', () => {
    const { plan: p, edited } = plan(PIPELINE, { kind: 'interval', intervalSeconds: 3600 }, 'airflow');
    assert.match(p.scheduleCode, /start_time=datetime\.now\(timezone\.utc\), interval_second=timedelta\(hours=1\)/);
    const { findings } = checkClean(edited, 'airflow');
    assert.deepEqual(findings.filter((f) => f.severity !== 'info').map((f) => f.code), []);
    compiles(edited);
  });

  it('run once on SageMaker', () => {
    const { plan: p, edited } = plan(PIPELINE, { kind: 'once', runOnceAt: '2027-03-01T12:30:15Z', name: 'once' }, 'sagemaker');
    assert.equal(p.scheduleCode, 'Schedule(name="once", run_once_start_time=datetime(2027, 3, 1, 12, 30, 15, tzinfo=timezone.utc))');
    assert.deepEqual(p.addedImports, ['from zenml.config.schedule import Schedule', 'from datetime import datetime, timezone']);
    const { schedule } = checkClean(edited, 'sagemaker');
    assert.equal((field(schedule, 'run_once_start_time') as { iso: string }).iso, '2027-03-01T12:30:15Z');
    compiles(edited);
  });

  it('imports already present: nothing added, the module\'s own names used (aliases, import datetime)', () => {
    const text = `import datetime
from zenml import pipeline
from zenml.config.schedule import Schedule as ZS


@pipeline
def training():
    pass
`;
    const { plan: p, edited } = plan(text, { kind: 'interval', intervalSeconds: 60, start: '2027-01-01T00:00:00Z' }, 'kubeflow');
    assert.deepEqual(p.addedImports, []);
    assert.equal(p.scheduleCode, 'ZS(start_time=datetime.datetime(2027, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), interval_second=datetime.timedelta(minutes=1))');
    checkClean(edited, 'kubeflow');
    compiles(edited);
  });

  it('only the missing datetime names are imported', () => {
    const text = PIPELINE.replace('from zenml import pipeline, step\n', 'from datetime import datetime\nfrom zenml import pipeline, step\nfrom zenml.config import Schedule\n');
    const { plan: p, edited } = plan(text, { kind: 'cron', cron: '0 3 * * *', start: '2027-01-01T00:00:00Z' }, 'airflow');
    assert.deepEqual(p.addedImports, ['from datetime import timezone']);
    assert.ok(edited.includes('from zenml.config import Schedule\nfrom datetime import timezone\n'), edited);
    checkClean(edited, 'airflow');
    compiles(edited);
  });

  it('an existing with_options(...) gets the schedule keyword (one line, several lines with a trailing comma)', () => {
    const one = `${PIPELINE}\nif __name__ == "__main__":\n    training.with_options(enable_cache=False)()\n`;
    const a = plan(one, { kind: 'cron', cron: '*/15 * * * *' }, 'kubernetes');
    assert.ok(a.edited.includes('training.with_options(enable_cache=False, schedule=Schedule(cron_expression="*/15 * * * *"))()'), a.edited);
    assert.match(a.plan.placement, /with_options/);
    checkClean(a.edited, 'kubernetes');
    compiles(a.edited);

    const multi = `${PIPELINE}\nrun = training.with_options(\n    enable_cache=False,\n)\nrun()\n`;
    const b = plan(multi, { kind: 'cron', cron: '0 0 * * 0' }, 'kubernetes');
    assert.ok(b.edited.includes('    enable_cache=False, schedule=Schedule(cron_expression="0 0 * * 0"),\n)'), b.edited);
    checkClean(b.edited, 'kubernetes');
    compiles(b.edited);

    const empty = `${PIPELINE}\ntraining.with_options()()\n`;
    const c = plan(empty, { kind: 'cron', cron: '0 0 * * 0' }, 'kubernetes');
    assert.ok(c.edited.includes('training.with_options(schedule=Schedule(cron_expression="0 0 * * 0"))()'), c.edited);
    checkClean(c.edited, 'kubernetes');
  });

  it('a plain run of the pipeline becomes a scheduled run, the Schedule on the line before', () => {
    const text = `${PIPELINE}\n\nif __name__ == "__main__":\n    # train\n    training(epochs=5)\n`;
    const { plan: p, edited } = plan(text, { kind: 'cron', cron: '0 6 * * 1-5' }, 'airflow');
    assert.ok(
      edited.endsWith('    # train\n    training_schedule = Schedule(cron_expression="0 6 * * 1-5")\n    training.with_options(schedule=training_schedule)(epochs=5)\n'),
      edited,
    );
    assert.equal(edited.split('\n')[p.scheduleLine], '    training_schedule = Schedule(cron_expression="0 6 * * 1-5")');
    checkClean(edited, 'airflow');
    compiles(edited);
  });

  it('a __main__ block without a run gets the lines at its end, in its indentation', () => {
    const text = `${PIPELINE}\nif __name__ == '__main__':\n  print("hello")\n\n# trailing comment\n`;
    const { edited } = plan(text, { kind: 'cron', cron: '0 6 * * *' }, 'airflow');
    assert.ok(edited.includes(`  print("hello")\n  training_schedule = Schedule(cron_expression="0 6 * * *")\n  training.with_options(schedule=training_schedule)()\n\n# trailing comment\n`), edited);
    checkClean(edited, 'airflow');
    compiles(edited);
  });

  it('required parameters are named in the run call and in a note', () => {
    const text = PIPELINE.replace('def training(epochs: int = 3):', 'def training(dataset: str, epochs: int = 3):');
    const { plan: p, edited } = plan(text, { kind: 'cron', cron: '0 6 * * *' }, 'airflow');
    assert.ok(edited.includes('training.with_options(schedule=training_schedule)(dataset=...)'), edited);
    assert.match(p.notes.join(), /dataset/);
    checkClean(edited, 'airflow');
  });

  it('Databricks gets schedule_timezone, so check has no databricks-needs-timezone error', () => {
    const { plan: p, edited } = plan(PIPELINE, { kind: 'cron', cron: '0 0 3 * * ?' }, 'databricks');
    assert.ok(edited.includes('settings={"orchestrator.databricks": {"schedule_timezone": "UTC"}}'), edited);
    assert.match(p.notes.join(), /schedule_timezone/);
    checkClean(edited, 'databricks');
    compiles(edited);
  });

  it('no orchestrator known: every kind, checked in the standard dialect', () => {
    const { edited } = plan(PIPELINE, { kind: 'cron', cron: '30 2 * * *' }, null);
    checkClean(edited, null);
  });

  it('keeps CRLF line endings, a docstring first, and a file without a final newline', () => {
    const crlf = `"""Doc."""\r\nfrom zenml import pipeline\r\n\r\n@pipeline\r\ndef training():\r\n    pass`;
    const { edited } = plan(crlf, { kind: 'cron', cron: '0 3 * * *' }, 'kubernetes');
    assert.ok(!/[^\r]\n/.test(edited), JSON.stringify(edited));
    assert.ok(edited.startsWith('"""Doc."""\r\nfrom zenml import pipeline\r\nfrom zenml.config.schedule import Schedule\r\n'), JSON.stringify(edited));
    checkClean(edited.replace(/\r\n/g, '\n'), 'kubernetes');
    compiles(edited);

    const noImports = `"""Doc."""\nimport zenml\n\n@zenml.pipeline\ndef training():\n    pass\n`;
    const b = plan(noImports, { kind: 'cron', cron: '0 3 * * *' }, 'kubernetes');
    assert.ok(b.edited.startsWith('"""Doc."""\nimport zenml\nfrom zenml.config.schedule import Schedule\n'), b.edited);
    checkClean(b.edited, 'kubernetes');
  });

  it('refuses clearly: unknown pipeline, a schedule already attached, syntax errors, invalid specs', () => {
    const missing = planScheduleCode(PIPELINE, 'nope', { kind: 'cron', cron: '0 3 * * *' });
    assert.ok(!missing.ok && missing.code === 'no-pipeline' && /found: training/.test(missing.message));
    const scheduled = `${PIPELINE}\ntraining.with_options(schedule=Schedule(cron_expression="0 1 * * *"))()\n`;
    const already = planScheduleCode(scheduled, 'training', { kind: 'cron', cron: '0 3 * * *' });
    assert.ok(!already.ok && already.code === 'already-scheduled' && /line 13/.test(already.message), JSON.stringify(already));
    const broken = planScheduleCode(`${PIPELINE}\nx = (\n`, 'training', { kind: 'cron', cron: '0 3 * * *' });
    assert.ok(!broken.ok && broken.code === 'syntax-error');
    const invalid = planScheduleCode(PIPELINE, 'training', { kind: 'cron', cron: '0 3 * *' }, { flavor: 'kubernetes' });
    assert.ok(!invalid.ok && invalid.code === 'invalid-spec');
    const kind = planScheduleCode(PIPELINE, 'training', { kind: 'interval', intervalSeconds: 60 }, { flavor: 'kubernetes' });
    assert.ok(!kind.ok && /kind 'interval'/.test(kind.message));
  });

  it('the check can fail: a generated TZ= prefix on Kubernetes is an error the engine reports', () => {
    // Planning for an unknown orchestrator accepts it; checking on Kubernetes must not.
    const result = planScheduleCode(PIPELINE, 'training', { kind: 'cron', cron: 'TZ=Europe/Berlin 0 3 * * *' }, { flavor: 'vertex' });
    assert.ok(result.ok);
    const edited = applyEdits(PIPELINE, result.plan.edits);
    assert.throws(() => checkClean(edited, 'kubernetes'), /timezone-prefix/);
  });
});

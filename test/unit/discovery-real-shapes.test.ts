// Shapes found in public code that schedules ZenML pipelines (issue 9), each on real-looking code:
// every module that exports Schedule, the legacy `.run(schedule=...)`, comments inside calls, branches,
// a comma left out between arguments, YAML anchors / merge keys / `${VAR}` / generated templates, and
// what `list` and the summary say about windows and sub-minute intervals; then the findings the
// real-world corpus measures (`npm run corpus`, not in CI): docs-block syntax errors, duplicate keys,
// window-ignored, a run-time interval and a bare @pipeline. This file is what CI keeps of that corpus.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { discoverPython, discoverYaml, PythonDiscovery, type DiscoveredSchedule } from '../../src/discovery';
import { analyzeText } from '../../src/findings';
import { summarizeSchedule } from '../../src/workspace/summary';

const NOW = new Date('2026-12-01T12:00:00Z');

function cronOf(schedule: DiscoveredSchedule): string | null {
  const value = schedule.fields.find((f) => f.name === 'cron_expression')?.value;
  return value?.kind === 'string' ? value.value : null;
}

const rows = (text: string) =>
  discoverPython(text).schedules.map((s) => `${s.nameRange.start.line + 1}:${cronOf(s) ?? '-'}:${s.pipeline ?? '-'}`);

describe('real shapes: every public module that exports Schedule', () => {
  const cases: { name: string; source: string }[] = [
    { name: 'from zenml.config.schedule import Schedule', source: 'from zenml.config.schedule import Schedule\ns = Schedule(cron_expression="0 3 * * *")\n' },
    { name: 'from zenml.config import Schedule', source: 'from zenml.config import Schedule\ns = Schedule(cron_expression="0 3 * * *")\n' },
    { name: 'from zenml.pipelines import Schedule (still exported in 0.98)', source: 'from zenml.pipelines import Schedule, pipeline\ns = Schedule(cron_expression="0 3 * * *")\n' },
    { name: 'from zenml.pipelines.schedule import Schedule (0.6–0.13)', source: 'from zenml.pipelines.schedule import Schedule\ns = Schedule(cron_expression="0 3 * * *")\n' },
    { name: 'from zenml import pipelines', source: 'from zenml import pipelines\ns = pipelines.Schedule(cron_expression="0 3 * * *")\n' },
    { name: 'import zenml.pipelines as zp', source: 'import zenml.pipelines as zp\ns = zp.Schedule(cron_expression="0 3 * * *")\n' },
    { name: 'import zenml', source: 'import zenml\ns = zenml.pipelines.Schedule(cron_expression="0 3 * * *")\n' },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(rows(c.source), ['2:0 3 * * *:-']));
  }

  it("other libraries' Schedule is not ZenML's (Prefect 1)", () => {
    const prefect = 'from prefect.schedules import Schedule\nfrom prefect.schedules.clocks import CronClock\n\nschedule = Schedule(clocks=[CronClock("0 0 * * *")])\n';
    assert.deepEqual(rows(prefect), []);
  });
});

describe('real shapes: the legacy class-based API and pipeline names', () => {
  it('p = my_pipeline(...); p.run(schedule=Schedule(...)) is attached to my_pipeline', () => {
    const text =
      'from datetime import datetime\nfrom pipeline import mnist_pipeline, importer, trainer\nfrom zenml.pipelines import Schedule\n\n' +
      'if __name__ == "__main__":\n    p = mnist_pipeline(\n        importer=importer(),\n        trainer=trainer(),\n    )\n' +
      '    p.run(\n        schedule=Schedule(\n            start_time=datetime.now(),\n            interval_second=60,\n        )\n    )\n';
    const [schedule] = discoverPython(text).schedules;
    assert.equal(schedule.pipeline, 'mnist_pipeline');
    assert.deepEqual(schedule.attachments.map((a) => a.via), ['run']);
  });

  it('my_pipeline(...).run(schedule=schedule), chained, and an alias (instance = empty_pipeline)', () => {
    const chained =
      'from zenml.config.schedule import Schedule\n\ndef fixture(clean_client, connected_two_step_pipeline):\n' +
      '    schedule = Schedule(cron_expression="*/5 * * * *")\n    connected_two_step_pipeline(\n        step_1=one(),\n    ).run(schedule=schedule)\n';
    assert.deepEqual(rows(chained), ['4:*/5 * * * *:connected_two_step_pipeline']);
    const alias =
      'from zenml.pipelines import Schedule\n\ndef test_scheduled(empty_pipeline):\n    pipeline_instance = empty_pipeline\n\n' +
      '    scheduled = pipeline_instance.with_options(\n        schedule=Schedule(cron_expression="*/5 * * * *")\n    )\n    scheduled()\n';
    assert.deepEqual(rows(alias), ['7:*/5 * * * *:empty_pipeline']);
  });
});

describe('real shapes: comments inside the call', () => {
  const text =
    'from zenml import pipeline\nfrom zenml.config.schedule import Schedule\n\n@pipeline\ndef daily_data_pipeline():\n    ...\n\n' +
    'schedule = Schedule(  # nightly\n    name="daily-data-processing",\n    # a comment line between arguments\n' +
    '    cron_expression="0 9 * * *"  # Run at 9 AM every day\n)\ndaily_data_pipeline.with_options(schedule=schedule)()\n';

  it('are not arguments: the Schedule is read in full', () => {
    const [schedule] = discoverPython(text).schedules;
    assert.equal(schedule.hasOpaqueArguments, false);
    assert.deepEqual(schedule.fields.map((f) => f.name), ['name', 'cron_expression']);
    assert.equal(schedule.pipeline, 'daily_data_pipeline');
  });

  it('and do not silence findings (Kubeflow reads the 5 fields seconds first)', () => {
    const { findings } = analyzeText(text, 'run.py', { orchestrator: { flavor: 'kubeflow', source: 'flag' }, now: NOW });
    assert.deepEqual(findings.map((f) => `${f.range.start.line + 1}:${f.code}`), ['11:dialect-seconds-first']);
  });
});

describe('real shapes: branches, loops, returns and reassignments', () => {
  it('if/elif/else: each branch schedule is attached, with its own line', () => {
    const text =
      'import argparse\n\nfrom pipelines import community_analysis_pipeline\nfrom zenml.config.schedule import Schedule\n\n' +
      'if __name__ == "__main__":\n    args = argparse.ArgumentParser().parse_args()\n    if args.daily:\n' +
      '        schedule = Schedule(cron_expression="0 9 * * *")\n    elif args.weekly:\n        schedule = Schedule(cron_expression="0 9 * * MON")\n' +
      '    else:\n        schedule = None\n\n    community_analysis_pipeline = community_analysis_pipeline.with_options(\n        schedule=schedule\n    )\n    community_analysis_pipeline()\n';
    assert.deepEqual(rows(text), ['9:0 9 * * *:community_analysis_pipeline', '11:0 9 * * MON:community_analysis_pipeline']);
  });

  it('a schedule made in a loop is attached', () => {
    const text =
      'from zenml.config.schedule import Schedule\nfrom pipelines import report\n\nfor hour in (3, 15):\n' +
      '    s = Schedule(name=f"report-{hour}", cron_expression="0 3 * * *")\n    report.with_options(schedule=s)()\n';
    assert.deepEqual(rows(text), ['5:0 3 * * *:report']);
  });

  it("a function's returned Schedules are found, unattached in that file", () => {
    const text =
      'from zenml.config.schedule import Schedule\n\ndef parse_schedule(frequency: str) -> Schedule:\n    if frequency == "hourly":\n' +
      '        return Schedule(cron_expression="0 * * * *")\n    elif frequency == "daily":\n        return Schedule(cron_expression="0 9 * * *")\n    raise ValueError(frequency)\n';
    assert.deepEqual(rows(text), ['5:0 * * * *:-', '7:0 9 * * *:-']);
  });

  // A helper that builds the schedule, as real run scripts write it (the zenml-projects' `run.py` shape).
  const FACTORY =
    'import click\nfrom zenml.config.schedule import Schedule\n\nfrom pipelines import training_pipeline, inference_pipeline\n\n\n' +
    'def make_schedule(frequency: str) -> Schedule:\n    """The schedule for one frequency."""\n    if frequency == "hourly":\n' +
    '        return Schedule(cron_expression="0 * * * *")  # every hour\n    elif frequency == "daily":\n' +
    '        return Schedule(\n            name="daily-training",\n            cron_expression="0 9 * * *",\n        )\n' +
    '    raise ValueError(f"unknown frequency {frequency}")\n\n\n';

  it("a function's returned Schedules passed straight to with_options: each return is a branch, with its line and the pipeline", () => {
    const text =
      FACTORY +
      '@click.command()\n@click.option("--frequency", default="daily")\ndef main(frequency: str) -> None:\n' +
      '    training_pipeline.with_options(schedule=make_schedule(frequency))()\n';
    assert.deepEqual(rows(text), ['10:0 * * * *:training_pipeline', '12:0 9 * * *:training_pipeline']);
    const [hourly] = discoverPython(text).schedules;
    assert.deepEqual(hourly.attachments.map((a) => `${a.via}:${a.keywordRange.start.line + 1}`), ['with_options:22']);
  });

  it('s = make_schedule(...); pipeline.with_options(schedule=s): the variable bound to the result is followed', () => {
    const text =
      FACTORY +
      'if __name__ == "__main__":\n    schedule = make_schedule("hourly")\n    scheduled = inference_pipeline.with_options(schedule=schedule)\n    scheduled()\n';
    assert.deepEqual(rows(text), ['10:0 * * * *:inference_pipeline', '12:0 9 * * *:inference_pipeline']);
  });

  it('the legacy p.run(schedule=make_schedule()) and a helper returning a variable set in branches', () => {
    const text =
      'from zenml.pipelines import Schedule\nfrom pipeline import mnist_pipeline, importer, trainer\n\n\ndef nightly_or_hourly(nightly):\n' +
      '    if nightly:\n        schedule = Schedule(cron_expression="0 2 * * *")\n    else:\n        schedule = Schedule(cron_expression="0 * * * *")\n' +
      '    return schedule\n\n\nif __name__ == "__main__":\n    p = mnist_pipeline(importer=importer(), trainer=trainer())\n' +
      '    p.run(schedule=nightly_or_hourly(True))\n';
    assert.deepEqual(rows(text), ['7:0 2 * * *:mnist_pipeline', '9:0 * * * *:mnist_pipeline']);
    assert.deepEqual(discoverPython(text).schedules[0].attachments.map((a) => a.via), ['run']);
  });

  it('a helper returning another helper\'s result, defined in a statement that never mentions a schedule, is followed', () => {
    const text =
      'from zenml.config.schedule import Schedule\nfrom pipelines import report\n\n\ndef base():\n    return Schedule(cron_expression="30 1 * * *")\n\n\n' +
      'def weekly():\n    return base()\n\n\nif __name__ == "__main__":\n    s = weekly()\n    report.with_options(schedule=s)()\n';
    assert.deepEqual(rows(text), ['6:30 1 * * *:report']);
  });

  it('while typing: editing the helper, then the call, gives what a fresh reading gives', () => {
    const start = FACTORY + 'if __name__ == "__main__":\n    training_pipeline.with_options(schedule=make_schedule("daily"))()\n';
    const live = new PythonDiscovery();
    const rowsOf = (text: string) => live.update(text).schedules.map((s) => `${s.nameRange.start.line + 1}:${cronOf(s) ?? '-'}:${s.pipeline ?? '-'}`);
    assert.deepEqual(rowsOf(start), ['10:0 * * * *:training_pipeline', '12:0 9 * * *:training_pipeline']);
    const edits = [
      start.replace('"0 9 * * *"', '"30 9 * * *"'),
      start.replace('"0 9 * * *"', '"30 9 * * *"').replace('training_pipeline.with_options(schedule=make_schedule', 'inference_pipeline.with_options(schedule=make_schedule'),
      start.replace('schedule=make_schedule("daily")', 'schedule=None'),
    ];
    for (const text of edits) assert.deepEqual(rowsOf(text), rows(text), text.slice(-80));
    assert.deepEqual(rows(edits[1]), ['10:0 * * * *:inference_pipeline', '12:30 9 * * *:inference_pipeline']);
    assert.deepEqual(rows(edits[2]), ['10:0 * * * *:-', '12:0 9 * * *:-']);
  });

  it('not followed: a method, a function of another module, a nested function, and a recursive helper stay unattached', () => {
    const text =
      'from zenml.config.schedule import Schedule\nfrom pipelines import train\nimport helpers\n\n\nclass Config:\n' +
      '    def schedule(self):\n        return Schedule(cron_expression="0 1 * * *")\n\n\ndef outer():\n' +
      '    def inner():\n        return Schedule(cron_expression="0 2 * * *")\n    return None\n\n\ndef loop(n):\n' +
      '    return loop(n - 1) if n else Schedule(cron_expression="0 3 * * *")\n\n\n' +
      'train.with_options(schedule=Config().schedule())()\ntrain.with_options(schedule=helpers.make_schedule())()\n' +
      'train.with_options(schedule=outer())()\ntrain.with_options(schedule=loop(3))()\n';
    assert.deepEqual(rows(text), ['8:0 1 * * *:-', '13:0 2 * * *:-', '18:0 3 * * *:-']);
  });

  it('an unconditional reassignment before the attachment hides the first value; a later one is not attached', () => {
    const text =
      'from datetime import datetime\nfrom zenml.config.schedule import Schedule\nfrom pipelines import my_pipeline\n\n' +
      'schedule = Schedule(cron_expression="0 2 * * *")\nschedule = Schedule(start_time=datetime.now(), interval_second=1800)\n' +
      'my_pipeline.with_options(schedule=schedule)()\nschedule = Schedule(cron_expression="0 4 * * *")\n';
    assert.deepEqual(rows(text), ['5:0 2 * * *:-', '6:-:my_pipeline', '8:0 4 * * *:-']);
  });

  it('the same variable name in two functions does not cross over', () => {
    const text =
      'from zenml.pipelines import Schedule\n\ndef test_in_code(pipeline_instance):\n    schedule = Schedule(cron_expression="5 * * * *")\n' +
      '    pipeline_instance.run(schedule=schedule)\n\n\ndef test_from_file(other_pipeline):\n    schedule = Schedule(cron_expression="* * * * *")\n' +
      '    config = {"schedule": schedule}\n';
    assert.deepEqual(rows(text), ['4:5 * * * *:pipeline_instance', '9:* * * * *:-']);
  });

  it('schedule=Schedule (the class) is recorded where it is passed', () => {
    const text = 'from zenml.config.schedule import Schedule\nfrom pipelines import train\n\ntrain.with_options(schedule=Schedule)()\n';
    const result = discoverPython(text);
    assert.equal(result.schedules.length, 0);
    assert.deepEqual(result.scheduleClassArgs, [{ start: { line: 3, character: 28 }, end: { line: 3, character: 36 } }]);
  });
});

describe('real shapes: a comma left out between keyword arguments (as in the 0.58 Vertex docs)', () => {
  it('is repaired through the parser: every argument is read', () => {
    const text =
      'from zenml.config.schedule import Schedule\n\npipeline_instance.run(\n    schedule=Schedule(\n        cron_expression="0 * * * *"\n' +
      '        start_time=datetime.datetime.now() + datetime.timedelta(days=1),\n        end_time=datetime.datetime.now() + datetime.timedelta(days=3),\n    )\n)\n';
    const [schedule] = discoverPython(text).schedules;
    assert.equal(cronOf(schedule), '0 * * * *');
    assert.deepEqual(schedule.fields.map((f) => `${f.name}:${f.value.kind}`), ['cron_expression:string', 'start_time:datetime', 'end_time:datetime']);
    assert.equal(schedule.pipeline, 'pipeline_instance');
  });

  it('after a name value too', () => {
    const text = 'from zenml.config.schedule import Schedule\nCRON = "0 3 * * *"\ns = Schedule(\n    cron_expression=CRON\n    catchup=True,\n)\n';
    const [schedule] = discoverPython(text).schedules;
    assert.equal(cronOf(schedule), '0 3 * * *');
    assert.deepEqual(schedule.fields.map((f) => f.name), ['cron_expression', 'catchup']);
  });
});

describe('real shapes: YAML run configurations', () => {
  it('an alias (schedule: *nightly): the schedule is the anchored mapping, fields point at the anchored text', () => {
    const text = 'x-schedules:\n  nightly: &nightly\n    cron_expression: "0 3 * * *"\n    catchup: true\nschedule: *nightly\n';
    const [schedule] = discoverYaml(text).schedules;
    assert.equal(cronOf(schedule), '0 3 * * *');
    assert.equal(schedule.nameRange.start.line, 4);
    assert.equal(schedule.fields.find((f) => f.name === 'cron_expression')?.keyRange.start.line, 2);
  });

  it('merge keys (<<: *base): merged fields are read, the mapping\'s own keys win', () => {
    const text = 'base: &base\n  cron_expression: "0 3 * * *"\n  catchup: true\nschedule:\n  <<: *base\n  cron_expression: "0 4 * * *"\n';
    const [schedule] = discoverYaml(text).schedules;
    assert.equal(cronOf(schedule), '0 4 * * *');
    assert.deepEqual(schedule.fields.map((f) => `${f.name}@${f.keyRange.start.line}`), ['catchup@2', 'cron_expression@5']);
    assert.equal(schedule.hasOpaqueArguments, false);
  });

  it('${VAR} values are set at run time: no invalid-cron, listed as computed at run time', () => {
    const text = 'schedule:\n  cron_expression: ${NIGHTLY_CRON}\n  catchup: false\n';
    const { discovery, findings } = analyzeText(text, 'prod.yaml', { orchestrator: { flavor: 'kubernetes', source: 'flag' }, now: NOW });
    assert.deepEqual(findings, []);
    const summary = summarizeSchedule(discovery.schedules[0], { dialect: 'kubernetes', now: NOW, count: 1 });
    assert.equal(summary.kind, 'cron');
    assert.match(summary.description, /run time/);
  });

  it('a generated template (type names as values) is no schedule and gives no finding', () => {
    const text =
      'run_name: Optional[str]\nschedule:\n  catchup: bool\n  cron_expression: Optional[str]\n  end_time: Optional[datetime]\n' +
      '  interval_second: Optional[timedelta]\n  name: Optional[str]\n  run_once_start_time: Optional[datetime]\n  start_time: Optional[datetime]\n';
    const { discovery, findings } = analyzeText(text, 'config_template.yaml', { orchestrator: { flavor: 'kubernetes', source: 'flag' }, now: NOW });
    assert.equal(discovery.schedules.length, 0);
    assert.deepEqual(findings, []);
  });

  it('a GitHub workflow `schedule:` list and a project setting `pipeline.schedule` are not ZenML schedules', () => {
    assert.equal(discoverYaml('on:\n  schedule:\n    - cron: "0 2 * * *"\n  workflow_dispatch:\n').schedules.length, 0);
    assert.equal(discoverYaml('pipeline:\n  enable_cache: true\n  schedule: "0 2 * * 0"\n').schedules.length, 0);
  });

  it('orchestrator.<flavor> settings keys and schedule_timezone are read', () => {
    const result = discoverYaml('settings:\n  orchestrator.databricks:\n    schedule_timezone: Europe/Berlin\nschedule:\n  cron_expression: "0 0 3 * * ?"\n');
    assert.deepEqual(result.settingsFlavors, ['databricks']);
    assert.equal(result.scheduleTimezoneSet, true);
  });
});

describe('real shapes: what the summary and `list` say', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zs-shapes-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sub-minute and fractional intervals read naturally', () => {
    const [schedule] = discoverPython('from zenml.config import Schedule\nfrom datetime import datetime, timezone\ns = Schedule(start_time=datetime(2026, 12, 1, tzinfo=timezone.utc), interval_second=0.001)\n').schedules;
    const summary = summarizeSchedule(schedule, { dialect: 'standard', now: NOW, count: 1 });
    assert.match(summary.description, /^every 0\.001 seconds/);
  });

  it('next runs: nothing before start_time, nothing after end_time; an ended schedule says so', () => {
    const text =
      'from datetime import datetime, timezone\nfrom zenml.config import Schedule\n' +
      'a = Schedule(cron_expression="0 3 * * *", start_time=datetime(2027, 3, 1, tzinfo=timezone.utc))\n' +
      'b = Schedule(cron_expression="0 3 * * *", end_time=datetime(2026, 12, 2, 0, 0, tzinfo=timezone.utc))\n' +
      'c = Schedule(cron_expression="0 3 * * *", end_time=datetime(2025, 1, 1, tzinfo=timezone.utc))\n';
    const [a, b, c] = discoverPython(text).schedules.map((s) => summarizeSchedule(s, { dialect: 'vertex', timeZone: 'UTC', now: NOW, count: 3 }));
    assert.equal(a.nextRuns[0].toISOString(), '2027-03-01T03:00:00.000Z');
    assert.match(a.description, /from 2027-03-01T00:00:00Z/);
    assert.deepEqual(b.nextRuns, []);
    assert.deepEqual(c.nextRuns, []);
    assert.match(c.description, /ended 2025-01-01T00:00:00Z/);
    // Kubernetes ignores the window: runs go on.
    const ignored = summarizeSchedule(discoverPython(text).schedules[2], { dialect: 'kubernetes', timeZone: 'UTC', now: NOW, count: 1, window: false });
    assert.equal(ignored.nextRuns.length, 1);
  });

  it("list: Schedule(**config) is 'set at run time', never 'without a trigger'", async () => {
    const file = path.join(dir, 'run.py');
    writeFileSync(
      file,
      'from zenml.config.schedule import Schedule\nfrom pipelines import train\n\nconfig = load()\ntrain.with_options(schedule=Schedule(**config))()\nempty = Schedule()\n',
    );
    const io = memoryIo(NOW);
    assert.equal(await runCli(['list', file, '--json'], io), 0);
    assert.deepEqual(JSON.parse(io.out).schedules, []);
    assert.match(io.err, /1 Schedule whose fields are set at run time/);
    assert.match(io.err, /1 Schedule without a trigger/);
  });
});

// The shapes the real-world corpus measures (test/fixtures/real-world/README.md, rebuilt outside the
// repository) that the blocks above do not reach, on hand-written code: findings on docs blocks.
describe('real shapes: findings the corpus measures', () => {
  const on = (flavor: string) => ({ orchestrator: { flavor, source: 'flag' as const }, now: NOW });
  const codes = (text: string, file: string, flavor: string) =>
    analyzeText(text, file, on(flavor)).findings.map((f) => `${f.range.start.line + 1}:${f.code}`);

  it('a docs block with `def my_pipeline(...)` and placeholder arguments: the schedule is still read and attached', () => {
    const text =
      'from zenml import pipeline\nfrom zenml.config.schedule import Schedule\n\n@pipeline\ndef nightly(...):\n    ...\n\n' +
      'weekly = Schedule(cron_expression="0 6 * * 1")\nnightly = nightly.with_options(schedule=weekly)\nnightly(step_a=..., step_b=...)\n';
    assert.deepEqual(rows(text), ['8:0 6 * * 1:nightly']);
    assert.deepEqual(codes(text, 'docs.py', 'vertex'), []);
  });

  it('a YAML docs block cut off mid-string is yaml-syntax, and nothing is invented from it', () => {
    const text = '# run config\nschedule:\n  cron_expression: "15 4 * * *\n  start_time: 2026-01-01\n';
    const { discovery, findings } = analyzeText(text, 'config.yaml', on('kubeflow'));
    assert.deepEqual(findings.map((f) => f.code), ['yaml-syntax']);
    assert.equal(discovery.schedules.length, 0);
  });

  it('a key written twice in a run configuration: duplicate-key on the first, the second is the value', () => {
    const text = 'schedule:\n  interval_second: 600\n  start_time: "2026-01-01T00:00:00+00:00"\n  interval_second: 3600\n';
    const { discovery, findings } = analyzeText(text, 'config.yaml', on('airflow'));
    assert.deepEqual(findings.map((f) => `${f.range.start.line + 1}:${f.code}`), ['2:duplicate-key']);
    const interval = discovery.schedules[0].fields.find((f) => f.name === 'interval_second');
    assert.equal(interval?.value.kind === 'number' ? interval.value.value : null, 3600);
  });

  it('a start/end window on Kubernetes is window-ignored; on Vertex it is honoured', () => {
    const text =
      'from datetime import datetime, timezone\nfrom zenml.config.schedule import Schedule\n\n' +
      'report = Schedule(\n    cron_expression="30 1 * * *",\n    start_time=datetime(2027, 1, 1, tzinfo=timezone.utc),\n)\n';
    assert.deepEqual(codes(text, 'run.py', 'kubernetes'), ['6:window-ignored']);
    assert.deepEqual(codes(text, 'run.py', 'vertex'), []);
  });

  it('an interval only known at run time (a function parameter) on a cron-only orchestrator is unsupported-schedule-type', () => {
    const text =
      'from datetime import datetime, timezone\nfrom zenml.config.schedule import Schedule\nfrom pipelines import etl\n\n' +
      'def launch(seconds):\n    etl.with_options(schedule=Schedule(start_time=datetime.now(timezone.utc), interval_second=seconds))()\n';
    assert.deepEqual(codes(text, 'launch.py', 'kubernetes'), ['6:unsupported-schedule-type']);
    assert.deepEqual(codes(text, 'launch.py', 'airflow'), [], 'Airflow runs intervals');
  });

  it('a bare @pipeline(schedule=...) in a block that imports only the Schedule is ZenML\'s decorator', () => {
    const text = 'from zenml.config import Schedule\n\n@pipeline(schedule=Schedule(cron_expression="0 8 * * *"))\ndef refresh():\n    ...\n';
    assert.deepEqual(codes(text, 'docs.py', 'kubernetes'), ['3:schedule-not-a-pipeline-arg']);
    const elsewhere = 'from kfp import dsl\n\n@pipeline(schedule=object())\ndef refresh():\n    ...\n';
    assert.deepEqual(codes(elsewhere, 'kfp_docs.py', 'kubernetes'), [], 'no ZenML import: not ZenML\'s decorator');
  });
});

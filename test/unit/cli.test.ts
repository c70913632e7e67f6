// The command line through runCli (no spawning): JSON shapes, exit codes, bad usage,
// and `check` / `list` over a real temporary tree.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { collectFiles } from '../../src/cli/files';
import { memoryIo } from '../../src/cli/io';
import { VERSION, runCli } from '../../src/cli/run';
import { analyzeSource, mightHoldSchedules } from '../../src/cli/analyzeFiles';
import { analyzeText } from '../../src/findings';

const NOW = new Date('2026-12-01T12:00:00Z');

async function run(...argv: string[]) {
  const io = memoryIo(NOW);
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

async function runJson(...argv: string[]) {
  const result = await run(...argv, '--json');
  return { ...result, json: JSON.parse(result.out) };
}

describe('cli: global', () => {
  it('--version prints the package version', async () => {
    const r = await run('--version');
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), VERSION);
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
  });

  it('--help lists the commands; no arguments is a usage error', async () => {
    const help = await run('--help');
    assert.equal(help.code, 0);
    for (const command of ['explain', 'check', 'list']) assert.match(help.out, new RegExp(`\\b${command}\\b`));
    assert.equal((await run()).code, 2);
  });

  it('an unknown command is a usage error', async () => {
    const r = await run('frobnicate');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown command 'frobnicate'/);
  });

  for (const command of ['explain', 'check', 'list']) {
    it(`${command} --help`, async () => {
      const r = await run(command, '--help');
      assert.equal(r.code, 0);
      assert.match(r.out, new RegExp(`^Usage: zenml-schedules ${command}`));
    });
  }
});

describe('cli: explain', () => {
  const base = ['--tz', 'UTC', '--from', '2026-12-01T00:00:00Z'];

  it('JSON shape of a valid expression', async () => {
    const r = await runJson('explain', '0 3 * * *', '--dialect', 'standard', ...base, '--count', '3');
    assert.equal(r.code, 0);
    assert.equal(r.json.valid, true);
    assert.equal(r.json.dialect, 'standard');
    assert.equal(typeof r.json.description, 'string');
    assert.ok(r.json.description.length > 0);
    assert.deepEqual(r.json.nextRuns, ['2026-12-01T03:00:00Z', '2026-12-02T03:00:00Z', '2026-12-03T03:00:00Z']);
    assert.deepEqual(r.json.warnings, []);
    assert.equal(r.json.error, null);
  });

  it('--from without an offset is UTC, and runs are strictly after it', async () => {
    const r = await runJson('explain', '0 3 * * *', '--tz', 'UTC', '--from', '2026-12-01T03:00:00', '--count', '1');
    assert.deepEqual(r.json.nextRuns, ['2026-12-02T03:00:00Z']);
  });

  it('--count defaults to 5', async () => {
    const r = await runJson('explain', '*/5 * * * *', ...base);
    assert.equal(r.json.nextRuns.length, 5);
  });

  it('an invalid expression: exit 1, the field and code, no description or runs', async () => {
    const r = await runJson('explain', '61 3 * * *', ...base);
    assert.equal(r.code, 1);
    assert.equal(r.json.valid, false);
    assert.equal(r.json.description, '');
    assert.deepEqual(r.json.nextRuns, []);
    assert.equal(r.json.error.field, 'minute');
    assert.equal(r.json.error.code, 'invalid-cron');
    assert.match(r.json.error.message, /61/);
  });

  it('a whole-expression error has field null', async () => {
    const r = await runJson('explain', '0 3 * * * * *', ...base);
    assert.equal(r.code, 1);
    assert.equal(r.json.error.field, null);
  });

  it('--orchestrator picks the dialect and its warnings', async () => {
    const r = await runJson('explain', '0 0 * * *', '--orchestrator', 'kubeflow', ...base);
    assert.equal(r.code, 0);
    assert.equal(r.json.dialect, 'kubeflow');
    assert.ok(r.json.warnings.some((w: { code: string }) => w.code === 'dialect-seconds-first'));
    // Seconds first: second 0 of minute 0 of every hour.
    assert.deepEqual(r.json.nextRuns.slice(0, 2), ['2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z']);
  });

  it('an unknown flavor: standard dialect and an unknown-orchestrator info', async () => {
    const r = await runJson('explain', '0 3 * * *', '--orchestrator', 'my_flavor', ...base);
    assert.equal(r.code, 0);
    assert.equal(r.json.dialect, 'standard');
    assert.deepEqual(
      r.json.warnings.map((w: { code: string }) => w.code),
      ['unknown-orchestrator'],
    );
    assert.match(r.json.warnings[0].message, /my_flavor/);
    assert.equal(r.json.warnings[0].severity, 'info');
  });

  it('an orchestrator in the standard dialect evaluates in UTC; without one, --tz decides', async () => {
    const r = await runJson('explain', '0 3 * * *', '--orchestrator', 'sagemaker', '--from', '2026-12-01T00:00:00Z', '--count', '1');
    assert.equal(r.json.timeZone, 'UTC');
    assert.deepEqual(r.json.nextRuns, ['2026-12-01T03:00:00Z']);
    const berlin = await runJson('explain', '0 3 * * *', '--tz', 'Europe/Berlin', '--from', '2026-12-01T00:00:00Z', '--count', '1');
    assert.deepEqual(berlin.json.nextRuns, ['2026-12-01T02:00:00Z']);
  });

  it('a TZ= prefix on vertex: its zone, no warning', async () => {
    const r = await runJson('explain', 'TZ=America/New_York 0 3 * * *', '--orchestrator', 'vertex', '--from', '2026-12-01T00:00:00Z', '--count', '1');
    assert.equal(r.code, 0);
    assert.equal(r.json.timeZone, 'America/New_York');
    assert.deepEqual(r.json.nextRuns, ['2026-12-01T08:00:00Z']);
    assert.deepEqual(r.json.warnings, []);
  });

  it('an orchestrator that cannot schedule: valid, with an unsupported-orchestrator warning', async () => {
    const r = await runJson('explain', '0 3 * * *', '--orchestrator', 'local', ...base);
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.json.warnings.map((w: { code: string; severity: string }) => `${w.code}/${w.severity}`),
      ['unsupported-orchestrator/warning'],
    );
  });

  it('never runs: valid, no next runs, a never-runs warning', async () => {
    const r = await runJson('explain', '0 0 30 2 *', ...base);
    assert.equal(r.code, 0);
    assert.equal(r.json.valid, true);
    assert.deepEqual(r.json.nextRuns, []);
    assert.ok(r.json.warnings.some((w: { code: string }) => w.code === 'never-runs'));
  });

  it('human output: the description, the next runs, and the bad field pointed at', async () => {
    const ok = await run('explain', '0 3 * * *', ...base, '--count', '2');
    assert.match(ok.out, /Next runs:\n {2}Tue 2026-12-01 03:00 UTC\n {2}Wed 2026-12-02 03:00 UTC\n/);
    const bad = await run('explain', '0 3 * 13 *', ...base);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /error invalid-cron: .*13/);
    assert.match(bad.out, /\n {2}0 3 \* 13 \*\n {8}\^\^\n/);
  });

  it('another --tz shows both zones', async () => {
    const r = await run('explain', '0 3 * * *', '--tz', 'Europe/Berlin', '--from', '2026-12-01T00:00:00Z', '--count', '1');
    assert.match(r.out, /Tue 2026-12-01 03:00 Europe\/Berlin {2}\(Tue 2026-12-01 02:00 UTC\)/);
  });

  const usage: [string, string[]][] = [
    ['no expression', ['explain']],
    ['two expressions (unquoted)', ['explain', '0', '3']],
    ['--dialect with --orchestrator', ['explain', '0 3 * * *', '--dialect', 'standard', '--orchestrator', 'kubeflow']],
    ['an unknown dialect', ['explain', '0 3 * * *', '--dialect', 'quartz']],
    ['an unknown option', ['explain', '0 3 * * *', '--colour']],
    ['--count 0', ['explain', '0 3 * * *', '--count', '0']],
    ['--count abc', ['explain', '0 3 * * *', '--count', 'abc']],
    ['--from garbage', ['explain', '0 3 * * *', '--from', 'yesterday']],
    ['--tz unknown', ['explain', '0 3 * * *', '--tz', 'Mars/Olympus_Mons']],
    ['--dialect without a value', ['explain', '0 3 * * *', '--dialect']],
  ];
  for (const [name, argv] of usage) {
    it(`bad usage, exit 2: ${name}`, async () => {
      const r = await run(...argv);
      assert.equal(r.code, 2);
      assert.match(r.err, /^error: /);
      assert.equal(r.out, '');
    });
  }
});

// ------------------------------------------------------------------ a project tree

const GOOD_PY = `from zenml import pipeline
from zenml.config.schedule import Schedule


@pipeline
def train():
    pass


train.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()
`;

const BAD_PY = `from zenml import pipeline
from zenml.config import Schedule


@pipeline
def report():
    pass


nightly = Schedule(cron_expression="61 3 * * *")
report.with_options(schedule=nightly)()
`;

const INTERVAL_PY = `from datetime import datetime, timezone
from zenml import pipeline
from zenml.config.schedule import Schedule


@pipeline
def sync():
    pass


sync.with_options(
    schedule=Schedule(start_time=datetime(2026, 1, 1, tzinfo=timezone.utc), interval_second=1800)
)()
`;

const NAIVE_PY = `from datetime import datetime
from zenml.config.schedule import Schedule

once = Schedule(run_once_start_time=datetime(2027, 1, 1))
`;

/** A syntax error in the middle: the schedule after it is still found. */
const BROKEN_PY = `from zenml.config.schedule import Schedule

def half_typed(:
    return [1, 2

late = Schedule(cron_expresion="0 3 * * *")
`;

const RUN_YAML = `settings:
  docker:
    requirements: [pandas]
schedule:
  cron_expression: "0 6 * * 1"
  catchup: false
`;

const OUTSIDE_PY = `from zenml.config.schedule import Schedule
bad = Schedule(cron_expression="99 * * * *")
`;

function lineCol(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('cli: check and list over a tree', () => {
  let root: string;
  let shown: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'zs-cli-'));
    const write = (rel: string, content: string | Buffer) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), content);
    };
    write('pipelines/good.py', GOOD_PY);
    write('pipelines/bad.py', BAD_PY);
    write('pipelines/interval.py', INTERVAL_PY);
    write('pipelines/naive.py', NAIVE_PY);
    write('pipelines/broken.py', BROKEN_PY);
    write('configs/run.yaml', RUN_YAML);
    write('configs/not-a-mapping.yml', '- a\n- b\n');
    write('notes.txt', OUTSIDE_PY);
    write('node_modules/pkg/x.py', OUTSIDE_PY);
    write('.git/hooks/x.py', OUTSIDE_PY);
    write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
    write('.venv/lib/site.py', OUTSIDE_PY);
    write('myenv/pyvenv.cfg', 'home = /usr/bin\n');
    write('myenv/lib/site.py', OUTSIDE_PY);
    write('__pycache__/x.py', OUTSIDE_PY);
    write('build/x.py', OUTSIDE_PY);
    write('blob.py', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x53, 0x63, 0x68, 0x65, 0x64, 0x75, 0x6c, 0x65, 0x28]));
    // As the user would type it: relative to the working directory.
    shown = path.relative(process.cwd(), root);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('check --json: counts, exact 1-based ranges, paths as given, exit 1 on errors', async () => {
    const r = await runJson('check', shown);
    assert.equal(r.code, 1);
    // 7 .py/.yaml/.yml files outside skipped folders, minus the binary one.
    assert.equal(r.json.files, 7);
    assert.deepEqual(Object.keys(r.json).sort(), ['files', 'findings', 'schedules']);
    // good, bad, interval, naive, broken, run.yaml
    assert.equal(r.json.schedules, 6);
    const bad = path.join(shown, 'pipelines', 'bad.py');
    const badCron = r.json.findings.find((f: { file: string; code: string }) => f.file === bad && f.code === 'invalid-cron');
    const start = lineCol(BAD_PY, '61 3');
    assert.deepEqual(badCron, {
      file: bad,
      line: start.line,
      column: start.column,
      endLine: start.line,
      endColumn: start.column + 2,
      severity: 'error',
      code: 'invalid-cron',
      message: 'minute: 61 is out of range 0-59',
    });
    const files = new Set(r.json.findings.map((f: { file: string }) => f.file));
    for (const f of files) assert.ok(!/node_modules|\.venv|myenv|\.git|__pycache__|build/.test(f as string), `${f} should be skipped`);
    assert.match(r.err, /skipped .*blob\.py: binary file/);
  });

  it('a syntax error in the middle: the schedule after it is still checked', async () => {
    const broken = path.join(shown, 'pipelines', 'broken.py');
    const r = await runJson('check', broken);
    const where = lineCol(BROKEN_PY, 'cron_expresion');
    const field = r.json.findings.find((f: { code: string }) => f.code === 'unknown-schedule-field');
    assert.ok(field, JSON.stringify(r.json));
    assert.equal(field.line, where.line);
    assert.equal(field.column, where.column);
    assert.equal(field.endColumn, where.column + 'cron_expresion'.length);
    assert.match(field.message, /cron_expression/);
  });

  it('a clean file: exit 0; a warning fails only with --fail-on warning', async () => {
    const good = path.join(shown, 'pipelines', 'good.py');
    const naive = path.join(shown, 'pipelines', 'naive.py');
    assert.equal((await run('check', good)).code, 0);
    const r = await runJson('check', naive);
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.json.findings.map((f: { code: string; severity: string }) => `${f.code}/${f.severity}`),
      ['naive-datetime/warning'],
    );
    const where = lineCol(NAIVE_PY, 'datetime(2027');
    assert.equal(r.json.findings[0].line, where.line);
    assert.equal(r.json.findings[0].column, where.column);
    assert.equal(r.json.findings[0].endColumn, where.column + 'datetime(2027, 1, 1)'.length);
    assert.equal((await run('check', naive, '--fail-on', 'warning')).code, 1);
    assert.equal((await run('check', good, '--fail-on', 'info')).code, 0);
  });

  it('--orchestrator adds the orchestrator findings, on the schedule= keyword', async () => {
    const good = path.join(shown, 'pipelines', 'good.py');
    const r = await runJson('check', good, '--orchestrator', 'local');
    assert.equal(r.code, 0);
    const where = lineCol(GOOD_PY, 'schedule=');
    assert.deepEqual(
      r.json.findings.map((f: { code: string; line: number; column: number; endColumn: number }) => [f.code, f.line, f.column, f.endColumn]),
      [['unsupported-orchestrator', where.line, where.column, where.column + 'schedule'.length]],
    );
    const interval = await runJson('check', path.join(shown, 'pipelines', 'interval.py'), '--orchestrator', 'kubernetes');
    assert.deepEqual(
      interval.json.findings.map((f: { code: string }) => f.code),
      ['unsupported-schedule-type'],
    );
  });

  it('an unknown orchestrator: a note on stderr, no orchestrator findings', async () => {
    const r = await runJson('check', path.join(shown, 'pipelines', 'good.py'), '--orchestrator', 'my_flavor');
    assert.equal(r.code, 0);
    assert.deepEqual(r.json.findings, []);
    assert.match(r.err, /unknown-orchestrator: .*my_flavor/);
  });

  it('human output: file:line:col severity code message, and a summary', async () => {
    const r = await run('check', path.join(shown, 'pipelines'));
    assert.equal(r.code, 1);
    const where = lineCol(BAD_PY, '61 3');
    assert.ok(r.out.includes(`${path.join(shown, 'pipelines', 'bad.py')}:${where.line}:${where.column} error invalid-cron `), r.out);
    assert.match(r.out, /\n5 files, 5 schedules: \d+ errors?, \d+ warnings?, \d+ infos?\n$/);
  });

  it('a virtual environment is checked when named explicitly', async () => {
    const r = await runJson('check', path.join(shown, '.venv'));
    assert.equal(r.json.files, 1);
    assert.equal(r.code, 1);
  });

  it('a YAML file that is not a mapping is checked without findings', async () => {
    const r = await runJson('check', path.join(shown, 'configs', 'not-a-mapping.yml'));
    assert.deepEqual(r.json, { files: 1, schedules: 0, findings: [] });
  });

  it('a missing path: exit 2, nothing printed on stdout', async () => {
    const r = await run('check', path.join(shown, 'does-not-exist'));
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /no such file or folder: .*does-not-exist/);
  });

  it('bad usage: no path, an unknown --fail-on', async () => {
    assert.equal((await run('check')).code, 2);
    assert.equal((await run('check', shown, '--fail-on', 'critical')).code, 2);
    assert.equal((await run('list')).code, 2);
    assert.equal((await run('list', shown, '--tz', 'Nowhere/Else')).code, 2);
  });

  it('list --json: every schedule with kind, expression, description and next run', async () => {
    const r = await runJson('list', shown, '--tz', 'UTC');
    assert.equal(r.code, 0);
    const byFile = (name: string) => r.json.schedules.filter((s: { file: string }) => s.file.endsWith(name));
    const [good] = byFile('good.py');
    const at = lineCol(GOOD_PY, 'Schedule(cron');
    assert.deepEqual(good, {
      file: path.join(shown, 'pipelines', 'good.py'),
      line: at.line,
      column: at.column,
      pipeline: 'train',
      kind: 'cron',
      expression: '0 3 * * *',
      intervalSeconds: null,
      dialect: 'standard',
      timeZone: 'UTC',
      description: 'At 03:00',
      nextRun: '2026-12-02T03:00:00Z',
    });
    const [interval] = byFile('interval.py');
    assert.equal(interval.kind, 'interval');
    assert.equal(interval.intervalSeconds, 1800);
    assert.equal(interval.nextRun, '2026-12-01T12:30:00Z');
    const [yaml] = byFile('run.yaml');
    assert.equal(yaml.kind, 'cron');
    assert.equal(yaml.expression, '0 6 * * 1');
    assert.equal(yaml.nextRun, '2026-12-07T06:00:00Z');
    // Where the schedule is: the `schedule` key.
    assert.deepEqual([yaml.line, yaml.column], [lineCol(RUN_YAML, 'schedule:').line, 1]);
    const [naive] = byFile('naive.py');
    assert.equal(naive.kind, 'once');
    // The misspelt Schedule in broken.py has no trigger: not a schedule ZenML would create.
    assert.deepEqual(byFile('broken.py'), []);
    assert.match(r.err, /1 Schedule without a trigger not listed/);
    assert.equal(r.json.schedules.length, 5);
  });

  it('list --orchestrator: the dialect of that orchestrator', async () => {
    const r = await runJson('list', path.join(shown, 'pipelines', 'good.py'), '--orchestrator', 'kubeflow');
    assert.equal(r.json.schedules[0].dialect, 'kubeflow');
    // Seconds first: "0 3 * * *" is second 0, minute 3 of every hour.
    assert.equal(r.json.schedules[0].nextRun, '2026-12-01T12:03:00Z');
  });

  it('list, human: one aligned row per schedule', async () => {
    const r = await run('list', path.join(shown, 'pipelines', 'good.py'), '--tz', 'UTC');
    assert.match(r.out, /good\.py:\d+:\d+ {2}train {2}cron {2}0 3 \* \* \* {2}.+ {2}next Wed 2026-12-02 03:00 UTC\n1 schedule\n$/);
  });
});

describe('cli: where the orchestrator reads the cron (issue 12)', () => {
  // A project on Databricks with a GitHub workflow beside it: the workflow rows are GitHub's, in their
  // `timezone:`; the Databricks crons are read in the `schedule_timezone` of their file's settings.
  let root: string;
  const WORKFLOW = 'on:\n  schedule:\n    - cron: "30 2 * * *"\n      timezone: Europe/Berlin\n    - cron: "0 4 * * *"\njobs: {}\n';
  const DATABRICKS_PY = `from zenml import pipeline
from zenml.config.schedule import Schedule
from zenml.integrations.databricks.flavors.databricks_orchestrator_flavor import DatabricksOrchestratorSettings

@pipeline
def train(): ...

settings = DatabricksOrchestratorSettings(schedule_timezone="America/New_York")
train.with_options(schedule=Schedule(cron_expression="0 0 9 * * ?"), settings={"orchestrator": settings})()
`;
  const DATABRICKS_YAML = 'settings:\n  orchestrator.databricks:\n    schedule_timezone: America/New_York\nschedule:\n  cron_expression: "0 30 9 * * ?"\n';
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'zs-cli-zones-'));
    mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(root, '.github', 'workflows', 't.yml'), WORKFLOW);
    writeFileSync(path.join(root, 'train.py'), DATABRICKS_PY);
    writeFileSync(path.join(root, 'run.yaml'), DATABRICKS_YAML);
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const rows = async (...argv: string[]) => {
    const r = await runJson('list', root, ...argv);
    assert.equal(r.code, 0, r.err);
    return r.json.schedules as { file: string; line: number; dialect: string; timeZone: string | null; nextRun: string | null }[];
  };

  it('list labels GitHub workflow rows github, in the entry zone, whatever --orchestrator says', async () => {
    const github = (await rows('--orchestrator', 'databricks')).filter((s) => s.file.includes('.github'));
    assert.deepEqual(
      github.map((s) => [s.line, s.dialect, s.timeZone, s.nextRun]),
      [
        [3, 'github', 'Europe/Berlin', '2026-12-02T01:30:00Z'],
        [5, 'github', 'UTC', '2026-12-02T04:00:00Z'],
      ],
    );
    // --tz does not move a workflow entry either.
    const withTz = (await rows('--orchestrator', 'kubeflow', '--tz', 'Asia/Tokyo')).filter((s) => s.file.includes('.github'));
    assert.deepEqual(withTz.map((s) => [s.dialect, s.timeZone]), [['github', 'Europe/Berlin'], ['github', 'UTC']]);
  });

  it('list reads Databricks crons in the schedule_timezone of the Python settings and of a YAML run config', async () => {
    const listed = await rows('--orchestrator', 'databricks');
    const py = listed.find((s) => s.file.endsWith('train.py'));
    const yaml = listed.find((s) => s.file.endsWith('run.yaml'));
    // 09:00 and 09:30 in New York in winter (UTC-5) are 14:00Z and 14:30Z, not 09:00Z.
    assert.deepEqual([py?.dialect, py?.timeZone, py?.nextRun], ['databricks', 'America/New_York', '2026-12-01T14:00:00Z']);
    assert.deepEqual([yaml?.dialect, yaml?.timeZone, yaml?.nextRun], ['databricks', 'America/New_York', '2026-12-01T14:30:00Z']);
    // The setting is the zone Databricks uses, so it wins over --tz.
    const tz = (await rows('--orchestrator', 'databricks', '--tz', 'UTC')).find((s) => s.file.endsWith('train.py'));
    assert.equal(tz?.nextRun, '2026-12-01T14:00:00Z');
  });

  it('agenda (and its .ics) and check use the same zone', async () => {
    const ics = path.join(root, 'out.ics');
    const r = await runJson('agenda', path.join(root, 'train.py'), path.join(root, 'run.yaml'), '--orchestrator', 'databricks', '--hours', '6', '--ics', ics);
    assert.equal(r.code, 0, r.err);
    const at = (r.json.runs as { at: string }[]).map((x) => x.at).sort();
    assert.deepEqual(at, ['2026-12-01T14:00:00Z', '2026-12-01T14:30:00Z']);
    const calendar = readFileSync(ics, 'utf8');
    assert.match(calendar, /DTSTART:20261201T140000Z/);
    assert.match(calendar, /DTSTART:20261201T143000Z/);
    // check: the setting is there, so no databricks-needs-timezone.
    const check = await runJson('check', path.join(root, 'train.py'), path.join(root, 'run.yaml'), '--orchestrator', 'databricks');
    assert.equal(check.code, 0, check.out);
  });
});

describe('cli: skipping files that cannot hold a schedule', () => {
  const ALIAS_PY = `from zenml.config import Schedule as Plan\nnightly = Plan(cron_expression="61 * * * *")\n`;
  const MODULE_PY = `import zenml.config.schedule as zs\nnightly = zs.Schedule(cron_expression="61 * * * *")\n`;
  const DECORATOR_PY = `from zenml import pipeline\n\n@pipeline(schedule = 1)\ndef p():\n    pass\n`;
  const IMPORT_ONLY_PY = `from zenml.config.schedule import Schedule\n\ndef describe(s: Schedule) -> str:\n    return s.name\n`;
  const CONTINUED_PY = `from zenml.config.schedule import Schedule\ns = Schedule \\\n    (cron_expression="61 * * * *")\n`;

  it('decides like discovery: the same findings with and without the shortcut', async () => {
    const options = { orchestrator: null, now: NOW };
    const texts: [string, string][] = [
      ['alias.py', ALIAS_PY],
      ['module.py', MODULE_PY],
      ['decorator.py', DECORATOR_PY],
      ['import_only.py', IMPORT_ONLY_PY],
      ['continued.py', CONTINUED_PY],
      ['good.py', GOOD_PY],
      ['bad.py', BAD_PY],
      ['interval.py', INTERVAL_PY],
      ['naive.py', NAIVE_PY],
      ['broken.py', BROKEN_PY],
      ['run.yaml', RUN_YAML],
    ];
    for (const [name, text] of texts) {
      assert.deepEqual(analyzeSource(text, name, options).findings, analyzeText(text, name, options).findings, name);
    }
    // And over the examples workspace, every shape and mistake.
    const examples = await collectFiles([path.resolve(__dirname, '..', '..', 'examples')]);
    for (const file of examples.files) {
      const text = readFileSync(file.absolute, 'utf8');
      const shortcut = analyzeSource(text, file.absolute, options);
      const full = analyzeText(text, file.absolute, options);
      assert.deepEqual([shortcut.findings, shortcut.discovery.schedules], [full.findings, full.discovery.schedules], file.display);
    }
    assert.equal(mightHoldSchedules(IMPORT_ONLY_PY, 'x.py'), false);
    for (const text of [ALIAS_PY, MODULE_PY, DECORATOR_PY, CONTINUED_PY]) assert.equal(mightHoldSchedules(text, 'x.py'), true, text);
    assert.ok(analyzeSource(ALIAS_PY, 'alias.py', options).findings.some((f) => f.code === 'invalid-cron'));
    assert.ok(analyzeSource(DECORATOR_PY, 'decorator.py', options).findings.some((f) => f.code === 'schedule-not-a-pipeline-arg'));
  });
});

describe('cli: an `orchestrator.<flavor>` settings key in a YAML run configuration picks the orchestrator', () => {
  let root: string;
  // A run configuration as ZenML's docs write one: the Kubeflow settings, then the schedule.
  const KUBEFLOW_YAML =
    'enable_cache: false\nsettings:\n  docker:\n    requirements:\n      - scikit-learn\n  orchestrator.kubeflow:\n    synchronous: false\n' +
    'schedule:\n  name: nightly-training\n  cron_expression: "0 3 * * *"\n';
  const PLAIN_YAML = 'schedule:\n  cron_expression: "0 4 * * *"\n';

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'zs-cli-settings-'));
    mkdirSync(path.join(root, 'configs'));
    writeFileSync(path.join(root, 'configs', 'training.yaml'), KUBEFLOW_YAML);
    writeFileSync(path.join(root, 'configs', 'plain.yaml'), PLAIN_YAML);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('check: the file is read in Kubeflow\'s dialect (seconds first), the other file in the standard one', async () => {
    const r = await runJson('check', root);
    const found = (r.json.findings as { file: string; line: number; code: string }[]).map((f) => `${path.basename(f.file)}:${f.line}:${f.code}`);
    assert.deepEqual(found, ['training.yaml:10:dialect-seconds-first']);
  });

  it('check: the last line names the orchestrator the settings key chose, with the file', async () => {
    const r = await run('check', root);
    const training = path.join(root, 'configs', 'training.yaml');
    assert.match(r.out, /dialect-seconds-first/);
    assert.ok(
      r.out.endsWith(`2 files, 2 schedules: 0 errors, 1 warning, 0 infos (orchestrator: kubeflow in ${training} by its orchestrator.kubeflow settings)\n`),
      r.out,
    );
  });

  it('check --orchestrator wins over the key: no Kubeflow finding, only the flag named', async () => {
    const r = await run('check', root, '--orchestrator', 'kubernetes');
    assert.doesNotMatch(r.out, /dialect-seconds-first/);
    assert.ok(r.out.endsWith('2 files, 2 schedules: no problems (orchestrator: kubernetes)\n'), r.out);
  });

  it('list: the file with the key is listed in the kubeflow dialect, the other in the standard one', async () => {
    const r = await runJson('list', root);
    const rows = (r.json.schedules as { file: string; dialect: string; description: string }[]).map((s) => `${path.basename(s.file)}:${s.dialect}`);
    assert.deepEqual(rows.sort(), ['plain.yaml:standard', 'training.yaml:kubeflow']);
    const flagged = await runJson('list', root, '--orchestrator', 'kubernetes');
    assert.deepEqual((flagged.json.schedules as { dialect: string }[]).map((s) => s.dialect), ['kubernetes', 'kubernetes']);
  });
});

// Issue 12: where each orchestrator reads the cron (GitHub `timezone:`, Databricks
// `schedule_timezone`, prefixes), the Airflow timetable model, the DST report and
// "one expression, every orchestrator" (command line and document).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { explainCron } from '../../src/cron';
import { AirflowTimetable } from '../../src/cron/airflow';
import { parseCroniter } from '../../src/cron/croniter';
import { dstReport } from '../../src/cron/dst';
import { zoneRules } from '../../src/cron/zone';
import { discover } from '../../src/discovery';
import { databricksScheduleZones } from '../../src/discovery/databricksZone';
import { discoverGithubWorkflow, isGithubWorkflowPath } from '../../src/discovery/githubWorkflow';
import { analyzeText } from '../../src/findings';
import { readOnEveryOrchestrator, readingsTable } from '../../src/workspace/allOrchestrators';
import { ScheduleIndex } from '../../src/workspace/scheduleIndex';
import { buildGroups } from '../../src/workspace/treeModel';
import { scheduleMarkdown } from '../../src/workspace/present';
import { summarizeSchedule, zoneFor } from '../../src/workspace/summary';
import { cronZoneStatement } from '../../src/workspace/zones';

const NOW = new Date('2026-12-01T12:00:00Z');
const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

const WORKFLOW = `name: train-scheduled
on:
  schedule:
    - cron: "30 2 * * *"
      timezone: Europe/Berlin
    - cron: '*/2 * * * *'
    - cron: "0 3 * * *"
      timezone: Europe/Berln
  workflow_dispatch: {}
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: python run.py
`;

describe('GitHub Actions workflow files', () => {
  it('only .github/workflows/*.yml|yaml are workflow files', () => {
    assert.ok(isGithubWorkflowPath('/repo/.github/workflows/train-scheduled-2026.yaml'));
    assert.ok(isGithubWorkflowPath('C:\\repo\\.github\\workflows\\a.yml'));
    assert.ok(!isGithubWorkflowPath('/repo/.github/workflows/sub/a.yml'));
    assert.ok(!isGithubWorkflowPath('/repo/config/workflows/a.yml'));
    assert.ok(!isGithubWorkflowPath('/repo/.github/dependabot.yml'));
  });

  it('each on.schedule entry is a schedule, with its timezone:', () => {
    const result = discoverGithubWorkflow(WORKFLOW);
    assert.equal(result.schedules.length, 3);
    const [first, second, third] = result.schedules;
    assert.deepEqual(first.fields.map((f) => [f.name, f.value.kind === 'string' ? f.value.value : f.value.kind]), [['cron_expression', '30 2 * * *']]);
    assert.equal(first.github?.timezone?.value.kind === 'string' ? first.github.timezone.value.value : null, 'Europe/Berlin');
    assert.equal(second.github?.timezone, null);
    assert.equal(third.nameRange.start.line, 6);
    // discover() routes by path: the same text elsewhere is not a ZenML run configuration schedule.
    assert.equal(discover(WORKFLOW, '/r/.github/workflows/x.yml').schedules.length, 3);
    assert.equal(discover(WORKFLOW, '/r/configs/x.yml').schedules.length, 0);
  });

  it('a bare `on` read as YAML 1.1 true, broken YAML and no schedule give what they can', () => {
    assert.equal(discoverGithubWorkflow('true:\n  schedule:\n    - cron: "0 1 * * *"\n').schedules.length, 1);
    assert.equal(discoverGithubWorkflow('on: [push]\n').schedules.length, 0);
    assert.equal(discoverGithubWorkflow('on:\n  schedule:\n    - cron: "0 1 * * *"\n  push: [\n').schedules.length >= 0, true);
    assert.equal(discoverGithubWorkflow('on:\n  schedule: "0 1 * * *"\n').schedules.length, 0);
  });

  it('diagnostics: too frequent, unknown zone (with a spelling hint), invalid cron; no ZenML field rules', () => {
    const { findings } = analyzeText(WORKFLOW + '', '/r/.github/workflows/x.yml', { orchestrator: { flavor: 'kubernetes', source: 'setting' }, now: NOW });
    const codes = findings.map((f) => `${f.code}@${f.range.start.line}`);
    assert.ok(codes.includes('too-frequent@5'), codes.join(' '));
    const zone = findings.find((f) => f.range.start.line === 7);
    assert.equal(zone?.code, 'invalid-cron');
    assert.match(zone?.message ?? '', /Europe\/Berln" is not an IANA time zone/);
    assert.ok(!findings.some((f) => f.code === 'unknown-schedule-field' || f.code === 'unsupported-orchestrator'), codes.join(' '));
    const bad = analyzeText('on:\n  schedule:\n    - cron: "61 * * * *"\n', '/r/.github/workflows/y.yml', { orchestrator: null, now: NOW }).findings;
    assert.deepEqual(bad.map((f) => [f.code, f.range.start.character, f.range.end.character]), [['invalid-cron', 13, 15]]);
    const lower = analyzeText('on:\n  schedule:\n    - cron: "0 1 * * *"\n      timezone: europe/berlin\n', '/r/.github/workflows/y.yml', { orchestrator: null, now: NOW }).findings;
    assert.match(lower[0]?.message ?? '', /did you mean Europe\/Berlin/);
  });

  it('rows in the Schedules view, with their findings, in the entry zone', () => {
    const orchestrator = { flavor: 'kubeflow', source: 'setting' as const };
    const index = new ScheduleIndex(() => ({ orchestrator, now: NOW }));
    index.setFile('/r/.github/workflows/x.yml', '.github/workflows/x.yml', '/r/.github/workflows/x.yml', WORKFLOW);
    const groups = buildGroups(index.schedules(), () => orchestrator, { now: NOW, count: 1, order: 'nextRun' });
    const rows = groups.flatMap((g) => g.rows);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r.label).sort(), ['GitHub Actions schedule (line 4)', 'GitHub Actions schedule (line 6)', 'GitHub Actions schedule (line 7)']);
    const berlin = rows.find((r) => r.label.endsWith('(line 4)'));
    assert.equal(berlin?.summary.evaluationZone, 'Europe/Berlin');
    assert.deepEqual(berlin?.summary.nextRuns.map(iso), ['2026-12-02T01:30:00Z']);
    assert.equal(rows.find((r) => r.label.endsWith('(line 6)'))?.worst, 'warning');
    assert.equal(rows.find((r) => r.label.endsWith('(line 7)'))?.worst, 'error');
  });

  it('the summary and hover use the entry zone, whatever the stack says', () => {
    const [first, second] = discoverGithubWorkflow(WORKFLOW).schedules;
    const s1 = summarizeSchedule(first, { dialect: 'kubeflow', now: NOW, count: 2 });
    assert.equal(s1.dialect, 'github');
    assert.equal(s1.evaluationZone, 'Europe/Berlin');
    assert.deepEqual(s1.nextRuns.map(iso), ['2026-12-02T01:30:00Z', '2026-12-03T01:30:00Z']);
    const s2 = summarizeSchedule(second, { dialect: 'kubeflow', now: NOW, count: 1 });
    assert.equal(s2.evaluationZone, 'UTC');
    const md = scheduleMarkdown(s1, [], null, 'UTC', { github: true, zoneSource: zoneFor(first, { dialect: 'github', now: NOW, count: 1 }, '').source, now: NOW });
    assert.match(md, /\*\*GitHub Actions schedule\*\*/);
    assert.match(md, /GitHub Actions runs this schedule in Europe\/Berlin, from its `timezone:` key/);
    assert.match(md, /DST report/);
    assert.doesNotMatch(md, /Orchestrator unknown/);
  });
});

describe('Databricks schedule_timezone', () => {
  const code = `from zenml.integrations.databricks.flavors.databricks_orchestrator_flavor import DatabricksOrchestratorSettings
from zenml.config.schedule import Schedule

settings = DatabricksOrchestratorSettings(schedule_timezone="America/New_York")
my_pipeline.with_options(schedule=Schedule(cron_expression="0 0 9 * * ?"), settings={"orchestrator": settings})()
`;
  it('reads the literal from the settings class and from a settings dict', () => {
    assert.deepEqual(databricksScheduleZones(code), ['America/New_York']);
    assert.deepEqual(databricksScheduleZones('s = {"orchestrator": {"schedule_timezone": "Asia/Tokyo"}}'), ['Asia/Tokyo']);
    assert.deepEqual(databricksScheduleZones('s = DatabricksOrchestratorSettings(schedule_timezone=zone)'), []);
    assert.deepEqual(databricksScheduleZones('x = 1'), []);
  });
  it('the Schedule in that file is read in that zone', () => {
    const schedule = discover(code, 'p.py').schedules[0];
    const options = { dialect: 'databricks' as const, now: NOW, count: 1 };
    const zone = zoneFor(schedule, options, code);
    assert.deepEqual(zone, { timeZone: 'America/New_York', source: 'databricks-setting' });
    const summary = summarizeSchedule(schedule, { ...options, timeZone: zone.timeZone });
    assert.deepEqual(summary.nextRuns.map(iso), ['2026-12-01T14:00:00Z']);
    assert.match(cronZoneStatement({ dialect: 'databricks', evaluationZone: 'America/New_York', source: 'databricks-setting' }), /schedule_timezone/);
  });
});

describe('zone statements: in which zone each orchestrator reads the cron', () => {
  it('one sentence per dialect, naming the source', () => {
    assert.match(cronZoneStatement({ dialect: 'kubernetes', evaluationZone: 'UTC' }), /controller manager.*spec\.timeZone/);
    assert.match(cronZoneStatement({ dialect: 'airflow', evaluationZone: 'UTC' }), /default_timezone/);
    assert.match(cronZoneStatement({ dialect: 'vertex', evaluationZone: 'Europe/Berlin', source: 'prefix' }), /TZ=\/CRON_TZ= prefix.*not guaranteed/);
    assert.match(cronZoneStatement({ dialect: 'github', evaluationZone: 'UTC' }), /UTC \(no `timezone:` key\)/);
    assert.match(cronZoneStatement({ dialect: 'standard', evaluationZone: 'UTC' }), /no time-zone field/);
  });
});

describe('Airflow: the timetable model', () => {
  const tt = (expr: string, zone: string) => new AirflowTimetable(parseCroniter(expr, 0), zoneRules(zone));
  const at = (s: string) => Date.parse(s) / 1000;
  const isoS = (u: number | null) => (u === null ? null : new Date(u * 1000).toISOString().replace('.000Z', 'Z'));

  it('get_prev is the last match strictly before, across month ends and leap days', () => {
    assert.equal(isoS(tt('0 0 29 2 *', 'UTC').getPrev(at('2026-12-01T00:00:00Z'))), '2024-02-29T00:00:00Z');
    assert.equal(isoS(tt('0 12 L * *', 'UTC').getPrev(at('2026-03-31T12:00:00Z'))), '2026-02-28T12:00:00Z');
    assert.equal(isoS(tt('*/15 * * * *', 'UTC').getPrev(at('2026-03-31T12:15:00Z'))), '2026-03-31T12:00:00Z');
  });
  it('a naive time in the gap moves forward; a repeated one is the second occurrence', () => {
    const t = tt('30 2 * * *', 'Europe/Berlin');
    assert.equal(isoS(t.getNext(at('2026-03-28T12:00:00Z'))), '2026-03-29T01:30:00Z');
    assert.equal(isoS(t.getNext(at('2026-10-24T12:00:00Z'))), '2026-10-25T01:30:00Z');
  });
  it('Airflow 2.10 differs: the first run is for the interval that ended, and some expressions make it raise', () => {
    const t = tt('0 0 * * *', 'UTC');
    assert.deepEqual(t.runsV3(at('2026-12-01T12:00:00Z'), 2).map(isoS), ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z']);
    assert.deepEqual(t.runsV2(at('2026-12-01T12:00:00Z'), 2)?.map(isoS), ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z']);
  });
  it('no run before now: Airflow 3 never starts the DAG', () => {
    assert.deepEqual(tt('0 14 * */4 * * 2026', 'UTC').runsV3(at('2025-04-06T03:00:00Z'), 3), []);
  });
});

describe('DST report', () => {
  const from = new Date('2026-12-01T00:00:00Z');
  it('gap and overlap, per orchestrator: skipped, shifted, doubled, none', () => {
    const pick = (dialect: 'kubernetes' | 'airflow' | 'vertex' | 'databricks', expr = '30 2 * * *') =>
      dstReport(expr, dialect, 'Europe/Berlin', from).transitions.map((t) => [t.kind, t.effect, t.run]);
    assert.deepEqual(pick('kubernetes'), [['gap', 'skipped', '2027-03-28T02:30'], ['overlap', 'doubled', '2027-10-31T02:30']]);
    assert.deepEqual(pick('airflow'), [['gap', 'shifted', '2027-03-28T02:30'], ['overlap', 'none', null]]);
    assert.deepEqual(pick('vertex'), [['gap', 'shifted', '2027-03-28T02:30'], ['overlap', 'none', null]]);
    assert.deepEqual(pick('databricks', '0 30 2 * * ?'), [['gap', 'skipped', '2027-03-28T02:30'], ['overlap', 'none', null]]);
  });
  it('southern hemisphere and a 30-minute DST (Lord Howe)', () => {
    // robfig (Kubernetes) also misses 02:15 on the day Lord Howe goes back (checked against robfig in the differential test).
    const k = dstReport('15 2 * * *', 'kubernetes', 'Australia/Lord_Howe', from);
    assert.deepEqual(k.transitions.map((t) => [t.kind, t.effect]), [['overlap', 'skipped'], ['gap', 'skipped']]);
    // Vixie cron (the standard dialect's reference): a fixed-time job in the gap runs at the change (02:00 LHST = 15:30 UTC).
    const v = dstReport('15 2 * * *', 'standard', 'Australia/Lord_Howe', from);
    assert.deepEqual(v.transitions.map((t) => [t.kind, t.effect, t.actual]), [['overlap', 'none', []], ['gap', 'shifted', ['2027-10-02T15:30:00Z']]]);
  });
  it('UTC, an invalid expression and runs away from the change give nothing to report', () => {
    assert.deepEqual(dstReport('30 2 * * *', 'kubernetes', 'UTC', from).transitions, []);
    assert.deepEqual(dstReport('61 2 * * *', 'kubernetes', 'Europe/Berlin', from).transitions, []);
    assert.deepEqual(dstReport('0 12 * * *', 'kubernetes', 'Europe/Berlin', from).transitions.map((t) => t.effect), ['none', 'none']);
  });
});

describe('one expression, every orchestrator', () => {
  it('0 0 * * *: daily on Kubernetes, hourly on Kubeflow, rejected by Databricks', () => {
    const readings = readOnEveryOrchestrator('0 0 * * *', { from: NOW });
    const by = new Map(readings.map((r) => [r.orchestrator, r]));
    assert.equal(by.get('kubernetes')?.description, 'At 00:00');
    assert.equal(by.get('kubeflow')?.description, 'Every hour');
    assert.equal(by.get('kubeflow')?.nextRun, '2026-12-01T13:00:00Z');
    assert.equal(by.get('databricks')?.valid, false);
    assert.ok(by.get('databricks')?.error);
    assert.match(readingsTable(readings), /\| databricks \| databricks \| rejected \|/);
  });

  it('explain --all-orchestrators --json has the issue shape and ignores --dialect', async () => {
    const io = memoryIo(NOW);
    const code = await runCli(['explain', '0 0 * * *', '--all-orchestrators', '--dialect', 'databricks', '--json'], io);
    assert.equal(code, 0);
    const json = JSON.parse(io.out) as { orchestrators: Record<string, unknown>[] };
    assert.ok(json.orchestrators.length >= 5);
    for (const o of json.orchestrators) for (const key of ['orchestrator', 'dialect', 'valid', 'description', 'nextRun', 'error']) assert.ok(key in o, key);
  });

  it('explain --dst --json: {transitions: [{at, kind, effect, run}]}; rejected everywhere exits 1', async () => {
    const io = memoryIo(NOW);
    assert.equal(await runCli(['explain', '30 2 * * *', '--dialect', 'kubernetes', '--tz', 'Europe/Berlin', '--dst', '--json'], io), 0);
    const json = JSON.parse(io.out) as { transitions: { at: string; kind: string; effect: string; run: string | null }[] };
    assert.deepEqual(json.transitions.map((t) => [t.at, t.kind, t.effect, t.run]), [
      ['2027-03-28T01:00:00Z', 'gap', 'skipped', '2027-03-28T02:30'],
      ['2027-10-31T01:00:00Z', 'overlap', 'doubled', '2027-10-31T02:30'],
    ]);
    const bad = memoryIo(NOW);
    assert.equal(await runCli(['explain', 'not a cron', '--all-orchestrators'], bad), 1);
    const human = memoryIo(NOW);
    await runCli(['explain', '30 2 * * *', '--all-orchestrators', '--tz', 'Europe/Berlin', '--dst'], human);
    assert.match(human.out, /kubernetes .*DST: 2027-03-28 .*skipped/s);
  });

  it('Airflow 2.10 note in the explanation when its start differs', () => {
    // 2.10 raises for an expression whose next match after the previous one lies before now.
    const e = explainCron('0 0 * * *', { dialect: 'airflow', from: NOW });
    assert.ok(!(e.notes ?? []).some((n) => n.includes('Airflow 2.10')));
  });
});

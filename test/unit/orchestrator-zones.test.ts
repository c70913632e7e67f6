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
import { PythonDiscovery, discover } from '../../src/discovery';
import { databricksScheduleZones } from '../../src/discovery/databricksZone';
import { discoverGithubWorkflow, isGithubWorkflowPath } from '../../src/discovery/githubWorkflow';
import { analyzeText } from '../../src/findings';
import { readOnEveryOrchestrator, readingsTable } from '../../src/workspace/allOrchestrators';
import { explainDocumentExtras } from '../../src/workspace/explainDocument';
import { ScheduleIndex } from '../../src/workspace/scheduleIndex';
import { buildGroups } from '../../src/workspace/treeModel';
import { scheduleMarkdown } from '../../src/workspace/present';
import { summarizeSchedule, zoneFor } from '../../src/workspace/summary';
import { cronZoneStatement } from '../../src/workspace/zones';

const NOW = new Date('2026-12-01T12:00:00Z');
/** Markdown as read: without the backslash escapes escapeMarkdown adds. */
const unescaped = (md: string) => md.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
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
    const md = scheduleMarkdown(s1, [], null, 'UTC', { github: true, zoneSource: zoneFor(first, { dialect: 'github' }).source, now: NOW });
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
  it('the Schedule in that file is read in that zone, by the summary itself', () => {
    const schedule = discover(code, 'p.py').schedules[0];
    assert.equal(schedule.scheduleTimezone, 'America/New_York');
    const options = { dialect: 'databricks' as const, now: NOW, count: 1 };
    assert.deepEqual(zoneFor(schedule, options), { timeZone: 'America/New_York', source: 'databricks-setting' });
    // No zone passed: the summary (hover, view, list, timeline, agenda) finds it; 09:00 New York = 14:00Z in winter.
    const summary = summarizeSchedule(schedule, options);
    assert.deepEqual([summary.evaluationZone, summary.zoneSource], ['America/New_York', 'databricks-setting']);
    assert.deepEqual(summary.nextRuns.map(iso), ['2026-12-01T14:00:00Z']);
    // The caller's default zone (--tz, UTC) does not override what Databricks really uses.
    assert.deepEqual(summarizeSchedule(schedule, { ...options, timeZone: 'UTC' }).nextRuns.map(iso), ['2026-12-01T14:00:00Z']);
    // Read in another dialect the setting does not apply (it is Databricks').
    assert.equal(summarizeSchedule(schedule, { dialect: 'kubernetes', now: NOW, count: 1 }).evaluationZone, 'UTC');
    assert.match(cronZoneStatement({ dialect: 'databricks', evaluationZone: 'America/New_York', source: 'databricks-setting' }), /schedule_timezone/);
  });

  it('follows edits (incremental discovery reads it from the units it parses anyway)', () => {
    const d = new PythonDiscovery();
    assert.equal(d.update(code).schedules[0].scheduleTimezone, 'America/New_York');
    const tokyo = code.replace('America/New_York', 'Asia/Tokyo');
    const at = code.indexOf('America/New_York');
    const edited = d.update(tokyo, [{ rangeOffset: at, rangeLength: 'America/New_York'.length, text: 'Asia/Tokyo' }]);
    assert.equal(edited.schedules[0].scheduleTimezone, 'Asia/Tokyo');
    assert.deepEqual(summarizeSchedule(edited.schedules[0], { dialect: 'databricks', now: NOW, count: 1 }).nextRuns.map(iso), ['2026-12-02T00:00:00Z']);
    assert.equal(d.update(tokyo.replace('schedule_timezone="Asia/Tokyo"', 'spark_version="15.4"')).schedules[0].scheduleTimezone, undefined);
  });

  it('a YAML run config: settings: orchestrator.databricks: schedule_timezone', () => {
    const yaml = 'settings:\n  orchestrator.databricks:\n    schedule_timezone: America/New_York\nschedule:\n  cron_expression: "0 0 9 * * ?"\n';
    const [schedule] = discover(yaml, 'run.yaml').schedules;
    assert.equal(schedule.scheduleTimezone, 'America/New_York');
    assert.deepEqual(summarizeSchedule(schedule, { dialect: 'databricks', now: NOW, count: 1 }).nextRuns.map(iso), ['2026-12-01T14:00:00Z']);
    // Through an anchor too; an unknown zone or two different ones: no zone is guessed (the default applies).
    const anchored = 'tz: &tz Asia/Tokyo\nsettings:\n  orchestrator.databricks:\n    schedule_timezone: *tz\nschedule:\n  cron_expression: "0 0 9 * * ?"\n';
    assert.equal(discover(anchored, 'run.yaml').schedules[0].scheduleTimezone, 'Asia/Tokyo');
    const bad = discover(yaml.replace('America/New_York', 'America/Nowhere'), 'run.yaml').schedules[0];
    assert.equal(summarizeSchedule(bad, { dialect: 'databricks', now: NOW, count: 1 }).evaluationZone, 'UTC');
    const two = code.replace('my_pipeline.with_options', 'other = {"schedule_timezone": "Asia/Tokyo"}\nmy_pipeline.with_options');
    assert.equal(discover(two, 'p.py').schedules[0].scheduleTimezone, undefined);
  });

  it('check reads the cron in it too: a last run still ahead in New York is not never-runs', () => {
    // 03:00 on 31 Dec 2026 is 08:00Z in New York: still ahead at 05:00Z; in UTC it has passed.
    const yaml = (zone: string) => `settings:\n  orchestrator.databricks:\n    schedule_timezone: ${zone}\nschedule:\n  cron_expression: "0 0 3 31 12 ? 2026"\n`;
    const codes = (zone: string) =>
      analyzeText(yaml(zone), 'run.yaml', { orchestrator: { flavor: 'databricks', source: 'setting' }, now: new Date('2026-12-31T05:00:00Z') }).findings.map((f) => f.code);
    assert.ok(!codes('America/New_York').includes('never-runs'), codes('America/New_York').join());
    assert.ok(codes('UTC').includes('never-runs'), codes('UTC').join());
  });

  it('rows in the Schedules view and the hover use it', () => {
    const orchestrator = { flavor: 'databricks', source: 'setting' as const };
    const index = new ScheduleIndex(() => ({ orchestrator, now: NOW }));
    index.setFile('/r/p.py', 'p.py', '/r/p.py', code);
    const [row] = buildGroups(index.schedules(), () => orchestrator, { now: NOW, count: 1, order: 'nextRun' }).flatMap((g) => g.rows);
    assert.equal(row.summary.evaluationZone, 'America/New_York');
    assert.deepEqual(row.summary.nextRuns.map(iso), ['2026-12-01T14:00:00Z']);
    const md = scheduleMarkdown(row.summary, [], orchestrator, 'UTC', { now: NOW });
    assert.match(md, /evaluated in \*\*America\/New_York\*\*/);
    assert.match(md, /Databricks reads this cron in America\/New_York, the `schedule_timezone` of DatabricksOrchestratorSettings in this file/);
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
  it('Airflow 2.10 and 3 start a daily DAG at the same times', () => {
    const t = tt('0 0 * * *', 'UTC');
    assert.deepEqual(t.runsV3(at('2026-12-01T12:00:00Z'), 2).map(isoS), ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z']);
    assert.deepEqual(t.runsV2(at('2026-12-01T12:00:00Z'), 2)?.map(isoS), ['2026-12-02T00:00:00Z', '2026-12-03T00:00:00Z']);
  });
  it('Airflow 2.10 differs on 29 February: its first run is the end of the interval that starts in 2028', () => {
    const t = tt('0 0 29 2 *', 'UTC');
    assert.deepEqual(t.runsV3(at('2026-12-01T12:00:00Z'), 2).map(isoS), ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z']);
    assert.deepEqual(t.runsV2(at('2026-12-01T12:00:00Z'), 2)?.map(isoS), ['2032-02-29T00:00:00Z', '2036-02-29T00:00:00Z']);
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
    const e = explainCron('0 0 * * *', { dialect: 'airflow', from: NOW });
    assert.ok(!(e.notes ?? []).some((n) => n.includes('Airflow 2.10')));
    const leap = explainCron('0 0 29 2 *', { dialect: 'airflow', timeZone: 'UTC', from: NOW, count: 2 });
    assert.deepEqual(leap.nextRuns.map(iso), ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z']);
    assert.deepEqual(
      (leap.notes ?? []).filter((n) => n.includes('Airflow 2.10')),
      [
        'On Airflow 2.10 the same DAG would start its run of 29 February 2028 00:00 (00:00 UTC) at 29 February 2032 00:00 (00:00 UTC): 2.10 gives a cron string a CronDataIntervalTimetable (Airflow 3: CronTriggerTimetable).',
      ],
    );
  });

  it('explain --all-orchestrators ignores --orchestrator, reads every row in --tz', async () => {
    const io = memoryIo(NOW);
    assert.equal(await runCli(['explain', '30 2 * * *', '--all-orchestrators', '--orchestrator', 'kubeflow', '--tz', 'Europe/Berlin', '--json'], io), 0);
    const rows = (JSON.parse(io.out) as { orchestrators: { orchestrator: string; dialect: string; valid: boolean; description: string; nextRun: string | null; timeZone: string }[] }).orchestrators;
    const by = new Map(rows.map((r) => [r.orchestrator, r]));
    // Every orchestrator, not only kubeflow; all in Europe/Berlin (02:30 CET = 01:30Z).
    assert.ok(rows.length >= 7, rows.map((r) => r.orchestrator).join());
    assert.ok(rows.every((r) => r.timeZone === 'Europe/Berlin'));
    assert.deepEqual(
      ['kubernetes', 'vertex', 'airflow', 'github'].map((o) => [o, by.get(o)?.dialect, by.get(o)?.description, by.get(o)?.nextRun]),
      [
        ['kubernetes', 'kubernetes', 'At 02:30', '2026-12-02T01:30:00Z'],
        ['vertex', 'vertex', 'At 02:30', '2026-12-02T01:30:00Z'],
        ['airflow', 'airflow', 'At 02:30', '2026-12-02T01:30:00Z'],
        ['github', 'github', 'At 02:30', '2026-12-02T01:30:00Z'],
      ],
    );
    // Kubeflow reads seconds first: second 30 of minute 2 of every hour.
    assert.deepEqual([by.get('kubeflow')?.valid, by.get('kubeflow')?.nextRun], [true, '2026-12-01T12:02:30Z']);
    assert.deepEqual([by.get('databricks')?.valid, by.get('databricks')?.nextRun, by.get('databricks')?.description], [false, null, '']);
    // Human output: the same rows, in the zone.
    const human = memoryIo(NOW);
    await runCli(['explain', '30 2 * * *', '--all-orchestrators', '--orchestrator', 'kubeflow', '--tz', 'Europe/Berlin'], human);
    assert.match(human.out, /^ {2}kubernetes +kubernetes +At 02:30; next Wed 2026-12-02 02:30 Europe\/Berlin$/m);
    assert.match(human.out, /^ {2}databricks +databricks +rejected: expected 6 or 7 fields, got 5/m);
  });

  it("explain --all-orchestrators: `error` has explain's shape {message, field, code} (contracts.md)", async () => {
    const io = memoryIo(NOW);
    await runCli(['explain', '0 0 * * ?', '--all-orchestrators', '--json'], io);
    const rows = (JSON.parse(io.out) as { orchestrators: { orchestrator: string; error: unknown }[] }).orchestrators;
    const by = new Map(rows.map((r) => [r.orchestrator, r.error]));
    assert.deepEqual(by.get('vertex'), { message: 'dayOfWeek: "?" is Quartz syntax; use "*" in standard cron', field: 'dayOfWeek', code: 'invalid-cron' });
    assert.equal(by.get('kubernetes'), null);
    // The same object `explain --json` gives for that dialect.
    const single = memoryIo(NOW);
    await runCli(['explain', '0 0 * * ?', '--dialect', 'vertex', '--json'], single);
    assert.deepEqual(by.get('vertex'), (JSON.parse(single.out) as { error: unknown }).error);
    const whole = memoryIo(NOW);
    await runCli(['explain', '0 0 * * *', '--all-orchestrators', '--json'], whole);
    const databricks = (JSON.parse(whole.out) as { orchestrators: { orchestrator: string; error: { field: unknown; code: string } | null }[] }).orchestrators.find((r) => r.orchestrator === 'databricks');
    assert.deepEqual([databricks?.error?.field, databricks?.error?.code], [null, 'invalid-cron']);
  });
});

describe('the hover of a ZenML Schedule says where the orchestrator reads its cron', () => {
  const code = (cron: string) => `from zenml.config.schedule import Schedule\nmy_pipeline.with_options(schedule=Schedule(cron_expression="${cron}"))()\n`;
  const hover = (cron: string, flavor: string) => {
    const orchestrator = { flavor, source: 'setting' as const };
    const schedule = discover(code(cron), 'p.py').schedules[0];
    const summary = summarizeSchedule(schedule, { dialect: flavor === 'airflow' ? 'airflow' : 'kubernetes', now: NOW, count: 2 });
    return unescaped(scheduleMarkdown(summary, [], orchestrator, 'UTC', { now: NOW }));
  };
  it('Airflow: the DAG zone sentence and the Airflow 2.10 note', () => {
    const md = hover('0 0 29 2 *', 'airflow');
    assert.match(md, /^\*\*ZenML schedule\*\* · cron `0 0 29 2 \*`/);
    assert.match(md, /Airflow reads this cron in the DAG's zone: ZenML gives the DAG a naive start_date, so Airflow's `\[core\] default_timezone`/);
    assert.match(md, /^\$\(info\) On Airflow 2\.10 the same DAG would start its run of 29 February 2028 00:00 \(00:00 UTC\) at 29 February 2032 00:00/m);
    assert.doesNotMatch(md, /GitHub Actions/);
  });
  it("Kubernetes: the controller manager's zone, since ZenML sets no spec.timeZone", () => {
    const md = hover('0 3 * * *', 'kubernetes');
    assert.match(md, /Kubernetes reads this cron in the zone of the cluster's controller manager \(usually UTC; shown in UTC\): ZenML's CronJobs set no `spec\.timeZone`/);
  });
});

describe('the Explain Cron document (table and DST report)', () => {
  it('every orchestrator in a table, then the DST report with the not-guaranteed caveat on Vertex AI', () => {
    const text = explainDocumentExtras(explainCron('TZ=Europe/Berlin 30 2 * * *', { dialect: 'vertex', from: NOW }), NOW).join('\n');
    assert.match(text, /^## One expression, every orchestrator$/m);
    assert.match(text, /^\| Orchestrator \| Dialect \| Valid \| Meaning \| Next run \(UTC\) \|$/m);
    assert.match(text, /^\| vertex \| vertex \| valid \| At 02:30 \| 2026-12-02T01:30:00Z \|$/m);
    assert.match(text, /^\| kubernetes \| kubernetes \| rejected \| Kubernetes rejects TZ= or CRON_TZ= in the schedule.* \| — \|$/m);
    assert.match(text, /^## DST report \(Europe\/Berlin, next 12 months, vertex\)$/m);
    assert.match(text, /^- 2027-03-28 \(clocks go forward\): the 02:30 run starts at 2027-03-28T01:00:00Z \(UTC\) instead \(not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule\)\.$/m);
    assert.match(text, /^Not guaranteed: Google documents no rule for Vertex AI schedules at skipped or repeated wall times/m);
  });
  it('Kubernetes: skipped and doubled, stated as facts (robfig/cron is the reference); UTC: no DST section', () => {
    const text = explainDocumentExtras(explainCron('30 2 * * *', { dialect: 'kubernetes', timeZone: 'Europe/Berlin', from: NOW }), NOW).join('\n');
    assert.match(text, /^- 2027-03-28 \(clocks go forward in Europe\/Berlin\): the 02:30 run is skipped\.$/m);
    assert.match(text, /^- 2027-10-31 \(clocks go back\): the 02:30 run happens twice \(2027-10-31T00:30:00Z and 2027-10-31T01:30:00Z\)\.$/m);
    assert.doesNotMatch(text, /not guaranteed/i);
    const utc = explainDocumentExtras(explainCron('30 2 * * *', { dialect: 'kubernetes', timeZone: 'UTC', from: NOW }), NOW).join('\n');
    assert.match(utc, /## One expression, every orchestrator/);
    assert.doesNotMatch(utc, /DST report/);
  });
});

describe('DST on Vertex AI and GitHub Actions: what Vixie cron would do, not guaranteed', () => {
  const from = new Date('2027-03-01T00:00:00Z');
  it('the transitions say guaranteed: false there, true where the scheduler is the reference', () => {
    const flags = (dialect: 'vertex' | 'github' | 'kubernetes' | 'airflow' | 'standard') => dstReport('30 2 * * *', dialect, 'Europe/Berlin', from).transitions.map((t) => [t.effect, t.guaranteed]);
    assert.deepEqual(flags('vertex'), [['shifted', false], ['none', false]]);
    assert.deepEqual(flags('github'), [['shifted', false], ['none', false]]);
    assert.deepEqual(flags('kubernetes'), [['skipped', true], ['doubled', true]]);
    assert.deepEqual(flags('airflow'), [['shifted', true], ['none', true]]);
    assert.deepEqual(flags('standard'), [['shifted', true], ['none', true]]);
  });
  it('the CLI note and explain --dst --json (Vertex with a TZ= prefix, GitHub with a zone)', async () => {
    const vertex = memoryIo(from);
    assert.equal(await runCli(['explain', 'TZ=Europe/Berlin 30 2 * * *', '--orchestrator', 'vertex', '--dst', '--json'], vertex), 0);
    const v = JSON.parse(vertex.out) as { notes: string[]; transitions: { at: string; kind: string; effect: string; run: string | null; guaranteed: boolean }[] };
    assert.deepEqual(v.notes, [
      'Vixie cron would start the 02:30 run on 28 March 2027 at 03:00 instead: 02:30 does not exist in Europe/Berlin that day (clocks go forward). Not guaranteed on Vertex AI, which documents no rule for runs at skipped or repeated wall times.',
    ]);
    // The shape is kept ({at, kind, effect, run}); `guaranteed` is an extra key.
    assert.deepEqual(v.transitions.map((t) => [t.at, t.kind, t.effect, t.run, t.guaranteed]), [
      ['2027-03-28T01:00:00Z', 'gap', 'shifted', '2027-03-28T02:30', false],
      ['2027-10-31T01:00:00Z', 'overlap', 'none', null, false],
    ]);
    const github = memoryIo(from);
    await runCli(['explain', '30 2 * * *', '--dialect', 'github', '--tz', 'Europe/Berlin', '--dst'], github);
    assert.match(github.out, /^note: Vixie cron would start the 02:30 run on 28 March 2027 at 03:00 instead: .* Not guaranteed on GitHub Actions, which documents no rule/m);
    assert.match(github.out, /^ {2}2027-03-28 \(clocks go forward\): the 02:30 run starts at 2027-03-28T01:00:00Z \(UTC\) instead \(not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule\)\.$/m);
    assert.match(github.out, /^ {2}Not guaranteed: GitHub documents no rule for a `timezone:` schedule/m);
    // Kubernetes' notes stay statements of fact.
    const k8s = explainCron('30 2 * * *', { dialect: 'kubernetes', timeZone: 'Europe/Berlin', from, count: 1 });
    assert.ok((k8s.notes ?? []).length > 0 && (k8s.notes ?? []).every((n) => n.startsWith('On Kubernetes') && !/guaranteed/.test(n)), (k8s.notes ?? []).join('\n'));
  });
  it('the hover of a GitHub entry with timezone: carries the caveat', () => {
    const [first] = discoverGithubWorkflow(WORKFLOW).schedules;
    const summary = summarizeSchedule(first, { dialect: 'kubeflow', now: from, count: 1 });
    const md = unescaped(scheduleMarkdown(summary, [], null, 'UTC', { github: true, now: from }));
    assert.match(md, /\(not guaranteed: Vixie cron's behaviour; the orchestrator documents no rule\)/);
    assert.match(md, /Not guaranteed: GitHub documents no rule for a `timezone:` schedule/);
    assert.match(md, /Vixie cron would start the 02:30 run on 28 March 2027 at 03:00 instead/);
  });
});

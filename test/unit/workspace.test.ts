// The workspace layer: schedule summaries, the index, and the sidebar's grouping.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discover } from '../../src/discovery';
import type { OrchestratorContext } from '../../src/findings/types';
import { targetOrchestrator } from '../../src/findings';
import { explainStartDialect } from '../../src/workspace/explainDocument';
import { orchestratorLine, scheduleMarkdown } from '../../src/workspace/present';
import { summarizeSchedule as summarize, summaryOptionsFor } from '../../src/workspace/summary';
import { ScheduleIndex, inSkippedFolder, mayContainSchedule, pathOrParentMatches } from '../../src/workspace/scheduleIndex';
import { buildGroups } from '../../src/workspace/treeModel';

const examples = join(__dirname, '..', '..', 'examples');
const read = (p: string) => readFileSync(join(examples, p), 'utf8');
const now = new Date('2026-11-28T10:00:00Z');
const k8s: OrchestratorContext = { flavor: 'kubernetes', source: 'setting' };
const local: OrchestratorContext = { flavor: 'local', source: 'zenml', stackName: 'default' };

function only(text: string, file: string) {
  const { schedules } = discover(text, file);
  assert.equal(schedules.length, 1, `one schedule in ${file}`);
  return schedules[0];
}

const summarizeSchedule = (schedule: Parameters<typeof summarize>[0], orchestrator: OrchestratorContext | null, o: { now: Date; count: number }) =>
  summarize(schedule, summaryOptionsFor(orchestrator, o.now, o.count));

describe('summarizeSchedule', () => {
  it('describes a cron schedule and computes its next runs in UTC on Kubernetes', () => {
    const s = summarizeSchedule(only(read('pipelines/training.py'), 'training.py'), k8s, { now, count: 3 });
    assert.equal(s.kind, 'cron');
    assert.equal(s.name, 'nightly-training');
    assert.equal(s.expression, '0 3 * * *');
    assert.equal(s.dialect, 'kubernetes');
    assert.match(s.description, /03:00/);
    assert.deepEqual(
      s.nextRuns.map((d) => d.toISOString()),
      ['2026-11-29T03:00:00.000Z', '2026-11-30T03:00:00.000Z', '2026-12-01T03:00:00.000Z'],
    );
  });

  it('steps an interval schedule from its start time and stops at its end time', () => {
    const text = 'from datetime import datetime, timezone\nfrom zenml.config.schedule import Schedule\n' +
      's = Schedule(start_time=datetime(2026, 11, 28, 9, 50, tzinfo=timezone.utc), end_time=datetime(2026, 11, 28, 11, 0, tzinfo=timezone.utc), interval_second=1800)\n';
    const s = summarizeSchedule(only(text, 'i.py'), null, { now, count: 5 });
    assert.equal(s.kind, 'interval');
    assert.equal(s.intervalSeconds, 1800);
    assert.match(s.description, /30 minutes/);
    assert.deepEqual(s.nextRuns.map((d) => d.toISOString()), ['2026-11-28T10:20:00.000Z', '2026-11-28T10:50:00.000Z']);
  });

  it('says when a cron is invalid instead of inventing runs', () => {
    const text = 'from zenml.config import Schedule\nSchedule(cron_expression="61 * * * *")\n';
    const s = summarizeSchedule(only(text, 'bad.py'), null, { now, count: 5 });
    assert.match(s.description, /^invalid: .*61/);
    assert.deepEqual(s.nextRuns, []);
  });

  it('reports a missing trigger and a cron known only at run time', () => {
    const none = summarizeSchedule(only('from zenml.config import Schedule\nSchedule(name="x")\n', 'a.py'), null, { now, count: 5 });
    assert.equal(none.kind, null);
    assert.match(none.description, /no trigger/);
    assert.deepEqual(none.nextRuns, []);
    const dynamic = summarizeSchedule(only('from zenml.config import Schedule\nSchedule(cron_expression=make_cron())\n', 'b.py'), null, { now, count: 5 });
    assert.equal(dynamic.kind, 'cron');
    assert.equal(dynamic.expression, null);
    assert.deepEqual(dynamic.nextRuns, []);
  });

  it('reads a YAML run configuration', () => {
    const s = summarizeSchedule(only(read('configs/nightly.yaml'), 'nightly.yaml'), null, { now, count: 1 });
    assert.equal(s.expression, '30 2 * * *');
    assert.equal(s.nextRuns.length, 1);
  });
});

describe('orchestratorLine and scheduleMarkdown', () => {
  it('names what each orchestrator does', () => {
    assert.match(orchestratorLine(local, 'cron'), /cannot run schedules/);
    assert.match(orchestratorLine(k8s, 'interval'), /cron schedules only/);
    assert.match(orchestratorLine(k8s, 'cron'), /ZenML can update/);
    assert.match(orchestratorLine({ flavor: 'lightning', source: 'setting' }, 'cron'), /unknown/);
    // What to do about an unknown orchestrator is the face's advice, appended as given.
    assert.equal(orchestratorLine(null, 'cron'), 'Orchestrator unknown: read as standard cron.');
    assert.equal(orchestratorLine(null, 'cron', 'Pass --orchestrator.'), 'Orchestrator unknown: read as standard cron. Pass --orchestrator.');
  });

  it('shows the next runs in the display zone and UTC', () => {
    const s = summarizeSchedule(only(read('pipelines/training.py'), 'training.py'), k8s, { now, count: 2 });
    const md = scheduleMarkdown(s, [], k8s, 'Europe/Berlin');
    assert.match(md, /Next runs \(Europe\/Berlin\) \| UTC/);
    assert.match(md, /04:00/); // 03:00 UTC is 04:00 in Berlin in winter
    assert.match(md, /Dialect: \*\*kubernetes\*\*/);
  });

  it('one column when the display zone is UTC (or an alias of it)', () => {
    const s = summarizeSchedule(only(read('pipelines/training.py'), 'training.py'), k8s, { now, count: 2 });
    for (const zone of ['UTC', 'Etc/UTC', 'GMT']) {
      const md = scheduleMarkdown(s, [], k8s, zone);
      assert.ok(md.includes(`| Next runs (${zone}) |\n| --- |\n`), md);
      assert.doesNotMatch(md, /\| UTC \|/, `${zone}: no second UTC column`);
      const rows = md.split('\n').filter((line) => line.startsWith('| ') && line.includes('03:00'));
      assert.equal(rows.length, 2, md);
      for (const row of rows) assert.equal(row.split('|').length, 3, `one cell per row: ${row}`);
    }
  });
});

describe('which source decided the orchestrator (hover), and the palette\'s Explain in the same dialect', () => {
  // A run script that names its orchestrator in its settings, as the Kubeflow docs write it.
  const kubeflowFile =
    'from zenml import pipeline\nfrom zenml.config.schedule import Schedule\nfrom zenml.integrations.kubeflow.flavors import KubeflowOrchestratorSettings\n\n' +
    'kubeflow_settings = KubeflowOrchestratorSettings(user_namespace="ml")\n\n\n' +
    '@pipeline(settings={"orchestrator.kubeflow": kubeflow_settings})\ndef training_pipeline():\n    ...\n\n\n' +
    'training_pipeline.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()\n';
  const plainFile =
    'from zenml import pipeline\nfrom zenml.config.schedule import Schedule\n\n\n@pipeline\ndef training_pipeline():\n    ...\n\n\n' +
    'training_pipeline.with_options(schedule=Schedule(cron_expression="0 3 * * *"))()\n';
  const yamlFile = 'settings:\n  orchestrator.vertex:\n    labels:\n      team: ml\nschedule:\n  cron_expression: "0 3 * * *"\n';
  const stack: OrchestratorContext = { flavor: 'kubernetes', source: 'zenml', stackName: 'prod-gke' };

  /** What the hover shows for the file's one schedule, with the orchestrator resolved as the editor resolves it. */
  function hoverOf(text: string, file: string, detected: OrchestratorContext | null) {
    const discovery = discover(text, file);
    const orchestrator = targetOrchestrator(discovery, detected);
    const [schedule] = discovery.schedules;
    const summary = summarizeSchedule(schedule, orchestrator, { now, count: 1 });
    return { orchestrator, summary, markdown: scheduleMarkdown(summary, [], orchestrator, 'UTC'), discovery };
  }

  it('the setting decides over the file\'s settings key, and the hover says so', () => {
    const { markdown, summary } = hoverOf(kubeflowFile, 'run.py', { flavor: 'airflow', source: 'setting' });
    assert.match(markdown, /\(Orchestrator: chosen by the `zenmlSchedules\.orchestrator` setting\.\)/);
    assert.equal(summary.dialect, 'airflow');
  });

  it('--orchestrator decides over the file\'s settings key', () => {
    const { markdown } = hoverOf(kubeflowFile, 'run.py', { flavor: 'vertex', source: 'flag' });
    assert.match(markdown, /\(Orchestrator: chosen by `--orchestrator`\.\)/);
    assert.match(markdown, /Vertex AI/);
  });

  it('with no explicit choice, the file\'s one `orchestrator.<flavor>` key decides over the detected stack', () => {
    const { markdown, summary } = hoverOf(kubeflowFile, 'run.py', stack);
    assert.match(markdown, /\(Orchestrator: named by this file's `orchestrator\.kubeflow` settings\.\)/);
    assert.doesNotMatch(markdown, /prod-gke/);
    assert.equal(summary.dialect, 'kubeflow');
    assert.match(markdown, /Dialect: \*\*kubeflow\*\*/);
  });

  it('a YAML run configuration\'s `settings: orchestrator.<flavor>:` key decides the same way', () => {
    const { markdown, summary } = hoverOf(yamlFile, 'nightly.yaml', stack);
    assert.match(markdown, /named by this file's `orchestrator\.vertex` settings/);
    assert.equal(summary.dialect, 'vertex');
  });

  it('without a settings key (or with two flavors) the detected stack decides, named in the hover', () => {
    assert.match(hoverOf(plainFile, 'run.py', stack).markdown, /\(Orchestrator: the active ZenML stack `prod-gke`\.\)/);
    const two = plainFile.replace('@pipeline\n', '@pipeline(settings={"orchestrator.kubeflow": {}, "orchestrator.vertex": {}})\n');
    const { markdown, summary } = hoverOf(two, 'run.py', stack);
    assert.match(markdown, /the active ZenML stack `prod-gke`/);
    assert.equal(summary.dialect, 'kubernetes');
    const unnamed = hoverOf(plainFile, 'run.py', { flavor: 'kubernetes', source: 'zenml' }).markdown;
    assert.match(unnamed, /\(Orchestrator: the active ZenML stack\.\)/);
  });

  it('Explain Cron from the palette starts in the dialect the hover uses for the active file', () => {
    const cases: { text: string; file: string; detected: OrchestratorContext | null }[] = [
      { text: kubeflowFile, file: 'run.py', detected: stack },
      { text: kubeflowFile, file: 'run.py', detected: { flavor: 'airflow', source: 'setting' } },
      { text: yamlFile, file: 'nightly.yaml', detected: stack },
      { text: plainFile, file: 'run.py', detected: stack },
      { text: kubeflowFile, file: 'run.py', detected: null },
    ];
    for (const c of cases) {
      const { orchestrator, summary } = hoverOf(c.text, c.file, c.detected);
      assert.equal(explainStartDialect(undefined, orchestrator, c.detected), summary.dialect, `${c.file} with ${c.detected?.flavor ?? 'nothing'}`);
    }
    // The file's key decides, not the stack of the resource alone (what the palette used before).
    assert.equal(explainStartDialect(undefined, hoverOf(kubeflowFile, 'run.py', stack).orchestrator, stack), 'kubeflow');
    // No schedule file active: the setting or stack of the resource; a row: its own dialect.
    assert.equal(explainStartDialect(undefined, undefined, stack), 'kubernetes');
    assert.equal(explainStartDialect(undefined, undefined, null), 'standard');
    assert.equal(explainStartDialect({ dialect: 'airflow' }, hoverOf(kubeflowFile, 'run.py', stack).orchestrator, stack), 'airflow');
  });
});

describe('ScheduleIndex and buildGroups', () => {
  it('indexes the examples, skips files without schedules, and groups by pipeline', () => {
    const index = new ScheduleIndex(() => ({ orchestrator: local }));
    for (const file of ['pipelines/training.py', 'pipelines/interval.py', 'configs/nightly.yaml']) {
      assert.equal(index.setFile(file, file, file, read(file)), true);
    }
    assert.equal(index.setFile('empty.py', 'empty.py', 'empty.py', 'print(1)\n'), false);
    assert.equal(index.fileCount, 3);
    const groups = buildGroups(index.schedules(), () => local, { now, count: 1, order: 'name' });
    const labels = groups.map((g) => g.label);
    // One hierarchy: the pipelines (here by name), then the files whose schedules no pipeline uses.
    assert.deepEqual(labels, ['feature_pipeline', 'training_pipeline', 'configs/nightly.yaml']);
    assert.deepEqual(groups.map((g) => g.kind), ['pipeline', 'pipeline', 'file']);
    assert.ok(labels.includes('training_pipeline'));
    assert.ok(labels.includes('configs/nightly.yaml'), 'a YAML schedule without pipeline is grouped by file');
    const training = groups.find((g) => g.label === 'training_pipeline')!;
    assert.equal(training.rows[0].label, 'nightly-training');
    assert.equal(training.rows[0].worst, 'warning', 'local orchestrator: unsupported-orchestrator warning');
  });

  it('deleteUnder drops a file, or every file under a deleted folder, and nothing else', () => {
    const index = new ScheduleIndex(() => ({ orchestrator: null }));
    const text = 'from zenml.config import Schedule\nSchedule(cron_expression="0 3 * * *")\n';
    for (const key of ['file:///w/jobs/a.py', 'file:///w/jobs/deep/b.py', 'file:///w/jobs2/c.py', 'file:///w/top.py']) {
      index.setFile(key, key, key, text);
    }
    assert.equal(index.deleteUnder('file:///w/jobs'), true);
    assert.deepEqual(index.schedules().map((s) => s.file.key).sort(), ['file:///w/jobs2/c.py', 'file:///w/top.py'], 'a sibling sharing the prefix stays');
    assert.equal(index.deleteUnder('file:///w/jobs'), false, 'nothing left under it');
    assert.equal(index.deleteUnder('file:///w/top.py'), true, 'a single file');
    assert.equal(index.fileCount, 1);
  });

  it('skips paths under skipped folders and paths whose folder matches an exclude', () => {
    const folders = new Set(['.venv', 'node_modules']);
    assert.equal(inSkippedFolder('.venv/lib/python3.11/site.py', folders), true);
    assert.equal(inSkippedFolder('src/node_modules/x/y.py', folders), true);
    assert.equal(inSkippedFolder('src/venv_tools.py', folders), false);
    assert.equal(inSkippedFolder('.venv', folders), false, 'the folder name is checked on parents only');
    const seen: string[] = [];
    const excludesBuild = (p: string) => (seen.push(p), p === 'build/');
    assert.equal(pathOrParentMatches('build/gen/a.py', excludesBuild), true);
    assert.deepEqual(seen, ['build', 'build/']);
    assert.equal(pathOrParentMatches('src/build.py', (p) => p === 'build/'), false);
    assert.equal(pathOrParentMatches('src/a.py', (p) => p === 'src/a.py'), true, 'the file itself');
  });

  it('sorts pipelines by next run, soonest first; unattached files always after them, by path', () => {
    const index = new ScheduleIndex(() => ({ orchestrator: null }));
    const unattached = (cron: string) => `from zenml.config import Schedule\nSchedule(cron_expression="${cron}")\n`;
    const attached = (name: string, cron: string) =>
      `from zenml import pipeline\nfrom zenml.config import Schedule\n\n@pipeline\ndef ${name}():\n    pass\n\n${name}.with_options(schedule=Schedule(cron_expression="${cron}"))()\n`;
    index.setFile('z.py', 'z.py', 'z.py', unattached('0 1 * * *'));
    index.setFile('a.py', 'a.py', 'a.py', unattached('0 23 * * *'));
    index.setFile('late.py', 'late.py', 'late.py', attached('alpha', '0 22 * * *'));
    index.setFile('early.py', 'early.py', 'early.py', attached('omega', '0 13 * * *'));
    const k8s = () => ({ flavor: 'kubernetes', source: 'setting' }) as const;
    const byNext = buildGroups(index.schedules(), k8s, { now, count: 1, order: 'nextRun' });
    assert.deepEqual(byNext.map((g) => g.label), ['omega', 'alpha', 'a.py', 'z.py'], 'z.py runs first but stays in the file part');
    const byName = buildGroups(index.schedules(), k8s, { now, count: 1, order: 'name' });
    assert.deepEqual(byName.map((g) => g.label), ['alpha', 'omega', 'a.py', 'z.py']);
  });

  it('each file keeps the orchestrator its findings were computed for, and its rows use it (multi-root)', () => {
    const kubeflow: OrchestratorContext = { flavor: 'kubeflow', source: 'setting' };
    const index = new ScheduleIndex((key) => ({ orchestrator: key.startsWith('file:///kf/') ? kubeflow : local }));
    const text = 'from zenml.config import Schedule\nSchedule(cron_expression="0 3 * * *")\n';
    index.setFile('file:///kf/a.py', 'kf/a.py', 'a.py', text);
    index.setFile('file:///local/b.py', 'local/b.py', 'b.py', text);
    const byFile = Object.fromEntries(index.schedules().map((s) => [s.file.label, s]));
    assert.equal(byFile['kf/a.py'].file.orchestrator?.flavor, 'kubeflow');
    assert.deepEqual(byFile['kf/a.py'].findings.map((f) => f.code), ['dialect-seconds-first']);
    assert.deepEqual(byFile['local/b.py'].findings.map((f) => f.code), ['unsupported-orchestrator']);
    const rows = buildGroups(index.schedules(), undefined, { now, count: 1, order: 'name' }).flatMap((g) => g.rows);
    const dialects = Object.fromEntries(rows.map((r) => [r.item.file.label, r.summary.dialect]));
    assert.deepEqual(dialects, { 'kf/a.py': 'kubeflow', 'local/b.py': 'standard' });
  });

  it('recomputes findings when the orchestrator changes, without re-reading', () => {
    let orchestrator: OrchestratorContext | null = null;
    const index = new ScheduleIndex(() => ({ orchestrator }));
    index.setFile('t.py', 't.py', 't.py', read('pipelines/training.py'));
    assert.equal(index.schedules()[0].findings.length, 0);
    orchestrator = local;
    index.reanalyze();
    assert.deepEqual(index.schedules()[0].findings.map((f) => f.code), ['unsupported-orchestrator']);
  });

  it('has a cheap pre-check', () => {
    assert.equal(mayContainSchedule('x = 1'), false);
    assert.equal(mayContainSchedule('from zenml.config import Schedule'), true);
  });
});

// Guided recreate (issue 15 §2): the plan and its diff (pure), and the executor with real adapter objects:
// the Kubeflow adapter against the loopback KFP server (pause + delete, no update: a recreate target), a
// ZenML adapter pointed at a closed loopback port (the archive step fails for real), the CLI's
// `schedules recreate` over the same server. The real Airflow + ZenML run is test/live/recreate-airflow.test.ts.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AirflowAdapter } from '../../src/adapters/airflow';
import { KubeflowAdapter } from '../../src/adapters/kubeflow';
import type { LiveSchedule } from '../../src/adapters/types';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { diffLines, executeRecreate, planMarkdown, planRecreate, planText, type RecreatePlan } from '../../src/workspace/recreate';
import { freePort } from '../live/zenmlServer';
import { liveSchedule } from './live-fixtures';
import { startKubeflowServer, type KubeflowServer } from '../servers/kubeflow';

const NOW = new Date('2026-03-01T00:00:00Z');
const NS = 'team-a';
const HEX = (n: number) => n.toString(16).padStart(32, '0');
const SPEC = { pipeline_spec: { pipelineInfo: { name: 'p' }, root: {}, schemaVersion: '2.1.0', sdkVersion: 'kfp-2.17.3' } };

function airflowRow(extra: Partial<LiveSchedule> = {}): LiveSchedule {
  const id = `train_pipeline_${HEX(7)}`;
  return liveSchedule({
    id,
    name: id,
    pipeline: 'train_pipeline',
    orchestrator: 'airflow',
    catchup: false,
    timeZone: 'UTC',
    zenmlId: 'rec-1',
    match: { madeByZenml: true, pipeline: 'train_pipeline', nativeName: id },
    details: { 'DAG file': `/dags/${id}.zip` },
    changes: { operations: ['pause', 'resume'], pauseStopsRuns: true },
    ...extra,
  });
}

const airflow = () => new AirflowAdapter({ name: 'af', url: 'http://127.0.0.1:9' });
const zenml = (url = 'http://127.0.0.1:9') => new ZenmlServerAdapter({ name: 'zen', url, credentials: async () => ({ apiKey: 'k' }), timeoutMs: 5_000 });

describe('recreate: the plan (pure, changes nothing)', () => {
  it('Airflow row: pause, delete the DAG (the file stays), archive the record, re-run by hand without a file; diff of expression, words, next runs, zone', () => {
    const r = planRecreate({ schedule: airflowRow(), adapter: airflow(), zenml: zenml(), cron: '30 4 * * 1-5', now: NOW, nextRuns: 3 });
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.plan;
    assert.deepEqual(
      p.steps.map((s) => [s.n, s.kind, s.mode]),
      [
        [1, 'pause', 'auto'],
        [2, 'delete', 'auto'],
        [3, 'archive', 'auto'],
        [4, 'rerun', 'manual'],
      ],
    );
    assert.match(p.steps[1].what, /delete DAG train_pipeline_0+7 from Airflow's database .*GET → 404/);
    assert.match(p.steps[1].note ?? '', /DAG file \/dags\/train_pipeline_0+7\.zip stays .*next parse, unpaused/);
    assert.match(p.steps[2].what, /archive the record rec-1/);
    assert.equal(p.steps[2].where, 'ZenML on zen');
    assert.match(p.steps[3].byHand, /train_pipeline\.with_options\(schedule=Schedule\(cron_expression="30 4 \* \* 1-5"\)\)\(\)/);
    assert.equal(p.before.expression, '0 3 * * *');
    assert.equal(p.after.expression, '30 4 * * 1-5');
    assert.equal(p.after.timeZone, 'UTC');
    assert.equal(p.after.dialect, 'airflow');
    assert.deepEqual(
      p.after.nextRuns.map((d) => d.toISOString()),
      ['2026-03-02T04:30:00.000Z', '2026-03-03T04:30:00.000Z', '2026-03-04T04:30:00.000Z'],
    );
    assert.equal(p.before.nextRuns[0].toISOString(), '2026-03-01T03:00:00.000Z');
    const diff = diffLines(p);
    assert.ok(diff.includes('- expression: 0 3 * * *') && diff.includes('+ expression: 30 4 * * 1-5'), diff.join('\n'));
    assert.ok(diff.includes('  time zone: UTC'), 'an unchanged line is not marked');
    assert.match(planText(p), /1\. \[here\] af: pause .*\n.*2\. \[here\] af: delete DAG/s);
    assert.match(planMarkdown(p), /```diff\n- expression: 0 3 \* \* \*\n\+ expression: 30 4 \* \* 1-5/);
  });

  it('a re-run target (file + interpreter) makes step 4 automatic, with the command to finish by hand', () => {
    const r = planRecreate({ schedule: airflowRow(), adapter: airflow(), zenml: zenml(), cron: '30 4 * * *', now: NOW, rerun: { file: '/w/train.py', python: '/venv/bin/python' } });
    assert.ok(r.ok);
    assert.equal(r.plan.steps[3].mode, 'auto');
    assert.equal(r.plan.rerunCommand, '/venv/bin/python /w/train.py');
    assert.match(r.plan.steps[3].byHand, /\(\/venv\/bin\/python \/w\/train\.py\)$/);
    const untrusted = planRecreate({ schedule: airflowRow(), adapter: airflow(), zenml: zenml(), cron: '30 4 * * *', now: NOW, rerun: { file: '/w/train.py', python: 'py', unavailable: 'the folder is not trusted' } });
    assert.ok(untrusted.ok);
    assert.equal(untrusted.plan.steps[3].mode, 'manual');
    assert.match(untrusted.plan.steps[3].byHand, /not done here: the folder is not trusted/);
  });

  it('checks the cron in the row dialect, refuses the same schedule and a row without a pipeline', () => {
    const bad = planRecreate({ schedule: airflowRow(), adapter: airflow(), zenml: null, cron: '61 * * * *', now: NOW });
    assert.ok(!bad.ok);
    assert.equal(bad.code, 'invalid-cron');
    assert.match(bad.message, /not a valid airflow cron expression/);
    const same = planRecreate({ schedule: airflowRow(), adapter: airflow(), zenml: null, cron: ' 0 3 * * * ', now: NOW });
    assert.ok(!same.ok && same.code === 'same-schedule');
    const inFile = planRecreate({ schedule: airflowRow({ changes: { operations: ['pause', 'resume'], pauseStopsRuns: true, fileEdit: { operations: ['update'], path: '.github/workflows/nightly.yml', format: 'github-workflow', entry: 0 } } }), adapter: airflow(), zenml: null, cron: '0 4 * * *', now: NOW });
    assert.ok(!inFile.ok && inFile.code === 'edit-in-file', JSON.stringify(inFile));
    const none = planRecreate({ schedule: airflowRow({ pipeline: null, match: { madeByZenml: false } }), adapter: airflow(), zenml: null, cron: '0 4 * * *', now: NOW });
    assert.ok(!none.ok && none.code === 'no-pipeline');
    // Kubeflow reads six fields seconds first: a seven-field Quartz-like expression is refused there.
    const kfp = new KubeflowAdapter({ name: 'kfp', url: 'http://127.0.0.1:9' });
    const k = planRecreate({ schedule: airflowRow({ orchestrator: 'kubeflow', expression: '0 0 3 * * *' }), adapter: kfp, zenml: null, cron: '0 0 4 * * ? 2027', now: NOW });
    assert.ok(!k.ok && k.code === 'invalid-cron', JSON.stringify(k));
  });

  it('no ZenML connection: the archive is by hand; no record matched: no archive step and a warning', () => {
    const r = planRecreate({ schedule: airflowRow(), adapter: airflow(), zenml: null, cron: '0 4 * * *', now: NOW });
    assert.ok(r.ok);
    assert.equal(r.plan.steps[2].mode, 'manual');
    assert.match(r.plan.steps[2].byHand, /zenml pipeline schedule delete rec-1/);
    const orphan = planRecreate({ schedule: airflowRow({ zenmlId: null }), adapter: airflow(), zenml: zenml(), cron: '0 4 * * *', now: NOW });
    assert.ok(orphan.ok);
    assert.deepEqual(orphan.plan.steps.map((s) => s.kind), ['pause', 'delete', 'rerun']);
    assert.match(orphan.plan.warnings.join(' '), /No ZenML record was matched/);
  });

  it('a ZenML record whose orchestrator is not connected: pause and delete are by hand, the archive is here', () => {
    const record = airflowRow({ id: 'rec-9', name: 'nightly', zenmlId: null, changes: { operations: [], pauseStopsRuns: false } });
    const z = zenml();
    const r = planRecreate({ schedule: record, adapter: z, zenml: null, cron: '0 4 * * *', now: NOW });
    assert.ok(r.ok);
    assert.deepEqual(r.plan.steps.map((s) => [s.kind, s.mode]), [['pause', 'manual'], ['delete', 'manual'], ['archive', 'auto'], ['rerun', 'manual']]);
    assert.match(r.plan.steps[0].where, /airflow \(not connected\)/);
    assert.equal(r.plan.zenmlId, 'rec-9');
  });
});

describe('recreate: the executor with the Kubeflow adapter on the loopback KFP server', () => {
  let server: KubeflowServer;
  let kfp: KubeflowAdapter;
  let closedPort: number;
  let n = 0;

  before(async () => {
    server = await startKubeflowServer();
    kfp = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => ({ token: 'kfp-token' }), now: () => NOW });
    closedPort = await freePort();
  });
  after(async () => server?.close());

  let row: LiveSchedule;
  beforeEach(async () => {
    n++;
    const exp = server.seedExperiment(`train${n}`, NS);
    const made = server.seedRecurringRun({ display_name: `train${n}_${HEX(n)}`, experiment_id: exp, trigger: { cron_schedule: { cron: '0 0 3 * * *' } }, ...SPEC });
    const got = await kfp.get(made.recurring_run_id as string);
    assert.ok(got.ok, JSON.stringify(got));
    row = { ...got.value, zenmlId: 'rec-1' };
  });

  function plan(extra: { zenmlUrl?: string } = {}): RecreatePlan {
    const r = planRecreate({ schedule: row, adapter: kfp, zenml: zenml(extra.zenmlUrl ?? `http://127.0.0.1:${closedPort}`), cron: '0 30 4 * * *', now: NOW });
    assert.ok(r.ok, JSON.stringify(r));
    return r.plan;
  }

  it('planning sends nothing to the server', () => {
    const before = server.requests.length;
    const p = plan();
    assert.equal(server.requests.length, before);
    assert.deepEqual(p.steps.map((s) => [s.kind, s.mode]), [['pause', 'auto'], ['delete', 'auto'], ['archive', 'auto'], ['rerun', 'manual']]);
    assert.equal(p.after.dialect, 'kubeflow');
  });

  it('runs pause and delete (each read back on the server), stops when the archive fails, and says how to finish', async () => {
    const p = plan();
    const id = row.id;
    const seen: string[] = [];
    const result = await executeRecreate(p, { adapter: kfp, zenml: zenml(`http://127.0.0.1:${closedPort}`), onProgress: (s, status) => seen.push(`${s.n}:${status}`) });
    assert.equal(server.recurringRuns.has(id), false, 'the recurring run is gone from the server');
    assert.ok(server.requests.some((r) => r.method === 'POST' && r.path.endsWith(`${id}:disable`) && r.status === 200), 'paused first');
    assert.ok(server.requests.some((r) => r.method === 'DELETE' && r.path.endsWith(id) && r.status === 200), 'then deleted');
    assert.deepEqual(
      result.outcomes.map((o) => [o.n, o.status]),
      [
        [1, 'done'],
        [2, 'done'],
        [3, 'failed'],
        [4, 'not-run'],
      ],
    );
    assert.deepEqual(seen, ['1:running', '1:done', '2:running', '2:done', '3:running', '3:failed']);
    assert.equal(result.state, 'partial');
    assert.equal(result.outcomes[2].error?.code, 'unreachable');
    assert.match(result.words, /^done: 1,2; failed: 3 because zen: .*; to finish by hand: 3\. zenml pipeline schedule delete rec-1; 4\. change the code to train\d+\.with_options/);
    assert.ok(result.report.changed.length >= 2);
    assert.ok(result.report.unchanged.some((u) => /step 3 failed/.test(u.why)));
    assert.ok(result.report.unchanged.some((u) => /step 4 not run/.test(u.why)));
  });

  it('a failure at step 1 stops everything: nothing is deleted', async () => {
    const p = { ...plan(), scheduleId: 'no-such-recurring-run' };
    const deletesBefore = server.requests.filter((r) => r.method === 'DELETE').length;
    const result = await executeRecreate(p, { adapter: kfp, zenml: zenml() });
    assert.deepEqual(result.outcomes.map((o) => o.status), ['failed', 'not-run', 'not-run', 'not-run']);
    assert.equal(result.state, 'failed');
    assert.equal(server.requests.filter((r) => r.method === 'DELETE').length, deletesBefore);
    assert.ok(server.recurringRuns.has(row.id), 'the real one is untouched');
    assert.match(result.words, /^done: none; failed: 1 because /);
  });

  it('the re-run step: ZenML storing another cron is a failure; a success is read back where it fires', async () => {
    const p0 = planRecreate({ schedule: { ...row, zenmlId: null }, adapter: kfp, zenml: null, cron: '0 30 4 * * *', now: NOW, rerun: { file: '/w/p.py', python: 'py' } });
    assert.ok(p0.ok);
    const created = (cron: string) => ({ ok: true as const, zenmlVersion: '0.98.0', stack: 's', orchestrator: { name: 'kf', flavor: 'kubeflow' }, schedule: { id: 'new-1', name: 'n', active: true, cronExpression: cron, runMetadata: {}, orchestratorId: null } });
    const asked: unknown[] = [];
    const wrong = await executeRecreate(p0.plan, { adapter: kfp, zenml: null, rerun: async (s) => (asked.push(s), created('0 0 5 * * *')) });
    assert.deepEqual(asked, [{ cron_expression: '0 30 4 * * *' }]);
    assert.equal(wrong.outcomes[2].status, 'failed');
    assert.match(wrong.words, /failed: 3 because ZenML stored '0 0 5 \* \* \*' instead of '0 30 4 \* \* \*'/);

    // A success: the new recurring run is on the server (as ZenML would make it), so the read-back finds it.
    const exp = server.seedExperiment(row.pipeline!, NS);
    const nextRow = { ...row };
    server.seedRecurringRun({ display_name: `${row.pipeline}_${HEX(999)}`, experiment_id: exp, trigger: { cron_schedule: { cron: '0 30 4 * * *' } }, ...SPEC });
    const seed = server.seedRecurringRun({ display_name: `${row.pipeline}_${HEX(998)}`, experiment_id: exp, trigger: { cron_schedule: { cron: '0 0 3 * * *' } }, ...SPEC });
    const p1 = planRecreate({ schedule: { ...nextRow, id: seed.recurring_run_id as string, zenmlId: null }, adapter: kfp, zenml: null, cron: '0 30 4 * * *', now: NOW, rerun: { file: '/w/p.py', python: 'py' } });
    assert.ok(p1.ok);
    const good = await executeRecreate(p1.plan, { adapter: kfp, zenml: null, rerun: async () => created('0 30 4 * * *') });
    assert.equal(good.state, 'done', good.words);
    assert.ok(good.report.changed.some((c) => /listed with '0 30 4 \* \* \*' \(read back\)/.test(c.what)), JSON.stringify(good.report));
    assert.equal(good.created?.id, 'new-1');
  });

  describe('CLI: schedules recreate', () => {
    let dir: string;
    let file: string;
    const env = { KFP_TOKEN: 'kfp-token' };
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recreate-cli-'));
      file = path.join(dir, 'connections.json');
      fs.writeFileSync(file, JSON.stringify([{ name: 'kf', type: 'kubeflow', url: server.url, namespace: NS, tokenEnv: 'KFP_TOKEN' }]));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('without --yes prints the plan and the diff, changes nothing, exits 0', async () => {
      const before = server.requests.filter((r) => r.method !== 'GET').length;
      const io = memoryIo(NOW);
      const code = await runSchedules(['recreate', row.id, '--cron', '0 30 4 * * *', '--connections', file], io, { env });
      assert.equal(code, 0, io.err + io.out);
      assert.match(io.out, /1\. \[here\] kf: pause/);
      assert.match(io.out, /- expression: 0 0 3 \* \* \*\n\+ expression: 0 30 4 \* \* \*/);
      assert.match(io.out, /Nothing was changed\. Run again with --yes/);
      assert.equal(server.requests.filter((r) => r.method !== 'GET').length, before);
      assert.equal(server.recurringRuns.get(row.id)?.mode, 'ENABLE');
    });

    it('--json without --yes: the plan in JSON, empty changed/unchanged', async () => {
      const io = memoryIo(NOW);
      assert.equal(await runSchedules(['recreate', row.id, '--cron', '0 30 4 * * *', '--connections', file, '--json'], io, { env }), 0, io.err);
      const out = JSON.parse(io.out);
      assert.deepEqual(out.changed, []);
      assert.deepEqual(out.unchanged, []);
      assert.equal(out.plan.after.expression, '0 30 4 * * *');
      assert.equal(out.plan.after.nextRuns[0], '2026-03-01T04:30:00Z');
      assert.deepEqual(out.plan.steps.map((s: { kind: string }) => s.kind), ['pause', 'delete', 'rerun']);
    });

    it('--yes carries it out: partial (the re-run is by hand without --file) → exit 1 with the finish-by-hand text', async () => {
      const io = memoryIo(NOW);
      const code = await runSchedules(['recreate', row.id, '--cron', '0 30 4 * * *', '--connections', file, '--yes', '--json'], io, { env });
      assert.equal(code, 1, io.err + io.out);
      const out = JSON.parse(io.out);
      assert.equal(out.state, 'partial');
      assert.ok(out.changed.length >= 2, io.out);
      assert.ok(out.unchanged.some((u: { why: string }) => /not done here: change the code/.test(u.why)), io.out);
      assert.match(out.words, /^done: 1,2; to finish by hand: 3\. change the code/);
      assert.equal(server.recurringRuns.has(row.id), false);
    });

    it('usage: --cron is required, --file only with recreate, an invalid cron exits 1 with the dialect message', async () => {
      await assert.rejects(runSchedules(['recreate', row.id, '--connections', file], memoryIo(NOW), { env }), /needs --cron EXPR/);
      await assert.rejects(runSchedules(['pause', row.id, '--file', 'x.py', '--connections', file], memoryIo(NOW), { env }), /--file goes with schedules recreate/);
      const io = memoryIo(NOW);
      assert.equal(await runSchedules(['recreate', row.id, '--cron', '99 * * * * *', '--connections', file], io, { env }), 1);
      assert.match(io.err, /not a valid kubeflow cron expression/);
    });
  });
});

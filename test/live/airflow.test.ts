// The Airflow adapter (issue 11) against the real Airflow 3.3 and the real Airflow 2.10 from PyPI
// (test/live/airflow-server.ts: each started once for this file, in its own process group, killed as a
// group at the end), with DAGs made the way ZenML's Airflow orchestrator makes them. Every change is
// checked through Airflow's own REST API, not through the adapter. Then the CLI with an airflow
// connection, and the shared fault table in front of each server.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AirflowAdapter } from '../../src/adapters/airflow';
import type { LiveSchedule, ScheduleAdapter } from '../../src/adapters/types';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { refreshAll, refreshSource } from '../../src/workspace/liveModel';
import { mergeLiveGroups } from '../../src/workspace/liveMerge';
import { executeRecreate, planRecreate } from '../../src/workspace/recreate';
import { createScheduleNow } from '../../src/zenml/createRun';
import { SERVER_VENV_PYTHON } from './env';
import { createScheduleRecord, readScheduleRecord, startZenmlServer, type SeededServer } from './zenml-server';
import { runPython } from './zenmlServer';
import { startAirflow, type LiveAirflow } from './airflow-server';
import { runFaultTable, type ErrorBody } from './fault-table';

const log = (line: string) => process.stderr.write(`# ${line}\n`);

// One start of each per run (the Airflow 3 tests start Airflow 2 beside them: the setup steps are mostly
// waiting on SQLite and imports); the guided recreate at the end uses the same Airflow 3.
const started: Partial<Record<2 | 3, Promise<LiveAirflow>>> = {};
function server(major: 2 | 3): Promise<LiveAirflow> {
  if (!started[major]) {
    started[major] = startAirflow(major, log);
    // A failed start is reported by the tests that wait for it, not as an unhandled rejection.
    started[major].catch(() => undefined);
  }
  return started[major];
}

after(async () => {
  for (const major of [3, 2] as const) {
    const s = await started[major]?.catch(() => null);
    if (s) {
      log(`airflow ${major} (${s.version}) timings: ${JSON.stringify(s.timings)}`);
      await s.stop();
    }
  }
});

const adapterFor = (s: LiveAirflow, password = s.password, extra: Partial<ConstructorParameters<typeof AirflowAdapter>[0]> = {}) =>
  new AirflowAdapter({ name: `airflow${s.major}`, url: s.url, credentials: async () => ({ username: s.username, password }), timeoutMs: 60_000, ...extra });

async function isPaused(s: LiveAirflow, dagId: string): Promise<boolean> {
  const res = await s.rest('GET', `/dags/${dagId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(typeof res.body.is_paused, 'boolean', JSON.stringify(res.body));
  return res.body.is_paused === true;
}

for (const major of [3, 2] as const) {
  describe(`Airflow ${major} (real, from PyPI)`, { timeout: 1_800_000 }, () => {
    let s: LiveAirflow;
    let a: AirflowAdapter;
    let train: string;
    let etl: string;

    before(async () => {
      if (major === 3) void server(2);
      s = await server(major);
      a = adapterFor(s);
      train = s.zenmlDags[0].dagId;
      etl = s.zenmlDags[1].dagId;
    });

    it('detects the API version from the server', async () => {
      const api = await a.detect();
      assert.ok(api.ok, JSON.stringify(api));
      assert.equal(api.value.major, major);
      assert.equal(api.value.prefix, major === 3 ? '/api/v2' : '/api/v1');
      assert.equal(api.value.version, s.version);
      assert.match(s.version, major === 3 ? /^3\./ : /^2\.10\./);
    });

    it("lists the DAGs ZenML made (and all of them on includeAll), with schedule, next run, pause state and the match hook", async () => {
      const listed = await a.list();
      assert.ok(listed.ok, JSON.stringify(listed));
      assert.deepEqual(listed.value.items.map((d) => d.id).sort(), [etl, train].sort());
      const t = listed.value.items.find((d) => d.id === train)!;
      assert.equal(t.pipeline, 'train_pipeline');
      assert.equal(t.orchestrator, 'airflow');
      assert.equal(t.kind, 'cron');
      assert.equal(t.expression, '0 3 * * *');
      assert.equal(t.state, 'active', 'ZenML creates its DAGs unpaused (is_paused_upon_creation=False)');
      assert.equal(t.catchup, false);
      assert.equal(t.startTime?.toISOString(), '2026-01-01T00:00:00.000Z');
      assert.equal(t.timeZone, 'UTC');
      assert.deepEqual(t.match, { madeByZenml: true, pipeline: 'train_pipeline', nativeName: train });
      assert.match(t.details['next run after'] ?? '', /^\d{4}-\d\d-\d\dT03:00:00Z$/);
      assert.deepEqual(t.changes?.operations, ['pause', 'resume']);
      assert.equal(t.changes?.pauseStopsRuns, true);
      assert.equal(listed.value.items.find((d) => d.id === etl)!.expression, '*/30 6-18 * * 1-5');

      const all = await a.list({ includeAll: true });
      assert.ok(all.ok, JSON.stringify(all));
      const hand = all.value.items.find((d) => d.id === s.handDagId);
      assert.ok(hand, 'the hand-written DAG is listed with includeAll');
      assert.equal(hand.match?.madeByZenml, false);
      assert.equal(hand.pipeline, null);
      assert.equal(hand.kind, 'interval');
      assert.equal(hand.intervalSeconds, 6 * 3600);
    });

    it('pages with limit/offset: one DAG a page walks all three', async () => {
      const seen: string[] = [];
      let page: string | undefined;
      for (let i = 0; i < 10; i++) {
        const res = await a.list({ includeAll: true, pageSize: 1, page });
        assert.ok(res.ok, JSON.stringify(res));
        assert.ok(res.value.items.length <= 1);
        seen.push(...res.value.items.map((d) => d.id));
        page = res.value.next;
        if (!page) break;
      }
      assert.deepEqual(seen.sort(), [etl, train, s.handDagId].sort());
    });

    it("pauses and unpauses, each read back through Airflow's own API", async () => {
      assert.equal(await isPaused(s, train), false);
      const paused = await a.pause(train);
      assert.ok(paused.ok, JSON.stringify(paused));
      assert.equal(paused.value.changed.length, 1, JSON.stringify(paused.value));
      assert.equal(await isPaused(s, train), true);
      assert.equal(paused.value.after?.state, 'paused');
      assert.equal(await isPaused(s, etl), false, 'only the one DAG changed');

      const again = await a.pause(train);
      assert.ok(again.ok);
      assert.deepEqual(again.value.changed, []);
      assert.match(again.value.unchanged[0].why, /already paused/);

      const resumed = await a.resume(train);
      assert.ok(resumed.ok, JSON.stringify(resumed));
      assert.equal(resumed.value.changed.length, 1);
      assert.equal(await isPaused(s, train), false);
      assert.equal(resumed.value.after?.state, 'active');
    });

    it('refuses update, create and delete with the reason, and changes nothing', async () => {
      const before = await s.rest('GET', `/dags/${train}`);
      const update = await a.update(train, { expression: '0 4 * * *' });
      assert.ok(!update.ok);
      assert.equal(update.error.code, 'unsupported');
      assert.match(update.error.message, /DAG file/);
      assert.match(update.error.message, /Recreate with a New Schedule…/);
      const create = await a.create({ pipeline: 'train_pipeline', expression: '0 4 * * *' });
      assert.ok(!create.ok);
      assert.equal(create.error.code, 'unsupported');
      assert.match(create.error.message, /DAG file/);
      const del = await a.delete(train, { purge: true });
      assert.ok(!del.ok);
      assert.equal(del.error.code, 'unsupported');
      assert.match(del.error.message, /registers it again/);
      const afterRead = await s.rest('GET', `/dags/${train}`);
      assert.equal(afterRead.status, 200, 'the DAG is still there');
      assert.equal(afterRead.body.is_paused, before.body.is_paused);
      assert.equal(afterRead.body.timetable_summary ?? afterRead.body.schedule_interval?.value, '0 3 * * *');
    });

    it('a wrong password is unauthorized; no credentials is unauthorized; an unknown DAG is not-found', async () => {
      const wrong = await adapterFor(s, 'not-the-password').list();
      assert.ok(!wrong.ok);
      assert.equal(wrong.error.code, 'unauthorized');
      assert.match(wrong.error.message, /refused the user name and password/);
      const none = await new AirflowAdapter({ name: 'anon', url: s.url }).list();
      assert.ok(!none.ok);
      assert.equal(none.error.code, 'unauthorized');
      for (const call of [() => a.get('no_such_dag'), () => a.pause('no_such_dag'), () => a.resume('no_such_dag'), () => a.runs('no_such_dag')]) {
        const r = await call();
        assert.ok(!r.ok);
        assert.equal(r.error.code, 'not-found');
        assert.match(r.error.message, /has no DAG 'no_such_dag'/);
      }
    });

    it('runs and health: a failed run makes the DAG failing; a DAG that never ran since its start is silent', async () => {
      const made = await s.rest('POST', `/dags/${train}/dagRuns`, major === 3 ? { logical_date: null } : {});
      assert.ok(made.status === 200 || made.status === 201, JSON.stringify(made.body));
      const runId = String(made.body.dag_run_id);
      const failed = await s.rest('PATCH', `/dags/${train}/dagRuns/${encodeURIComponent(runId)}`, { state: 'failed' });
      assert.equal(failed.status, 200, JSON.stringify(failed.body));
      const runs = await a.runs(train);
      assert.ok(runs.ok, JSON.stringify(runs));
      assert.equal(runs.value[0].id, runId);
      assert.equal(runs.value[0].status, 'failed');
      assert.equal(runs.value[0].scheduleId, train);
      const group = await refreshSource(a, { now: new Date(), timeoutMs: 60_000 });
      assert.equal(group.error, null, JSON.stringify(group.error));
      const byId = new Map(group.rows.map((r) => [r.schedule.id, r]));
      assert.equal(byId.get(train)?.health.health, 'failing', JSON.stringify(byId.get(train)?.health));
      assert.equal(byId.get(etl)?.health.health, 'silent', JSON.stringify(byId.get(etl)?.health));
      assert.equal(byId.get(train)?.dialect, 'airflow');
    });

    if (major === 3) {
      it('Airflow 3: a refused (expired) JWT is replaced by one new login, once', async () => {
        let logins = 0;
        const counting = adapterFor(s, s.password, {
          fetch: (input, init) => {
            if (String(input).endsWith('/auth/token')) logins++;
            return fetch(input, init);
          },
        });
        assert.ok((await counting.list()).ok);
        assert.equal(logins, 1);
        assert.ok((await counting.list()).ok);
        assert.equal(logins, 1, 'the token is reused');
        (counting as unknown as { token: string }).token = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJhZG1pbiJ9.expired';
        const again = await counting.list();
        assert.ok(again.ok, JSON.stringify(again));
        assert.equal(logins, 2, 'one new login after the refusal');
      });
    }

    it('the CLI: schedules list/pause/resume --connections FILE with an airflow connection (secrets from the env vars it names)', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-airflow-cli-'));
      try {
        const file = path.join(dir, 'connections.json');
        fs.writeFileSync(file, JSON.stringify([{ name: 'af', type: 'airflow', url: s.url, usernameEnv: 'AF_USER', passwordEnv: 'AF_PASS' }]));
        const deps = { env: { AF_USER: s.username, AF_PASS: s.password }, timeoutMs: 60_000 };
        let io = memoryIo();
        assert.equal(await runSchedules(['list', '--connections', file, '--json'], io, deps), 0, io.err + io.out);
        const listed = JSON.parse(io.out);
        const row = listed.schedules.find((r: { id: string }) => r.id === etl);
        assert.ok(row, io.out);
        assert.equal(row.source, 'af');
        assert.equal(row.orchestrator, 'airflow');
        assert.equal(row.expression, '*/30 6-18 * * 1-5');
        assert.equal(row.dialect, 'airflow');
        assert.deepEqual(listed.errors, []);

        io = memoryIo();
        assert.equal(await runSchedules(['pause', etl, '--connections', file, '--json'], io, deps), 0, io.err + io.out);
        assert.match(JSON.parse(io.out).changed[0].where, new RegExp(`DAG ${etl}`));
        assert.equal(await isPaused(s, etl), true);

        io = memoryIo();
        assert.equal(await runSchedules(['resume', etl, '--connections', file], io, deps), 0, io.err + io.out);
        assert.equal(await isPaused(s, etl), false);

        io = memoryIo();
        assert.equal(await runSchedules(['update', etl, '--cron', '0 5 * * *', '--connections', file], io, deps), 1, io.err + io.out);
        assert.match(io.err + io.out, /DAG file/);

        io = memoryIo();
        const wrong = { ...deps, env: { AF_USER: s.username, AF_PASS: 'wrong' } };
        assert.equal(await runSchedules(['pause', etl, '--connections', file], io, wrong), 3, io.err + io.out);
        assert.equal(await isPaused(s, etl), false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

// ---- the shared fault table, in front of each real server --------------------------------------

/** Airflow's error bodies: Airflow 3 (FastAPI) `{"detail"}`; Airflow 2 (connexion) problem JSON. */
const airflowErrorBody =
  (major: 2 | 3): ErrorBody =>
  (status, reason) =>
    major === 3 ? { detail: `injected ${status} ${reason}` } : { detail: `injected ${status} ${reason}`, status, title: reason, type: 'about:blank' };

for (const major of [3, 2] as const) {
  let s: LiveAirflow;
  runFaultTable({
    name: `Airflow ${major} adapter`,
    async upstream() {
      s = await server(major);
      return s.url;
    },
    // The version probe and the login pass; every data call gets the fault.
    faultPath: /^\/api\/v[12]\/dags/,
    makeAdapter: (url): ScheduleAdapter => new AirflowAdapter({ name: 'faulty', url, credentials: async () => ({ username: s.username, password: s.password }) }),
    errorBody: airflowErrorBody(major),
    operations: [
      { name: 'list', call: (a, o) => a.list(o) },
      { name: 'get', call: (a, o) => a.get(s.zenmlDags[0].dagId, o) },
      { name: 'pause', call: (a, o) => a.pause(s.zenmlDags[0].dagId, o) },
      { name: 'resume', call: (a, o) => a.resume(s.zenmlDags[0].dagId, o) },
      { name: 'runs', call: (a, o) => a.runs!(s.zenmlDags[0].dagId, o) },
    ],
  });
}

// ---- guided recreate (issue 15 §2) on the same Airflow 3, with a real ZenML 0.98 server --------------
// Two ZenML-made DAGs, each with its ZenML record (merged into one row by ZenML's naming rules). The plan
// changes nothing; then pause + DELETE read back on Airflow, the record archived read back on ZenML, and
// the re-run through ZenML's own client on a stack with the seeded Airflow orchestrator (local=True,
// `dag_output_dir` = this Airflow's DAGs folder): without skip_build ZenML stops at the Docker image build
// (no Docker here) and the executor reports step 4 failed; with skip_build + a parent image ZenML writes
// the new DAG file, which Airflow lists after its next parse.

const RECREATE_STACK = `
import json
from zenml.client import Client
from zenml.enums import StackComponentType as T
from zenml.models import PipelineRequest
c = Client()
c.create_stack(name="airflow-stack", components={T.ORCHESTRATOR: "airflow", T.ARTIFACT_STORE: "default"})
c.activate_stack("airflow-stack")
ids = {n: str(c.zen_store.create_pipeline(PipelineRequest(name=n, project=c.active_project.id)).id) for n in ("nightly_pipeline", "hourly_pipeline")}
print(json.dumps(ids))
`;

const RECREATE_PIPELINE = (name: string, dags: string, docker: string, operator = '') => `from zenml import pipeline, step
from zenml.config import DockerSettings


@step
def hello() -> int:
    return 1


@pipeline(settings={"docker": DockerSettings(${docker}), "orchestrator.airflow": {"dag_output_dir": ${JSON.stringify(dags)}${operator ? `, "operator": ${JSON.stringify(operator)}` : ''}}})
def ${name}():
    hello()
`;

describe('guided recreate on Airflow 3 (real) with a real ZenML record', { timeout: 1_800_000 }, () => {
  let s: LiveAirflow;
  let zenml: SeededServer;
  let a: AirflowAdapter;
  let z: ZenmlServerAdapter;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const dags: Record<'nightly' | 'hourly', { dagId: string; record: string; file: string }> = {} as never;
  const output: string[] = [];

  before(async () => {
    [s, zenml] = await Promise.all([server(3), startZenmlServer()]);
    a = adapterFor(s);
    z = new ZenmlServerAdapter({ name: 'zen', url: zenml.url, credentials: async () => ({ apiKey: zenml.apiKey }), timeoutMs: 60_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recreate-airflow-'));
    env = { ...process.env, ZENML_STORE_URL: zenml.url, ZENML_STORE_API_KEY: zenml.apiKey, ZENML_CONFIG_PATH: path.join(dir, 'zenml-config'), ZENML_ANALYTICS_OPT_IN: 'false' };
    const script = path.join(dir, 'make_stack.py');
    fs.writeFileSync(script, RECREATE_STACK);
    const made = await runPython([script], env, 300_000);
    assert.equal(made.code, 0, made.stderr.slice(-3000));
    const pipelines = JSON.parse(made.stdout.trim().split('\n').pop()!) as Record<string, string>;
    // The second one also names Airflow's EmptyOperator, as the harness's own DAGs do: ZenML's default
    // DockerOperator needs apache-airflow-providers-docker, which this Airflow does not have (the DAG
    // would not import). No container runs either way: the test reads schedules, it starts no runs.
    for (const [key, cron, docker, operator] of [
      ['nightly', '0 3 * * *', '', ''],
      ['hourly', '15 * * * *', 'skip_build=True, parent_image="python:3.11-slim"', 'airflow.providers.standard.operators.empty.EmptyOperator'],
    ] as const) {
      const dag = await s.writeZenmlDag(`${key}_pipeline`, cron);
      const record = await createScheduleRecord(zenml, { name: `${key}-schedule`, cron, orchestratorId: zenml.airflowId, pipelineId: pipelines[`${key}_pipeline`] });
      const file = path.join(dir, `${key}.py`);
      fs.writeFileSync(file, RECREATE_PIPELINE(`${key}_pipeline`, s.dagsFolder, docker, operator));
      dags[key] = { dagId: dag.dagId, record: record.id, file };
    }
    await s.reparse();
  });

  after(async () => {
    await zenml?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The merged row (orchestrator schedule + ZenML record), as the tree and the CLI build it. */
  async function row(dagId: string): Promise<LiveSchedule> {
    const merged = mergeLiveGroups(await refreshAll([a, z], { now: new Date() }));
    const found = merged.groups.flatMap((g) => g.rows).find((r) => r.schedule.id === dagId);
    assert.ok(found, `DAG ${dagId} is not listed`);
    return found.schedule;
  }

  const rerunWith = (file: string, pipeline: string) => (schedule: Record<string, unknown>, o: { signal?: AbortSignal }) =>
    createScheduleNow({ pythonPath: SERVER_VENV_PYTHON, cwd: dir, env, file, pipeline, schedule, signal: o.signal, timeoutMs: 600_000, onStderr: (c) => output.push(c) });

  it('the plan is data: four steps and the diff, and nothing changes on Airflow or ZenML', async () => {
    const d = dags.nightly;
    const schedule = await row(d.dagId);
    assert.equal(schedule.zenmlId, d.record, 'the DAG and its record are one row');
    const planned = planRecreate({ schedule, adapter: a, zenml: z, cron: '30 4 * * *', now: new Date(), rerun: { file: d.file, python: SERVER_VENV_PYTHON } });
    assert.ok(planned.ok, JSON.stringify(planned));
    assert.deepEqual(planned.plan.steps.map((x) => [x.kind, x.mode]), [['pause', 'auto'], ['delete', 'auto'], ['archive', 'auto'], ['rerun', 'auto']]);
    assert.match(planned.plan.steps[1].note ?? '', new RegExp(`${d.dagId}\\.zip stays`));
    assert.equal(planned.plan.after.timeZone, 'UTC');
    assert.equal(await isPaused(s, d.dagId), false, 'still unpaused after planning');
    // The orchestrator step refuses to delete a DAG that is not paused (the executor pauses first).
    const early = await a.deleteForRecreate(d.dagId);
    assert.ok(!early.ok && early.error.code === 'conflict', JSON.stringify(early));
    assert.equal((await s.rest('GET', `/dags/${d.dagId}`)).status, 200);
    assert.equal((await readScheduleRecord(zenml, d.record)).archived, false);
  });

  it('pause + delete read back on Airflow, the record archived on ZenML, then the re-run stops at the Docker build and is reported as failed', async (t) => {
    const d = dags.nightly;
    const planned = planRecreate({ schedule: await row(d.dagId), adapter: a, zenml: z, cron: '30 4 * * *', now: new Date(), rerun: { file: d.file, python: SERVER_VENV_PYTHON } });
    assert.ok(planned.ok);
    output.length = 0;
    const result = await executeRecreate(planned.plan, { adapter: a, zenml: z, rerun: rerunWith(d.file, 'nightly_pipeline') });
    t.diagnostic(`result: ${result.words}`);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['done', 'done', 'done', 'failed'], result.words);
    // Read back through Airflow's and ZenML's own REST APIs, not through the adapters.
    assert.equal((await s.rest('GET', `/dags/${d.dagId}`)).status, 404, 'the DAG is gone from Airflow');
    assert.ok(fs.existsSync(path.join(s.dagsFolder, `${d.dagId}.zip`)), 'its file is still in the DAGs folder');
    const record = await readScheduleRecord(zenml, d.record);
    assert.equal(record.archived, true);
    assert.equal(record.active, false);
    // Step 4: ZenML refuses without an image build (the Airflow orchestrator runs each step in a container).
    assert.match(result.words, /failed: 4 because ZenML did not create the new schedule \(run-failed\): ZenML could not create the schedule: .*[Dd]ocker/s);
    assert.equal(result.state, 'partial');
    assert.match(result.words, /to finish by hand: 2\. DAG file .*remove the file; 4\. change the code to nightly_pipeline\.with_options/);
    assert.equal(fs.readdirSync(s.dagsFolder).filter((f) => f.startsWith('nightly_pipeline_')).length, 1, 'no new DAG file was written');
  });

  it('with skip_build ZenML writes the new DAG: read back from ZenML, listed by Airflow after its next parse; the old DAG file comes back unpaused until removed', async (t) => {
    const d = dags.hourly;
    const planned = planRecreate({ schedule: await row(d.dagId), adapter: a, zenml: z, cron: '45 * * * *', now: new Date(), rerun: { file: d.file, python: SERVER_VENV_PYTHON } });
    assert.ok(planned.ok);
    output.length = 0;
    const result = await executeRecreate(planned.plan, { adapter: a, zenml: z, rerun: rerunWith(d.file, 'hourly_pipeline') });
    t.diagnostic(`result: ${result.words}`);
    assert.deepEqual(result.outcomes.map((o) => o.status), ['done', 'done', 'done', 'done'], `${result.words}\n${output.join('').slice(-3000)}`);
    assert.equal(result.created?.cronExpression, '45 * * * *');
    assert.equal((await readScheduleRecord(zenml, result.created!.id)).cron, '45 * * * *');
    assert.equal((await readScheduleRecord(zenml, d.record)).archived, true);
    // No DAG processor runs beside this API server: the new DAG is not listed yet, and the executor says so.
    assert.match(result.words, /the new schedule is not listed yet/);
    assert.equal(result.state, 'partial');
    const written = fs.readdirSync(s.dagsFolder).filter((f) => f.startsWith('hourly_pipeline_') && f !== `${d.dagId}.zip`);
    assert.equal(written.length, 1, `ZenML wrote one new DAG file (have ${fs.readdirSync(s.dagsFolder).join(', ')})`);

    await s.reparse();
    const listed = await a.list();
    assert.ok(listed.ok, JSON.stringify(listed));
    const fresh = listed.value.items.find((x) => x.pipeline === 'hourly_pipeline' && x.id !== d.dagId);
    if (!fresh) {
      const errors = await s.rest('GET', '/importErrors');
      assert.fail(`the new DAG is not listed after the parse; Airflow's import errors: ${JSON.stringify(errors.body).slice(0, 3000)}`);
    }
    assert.equal(fresh.expression, '45 * * * *');
    assert.equal(fresh.id, written[0].replace(/\.zip$/, ''));
    // Why the DAG file is on the finish-by-hand list: the parse registered the deleted DAG again, unpaused.
    const old = await s.rest('GET', `/dags/${d.dagId}`);
    t.diagnostic(`old DAG after the parse: ${old.status} is_paused=${String(old.body.is_paused)}`);
    assert.equal(old.status, 200);
    assert.equal(old.body.is_paused, false);
  });
});

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
import type { ScheduleAdapter } from '../../src/adapters/types';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { refreshSource } from '../../src/workspace/liveModel';
import { startAirflow, type LiveAirflow } from './airflow-server';
import { runFaultTable, type ErrorBody } from './fault-table';

const log = (line: string) => process.stderr.write(`# ${line}\n`);

// One start of each per run, both at once (the setup steps are mostly waiting on SQLite and imports).
let started: Record<2 | 3, Promise<LiveAirflow>> | null = null;
function server(major: 2 | 3): Promise<LiveAirflow> {
  if (!started) {
    started = { 3: startAirflow(3, log), 2: startAirflow(2, log) };
    // A failed start is reported by the tests that wait for it, not as an unhandled rejection.
    started[3].catch(() => undefined);
    started[2].catch(() => undefined);
  }
  return started[major];
}

after(async () => {
  if (!started) return;
  for (const major of [3, 2] as const) {
    const s = await started[major].catch(() => null);
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
      assert.match(update.error.message, /Recreate…/);
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

// The ZenML server adapter, the live model and `zenml-schedules schedules` against a REAL
// ZenML 0.98.0 server (started once for the suite, authentication on). Every change is
// checked afterwards with ZenML's own client (seed.py schedule) or CLI.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { runSchedules } from '../../src/cli/schedules';
import { memoryIo } from '../../src/cli/io';
import { refreshSource } from '../../src/workspace/liveModel';
import { startRewriteProxy } from './rewriteProxy';
import { pythonClientBridge } from '../../src/adapters/zenmlClientBridge';
import { kubeconfigFor, startKubernetesServer, zenmlCronJob, type KubernetesServer } from '../servers/kubernetes';
import { LiveZenmlServer, PYTHON, adminToken, createSchedule, freePort, setCronJobName, venvReady, type SeedData } from './zenmlServer';

type Record_ = { id: string; name: string; active: boolean; cron_expression: string | null; is_archived: boolean | null; missing?: boolean };

describe('ZenML server adapter against a real ZenML 0.98 server', { timeout: 1_800_000 }, () => {
  let server: LiveZenmlServer;
  let seed: SeedData;
  let token: string;
  let kube: KubernetesServer | undefined;
  let kubeconfig = '';
  const ids: Record<string, string> = {};
  const adapter = () => new ZenmlServerAdapter({ name: 'live', url: server.url, credentials: async () => ({ apiKey: seed.apiKey }), pageSize: 10 });

  before(async () => {
    assert.ok(venvReady(), '.tools/zenml-server-venv is missing: run bash test/setup/45-zenml-server-venv.sh');
    server = new LiveZenmlServer(await freePort());
    await server.start();
    seed = await server.seed<SeedData>(['setup']);
    token = await adminToken(server);
    // 24 schedules: enough for three pages of 10.
    for (let i = 0; i < 20; i++) {
      const s = await createSchedule(server, token, {
        name: `af-${String(i).padStart(2, '0')}`,
        project: seed.projectId,
        orchestrator_id: seed.airflowId,
        pipeline_id: seed.pipelines[i % 2 ? 'report' : 'etl'],
        cron_expression: `${i} 2 * * *`,
      });
      ids[s.name] = s.id;
    }
    const k8s = await createSchedule(server, token, { name: 'k8s-nightly', project: seed.projectId, orchestrator_id: seed.kubernetesId, pipeline_id: seed.pipelines.train, cron_expression: '0 3 * * *' });
    ids['k8s-nightly'] = k8s.id;
    await setCronJobName(server, token, seed, k8s.id, 'abcd1234-train');
    const k8sCli = await createSchedule(server, token, { name: 'k8s-cli', project: seed.projectId, orchestrator_id: seed.kubernetesId, pipeline_id: seed.pipelines.report, cron_expression: '15 1 * * *' });
    ids['k8s-cli'] = k8sCli.id;
    await setCronJobName(server, token, seed, k8sCli.id, 'efgh5678-report');
    // The loopback CronJob API server the orchestrator's kubeconfig context points at.
    kube = await startKubernetesServer({ tokens: { 'admin-token': { name: 'admin' } } });
    kube.seed('zenml', zenmlCronJob('abcd1234-train', '0 3 * * *', { pipeline: 'train', orchestratorId: seed.kubernetesId }));
    kube.seed('zenml', zenmlCronJob('efgh5678-report', '15 1 * * *', { pipeline: 'report', orchestratorId: seed.kubernetesId }));
    kubeconfig = path.join(server.dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, kubeconfigFor(kube.url, 'admin-token', 'loopback', 'zenml'));
    const failing = await createSchedule(server, token, { name: 'failing', project: seed.projectId, orchestrator_id: seed.airflowId, pipeline_id: seed.pipelines.train, cron_expression: '0 4 * * *' });
    ids.failing = failing.id;
    const every = await createSchedule(server, token, { name: 'every-5', project: seed.projectId, orchestrator_id: seed.airflowId, pipeline_id: seed.pipelines.etl, cron_expression: '*/5 * * * *' });
    ids['every-5'] = every.id;
    await server.seed(['runs', failing.id, 'completed', 'failed']);
  });

  after(async () => {
    await kube?.close();
    await server?.dispose();
  });

  const bridgeEnv = () => ({ PATH: process.env.PATH, HOME: server.dir, KUBECONFIG: kubeconfig, ZENML_ANALYTICS_OPT_IN: 'false' });
  const k8sAdapter = () =>
    new ZenmlServerAdapter({ name: 'live', url: server.url, credentials: async () => ({ apiKey: seed.apiKey }), clientBridge: pythonClientBridge(PYTHON, bridgeEnv()), timeoutMs: 240_000 });
  const cronJob = (name: string) => kube!.get('zenml', name) as { spec: { suspend: boolean; schedule: string } } | undefined;

  const record = (id: string) => server.seed<Record_>(['schedule', id]);

  it('lists every schedule over several pages, hydrated: pipeline names, orchestrator flavors, CronJob name', async () => {
    const a = adapter();
    const first = await a.list({ pageSize: 10 });
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.value.items.length, 10);
    assert.equal(first.value.next, '2');
    assert.equal(first.value.total, 24);
    const group = await refreshSource(a, { now: new Date() });
    assert.equal(group.error, null);
    assert.equal(group.rows.length, 24);
    assert.deepEqual(new Set(group.rows.map((r) => r.schedule.id)).size, 24);
    const k8s = group.rows.find((r) => r.schedule.name === 'k8s-nightly')!;
    assert.equal(k8s.schedule.orchestrator, 'kubernetes');
    assert.equal(k8s.schedule.pipeline, 'train');
    assert.equal(k8s.schedule.details.CronJob, 'abcd1234-train');
    assert.equal(k8s.dialect, 'kubernetes');
    assert.equal(k8s.description, 'At 03:00');
    assert.equal(k8s.nextRuns[0].getUTCHours(), 3);
    assert.deepEqual(k8s.schedule.changes?.operations, ['pause', 'resume', 'update', 'delete']);
    const af = group.rows.find((r) => r.schedule.name === 'af-07')!;
    assert.equal(af.schedule.orchestrator, 'airflow');
    assert.equal(af.schedule.pipeline, 'report');
    assert.equal(af.schedule.expression, '7 2 * * *');
    assert.deepEqual(af.schedule.changes?.operations, []);
    assert.match(af.schedule.changes?.reason ?? '', /ZenML cannot change schedules on Airflow/);
  });

  it('pipeline names: every pipeline on the server, scheduled or not (backfill has no schedule), read on refresh when asked', async () => {
    const names = await adapter().pipelineNames();
    assert.ok(names.ok, JSON.stringify(names));
    for (const p of ['train', 'report', 'etl', 'backfill']) assert.ok(names.value.includes(p), `${p} missing from ${JSON.stringify(names.value)}`);
    const group = await refreshSource(adapter(), { now: new Date(), knownPipelines: true });
    assert.equal(group.error, null);
    assert.ok(group.pipelines?.includes('backfill'), JSON.stringify(group.pipelines));
    assert.ok(!group.rows.some((r) => r.schedule.pipeline === 'backfill'));
  });

  it('gets one schedule by id and by name; an unknown one is not-found', async () => {
    const a = adapter();
    const byId = await a.get(ids['af-03']);
    assert.ok(byId.ok);
    assert.equal(byId.value.name, 'af-03');
    const byName = await a.get('k8s-nightly');
    assert.ok(byName.ok);
    assert.equal(byName.value.id, ids['k8s-nightly']);
    const missing = await a.get('no-such-schedule');
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'not-found');
  });

  it('health: runs that belong to a schedule; the last failed → failing; a frequent schedule without runs → silent with missed count', async () => {
    const a = adapter();
    const runs = await a.runs(ids.failing);
    assert.ok(runs.ok, JSON.stringify(runs));
    assert.deepEqual(runs.value.map((r) => r.status), ['failed', 'completed']);
    const now = new Date(Date.now() + 60 * 60 * 1000); // judged an hour from now
    const group = await refreshSource(a, { now });
    const failing = group.rows.find((r) => r.schedule.name === 'failing')!;
    assert.equal(failing.health.health, 'failing');
    assert.equal(failing.health.lastRun?.status, 'failed');
    const silent = group.rows.find((r) => r.schedule.name === 'every-5')!;
    assert.equal(silent.health.health, 'silent');
    assert.ok(silent.health.missed >= 8 && silent.health.missed <= 12, `missed ${silent.health.missed}`);
    assert.ok(silent.health.silentSince);
    const daily = group.rows.find((r) => r.schedule.name === 'af-01')!;
    assert.equal(daily.health.health, 'unknown'); // no runs yet, nothing due
  });

  it("run links after a plain refresh are the ones ZenML's own get_run_url builds", async () => {
    const group = await refreshSource(adapter(), { now: new Date() });
    const failing = group.rows.find((r) => r.schedule.name === 'failing')!;
    assert.ok(failing.runs.length >= 1);
    for (const run of failing.runs) {
      const zenml = await server.seed<{ url: string | null }>(['run-url', run.id]);
      assert.ok(zenml.url, 'ZenML builds a link for this server');
      assert.equal(run.url, zenml.url);
    }
  });

  it('a record set inactive on Airflow (ZenML cannot pause it there) is "record inactive — may still fire" in list and show, never "paused"', async () => {
    const id = ids['af-03'];
    const put = (active: boolean) =>
      fetch(`${server.url}/api/v1/schedules/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ active }) });
    assert.ok((await put(false)).ok);
    try {
      assert.equal((await record(id)).active, false);
      const base = ['--zenml-url', server.url, '--api-key-env', 'ZENML_KEY'];
      const env = { ZENML_KEY: seed.apiKey };
      let io = memoryIo();
      assert.equal(await runSchedules(['list', ...base, '--json'], io, { env }), 0, io.err);
      const row = JSON.parse(io.out).schedules.find((s: { id: string }) => s.id === id);
      assert.equal(row.state, 'paused');
      assert.equal(row.stateText, 'record inactive — may still fire');
      assert.match(row.stateWarning, /Airflow may still fire it/);
      assert.notEqual(row.nextRun, null);
      io = memoryIo();
      assert.equal(await runSchedules(['show', id, ...base], io, { env }), 0, io.err);
      assert.match(io.out, /state: +record inactive — may still fire/);
      assert.doesNotMatch(io.out, /state: +paused/);
    } finally {
      assert.ok((await put(true)).ok);
    }
  });

  it('pausing, updating and deleting on Airflow is refused before anything changes; the record is unchanged (ZenML client)', async () => {
    const a = adapter();
    for (const attempt of [() => a.pause(ids['af-05']), () => a.update(ids['af-05'], { expression: '0 5 * * *' }), () => a.delete(ids['af-05'])]) {
      const r = await attempt();
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'unsupported');
      assert.match(r.error.message, /Nothing was changed: ZenML cannot change schedules on Airflow/);
    }
    const after = await record(ids['af-05']);
    assert.equal(after.active, true);
    assert.equal(after.cron_expression, '5 2 * * *');
    assert.equal(after.is_archived, false);
  });

  it('a wrong API key → the unauthorised message; the CLI exits 3', async () => {
    const bad = new ZenmlServerAdapter({ name: 'bad', url: server.url, credentials: async () => ({ apiKey: 'ZENKEY_not-a-key' }) });
    const r = await bad.list();
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unauthorized');
    assert.match(r.error.message, /refused the API key of bad/);
    const io = memoryIo();
    const code = await runSchedules(['list', '--zenml-url', server.url, '--api-key-env', 'BAD_KEY', '--json'], io, { env: { BAD_KEY: 'ZENKEY_nope' } });
    assert.equal(code, 3);
    const out = JSON.parse(io.out);
    assert.deepEqual(out.schedules, []);
    assert.equal(out.errors[0].code, 'unauthorized');
    const none = new ZenmlServerAdapter({ name: 'nokey', url: server.url });
    const r2 = await none.list();
    assert.ok(!r2.ok);
    assert.match(r2.error.message, /needs authentication and nokey has no API key/);
  });

  it('CLI: list --json over the real server (contracts shape), show, runs, refusals exit 1, delete without --yes exits 2', async () => {
    const env = { ZENML_KEY: seed.apiKey };
    const base = ['--zenml-url', server.url, '--api-key-env', 'ZENML_KEY'];
    let io = memoryIo();
    assert.equal(await runSchedules(['list', ...base, '--json'], io, { env }), 0, io.err);
    const listed = JSON.parse(io.out);
    assert.equal(listed.schedules.length, 24);
    // contracts.md's keys, plus two extra ones (extra keys are fine): the state in words and its warning
    // ("record inactive — may still fire" for a record ZenML cannot pause where it fires).
    assert.deepEqual(Object.keys(listed.schedules[0]).sort(), [
      'dialect', 'expression', 'health', 'id', 'intervalSeconds', 'kind', 'lastRun', 'name', 'nextRun', 'orchestrator', 'pipeline', 'source', 'state', 'stateText', 'stateWarning', 'timeZone', 'zenmlId',
    ]);
    assert.ok(listed.schedules.every((s: { state: string; stateText: string; stateWarning: string | null }) => s.stateText === s.state && s.stateWarning === null), 'every record is active here');
    const failing = listed.schedules.find((s: { name: string }) => s.name === 'failing');
    assert.equal(failing.health, 'failing');
    assert.equal(failing.lastRun.status, 'failed');
    assert.match(failing.nextRun, /^\d{4}-\d{2}-\d{2}T04:00:00Z$/);

    io = memoryIo();
    assert.equal(await runSchedules(['runs', 'failing', ...base, '--json'], io, { env }), 0, io.err);
    assert.deepEqual(JSON.parse(io.out).runs.map((r: { status: string }) => r.status), ['failed', 'completed']);

    io = memoryIo();
    assert.equal(await runSchedules(['show', 'k8s-nightly', ...base], io, { env }), 0, io.err);
    assert.match(io.out, /orchestrator: +kubernetes/);
    assert.match(io.out, /CronJob: +abcd1234-train/);

    io = memoryIo();
    assert.equal(await runSchedules(['pause', 'af-06', ...base, '--json'], io, { env }), 1);
    const refused = JSON.parse(io.out);
    assert.deepEqual(refused.changed, []);
    assert.match(refused.unchanged[0].why, /ZenML cannot change schedules on Airflow/);

    io = memoryIo();
    assert.equal(await runSchedules(['delete', 'af-06', ...base], io, { env, interactive: false }), 2);
    assert.match(io.err, /pass --yes/);
    assert.equal((await record(ids['af-06'])).is_archived, false);

    io = memoryIo();
    assert.equal(await runSchedules(['show', 'nope', ...base], io, { env }), 1);
    assert.match(io.err, /no schedule 'nope'/);
  });

  it('connections file: two sources, one good and one unreachable — the good one lists, the bad one is in errors', async () => {
    const file = path.join(server.dir, 'connections.json');
    fs.writeFileSync(file, JSON.stringify([
      { name: 'good', type: 'zenml', url: server.url, apiKeyEnv: 'ZENML_KEY' },
      { name: 'down', type: 'zenml', url: `http://127.0.0.1:${await freePort()}` },
    ]));
    const io = memoryIo();
    const code = await runSchedules(['list', '--connections', file, '--json'], io, { env: { ZENML_KEY: seed.apiKey } });
    assert.equal(code, 1);
    const out = JSON.parse(io.out);
    assert.equal(out.schedules.length, 24);
    assert.ok(out.schedules.every((s: { source: string }) => s.source === 'good'));
    assert.deepEqual(out.errors.map((e: { source: string; code: string }) => [e.source, e.code]), [['down', 'unreachable']]);
    const parsed = parseConnections(JSON.parse(fs.readFileSync(file, 'utf8')));
    const made = createAdapter(parsed.connections[0], { secrets: async () => ({ apiKey: seed.apiKey }) });
    assert.ok(made.ok);
  });

  it('an old server (GET /api/v1/info says 0.92.0, through a proxy in front of the real one) → the version message; delete only with purge', async () => {
    const proxy = await startRewriteProxy(server.url, { '/api/v1/info': (b) => ({ ...(b as object), version: '0.92.0' }) });
    try {
      const old = new ZenmlServerAdapter({ name: 'old', url: proxy.url, credentials: async () => ({ apiKey: seed.apiKey }) });
      const listed = await old.list();
      assert.ok(listed.ok, 'reading works on old servers');
      // What the delete confirmation offers there: purge only (no archive before 0.93.1), naming the CronJob.
      const k8sRow = listed.value.items.find((s) => s.id === ids['k8s-nightly'])!;
      assert.equal(k8sRow.changes?.deleteArchives, false);
      assert.equal(k8sRow.details.CronJob, 'abcd1234-train');
      const paused = await old.pause(ids['k8s-nightly']);
      assert.ok(!paused.ok);
      assert.equal(paused.error.code, 'version-too-old');
      assert.match(paused.error.message, /Pausing needs ZenML ≥ 0\.93\.1 on the server; old runs ZenML 0\.92\.0/);
      const deleted = await old.delete(ids['k8s-nightly']);
      assert.ok(!deleted.ok);
      assert.equal(deleted.error.code, 'version-too-old');
      assert.match(deleted.error.message, /only delete for good \(purge\)/);
      assert.equal((await record(ids['k8s-nightly'])).active, true);
    } finally {
      await proxy.close();
    }
  });

  it('a stopped server → unreachable (CLI exit 3); after a restart with a new signing secret the same adapter logs in again and works', async () => {
    const a = adapter();
    assert.ok((await a.list()).ok);
    await server.stop();
    const down = await a.list();
    assert.ok(!down.ok);
    assert.equal(down.error.code, 'unreachable');
    assert.match(down.error.message, /The ZenML server at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(connection refused\)/);
    const io = memoryIo();
    assert.equal(await runSchedules(['list', '--zenml-url', server.url, '--api-key-env', 'K'], io, { env: { K: seed.apiKey } }), 3);
    assert.match(io.err, /cannot be reached/);
    await server.start({ newSecret: true });
    const back = await a.list();
    assert.ok(back.ok, JSON.stringify(back));
    assert.equal(back.value.total, 24);
  });

  it('archiving and purging a schedule whose orchestrator cannot be changed is refused; purging an archived record works and is read back', async () => {
    // Archive af-09 as ZenML's CLI would (record only), then purge it through the adapter.
    const cli = await server.zenmlCli(['pipeline', 'schedule', 'delete', ids['af-09'], '-y']);
    assert.equal(cli.code, 0, cli.stderr + cli.stdout);
    assert.equal((await record(ids['af-09'])).is_archived, true);
    const a = adapter();
    const listedAll = await a.list({ includeAll: true, pageSize: 100 });
    assert.ok(listedAll.ok);
    assert.equal(listedAll.value.items.find((s) => s.id === ids['af-09'])?.state, 'archived');
    const soft = await a.delete(ids['af-09']);
    assert.ok(soft.ok);
    assert.deepEqual(soft.value.changed, []);
    assert.match(soft.value.unchanged[0].why, /already archived/);
    const purged = await a.delete(ids['af-09'], { purge: true });
    assert.ok(purged.ok, JSON.stringify(purged));
    assert.match(purged.value.changed[0].what, /deleted for good/);
    assert.equal((await record(ids['af-09'])).missing, true);
  });

  it('Kubernetes: pause, resume and update through ZenML\'s client change the CronJob and then the record, both read back', async () => {
    const a = k8sAdapter();
    const paused = await a.pause('k8s-nightly', { timeoutMs: 240_000 });
    assert.ok(paused.ok, JSON.stringify(paused));
    assert.equal(cronJob('abcd1234-train')?.spec.suspend, true);
    assert.equal((await record(ids['k8s-nightly'])).active, false);
    assert.ok(paused.value.changed.some((c) => /CronJob/.test(c.where) && /suspend/.test(c.what)), JSON.stringify(paused.value));
    assert.deepEqual(paused.value.unchanged, []);
    assert.equal(paused.value.after?.state, 'paused');
    const patches = kube!.requests.filter((r) => r.method === 'PATCH');
    assert.ok(patches.every((r) => r.contentType === 'application/strategic-merge-patch+json'));

    const resumed = await a.resume(ids['k8s-nightly'], { timeoutMs: 240_000 });
    assert.ok(resumed.ok, JSON.stringify(resumed));
    assert.equal(cronJob('abcd1234-train')?.spec.suspend, false);
    assert.equal((await record(ids['k8s-nightly'])).active, true);

    const invalid = await a.update('k8s-nightly', { expression: 'TZ=Europe/Berlin 0 3 * * *' });
    assert.ok(!invalid.ok);
    assert.equal(invalid.error.code, 'invalid-input');
    assert.equal(cronJob('abcd1234-train')?.spec.schedule, '0 3 * * *');

    const updated = await a.update('k8s-nightly', { expression: '30 4 * * *' }, { timeoutMs: 240_000 });
    assert.ok(updated.ok, JSON.stringify(updated));
    assert.equal(cronJob('abcd1234-train')?.spec.schedule, '30 4 * * *');
    assert.equal((await record(ids['k8s-nightly'])).cron_expression, '30 4 * * *');
    assert.equal(updated.value.after?.expression, '30 4 * * *');
  });

  it('Kubernetes through the CLI: pause --json with --python prints what changed where (exit 0); resume and update --cron change the CronJob and the record; delete --yes archives and deletes the CronJob', async () => {
    const base = ['--zenml-url', server.url, '--api-key-env', 'ZENML_KEY', '--python', PYTHON];
    const deps = { env: { ZENML_KEY: seed.apiKey }, bridgeFor: (python: string) => pythonClientBridge(python, bridgeEnv()), timeoutMs: 240_000 };
    let io = memoryIo();
    assert.equal(await runSchedules(['pause', 'k8s-cli', ...base, '--json'], io, deps), 0, io.err + io.out);
    const report = JSON.parse(io.out);
    assert.ok(report.changed.some((c: { where: string }) => /CronJob/.test(c.where)));
    assert.ok(report.changed.some((c: { where: string }) => /ZenML record/.test(c.where)));
    assert.equal(cronJob('efgh5678-report')?.spec.suspend, true);

    // resume: the preview first, then the CronJob and the record, read back (checked with ZenML's client).
    io = memoryIo();
    assert.equal(await runSchedules(['resume', 'k8s-cli', ...base], io, deps), 0, io.err + io.out);
    assert.match(io.out, /^preview: /m);
    assert.match(io.out, /CronJob/);
    assert.equal(cronJob('efgh5678-report')?.spec.suspend, false);
    assert.equal((await record(ids['k8s-cli'])).active, true);

    // update --cron: validated in the Kubernetes dialect, then the CronJob's schedule and the record.
    io = memoryIo();
    assert.equal(await runSchedules(['update', 'k8s-cli', '--cron', '45 2 * * *', ...base, '--json'], io, deps), 0, io.err + io.out);
    assert.deepEqual(JSON.parse(io.out).unchanged, []);
    assert.equal(cronJob('efgh5678-report')?.spec.schedule, '45 2 * * *');
    assert.equal((await record(ids['k8s-cli'])).cron_expression, '45 2 * * *');
    io = memoryIo();
    assert.equal(await runSchedules(['update', 'k8s-cli', '--cron', 'TZ=Europe/Berlin 0 3 * * *', ...base], io, deps), 1);
    assert.equal(cronJob('efgh5678-report')?.spec.schedule, '45 2 * * *');

    io = memoryIo();
    assert.equal(await runSchedules(['delete', 'k8s-cli', ...base, '--yes'], io, deps), 0, io.err + io.out);
    assert.match(io.out, /deleted/);
    assert.equal(cronJob('efgh5678-report'), undefined);
    const rec = await record(ids['k8s-cli']);
    assert.equal(rec.is_archived, true);
  });
});

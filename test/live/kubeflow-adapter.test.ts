// The Kubeflow Pipelines adapter against the stateful loopback KFP v2beta1 server
// (test/servers/kubeflow.ts; the server itself is checked with the official kfp client in
// kubeflow-server.test.ts): list and paging, get by id and by name, pause/resume read back from
// the server's state, update refused (KFP has no update), delete read back as a 404, runs for
// health, auth failures, the shared fault table, and the CLI with a kubeflow connection.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeflowAdapter } from '../../src/adapters/kubeflow';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { listEverySchedule } from '../../src/workspace/liveModel';
import { startKubeflowServer, type KubeflowServer } from '../servers/kubeflow';
import { runFaultTable } from './fault-table';

const HEX = (n: number) => n.toString(16).padStart(32, '0');
const NS = 'team-a';
const SPEC = { pipeline_spec: { pipelineInfo: { name: 'p' }, root: {}, schemaVersion: '2.1.0', sdkVersion: 'kfp-2.17.3' } };

function zenmlRun(server: KubeflowServer, pipeline: string, n: number, trigger: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const experimentId = [...server.experiments.values()].find((e) => e.display_name === pipeline && e.namespace === NS)?.experiment_id ?? server.seedExperiment(pipeline, NS);
  return server.seedRecurringRun({ display_name: `${pipeline}_${HEX(n)}`, experiment_id: experimentId as string, trigger, ...SPEC, ...extra });
}

describe('Kubeflow adapter against the loopback KFP v2beta1 server', () => {
  let server: KubeflowServer;
  let adapter: KubeflowAdapter;
  let trainId = '';
  let hourlyId = '';
  let foreignId = '';

  before(async () => {
    server = await startKubeflowServer({ tokens: { 'kfp-token': { name: 'admin' }, 'reader-token': { name: 'reader', readOnly: true } } });
    const train = zenmlRun(server, 'train', 1, { cron_schedule: { cron: '0 0 3 * * *', start_time: '2026-01-01T00:00:00Z', end_time: '2031-01-01T00:00:00Z' } }, { no_catchup: true, max_concurrency: '3' });
    trainId = train.recurring_run_id as string;
    hourlyId = zenmlRun(server, 'etl', 2, { periodic_schedule: { interval_second: '3600' } }).recurring_run_id as string;
    // Made by hand, not by ZenML: listed only on request.
    foreignId = server.seedRecurringRun({ display_name: 'nightly-by-hand', experiment_id: server.seedExperiment('manual', NS), trigger: { cron_schedule: { cron: '0 0 * * *' } }, ...SPEC }).recurring_run_id as string;
    for (let i = 3; i < 8; i++) zenmlRun(server, `p${i}`, i, { cron_schedule: { cron: `0 ${i} * * * *` } });
    const trainExperiment = train.experiment_id as string;
    server.seedRun({ experiment_id: trainExperiment, recurring_run_id: trainId, state: 'SUCCEEDED', created_at: new Date('2026-02-01T03:00:00Z'), namespace: NS });
    server.seedRun({ experiment_id: trainExperiment, recurring_run_id: trainId, state: 'FAILED', created_at: new Date('2026-02-02T03:00:00Z'), namespace: NS });
    server.seedRun({ experiment_id: trainExperiment, state: 'SUCCEEDED', created_at: new Date('2026-02-03T03:00:00Z'), namespace: NS });
    adapter = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => ({ token: 'kfp-token' }), pageSize: 3, now: () => new Date('2026-03-01T00:00:00Z') });
  });
  after(async () => server?.close());

  it('lists the recurring runs ZenML made, page by page (page_token / page_size), in the namespace', async () => {
    const before = server.requests.length;
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await adapter.list({ page: token });
      assert.ok(page.ok, JSON.stringify(!page.ok && page.error));
      seen.push(...page.value.items.map((s) => s.name));
      token = page.value.next;
      pages++;
    } while (token && pages < 10);
    assert.equal(pages, 3, '8 recurring runs in pages of 3');
    assert.equal(seen.length, 7, `ZenML-made only: ${seen.join(', ')}`);
    assert.ok(!seen.includes('nightly-by-hand'));
    const lists = server.requests.slice(before).filter((r) => r.path === '/apis/v2beta1/recurringruns');
    assert.ok(lists.every((r) => r.query.namespace === NS && r.query.page_size === '3' && r.status === 200), JSON.stringify(lists));
    assert.ok(lists.slice(1).every((r) => r.query.page_token), 'later pages send the server\'s next_page_token');
    const all = await adapter.list({ pageSize: 50, includeAll: true });
    assert.ok(all.ok);
    assert.equal(all.value.items.length, 8);
    assert.equal(all.value.items.find((s) => s.id === foreignId)?.match?.madeByZenml, false);
    // A page holding only a recurring run ZenML did not make is skipped, not an end: callers stop at an empty page.
    const one = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => ({ token: 'kfp-token' }), pageSize: 1 });
    const every = await listEverySchedule(one, {});
    assert.ok(every.ok);
    assert.equal(every.value.length, 7, every.value.map((s) => s.name).join(', '));
  });

  it('maps a recurring run: seconds-first cron, window, no_catchup, max_concurrency, experiment, match', async () => {
    const got = await adapter.get(trainId);
    assert.ok(got.ok, JSON.stringify(!got.ok && got.error));
    const s = got.value;
    assert.equal(s.name, `train_${HEX(1)}`);
    assert.equal(s.pipeline, 'train');
    assert.equal(s.orchestrator, 'kubeflow');
    assert.equal(s.kind, 'cron');
    assert.equal(s.expression, '0 0 3 * * *');
    assert.equal(s.catchup, false);
    assert.equal(s.state, 'active');
    assert.equal(s.startTime?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(s.endTime?.toISOString(), '2031-01-01T00:00:00.000Z');
    assert.equal(s.details.max_concurrency, '3');
    assert.equal(s.details.no_catchup, 'true');
    assert.match(s.details.experiment, /^train \(/);
    assert.deepEqual(s.match, { madeByZenml: true, nativeName: `train_${HEX(1)}`, pipeline: 'train' });
    assert.deepEqual(s.changes?.operations, ['pause', 'resume', 'delete']);
    const etl = await adapter.get(`etl_${HEX(2)}`);
    assert.ok(etl.ok);
    assert.equal(etl.value.kind, 'interval');
    assert.equal(etl.value.intervalSeconds, 3600);
    assert.equal(etl.value.catchup, true);
    assert.equal(etl.value.id, hourlyId);
  });

  it('pauses with :disable and resumes with :enable, each read back from the server', async () => {
    const paused = await adapter.pause(trainId);
    assert.ok(paused.ok, JSON.stringify(!paused.ok && paused.error));
    assert.equal(paused.value.unchanged.length, 0);
    assert.match(paused.value.changed[0].what, /disabled .*read back/);
    assert.equal(server.recurringRuns.get(trainId)!.mode, 'DISABLE');
    assert.equal(paused.value.after?.state, 'paused');
    const post = server.requests.filter((r) => r.method === 'POST' && r.path.endsWith(':disable'));
    assert.equal(post.length, 1);
    assert.equal(post[0].path, `/apis/v2beta1/recurringruns/${trainId}:disable`);
    const fresh = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => ({ token: 'kfp-token' }) });
    assert.equal((await fresh.get(trainId)).ok && (await fresh.get(trainId) as { value: { state: string } }).value.state, 'paused');
    const resumed = await adapter.resume(`train_${HEX(1)}`);
    assert.ok(resumed.ok);
    assert.match(resumed.value.changed[0].what, /enabled .*no_catchup is set/);
    assert.equal(server.recurringRuns.get(trainId)!.mode, 'ENABLE');
    assert.equal(server.recurringRuns.get(trainId)!.status, 'ENABLED');
  });

  it('resume cannot choose catch-up (KFP :enable has none): a choice against no_catchup is refused, nothing sent', async () => {
    await adapter.pause(trainId);
    const count = server.requests.filter((r) => r.method === 'POST').length;
    const r = await adapter.resume(trainId, { catchUp: true });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unsupported');
    assert.match(r.error.message, /no_catchup \(true\).*cannot resume with catch-up/);
    assert.equal(server.requests.filter((x) => x.method === 'POST').length, count);
    assert.equal(server.recurringRuns.get(trainId)!.mode, 'DISABLE');
    const agreed = await adapter.resume(trainId, { catchUp: false });
    assert.ok(agreed.ok, JSON.stringify(!agreed.ok && agreed.error));
    assert.equal(server.recurringRuns.get(trainId)!.mode, 'ENABLE');
  });

  it('refuses update honestly (KFP v2beta1 has no update) and changes nothing', async () => {
    const count = server.requests.length;
    const r = await adapter.update(trainId, { expression: '0 0 4 * * *' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unsupported');
    assert.match(r.error.message, /no call that changes .*recreate/);
    assert.equal(server.requests.length, count, 'no request sent');
    assert.equal((server.recurringRuns.get(trainId)!.trigger as { cron_schedule: { cron: string } }).cron_schedule.cron, '0 0 3 * * *');
  });

  it('reads the runs a recurring run started (its experiment, newest first), and recent runs in bulk', async () => {
    const runs = await adapter.runs(trainId);
    assert.ok(runs.ok, JSON.stringify(!runs.ok && runs.error));
    assert.deepEqual(runs.value.map((r) => r.status), ['failed', 'completed']);
    assert.ok(runs.value.every((r) => r.scheduleId === trainId));
    const q = server.requests.filter((r) => r.path === '/apis/v2beta1/runs').pop()!;
    assert.equal(q.query.sort_by, 'created_at desc');
    assert.ok(q.query.experiment_id, 'the runs of its experiment');
    const recent = await adapter.recentRuns({ limit: 10 });
    assert.ok(recent.ok);
    assert.equal(server.requests.filter((r) => r.path === '/apis/v2beta1/runs').pop()!.query.namespace, NS, 'bulk: the namespace');
    assert.equal(recent.value.runs.length, 3);
    assert.equal(recent.value.truncated, false);
  });

  it('a reader token is refused the change (403 → forbidden) and the run stays enabled', async () => {
    const reader = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => ({ token: 'reader-token' }) });
    const r = await reader.pause(trainId);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'forbidden');
    assert.match(r.error.message, /Nothing was changed/);
    assert.equal(server.recurringRuns.get(trainId)!.mode, 'ENABLE');
  });

  it('auth failures are unauthorized: no credentials, a wrong token, an expired session cookie (login page)', async () => {
    for (const creds of [null, { token: 'wrong' }, { cookie: 'expired-session' }]) {
      const a = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => creds });
      const r = await a.list();
      assert.ok(!r.ok, JSON.stringify(creds));
      assert.equal(r.error.code, 'unauthorized', `${JSON.stringify(creds)}: ${r.error.message}`);
      assert.match(r.error.message, creds === null ? /no token or session cookie/ : creds.token ? /refused the bearer token/ : /login page/);
    }
    const cookie = new KubeflowAdapter({ name: 'kfp', url: server.url, namespace: NS, credentials: async () => ({ cookie: 'kfp-session' }) });
    const ok = await cookie.list();
    assert.ok(ok.ok, 'a valid authservice_session cookie works');
    // The editor's one secret per connection, holding a cookie: sent as a Cookie, not as a bearer token.
    const editor = createAdapter({ name: 'kfp-editor', type: 'kubeflow', url: server.url, namespace: NS }, { secrets: async () => ({ apiKey: 'authservice_session=kfp-session', token: 'authservice_session=kfp-session' }) });
    assert.ok(editor.ok);
    const viaEditor = await editor.value.list();
    assert.ok(viaEditor.ok, JSON.stringify(!viaEditor.ok && viaEditor.error));
  });

  it('without a namespace, multi-user Kubeflow refuses the list (400 → invalid-input with the server\'s words)', async () => {
    const a = new KubeflowAdapter({ name: 'kfp', url: server.url, credentials: async () => ({ token: 'kfp-token' }) });
    const r = await a.list();
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'invalid-input');
    assert.match(r.error.message, /multi-user mode/);
  });

  it('an unknown id or name is not-found', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'no-such-run']) {
      const r = await adapter.get(id);
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'not-found', r.error.message);
    }
  });

  it('deletes without asking (the faces ask) and reads back a 404', async () => {
    const r = await adapter.delete(hourlyId);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    assert.match(r.value.changed[0].what, /deleted \(read back: 404\)/);
    assert.ok(!server.recurringRuns.has(hourlyId));
    const del = server.requests.filter((x) => x.method === 'DELETE');
    assert.equal(del.length, 1);
    const readBack = server.requests[server.requests.indexOf(del[0]) + 1];
    assert.deepEqual([readBack.method, readBack.path, readBack.status], ['GET', `/apis/v2beta1/recurringruns/${hourlyId}`, 404]);
  });

  describe('the CLI with a kubeflow connection (--connections FILE, tokenEnv)', () => {
    let dir: string;
    let file: string;
    const env = { KFP_TOKEN: 'kfp-token' };
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-cli-'));
      file = path.join(dir, 'connections.json');
      fs.writeFileSync(file, JSON.stringify([{ name: 'kf', type: 'kubeflow', url: server.url, namespace: NS, tokenEnv: 'KFP_TOKEN' }]));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('the registry builds a KubeflowAdapter from the connection', () => {
      const { connections, problems } = parseConnections([{ name: 'kf', type: 'kubeflow', url: server.url, namespace: NS, cookieEnv: 'X' }]);
      assert.deepEqual(problems, []);
      const made = createAdapter(connections[0], { secrets: async () => ({}) });
      assert.ok(made.ok && made.value instanceof KubeflowAdapter);
      assert.equal(made.value.capabilities.dialect, 'kubeflow');
    });

    it('list --json shows the recurring runs in the kubeflow dialect', async () => {
      // "Now" is the morning after the failed run, so health reads it as failing (not silent).
      const io = memoryIo(new Date('2026-02-02T12:00:00Z'));
      const code = await runSchedules(['list', '--connections', file, '--json'], io, { env });
      assert.equal(code, 0, io.err);
      const out = JSON.parse(io.out) as { schedules: { name: string; dialect: string; state: string; source: string; health: string }[]; errors: unknown[] };
      assert.deepEqual(out.errors, []);
      const train = out.schedules.find((s) => s.name === `train_${HEX(1)}`)!;
      assert.equal(train.dialect, 'kubeflow');
      assert.equal(train.source, 'kf');
      assert.equal(train.health, 'failing', 'the last run failed');
    });

    it('show --json: the seconds-first cron described, next runs, details, last runs', async () => {
      const io = memoryIo(new Date('2026-02-02T12:00:00Z'));
      const code = await runSchedules(['show', `train_${HEX(1)}`, '--connections', file, '--json'], io, { env });
      assert.equal(code, 0, io.err);
      const out = JSON.parse(io.out) as { dialect: string; description: string; nextRuns: string[]; details: Record<string, string>; runs: { status: string }[]; changes: { operations: string[] } };
      assert.equal(out.dialect, 'kubeflow');
      assert.match(out.description, /03:00/);
      assert.equal(out.nextRuns[0], '2026-02-03T03:00:00Z', 'second 0, minute 0, hour 3: daily at 03:00');
      assert.equal(out.details.max_concurrency, '3');
      assert.deepEqual(out.runs.map((r) => r.status), ['failed', 'completed']);
      assert.deepEqual(out.changes.operations, ['pause', 'resume', 'delete']);
    });

    it('pause, resume and delete --yes change the server and exit 0; delete without --yes asks first (exit 2)', async () => {
      const name = `p3_${HEX(3)}`;
      const id = [...server.recurringRuns.values()].find((r) => r.display_name === name)!.recurring_run_id as string;
      let io = memoryIo();
      assert.equal(await runSchedules(['pause', name, '--connections', file, '--json'], io, { env }), 0, io.err + io.out);
      assert.equal(server.recurringRuns.get(id)!.mode, 'DISABLE');
      io = memoryIo();
      assert.equal(await runSchedules(['resume', name, '--connections', file], io, { env }), 0, io.err + io.out);
      assert.equal(server.recurringRuns.get(id)!.mode, 'ENABLE');
      io = memoryIo();
      assert.equal(await runSchedules(['update', name, '--cron', '0 0 5 * * *', '--connections', file], io, { env }), 1, 'update is refused');
      assert.match(io.out + io.err, /recreate/);
      io = memoryIo();
      assert.equal(await runSchedules(['delete', name, '--connections', file], io, { env }), 2);
      assert.ok(server.recurringRuns.has(id), 'nothing deleted without --yes');
      io = memoryIo();
      assert.equal(await runSchedules(['delete', name, '--connections', file, '--yes'], io, { env }), 0, io.err + io.out);
      assert.ok(!server.recurringRuns.has(id));
    });

    it('a wrong token exits 3 (unauthorised)', async () => {
      const io = memoryIo();
      assert.equal(await runSchedules(['list', '--connections', file, '--json'], io, { env: { KFP_TOKEN: 'nope' } }), 3);
      assert.match(io.out, /unauthorized/);
      // The remedy speaks of this connection's credentials, not of a ZenML API key.
      const text = memoryIo();
      assert.equal(await runSchedules(['list', '--connections', file], text, { env: { KFP_TOKEN: 'nope' } }), 3);
      assert.match(text.err, /tokenEnv/);
      assert.doesNotMatch(text.err, /API key|zenml login/);
    });
  });
});

// The shared fault table against the Kubeflow adapter: the fault proxy sits before the loopback
// KFP server; every /apis/v2beta1 call gets the fault.
let faultServer: KubeflowServer;
let faultRunId = '';
runFaultTable({
  name: 'Kubeflow adapter',
  async upstream() {
    faultServer = await startKubeflowServer();
    faultRunId = zenmlRun(faultServer, 'faults', 9, { cron_schedule: { cron: '0 0 3 * * *' } }).recurring_run_id as string;
    return faultServer.url;
  },
  faultPath: /^\/apis\/v2beta1\//,
  makeAdapter: (url) => new KubeflowAdapter({ name: 'faulty', url, namespace: NS, credentials: async () => ({ token: 'kfp-token' }) }),
  errorBody: (status, reason) => ({ error: `injected ${status} ${reason}`, code: 2, message: `injected ${status} ${reason}`, details: [] }),
  operations: [
    { name: 'list', call: (a, o) => a.list(o) },
    { name: 'get', call: (a, o) => a.get(faultRunId, o) },
    { name: 'pause', call: (a, o) => a.pause(faultRunId, o) },
    { name: 'resume', call: (a, o) => a.resume(faultRunId, o) },
    { name: 'delete', call: (a, o) => a.delete(faultRunId, o) },
    { name: 'runs', call: (a, o) => (a.runs ? a.runs(faultRunId, o) : Promise.resolve({ ok: true as const, value: [] })) },
  ],
  stop: async () => faultServer?.close(),
});

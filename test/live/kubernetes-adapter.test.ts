// The Kubernetes adapter (src/adapters/kubernetes.ts, @kubernetes/client-node) against the
// loopback CronJob API server (test/servers/kubernetes.ts), through a kubeconfig file pointing at
// it: list (ZenML's labels, paging with limit/continue, all CronJobs on request), details and the
// missed-start-times warning, pause/resume (a JSON merge patch, read back), update (validated in
// Kubernetes' dialect first), delete, contexts and namespaces, tokens from the connection's secret,
// and the typed errors. Each change is checked in the server's state, where the CronJob fires.
// The fault table runs against the adapter too (a fault proxy between the adapter and the server).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubernetesAdapter } from '../../src/adapters/kubernetes';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { kubeconfigFor, startKubernetesServer, zenmlCronJob, type KubernetesServer } from '../servers/kubernetes';
import { runFaultTable } from './fault-table';

const TOKEN = 'cluster-token';
const NS = 'zenml';

/**
 * A kubeconfig for the plain-HTTP loopback server. @kubernetes/client-node refuses http:// unless the
 * cluster says insecure-skip-tls-verify (there is no TLS to verify on plain HTTP); the adapter itself
 * never sets it: it comes from the user's kubeconfig.
 */
export function loopbackKubeconfig(server: string, token: string, context = 'loopback', namespace = NS): string {
  const kc = JSON.parse(kubeconfigFor(server, token, context, namespace)) as { clusters: { cluster: Record<string, unknown> }[] };
  kc.clusters[0].cluster['insecure-skip-tls-verify'] = true;
  return JSON.stringify(kc, null, 2);
}

function plainCronJob(name: string, schedule: string): Record<string, unknown> {
  const c = zenmlCronJob(name, schedule) as { metadata: Record<string, unknown> };
  c.metadata = { name, labels: { app: 'backup' } };
  return c;
}

describe('Kubernetes adapter against the loopback CronJob API', () => {
  let k8s: KubernetesServer;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    k8s = await startKubernetesServer({ tokens: { [TOKEN]: { name: 'admin' }, 'reader-token': { name: 'reader', readOnly: true } }, namespaces: ['default', NS, 'other'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-adapter-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    // Two contexts: "loopback" (current, namespace zenml) and "reader" (a read-only token, namespace other).
    const kc = JSON.parse(loopbackKubeconfig(k8s.url, TOKEN)) as Record<string, unknown[]>;
    kc.users.push({ name: 'reader-user', user: { token: 'reader-token' } });
    kc.contexts.push({ name: 'reader', context: { cluster: 'loopback', user: 'reader-user', namespace: 'other' } });
    fs.writeFileSync(kubeconfig, JSON.stringify(kc));
    for (let i = 1; i <= 5; i++) k8s.seed(NS, zenmlCronJob(`a1b2c3d${i}-training`, '0 3 * * *', { pipeline: 'training', orchestratorId: '11111111-2222-3333-4444-555555555555' }));
    k8s.seed(NS, plainCronJob('nightly-backup', '0 1 * * *'));
    k8s.seed('other', zenmlCronJob('ffffffff-report', '*/5 * * * *', { pipeline: 'report', timeZone: 'Europe/Berlin' }));
  });

  after(async () => {
    await k8s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const adapter = (extra: Partial<ConstructorParameters<typeof KubernetesAdapter>[0]> = {}) => new KubernetesAdapter({ name: 'cluster', kubeconfig, ...extra });

  it('lists only the CronJobs ZenML made, page by page with limit and continue', async () => {
    const a = adapter({ pageSize: 2 });
    const first = await a.list();
    assert.ok(first.ok, JSON.stringify(!first.ok && first.error));
    assert.equal(first.value.items.length, 2);
    assert.ok(first.value.next, 'a continue token for the next page');
    const names: string[] = first.value.items.map((s) => s.id);
    let token: string | undefined = first.value.next;
    while (token) {
      const page = await a.list({ page: token });
      assert.ok(page.ok);
      names.push(...page.value.items.map((s) => s.id));
      token = page.value.next;
    }
    assert.deepEqual(names.sort(), [1, 2, 3, 4, 5].map((i) => `a1b2c3d${i}-training`));
    const lists = k8s.requests.filter((r) => r.method === 'GET' && r.path === `/apis/batch/v1/namespaces/${NS}/cronjobs`);
    assert.ok(lists.every((r) => r.query.labelSelector === 'pipeline,project_id' && r.query.limit === '2'));
    assert.ok(lists.some((r) => r.query.continue), 'the continue token was sent back');
  });

  it('lists every CronJob with includeAll, and maps a CronJob to a LiveSchedule with its details, match and warning', async () => {
    const all = await adapter().list({ includeAll: true });
    assert.ok(all.ok);
    assert.equal(all.value.items.length, 6);
    const plain = all.value.items.find((s) => s.id === 'nightly-backup')!;
    assert.deepEqual(plain.match, { madeByZenml: false, nativeName: 'nightly-backup', pipeline: null });
    const s = all.value.items.find((x) => x.id === 'a1b2c3d1-training')!;
    assert.equal(s.orchestrator, 'kubernetes');
    assert.equal(s.kind, 'cron');
    assert.equal(s.expression, '0 3 * * *');
    assert.equal(s.state, 'active');
    assert.equal(s.pipeline, 'training');
    assert.deepEqual(s.match, { madeByZenml: true, nativeName: 'a1b2c3d1-training', pipeline: 'training' });
    assert.equal(s.details.namespace, NS);
    assert.equal(s.details['concurrency policy'], 'Forbid');
    assert.equal(s.details.startingDeadlineSeconds, 'not set');
    assert.equal(s.details['last schedule time'], 'never');
    assert.equal(s.details['active jobs'], '0');
    assert.equal(s.details['ZenML orchestrator'], '11111111-2222-3333-4444-555555555555');
    assert.ok(s.created instanceof Date);
    assert.match(s.warnings.join(' '), /startingDeadlineSeconds.*too many missed start times/);
    assert.deepEqual(s.changes?.operations, ['pause', 'resume', 'update', 'delete']);
    assert.equal(s.changes?.pauseStopsRuns, true);
  });

  it('shows spec.timeZone, startingDeadlineSeconds, last schedule time and active jobs; no warning with a deadline', async () => {
    const c = zenmlCronJob('b0b0b0b0-eval', '30 2 * * *', { pipeline: 'eval', timeZone: 'America/New_York' }) as { spec: Record<string, unknown>; status?: unknown };
    c.spec.startingDeadlineSeconds = 300;
    const stored = k8s.seed(NS, c) as { status: Record<string, unknown> };
    stored.status = { lastScheduleTime: '2026-11-30T07:30:00Z', active: [{ kind: 'Job', name: 'b0b0b0b0-eval-29410', namespace: NS }] };
    const got = await adapter().get('b0b0b0b0-eval');
    assert.ok(got.ok, JSON.stringify(!got.ok && got.error));
    assert.equal(got.value.timeZone, 'America/New_York');
    assert.equal(got.value.details['time zone'], 'America/New_York');
    assert.equal(got.value.details.startingDeadlineSeconds, '300');
    assert.equal(got.value.details['last schedule time'], '2026-11-30T07:30:00.000Z');
    assert.equal(got.value.details['active jobs'], '1 (b0b0b0b0-eval-29410)');
    assert.deepEqual(got.value.warnings, []);
  });

  it('says when a suspended CronJob without a deadline has already missed more than 100 start times', async () => {
    const stored = k8s.seed(NS, zenmlCronJob('c0c0c0c0-minutely', '* * * * *', { suspend: true })) as { status: Record<string, unknown> };
    stored.status = { lastScheduleTime: '2026-11-01T00:00:00Z' };
    const got = await adapter({ now: () => new Date('2026-11-02T00:00:00Z') }).get('c0c0c0c0-minutely');
    assert.ok(got.ok);
    assert.equal(got.value.state, 'paused');
    assert.match(got.value.warnings[0], /More than 100 start times have been missed already: resuming it will not start runs/);
  });

  it('pause suspends the CronJob with a JSON merge patch, read back; resume undoes it; a second pause changes nothing', async () => {
    const a = adapter();
    const name = 'a1b2c3d2-training';
    const before = k8s.requests.length;
    const paused = await a.pause(name);
    assert.ok(paused.ok, JSON.stringify(!paused.ok && paused.error));
    assert.equal((k8s.get(NS, name)!.spec as { suspend: boolean }).suspend, true, 'suspended where it fires');
    assert.deepEqual(paused.value.changed, [{ where: `CronJob ${NS}/${name}`, what: 'suspended' }]);
    assert.equal(paused.value.after?.state, 'paused');
    const sent = k8s.requests.slice(before);
    const patch = sent.filter((r) => r.method === 'PATCH');
    assert.equal(patch.length, 1);
    assert.equal(patch[0].contentType, 'application/merge-patch+json');
    assert.equal(patch[0].status, 200);
    assert.deepEqual(patch[0].body, { spec: { suspend: true } });
    assert.equal(patch[0].user, 'admin');
    assert.equal(sent.at(-1)!.method, 'GET', 'read back after the patch');
    const again = await a.pause(name);
    assert.ok(again.ok);
    assert.deepEqual(again.value.changed, []);
    assert.match(again.value.unchanged[0].why, /already suspended/);
    const resumed = await a.resume(name);
    assert.ok(resumed.ok);
    assert.equal((k8s.get(NS, name)!.spec as { suspend: boolean }).suspend, false);
    assert.deepEqual(resumed.value.changed, [{ where: `CronJob ${NS}/${name}`, what: 'resumed' }]);
  });

  it('update validates in Kubernetes\' dialect first, then patches spec.schedule and reads it back', async () => {
    const a = adapter();
    const name = 'a1b2c3d3-training';
    const n = k8s.requests.length;
    const bad = await a.update(name, { expression: '0 0 3 * * *' });
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'invalid-input');
    const tz = await a.update(name, { expression: 'CRON_TZ=UTC 0 3 * * *' });
    assert.ok(!tz.ok);
    assert.equal(k8s.requests.length, n, 'nothing was sent for an invalid expression');
    const good = await a.update(name, { expression: '15 4 * * 1-5' });
    assert.ok(good.ok, JSON.stringify(!good.ok && good.error));
    assert.equal((k8s.get(NS, name)!.spec as { schedule: string }).schedule, '15 4 * * 1-5');
    assert.equal(good.value.after?.expression, '15 4 * * 1-5');
    assert.match(good.value.changed[0].what, /15 4 \* \* 1-5/);
  });

  it('delete removes the CronJob (read back: gone); a missing CronJob is not-found', async () => {
    const a = adapter();
    const name = 'a1b2c3d4-training';
    const del = await a.delete(name);
    assert.ok(del.ok, JSON.stringify(!del.ok && del.error));
    assert.equal(k8s.get(NS, name), undefined);
    assert.deepEqual(del.value.changed, [{ where: `CronJob ${NS}/${name}`, what: 'deleted (with its jobs)' }]);
    const missing = await a.get(name);
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'not-found');
    assert.match(missing.error.message, /no CronJob 'a1b2c3d4-training' in namespace zenml/);
  });

  it('uses the connection\'s context and namespace; a read-only user gets forbidden on a change and nothing changes', async () => {
    const a = adapter({ context: 'reader' });
    const list = await a.list();
    assert.ok(list.ok, JSON.stringify(!list.ok && list.error));
    assert.deepEqual(list.value.items.map((s) => s.id), ['ffffffff-report']);
    assert.equal(list.value.items[0].timeZone, 'Europe/Berlin');
    const paused = await a.pause('ffffffff-report');
    assert.ok(!paused.ok);
    assert.equal(paused.error.code, 'forbidden');
    assert.match(paused.error.message, /403/);
    assert.equal((k8s.get('other', 'ffffffff-report')!.spec as { suspend: boolean }).suspend, false);
    const ns = await adapter({ namespace: 'other' }).list();
    assert.ok(ns.ok);
    assert.deepEqual(ns.value.items.map((s) => s.id), ['ffffffff-report']);
  });

  it('a token secret replaces the kubeconfig user; a wrong one is unauthorized', async () => {
    const withReader = await adapter({ token: async () => 'reader-token' }).pause('a1b2c3d5-training');
    assert.ok(!withReader.ok);
    assert.equal(withReader.error.code, 'forbidden');
    const wrong = await adapter({ token: async () => 'expired' }).list();
    assert.ok(!wrong.ok);
    assert.equal(wrong.error.code, 'unauthorized');
  });

  it('names a missing kubeconfig, an unknown context, and an unreachable cluster', async () => {
    const missing = await adapter({ kubeconfig: path.join(dir, 'nope') }).list();
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'invalid-input');
    assert.match(missing.error.message, /does not exist/);
    const ctx = await adapter({ context: 'prod' }).list();
    assert.ok(!ctx.ok);
    assert.match(ctx.error.message, /no context 'prod' \(it has: loopback, reader\)/);
    const closed = path.join(dir, 'closed');
    fs.writeFileSync(closed, loopbackKubeconfig('http://127.0.0.1:9', TOKEN));
    const down = await adapter({ kubeconfig: closed }).list();
    assert.ok(!down.ok);
    assert.equal(down.error.code, 'unreachable');
    assert.match(down.error.message, /connection refused/);
  });

  it('is built by the registry from a connection {type: kubernetes, kubeconfig, context, namespace}', async () => {
    const parsed = parseConnections([{ name: 'k', type: 'kubernetes', kubeconfig, namespace: NS }]);
    assert.deepEqual(parsed.problems, []);
    const made = createAdapter(parsed.connections[0], { secrets: async () => ({}) });
    assert.ok(made.ok);
    assert.equal(made.value.type, 'kubernetes');
    const list = await made.value.list();
    assert.ok(list.ok, JSON.stringify(!list.ok && list.error));
    assert.ok(list.value.items.length >= 3);
  });

  it('CLI: schedules list/show/pause/resume/update/delete with a kubernetes connection file (tokenEnv), read back in the cluster', async () => {
    k8s.seed(NS, zenmlCronJob('c1100000-cli', '0 6 * * *', { pipeline: 'cli' }));
    const file = path.join(dir, 'connections.json');
    // The kubeconfig's own user is replaced by the token named in tokenEnv.
    fs.writeFileSync(file, JSON.stringify([{ name: 'cluster', type: 'kubernetes', kubeconfig, context: 'reader', namespace: NS, tokenEnv: 'K8S_TOKEN' }]));
    const env = { K8S_TOKEN: TOKEN };
    const base = ['--connections', file];
    let io = memoryIo();
    assert.equal(await runSchedules(['list', ...base, '--json'], io, { env }), 0, io.err);
    const listed = JSON.parse(io.out) as { schedules: Record<string, unknown>[]; errors: unknown[] };
    assert.deepEqual(listed.errors, []);
    const row = listed.schedules.find((s) => s.id === 'c1100000-cli')!;
    assert.deepEqual(
      { source: row.source, pipeline: row.pipeline, orchestrator: row.orchestrator, kind: row.kind, zenmlId: row.zenmlId, expression: row.expression, dialect: row.dialect, state: row.state },
      { source: 'cluster', pipeline: 'cli', orchestrator: 'kubernetes', kind: 'cron', zenmlId: null, expression: '0 6 * * *', dialect: 'kubernetes', state: 'active' },
    );
    assert.match(String(row.nextRun), /T06:00:00Z$/);
    io = memoryIo();
    assert.equal(await runSchedules(['show', 'c1100000-cli', ...base], io, { env }), 0, io.err);
    assert.match(io.out, /concurrency policy: *Forbid/);
    assert.match(io.out, /warning: +No startingDeadlineSeconds/);
    io = memoryIo();
    assert.equal(await runSchedules(['pause', 'c1100000-cli', ...base, '--json'], io, { env }), 0, io.err);
    assert.deepEqual(JSON.parse(io.out), { changed: [{ where: `CronJob ${NS}/c1100000-cli`, what: 'suspended' }], unchanged: [] });
    assert.equal((k8s.get(NS, 'c1100000-cli')!.spec as { suspend: boolean }).suspend, true);
    io = memoryIo();
    assert.equal(await runSchedules(['pause', 'c1100000-cli', ...base], io, { env }), 1, 'nothing changed: exit 1');
    assert.match(io.out, /already suspended/);
    io = memoryIo();
    assert.equal(await runSchedules(['resume', 'c1100000-cli', ...base], io, { env }), 0, io.err);
    assert.match(io.out, /CronJob zenml\/c1100000-cli resumed/);
    assert.equal((k8s.get(NS, 'c1100000-cli')!.spec as { suspend: boolean }).suspend, false);
    io = memoryIo();
    assert.equal(await runSchedules(['update', 'c1100000-cli', '--cron', '0 0 6 * * *', ...base], io, { env }), 1);
    assert.match(io.out + io.err, /not a cron expression Kubernetes accepts/);
    io = memoryIo();
    assert.equal(await runSchedules(['update', 'c1100000-cli', '--cron', '45 6 * * *', ...base], io, { env }), 0, io.err);
    assert.equal((k8s.get(NS, 'c1100000-cli')!.spec as { schedule: string }).schedule, '45 6 * * *');
    io = memoryIo();
    assert.equal(await runSchedules(['delete', 'c1100000-cli', ...base], io, { env, interactive: false }), 2, 'no --yes on a terminal that cannot ask');
    assert.ok(k8s.get(NS, 'c1100000-cli'));
    io = memoryIo();
    assert.equal(await runSchedules(['delete', 'c1100000-cli', ...base, '--yes'], io, { env }), 0, io.err);
    assert.equal(k8s.get(NS, 'c1100000-cli'), undefined);
    io = memoryIo();
    assert.equal(await runSchedules(['list', ...base, '--json'], io, { env: { K8S_TOKEN: 'wrong' } }), 3, 'unauthorised: exit 3');
    assert.equal(JSON.parse(io.out).errors[0].code, 'unauthorized');
  });
});

// The shared fault table: a fault proxy between the adapter and the loopback API server.
let faultServer: KubernetesServer;
let faultDir: string;
runFaultTable({
  name: 'Kubernetes adapter',
  async upstream() {
    faultServer = await startKubernetesServer({ tokens: { [TOKEN]: { name: 'admin' } } });
    faultServer.seed(NS, zenmlCronJob('deadbeef-training', '0 3 * * *'));
    faultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-faults-'));
    return faultServer.url;
  },
  faultPath: /^\/apis\/batch\/v1\//,
  makeAdapter(url) {
    const file = path.join(faultDir, `kc-${encodeURIComponent(url)}`);
    fs.writeFileSync(file, loopbackKubeconfig(url, TOKEN));
    return new KubernetesAdapter({ name: 'faulty', kubeconfig: file });
  },
  errorBody: (status, reason) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `injected ${status} ${reason}`, reason, code: status }),
  operations: [
    { name: 'list', call: (a, o) => a.list(o) },
    { name: 'get', call: (a, o) => a.get('deadbeef-training', o) },
    { name: 'pause', call: (a, o) => a.pause('deadbeef-training', o) },
    { name: 'update', call: (a, o) => a.update('deadbeef-training', { expression: '0 4 * * *' }, o) },
    { name: 'delete', call: (a, o) => a.delete('deadbeef-training', o) },
  ],
  stop: async () => {
    await faultServer?.close();
    if (faultDir) fs.rmSync(faultDir, { recursive: true, force: true });
  },
});

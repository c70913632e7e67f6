// End to end: pause, resume, update and delete Kubernetes-orchestrated ZenML schedules through
// ZenML's own client (helper.py via src/zenml/scheduleChange.ts), against a real ZenML 0.98 server
// on loopback with a registered kubernetes orchestrator whose kubernetes_context points at the
// loopback CronJob API server. Each change is checked where the schedule fires (the CronJob in the
// loopback server's state) and on the server (the record, changed after the CronJob); each failure
// path must return its typed error and leave both sides as they were.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pythonClientBridge } from '../../src/adapters/zenmlClientBridge';
import { changeThroughZenmlClient } from '../../src/adapters/zenmlClientChange';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { changeScheduleThroughZenml, type ScheduleChange, type ScheduleChangeResult } from '../../src/zenml/scheduleChange';
import { kubeconfigFor, startKubernetesServer, zenmlCronJob, type KubernetesServer } from '../servers/kubernetes';
import { OLD_ZENML_PYTHON, PLAIN_ZENML_PYTHON, SERVER_VENV_PYTHON } from './env';
import { createScheduleRecord, freePort, readScheduleRecord, startZenmlServer, type RecordView, type SeededServer } from './zenml-server';

const NS = 'zenml';
const TOKEN = 'cluster-token';

describe('Kubernetes-orchestrated schedules change where they fire, through ZenML\'s own client', () => {
  let k8s: KubernetesServer;
  let zenml: SeededServer;
  let dir: string;
  let kubeconfig: string;
  let counter = 0;

  before(async () => {
    k8s = await startKubernetesServer({ tokens: { [TOKEN]: { name: 'zenml-orchestrator' }, 'reader-token': { name: 'reader', readOnly: true } }, namespaces: ['default', NS] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-changes-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    // The orchestrator's kubernetes_context (seed.py) is "loopback".
    fs.writeFileSync(kubeconfig, kubeconfigFor(k8s.url, TOKEN, 'loopback', NS));
    zenml = await startZenmlServer();
  });

  after(async () => {
    await zenml?.stop();
    await k8s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A schedule record with its CronJob (unless `cronJob: false`) and the cron_job_name metadata (unless `metadata: false`). */
  async function makeSchedule(options: { cronJob?: boolean; metadata?: boolean; orchestratorId?: string } = {}) {
    const n = ++counter;
    const cronJobName = `a1b2c3d${n}-training`;
    const rec = await createScheduleRecord(zenml, {
      name: `nightly-${n}`,
      cron: '0 3 * * *',
      orchestratorId: options.orchestratorId ?? zenml.kubernetesId,
      pipelineId: zenml.pipelines.train,
      ...(options.metadata === false ? {} : { cronJobName }),
    });
    if (options.cronJob !== false) k8s.seed(NS, zenmlCronJob(cronJobName, '0 3 * * *', { orchestratorId: zenml.kubernetesId }));
    return { ...rec, cronJobName };
  }

  const spec = (name: string) => k8s.get(NS, name)?.spec as { suspend: boolean; schedule: string } | undefined;

  function change(id: string, c: ScheduleChange, overrides: { python?: string; env?: NodeJS.ProcessEnv; apiKey?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ScheduleChangeResult> {
    return changeScheduleThroughZenml({
      pythonPath: overrides.python ?? SERVER_VENV_PYTHON,
      server: { url: zenml.url, apiKey: overrides.apiKey ?? zenml.apiKey },
      scheduleId: id,
      change: c,
      env: overrides.env ?? { ...process.env, KUBECONFIG: kubeconfig },
      timeoutMs: overrides.timeoutMs ?? 150_000,
      signal: overrides.signal,
    });
  }

  /**
   * What ZenML's record said while the client's PATCH/DELETE of the CronJob was in flight: the loopback
   * server reads it before answering. Unchanged then and changed afterwards = the record changed after
   * the CronJob did.
   */
  function recordDuringClusterCall(id: string, cronJobName: string, method: 'PATCH' | 'DELETE'): RecordView[] {
    const seen: RecordView[] = [];
    k8s.onRequest = async (r) => {
      if (r.method === method && r.path.endsWith(`/cronjobs/${cronJobName}`)) seen.push(await readScheduleRecord(zenml, id));
    };
    return seen;
  }

  it('pause suspends the CronJob (strategic merge patch), then sets the record inactive; resume undoes both', async () => {
    const s = await makeSchedule();
    const during = recordDuringClusterCall(s.id, s.cronJobName, 'PATCH');
    const paused = await change(s.id, { action: 'pause' });
    k8s.onRequest = undefined;
    assert.ok(paused.ok, JSON.stringify(!paused.ok && paused.error));
    assert.equal(during.length, 1);
    assert.equal(during[0].active, true, 'the record was still active while the CronJob was being suspended');
    assert.equal(spec(s.cronJobName)!.suspend, true, 'the CronJob really got spec.suspend: true');
    const patch = k8s.requests.filter((r) => r.method === 'PATCH' && r.path === `/apis/batch/v1/namespaces/${NS}/cronjobs/${s.cronJobName}`);
    assert.equal(patch.length, 1);
    assert.equal(patch[0].contentType, 'application/strategic-merge-patch+json');
    assert.deepEqual(patch[0].body, { spec: { suspend: true } });
    const rec = await readScheduleRecord(zenml, s.id);
    assert.equal(rec.active, false, 'then the record was set inactive');
    assert.deepEqual(paused.value.changed.map((c) => c.where), [`CronJob ${NS}/${s.cronJobName}`, `ZenML record '${s.name}'`]);

    const resumed = await change(s.id, { action: 'resume' });
    assert.ok(resumed.ok, JSON.stringify(!resumed.ok && resumed.error));
    assert.equal(spec(s.cronJobName)!.suspend, false);
    assert.equal((await readScheduleRecord(zenml, s.id)).active, true);
  });

  it('pausing when the record is already inactive but the CronJob runs still suspends the CronJob', async () => {
    const s = await makeSchedule();
    // Only the record changes (what ZenML's server PUT does): the CronJob keeps firing.
    const put = await fetch(`${zenml.url}/api/v1/schedules/${s.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${await zenml.token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    assert.equal(put.status, 200);
    assert.equal(spec(s.cronJobName)!.suspend, false);
    const paused = await change(s.id, { action: 'pause' });
    assert.ok(paused.ok, JSON.stringify(!paused.ok && paused.error));
    assert.equal(spec(s.cronJobName)!.suspend, true);
    assert.ok(paused.value.notes.some((n) => /only the CronJob/.test(n)), paused.value.notes.join('; '));
  });

  it('update sets the CronJob schedule, then the record', async () => {
    const s = await makeSchedule();
    const during = recordDuringClusterCall(s.id, s.cronJobName, 'PATCH');
    const updated = await change(s.id, { action: 'update', cronExpression: '30 4 * * 1-5' });
    k8s.onRequest = undefined;
    assert.ok(updated.ok, JSON.stringify(!updated.ok && updated.error));
    assert.equal(during[0]?.cron, '0 3 * * *', 'the record still had the old cron while the CronJob was patched');
    assert.equal(spec(s.cronJobName)!.schedule, '30 4 * * 1-5');
    const rec = await readScheduleRecord(zenml, s.id);
    assert.equal(rec.cron, '30 4 * * 1-5');
  });

  it('a cron the cluster rejects (422) leaves the record unchanged and says what the cluster said', async () => {
    const s = await makeSchedule();
    const r = await change(s.id, { action: 'update', cronExpression: '61 * * * *' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'cluster-rejected');
    assert.equal(r.error.status, 422);
    assert.match(r.error.message, /spec\.schedule: Invalid value/);
    assert.equal(spec(s.cronJobName)!.schedule, '0 3 * * *');
    assert.equal((await readScheduleRecord(zenml, s.id)).cron, '0 3 * * *');
  });

  it('delete removes the CronJob and archives the record; purge removes the record', async () => {
    const s = await makeSchedule();
    const during = recordDuringClusterCall(s.id, s.cronJobName, 'DELETE');
    const archived = await change(s.id, { action: 'delete', purge: false });
    k8s.onRequest = undefined;
    assert.ok(archived.ok, JSON.stringify(!archived.ok && archived.error));
    assert.equal(during[0]?.archived, false, 'the record was not yet archived while the CronJob was deleted');
    assert.equal(k8s.get(NS, s.cronJobName), undefined, 'the CronJob is gone');
    const rec = await readScheduleRecord(zenml, s.id);
    assert.equal(rec.archived, true);
    assert.equal(rec.active, false);

    const p = await makeSchedule();
    const purged = await change(p.id, { action: 'delete', purge: true });
    assert.ok(purged.ok, JSON.stringify(!purged.ok && purged.error));
    assert.equal(k8s.get(NS, p.cronJobName), undefined);
    assert.equal((await readScheduleRecord(zenml, p.id)).status, 404);
  });

  it('the adapter-level function returns a ChangeReport', async () => {
    const s = await makeSchedule();
    const r = await changeThroughZenmlClient(
      { pythonPath: SERVER_VENV_PYTHON, serverUrl: zenml.url, apiKey: zenml.apiKey, env: { ...process.env, KUBECONFIG: kubeconfig }, source: 'live' },
      s.id,
      { action: 'pause' },
      { timeoutMs: 150_000 },
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    assert.equal(r.value.changed[0].what, 'suspended (spec.suspend: true)');
    assert.equal(spec(s.cronJobName)!.suspend, true);
  });

  it('the ZenML server adapter pauses and resumes through the bridge: the CronJob and the record, read back', async () => {
    const s = await makeSchedule();
    const adapter = new ZenmlServerAdapter({
      name: 'live',
      url: zenml.url,
      credentials: async () => ({ apiKey: zenml.apiKey }),
      clientBridge: pythonClientBridge(SERVER_VENV_PYTHON, { ...process.env, KUBECONFIG: kubeconfig }),
      timeoutMs: 150_000,
    });
    const paused = await adapter.pause(s.id, { timeoutMs: 150_000 });
    assert.ok(paused.ok, JSON.stringify(!paused.ok && paused.error));
    assert.equal(spec(s.cronJobName)!.suspend, true);
    assert.equal((await readScheduleRecord(zenml, s.id)).active, false);
    assert.equal(paused.value.after?.state, 'paused');
    assert.ok(paused.value.changed.some((c) => c.where.includes(s.cronJobName)), JSON.stringify(paused.value.changed));
    const resumed = await adapter.resume(s.id, { timeoutMs: 150_000 });
    assert.ok(resumed.ok, JSON.stringify(!resumed.ok && resumed.error));
    assert.equal(spec(s.cronJobName)!.suspend, false);
    assert.equal(resumed.value.after?.state, 'active');
    // A failure path through the adapter: the CronJob deleted outside ZenML → not-found, with the precise reason kept.
    k8s.cronJobs.delete(`${NS}/${s.cronJobName}`);
    const gone = await adapter.pause(s.id, { timeoutMs: 150_000 });
    assert.ok(!gone.ok);
    assert.equal(gone.error.code, 'not-found');
    assert.equal((gone.error as { reason?: string }).reason, 'cronjob-not-found');
    assert.match(gone.error.message, /no CronJob/);
    assert.equal((await readScheduleRecord(zenml, s.id)).active, true, 'the record is unchanged');
  });

  // ---- failure paths: a typed error each, and nothing changed on either side ----

  async function assertUnchanged(s: { id: string; cronJobName: string }, cronJobExists = true) {
    const rec = await readScheduleRecord(zenml, s.id);
    assert.equal(rec.active, true, 'the record is still active');
    assert.equal(rec.archived, false);
    if (cronJobExists) assert.equal(spec(s.cronJobName)!.suspend, false, 'the CronJob still runs');
  }

  it('no kubernetes package in the interpreter → kubernetes-not-installed', async () => {
    const s = await makeSchedule();
    const r = await change(s.id, { action: 'pause' }, { python: PLAIN_ZENML_PYTHON });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'kubernetes-not-installed', r.error.message);
    assert.match(r.error.remedy, /zenml integration install kubernetes|pip install kubernetes/);
    await assertUnchanged(s);
  });

  it('no kubeconfig → no-kubeconfig; a kubeconfig without the orchestrator\'s context → kube-context-not-found', async () => {
    const s = await makeSchedule();
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const none = await change(s.id, { action: 'pause' }, { env: { ...process.env, HOME: home, KUBECONFIG: path.join(home, 'missing') } });
    assert.ok(!none.ok);
    assert.equal(none.error.code, 'no-kubeconfig', none.error.message);
    const other = path.join(dir, 'other-context');
    fs.writeFileSync(other, kubeconfigFor(k8s.url, TOKEN, 'somewhere-else', NS));
    const ctx = await change(s.id, { action: 'pause' }, { env: { ...process.env, KUBECONFIG: other } });
    assert.ok(!ctx.ok);
    assert.equal(ctx.error.code, 'kube-context-not-found', ctx.error.message);
    assert.match(ctx.error.remedy, /context 'loopback'/);
    await assertUnchanged(s);
  });

  it('an unreachable cluster → cluster-unreachable; refused and read-only credentials → cluster-unauthorized / cluster-forbidden', async () => {
    const s = await makeSchedule();
    const closed = path.join(dir, 'closed');
    fs.writeFileSync(closed, kubeconfigFor(`http://127.0.0.1:${await freePort()}`, TOKEN, 'loopback', NS));
    const down = await change(s.id, { action: 'pause' }, { env: { ...process.env, KUBECONFIG: closed } });
    assert.ok(!down.ok);
    assert.equal(down.error.code, 'cluster-unreachable', down.error.message);
    const badToken = path.join(dir, 'bad-token');
    fs.writeFileSync(badToken, kubeconfigFor(k8s.url, 'expired', 'loopback', NS));
    const unauthorized = await change(s.id, { action: 'pause' }, { env: { ...process.env, KUBECONFIG: badToken } });
    assert.ok(!unauthorized.ok);
    assert.equal(unauthorized.error.code, 'cluster-unauthorized', unauthorized.error.message);
    const reader = path.join(dir, 'reader');
    fs.writeFileSync(reader, kubeconfigFor(k8s.url, 'reader-token', 'loopback', NS));
    const forbidden = await change(s.id, { action: 'pause' }, { env: { ...process.env, KUBECONFIG: reader } });
    assert.ok(!forbidden.ok);
    assert.equal(forbidden.error.code, 'cluster-forbidden', forbidden.error.message);
    assert.equal(forbidden.error.status, 403);
    await assertUnchanged(s);
  });

  it('the CronJob was deleted outside ZenML → cronjob-not-found; no cron_job_name → no-cron-job-name', async () => {
    const gone = await makeSchedule({ cronJob: false });
    const r = await change(gone.id, { action: 'pause' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'cronjob-not-found', r.error.message);
    assert.match(r.error.remedy, /deleted outside ZenML/);
    await assertUnchanged(gone, false);
    const unnamed = await makeSchedule({ metadata: false });
    const n = await change(unnamed.id, { action: 'delete', purge: false });
    assert.ok(!n.ok);
    assert.equal(n.error.code, 'no-cron-job-name', n.error.message);
    await assertUnchanged(unnamed);
    assert.ok(k8s.get(NS, unnamed.cronJobName), 'the unnamed CronJob was not touched');
  });

  it('a schedule on another orchestrator (airflow) → orchestrator-cannot-change, record untouched', async () => {
    const s = await makeSchedule({ orchestratorId: zenml.airflowId, cronJob: false, metadata: false });
    const r = await change(s.id, { action: 'pause' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'orchestrator-cannot-change', r.error.message);
    await assertUnchanged(s, false);
  });

  it('a wrong API key → server-unauthorized; an unknown schedule → schedule-not-found', async () => {
    const s = await makeSchedule();
    const r = await change(s.id, { action: 'pause' }, { apiKey: 'ZENKEY_not-a-key' });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'server-unauthorized', r.error.message);
    const missing = await change('00000000-0000-4000-8000-000000000000', { action: 'pause' });
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'schedule-not-found', missing.error.message);
    await assertUnchanged(s);
  });

  it('a ZenML older than 0.93.1 in the interpreter cannot pause → zenml-too-old (a real zenml==0.93.0)', async (t) => {
    if (!fs.existsSync(OLD_ZENML_PYTHON)) {
      // test/setup/46-zenml-old-venv.sh installs it; a missing venv is a setup failure, not a pass.
      assert.fail(`${OLD_ZENML_PYTHON} is missing: run bash test/setup/46-zenml-old-venv.sh`);
    }
    t.diagnostic(OLD_ZENML_PYTHON);
    const s = await makeSchedule();
    const r = await change(s.id, { action: 'pause' }, { python: OLD_ZENML_PYTHON });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'zenml-too-old', r.error.message);
    assert.equal(r.error.where, 'client');
    assert.equal(r.error.minimumVersion, '0.93.1');
    assert.equal(r.error.foundVersion, '0.93.0');
    await assertUnchanged(s);
  });

  it('a timeout and a cancellation stop the helper and say so', async () => {
    const s = await makeSchedule();
    const slow = await change(s.id, { action: 'pause' }, { timeoutMs: 300 });
    assert.ok(!slow.ok);
    assert.equal(slow.error.code, 'timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelled = await change(s.id, { action: 'pause' }, { signal: controller.signal });
    assert.ok(!cancelled.ok);
    assert.equal(cancelled.error.code, 'cancelled');
    await assertUnchanged(s);
  });

  it('issue 11: with a ZenML and a kubernetes connection, the CronJob and its record are one row (zenmlId, run metadata); a pause through the Kubernetes adapter also sets the record inactive', async () => {
    const s = await makeSchedule();
    const file = path.join(dir, 'connections.json');
    // @kubernetes/client-node takes plain http:// only with insecure-skip-tls-verify in the kubeconfig.
    const kc = JSON.parse(kubeconfigFor(k8s.url, TOKEN, 'loopback', NS)) as { clusters: { cluster: Record<string, unknown> }[] };
    kc.clusters[0].cluster['insecure-skip-tls-verify'] = true;
    fs.writeFileSync(path.join(dir, 'kubeconfig-node'), JSON.stringify(kc));
    fs.writeFileSync(
      file,
      JSON.stringify([
        { name: 'zenml', type: 'zenml', url: zenml.url, apiKeyEnv: 'ZENML_KEY' },
        { name: 'cluster', type: 'kubernetes', kubeconfig: path.join(dir, 'kubeconfig-node') },
      ]),
    );
    const env = { ZENML_KEY: zenml.apiKey };
    let io = memoryIo();
    assert.equal(await runSchedules(['list', '--connections', file, '--json'], io, { env }), 0, io.err);
    const listed = JSON.parse(io.out) as { schedules: { source: string; id: string; zenmlId: string | null }[] };
    const row = listed.schedules.find((x) => x.id === s.cronJobName)!;
    assert.equal(row.source, 'cluster');
    assert.equal(row.zenmlId, s.id, 'the CronJob row carries its record');
    assert.equal(listed.schedules.filter((x) => x.id === s.id).length, 0, 'the record is not listed twice');
    io = memoryIo();
    assert.equal(await runSchedules(['list', '--connections', file], io, { env }), 0, io.err);
    assert.match(io.out, /zenml \(zenml\): \d+ schedules? \(\d+ schedules? (is|are) shown under cluster/);
    // No --python bridge in this run: the Kubernetes adapter suspends the CronJob, then PUT active on the record.
    io = memoryIo();
    assert.equal(await runSchedules(['pause', s.cronJobName, '--connections', file, '--json'], io, { env }), 0, io.err + io.out);
    const report = JSON.parse(io.out) as { changed: { where: string; what: string }[] };
    assert.deepEqual(report.changed, [
      { where: `CronJob ${NS}/${s.cronJobName}`, what: 'suspended' },
      { where: `ZenML record '${s.name}' on zenml`, what: 'set inactive' },
    ]);
    assert.equal(spec(s.cronJobName)!.suspend, true);
    assert.equal((await readScheduleRecord(zenml, s.id)).active, false);
    io = memoryIo();
    assert.equal(await runSchedules(['resume', s.cronJobName, '--connections', file], io, { env }), 0, io.err + io.out);
    assert.equal(spec(s.cronJobName)!.suspend, false);
    assert.equal((await readScheduleRecord(zenml, s.id)).active, true);
  });
});

// A REAL ZenML 0.98 server without authentication (ZENML_SERVER_AUTH_SCHEME=NO_AUTH, as
// `zenml login --local` runs it): the adapter lists with no credentials at all, and a Kubernetes
// pause goes through ZenML's own client with ZENML_STORE_URL alone (no key, no token), suspends the
// CronJob on the loopback Kubernetes API server and sets the record inactive, both read back.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pythonClientBridge } from '../../src/adapters/zenmlClientBridge';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { kubeconfigFor, startKubernetesServer, zenmlCronJob, type KubernetesServer } from '../servers/kubernetes';
import { LiveZenmlServer, PYTHON, adminToken, createSchedule, freePort, setCronJobName, venvReady, type SeedData } from './zenmlServer';

describe('a real ZenML server without authentication (NO_AUTH)', { timeout: 1_200_000 }, () => {
  let server: LiveZenmlServer;
  let seed: SeedData;
  let kube: KubernetesServer | undefined;
  let kubeconfig = '';
  let scheduleId = '';

  before(async () => {
    assert.ok(venvReady(), '.tools/zenml-server-venv is missing: run bash test/setup/45-zenml-server-venv.sh');
    server = new LiveZenmlServer(await freePort(), { authScheme: 'NO_AUTH' });
    await server.start();
    seed = await server.seed<SeedData>(['setup']);
    const token = await adminToken(server);
    const made = await createSchedule(server, token, { name: 'k8s-local', project: seed.projectId, orchestrator_id: seed.kubernetesId, pipeline_id: seed.pipelines.train, cron_expression: '0 3 * * *' });
    scheduleId = made.id;
    await setCronJobName(server, token, seed, made.id, 'local1234-train');
    await createSchedule(server, token, { name: 'airflow-local', project: seed.projectId, orchestrator_id: seed.airflowId, pipeline_id: seed.pipelines.etl, cron_expression: '0 2 * * *' });
    kube = await startKubernetesServer({ tokens: { 'admin-token': { name: 'admin' } } });
    kube.seed('zenml', zenmlCronJob('local1234-train', '0 3 * * *', { pipeline: 'train', orchestratorId: seed.kubernetesId }));
    kubeconfig = path.join(server.dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, kubeconfigFor(kube.url, 'admin-token', 'loopback', 'zenml'));
  });

  after(async () => {
    await kube?.close();
    await server?.dispose();
  });

  const bridgeEnv = () => ({ PATH: process.env.PATH, HOME: server.dir, KUBECONFIG: kubeconfig, ZENML_ANALYTICS_OPT_IN: 'false' });

  it('says NO_AUTH in /info, and lists with no credentials (the adapter and the CLI with ZENML_STORE_URL alone)', async () => {
    const a = new ZenmlServerAdapter({ name: 'local', url: server.url });
    const info = await a.serverInfo();
    assert.ok(info.ok, JSON.stringify(info));
    assert.equal(info.value.authScheme, 'no_auth'.toUpperCase());
    const listed = await a.list();
    assert.ok(listed.ok, JSON.stringify(listed));
    assert.deepEqual(listed.value.items.map((s) => s.name).sort(), ['airflow-local', 'k8s-local']);
    const io = memoryIo();
    assert.equal(await runSchedules(['list', '--json'], io, { env: { ZENML_STORE_URL: server.url } }), 0, io.err);
    assert.equal(JSON.parse(io.out).schedules.length, 2);
  });

  it("pauses a Kubernetes schedule through ZenML's client with the URL alone: CronJob suspended, record inactive, read back", async () => {
    const a = new ZenmlServerAdapter({ name: 'local', url: server.url, clientBridge: pythonClientBridge(PYTHON, bridgeEnv()), timeoutMs: 240_000 });
    const paused = await a.pause('k8s-local', { timeoutMs: 240_000 });
    assert.ok(paused.ok, JSON.stringify(paused));
    assert.equal((kube!.get('zenml', 'local1234-train') as { spec: { suspend: boolean } }).spec.suspend, true);
    assert.equal((await server.seed<{ active: boolean }>(['schedule', scheduleId])).active, false);
    assert.deepEqual(paused.value.unchanged, []);
    assert.equal(paused.value.after?.state, 'paused');
  });
});

// "Create it now" end to end, without Docker: the real ZenML 0.98 (.tools/zenml-server-venv) runs a
// pipeline with a Schedule on a stack whose Kubernetes orchestrator points (kubeconfig context
// "loopback") at the loopback CronJob API server, through helper.py `create-run` as the editor runs it
// (src/zenml/createRun.ts). No container is built: the pipeline's DockerSettings say skip_build=True
// with a parent image; the orchestrator settings name a service account (without one ZenML first
// creates "zenml-service-account" and a RoleBinding through the core and RBAC APIs, which the
// CronJob-only loopback server answers 404); and ZenML's Kubernetes orchestrator needs a container registry and an image
// builder in the stack (required components; never used with skip_build) and skip_local_validations
// for the local artifact store. The CronJob is read back where it fires (the loopback server's state)
// and the record from the ZenML server through the extension's own ZenML adapter.
// The failure paths: without skip_build ZenML asks the local image builder for a Docker build and
// stops (no Docker here), a module that fails to import, a pipeline name that does not exist.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { createScheduleNow, type CreateRunResult } from '../../src/zenml/createRun';
import { kubeconfigFor, startKubernetesServer, type KubernetesServer } from '../servers/kubernetes';
import { SERVER_VENV_PYTHON } from './env';
import { startZenmlServer, type SeededServer } from './zenml-server';
import { runPython } from './zenmlServer';

const NS = 'zenml';
const TOKEN = 'create-now-token';

const PIPELINE = (settings: string) => `from zenml import pipeline, step
from zenml.config import DockerSettings


@step
def hello() -> int:
    return 1


@pipeline(settings={"docker": DockerSettings(${settings}), "orchestrator.kubernetes": {"service_account_name": "zenml-runner"}})
def demo_pipeline():
    hello()


if __name__ == "__main__":
    raise SystemExit("the __main__ block must not run when the extension imports this file")
`;

/** The stack: the Kubernetes orchestrator on the loopback context, a (never used) registry and image builder. */
const STACK_SCRIPT = `
from zenml.client import Client
from zenml.enums import StackComponentType as T
c = Client()
c.create_stack_component(name="k8s-create", flavor="kubernetes", component_type=T.ORCHESTRATOR,
    configuration={"kubernetes_context": "loopback", "kubernetes_namespace": "${NS}", "skip_local_validations": True})
c.create_stack_component(name="registry", flavor="default", component_type=T.CONTAINER_REGISTRY,
    configuration={"uri": "registry.example.com/zenml"})
c.create_stack_component(name="builder", flavor="local", component_type=T.IMAGE_BUILDER, configuration={})
c.create_stack(name="k8s-create-stack", components={T.ORCHESTRATOR: "k8s-create", T.ARTIFACT_STORE: "default",
    T.CONTAINER_REGISTRY: "registry", T.IMAGE_BUILDER: "builder"})
c.activate_stack("k8s-create-stack")
print(c.active_stack_model.name)
`;

describe('create it now: ZenML runs the pipeline with the schedule on a Kubernetes stack (loopback CronJob API)', () => {
  let k8s: KubernetesServer;
  let zenml: SeededServer;
  let dir: string;
  let project: string;
  let env: NodeJS.ProcessEnv;
  const output: string[] = [];

  before(async () => {
    k8s = await startKubernetesServer({ tokens: { [TOKEN]: { name: 'zenml-orchestrator' } }, namespaces: ['default', NS] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'create-now-'));
    project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(dir, 'kubeconfig'), kubeconfigFor(k8s.url, TOKEN, 'loopback', NS));
    zenml = await startZenmlServer();
    env = {
      ...process.env,
      KUBECONFIG: path.join(dir, 'kubeconfig'),
      ZENML_STORE_URL: zenml.url,
      ZENML_STORE_API_KEY: zenml.apiKey,
      ZENML_CONFIG_PATH: path.join(dir, 'zenml-config'),
      ZENML_ANALYTICS_OPT_IN: 'false',
    };
    // A file, not `-c`: ZenML resolves flavor sources from the __main__ module's folder.
    const script = path.join(dir, 'make_stack.py');
    fs.writeFileSync(script, STACK_SCRIPT);
    const stack = await runPython([script], env, 180_000);
    assert.equal(stack.code, 0, stack.stderr.slice(-3000));
    assert.match(stack.stdout, /k8s-create-stack/);
  });

  after(async () => {
    await zenml?.stop();
    await k8s?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function run(file: string, pipeline: string, schedule: Record<string, unknown>): Promise<CreateRunResult> {
    return createScheduleNow({
      pythonPath: SERVER_VENV_PYTHON,
      cwd: project,
      env,
      file,
      pipeline,
      schedule,
      timeoutMs: 300_000,
      onStderr: (chunk) => output.push(chunk),
    });
  }

  it('creates the CronJob on the cluster and the schedule record, both read back', async () => {
    const file = path.join(project, 'training.py');
    fs.writeFileSync(file, PIPELINE('skip_build=True, parent_image="python:3.11-slim"'));
    output.length = 0;
    const result = await run(file, 'demo_pipeline', { name: 'create-now-nightly', cron_expression: '0 3 * * *' });
    const seen = k8s.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join('\n');
    assert.ok(result.ok, `${JSON.stringify(result)}\n${output.join('').slice(-3000)}\nrequests:\n${seen}`);
    assert.equal(result.stack, 'k8s-create-stack');
    assert.equal(result.orchestrator.flavor, 'kubernetes');
    assert.equal(result.schedule.name, 'create-now-nightly');
    assert.equal(result.schedule.cronExpression, '0 3 * * *');
    // ZenML's logs reached the stream (the editor's log channel).
    assert.match(output.join(''), /k8s-create-stack/);

    // Where it fires: the CronJob ZenML created, named in the record's run metadata.
    const cronJobName = result.schedule.runMetadata.cron_job_name;
    assert.ok(cronJobName, `no cron_job_name in ${JSON.stringify(result.schedule.runMetadata)}`);
    const cronJob = k8s.get(NS, cronJobName) as { spec: { schedule: string; jobTemplate: { spec: { template: { spec: { containers: { image: string }[] } } } } } } | undefined;
    assert.ok(cronJob, `CronJob ${cronJobName} is not on the cluster (have: ${[...k8s.cronJobs.keys()].join(', ')})`);
    assert.equal(cronJob.spec.schedule, '0 3 * * *');
    // No build: the parent image runs as it is.
    assert.equal(cronJob.spec.jobTemplate.spec.template.spec.containers[0].image, 'python:3.11-slim');
    const created = k8s.requests.filter((r) => r.method === 'POST' && /\/cronjobs$/.test(r.path));
    assert.equal(created.length, 1);

    // The record, through the extension's own ZenML adapter (what the live tree lists).
    const adapter = new ZenmlServerAdapter({ name: 'live', url: zenml.url, credentials: async () => ({ apiKey: zenml.apiKey }) });
    const listed = await adapter.listAll();
    assert.ok(listed.ok, JSON.stringify(listed));
    const row = listed.value.find((s) => s.id === result.schedule.id);
    assert.ok(row, `schedule ${result.schedule.id} not listed by the ZenML adapter`);
    assert.equal(row.expression, '0 3 * * *');
    assert.equal(row.state, 'active');
  });

  it('without skip_build: ZenML wants a Docker build from the local image builder and stops before the cluster', async (t) => {
    const file = path.join(project, 'needs_build.py');
    fs.writeFileSync(file, PIPELINE(''));
    const before = k8s.requests.length;
    output.length = 0;
    const result = await run(file, 'demo_pipeline', { name: 'needs-a-build', cron_expression: '0 4 * * *' });
    assert.ok(!result.ok, JSON.stringify(result));
    assert.equal(result.code, 'run-failed');
    t.diagnostic(`ZenML's answer without skip_build: ${result.message}`);
    assert.match(result.message, /ZenML could not create the schedule: .*(docker|Docker)/s);
    // Nothing reached the cluster.
    assert.equal(k8s.requests.slice(before).filter((r) => r.method === 'POST').length, 0);
  });

  it('a module that fails to import and a missing pipeline name are reported as such', async () => {
    const broken = path.join(project, 'broken.py');
    fs.writeFileSync(broken, 'import zenml\nraise ValueError("boom at import")\n');
    const failed = await run(broken, 'demo_pipeline', { cron_expression: '0 3 * * *' });
    assert.ok(!failed.ok);
    assert.equal(failed.code, 'import-failed');
    assert.match(failed.message, /ValueError: boom at import/);

    const file = path.join(project, 'training.py');
    const missing = await run(file, 'no_such_pipeline', { cron_expression: '0 3 * * *' });
    assert.ok(!missing.ok);
    assert.equal(missing.code, 'no-pipeline');
  });
});

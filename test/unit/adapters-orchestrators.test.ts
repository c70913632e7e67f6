// Unit tests for the orchestrator adapters' pure parts (issue 15): the "no adapter yet" answer for
// SageMaker / AzureML / HyperAI / SSH records, token providers (gcloud through an injected runner),
// ~/.databrickscfg parsing, Vertex's schedule JSON, and the registry's vertex/databricks cases.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDatabricksConfig, DatabricksAdapter } from '../../src/adapters/databricks';
import { noAdapterReason } from '../../src/adapters/noAdapter';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import { gcloudTokenProvider, staticTokenProvider, firstTokenProvider, type CommandRunner } from '../../src/adapters/tokens';
import { VertexAdapter, vertexCronZone } from '../../src/adapters/vertex';
import { parseSchedule } from '../../src/adapters/zenmlModels';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';

const record = parseSchedule({
  id: '11111111-1111-1111-1111-111111111111',
  name: 'nightly',
  body: { active: true, cron_expression: '0 3 * * *', created: '2026-01-01T00:00:00', updated: '2026-01-01T00:00:00' },
  metadata: { orchestrator_id: '22222222-2222-2222-2222-222222222222', pipeline_id: null, run_metadata: {} },
})!;

describe('no adapter yet: SageMaker, AzureML, HyperAI, SSH', () => {
  const zenml = new ZenmlServerAdapter({ name: 'z', url: 'http://127.0.0.1:1' });
  const consoles: Record<string, RegExp> = { sagemaker: /EventBridge Scheduler/, azureml: /Azure Machine Learning studio/, hyperai: /HyperAI instance's crontab/, ssh: /crontab/ };
  for (const [flavor, where] of Object.entries(consoles)) {
    it(`${flavor}: the record still shows, with "no adapter yet: manage it in …" and nothing offered`, () => {
      assert.ok(record, 'the record parses');
      const support = zenml.changeSupport(record, { id: record.orchestratorId!, name: 'orch', flavor, type: 'orchestrator' });
      assert.deepEqual(support.operations, []);
      assert.equal(support.pauseStopsRuns, false);
      assert.match(support.reason ?? '', /^No adapter yet for [A-Za-z]+: manage this schedule in /);
      assert.match(support.reason ?? '', where);
      assert.equal(noAdapterReason(flavor), support.reason);
    });
  }
  it('flavors with an adapter, or that cannot schedule, keep their own answers', () => {
    assert.equal(noAdapterReason('vertex'), null);
    assert.equal(noAdapterReason('kubernetes'), null);
    assert.equal(noAdapterReason('local'), null);
    assert.equal(noAdapterReason('my_custom_flavor'), null);
    const vertex = new ZenmlServerAdapter({ name: 'z', url: 'http://127.0.0.1:1' }).changeSupport(record, { id: 'x', name: 'v', flavor: 'vertex', type: 'orchestrator' });
    assert.match(vertex.reason ?? '', /Connect the Vertex AI orchestrator/);
  });
});

describe('token providers', () => {
  const runner = (outputs: { code: number | null; stdout: string; stderr?: string; spawnError?: string }[]) => {
    const calls: string[][] = [];
    const run: CommandRunner = async (command, args) => {
      calls.push([command, ...args]);
      const o = outputs[Math.min(calls.length - 1, outputs.length - 1)];
      return { code: o.code, stdout: o.stdout, stderr: o.stderr ?? '', spawnError: o.spawnError };
    };
    return { run, calls };
  };

  it('gcloud runs lazily, once for concurrent calls, and is cached until the stated expiry', async () => {
    let now = new Date('2026-12-02T00:00:00Z');
    const r = runner([{ code: 0, stdout: '{"token": "ya29.a", "token_expiry": "2026-12-02T01:00:00Z"}' }, { code: 0, stdout: '{"token": "ya29.b", "token_expiry": "2026-12-02T02:00:00Z"}' }]);
    const p = gcloudTokenProvider({ run: r.run, now: () => now });
    assert.equal(r.calls.length, 0);
    const [a, b] = await Promise.all([p.token(), p.token()]);
    assert.deepEqual([a.ok && a.value?.token, b.ok && b.value?.token], ['ya29.a', 'ya29.a']);
    assert.deepEqual(r.calls, [['gcloud', 'auth', 'print-access-token', '--format=json']]);
    now = new Date('2026-12-02T00:59:30Z'); // within a minute of expiry: renewed
    const c = await p.token();
    assert.equal(c.ok && c.value?.token, 'ya29.b');
    p.invalidate();
    await p.token();
    assert.equal(r.calls.length, 3);
  });

  it('gcloud: a bare token is read; not installed → no token; a failure says to log in', async () => {
    const plain = await gcloudTokenProvider({ run: runner([{ code: 0, stdout: 'ya29.plain\n' }]).run }).token();
    assert.equal(plain.ok && plain.value?.token, 'ya29.plain');
    const missing = await gcloudTokenProvider({ run: runner([{ code: null, stdout: '', spawnError: 'ENOENT' }]).run }).token();
    assert.deepEqual(missing, { ok: true, value: null });
    const failed = await gcloudTokenProvider({ run: runner([{ code: 1, stdout: '', stderr: 'ERROR: (gcloud.auth.print-access-token) Reauthentication required.' }]).run }).token();
    assert.ok(!failed.ok);
    assert.equal(failed.error.code, 'unauthorized');
    assert.match(failed.error.message, /Reauthentication required.*gcloud auth login/);
  });

  it("the user's token comes before gcloud, which runs only when there is none", async () => {
    const r = runner([{ code: 0, stdout: '"ya29.g"' }]);
    const withToken = firstTokenProvider([staticTokenProvider('mine', async () => 'secret'), gcloudTokenProvider({ run: r.run })]);
    const t = await withToken.token();
    assert.equal(t.ok && t.value?.token, 'secret');
    assert.equal(r.calls.length, 0);
    const without = firstTokenProvider([staticTokenProvider('mine', async () => undefined), gcloudTokenProvider({ run: r.run })]);
    const g = await without.token();
    assert.equal(g.ok && g.value?.token, 'ya29.g');
    assert.equal(without.label, 'gcloud auth print-access-token');
  });
});

describe('Vertex AI and Databricks parsing', () => {
  it('reads TZ= / CRON_TZ= prefixes', () => {
    assert.equal(vertexCronZone('TZ=Europe/Berlin 0 3 * * *'), 'Europe/Berlin');
    assert.equal(vertexCronZone('CRON_TZ=America/New_York 0 3 * * *'), 'America/New_York');
    assert.equal(vertexCronZone('0 3 * * *'), null);
  });

  it('reads a Vertex schedule in camelCase with int enums and in snake_case with names', () => {
    const a = new VertexAdapter({ name: 'v', project: 'p', region: 'r', tokens: staticTokenProvider('t', async () => 't') });
    assert.equal(a.baseUrl, 'https://r-aiplatform.googleapis.com');
    const camel = a.toLive({ name: 'projects/p/locations/r/schedules/42', displayName: 'n', cron: '0 1 * * *', state: 3, startedRunCount: '5', maxRunCount: '5', nextRunTime: '2026-12-03T01:00:00Z' })!;
    assert.equal(camel.state, 'completed');
    assert.equal(camel.details['started runs'], '5 of 5');
    assert.equal(camel.timeZone, 'UTC');
    const snake = a.toLive({ name: 'projects/p/locations/r/schedules/43', display_name: 'm', cron: 'TZ=Asia/Tokyo 0 1 * * *', state: 'PAUSED', started_run_count: '2', catch_up: true })!;
    assert.equal(snake.name, 'm');
    assert.equal(snake.state, 'paused');
    assert.equal(snake.catchup, true);
    assert.equal(snake.timeZone, 'Asia/Tokyo');
    assert.equal(a.toLive({ displayName: 'no name' }), null);
  });

  it('parses ~/.databrickscfg profiles (DEFAULT values inherited, quotes, comments)', () => {
    const text = '# c\n[DEFAULT]\nhost = https://a\ntoken = "dapi-a"\n[dev]\nhost=https://b\n';
    assert.deepEqual(parseDatabricksConfig(text), { host: 'https://a', token: 'dapi-a' });
    assert.deepEqual(parseDatabricksConfig(text, 'dev'), { host: 'https://b', token: 'dapi-a' });
    assert.equal(parseDatabricksConfig(text, 'prod'), null);
    assert.equal(parseDatabricksConfig(''), null);
  });

  it('the registry builds vertex and databricks adapters, and refuses a vertex connection without project/region', () => {
    const { connections, problems } = parseConnections([
      { name: 'vx', type: 'vertex', project: 'p', region: 'europe-west4' },
      { name: 'db', type: 'databricks', url: 'https://x.cloud.databricks.com', profile: 'dev' },
      { name: 'bad', type: 'vertex', project: 'p' },
    ]);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /needs region/);
    const deps = { secrets: async () => ({}) };
    const vx = createAdapter(connections[0], deps);
    assert.ok(vx.ok && vx.value instanceof VertexAdapter);
    assert.equal(vx.value.capabilities.dialect, 'vertex');
    const db = createAdapter(connections[1], deps);
    assert.ok(db.ok && db.value instanceof DatabricksAdapter);
    assert.equal(db.value.capabilities.dialect, 'databricks');
  });
});

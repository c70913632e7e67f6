// `zenml-schedules schedules update|resume` against a ZenML server, and a NAME that matches in two
// sources (exit 2, both listed, --source picks one). The server is the in-memory ZenML REST API
// (zenml-fake-fetch.ts); ZenML's client is a stand-in that changes the record as the real one does
// (the live suite runs the same commands through the real client: test/live/zenml-adapter.test.ts).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ScheduleChange, ZenmlClientBridge } from '../../src/adapters/zenmlClientBridge';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { fakeZenml, type FakeRecord } from './zenml-fake-fetch';

const NOW = new Date('2026-12-02T10:00:00Z');
const K8S = '88888888-8888-8888-8888-888888888888';
const AIRFLOW = '99999999-9999-9999-9999-999999999999';

function setup() {
  const records: FakeRecord[] = [
    { id: K8S, name: 'nightly', active: false, orchestratorId: 'o-k8s', pipelineId: 'p1', cronJobName: 'nightly-abc' },
    { id: AIRFLOW, name: 'af-daily', active: true, orchestratorId: 'o-af', pipelineId: 'p1' },
  ];
  const fake = fakeZenml({
    records,
    components: [
      { id: 'o-k8s', name: 'k8s', flavor: 'kubernetes' },
      { id: 'o-af', name: 'airflow', flavor: 'airflow' },
    ],
    pipelines: [{ id: 'p1', name: 'train' }],
    runs: [{ id: 'r1', scheduleId: K8S, status: 'completed', created: '2026-12-01T03:00:05' }],
  });
  const calls: ScheduleChange[] = [];
  const bridge: ZenmlClientBridge = {
    async change(_target, id, change) {
      calls.push(change);
      const r = records.find((x) => x.id === id)!;
      if (change.action === 'update') r.cron = change.cronExpression;
      if (change.action === 'pause' || change.action === 'resume') r.active = change.action === 'resume';
      const what = change.action === 'update' ? `schedule set to '${change.cronExpression}'` : change.action === 'resume' ? 'resumed (suspend: false)' : 'suspended';
      return { ok: true, value: { changed: [{ where: `CronJob ${r.cronJobName}`, what }, { where: `ZenML record ${r.name}`, what: 'updated' }], unchanged: [] } };
    },
  };
  const env = { ZS_KEY: 'ZENKEY_x' };
  const deps = { env, fetch: fake.fetch, bridgeFor: () => bridge };
  const base = ['--zenml-url', 'http://zen.test', '--api-key-env', 'ZS_KEY'];
  return { records, calls, deps, base };
}

describe('CLI update and resume against ZenML', () => {
  it('update --cron goes through ZenML\'s client, is read back, and prints what changed where (exit 0)', async () => {
    const { records, calls, deps, base } = setup();
    const io = memoryIo(NOW);
    assert.equal(await runSchedules(['update', 'nightly', '--cron', '30 4 * * *', ...base, '--json'], io, deps), 0, io.err + io.out);
    const report = JSON.parse(io.out);
    assert.deepEqual(report.changed.map((c: { where: string }) => c.where), ['CronJob nightly-abc', 'ZenML record nightly']);
    assert.deepEqual(report.unchanged, []);
    assert.deepEqual(calls, [{ action: 'update', cronExpression: '30 4 * * *' }]);
    assert.equal(records[0].cron, '30 4 * * *');
  });

  it('update refuses an expression invalid in the orchestrator dialect (6 fields on Kubernetes), and Airflow (ZenML cannot change it): exit 1, nothing run', async () => {
    const { calls, deps, base } = setup();
    let io = memoryIo(NOW);
    assert.equal(await runSchedules(['update', 'nightly', '--cron', '0 3 * * * *', ...base], io, deps), 1);
    assert.match(io.out, /not changed: .*not a valid kubernetes cron expression/);
    io = memoryIo(NOW);
    assert.equal(await runSchedules(['update', 'af-daily', '--cron', '0 5 * * *', ...base], io, deps), 1);
    assert.match(io.out, /not changed: .*ZenML cannot change schedules on Airflow/);
    assert.deepEqual(calls, []);
  });

  it('resume prints what resuming starts, then resumes through the client (exit 0); text says what changed', async () => {
    const { records, calls, deps, base } = setup();
    const io = memoryIo(NOW);
    assert.equal(await runSchedules(['resume', K8S, ...base], io, deps), 0, io.err + io.out);
    assert.match(io.out, /^preview: /m);
    assert.match(io.out, /CronJob nightly-abc resumed \(suspend: false\)/);
    assert.deepEqual(calls, [{ action: 'resume' }]);
    assert.equal(records[0].active, true);
  });

  it('a NAME found in two sources: exit 2, both listed with their ids, nothing changed; --source picks one', async () => {
    const { calls, deps } = setup();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-cli-'));
    try {
      const file = path.join(dir, 'connections.json');
      fs.writeFileSync(file, JSON.stringify([
        { name: 'prod', type: 'zenml', url: 'http://zen.test', apiKeyEnv: 'ZS_KEY' },
        { name: 'staging', type: 'zenml', url: 'http://zen-staging.test', apiKeyEnv: 'ZS_KEY' },
      ]));
      let io = memoryIo(NOW);
      assert.equal(await runSchedules(['pause', 'af-daily', '--connections', file], io, deps), 2);
      assert.match(io.err, /'af-daily' matches in 2 sources: .*(prod|staging) \(9{8}-.*\), .*(prod|staging) \(9{8}-/);
      assert.match(io.err, /--source NAME/);
      io = memoryIo(NOW);
      assert.equal(await runSchedules(['show', 'af-daily', '--connections', file], io, deps), 2);
      io = memoryIo(NOW);
      assert.equal(await runSchedules(['show', 'af-daily', '--connections', file, '--source', 'staging'], io, deps), 0, io.err);
      assert.match(io.out, /af-daily {2}\(staging\)/);
      assert.deepEqual(calls, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The pure parts of changes made through ZenML's own client: reading the helper's JSON,
// deciding from the read-back state whether a change really happened, the environment the
// helper runs in, and the mapping to the adapter layer's errors. (The helper against a real
// ZenML server and the loopback CronJob API is tested in test/live/.)

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toAdapterError, toChangeReport } from '../../src/adapters/zenmlClientChange';
import {
  SCHEDULE_CHANGE_ERROR_CODES,
  changeScheduleThroughZenml,
  helperArgs,
  judgeScheduleChange,
  parseScheduleChangeOutput,
  remedyFor,
  scheduleChangeEnv,
} from '../../src/zenml/scheduleChange';

const cron = (suspend: boolean, schedule = '0 3 * * *') => ({ suspend, schedule, resourceVersion: '7' });
const record = (active: boolean, cronExpression = '0 3 * * *', isArchived = false, name = 'nightly') => ({
  id: 'u1',
  name,
  active,
  cronExpression,
  isArchived,
});

function raw(before: unknown, after: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    protocol: 1,
    zenmlVersion: '0.98.0',
    serverVersion: '0.98.0',
    schedule: { id: 'u1', name: 'nightly' },
    orchestrator: { id: 'o1', name: 'k8s', flavor: 'kubernetes' },
    cronJob: { name: 'abcd1234-train', namespace: 'zenml', context: 'loop' },
    before,
    after,
    notes: [],
    ...extra,
  };
}

describe('judgeScheduleChange: success only when both sides read back changed', () => {
  it('pause: CronJob suspended and record inactive → changed on both', () => {
    const r = judgeScheduleChange({ action: 'pause' }, raw({ record: record(true), cronJob: cron(false) }, { record: record(false), cronJob: cron(true) }), 'py');
    assert.ok(r.ok);
    assert.deepEqual(r.value.changed, [
      { where: 'CronJob zenml/abcd1234-train', what: 'suspended (spec.suspend: true)' },
      { where: "ZenML record 'nightly'", what: 'set inactive' },
    ]);
  });

  it('pause: record changed but the CronJob still runs → not-applied, naming the CronJob', () => {
    const r = judgeScheduleChange({ action: 'pause' }, raw({ record: record(true), cronJob: cron(false) }, { record: record(false), cronJob: cron(false) }), 'py');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'not-applied');
    assert.match(r.error.message, /CronJob zenml\/abcd1234-train still has spec\.suspend: false/);
  });

  it('resume when both already agree → ok, reported as unchanged with why', () => {
    const r = judgeScheduleChange({ action: 'resume' }, raw({ record: record(true), cronJob: cron(false) }, { record: record(true), cronJob: cron(false) }), 'py');
    assert.ok(r.ok);
    assert.equal(r.value.changed.length, 0);
    assert.equal(r.value.unchanged.length, 2);
  });

  it('update: the new expression on both sides; a record-only change is refused', () => {
    const ok = judgeScheduleChange(
      { action: 'update', cronExpression: '0 4 * * *' },
      raw({ record: record(true), cronJob: cron(false) }, { record: record(true, '0 4 * * *'), cronJob: cron(false, '0 4 * * *') }),
      'py',
    );
    assert.ok(ok.ok);
    assert.match(ok.value.changed[0].what, /'0 3 \* \* \*' → '0 4 \* \* \*'/);
    const bad = judgeScheduleChange(
      { action: 'update', cronExpression: '0 4 * * *' },
      raw({ record: record(true), cronJob: cron(false) }, { record: record(true, '0 4 * * *'), cronJob: cron(false) }),
      'py',
    );
    assert.ok(!bad.ok);
    assert.match(bad.error.message, /still has spec\.schedule '0 3 \* \* \*'/);
  });

  it('delete (archive): CronJob gone and record archived; purge: record gone', () => {
    const archived = judgeScheduleChange(
      { action: 'delete', purge: false },
      raw({ record: record(true), cronJob: cron(false) }, { record: record(false, '0 3 * * *', true, 'nightly_x'), cronJob: null }),
      'py',
    );
    assert.ok(archived.ok);
    assert.deepEqual(archived.value.changed.map((c) => c.what), ['deleted', "archived (as 'nightly_x')"]);
    const purged = judgeScheduleChange({ action: 'delete', purge: true }, raw({ record: record(true), cronJob: null }, { record: null, cronJob: null }), 'py');
    assert.ok(purged.ok);
    assert.deepEqual(purged.value.unchanged, [{ where: 'CronJob zenml/abcd1234-train', why: 'was already gone' }]);
    const stillThere = judgeScheduleChange({ action: 'delete', purge: false }, raw({ record: record(true), cronJob: cron(false) }, { record: record(true), cronJob: cron(false) }), 'py');
    assert.ok(!stillThere.ok);
    assert.match(stillThere.error.message, /still exists.*not archived/);
  });
});

describe('parseScheduleChangeOutput', () => {
  it('reads a helper error with its code, the cluster status and the snapshots', () => {
    const out = JSON.stringify({
      protocol: 1,
      error: { code: 'cronjob-not-found', message: 'gone', cronJob: 'x', namespace: 'zenml', status: 404, before: { record: record(true), cronJob: null } },
    });
    const r = parseScheduleChangeOutput(`noise\n${out}\n`, '', '/venv/bin/python');
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'cronjob-not-found');
    assert.equal(r.error.status, 404);
    assert.equal(r.error.before?.record?.active, true);
    assert.match(r.error.remedy, /deleted outside ZenML/);
  });

  it('an unknown code becomes helper-failed; no JSON says so with the last stderr line', () => {
    const unknown = parseScheduleChangeOutput(JSON.stringify({ error: { code: 'weird', message: 'm' } }), '', 'py');
    assert.ok(!unknown.ok && unknown.error.code === 'helper-failed');
    const none = parseScheduleChangeOutput('', 'Traceback…\nValueError: boom\n', 'py');
    assert.ok(!none.ok);
    assert.match(none.error.message, /ValueError: boom/);
  });

  it('zenml-too-old keeps where, the minimum and the found version', () => {
    const r = parseScheduleChangeOutput(
      JSON.stringify({ error: { code: 'zenml-too-old', message: 'old', where: 'server', minimumVersion: '0.93.1', zenmlVersion: '0.90.0' } }),
      '',
      'py',
    );
    assert.ok(!r.ok);
    assert.equal(r.error.where, 'server');
    assert.match(r.error.remedy, /Upgrade the ZenML server to 0\.93\.1/);
    const adapter = toAdapterError(r.error, 'prod');
    assert.equal(adapter.code, 'version-too-old');
    assert.equal(adapter.foundVersion, '0.90.0');
    assert.equal(adapter.source, 'prod');
  });
});

describe('every error code has a remedy and an adapter code', () => {
  it('no code falls through to the generic remedy except helper-failed', () => {
    for (const code of SCHEDULE_CHANGE_ERROR_CODES) {
      const remedy = remedyFor({ code, message: 'm', interpreter: 'py' });
      assert.ok(remedy.length > 10, code);
      if (code !== 'helper-failed' && code !== 'usage') assert.notEqual(remedy, 'See the log for the helper output.', code);
      assert.ok(toAdapterError({ code, message: 'm', interpreter: 'py', remedy }).code, code);
    }
  });

  it('unreachable and unauthorized clusters map to the CLI exit-3 codes', () => {
    assert.equal(toAdapterError({ code: 'cluster-unreachable', message: 'm', interpreter: 'py', remedy: 'r' }).code, 'unreachable');
    assert.equal(toAdapterError({ code: 'cluster-unauthorized', message: 'm', interpreter: 'py', remedy: 'r' }).code, 'unauthorized');
    assert.equal(toAdapterError({ code: 'cronjob-not-found', message: 'm', interpreter: 'py', remedy: 'r' }).code, 'not-found');
  });
});

describe('the helper process', () => {
  it('gets only the connection: inherited ZenML store settings and config path are replaced', () => {
    const env = scheduleChangeEnv(
      { PATH: '/bin', KUBECONFIG: '/k', ZENML_STORE_URL: 'http://other', ZENML_STORE_PASSWORD: 'p', ZENML_CONFIG_PATH: '/home/u/.config/zenml', ZENML_ACTIVE_STACK_ID: 's' },
      { url: 'http://127.0.0.1:8080/', apiKey: 'ZENKEY_x' },
      '/tmp/private',
    );
    assert.equal(env.ZENML_STORE_URL, 'http://127.0.0.1:8080');
    assert.equal(env.ZENML_STORE_API_KEY, 'ZENKEY_x');
    assert.equal(env.ZENML_CONFIG_PATH, '/tmp/private');
    assert.equal(env.ZENML_STORE_PASSWORD, undefined);
    assert.equal(env.ZENML_ACTIVE_STACK_ID, undefined);
    assert.equal(env.KUBECONFIG, '/k');
  });

  it('arguments per change', () => {
    assert.deepEqual(helperArgs('u1', { action: 'update', cronExpression: '*/5 * * * *' }), ['schedule', 'update', 'u1', '--cron', '*/5 * * * *']);
    assert.deepEqual(helperArgs('u1', { action: 'delete', purge: true }), ['schedule', 'delete', 'u1', '--purge']);
    assert.deepEqual(helperArgs('u1', { action: 'pause' }), ['schedule', 'pause', 'u1']);
  });

  it('a missing interpreter and an already-cancelled call are values, not exceptions', async () => {
    const missing = await changeScheduleThroughZenml({
      pythonPath: '/nonexistent/python3',
      server: { url: 'http://127.0.0.1:9', apiKey: 'k' },
      scheduleId: 'u1',
      change: { action: 'pause' },
    });
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'interpreter-not-found');
    const controller = new AbortController();
    controller.abort();
    const cancelled = await changeScheduleThroughZenml({
      pythonPath: 'python3',
      server: { url: 'http://127.0.0.1:9', apiKey: 'k' },
      scheduleId: 'u1',
      change: { action: 'pause' },
      signal: controller.signal,
    });
    assert.ok(!cancelled.ok);
    assert.equal(cancelled.error.code, 'cancelled');
  });

  it('toChangeReport keeps changed and folds notes into unchanged', () => {
    const r = judgeScheduleChange(
      { action: 'delete', purge: false },
      raw({ record: record(true), cronJob: null }, { record: record(false, '0 3 * * *', true), cronJob: null }, { notes: ['CronJob was already gone.'] }),
      'py',
    );
    assert.ok(r.ok);
    const report = toChangeReport(r.value);
    assert.equal(report.changed.length, 1);
    assert.equal(report.unchanged.length, 2);
  });
});

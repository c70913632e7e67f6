// The Airflow adapter's pure parts (issue 11): ZenML's DAG ids, Airflow's timetable summaries, and
// how a connection's secrets become credentials. The adapter against real Airflow 3 and 2 is in
// test/live/airflow.test.ts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AirflowAdapter, dagFileToRemove, parseTimetable, pipelineOfDagId, timedeltaSeconds } from '../../src/adapters/airflow';
import { createAdapter, type Connection } from '../../src/adapters/registry';

describe('Airflow adapter: pure parts', () => {
  it("reads ZenML's DAG id (<pipeline>_<32 hex>) and nothing else", () => {
    assert.equal(pipelineOfDagId('train_pipeline_0123456789abcdef0123456789abcdef'), 'train_pipeline');
    assert.equal(pipelineOfDagId('a_b_c_ffffffffffffffffffffffffffffffff'), 'a_b_c');
    assert.equal(pipelineOfDagId('train_pipeline_0123456789ABCDEF0123456789ABCDEF'), null, 'uuid4().hex is lower case');
    assert.equal(pipelineOfDagId('train_pipeline_0123456789abcdef0123456789abcde'), null, '31 hex');
    assert.equal(pipelineOfDagId('_0123456789abcdef0123456789abcdef'), null, 'no pipeline name');
    assert.equal(pipelineOfDagId('hand_written_report'), null);
  });

  it("names the file to remove for a recreate: ZenML's zip, not Airflow's <zip>/dag.py", () => {
    assert.equal(dagFileToRemove('/dags/train_pipeline_ab.zip/dag.py'), '/dags/train_pipeline_ab.zip');
    assert.equal(dagFileToRemove('/dags/hand_written.py'), '/dags/hand_written.py');
    assert.equal(dagFileToRemove(undefined), undefined);
  });

  it("reads Python's str(timedelta) as seconds", () => {
    assert.equal(timedeltaSeconds('1:00:00'), 3600);
    assert.equal(timedeltaSeconds('6:00:00'), 21600);
    assert.equal(timedeltaSeconds('1 day, 0:00:00'), 86400);
    assert.equal(timedeltaSeconds('2 days, 3:04:05.500000'), 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    assert.equal(timedeltaSeconds('0:00:00'), null);
    assert.equal(timedeltaSeconds('0 3 * * *'), null);
  });

  it('reads timetable summaries (Airflow 3) and schedule_interval objects (Airflow 2)', () => {
    assert.deepEqual(parseTimetable('0 3 * * *'), { kind: 'cron', expression: '0 3 * * *', intervalSeconds: null });
    assert.deepEqual(parseTimetable('@daily'), { kind: 'cron', expression: '@daily', intervalSeconds: null });
    assert.deepEqual(parseTimetable('@once'), { kind: 'once', expression: null, intervalSeconds: null });
    assert.deepEqual(parseTimetable('1 day, 0:00:00'), { kind: 'interval', expression: null, intervalSeconds: 86400 });
    assert.deepEqual(parseTimetable(null), { kind: null, expression: null, intervalSeconds: null });
    assert.deepEqual(parseTimetable('Asset'), { kind: null, expression: null, intervalSeconds: null });
    assert.deepEqual(parseTimetable(null, { __type: 'CronExpression', value: '*/5 * * * *' }), { kind: 'cron', expression: '*/5 * * * *', intervalSeconds: null });
    assert.deepEqual(parseTimetable(null, { __type: 'TimeDelta', days: 1, seconds: 3600, microseconds: 0 }), { kind: 'interval', expression: null, intervalSeconds: 90000 });
  });

  it('a DAG from the API becomes a row: state, match hook, warnings, the honest change support', () => {
    const a = new AirflowAdapter({ name: 'af', url: 'http://127.0.0.1:1/' });
    const row = a.toLive({ dag_id: 'etl_ffffffffffffffffffffffffffffffff', is_paused: true, timetable_summary: '0 3 * * *', has_import_errors: true, is_stale: true });
    assert.equal(row.state, 'paused');
    assert.deepEqual(row.match, { madeByZenml: true, pipeline: 'etl', nativeName: 'etl_ffffffffffffffffffffffffffffffff' });
    assert.equal(row.warnings.length, 2);
    assert.deepEqual(row.changes?.operations, ['pause', 'resume']);
    assert.equal(row.changes?.pauseStopsRuns, true);
    assert.match(row.changes?.reason ?? '', /DAG file/);
    assert.equal(a.capabilities.dialect, 'airflow');
    assert.ok(!a.capabilities.operations.includes('update') && !a.capabilities.operations.includes('delete'));
  });

  it('update, create and delete are refused without a request (typed unsupported, pointing at Recreate…)', async () => {
    const a = new AirflowAdapter({ name: 'af', url: 'http://127.0.0.1:1', fetch: () => Promise.reject(new Error('no request may be sent')) });
    for (const r of [await a.update('x', { expression: '0 4 * * *' }), await a.create({ pipeline: 'p', expression: '0 4 * * *' }), await a.delete('x')]) {
      assert.ok(!r.ok);
      assert.equal(r.error.code, 'unsupported');
      assert.match(r.error.message, /Nothing was changed/);
    }
  });

  it('the registry builds it; secrets: user name + password (CLI), or the editor\'s one secret as the password of a named user, or as a JWT', async () => {
    const seen: (string | null)[] = [];
    const fetchSpy = async (input: string, init: RequestInit) => {
      seen.push(new Headers(init.headers).get('authorization'));
      return new Response(JSON.stringify({ detail: 'nope' }), { status: 404, headers: { 'content-type': 'application/json' } });
    };
    const make = (connection: Partial<Connection>, secrets: Record<string, string> | null) => {
      const made = createAdapter({ name: 'af', type: 'airflow', url: 'http://127.0.0.1:1', ...connection } as Connection, { secrets: async () => secrets, fetch: fetchSpy });
      assert.ok(made.ok);
      assert.equal(made.value.type, 'airflow');
      return made.value as AirflowAdapter;
    };
    // Airflow 2 path: /api/v2/version 404 → /api/v1/version with basic auth.
    await make({}, { username: 'u', password: 'p' }).detect();
    assert.equal(seen.at(-1), `Basic ${Buffer.from('u:p').toString('base64')}`);
    await make({ username: 'ed' }, { apiKey: 's3cret', token: 's3cret' }).detect();
    assert.equal(seen.at(-1), `Basic ${Buffer.from('ed:s3cret').toString('base64')}`);
    await make({}, null).detect();
    assert.equal(seen.at(-1), null);
  });
});

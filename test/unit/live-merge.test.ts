// The merge of live orchestrator rows with the ZenML records they came from (src/workspace/liveMerge.ts),
// and which path carries out a change on a merged row (contracts.md "Connections"), with recording
// adapters that keep state (a change must reach the adapter it is routed to, and only that one).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeReport, LiveSchedule, Result, ScheduleAdapter } from '../../src/adapters/types';
import { CONNECTION_SECRETS, CONNECTION_TYPES, decodeSecrets, encodeSecrets } from '../../src/workspace/connectionSettings';
import { buildLiveRows, type LiveGroup } from '../../src/workspace/liveModel';
import { MATCHED_BY_METADATA, MATCHED_BY_NAME, changeLive, changeRoute, findRecord, mergeLiveGroups } from '../../src/workspace/liveMerge';
import { liveSchedule } from './live-fixtures';

const NOW = new Date('2026-12-02T00:00:00Z');

function schedule(over: Partial<LiveSchedule> & { id: string }): LiveSchedule {
  return liveSchedule({ name: over.id, pipeline: 'training', ...over });
}

const cronJob = (name: string, over: Partial<LiveSchedule> = {}) =>
  schedule({ id: name, match: { madeByZenml: true, nativeName: name, pipeline: over.pipeline ?? 'training' }, ...over });
const record = (id: string, over: Partial<LiveSchedule> = {}) => schedule({ id, name: `rec-${id}`, zenmlId: id, ...over });

function group(source: string, type: string, schedules: LiveSchedule[], error: LiveGroup['error'] = null): LiveGroup {
  return { source, type, rows: buildLiveRows(source, schedules, null, { now: NOW }), error };
}

describe('merging orchestrator rows with ZenML records', () => {
  it('matches by the CronJob name in the record\'s run metadata first', () => {
    const cj = cronJob('a1b2c3d4-training');
    const byMeta = record('r1', { match: { madeByZenml: true, nativeName: 'a1b2c3d4-training' }, expression: '5 5 * * *' });
    const byName = record('r2');
    const found = findRecord(cj, 'kubernetes', [byName, byMeta]);
    assert.equal(found?.record.id, 'r1');
    assert.equal(found?.matchedBy, MATCHED_BY_METADATA);
  });

  it('falls back to ZenML\'s naming rules (pipeline + expression + orchestrator), only when one record fits', () => {
    const cj = cronJob('a1b2c3d4-training');
    assert.equal(findRecord(cj, 'kubernetes', [record('r2')])?.matchedBy, MATCHED_BY_NAME);
    assert.equal(findRecord(cj, 'kubernetes', [record('r2'), record('r3')]), null, 'two candidates: no guess');
    assert.equal(findRecord(cj, 'kubernetes', [record('r2', { expression: '0 4 * * *' })]), null, 'another trigger');
    assert.equal(findRecord(cj, 'kubernetes', [record('r2', { pipeline: 'eval' })]), null, 'another pipeline');
    assert.equal(findRecord(cj, 'kubernetes', [record('r2', { orchestrator: 'airflow' })]), null, 'another orchestrator');
    assert.equal(findRecord(cj, 'kubernetes', [record('r2', { match: { madeByZenml: true, nativeName: 'other-cronjob' } })]), null, 'the record names another CronJob');
    assert.equal(findRecord(cj, 'kubernetes', [record('r2', { state: 'archived' })]), null, 'archived records are not merged');
    assert.equal(findRecord({ ...cj, match: { madeByZenml: false, nativeName: 'a1b2c3d4-training' } }, 'kubernetes', [record('r2')]), null, 'not made by ZenML');
  });

  it('lists a matched record once, under the orchestrator connection, with zenmlId, matchedBy and the record in details', () => {
    const groups = [
      group('prod', 'zenml', [record('r1', { match: { madeByZenml: true, nativeName: 'a1b2c3d4-training' } }), record('r9', { pipeline: 'other' })]),
      group('cluster', 'kubernetes', [cronJob('a1b2c3d4-training'), schedule({ id: 'backup', pipeline: null, match: { madeByZenml: false, nativeName: 'backup' } })]),
    ];
    const m = mergeLiveGroups(groups);
    const zenml = m.groups.find((g) => g.source === 'prod')!;
    const k8s = m.groups.find((g) => g.source === 'cluster')!;
    assert.deepEqual(zenml.rows.map((r) => r.schedule.id), ['r9'], 'the merged record is not listed twice');
    assert.equal(m.notes.get('prod'), '1 schedule is shown under cluster, where it fires');
    const row = k8s.rows.find((r) => r.schedule.id === 'a1b2c3d4-training')!;
    assert.equal(row.schedule.zenmlId, 'r1');
    assert.equal(row.schedule.matchedBy, MATCHED_BY_METADATA);
    assert.equal(row.schedule.details['ZenML record'], 'rec-r1 (r1) on prod, run metadata');
    assert.equal(k8s.rows.find((r) => r.schedule.id === 'backup')!.schedule.zenmlId, null);
    assert.deepEqual(m.merged, [{ zenmlSource: 'prod', zenmlId: 'r1', recordName: 'rec-r1', source: 'cluster', key: 'cluster/a1b2c3d4-training', matchedBy: MATCHED_BY_METADATA }]);
  });

  it('one record merges into one row only, and a failed orchestrator group leaves the records where they are', () => {
    const twins = [cronJob('aaaaaaaa-training'), cronJob('bbbbbbbb-training')];
    const m = mergeLiveGroups([group('prod', 'zenml', [record('r2')]), group('cluster', 'kubernetes', twins)]);
    assert.deepEqual(
      m.groups[1].rows.map((r) => r.schedule.zenmlId),
      ['r2', null],
    );
    const failed = mergeLiveGroups([group('prod', 'zenml', [record('r2')]), group('cluster', 'kubernetes', [], { code: 'unreachable', message: 'down' })]);
    assert.deepEqual(failed.groups[0].rows.map((r) => r.schedule.id), ['r2']);
    assert.equal(failed.notes.size, 0);
  });

  it('warns when the record and the orchestrator disagree (state, expression)', () => {
    const m = mergeLiveGroups([
      group('prod', 'zenml', [record('r1', { state: 'active', expression: '0 4 * * *', match: { madeByZenml: true, nativeName: 'a1b2c3d4-training' } })]),
      group('cluster', 'kubernetes', [cronJob('a1b2c3d4-training', { state: 'paused' })]),
    ]);
    const w = m.groups[1].rows[0].schedule.warnings.join(' | ');
    assert.match(w, /still says active while it is paused here/);
    assert.match(w, /record says '0 4 \* \* \*', the orchestrator fires '0 3 \* \* \*'/);
  });
});

/** An adapter that records the calls it gets and answers with a report naming itself. */
function recorder(name: string, type: string, extra: { hasClientBridge?: boolean; recordKeeper?: boolean } = {}) {
  const calls: string[] = [];
  const report = (what: string): Promise<Result<ChangeReport>> => Promise.resolve({ ok: true, value: { changed: [{ where: name, what }], unchanged: [], after: schedule({ id: 'x' }) } });
  const adapter: ScheduleAdapter & { hasClientBridge?: boolean; setRecordActive?: (id: string, active: boolean) => Promise<Result<ChangeReport>> } = {
    name,
    type,
    capabilities: { operations: [], kinds: ['cron'], dialect: 'kubernetes', pauseStopsRuns: true },
    list: async () => ({ ok: true, value: { items: [] } }),
    get: async (id) => {
      calls.push(`get ${id}`);
      return { ok: true, value: schedule({ id }) };
    },
    pause: (id) => (calls.push(`pause ${id}`), report('paused')),
    resume: (id) => (calls.push(`resume ${id}`), report('resumed')),
    update: (id, c) => (calls.push(`update ${id} ${c.expression}`), report('updated')),
    delete: (id) => (calls.push(`delete ${id}`), report('deleted')),
  };
  if (extra.hasClientBridge !== undefined) adapter.hasClientBridge = extra.hasClientBridge;
  if (extra.recordKeeper) adapter.setRecordActive = (id, active) => (calls.push(`record ${id} ${active}`), report(active ? 'set active' : 'set inactive'));
  return { adapter, calls };
}

describe('which path changes a merged row', () => {
  const merged = cronJob('a1b2c3d4-training', { zenmlId: 'r1', matchedBy: MATCHED_BY_METADATA });

  it('ZenML\'s own client when the record exists and the ZenML connection has an interpreter; read back on the cluster', async () => {
    const k = recorder('cluster', 'kubernetes');
    const z = recorder('prod', 'zenml', { hasClientBridge: true, recordKeeper: true });
    assert.equal(changeRoute(merged, k.adapter, z.adapter).via, 'zenml-client');
    const r = await changeLive(merged, k.adapter, z.adapter, { action: 'pause' });
    assert.ok(r.ok);
    assert.deepEqual(z.calls, ['pause r1']);
    assert.deepEqual(k.calls, ['get a1b2c3d4-training']);
    assert.equal(r.value.after?.zenmlId, 'r1');
  });

  it('the Kubernetes adapter, then PUT active on the record, when ZenML\'s client cannot be used', async () => {
    const k = recorder('cluster', 'kubernetes');
    const z = recorder('prod', 'zenml', { hasClientBridge: false, recordKeeper: true });
    const r = await changeLive(merged, k.adapter, z.adapter, { action: 'pause' });
    assert.ok(r.ok);
    assert.deepEqual(k.calls, ['pause a1b2c3d4-training']);
    assert.deepEqual(z.calls, ['record r1 false']);
    assert.deepEqual(r.value.changed.map((c) => `${c.where} ${c.what}`), ['cluster paused', 'prod set inactive']);
    const u = await changeLive(merged, k.adapter, z.adapter, { action: 'update', expression: '0 5 * * *' });
    assert.ok(u.ok);
    assert.deepEqual(z.calls, ['record r1 false'], 'an update does not touch the record\'s active flag');
  });

  it('an orchestrator ZenML does not manage (Airflow) is changed by its own adapter, then the record, even with an interpreter', async () => {
    const dag = schedule({ id: 'train_0123456789abcdef0123456789abcdef', orchestrator: 'airflow', zenmlId: 'r7', matchedBy: MATCHED_BY_NAME, match: { madeByZenml: true, pipeline: 'training' } });
    const af = recorder('airflow', 'airflow');
    const z = recorder('prod', 'zenml', { hasClientBridge: true, recordKeeper: true });
    assert.equal(changeRoute(dag, af.adapter, z.adapter).via, 'orchestrator');
    const r = await changeLive(dag, af.adapter, z.adapter, { action: 'pause' });
    assert.ok(r.ok);
    assert.deepEqual(af.calls, ['pause train_0123456789abcdef0123456789abcdef']);
    assert.deepEqual(z.calls, ['record r7 false']);
  });

  it('the Kubernetes adapter alone for a CronJob without a record, or with no ZenML connection', async () => {
    const k = recorder('cluster', 'kubernetes');
    const z = recorder('prod', 'zenml', { hasClientBridge: true, recordKeeper: true });
    const plain = cronJob('ffffffff-report');
    await changeLive(plain, k.adapter, z.adapter, { action: 'resume' });
    await changeLive(merged, k.adapter, null, { action: 'delete' });
    assert.deepEqual(k.calls, ['resume ffffffff-report', 'delete a1b2c3d4-training']);
    assert.deepEqual(z.calls, []);
  });
});

describe('connection secrets in SecretStorage (Add Connection…)', () => {
  it('asks each type for what its adapter reads (contracts.md)', () => {
    const keys = (t: (typeof CONNECTION_TYPES)[number]) => CONNECTION_SECRETS[t].choices.map((c) => c.fields.map((f) => f.key).join('+'));
    assert.deepEqual(keys('zenml'), ['apiKey']);
    assert.deepEqual(keys('kubernetes'), ['token']);
    assert.deepEqual(keys('kubeflow'), ['token', 'cookie']);
    assert.deepEqual(keys('airflow'), ['username+password']);
    assert.deepEqual(keys('vertex'), ['token']);
    assert.deepEqual(keys('databricks'), ['token']);
    assert.deepEqual(keys('github'), ['token']);
    assert.equal(CONNECTION_SECRETS.kubernetes.optional, true);
    assert.equal(CONNECTION_SECRETS.databricks.optional, false);
    assert.equal(CONNECTION_SECRETS.airflow.choices[0].fields[0].password, false, 'the user name is not hidden');
  });

  it('stores a lone key as is (as before) and several values as JSON; reads both back', () => {
    assert.equal(encodeSecrets({ apiKey: 'ZENKEY_x' }), 'ZENKEY_x');
    assert.equal(encodeSecrets({ token: '' }), undefined);
    const pair = encodeSecrets({ username: 'admin', password: 'p{w' })!;
    assert.deepEqual(decodeSecrets(pair), { username: 'admin', password: 'p{w' });
    assert.deepEqual(decodeSecrets(encodeSecrets({ cookie: 'authservice_session=abc' })), { cookie: 'authservice_session=abc' });
    assert.deepEqual(decodeSecrets('ZENKEY_x'), { apiKey: 'ZENKEY_x', token: 'ZENKEY_x' });
    assert.deepEqual(decodeSecrets('{not json'), { apiKey: '{not json', token: '{not json' });
    assert.equal(decodeSecrets(undefined), null);
  });
});

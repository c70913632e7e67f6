// Pure parts of live schedules: reading ZenML's shapes, health, drift, rows, connections.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveRun, LiveSchedule } from '../../src/adapters/types';
import { parseConnections, createAdapter } from '../../src/adapters/registry';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { fakeZenml } from './zenml-fake-fetch';
import { compareVersions, parseIsoDuration, parseRun, parseSchedule, parseServerTime, stateOf, kindOf } from '../../src/adapters/zenmlModels';
import { computeHealth } from '../../src/workspace/health';
import { computeDrift, describeDifference, type CodeSchedule } from '../../src/workspace/drift';
import { buildLiveRows, describeLive, listEverySchedule } from '../../src/workspace/liveModel';
import { loginFromFiles } from '../../src/zenml/credentials';
import { resolveConnections, secretsFromEnv } from '../../src/cli/connections';
import { UsageError } from '../../src/cli/args';
import { liveSchedule } from './live-fixtures';

const T = (s: string) => new Date(s);

function live(over: Partial<LiveSchedule> = {}): LiveSchedule {
  return liveSchedule({ catchup: false, created: T('2026-12-01T00:00:00Z'), zenmlId: 'id-1', ...over });
}

const run = (created: string, status: string, id = created): LiveRun => ({ id, status, created: T(created) });

describe('ZenML shapes', () => {
  it('ISO-8601 durations as the server sends interval_second', () => {
    assert.equal(parseIsoDuration('PT1H'), 3600);
    assert.equal(parseIsoDuration('PT1M30S'), 90);
    assert.equal(parseIsoDuration('P1DT2H'), 93600);
    assert.equal(parseIsoDuration('P2W'), 1209600);
    assert.equal(parseIsoDuration('PT0.5S'), 0.5);
    assert.equal(parseIsoDuration(3600), 3600);
    assert.equal(parseIsoDuration('PT'), null);
    assert.equal(parseIsoDuration('P'), null);
    assert.equal(parseIsoDuration('1 hour'), null);
    assert.equal(parseIsoDuration(null), null);
  });

  it('naive times are UTC; offsets are kept; microseconds are read', () => {
    assert.equal(parseServerTime('2026-12-01T23:49:19.046797')?.toISOString(), '2026-12-01T23:49:19.046Z');
    assert.equal(parseServerTime('2026-12-01T23:49:19+01:00')?.toISOString(), '2026-12-01T22:49:19.000Z');
    assert.equal(parseServerTime('2026-12-01')?.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.equal(parseServerTime('garbage'), null);
    assert.equal(parseServerTime(''), null);
  });

  it('a schedule as a real 0.98 server returns it (hydrated and not), and broken items', () => {
    const raw = {
      id: 's1',
      name: 'nightly',
      body: { created: '2026-12-01T23:49:19.046797', active: false, cron_expression: null, interval_second: 'PT1H', start_time: '2026-12-01T00:00:00', is_archived: false, project_id: 'p' },
      metadata: { orchestrator_id: 'o', pipeline_id: 'pl', run_metadata: { cron_job_name: 'abc-train' } },
    };
    const s = parseSchedule(raw)!;
    assert.equal(s.intervalSeconds, 3600);
    assert.equal(s.cronJobName, 'abc-train');
    assert.equal(s.hydrated, true);
    assert.equal(kindOf(s), 'interval');
    assert.equal(stateOf(s, T('2026-12-02T00:00:00Z')), 'paused');
    const bare = parseSchedule({ ...raw, metadata: null })!;
    assert.equal(bare.hydrated, false);
    assert.equal(bare.orchestratorId, null);
    assert.equal(parseSchedule({ name: 'no id' }), null);
    assert.equal(parseSchedule('x'), null);
    const legacy = parseSchedule({ id: 'x', body: { cron_expression: '* * * * *' } })!;
    assert.equal(legacy.legacy, true);
    assert.equal(stateOf(legacy, new Date()), 'active');
    assert.equal(stateOf({ ...s, isArchived: true }, new Date()), 'archived');
    assert.equal(stateOf({ ...s, endTime: T('2026-12-01T12:00:00Z') }, T('2026-12-02T00:00:00Z')), 'completed');
  });

  it('a run with its schedule under resources', () => {
    const r = parseRun({ id: 'r', name: 'train-1', body: { created: '2026-12-01T23:51:10.031401', status: 'FAILED', project_id: 'p' }, resources: { schedule: { id: 's1' } } })!;
    assert.equal(r.status, 'failed');
    assert.equal(r.scheduleId, 's1');
    assert.equal(parseRun({ id: 'r', body: {} }), null);
  });

  it('versions compare numerically', () => {
    assert.ok(compareVersions('0.93.1', '0.93.1') === 0);
    assert.ok(compareVersions('0.98.0', '0.93.1') > 0);
    assert.ok(compareVersions('0.93.0', '0.93.1') < 0);
    assert.ok(compareVersions('0.100.0', '0.93.1') > 0);
    assert.ok(compareVersions('0.92.0rc1', '0.93.1') < 0);
  });
});

describe('health', () => {
  const now = T('2026-12-05T12:00:00Z');

  it('ok when the last finished run completed and no tick was missed', () => {
    const h = computeHealth(live(), [run('2026-12-05T03:00:05Z', 'completed'), run('2026-12-04T03:00:05Z', 'failed')], now);
    assert.equal(h.health, 'ok');
    assert.equal(h.lastRun?.status, 'completed');
  });

  it('failing when the last finished run failed (a running one after it does not hide it)', () => {
    const h = computeHealth(live(), [run('2026-12-05T03:00:05Z', 'failed'), run('2026-12-05T11:59:00Z', 'running')], now);
    assert.equal(h.health, 'failing');
    assert.match(h.reason, /failed at 2026-12-05T03:00:05Z/);
  });

  it('silent after one interval plus 10 minutes, with the missed count and since when', () => {
    // Daily at 03:00; last run on the 2nd: the 3rd, 4th and 5th passed. The 5th's grace ends on the 6th,
    // so at noon on the 5th two ticks (3rd, 4th) are counted.
    const h = computeHealth(live(), [run('2026-12-02T03:00:05Z', 'completed')], now);
    assert.equal(h.health, 'silent');
    assert.equal(h.missed, 2);
    assert.equal(h.silentSince?.toISOString(), '2026-12-03T03:00:00.000Z');
    assert.equal(h.intervalMs, 24 * 3600 * 1000);
    assert.match(h.reason, /no run since 2026-12-03T03:00:00Z: 2 expected runs missed/);
  });

  it('not silent inside the grace', () => {
    const h = computeHealth(live(), [run('2026-12-04T03:00:05Z', 'completed')], T('2026-12-06T03:09:00Z'));
    assert.equal(h.health, 'ok');
    const after = computeHealth(live(), [run('2026-12-04T03:00:05Z', 'completed')], T('2026-12-06T03:11:00Z'));
    assert.equal(after.health, 'silent');
    assert.equal(after.missed, 1);
  });

  it('counted from the later of creation and start; never for paused, archived or completed schedules', () => {
    const created = live({ created: T('2026-12-05T04:00:00Z') });
    assert.equal(computeHealth(created, [], now).health, 'unknown');
    const started = live({ startTime: T('2026-12-05T02:00:00Z'), created: T('2026-11-01T00:00:00Z') });
    assert.equal(computeHealth(started, [], T('2026-12-06T03:11:00Z')).missed, 1);
    for (const state of ['paused', 'archived', 'completed'] as const) {
      assert.equal(computeHealth(live({ state }), [], now).health, 'unknown');
    }
  });

  it('kubeflow dialect: "0 * * * *" read seconds-first fires every hour', () => {
    const kfp = live({ orchestrator: 'kubeflow', expression: '0 0 * * *' });
    const h = computeHealth(kfp, [run('2026-12-05T08:00:01Z', 'completed')], now);
    assert.equal(h.health, 'silent');
    assert.equal(h.intervalMs, 3600 * 1000);
    assert.equal(h.missed, 2); // 09:00 and 10:00 are past their grace of 70 minutes at noon
  });

  it('interval and run-once schedules; an end time stops the count; many misses are capped', () => {
    const every = live({ kind: 'interval', expression: null, intervalSeconds: 3600, startTime: T('2026-12-05T00:00:00Z'), created: T('2026-12-05T00:00:00Z') });
    const h = computeHealth(every, [], now);
    assert.equal(h.health, 'silent');
    assert.equal(h.missed, 10); // 01:00 … 10:00 (11:00 is inside the grace)
    const ended = computeHealth({ ...every, endTime: T('2026-12-05T03:30:00Z') }, [], now);
    assert.equal(ended.missed, 3);
    const once = live({ kind: 'once', expression: null, runOnceTime: T('2026-12-05T06:00:00Z'), created: T('2026-12-05T00:00:00Z') });
    assert.equal(computeHealth(once, [], now).missed, 1);
    const minutely = live({ expression: '* * * * *', created: T('2026-11-01T00:00:00Z') });
    const capped = computeHealth(minutely, [], now);
    assert.equal(capped.missedCapped, true);
    assert.match(capped.reason, /1000 or more expected runs missed/);
  });

  it('unknown when the runs could not be read', () => {
    assert.equal(computeHealth(live(), [], now, { runsKnown: false }).health, 'unknown');
  });
});

describe('drift', () => {
  const code = (over: Partial<CodeSchedule> = {}): CodeSchedule => ({ pipeline: 'train', kind: 'cron', expression: '0 3 * * *', intervalSeconds: null, location: 'train.py:10', ...over });

  it('marks cron, interval, kind and window differences with both values', () => {
    const r = computeDrift([code({ expression: '0 4 * * *' })], [live()]);
    const d = r.live.get('id-1')!;
    assert.equal(d.status, 'drift');
    assert.deepEqual(d.differences, [{ field: 'cron', code: '0 4 * * *', server: '0 3 * * *' }]);
    assert.equal(describeDifference(d.differences[0]), 'cron — code: `0 4 * * *`, server: `0 3 * * *`');
    const kind = computeDrift([code({ kind: 'interval', expression: null, intervalSeconds: 60 })], [live()]).live.get('id-1')!;
    assert.deepEqual(kind.differences.map((x) => x.field), ['kind']);
    const window = computeDrift([code({ startTime: T('2026-12-01T00:00:00Z'), endTime: undefined })], [live()]).live.get('id-1')!;
    assert.deepEqual(window.differences, [{ field: 'start', code: '2026-12-01T00:00:00Z', server: 'none' }]);
    const interval = computeDrift([code({ kind: 'interval', expression: null, intervalSeconds: 60 })], [live({ kind: 'interval', expression: null, intervalSeconds: 3600 })]);
    assert.deepEqual(interval.live.get('id-1')!.differences, [{ field: 'interval', code: '60 s', server: '3600 s' }]);
  });

  it('matches whitespace-insensitively; picks the agreeing one of several; lists both kinds of orphans', () => {
    const r = computeDrift(
      [code({ expression: '0 5 * * *' }), code({ expression: '0  3 * * *', location: 'b.py:1' }), code({ pipeline: 'etl', location: 'etl.py:3' })],
      [live(), live({ id: 'id-2', pipeline: 'report' }), live({ id: 'id-3', pipeline: null }), live({ id: 'id-4', pipeline: 'etl', state: 'archived' })],
    );
    assert.equal(r.live.get('id-1')!.status, 'match');
    assert.equal(r.live.get('id-1')!.code?.location, 'b.py:1');
    assert.equal(r.live.get('id-2')!.status, 'no-code');
    assert.equal(r.live.get('id-3')!.status, 'unknown');
    assert.equal(r.live.has('id-4'), false);
    assert.deepEqual(r.codeOnly.map((c) => c.location), ['etl.py:3']);
  });
});

describe('live rows', () => {
  it('describes and computes next runs in the orchestrator dialect; paused rows have no next run', () => {
    const now = T('2026-12-05T12:00:00Z');
    const k = describeLive(live(), now, 2);
    assert.equal(k.description, 'At 03:00');
    assert.deepEqual(k.nextRuns.map((d) => d.toISOString()), ['2026-12-06T03:00:00.000Z', '2026-12-07T03:00:00.000Z']);
    assert.deepEqual(describeLive(live({ state: 'paused' }), now, 2).nextRuns, []);
    const kfp = describeLive(live({ orchestrator: 'kubeflow', expression: '0 0 * * *' }), now, 1);
    assert.equal(kfp.dialect, 'kubeflow');
    assert.equal(kfp.nextRuns[0].toISOString(), '2026-12-05T13:00:00.000Z');
    const bad = describeLive(live({ expression: 'not a cron' }), now, 1);
    assert.match(bad.description, /^invalid:/);
    const rows = buildLiveRows('srv', [live()], new Map([['id-1', [run('2026-12-05T03:00:01Z', 'failed')]]]), { now, code: [] });
    assert.equal(rows[0].key, 'srv/id-1');
    assert.equal(rows[0].health.health, 'failing');
    assert.equal(rows[0].drift?.status, 'no-code');
  });

  it("computes next runs in the CronJob's spec.timeZone and the Databricks job's timezone_id (issue 12)", () => {
    const now = T('2026-12-05T12:00:00Z');
    // A CronJob with spec.timeZone: 03:00 in Berlin (UTC+1 in winter) is 02:00Z; without one, the controller's UTC.
    const cronJob = describeLive(live({ timeZone: 'Europe/Berlin' }), now, 2);
    assert.deepEqual(cronJob.nextRuns.map((d) => d.toISOString()), ['2026-12-06T02:00:00.000Z', '2026-12-07T02:00:00.000Z']);
    assert.equal(describeLive(live({ timeZone: null }), now, 1).nextRuns[0].toISOString(), '2026-12-06T03:00:00.000Z');
    // A Databricks job: Quartz `0 0 9 * * ?` with timezone_id America/New_York (UTC-5 in winter) is 14:00Z.
    const job = describeLive(live({ orchestrator: 'databricks', expression: '0 0 9 * * ?', timeZone: 'America/New_York' }), now, 1);
    assert.equal(job.dialect, 'databricks');
    assert.equal(job.nextRuns[0].toISOString(), '2026-12-05T14:00:00.000Z');
    // Across a DST change the zone's offset follows: 9:00 New York is 13:00Z after 14 March 2027.
    const summer = describeLive(live({ orchestrator: 'databricks', expression: '0 0 9 * * ?', timeZone: 'America/New_York' }), T('2027-03-20T00:00:00Z'), 1);
    assert.equal(summer.nextRuns[0].toISOString(), '2027-03-20T13:00:00.000Z');
    // And the rows built from them carry those runs.
    const rows = buildLiveRows('srv', [live({ timeZone: 'Asia/Tokyo' })], null, { now, nextRunCount: 1 });
    assert.deepEqual(rows[0].nextRuns.map((d) => d.toISOString()), ['2026-12-05T18:00:00.000Z']);
  });
});

describe('connections', () => {
  it('validates the contracts shape and refuses secrets in the file', () => {
    const { connections, problems } = parseConnections([
      { name: 'a', type: 'zenml', url: 'https://zenml.example.com', apiKeyEnv: 'K' },
      { name: 'a', type: 'zenml', url: 'https://x' },
      { name: 'b', type: 'zenml' },
      { name: 'c', type: 'nomad' },
      { type: 'zenml', url: 'https://x' },
      { name: 'd', type: 'zenml', url: 'ftp://x' },
      { name: 'e', type: 'zenml', url: 'https://x', apiKey: 'ZENKEY_secret' },
      { name: 'f', type: 'vertex', project: 'p', region: 'europe-west4' },
    ]);
    assert.deepEqual(connections.map((c) => c.name), ['a', 'f']);
    assert.deepEqual(problems.map((p) => p.message), [
      "connection 'a': the name is used twice",
      "connection 'b' (zenml) needs url",
      "connection 'c': type must be one of zenml, kubernetes, kubeflow, vertex, airflow, github, databricks",
      'connection 5 has no name',
      "connection 'd': url 'ftp://x' is not an http(s) URL",
      "connection 'e': 'apiKey' holds a secret; name an environment variable with 'apiKeyEnv' instead",
    ]);
    assert.equal(parseConnections({}).problems[0].message, 'connections must be a JSON array of objects');
    // Vertex AI has its adapter now (issue 15): the connection builds one.
    const vertex = createAdapter(connections[1], { secrets: async () => null });
    assert.ok(vertex.ok);
    assert.equal(vertex.value.type, 'vertex');
  });

  it('"this orchestrator cannot run schedules" comes from the layer for non-scheduling flavors', async () => {
    const id = '55555555-5555-5555-5555-555555555555';
    const fake = fakeZenml({ records: [{ id, name: 'local-one', orchestratorId: 'o-ld' }], components: [{ id: 'o-ld', name: 'ld', flavor: 'local_docker' }] });
    const adapter = new ZenmlServerAdapter({ name: 's', url: 'http://zen.test', fetch: fake.fetch, clientBridge: { change: async () => assert.fail('nothing may run') } });
    const listed = await adapter.get(id);
    assert.ok(listed.ok);
    assert.deepEqual(listed.value.changes?.operations, []);
    assert.equal(listed.value.changes?.reason, 'The Local Docker orchestrator cannot run schedules.');
    const paused = await adapter.pause(id);
    assert.ok(!paused.ok);
    assert.equal(paused.error.code, 'unsupported');
    assert.equal(paused.error.message, 'Nothing was changed: The Local Docker orchestrator cannot run schedules.');
    assert.ok(!fake.requests.some((r) => /^(PUT|DELETE) /.test(r)));
  });

  it('secrets come from the environment variables that …Env fields name', () => {
    const [c] = parseConnections([{ name: 'a', type: 'zenml', url: 'https://x', apiKeyEnv: 'MY_KEY', tokenEnv: 'MY_TOKEN' }]).connections;
    assert.deepEqual(secretsFromEnv(c, { MY_KEY: 'k', MY_TOKEN: 't' }), { values: { apiKey: 'k', accessToken: 't' }, missing: [] });
    assert.deepEqual(secretsFromEnv(c, {}).missing, ['MY_KEY', 'MY_TOKEN']);
  });

  it('the CLI picks --zenml-url, then ZENML_STORE_URL + ZENML_STORE_API_KEY, then zenml login; nothing → usage', () => {
    const flags = resolveConnections({ zenmlUrl: 'https://z.example.com', apiKeyEnv: 'K' }, { K: 'key' });
    assert.equal(flags.origin, 'flags');
    assert.deepEqual(flags.secrets.get('zenml'), { apiKey: 'key' });
    assert.throws(() => resolveConnections({ zenmlUrl: 'https://z', apiKeyEnv: 'MISSING' }, {}), /MISSING is not set/);
    assert.throws(() => resolveConnections({ apiKeyEnv: 'K' }, {}), UsageError);
    const env = resolveConnections({}, { ZENML_STORE_URL: 'http://127.0.0.1:8080', ZENML_STORE_API_KEY: 'ZENKEY_x', ZENML_CONFIG_PATH: '/nonexistent' });
    assert.equal(env.origin, 'environment');
    assert.equal(env.connections[0].url, 'http://127.0.0.1:8080');
    assert.throws(() => resolveConnections({}, { ZENML_CONFIG_PATH: '/nonexistent' }), /no ZenML server to talk to/);
  });

  it('reads the server zenml login connected to from config.yaml and credentials.yaml', () => {
    const files = { configFile: 'c', credentialsFile: 'k' };
    const login = loginFromFiles(
      { store: { type: 'rest', url: 'https://zenml.example.com/' } },
      { 'https://zenml.example.com': { url: 'https://zenml.example.com', api_key: null, api_token: { access_token: 'tok', expires_at: '2026-12-02T10:00:00' } } },
      files,
    )!;
    assert.equal(login.accessToken, 'tok');
    assert.equal(login.apiKey, undefined);
    assert.equal(login.expiresAt?.toISOString(), '2026-12-02T10:00:00.000Z');
    assert.equal(loginFromFiles({ store: { type: 'sql', url: 'sqlite:///x' } }, {}, files), null);
    assert.equal(loginFromFiles(undefined, undefined, files), null);
  });
});

describe('listEverySchedule', () => {
  /** An adapter whose pages are given; it records which pages were asked for. */
  function paged(pages: LiveSchedule[][], cycle = false) {
    const asked: (string | undefined)[] = [];
    const adapter = {
      name: 'paged',
      type: 'test',
      capabilities: { operations: ['list'], kinds: ['cron'], dialect: 'standard', pauseStopsRuns: true },
      async list(options?: { page?: string }) {
        asked.push(options?.page);
        const index = options?.page ? Number(options.page) : 0;
        const next = index + 1 < pages.length ? String(index + 1) : cycle ? '1' : undefined;
        return { ok: true as const, value: { items: pages[index], next } };
      },
    } as unknown as Parameters<typeof listEverySchedule>[0];
    return { adapter, asked };
  }

  it('follows a next token past an empty page (an adapter that filters a page away)', async () => {
    const { adapter, asked } = paged([[live({ id: 'a' })], [], [live({ id: 'c' })]]);
    const res = await listEverySchedule(adapter, {});
    assert.ok(res.ok);
    assert.deepEqual(res.value.map((s) => s.id), ['a', 'c']);
    assert.deepEqual(asked, [undefined, '1', '2']);
  });

  it('stops at a token it has seen before', async () => {
    const { adapter, asked } = paged([[live({ id: 'a' })], [live({ id: 'b' })]], true);
    const res = await listEverySchedule(adapter, {});
    assert.ok(res.ok);
    assert.deepEqual(res.value.map((s) => s.id), ['a', 'b']);
    assert.deepEqual(asked, [undefined, '1']);
  });
});

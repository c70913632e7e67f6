// The loopback KFP v2beta1 server (test/servers/kubeflow.ts) checked with the official kfp client
// (kfp.Client from PyPI, test/setup/56-kfp-venv.sh): experiments, creating recurring runs from a
// compiled pipeline (cron and interval), paged and filtered lists, get, :disable / :enable, delete,
// bearer token and session cookie, refusals. Then wrong requests, sent by hand, must be refused as
// the real API refuses them (a v1-style slash verb, a wrong verb, no update, missing auth, a body
// that is not JSON, a forged page token), each with a grpc-gateway error body.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startKubeflowServer, type KubeflowServer } from '../servers/kubeflow';
import { KFP_PYTHON, requirePython } from './env';

const run = promisify(execFile);
const NS = 'team-a';
type Outcome = { ok: boolean; status?: number; body?: { error?: string; code?: number; message?: string; details?: unknown }; error?: string; [k: string]: unknown };

describe('loopback KFP v2beta1 server, driven by the official kfp client', () => {
  let server: KubeflowServer;
  let dir: string;
  let results: Record<string, Outcome>;
  let ids: Record<string, string>;

  before(async () => {
    requirePython(KFP_PYTHON, 'kfp');
    server = await startKubeflowServer({ tokens: { 'kfp-token': { name: 'admin' }, 'reader-token': { name: 'reader', readOnly: true } } });
    server.seedRun({ display_name: 'older', experiment_id: 'e', recurring_run_id: 'rr-1', state: 'FAILED', created_at: new Date('2026-02-01T00:00:00Z'), namespace: NS });
    server.seedRun({ display_name: 'newer', experiment_id: 'e', state: 'SUCCEEDED', created_at: new Date('2026-02-02T00:00:00Z'), namespace: NS });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-check-'));
    const { stdout } = await run(KFP_PYTHON, [path.join(__dirname, 'kfp_client_check.py'), server.url, NS, dir], { timeout: 180_000, maxBuffer: 10 * 1024 * 1024 });
    const parsed = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, Outcome> & { ids: Record<string, string> };
    ids = parsed.ids;
    results = parsed;
  });
  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const good = (name: string) => {
    const r = results[name];
    assert.ok(r?.ok, `${name}: ${JSON.stringify(r)}`);
    return r;
  };
  const refused = (name: string, status: number, code: number, words: RegExp) => {
    const r = results[name];
    assert.equal(r?.ok, false, `${name} should be refused: ${JSON.stringify(r)}`);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r)}`);
    assert.equal(r.body?.code, code, `${name}: gRPC code`);
    assert.match(String(r.body?.message), words);
    assert.equal(r.body?.error, r.body?.message);
    assert.deepEqual(r.body?.details, []);
  };

  it('creates an experiment (found again by name through a filter) and recurring runs from a compiled pipeline', () => {
    const e = good('createExperiment');
    assert.equal(e.same, true);
    assert.equal(e.namespace, NS);
    const c = good('createCron');
    assert.deepEqual([c.mode, c.status, c.cron, c.max_concurrency], ['ENABLE', 'ENABLED', '0 0 3 * * *', '2']);
    const i = good('createInterval');
    assert.deepEqual([i.mode, i.interval], ['DISABLE', '3600']);
    // What the client sent is what the server stored (in the API's field names).
    const stored = server.recurringRuns.get(ids.cron)!;
    assert.equal((stored.pipeline_spec as { pipelineInfo: { name: string } }).pipelineInfo.name, 'train');
    assert.equal(stored.no_catchup, true);
    assert.equal(stored.namespace, NS);
    const post = server.requests.find((r) => r.method === 'POST' && r.path === '/apis/v2beta1/recurringruns')!;
    assert.match(String(post.contentType), /^application\/json/);
  });

  it('refuses what KFP refuses on create: a cron robfig cannot read, max_concurrency over 10', () => {
    refused('createBadCron', 400, 3, /cron is not a supported format/);
    refused('createTooConcurrent', 400, 3, /Max concurrency/);
  });

  it('pages with page_size and next_page_token, lists by experiment and by filter; multi-user needs a namespace', () => {
    const p = good('pagedList');
    assert.deepEqual(p.pages, [[`train_${'0'.repeat(31)}1`], [`train_${'0'.repeat(31)}2`]]);
    assert.equal(p.total, 2);
    assert.deepEqual(good('listByExperiment').names, [`train_${'0'.repeat(31)}1`, `train_${'0'.repeat(31)}2`]);
    assert.deepEqual(good('listFiltered').names, [`train_${'0'.repeat(31)}2`]);
    refused('listNoNamespace', 400, 3, /multi-user mode/);
  });

  it('gets a recurring run with its trigger, window, no_catchup and max_concurrency', () => {
    const g = good('get');
    assert.equal(g.cron, '0 0 3 * * *');
    assert.match(String(g.start), /^2026-01-01 00:00:00/);
    assert.deepEqual([g.no_catchup, g.max_concurrency, g.mode, g.namespace, g.hasSpec], [true, '2', 'ENABLE', NS, true]);
  });

  it(':disable and :enable persist (read back through the client and in the server\'s state); a missing id is 404', () => {
    assert.deepEqual([good('disable').mode, good('disable').status], ['DISABLE', 'DISABLED']);
    assert.deepEqual([good('enable').mode, good('enable').status], ['ENABLE', 'ENABLED']);
    assert.equal(server.recurringRuns.get(ids.cron)!.mode, 'ENABLE');
    const verbs = server.requests.filter((r) => /:(en|dis)able$/.test(r.path)).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')} ${r.status}`);
    assert.deepEqual(verbs, ['POST /apis/v2beta1/recurringruns/ID:disable 200', 'POST /apis/v2beta1/recurringruns/ID:enable 200', 'POST /apis/v2beta1/recurringruns/ID:disable 404', 'POST /apis/v2beta1/recurringruns/ID:disable 403']);
    refused('disableMissing', 404, 5, /not found/);
  });

  it('deletes: the next get is a 404 with a grpc-gateway body', () => {
    const d = good('delete');
    assert.equal(d.gone, true);
    assert.equal((d.body as { code: number }).code, 5);
    assert.ok(!server.recurringRuns.has(ids.interval));
  });

  it('auth: the session cookie works; a wrong token is 401 (code 16); a read-only user is 403 (code 7) and nothing changes', () => {
    assert.equal(good('cookie').n, 1);
    refused('badToken', 401, 16, /Unauthenticated/);
    refused('readerDisable', 403, 7, /PermissionDenied/);
    assert.equal(good('healthz').multi_user, true);
  });

  it('lists runs newest first (sort_by created_at desc) with their state and recurring_run_id', () => {
    assert.deepEqual(good('listRuns').runs, [
      ['newer', 'SUCCEEDED', null],
      ['older', 'FAILED', 'rr-1'],
    ]);
  });

  describe('wrong requests are refused (so a wrong request in the adapter fails its test)', () => {
    const call = async (method: string, p: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
      const res = await fetch(server.url + p, { method, headers: { authorization: 'Bearer kfp-token', ...init.headers }, body: init.body, redirect: 'manual' });
      const text = await res.text();
      return { status: res.status, type: res.headers.get('content-type'), body: text ? (JSON.parse(text) as { code: number; error: string; message: string }) : null };
    };

    it('v1beta1 paths and the v1 slash verb are not routes (404, code 5)', async () => {
      const id = ids.cron;
      for (const [m, p] of [
        ['GET', '/apis/v1beta1/jobs'],
        ['POST', `/apis/v1beta1/jobs/${id}/disable`],
        ['POST', `/apis/v2beta1/recurringruns/${id}/disable`],
        ['POST', `/apis/v2beta1/recurringruns/${id}:pause`],
        ['GET', `/apis/v2/recurringruns`],
      ]) {
        const r = await call(m, p);
        assert.equal(r.status, 404, `${m} ${p}`);
        assert.equal(r.body?.code, 5);
        assert.match(String(r.type), /^application\/json/);
      }
      assert.equal(server.recurringRuns.get(id)!.mode, 'ENABLE', 'nothing changed');
    });

    it('a wrong verb is 405 (code 12): GET on :disable, PUT/PATCH (no update in v2beta1), DELETE on the collection', async () => {
      const id = ids.cron;
      for (const [m, p] of [
        ['GET', `/apis/v2beta1/recurringruns/${id}:disable`],
        ['PUT', `/apis/v2beta1/recurringruns/${id}`],
        ['PATCH', `/apis/v2beta1/recurringruns/${id}`],
        ['DELETE', '/apis/v2beta1/recurringruns'],
      ]) {
        const r = await call(m, p, m === 'PUT' || m === 'PATCH' ? { headers: { 'content-type': 'application/json' }, body: '{"trigger":{"cron_schedule":{"cron":"0 0 4 * * *"}}}' } : {});
        assert.equal(r.status, 405, `${m} ${p}`);
        assert.equal(r.body?.code, 12);
      }
      assert.equal((server.recurringRuns.get(id)!.trigger as { cron_schedule: { cron: string } }).cron_schedule.cron, '0 0 3 * * *');
    });

    it('missing auth is 401; a wrong session cookie is redirected to the login page', async () => {
      const none = await fetch(`${server.url}/apis/v2beta1/recurringruns?namespace=${NS}`);
      assert.equal(none.status, 401);
      assert.equal(((await none.json()) as { code: number }).code, 16);
      const cookie = await fetch(`${server.url}/apis/v2beta1/recurringruns?namespace=${NS}`, { headers: { cookie: 'authservice_session=stale' }, redirect: 'manual' });
      assert.equal(cookie.status, 302);
      assert.match(String(cookie.headers.get('location')), /^\/dex\/auth/);
    });

    it('a body that is not JSON, or not sent as application/json, is 400 (code 3); a forged page token is 400', async () => {
      const notJson = await call('POST', '/apis/v2beta1/recurringruns', { headers: { 'content-type': 'application/json' }, body: '{display_name:' });
      assert.deepEqual([notJson.status, notJson.body?.code], [400, 3]);
      const form = await call('POST', '/apis/v2beta1/recurringruns', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'display_name=x' });
      assert.deepEqual([form.status, form.body?.code], [400, 3]);
      const forged = await call('GET', `/apis/v2beta1/recurringruns?namespace=${NS}&page_token=bm9wZQ`);
      assert.deepEqual([forged.status, forged.body?.code], [400, 3]);
      const sort = await call('GET', `/apis/v2beta1/recurringruns?namespace=${NS}&sort_by=bogus`);
      assert.equal(sort.status, 400);
    });
  });
});

// The loopback CronJob API server (test/servers/kubernetes.ts) checked with the official
// `kubernetes` Python client (the one ZenML's Kubernetes orchestrator uses) through a real
// kubeconfig with `server: http://127.0.0.1:PORT` and token users, and with kubectl when it is
// installed. Wrong requests must be refused exactly as a real API server refuses them.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { kubeconfigFor, startKubernetesServer, type KubernetesServer } from '../servers/kubernetes';
import { SERVER_VENV_PYTHON, requirePython } from './env';

const run = promisify(execFile);

type Outcome = { ok: boolean; status?: number; reason?: string; message?: string; kind?: string; [k: string]: unknown };

describe('loopback Kubernetes CronJob API, driven by the official kubernetes Python client', () => {
  let server: KubernetesServer;
  let dir: string;
  let results: Record<string, Outcome>;

  before(async () => {
    requirePython(SERVER_VENV_PYTHON, 'kubernetes');
    server = await startKubernetesServer({ tokens: { 'admin-token': { name: 'admin' }, 'reader-token': { name: 'reader', readOnly: true } } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-check-'));
    const write = (name: string, token: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, kubeconfigFor(server.url, token, 'loopback', 'zenml'));
      return file;
    };
    const { stdout } = await run(
      SERVER_VENV_PYTHON,
      [path.join(__dirname, 'k8s_client_check.py'), write('admin', 'admin-token'), write('reader', 'reader-token'), write('bad', 'wrong-token')],
      { timeout: 120_000, maxBuffer: 10 * 1024 * 1024 },
    );
    results = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, Outcome>;
  });

  after(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const failed = (name: string, status: number, reason: string) => {
    const r = results[name];
    assert.ok(r, `no result for ${name}`);
    assert.equal(r.ok, false, `${name} should have been refused: ${JSON.stringify(r)}`);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r)}`);
    assert.equal(r.kind, 'Status', `${name} answers a Status body`);
    assert.equal(r.reason, reason, `${name}: ${JSON.stringify(r)}`);
  };

  it('creates, lists with a label selector over pages of 2 (limit/continue), across namespaces, and by field', () => {
    assert.ok(results.create.ok, JSON.stringify(results.create));
    assert.deepEqual(results.pagedList.pages, [['job-0', 'job-2'], ['job-4']]);
    assert.deepEqual(results.setSelector.names, ['job-1', 'job-3']);
    assert.deepEqual(results.fieldSelector.names, ['job-3']);
    assert.deepEqual(results.allNamespaces.names, ['default/other-ns', 'zenml/job-0', 'zenml/job-1', 'zenml/job-2', 'zenml/job-3', 'zenml/job-4']);
    failed('badSelector', 400, 'BadRequest');
  });

  it('ZenML-style dict patches go as strategic merge patches and persist', () => {
    assert.equal(results.strategicSuspend.suspend, true);
    assert.equal(results.strategicSuspend.generation, 2);
    const patches = server.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/cronjobs/job-0'));
    assert.equal(patches[0].contentType, 'application/strategic-merge-patch+json');
    assert.equal(results.mergeSchedule.schedule, '0 4 * * *');
    assert.deepEqual(results.strategicEnvMerge.env, ['A', 'B'], 'containers merge by name and env by name');
    const stored = server.get('zenml', 'job-0')!;
    assert.equal((stored.spec as { suspend: boolean }).suspend, true);
    assert.equal((stored.spec as { schedule: string }).schedule, '0 4 * * *');
    assert.equal(results.jsonPatchList.suspend, true);
  });

  it('refuses wrong patches: a merge body as json-patch (400), a failing test op (422), plain JSON (415), a bad cron (422)', () => {
    failed('jsonPatchWithMergeBody', 400, 'BadRequest');
    const rewritten = server.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/job-2'))[0];
    assert.equal(rewritten.contentType, 'application/strategic-merge-patch+json', 'the Python client rewrites a dict json-patch to strategic');
    assert.equal(results.jsonPatchClientRewrites.suspend, false);
    assert.match(results.jsonPatchWithMergeBody.message!, /cannot unmarshal object into Go value/);
    failed('jsonPatchTestFails', 422, 'Invalid');
    failed('patchAsPlainJson', 415, 'UnsupportedMediaType');
    assert.match(results.patchAsPlainJson.message!, /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json/);
    failed('patchInvalidCron', 422, 'Invalid');
    assert.match(results.patchInvalidCron.message!, /spec\.schedule: Invalid value: "61 \* \* \* \*"/);
    assert.equal((server.get('zenml', 'job-1')!.spec as { suspend: boolean }).suspend, true, 'a refused patch changes nothing');
    assert.equal((server.get('zenml', 'job-2')!.spec as { schedule: string }).schedule, '*/7 * * * *');
  });

  it('answers 404, 409, 422, 401 and 403 with Kubernetes Status bodies', () => {
    failed('patchMissing', 404, 'NotFound');
    assert.equal(results.patchMissing.message, 'cronjobs.batch "nope" not found');
    failed('readMissing', 404, 'NotFound');
    failed('wrongPath', 404, 'NotFound');
    failed('createDuplicate', 409, 'AlreadyExists');
    failed('createInvalid', 422, 'Invalid');
    assert.match(results.createInvalid.message!, /metadata\.name: Invalid value: "Bad_Name"/);
    assert.match(results.createInvalid.message!, /spec\.schedule: Invalid value: "not a cron"/);
    failed('createTooLong', 422, 'Invalid');
    assert.match(results.createTooLong.message!, /must be no more than 52 characters/);
    failed('createMissingNamespace', 404, 'NotFound');
    const stale = results.staleReplace.stale as Outcome;
    assert.equal(stale.status, 409);
    assert.equal(stale.reason, 'Conflict');
    failed('badToken', 401, 'Unauthorized');
    assert.equal(results.readonlyList.count, 5);
    failed('readonlyPatch', 403, 'Forbidden');
    assert.match(results.readonlyPatch.message!, /User "reader" cannot patch resource "cronjobs" in API group "batch" in the namespace "zenml"/);
  });

  it('deletes (dry run keeps it), after which reads are 404', () => {
    assert.equal(results.dryRunDelete.status, 'Success');
    assert.equal(results.delete.status, 'Success');
    failed('readDeleted', 404, 'NotFound');
    assert.equal(server.get('zenml', 'job-4'), undefined);
  });

  it('an expired continue token is 410 Expired; a forged one is 400', async () => {
    const get = (q: string) => fetch(`${server.url}/apis/batch/v1/namespaces/zenml/cronjobs?${q}`, { headers: { Authorization: 'Bearer admin-token' } });
    const first = (await (await get('limit=1')).json()) as { metadata: { continue: string } };
    assert.ok(first.metadata.continue);
    server.expireContinueTokens();
    const expired = await get(`limit=1&continue=${encodeURIComponent(first.metadata.continue)}`);
    assert.equal(expired.status, 410);
    assert.equal(((await expired.json()) as { reason: string }).reason, 'Expired');
    const forged = await get('limit=1&continue=garbage');
    assert.equal(forged.status, 400);
  });
});

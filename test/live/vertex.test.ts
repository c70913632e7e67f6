// Vertex AI: the loopback Schedule API (test/servers/vertex.ts) checked with Google's official
// client (google-cloud-aiplatform, REST transport), then the adapter against it (paging, pause,
// resume with catch-up, update, delete, each read back from the server's state; auth; not found),
// the token from a fake `gcloud` on PATH, the command line, and the fault table.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { collectPages } from '../../src/adapters/http';
import { staticTokenProvider, gcloudTokenProvider } from '../../src/adapters/tokens';
import { VertexAdapter } from '../../src/adapters/vertex';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { startVertexServer, type VertexServer } from '../servers/vertex';
import { ROOT, requirePython } from './env';
import { runFaultTable, type ErrorBody } from './fault-table';

const run = promisify(execFile);
const VERTEX_PYTHON = path.join(ROOT, '.tools', 'vertex-client-venv', 'bin', 'python');
const TOKEN = 'vertex-token';

/** A fake `gcloud` that prints `tok-N` (N counts its runs, or the number in `fixed`) as gcloud's JSON, in a directory for PATH. */
function fakeGcloud(): { dir: string; runs: () => number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-gcloud-'));
  const counter = path.join(dir, 'runs');
  fs.writeFileSync(counter, '0');
  fs.writeFileSync(
    path.join(dir, 'gcloud'),
    `#!/bin/sh\n[ "$1 $2 $3" = "auth print-access-token --format=json" ] || { echo "fake gcloud: unexpected arguments: $*" >&2; exit 2; }\nn=$(( $(cat "${counter}") + 1 ))\necho $n > "${counter}"\n[ -f "${dir}/fixed" ] && n=$(cat "${dir}/fixed")\nprintf '{"token": "tok-%s", "token_expiry": "2099-01-01T00:00:00Z"}\\n' $n\n`,
    { mode: 0o755 },
  );
  return { dir, runs: () => Number(fs.readFileSync(counter, 'utf8')) };
}

function adapterFor(server: VertexServer, token = TOKEN, url = server.url): VertexAdapter {
  return new VertexAdapter({ name: 'vertex-test', project: server.project, region: server.region, url, tokens: staticTokenProvider('the test token', async () => token), timeoutMs: 30_000 });
}

describe('loopback Vertex AI Schedule API, driven by google-cloud-aiplatform (REST transport)', () => {
  let server: VertexServer;
  let results: Record<string, { ok: boolean; status?: number; reason?: string; message?: string; [k: string]: unknown }>;
  const ids: Record<string, string> = {};

  before(async () => {
    requirePython(VERTEX_PYTHON, 'google.cloud.aiplatform_v1');
    server = await startVertexServer();
    ids.pause = server.add({ displayName: 'nightly', cron: 'TZ=Europe/Berlin 0 3 * * *', zenml: true });
    ids.resume = server.add({ displayName: 'hourly', cron: '0 * * * *', state: 'PAUSED' });
    ids.update = server.add({ displayName: 'weekly', cron: '0 6 * * 1' });
    ids.delete = server.add({ displayName: 'old', cron: '*/30 * * * *' });
    server.add({ displayName: 'done', cron: '0 0 * * *', state: 'COMPLETED', maxRunCount: 3, startedRunCount: 3 });
    const { stdout } = await run(
      VERTEX_PYTHON,
      [path.join(__dirname, 'vertex_client_check.py'), server.url, server.project, server.region, TOKEN, ids.pause, ids.resume, ids.update, ids.delete],
      { timeout: 180_000, maxBuffer: 10 * 1024 * 1024 },
    );
    results = JSON.parse(stdout.trim().split('\n').pop()!);
  });
  after(() => server?.close());

  const refused = (name: string, status: number) => {
    const r = results[name];
    assert.ok(r, `no result for ${name}`);
    assert.equal(r.ok, false, `${name} should have been refused: ${JSON.stringify(r)}`);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r)}`);
  };

  it('lists over pages of 2 (pageSize/pageToken), filters by display_name, gets with int enums', () => {
    assert.deepEqual(results.pagedList.pages, [['nightly', 'hourly'], ['weekly', 'old'], ['done']]);
    assert.deepEqual(results.filtered.names, ['nightly']);
    assert.equal(results.get.cron, 'TZ=Europe/Berlin 0 3 * * *');
    assert.equal(results.get.state, 'ACTIVE');
    assert.ok(results.get.nextRunTime, 'next_run_time is read by the client');
    // The client asked for numbers for enums, and the server answered so.
    assert.ok(server.requests.some((r) => r.query.$alt === 'json;enum-encoding=int'));
  });

  it("pause, resume with catch_up and update (updateMask=cron) persist; the client's requests are what the server enforces", () => {
    assert.ok(results.pause.ok, JSON.stringify(results.pause));
    assert.equal(results.afterPause.state, 'PAUSED');
    assert.equal(server.get(ids.pause)?.state, 'PAUSED');
    refused('pauseAgain', 400);
    assert.match(String(results.pauseAgain.message), /only an ACTIVE schedule/);
    assert.ok(results.resumeCatchUp.ok, JSON.stringify(results.resumeCatchUp));
    assert.deepEqual(results.afterResume, { ok: true, state: 'ACTIVE', catchUp: true });
    const resume = server.requests.find((r) => r.path.endsWith(`${ids.resume}:resume`));
    assert.equal(resume?.contentType, 'application/json');
    assert.deepEqual(resume?.body, { catchUp: true }, 'the official client sends catch_up as the REST JSON name catchUp');
    assert.equal(results.update.cron, 'TZ=Europe/Berlin 30 4 * * *');
    assert.equal(server.get(ids.update)?.cron, 'TZ=Europe/Berlin 30 4 * * *');
    const patch = server.requests.find((r) => r.method === 'PATCH');
    assert.equal(patch?.query.updateMask, 'cron');
  });

  it('refuses wrong requests: a bad cron, a mask naming state, a bad token (401), another region (404); delete is a finished operation', () => {
    refused('updateBadCron', 400);
    refused('updateState', 400);
    assert.match(String(results.updateState.message), /cannot be updated/);
    // google-auth's session answers a 401 by refreshing the credentials, which a bare token cannot do.
    assert.equal(results.badToken.ok, false);
    assert.equal(results.badToken.reason, 'RefreshError', JSON.stringify(results.badToken));
    assert.ok(server.requests.some((r) => r.status === 401), 'the wrong token was answered with 401');
    refused('otherRegion', 404);
    assert.ok(results.delete.ok, JSON.stringify(results.delete));
    refused('getDeleted', 404);
    assert.equal(results.getDeleted.reason, 'NotFound');
    assert.equal(server.get(ids.delete), undefined);
  });
});

describe('Vertex AI adapter against the loopback API', () => {
  let server: VertexServer;
  const ids: Record<string, string> = {};
  let gcloud: ReturnType<typeof fakeGcloud>;

  before(async () => {
    server = await startVertexServer({ tokens: [TOKEN, 'tok-2'] });
    ids.nightly = server.add({ displayName: 'nightly', cron: 'TZ=Europe/Berlin 0 3 * * *', zenml: true, pipeline: 'train' });
    ids.paused = server.add({ displayName: 'paused-one', cron: '0 * * * *', state: 'PAUSED' });
    ids.weekly = server.add({ displayName: 'weekly', cron: '0 6 * * 1' });
    ids.done = server.add({ displayName: 'done', cron: '0 0 * * *', state: 'COMPLETED', maxRunCount: 3, startedRunCount: 3 });
    for (let i = 0; i < 3; i++) server.add({ displayName: `extra-${i}`, cron: `${i} 1 * * *` });
    ids.cli = server.add({ displayName: 'cli-one', cron: '15 2 * * *' });
    gcloud = fakeGcloud();
  });
  after(async () => {
    await server?.close();
    if (gcloud) fs.rmSync(gcloud.dir, { recursive: true, force: true });
  });

  it('lists every schedule over pages (pageSize 3), with state, TZ= zone, next run, run counts and the ZenML match', async () => {
    const a = adapterFor(server);
    const first = await a.list({ pageSize: 3 });
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(first.value.items.length, 3);
    assert.ok(first.value.next);
    const all = await collectPages(async (page) => {
      const r = await a.list({ pageSize: 3, page });
      return r.ok ? { ok: true, value: { items: r.value.items, next: r.value.next } } : r;
    });
    assert.ok(all.ok);
    assert.equal(all.value.length, 8);
    const nightly = all.value.find((s) => s.name === 'nightly')!;
    assert.equal(nightly.id, ids.nightly);
    assert.equal(nightly.state, 'active');
    assert.equal(nightly.timeZone, 'Europe/Berlin');
    assert.equal(nightly.expression, 'TZ=Europe/Berlin 0 3 * * *');
    assert.deepEqual(nightly.match, { madeByZenml: true, nativeName: 'nightly', pipeline: 'train' });
    assert.ok(nightly.details['next run (Vertex)']);
    assert.equal(all.value.find((s) => s.name === 'weekly')!.match?.madeByZenml, false);
    const done = all.value.find((s) => s.name === 'done')!;
    assert.equal(done.state, 'completed');
    assert.equal(done.details['started runs'], '3 of 3');
    assert.deepEqual(done.changes?.operations, ['delete']);
    assert.equal(all.value.find((s) => s.name === 'paused-one')!.state, 'paused');
    const lists = server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/schedules'));
    assert.ok(lists.every((r) => r.query.pageSize === '3'));
  });

  it('pauses, resumes with catch-up, updates the cron (validated first) and deletes; each read back from the server', async () => {
    const a = adapterFor(server);
    const paused = await a.pause('nightly');
    assert.ok(paused.ok, JSON.stringify(paused));
    assert.deepEqual(paused.value.changed.map((c) => c.what), ['paused']);
    assert.equal(server.get(ids.nightly)?.state, 'PAUSED');
    assert.equal(paused.value.after?.state, 'paused');
    const again = await a.pause(ids.nightly);
    assert.ok(again.ok);
    assert.equal(again.value.changed.length, 0, 'already paused: nothing sent, nothing claimed');
    assert.match(again.value.unchanged[0].why, /already paused/);

    const resumed = await a.resume(ids.paused, { catchUp: true });
    assert.ok(resumed.ok, JSON.stringify(resumed));
    assert.equal(server.get(ids.paused)?.state, 'ACTIVE');
    assert.equal(server.get(ids.paused)?.catchUp, true);
    assert.deepEqual(server.requests.filter((r) => r.path.endsWith(':resume')).pop()?.body, { catchUp: true });
    const resumed2 = await a.resume(ids.nightly, { catchUp: false });
    assert.ok(resumed2.ok);
    assert.equal(server.get(ids.nightly)?.catchUp, false);
    assert.deepEqual(server.requests.filter((r) => r.path.endsWith(':resume')).pop()?.body, { catchUp: false });

    const bad = await a.update(ids.weekly, { expression: 'TZ=Mars/Base 0 6 * * 1' });
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'invalid-input');
    assert.ok(!server.requests.some((r) => r.method === 'PATCH'), 'an invalid cron is never sent');
    const updated = await a.update('weekly', { expression: 'TZ=America/New_York 30 7 * * 1-5' });
    assert.ok(updated.ok, JSON.stringify(updated));
    assert.equal(server.get(ids.weekly)?.cron, 'TZ=America/New_York 30 7 * * 1-5');
    assert.equal(updated.value.after?.timeZone, 'America/New_York');
    assert.equal(server.requests.filter((r) => r.method === 'PATCH').pop()?.query.updateMask, 'cron');

    const completed = await a.pause(ids.done);
    assert.ok(!completed.ok);
    assert.match(completed.error.message, /completed/);

    const deleted = await a.delete(ids.weekly);
    assert.ok(deleted.ok, JSON.stringify(deleted));
    assert.deepEqual(deleted.value.changed.map((c) => c.what), ['deleted']);
    assert.equal(server.get(ids.weekly), undefined);
  });

  it('a refused token is unauthorized (after one renewal); an unknown schedule is not found', async () => {
    const r = await adapterFor(server, 'wrong').list();
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unauthorized');
    assert.match(r.error.message, /UNAUTHENTICATED|refused/);
    const missing = await adapterFor(server).get('123');
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'not-found');
    const named = await adapterFor(server).pause('no-such-schedule');
    assert.ok(!named.ok);
    assert.equal(named.error.code, 'not-found');
  });

  it('takes its token from gcloud (a fake on PATH): run lazily, renewed once after a 401, then cached', async () => {
    const tokens = gcloudTokenProvider({ env: { ...process.env, PATH: `${gcloud.dir}:${process.env.PATH}` } });
    const a = new VertexAdapter({ name: 'g', project: server.project, region: server.region, url: server.url, tokens });
    assert.equal(gcloud.runs(), 0, 'nothing runs before a call needs a token');
    const first = await a.list();
    assert.ok(first.ok, JSON.stringify(first));
    assert.equal(gcloud.runs(), 2, 'tok-1 was refused (401), so gcloud ran once more and tok-2 worked');
    await a.list();
    await a.get(ids.nightly);
    assert.equal(gcloud.runs(), 2, 'the token is cached until it expires');
    const missing = gcloudTokenProvider({ env: { PATH: '/nonexistent' } });
    const none = await new VertexAdapter({ name: 'n', project: 'p', region: 'r', url: server.url, tokens: missing }).list();
    assert.ok(!none.ok);
    assert.equal(none.error.code, 'unauthorized');
    assert.match(none.error.message, /add a token|gcloud/);
  });

  it('the command line lists, pauses, resumes --catch-up, updates and deletes a Vertex connection (gcloud from PATH)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vertex-cli-'));
    const file = path.join(dir, 'connections.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'vx', type: 'vertex', project: server.project, region: server.region, url: server.url }]));
    fs.writeFileSync(path.join(gcloud.dir, 'fixed'), '2'); // every run of the CLI gets tok-2, which the server takes
    const deps = { env: { ...process.env, PATH: `${gcloud.dir}:${process.env.PATH}` }, timeoutMs: 30_000 };
    const cli = async (...args: string[]) => {
      const io = memoryIo();
      const code = await runSchedules([...args, '--connections', file], io, deps);
      return { code, out: io.out, err: io.err };
    };
    let r = await cli('list', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    const listed = JSON.parse(r.out) as { schedules: { name: string; state: string; dialect: string; timeZone: string | null }[] };
    assert.ok(listed.schedules.some((s) => s.name === 'cli-one' && s.state === 'active'));
    assert.equal(listed.schedules.find((s) => s.name === 'nightly')?.timeZone, 'Europe/Berlin');
    r = await cli('pause', 'cli-one', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli)?.state, 'PAUSED');
    assert.match(JSON.parse(r.out).changed[0].where, /Vertex AI schedule cli-one/);
    r = await cli('resume', 'cli-one', '--catch-up');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli)?.state, 'ACTIVE');
    assert.equal(server.get(ids.cli)?.catchUp, true);
    r = await cli('update', 'cli-one', '--cron', '45 2 * * *');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli)?.cron, '45 2 * * *');
    r = await cli('update', 'cli-one', '--cron', '61 2 * * *');
    assert.equal(r.code, 1, 'an invalid cron is refused');
    assert.equal(server.get(ids.cli)?.cron, '45 2 * * *');
    r = await cli('delete', 'cli-one');
    assert.equal(r.code, 2, 'delete without --yes on a terminal that cannot ask');
    r = await cli('delete', 'cli-one', '--yes');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli), undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the resume preview on the command line against the loopback Vertex AI API (a clock the test moves)', () => {
  let server: VertexServer;
  let gcloud: ReturnType<typeof fakeGcloud>;
  let clock = new Date('2026-03-01T00:00:00Z');
  let id = '';

  before(async () => {
    server = await startVertexServer({ tokens: ['tok-2'], now: () => clock });
    id = server.add({ displayName: 'hourly-preview', cron: '0 * * * *' });
    gcloud = fakeGcloud();
    fs.writeFileSync(path.join(gcloud.dir, 'fixed'), '2');
  });
  after(async () => {
    await server?.close();
    if (gcloud) fs.rmSync(gcloud.dir, { recursive: true, force: true });
  });

  it('pause, move the clock, resume --catch-up: the preview counts the missed hours and the server receives catchUp', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vertex-preview-'));
    const file = path.join(dir, 'connections.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'vx', type: 'vertex', project: server.project, region: server.region, url: server.url }]));
    const deps = { env: { ...process.env, PATH: `${gcloud.dir}:${process.env.PATH}` }, timeoutMs: 30_000 };
    const cli = async (...args: string[]) => {
      const io = memoryIo(clock);
      const code = await runSchedules([...args, '--connections', file], io, deps);
      return { code, out: io.out, err: io.err };
    };
    let r = await cli('pause', 'hourly-preview');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(id)?.lastPauseTime, '2026-03-01T00:00:00.000Z', 'the server stamps the pause with its clock');
    clock = new Date('2026-03-01T05:30:00Z'); // 01:00 … 05:00 missed: 5
    r = await cli('resume', 'hourly-preview', '--catch-up');
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /^preview: 5 start times were missed \(paused at 2026-03-01 00:00 UTC\)\. With catch-up Vertex AI starts 5 runs; without catch-up none\.\n/);
    assert.deepEqual(server.requests.filter((q) => q.path.endsWith(':resume')).pop()?.body, { catchUp: true });
    assert.equal(server.get(id)?.state, 'ACTIVE');

    r = await cli('pause', 'hourly-preview');
    assert.equal(r.code, 0, r.err + r.out);
    clock = new Date('2026-03-02T05:30:00Z'); // paused at 05:30 the day before: 06:00 … 05:00 = 24 missed
    r = await cli('resume', 'hourly-preview', '--no-catch-up', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    const out = JSON.parse(r.out) as { changed: unknown[]; preview: Record<string, unknown> };
    assert.equal(out.changed.length, 1);
    assert.deepEqual(
      { missedRuns: out.preview.missedRuns, runsThatWillStart: out.preview.runsThatWillStart, choice: out.preview.choice, withCatchUp: out.preview.withCatchUp, since: out.preview.since },
      { missedRuns: 24, runsThatWillStart: 0, choice: 'catch-up', withCatchUp: 24, since: '2026-03-01T05:30:00Z' },
    );
    assert.deepEqual(server.requests.filter((q) => q.path.endsWith(':resume')).pop()?.body, { catchUp: false });
    assert.equal(server.get(id)?.catchUp, false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

const googleErrorBody: ErrorBody = (status, reason) => ({ error: { code: status, message: `injected ${status} ${reason}`, status: { 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 422: 'INVALID_ARGUMENT', 500: 'INTERNAL' }[status] ?? 'UNKNOWN' } });

let faultServer: VertexServer | null = null;
let faultId = '';
runFaultTable({
  name: 'Vertex AI adapter',
  async upstream() {
    faultServer = await startVertexServer();
    faultId = faultServer.add({ displayName: 'fault', cron: '0 3 * * *' });
    faultServer.add({ displayName: 'fault-paused', cron: '0 3 * * *', state: 'PAUSED' });
    return faultServer.url;
  },
  faultPath: /\/schedules/,
  makeAdapter: (baseUrl) => new VertexAdapter({ name: 'vx-faults', project: 'zenml-test', region: 'europe-west4', url: baseUrl, tokens: staticTokenProvider('t', async () => TOKEN) }),
  operations: [
    { name: 'list', call: (a, o) => a.list(o) },
    { name: 'get', call: (a, o) => a.get(faultId, o) },
    { name: 'pause', call: (a, o) => a.pause(faultId, o) },
    { name: 'resume', call: (a, o) => a.resume(faultId, { ...o, catchUp: true }) },
    { name: 'update', call: (a, o) => a.update(faultId, { expression: '0 4 * * *' }, o) },
    { name: 'delete', call: (a, o) => a.delete(faultId, o) },
  ],
  errorBody: googleErrorBody,
  stop: async () => {
    await faultServer?.close();
  },
});

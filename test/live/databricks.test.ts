// Databricks: the loopback Jobs API (test/servers/databricks.ts) checked with the official
// databricks-sdk, then the adapter against it (paging, pause/resume, Quartz cron + time zone
// update, delete, each read back from the server's state; 2.1 fallback; auth; not found), a
// ~/.databrickscfg profile, the command line, and the fault table.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DatabricksAdapter, parseDatabricksConfig } from '../../src/adapters/databricks';
import { collectPages } from '../../src/adapters/http';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import { staticTokenProvider } from '../../src/adapters/tokens';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { startDatabricksServer, type DatabricksServer } from '../servers/databricks';
import { ROOT, requirePython } from './env';
import { runFaultTable, type ErrorBody } from './fault-table';

const run = promisify(execFile);
const DATABRICKS_PYTHON = path.join(ROOT, '.tools', 'databricks-client-venv', 'bin', 'python');
const TOKEN = 'dapi-test-token';
const ZENML_JOB = 'nightly_0123456789abcdef0123456789abcdef';

const adapterFor = (server: DatabricksServer, token = TOKEN) =>
  new DatabricksAdapter({ name: 'dbx', url: server.url, tokens: staticTokenProvider('the test token', async () => token), timeoutMs: 30_000 });

describe('loopback Databricks Jobs API, driven by databricks-sdk', () => {
  let server: DatabricksServer;
  let results: Record<string, { ok: boolean; reason?: string; errorCode?: string; message?: string; [k: string]: unknown }>;
  const ids: Record<string, number> = {};

  before(async () => {
    requirePython(DATABRICKS_PYTHON, 'databricks.sdk');
    server = await startDatabricksServer();
    ids.pause = server.add({ name: ZENML_JOB, cron: '0 0 3 * * ?', timezone: 'Europe/Berlin', zenml: true });
    ids.update = server.add({ name: 'weekly', cron: '0 0 6 ? * MON', timezone: 'UTC' });
    ids.delete = server.add({ name: 'old', cron: '0 0/30 * * * ?' });
    server.add({ name: 'unscheduled' });
    server.add({ name: 'another', cron: '0 0 1 * * ?', paused: true });
    const { stdout } = await run(DATABRICKS_PYTHON, [path.join(__dirname, 'databricks_client_check.py'), server.url, TOKEN, String(ids.pause), String(ids.update), String(ids.delete)], {
      timeout: 180_000,
      maxBuffer: 10 * 1024 * 1024,
    });
    results = JSON.parse(stdout.trim().split('\n').pop()!);
  });
  after(() => server?.close());

  const refused = (name: string, reason: string, code?: string) => {
    const r = results[name];
    assert.ok(r, `no result for ${name}`);
    assert.equal(r.ok, false, `${name} should have been refused: ${JSON.stringify(r)}`);
    assert.equal(r.reason, reason, `${name}: ${JSON.stringify(r)}`);
    if (code) assert.equal(r.errorCode, code, `${name}: ${JSON.stringify(r)}`);
  };

  it('lists over pages of 2 on Jobs API 2.2 (page_token), by name, and gets a job', () => {
    assert.deepEqual(results.list.names, [ZENML_JOB, 'weekly', 'old', 'unscheduled', 'another']);
    const lists = server.requests.filter((r) => r.path === '/api/2.2/jobs/list' && r.status === 200 && r.query.limit === '2');
    assert.ok(lists.length >= 3, 'three pages were read');
    assert.ok(lists.slice(1).every((r) => r.query.page_token), 'later pages by page_token');
    assert.deepEqual(results.listByName.names, [ZENML_JOB]);
    // Besides its best-effort host discovery probe (answered 404, which it tolerates), the SDK used only Jobs API 2.2 paths.
    assert.deepEqual(server.requests.filter((r) => !r.path.startsWith('/api/2.2/jobs/') && r.path !== '/.well-known/databricks-config').map((r) => r.path), []);
    assert.deepEqual(results.get, { ok: true, cron: '0 0 3 * * ?', zone: 'Europe/Berlin', pause: 'UNPAUSED' });
  });

  it('update replaces the schedule (pause_status, Quartz cron, timezone_id) and persists; delete removes the job', () => {
    assert.ok(results.pause.ok, JSON.stringify(results.pause));
    assert.equal(results.afterPause.pause, 'PAUSED');
    assert.equal(server.get(ids.pause)?.settings.schedule?.pause_status, 'PAUSED');
    const update = server.requests.find((r) => r.path === '/api/2.2/jobs/update');
    assert.match(update?.contentType ?? '', /^application\/json/);
    assert.deepEqual(results.afterUpdate, { ok: true, cron: '0 30 4 ? * MON-FRI', zone: 'America/New_York', pause: 'UNPAUSED' });
    assert.ok(results.delete.ok, JSON.stringify(results.delete));
    assert.equal(server.get(ids.delete), undefined);
  });

  it('refuses wrong requests as Databricks does: an invalid Quartz cron, a schedule without timezone_id, a missing job, a bad token', () => {
    refused('updateBadCron', 'InvalidParameterValue', 'INVALID_PARAMETER_VALUE');
    refused('updateNoZone', 'InvalidParameterValue', 'INVALID_PARAMETER_VALUE');
    assert.match(String(results.updateNoZone.message), /timezone_id/);
    refused('getDeleted', 'ResourceDoesNotExist', 'INVALID_PARAMETER_VALUE');
    refused('deleteAgain', 'InvalidParameterValue', 'INVALID_PARAMETER_VALUE');
    refused('badToken', 'PermissionDenied');
    assert.match(String(results.badToken.message), /Invalid access token/);
    assert.equal(server.get(ids.update)?.settings.schedule?.quartz_cron_expression, '0 30 4 ? * MON-FRI', 'refused updates changed nothing');
  });
});

describe('Databricks adapter against the loopback Jobs API', () => {
  let server: DatabricksServer;
  const ids: Record<string, number> = {};

  before(async () => {
    server = await startDatabricksServer();
    ids.nightly = server.add({ name: ZENML_JOB, cron: '0 0 3 * * ?', timezone: 'Europe/Berlin', zenml: true });
    ids.weekly = server.add({ name: 'weekly', cron: '0 0 6 ? * MON' });
    ids.paused = server.add({ name: 'paused-job', cron: '0 15 1 * * ?', paused: true });
    server.add({ name: 'unscheduled' });
    for (let i = 0; i < 3; i++) server.add({ name: `extra-${i}`, cron: `0 ${i} 2 * * ?` });
    ids.cli = server.add({ name: 'cli-job', cron: '0 0 5 * * ?' });
  });
  after(() => server?.close());

  it('lists jobs with a cron schedule over pages (limit 3), with zone, state and the ZenML match', async () => {
    const a = adapterFor(server);
    const all = await collectPages(async (page) => {
      const r = await a.list({ pageSize: 3, page });
      return r.ok ? { ok: true, value: { items: r.value.items, next: r.value.next } } : r;
    });
    assert.ok(all.ok, JSON.stringify(all));
    assert.equal(all.value.length, 7, 'the unscheduled job is left out');
    const lists = server.requests.filter((r) => r.path === '/api/2.2/jobs/list');
    assert.equal(lists.length, 3);
    assert.ok(lists.every((r) => r.query.limit === '3'));
    const nightly = all.value.find((s) => s.id === String(ids.nightly))!;
    assert.equal(nightly.expression, '0 0 3 * * ?');
    assert.equal(nightly.timeZone, 'Europe/Berlin');
    assert.equal(nightly.state, 'active');
    assert.deepEqual(nightly.match, { madeByZenml: true, nativeName: ZENML_JOB, pipeline: 'nightly' });
    assert.equal(all.value.find((s) => s.id === String(ids.paused))!.state, 'paused');
    const everything = await a.list({ includeAll: true, pageSize: 100 });
    assert.ok(everything.ok);
    assert.ok(everything.value.items.some((s) => s.name === 'unscheduled' && s.kind === null));
  });

  it('pauses, resumes, updates the Quartz cron and time zone (validated first) and deletes; each read back from the server', async () => {
    const a = adapterFor(server);
    const paused = await a.pause(ZENML_JOB);
    assert.ok(paused.ok, JSON.stringify(paused));
    assert.equal(server.get(ids.nightly)?.settings.schedule?.pause_status, 'PAUSED');
    assert.equal(server.get(ids.nightly)?.settings.schedule?.timezone_id, 'Europe/Berlin', 'the rest of the schedule is kept');
    assert.equal(paused.value.after?.state, 'paused');
    const update = server.requests.filter((r) => r.path === '/api/2.2/jobs/update').pop();
    assert.deepEqual(update?.body, { job_id: ids.nightly, new_settings: { schedule: { quartz_cron_expression: '0 0 3 * * ?', timezone_id: 'Europe/Berlin', pause_status: 'PAUSED' } } });

    const resumed = await a.resume(String(ids.paused));
    assert.ok(resumed.ok, JSON.stringify(resumed));
    assert.equal(server.get(ids.paused)?.settings.schedule?.pause_status, 'UNPAUSED');
    const catchUp = await a.resume(String(ids.nightly), { catchUp: true });
    assert.ok(!catchUp.ok);
    assert.equal(catchUp.error.code, 'unsupported');
    assert.equal(server.get(ids.nightly)?.settings.schedule?.pause_status, 'PAUSED');

    const updates = () => server.requests.filter((r) => r.path.endsWith('/jobs/update')).length;
    const before = updates();
    const bad = await a.update(String(ids.weekly), { expression: '0 0 6 * * MON' });
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'invalid-input');
    const badZone = await a.update(String(ids.weekly), { expression: '0 0 6 ? * MON', timeZone: 'Mars/Base' });
    assert.ok(!badZone.ok);
    assert.equal(badZone.error.code, 'invalid-input');
    assert.equal(updates(), before, 'invalid input is never sent');
    const updated = await a.update('weekly', { expression: '0 30 7 ? * MON-FRI', timeZone: 'America/New_York' });
    assert.ok(updated.ok, JSON.stringify(updated));
    assert.deepEqual(server.get(ids.weekly)?.settings.schedule, { quartz_cron_expression: '0 30 7 ? * MON-FRI', timezone_id: 'America/New_York', pause_status: 'UNPAUSED' });
    assert.equal(updated.value.after?.timeZone, 'America/New_York');

    const deleted = await a.delete(String(ids.weekly));
    assert.ok(deleted.ok, JSON.stringify(deleted));
    assert.equal(server.get(ids.weekly), undefined);
  });

  it('a refused token (403 Invalid access token) is unauthorized; an unknown job is not found', async () => {
    const r = await adapterFor(server, 'wrong').list();
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'unauthorized');
    assert.match(r.error.message, /Invalid access token/);
    const missing = await adapterFor(server).get('999');
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, 'not-found');
    const named = await adapterFor(server).pause('no-such-job');
    assert.ok(!named.ok);
    assert.equal(named.error.code, 'not-found');
  });

  it('falls back to Jobs API 2.1 when the workspace answers 2.2 with 404, and stays there', async () => {
    const old = await startDatabricksServer({ versions: ['2.1'] });
    try {
      const id = old.add({ name: 'legacy', cron: '0 0 4 * * ?' });
      const a = adapterFor(old);
      const listed = await a.list();
      assert.ok(listed.ok, JSON.stringify(listed));
      assert.deepEqual(listed.value.items.map((s) => s.name), ['legacy']);
      const paused = await a.pause(String(id));
      assert.ok(paused.ok, JSON.stringify(paused));
      assert.equal(old.get(id)?.settings.schedule?.pause_status, 'PAUSED');
      assert.equal(old.requests.filter((r) => r.path.startsWith('/api/2.2/')).length, 1, 'one 2.2 attempt, then 2.1');
      const missing = await a.get('42');
      assert.ok(!missing.ok);
      assert.equal(missing.error.code, 'not-found');
    } finally {
      await old.close();
    }
  });

  it('reads host and token of a ~/.databrickscfg profile; the registry uses the profile token when no token is added', async () => {
    const cfg = `; comment\n[DEFAULT]\nhost = https://default.cloud.databricks.com\ntoken = dapi-default\n\n[staging]\nhost = ${server.url}\ntoken = ${TOKEN}\n`;
    assert.deepEqual(parseDatabricksConfig(cfg, 'staging'), { host: server.url, token: TOKEN });
    assert.deepEqual(parseDatabricksConfig(cfg), { host: 'https://default.cloud.databricks.com', token: 'dapi-default' });
    assert.equal(parseDatabricksConfig(cfg, 'nope'), null);
    const { connections } = parseConnections([{ name: 'dbx', type: 'databricks', url: server.url, profile: 'staging' }]);
    const made = createAdapter(connections[0], { secrets: async () => ({}), databricksConfig: async () => cfg });
    assert.ok(made.ok);
    const listed = await made.value.list();
    assert.ok(listed.ok, JSON.stringify(listed));
    const noConfig = createAdapter(connections[0], { secrets: async () => ({}) });
    assert.ok(noConfig.ok);
    const refused = await noConfig.value.list();
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'unauthorized');
    assert.match(refused.error.message, /databrickscfg|token/);
  });

  it('the command line lists, pauses, resumes, updates and deletes a Databricks connection (tokenEnv, and a profile)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dbx-cli-'));
    const file = path.join(dir, 'connections.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'dbx', type: 'databricks', url: server.url, tokenEnv: 'DBX_TOKEN' }]));
    const deps = { env: { ...process.env, DBX_TOKEN: TOKEN }, timeoutMs: 30_000 };
    const cli = async (...args: string[]) => {
      const io = memoryIo();
      const code = await runSchedules([...args, '--connections', file], io, deps);
      return { code, out: io.out, err: io.err };
    };
    let r = await cli('list', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    const listed = JSON.parse(r.out) as { schedules: { name: string; dialect: string; timeZone: string | null }[] };
    assert.equal(listed.schedules.find((s) => s.name === ZENML_JOB)?.timeZone, 'Europe/Berlin');
    assert.equal(listed.schedules.find((s) => s.name === 'cli-job')?.dialect, 'databricks');
    r = await cli('pause', 'cli-job', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli)?.settings.schedule?.pause_status, 'PAUSED');
    assert.match(JSON.parse(r.out).changed[0].where, /Databricks job cli-job/);
    r = await cli('resume', 'cli-job');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli)?.settings.schedule?.pause_status, 'UNPAUSED');
    r = await cli('update', 'cli-job', '--cron', '0 45 5 * * ?');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.get(ids.cli)?.settings.schedule?.quartz_cron_expression, '0 45 5 * * ?');
    r = await cli('update', 'cli-job', '--cron', '0 45 5 * * *');
    assert.equal(r.code, 1, 'Quartz needs ? in one day field: refused before sending');

    // The same through a profile of the config file the CLI reads (DATABRICKS_CONFIG_FILE).
    const cfg = path.join(dir, 'databrickscfg');
    fs.writeFileSync(cfg, `[ci]\nhost = ${server.url}\ntoken = ${TOKEN}\n`);
    fs.writeFileSync(file, JSON.stringify([{ name: 'dbx', type: 'databricks', url: server.url, profile: 'ci' }]));
    const io = memoryIo();
    const code = await runSchedules(['delete', 'cli-job', '--yes', '--connections', file], io, { env: { ...process.env, DATABRICKS_CONFIG_FILE: cfg }, timeoutMs: 30_000 });
    assert.equal(code, 0, io.err + io.out);
    assert.equal(server.get(ids.cli), undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

const databricksErrorBody: ErrorBody = (status, reason) => ({ error_code: { 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'RESOURCE_DOES_NOT_EXIST', 409: 'RESOURCE_CONFLICT', 500: 'INTERNAL_ERROR' }[status] ?? 'INVALID_PARAMETER_VALUE', message: `injected ${status} ${reason}` });

let faultServer: DatabricksServer | null = null;
let faultId = '';
runFaultTable({
  name: 'Databricks adapter',
  async upstream() {
    faultServer = await startDatabricksServer();
    faultId = String(faultServer.add({ name: 'fault', cron: '0 0 3 * * ?' }));
    return faultServer.url;
  },
  faultPath: /\/jobs\//,
  makeAdapter: (baseUrl) => new DatabricksAdapter({ name: 'dbx-faults', url: baseUrl, tokens: staticTokenProvider('t', async () => TOKEN) }),
  operations: [
    { name: 'list', call: (a, o) => a.list(o) },
    { name: 'get', call: (a, o) => a.get(faultId, o) },
    { name: 'pause', call: (a, o) => a.pause(faultId, o) },
    { name: 'resume', call: (a, o) => a.resume(faultId, o) },
    { name: 'update', call: (a, o) => a.update(faultId, { expression: '0 0 4 * * ?' }, o) },
    { name: 'delete', call: (a, o) => a.delete(faultId, o) },
  ],
  errorBody: databricksErrorBody,
  stop: async () => {
    await faultServer?.close();
  },
});

// GitHub Actions: the adapter against the loopback GitHub REST server (test/servers/github.ts, itself
// checked against GitHub's OpenAPI description in github-openapi.test.ts): listing over pages with the
// workflow files parsed (timezone:, several entries, no schedule, malformed YAML), pause and resume
// read back from the server's state, runs of the schedule event, update and delete refused with the
// file to change, errors (bad token, rate limit, unknown workflow), the command line with tokenEnv
// and GITHUB_TOKEN, and the fault table.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GithubAdapter } from '../../src/adapters/github';
import { collectPages } from '../../src/adapters/http';
import { createAdapter, parseConnections } from '../../src/adapters/registry';
import { staticTokenProvider } from '../../src/adapters/tokens';
import type { LiveSchedule } from '../../src/adapters/types';
import { memoryIo } from '../../src/cli/io';
import { runSchedules } from '../../src/cli/schedules';
import { findRecord } from '../../src/workspace/liveMerge';
import { resumePreview } from '../../src/workspace/resumePreview';
import { startGithubServer, type GithubServer } from '../servers/github';
import { runFaultTable, type ErrorBody } from './fault-table';

const TOKEN = 'ghp_test-token';
const REPO = 'zenml-io/pipelines';
const ZENML_FILE = '.github/workflows/train-scheduled-20260101120000.yaml';

const adapterFor = (server: GithubServer, token = TOKEN, pageSize?: number) =>
  new GithubAdapter({ name: 'gh', repository: REPO, url: server.url, tokens: staticTokenProvider('the test token', async () => token), timeoutMs: 30_000, pageSize });

const listAll = async (a: GithubAdapter, pageSize: number) =>
  collectPages(async (page) => {
    const r = await a.list({ pageSize, page });
    return r.ok ? { ok: true as const, value: { items: r.value.items, next: r.value.next } } : r;
  });

describe('GitHub Actions adapter against the loopback GitHub REST API', () => {
  let server: GithubServer;
  const ids: Record<string, number> = {};

  before(async () => {
    server = await startGithubServer();
    ids.train = server.addWorkflow({ path: ZENML_FILE, name: 'train', content: "name: train\non:\n  schedule:\n    - cron: '0 3 * * *'\n      timezone: Europe/Berlin\n  workflow_dispatch:\njobs: {}\n" });
    ids.ci = server.addWorkflow({ path: '.github/workflows/ci.yml', name: 'CI', content: 'on: [push, pull_request]\njobs: {}\n' });
    ids.multi = server.addWorkflow({ path: '.github/workflows/reports.yml', name: 'Reports', content: "on:\n  schedule:\n    - cron: '*/15 * * * *'\n    - cron: '0 6 * * 1'\n" });
    ids.stale = server.addWorkflow({ path: '.github/workflows/stale.yml', name: 'Stale', content: "on:\n  schedule:\n    - cron: '30 1 * * *'\n", state: 'disabled_inactivity' });
    ids.broken = server.addWorkflow({ path: '.github/workflows/broken.yml', name: 'Broken', content: "on:\n  schedule:\n    - cron: '0 1 * * *'\n   bad: [\n" });
    ids.gone = server.addWorkflow({ path: '.github/workflows/gone.yml', name: 'Gone', content: '', fileMissing: true });
    ids.zone = server.addWorkflow({ path: '.github/workflows/zone.yml', name: 'Zone', content: "on:\n  schedule:\n    - cron: '0 2 * * *'\n      timezone: Mars/Olympus\n" });
    ids.cli = server.addWorkflow({ path: '.github/workflows/cli.yml', name: 'cli', content: "on:\n  schedule:\n    - cron: '0 5 * * *'\n" });
    server.addRun({ workflowId: ids.train, created: '2026-11-30T03:00:12Z' });
    server.addRun({ workflowId: ids.train, created: '2026-12-01T03:01:09Z', conclusion: 'failure' });
    server.addRun({ workflowId: ids.train, created: '2026-12-01T09:00:00Z', event: 'push' });
  });
  after(() => server?.close());

  it('lists the scheduled workflows over pages (Link rel="next"), one row per schedule entry, with zone, state, warnings and the ZenML match', async () => {
    const a = adapterFor(server);
    const before = server.requests.length;
    const all = await listAll(a, 2);
    assert.ok(all.ok, JSON.stringify(all));
    const lists = server.requests.slice(before).filter((r) => /\/actions\/workflows$/.test(r.path));
    assert.equal(lists.length, 4, '8 workflows in pages of 2');
    assert.deepEqual(lists.map((r) => r.query.page), ['1', '2', '3', '4']);
    assert.ok(server.requests.slice(before).every((r) => r.accept === 'application/vnd.github+json' && r.apiVersion === '2022-11-28' && r.authorization === '(set)'));
    const byName = new Map(all.value.map((s) => [s.name, s]));
    assert.deepEqual([...byName.keys()].sort(), ['Broken', 'Reports #1', 'Reports #2', 'Stale', 'Zone', 'cli', 'train']);
    assert.match(byName.get('Zone')!.warnings.join(' '), /'Mars\/Olympus' is not an IANA time zone/);
    const train = byName.get('train')!;
    assert.equal(train.id, String(ids.train));
    assert.equal(train.expression, '0 3 * * *');
    assert.equal(train.timeZone, 'Europe/Berlin');
    assert.equal(train.state, 'active');
    assert.equal(train.orchestrator, 'github');
    assert.deepEqual(train.match, { madeByZenml: true, nativeName: ZENML_FILE, pipeline: 'train' });
    assert.equal(train.pipeline, 'train');
    assert.deepEqual(train.changes?.operations, ['pause', 'resume']);
    assert.deepEqual(train.changes?.fileEdit, { operations: ['update'], path: ZENML_FILE, format: 'github-workflow', entry: 0, repository: REPO });
    const r2 = byName.get('Reports #2')!;
    assert.equal(r2.id, `${ids.multi}#2`);
    assert.equal(r2.expression, '0 6 * * 1');
    assert.equal(r2.timeZone, 'UTC');
    assert.equal(r2.changes?.fileEdit?.entry, 1);
    assert.equal(byName.get('Reports #1')!.match?.madeByZenml, false);
    const stale = byName.get('Stale')!;
    assert.equal(stale.state, 'paused');
    assert.match(stale.warnings.join(' '), /60 days/);
    const broken = byName.get('Broken')!;
    assert.equal(broken.kind, null);
    assert.match(broken.warnings.join(' '), /could not be read: the workflow file is not valid YAML at line \d+/);
  });

  it('gets by id, by id#entry, by file name and by name; an ambiguous or unknown one is explained', async () => {
    const a = adapterFor(server);
    for (const key of [String(ids.train), `${ids.train}#1`, 'train-scheduled-20260101120000.yaml', 'train']) {
      const r = await a.get(key);
      assert.ok(r.ok, `${key}: ${JSON.stringify(r)}`);
      assert.equal(r.value.id, String(ids.train));
    }
    const multi = await a.get(String(ids.multi));
    assert.ok(!multi.ok);
    assert.equal(multi.error.code, 'conflict');
    assert.match(multi.error.message, new RegExp(`${ids.multi}#1, ${ids.multi}#2`));
    const second = await a.get('reports.yml#2');
    assert.ok(second.ok && second.value.expression === '0 6 * * 1');
    const none = await a.get('999');
    assert.ok(!none.ok);
    assert.equal(none.error.code, 'not-found');
    assert.match(none.error.message, /no GitHub Actions workflow 999/);
    const ci = await a.get(String(ids.ci));
    assert.ok(!ci.ok);
    assert.match(ci.error.message, /no on\.schedule entries/);
  });

  it('pauses (disable) and resumes (enable) the workflow, each read back from GitHub; a catch-up is refused; the preview starts no missed runs', async () => {
    const a = adapterFor(server);
    const paused = await a.pause('train');
    assert.ok(paused.ok, JSON.stringify(paused));
    assert.equal(server.workflows.get(ids.train)?.state, 'disabled_manually');
    assert.deepEqual(paused.value.changed, [{ where: `GitHub Actions workflow ${ZENML_FILE} in ${REPO}`, what: 'workflow disabled' }]);
    assert.equal(paused.value.after?.state, 'paused');
    const puts = server.requests.filter((r) => r.method === 'PUT');
    assert.equal(puts.at(-1)?.path, `/repos/${REPO}/actions/workflows/${ids.train}/disable`);
    // The read back is a GET of the workflow after the PUT.
    const afterPut = server.requests.slice(server.requests.lastIndexOf(puts.at(-1)!) + 1);
    assert.ok(afterPut.some((r) => r.method === 'GET' && r.path === `/repos/${REPO}/actions/workflows/${ids.train}`));
    const again = await a.pause(String(ids.train));
    assert.ok(again.ok && again.value.changed.length === 0 && /already disabled/.test(again.value.unchanged[0].why));

    const refreshed = await a.get(String(ids.train));
    assert.ok(refreshed.ok);
    const preview = resumePreview(refreshed.value, { now: new Date('2026-12-05T00:00:00Z'), lastRun: new Date('2026-12-01T03:00:00Z'), choiceAllowed: a.capabilities.resumeCatchUp === true });
    assert.equal(preview.runsThatWillStart, 0);
    assert.equal(preview.choice, 'none');
    assert.match(preview.words, /does not catch up/);
    const catchUp = await a.resume('train', { catchUp: true });
    assert.ok(!catchUp.ok);
    assert.equal(catchUp.error.code, 'unsupported');
    assert.equal(server.workflows.get(ids.train)?.state, 'disabled_manually');

    const resumed = await a.resume('train');
    assert.ok(resumed.ok, JSON.stringify(resumed));
    assert.equal(server.workflows.get(ids.train)?.state, 'active');
    assert.equal(resumed.value.after?.state, 'active');
    // A workflow GitHub disabled for inactivity is enabled the same way, and its warning goes.
    const stale = await a.resume(String(ids.stale));
    assert.ok(stale.ok, JSON.stringify(stale));
    assert.equal(server.workflows.get(ids.stale)?.state, 'active');
    assert.ok(!stale.value.after?.warnings.some((w) => /60 days/.test(w)));
    // Several entries: the whole workflow, said so.
    const multi = await a.pause(`${ids.multi}#1`);
    assert.ok(multi.ok);
    assert.match(multi.value.changed[0].what, /all 2 of its schedules/);
    assert.ok((await a.resume(`${ids.multi}#1`)).ok);
  });

  it('a change that does not hold when read back is reported unchanged, not done', async () => {
    // A server that answers 204 but keeps the state (a repository policy that re-enables, a proxy eating the PUT).
    const s = await startGithubServer();
    try {
      const id = s.addWorkflow({ path: '.github/workflows/n.yml', name: 'n', content: "on:\n  schedule:\n    - cron: '0 1 * * *'\n" });
      const a = adapterFor(s);
      const original = s.workflows.get(id)!;
      let state = original.state;
      Object.defineProperty(original, 'state', { get: () => state, set: () => undefined });
      const r = await a.pause(String(id));
      assert.ok(r.ok);
      assert.deepEqual(r.value.changed, []);
      assert.match(r.value.unchanged[0].why, /state is active when read back/);
      state = 'active';
    } finally {
      await s.close();
    }
  });

  it('a workflow file over 1 MB (sent without content) is a row that says so, not a failed list', async () => {
    const s = await startGithubServer();
    try {
      s.addWorkflow({ path: '.github/workflows/small.yml', name: 'small', content: "on:\n  schedule:\n    - cron: '0 1 * * *'\n" });
      s.addWorkflow({ path: '.github/workflows/huge.yml', name: 'huge', content: `on:\n  schedule:\n    - cron: '0 2 * * *'\n${'#'.repeat(1100 * 1024)}\n` });
      const r = await adapterFor(s).list();
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.value.items.map((x) => x.name), ['small', 'huge']);
      assert.equal(r.value.items[1].kind, null);
      assert.match(r.value.items[1].warnings.join(' '), /encoding none; files over 1 MB/);
    } finally {
      await s.close();
    }
  });

  it('lists the runs the schedule started (event=schedule), newest first, with status and link', async () => {
    const a = adapterFor(server);
    const runs = await a.runs('train');
    assert.ok(runs.ok, JSON.stringify(runs));
    assert.deepEqual(runs.value.map((r) => r.status), ['failed', 'completed']);
    assert.equal(runs.value[0].created.toISOString(), '2026-12-01T03:01:09.000Z');
    assert.match(runs.value[0].url ?? '', /\/actions\/runs\/\d+$/);
    const req = server.requests.filter((r) => r.path.endsWith('/runs')).at(-1)!;
    assert.equal(req.query.event, 'schedule');
    // By row id: one request (the refresh asks once per row); an unknown workflow is not found.
    const before = server.requests.length;
    const byId = await a.runs(String(ids.train), { limit: 1 });
    assert.ok(byId.ok && byId.value.length === 1 && byId.value[0].scheduleId === String(ids.train));
    assert.equal(server.requests.length - before, 1);
    const unknown = await a.runs('424242');
    assert.ok(!unknown.ok);
    assert.equal(unknown.error.code, 'not-found');
  });

  it('refuses update and delete with the reason and the file to change; nothing is sent to GitHub but reads', async () => {
    const a = adapterFor(server);
    const before = server.requests.length;
    const update = await a.update('train', { expression: '0 4 * * *' });
    assert.ok(!update.ok);
    assert.equal(update.error.code, 'unsupported');
    assert.match(update.error.message, /written in the file \.github\/workflows\/train-scheduled-20260101120000\.yaml.*commit and push/);
    const del = await a.delete('train');
    assert.ok(!del.ok);
    assert.equal(del.error.code, 'unsupported');
    assert.match(del.error.message, /is a file in the repository: delete the file .* and push/);
    assert.ok(server.requests.slice(before).every((r) => r.method === 'GET'));
    assert.equal(server.files.get(`${REPO}:${ZENML_FILE}`)?.includes("'0 3 * * *'"), true);
  });

  it('errors: a bad token (401 Bad credentials), no token, the rate limit (403, x-ratelimit-remaining: 0), a repository GitHub does not have, a malformed repository', async () => {
    const bad = await adapterFor(server, 'expired').list();
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'unauthorized');
    assert.match(bad.error.message, /Bad credentials.*wrong or expired/);
    const none = await adapterFor(server, '').list();
    assert.ok(!none.ok);
    assert.equal(none.error.code, 'unauthorized');
    assert.match(none.error.message, /No GitHub token for gh: sign in to GitHub/);
    server.rateLimitRemaining = 0;
    try {
      const limited = await adapterFor(server).list();
      assert.ok(!limited.ok);
      assert.equal(limited.error.code, 'forbidden');
      assert.match(limited.error.message, /rate limit is used up .*It resets at 2030-01-01T00:00:00Z/);
    } finally {
      server.rateLimitRemaining = 1_000_000;
    }
    const other = await new GithubAdapter({ name: 'gh', repository: 'someone/else', url: server.url, tokens: staticTokenProvider('t', async () => TOKEN) }).list();
    assert.ok(!other.ok);
    assert.equal(other.error.code, 'not-found');
    assert.match(other.error.message, /Not Found/);
    const malformed = await new GithubAdapter({ name: 'gh', repository: 'no-slash', url: server.url, tokens: staticTokenProvider('t', async () => TOKEN) }).list();
    assert.ok(!malformed.ok);
    assert.equal(malformed.error.code, 'invalid-input');
  });

  it('the registry builds it from a connection; the ZenML record merges with the ZenML-made workflow by pipeline and cron', async () => {
    const { connections, problems } = parseConnections([{ name: 'gh', type: 'github', repository: REPO, url: server.url }]);
    assert.deepEqual(problems, []);
    const made = createAdapter(connections[0], { secrets: async () => ({ token: TOKEN }) });
    assert.ok(made.ok);
    assert.equal(made.value.type, 'github');
    const listed = await made.value.list();
    assert.ok(listed.ok, JSON.stringify(listed));
    const signedIn = createAdapter(connections[0], { secrets: async () => null, githubToken: staticTokenProvider('GitHub sign-in', async () => TOKEN) });
    assert.ok(signedIn.ok && (await signedIn.value.list()).ok);
    const train = listed.value.items.find((s) => s.name === 'train')!;
    const record: LiveSchedule = { ...train, id: 'a3f0c1d2-0000-4000-8000-000000000001', name: 'train-nightly', orchestrator: 'github', match: undefined, changes: undefined, zenmlId: null };
    const found = findRecord(train, 'github', [record]);
    assert.equal(found?.record.id, record.id);
    assert.equal(findRecord({ ...train, expression: '0 4 * * *' }, 'github', [record]), null, 'a different cron is not the same schedule');
  });

  it('the command line lists, pauses and resumes a GitHub connection (tokenEnv, GITHUB_TOKEN), refuses update/delete with exit 1, and a bad token exits 3', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-cli-'));
    const file = path.join(dir, 'connections.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'gh', type: 'github', repository: REPO, url: server.url, tokenEnv: 'GH_PAT' }]));
    const cli = async (env: NodeJS.ProcessEnv, ...args: string[]) => {
      const io = memoryIo();
      const code = await runSchedules([...args, '--connections', file], io, { env: { ...process.env, GITHUB_TOKEN: '', ...env }, timeoutMs: 30_000 });
      return { code, out: io.out, err: io.err };
    };
    let r = await cli({ GH_PAT: TOKEN }, 'list', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    const listed = JSON.parse(r.out) as { schedules: { name: string; dialect: string; timeZone: string | null; state: string }[] };
    assert.equal(listed.schedules.find((s) => s.name === 'cli')?.dialect, 'github');
    assert.equal(listed.schedules.find((s) => s.name === 'train')?.timeZone, 'Europe/Berlin');
    r = await cli({ GH_PAT: TOKEN }, 'pause', 'cli', '--json');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.workflows.get(ids.cli)?.state, 'disabled_manually');
    assert.match(JSON.parse(r.out).changed[0].what, /workflow disabled/);
    r = await cli({ GH_PAT: TOKEN }, 'update', 'cli', '--cron', '0 6 * * *');
    assert.equal(r.code, 1, r.err + r.out);
    assert.match(r.err + r.out, /commit and push/);
    r = await cli({ GH_PAT: TOKEN }, 'delete', 'cli', '--yes');
    assert.equal(r.code, 1, r.err + r.out);
    assert.match(r.err + r.out, /delete the file/);
    r = await cli({ GH_PAT: 'wrong' }, 'resume', 'cli');
    assert.equal(r.code, 3, r.err + r.out);
    assert.equal(server.workflows.get(ids.cli)?.state, 'disabled_manually');
    await assert.rejects(cli({}, 'list'), /names environment variable GH_PAT, which is not set/, 'tokenEnv names a variable that is not set: a usage error (exit 2)');
    // Without tokenEnv: GITHUB_TOKEN.
    fs.writeFileSync(file, JSON.stringify([{ name: 'gh', type: 'github', repository: REPO, url: server.url }]));
    r = await cli({ GITHUB_TOKEN: TOKEN }, 'resume', 'cli');
    assert.equal(r.code, 0, r.err + r.out);
    assert.equal(server.workflows.get(ids.cli)?.state, 'active');
    r = await cli({}, 'list');
    assert.equal(r.code, 3, r.err + r.out);
    assert.match(r.err + r.out, /No GitHub token/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

const githubErrorBody: ErrorBody = (status, reason) => ({ message: `injected ${status} ${reason}`, documentation_url: 'https://docs.github.com/rest', status: String(status) });

let faultServer: GithubServer | null = null;
let faultId = '';
runFaultTable({
  name: 'GitHub Actions adapter',
  async upstream() {
    faultServer = await startGithubServer();
    faultId = String(faultServer.addWorkflow({ path: '.github/workflows/fault.yml', name: 'fault', content: "on:\n  schedule:\n    - cron: '0 3 * * *'\n" }));
    return faultServer.url;
  },
  faultPath: /\/repos\//,
  makeAdapter: (baseUrl) => new GithubAdapter({ name: 'gh-faults', repository: REPO, url: baseUrl, tokens: staticTokenProvider('t', async () => TOKEN) }),
  operations: [
    { name: 'list', call: (a, o) => a.list(o) },
    { name: 'get', call: (a, o) => a.get(faultId, o) },
    { name: 'pause', call: (a, o) => a.pause(faultId, o) },
    { name: 'resume', call: (a, o) => a.resume(faultId, o) },
    { name: 'update', call: (a, o) => a.update(faultId, { expression: '0 4 * * *' }, o) },
    { name: 'delete', call: (a, o) => a.delete(faultId, o) },
    { name: 'runs', call: (a, o) => (a.runs ? a.runs(faultId, o) : Promise.resolve({ ok: true as const, value: [] })) },
  ],
  errorBody: githubErrorBody,
  stop: async () => {
    await faultServer?.close();
  },
});

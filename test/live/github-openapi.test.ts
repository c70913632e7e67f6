// The loopback GitHub server (test/servers/github.ts) checked against GitHub's published OpenAPI
// description (@octokit/openapi, pinned): every route it serves must exist in the description with
// that method, answer a status the description lists (or GitHub's documented errors for every route:
// 401, 403 rate limit, 400/415 for bad headers, as `basic-error`), and send bodies that validate
// against the description's JSON schemas (ajv). A server drifting from GitHub's API fails here.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startGithubServer, type GithubServer } from '../servers/github';

const DESCRIPTION = require.resolve('@octokit/openapi/generated/api.github.com.json');
const TOKEN = 'ghp_test-token';
const REPO = 'zenml-io/pipelines';
/** Errors GitHub documents for every REST route (authentication, rate limits, media types, API versions). */
const EVERY_ROUTE_ERRORS = new Set([400, 401, 403, 404, 415]);

interface Description {
  info: { version: string };
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }> }>>;
  components: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
}

/** The description's path template that matches a concrete path (`{x}` = one segment; contents' `{path}` = the rest). */
function templateOf(description: Description, path: string): string | null {
  for (const template of Object.keys(description.paths)) {
    const re = new RegExp(
      '^' +
        template
          .split('/')
          .map((seg) => (seg === '{path}' ? '.+' : /^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/') +
        '$',
    );
    if (re.test(path)) return template;
  }
  return null;
}

describe("loopback GitHub server against GitHub's OpenAPI description (@octokit/openapi)", () => {
  let server: GithubServer;
  let description: Description;
  let ajv: Ajv;
  let workflowId = 0;
  const seen: { method: string; path: string; status: number; body: unknown }[] = [];

  const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', authorization: `Bearer ${TOKEN}`, ...headers },
    });
    const text = await res.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    seen.push({ method, path: new URL(server.url + path).pathname, status: res.status, body });
    return { status: res.status, body, headers: res.headers };
  };

  /** The schema the description gives for (template, method, status), or basic-error for GitHub's every-route errors. */
  const schemaFor = (template: string, method: string, status: number): { schema: unknown } | 'no-body' | null => {
    const op = description.paths[template]?.[method.toLowerCase()];
    if (!op) return null;
    let response = op.responses[String(status)];
    if (!response && EVERY_ROUTE_ERRORS.has(status)) return { schema: { $ref: 'gh#/components/schemas/basic-error' } };
    if (!response) return null;
    if (response.$ref) response = description.components.responses[response.$ref.split('/').pop()!];
    const content = response.content?.['application/json'];
    return content ? { schema: content.schema } : 'no-body';
  };

  /** Rewrites the description's local `#/…` refs to the registered document `gh`. */
  const withBase = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"gh#/'));

  const check = (entry: { method: string; path: string; status: number; body: unknown }): string | null => {
    const template = templateOf(description, entry.path);
    if (!template) return `${entry.method} ${entry.path}: no such path in GitHub's description`;
    if (!description.paths[template][entry.method.toLowerCase()]) return `${entry.method} ${template}: GitHub's description has no such method`;
    const expected = schemaFor(template, entry.method, entry.status);
    if (expected === null) return `${entry.method} ${template}: status ${entry.status} is not in GitHub's description`;
    if (expected === 'no-body') return entry.body === undefined ? null : `${entry.method} ${template} ${entry.status}: GitHub sends no body`;
    const validate = ajv.compile(withBase(expected.schema) as object);
    return validate(entry.body) ? null : `${entry.method} ${template} ${entry.status}: ${ajv.errorsText(validate.errors)}`;
  };

  before(async () => {
    description = JSON.parse(readFileSync(DESCRIPTION, 'utf8')) as Description;
    ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
    addFormats(ajv);
    // The description's schemas are OpenAPI 3.0 (nullable); the whole document is registered so that refs resolve.
    ajv.addSchema(JSON.parse(JSON.stringify(description).replace(/"\$ref":"#\//g, '"$ref":"gh#/')) as object, 'gh');
    server = await startGithubServer();
    workflowId = server.addWorkflow({ path: '.github/workflows/train-scheduled-20260101120000.yaml', name: 'train', content: "on:\n  schedule:\n    - cron: '0 3 * * *'\n" });
    server.addWorkflow({ path: '.github/workflows/ci.yml', name: 'CI', content: 'on: push\n' });
    server.addWorkflow({ path: '.github/workflows/old.yml', name: 'Old', content: "on:\n  schedule:\n    - cron: '0 4 * * 1'\n", state: 'disabled_inactivity' });
    server.addRun({ workflowId, created: '2026-11-30T03:00:12Z' });
    server.addRun({ workflowId, created: '2026-12-01T03:00:09Z', conclusion: 'failure' });
    server.addRun({ workflowId, created: '2026-12-01T03:10:00Z', status: 'in_progress', conclusion: null });
  });
  after(() => server?.close());

  it(`the description is GitHub's (version pinned in package.json) and lists the routes`, () => {
    assert.match(description.info.version, /^\d+\.\d+\.\d+$/);
    assert.ok(description.paths['/repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable']?.put);
  });

  it('every route the loopback server serves, with its success and error answers, matches the description', async () => {
    await call('GET', `/repos/${REPO}/actions/workflows?per_page=2&page=1`);
    await call('GET', `/repos/${REPO}/actions/workflows?per_page=2&page=2`);
    await call('GET', `/repos/${REPO}/actions/workflows/${workflowId}`);
    await call('GET', `/repos/${REPO}/actions/workflows/train-scheduled-20260101120000.yaml`);
    assert.equal((await call('PUT', `/repos/${REPO}/actions/workflows/${workflowId}/disable`)).status, 204);
    assert.equal((await call('PUT', `/repos/${REPO}/actions/workflows/${workflowId}/enable`)).status, 204);
    await call('GET', `/repos/${REPO}/actions/workflows/${workflowId}/runs?event=schedule&per_page=10`);
    await call('GET', `/repos/${REPO}/contents/.github/workflows/train-scheduled-20260101120000.yaml`);
    // Errors: a missing workflow, a missing file, a bad token, no token, the rate limit, a wrong API version, a wrong Accept.
    assert.equal((await call('GET', `/repos/${REPO}/actions/workflows/999`)).status, 404);
    assert.equal((await call('PUT', `/repos/${REPO}/actions/workflows/999/disable`)).status, 404);
    assert.equal((await call('GET', `/repos/${REPO}/contents/.github/workflows/none.yml`)).status, 404);
    assert.equal((await call('GET', `/repos/${REPO}/actions/workflows`, { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await call('GET', `/repos/${REPO}/actions/workflows`, { 'x-github-api-version': '1999-01-01' })).status, 400);
    assert.equal((await call('GET', `/repos/${REPO}/actions/workflows`, { accept: 'text/html' })).status, 415);
    server.rateLimitRemaining = 0;
    const limited = await call('GET', `/repos/${REPO}/actions/workflows`);
    server.rateLimitRemaining = 1_000_000;
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');

    const statuses = new Set(seen.map((s) => s.status));
    for (const s of [200, 204, 400, 401, 403, 404, 415]) assert.ok(statuses.has(s), `status ${s} was exercised`);
    const problems = seen.map(check).filter((p): p is string => p !== null);
    assert.deepEqual(problems, []);
    const bad = seen.find((s) => s.status === 401)?.body as Record<string, unknown>;
    assert.equal(bad.message, 'Bad credentials');
    assert.match(String(bad.documentation_url), /^https:\/\/docs\.github\.com\//);
  });

  it('the check can fail: a drifted body, an unknown route, an undocumented status and a wrong method are caught', () => {
    const list = seen.find((s) => s.method === 'GET' && /\/actions\/workflows$/.test(s.path) && s.status === 200)!;
    const drifted = structuredClone(list.body) as { workflows: Record<string, unknown>[] };
    drifted.workflows[0].state = 'paused';
    delete drifted.workflows[0].badge_url;
    assert.match(check({ ...list, body: drifted }) ?? '', /state|badge_url/);
    assert.match(check({ method: 'GET', path: `/repos/${REPO}/actions/schedules`, status: 200, body: {} }) ?? '', /no such path/);
    assert.match(check({ method: 'POST', path: `/repos/${REPO}/actions/workflows/1/disable`, status: 204, body: undefined }) ?? '', /no such method/);
    assert.match(check({ method: 'PUT', path: `/repos/${REPO}/actions/workflows/1/disable`, status: 200, body: {} }) ?? '', /not in GitHub's description/);
    const run = seen.find((s) => /\/runs$/.test(s.path))!;
    const runBody = structuredClone(run.body) as { workflow_runs: Record<string, unknown>[] };
    delete runBody.workflow_runs[0].repository;
    assert.match(check({ ...run, body: runBody }) ?? '', /repository/);
  });
});

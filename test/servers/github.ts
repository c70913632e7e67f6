// A stateful loopback GitHub REST API for the Actions workflows of repositories (facts §6, §10),
// strict where GitHub is: only `GET /repos/{o}/{r}/actions/workflows` (per_page ≤ 100, page, a
// `Link` header with rel="next"/"last"), `GET …/actions/workflows/{id or file name}`, `PUT
// …/{id}/disable|enable` (204, no body), `GET …/{id}/runs` (event, per_page) and `GET
// /repos/{o}/{r}/contents/{path}` (a file as base64 JSON); any other path or verb is 404 `{"message":
// "Not Found", "documentation_url"}`. Headers: `Accept` must allow application/vnd.github+json (or
// application/json), `X-GitHub-Api-Version` when sent must be 2022-11-28 (else 400), `Authorization:
// Bearer|token <token>` (none → 401 "Requires authentication", a wrong one → 401 "Bad credentials").
// `rateLimitRemaining = 0` answers 403 "API rate limit exceeded" with `x-ratelimit-remaining: 0`.
// Bodies follow GitHub's published OpenAPI description (checked in test/live/github-openapi.test.ts).
// State persists (a disable is read back as `disabled_manually`). Only 127.0.0.1.

import * as http from 'node:http';
import { listenOnLoopback } from './listen';

export const GITHUB_API_VERSION = '2022-11-28';
const DOCS = 'https://docs.github.com/rest';

export interface GithubWorkflowState {
  id: number;
  repository: string;
  name: string;
  path: string;
  state: 'active' | 'deleted' | 'disabled_fork' | 'disabled_inactivity' | 'disabled_manually';
  created_at: string;
  updated_at: string;
}

export interface GithubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept?: string;
  apiVersion?: string;
  authorization?: string;
  status: number;
}

export interface GithubRun {
  id: number;
  workflowId: number;
  event: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  created: string;
}

export interface GithubServer {
  url: string;
  requests: GithubRequest[];
  workflows: Map<number, GithubWorkflowState>;
  /** Files by `owner/repo:path`. */
  files: Map<string, string>;
  runs: GithubRun[];
  /** Set to 0 to answer every request with GitHub's 403 rate-limit error. */
  rateLimitRemaining: number;
  addWorkflow(w: { repository?: string; path: string; name?: string; content: string; state?: GithubWorkflowState['state']; fileMissing?: boolean }): number;
  addRun(r: { workflowId: number; event?: string; status?: GithubRun['status']; conclusion?: string | null; created: string }): number;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const notFound = () => new ApiError(404, 'Not Found');

export async function startGithubServer(options: { tokens?: string[]; repositories?: string[] } = {}): Promise<GithubServer> {
  const tokens = new Set(options.tokens ?? ['ghp_test-token']);
  const repositories = new Set(options.repositories ?? ['zenml-io/pipelines']);
  const workflows = new Map<number, GithubWorkflowState>();
  const files = new Map<string, string>();
  const runs: GithubRun[] = [];
  const requests: GithubRequest[] = [];
  let nextId = 161_335;
  let nextRun = 30_433_642;
  let url = '';

  const repoOf = (full: string) => {
    const [owner, name] = full.split('/');
    const api = `${url}/repos/${full}`;
    const urls = Object.fromEntries(
      ['archive', 'assignees', 'blobs', 'branches', 'collaborators', 'comments', 'commits', 'compare', 'contents', 'contributors', 'deployments', 'downloads', 'events', 'forks', 'git_commits', 'git_refs', 'git_tags', 'hooks', 'issue_comment', 'issue_events', 'issues', 'keys', 'labels', 'languages', 'merges', 'milestones', 'notifications', 'pulls', 'releases', 'stargazers', 'statuses', 'subscribers', 'subscription', 'tags', 'teams', 'trees'].map((k) => [`${k}_url`, `${api}/${k.replace(/_/g, '/')}`]),
    );
    return {
      id: 1296269,
      node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
      name,
      full_name: full,
      owner: {
        login: owner,
        id: 1,
        node_id: 'MDQ6VXNlcjE=',
        avatar_url: 'https://github.com/images/error/octocat_happy.gif',
        gravatar_id: '',
        url: `${url}/users/${owner}`,
        html_url: `https://github.com/${owner}`,
        followers_url: `${url}/users/${owner}/followers`,
        following_url: `${url}/users/${owner}/following{/other_user}`,
        gists_url: `${url}/users/${owner}/gists{/gist_id}`,
        starred_url: `${url}/users/${owner}/starred{/owner}{/repo}`,
        subscriptions_url: `${url}/users/${owner}/subscriptions`,
        organizations_url: `${url}/users/${owner}/orgs`,
        repos_url: `${url}/users/${owner}/repos`,
        events_url: `${url}/users/${owner}/events{/privacy}`,
        received_events_url: `${url}/users/${owner}/received_events`,
        type: 'Organization',
        site_admin: false,
      },
      private: false,
      html_url: `https://github.com/${full}`,
      description: 'ZenML pipelines',
      fork: false,
      url: api,
      ...urls,
    };
  };

  const workflowJson = (w: GithubWorkflowState) => ({
    id: w.id,
    node_id: Buffer.from(`Workflow${w.id}`).toString('base64'),
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.created_at,
    updated_at: w.updated_at,
    url: `${url}/repos/${w.repository}/actions/workflows/${w.id}`,
    html_url: `https://github.com/${w.repository}/blob/main/${w.path}`,
    badge_url: `https://github.com/${w.repository}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  });

  const runJson = (r: GithubRun, w: GithubWorkflowState) => {
    const repo = repoOf(w.repository);
    const api = `${url}/repos/${w.repository}/actions/runs/${r.id}`;
    return {
      id: r.id,
      name: w.name,
      node_id: Buffer.from(`Run${r.id}`).toString('base64'),
      head_branch: 'main',
      head_sha: 'acb5820ced9479c074f688cc328bf03f341a511d',
      path: w.path,
      display_title: w.name,
      run_number: r.id % 1000,
      event: r.event,
      status: r.status,
      conclusion: r.conclusion,
      workflow_id: w.id,
      url: api,
      html_url: `https://github.com/${w.repository}/actions/runs/${r.id}`,
      pull_requests: [],
      created_at: r.created,
      updated_at: r.created,
      run_started_at: r.created,
      jobs_url: `${api}/jobs`,
      logs_url: `${api}/logs`,
      check_suite_url: `${url}/repos/${w.repository}/check-suites/414944374`,
      artifacts_url: `${api}/artifacts`,
      cancel_url: `${api}/cancel`,
      rerun_url: `${api}/rerun`,
      workflow_url: `${url}/repos/${w.repository}/actions/workflows/${w.id}`,
      head_commit: {
        id: 'acb5820ced9479c074f688cc328bf03f341a511d',
        tree_id: 'd23f6eedb1e1b9610bbc754ddb5197bfe7271223',
        message: 'Schedule the training pipeline',
        timestamp: r.created,
        author: { name: 'ML Team', email: 'ml@example.com' },
        committer: { name: 'ML Team', email: 'ml@example.com' },
      },
      repository: repo,
      head_repository: repo,
    };
  };

  const fileJson = (repository: string, path: string, text: string) => {
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    const tooBig = Buffer.byteLength(text) > 1024 * 1024;
    const api = `${url}/repos/${repository}/contents/${path}?ref=main`;
    const sha = Buffer.from(path).toString('hex').slice(0, 40).padEnd(40, '0');
    return {
      type: 'file',
      encoding: tooBig ? 'none' : 'base64',
      size: Buffer.byteLength(text),
      name: path.split('/').pop(),
      path,
      // GitHub wraps base64 at 60 characters; files over 1 MB come without content (encoding "none").
      content: Buffer.byteLength(text) > 1024 * 1024 ? '' : (b64.match(/.{1,60}/g) ?? []).join('\n') + '\n',
      sha,
      url: api,
      git_url: `${url}/repos/${repository}/git/blobs/${sha}`,
      html_url: `https://github.com/${repository}/blob/main/${path}`,
      download_url: `https://raw.githubusercontent.com/${repository}/main/${path}`,
      _links: { self: api, git: `${url}/repos/${repository}/git/blobs/${sha}`, html: `https://github.com/${repository}/blob/main/${path}` },
    };
  };

  const findWorkflow = (repository: string, key: string) => {
    const decoded = decodeURIComponent(key);
    for (const w of workflows.values()) {
      if (w.repository !== repository) continue;
      if (/^\d+$/.test(decoded) ? w.id === Number(decoded) : w.path.split('/').pop() === decoded) return w;
    }
    throw notFound();
  };

  const handle = (method: string, path: string, query: Record<string, string>, reqUrl: URL): { status: number; body?: unknown; headers?: Record<string, string> } => {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(.+)$/.exec(path);
    if (!m) throw notFound();
    const repository = `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}`;
    if (!repositories.has(repository)) throw notFound();
    const rest = m[3];
    if (rest === 'actions/workflows') {
      if (method !== 'GET') throw notFound();
      const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
      const page = Math.max(1, Number(query.page ?? 1) || 1);
      const all = [...workflows.values()].filter((w) => w.repository === repository).sort((a, b) => a.id - b.id);
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (p: number, rel: string) => {
        const u = new URL(reqUrl.toString());
        u.searchParams.set('per_page', String(perPage));
        u.searchParams.set('page', String(p));
        return `<${url}${u.pathname}${u.search}>; rel="${rel}"`;
      };
      const links = [...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []), ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : [])];
      return { status: 200, body: { total_count: all.length, workflows: slice.map(workflowJson) }, headers: links.length ? { link: links.join(', ') } : {} };
    }
    let w = /^actions\/workflows\/([^/]+)$/.exec(rest);
    if (w) {
      if (method !== 'GET') throw notFound();
      return { status: 200, body: workflowJson(findWorkflow(repository, w[1])) };
    }
    w = /^actions\/workflows\/([^/]+)\/(disable|enable)$/.exec(rest);
    if (w) {
      if (method !== 'PUT') throw notFound();
      const wf = findWorkflow(repository, w[1]);
      wf.state = w[2] === 'enable' ? 'active' : 'disabled_manually';
      wf.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z');
      return { status: 204 };
    }
    w = /^actions\/workflows\/([^/]+)\/runs$/.exec(rest);
    if (w) {
      if (method !== 'GET') throw notFound();
      const wf = findWorkflow(repository, w[1]);
      const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
      const list = runs.filter((r) => r.workflowId === wf.id && (!query.event || r.event === query.event)).sort((a, b) => b.created.localeCompare(a.created));
      return { status: 200, body: { total_count: list.length, workflow_runs: list.slice(0, perPage).map((r) => runJson(r, wf)) } };
    }
    const c = /^contents\/(.+)$/.exec(rest);
    if (c) {
      if (method !== 'GET') throw notFound();
      const filePath = c[1].split('/').map(decodeURIComponent).join('/');
      const text = files.get(`${repository}:${filePath}`);
      if (text === undefined) throw notFound();
      return { status: 200, body: fileJson(repository, filePath, text) };
    }
    throw notFound();
  };

  const rateHeaders = (remaining: number): Record<string, string> => ({
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(Math.max(0, remaining)),
    'x-ratelimit-reset': String(Math.floor(Date.UTC(2030, 0, 1) / 1000)),
    'x-ratelimit-used': String(5000 - Math.max(0, remaining)),
    'x-ratelimit-resource': 'core',
  });

  const server = http.createServer((req, res) => {
    const reqUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(reqUrl.searchParams);
    const record: GithubRequest = {
      method: req.method ?? 'GET',
      path: reqUrl.pathname,
      query,
      accept: req.headers.accept,
      apiVersion: req.headers['x-github-api-version'] as string | undefined,
      authorization: req.headers.authorization ? '(set)' : undefined,
      status: 0,
    };
    requests.push(record);
    req.resume();
    req.on('end', () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        const text = body === undefined ? '' : JSON.stringify(body);
        res.writeHead(status, {
          ...rateHeaders(api.rateLimitRemaining),
          'x-github-api-version-selected': GITHUB_API_VERSION,
          'x-github-media-type': 'github.v3; format=json',
          ...(text ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) } : {}),
          ...headers,
        });
        res.end(text);
      };
      try {
        const accept = req.headers.accept ?? '';
        if (!/application\/(vnd\.github(\.v3)?(\+json)?|json)|\*\/\*/.test(accept)) {
          throw new ApiError(415, `Unsupported 'Accept' header: '${accept}'. Must accept 'application/json'.`);
        }
        const version = req.headers['x-github-api-version'];
        if (version !== undefined && version !== GITHUB_API_VERSION) throw new ApiError(400, `API version '${String(version)}' is not supported.`);
        const auth = req.headers.authorization;
        if (!auth) throw new ApiError(401, 'Requires authentication');
        const token = /^(?:Bearer|token) (\S+)$/i.exec(auth)?.[1];
        if (!token || !tokens.has(token)) throw new ApiError(401, 'Bad credentials');
        if (api.rateLimitRemaining <= 0) throw new ApiError(403, 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.');
        api.rateLimitRemaining--;
        const out = handle(req.method ?? 'GET', reqUrl.pathname, query, reqUrl);
        send(out.status, out.body, out.headers);
      } catch (error) {
        if (error instanceof ApiError) {
          const docs = error.status === 401 ? `${DOCS}` : error.status === 403 ? 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' : `${DOCS}`;
          send(error.status, { message: error.message, documentation_url: docs, status: String(error.status) }, error.headers);
        } else send(500, { message: 'Server Error' });
      }
    });
  });

  const listening = await listenOnLoopback(server);
  url = listening.url;
  const api: GithubServer = {
    url,
    requests,
    workflows,
    files,
    runs,
    rateLimitRemaining: 1_000_000,
    addWorkflow(w) {
      const repository = w.repository ?? [...repositories][0];
      const id = nextId++;
      const at = new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
      workflows.set(id, { id, repository, name: w.name ?? w.path, path: w.path, state: w.state ?? 'active', created_at: at, updated_at: at });
      if (!w.fileMissing) files.set(`${repository}:${w.path}`, w.content);
      return id;
    },
    addRun(r) {
      const id = nextRun++;
      runs.push({ id, workflowId: r.workflowId, event: r.event ?? 'schedule', status: r.status ?? 'completed', conclusion: r.conclusion === undefined ? 'success' : r.conclusion, created: r.created });
      return id;
    },
    close: () => listening.close(),
  };
  return api;
}

// A stateful loopback Vertex AI Schedule API (REST v1, facts §6, §10), strict like Google's front
// end: only the documented paths and verbs (`GET|DELETE /v1/projects/*/locations/*/schedules/*`,
// `GET …/schedules` with pageSize/pageToken/filter/orderBy, `POST …:pause`, `POST …:resume` with an
// optional `catchUp`, `PATCH /v1/{name}` with a required updateMask), a bearer token, JSON bodies
// only, unknown query parameters and body fields refused, and Google's error body
// `{"error": {"code", "message", "status"}}`. Enums come as names, or as numbers when the client asks
// with `$alt=json;enum-encoding=int` (Google's Python REST transport does). Changes persist.
// Only 127.0.0.1.

import * as http from 'node:http';
import { explainCron } from '../../src/cron';
import { listenOnLoopback } from './listen';

export type VertexState = 'ACTIVE' | 'PAUSED' | 'COMPLETED';
const STATE_NUMBERS: Record<VertexState, number> = { ACTIVE: 1, PAUSED: 2, COMPLETED: 3 };

export interface VertexSchedule {
  /** projects/{p}/locations/{r}/schedules/{id} */
  name: string;
  displayName: string;
  cron: string;
  state: VertexState;
  createTime: string;
  startTime?: string;
  endTime?: string;
  nextRunTime?: string;
  lastPauseTime?: string;
  lastResumeTime?: string;
  maxRunCount?: string;
  startedRunCount: string;
  maxConcurrentRunCount: string;
  catchUp?: boolean;
  createPipelineJobRequest?: Record<string, unknown>;
}

export interface VertexRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  body?: unknown;
  status: number;
}

export interface VertexServer {
  url: string;
  project: string;
  region: string;
  requests: VertexRequest[];
  schedules: Map<string, VertexSchedule>;
  /** Add a schedule; returns its numeric id. */
  add(s: { displayName: string; cron: string; state?: VertexState; zenml?: boolean; pipeline?: string; maxRunCount?: number; startedRunCount?: number }): string;
  get(id: string): VertexSchedule | undefined;
  close(): Promise<void>;
}

const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 409: 'ALREADY_EXISTS' };
/** Query parameters Google's front end accepts on every call (system parameters). */
const SYSTEM_PARAMS = new Set(['$alt', 'alt', 'prettyPrint', 'fields', 'key', '$fields', '$prettyPrint']);
/** Fields `updateMask` may name (snake or camel case). */
const UPDATABLE = new Set(['cron', 'display_name', 'displayName', 'start_time', 'startTime', 'end_time', 'endTime', 'max_run_count', 'maxRunCount', 'max_concurrent_run_count', 'maxConcurrentRunCount', 'allow_queueing', 'allowQueueing']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly googleStatus = STATUS_NAMES[status] ?? 'UNKNOWN',
  ) {
    super(message);
  }
}

function nextRun(cron: string, from: Date): string | undefined {
  const e = explainCron(cron, { dialect: 'vertex', from, count: 1 });
  return e.valid && e.nextRuns[0] ? e.nextRuns[0].toISOString() : undefined;
}

export async function startVertexServer(options: { project?: string; region?: string; tokens?: string[]; now?: () => Date } = {}): Promise<VertexServer> {
  const project = options.project ?? 'zenml-test';
  const region = options.region ?? 'europe-west4';
  const tokens = new Set(options.tokens ?? ['vertex-token']);
  const now = () => options.now?.() ?? new Date();
  const schedules = new Map<string, VertexSchedule>();
  const requests: VertexRequest[] = [];
  let nextId = 1_000_000_000_000_000_000n;
  let operations = 0;
  const parent = `projects/${project}/locations/${region}`;

  const add: VertexServer['add'] = (s) => {
    const id = String(nextId++);
    const env = s.zenml ? [{ name: 'ZENML_ENABLE_REPO_INIT_WARNINGS', value: 'False' }, { name: 'ZENML_STORE_URL', value: 'https://zenml.example' }] : [{ name: 'OTHER', value: '1' }];
    schedules.set(id, {
      name: `${parent}/schedules/${id}`,
      displayName: s.displayName,
      cron: s.cron,
      state: s.state ?? 'ACTIVE',
      createTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
      startTime: new Date(Date.UTC(2026, 0, 1)).toISOString(),
      nextRunTime: (s.state ?? 'ACTIVE') === 'ACTIVE' ? nextRun(s.cron, now()) : undefined,
      ...(s.maxRunCount !== undefined ? { maxRunCount: String(s.maxRunCount) } : {}),
      startedRunCount: String(s.startedRunCount ?? 0),
      maxConcurrentRunCount: '1',
      catchUp: false,
      createPipelineJobRequest: {
        parent,
        pipelineJob: {
          displayName: s.pipeline ?? s.displayName,
          pipelineSpec: {
            pipelineInfo: { name: s.pipeline ?? s.displayName },
            deploymentSpec: { executors: { 'exec-trainer': { container: { image: 'gcr.io/x/zenml:latest', env } } } },
          },
        },
      },
    });
    return id;
  };

  const render = (s: VertexSchedule, intEnums: boolean) => (intEnums ? { ...s, state: STATE_NUMBERS[s.state] } : { ...s });

  const checkQuery = (query: Record<string, string>, allowed: string[]) => {
    for (const k of Object.keys(query)) {
      if (!SYSTEM_PARAMS.has(k) && !allowed.includes(k)) throw new HttpError(400, `Invalid JSON payload received. Unknown name "${k}": Cannot bind query parameter. Field '${k}' could not be found in request message.`);
    }
  };
  const checkBody = (body: unknown, allowed: string[]) => {
    if (body === undefined) return;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'Invalid JSON payload received. Expected an object.');
    for (const k of Object.keys(body)) if (!allowed.includes(k)) throw new HttpError(400, `Invalid JSON payload received. Unknown name "${k}": Cannot find field.`);
  };
  const scheduleOf = (p: string, l: string, id: string) => {
    if (p !== project || l !== region) throw new HttpError(404, `The resource 'projects/${p}/locations/${l}/schedules/${id}' was not found in this project and location.`);
    const s = schedules.get(id);
    if (!s) throw new HttpError(404, `The Schedule does not exist: projects/${p}/locations/${l}/schedules/${id}`);
    return s;
  };

  /** The supported subset of AIP-160 filters: `display_name="x"`, `state=ACTIVE`, joined by AND. */
  const filterOf = (text: string): ((s: VertexSchedule) => boolean) => {
    const parts = text.split(/\s+AND\s+/);
    const tests = parts.map((part) => {
      const m = /^\s*(display_name|displayName|state)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([A-Z_]+))\s*$/.exec(part);
      if (!m) throw new HttpError(400, `Invalid filter: ${text}`);
      const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
      return m[1] === 'state' ? (s: VertexSchedule) => s.state === value : (s: VertexSchedule) => s.displayName === value;
    });
    return (s) => tests.every((t) => t(s));
  };

  const handle = (method: string, path: string, query: Record<string, string>, body: unknown): { status: number; body: unknown } => {
    const intEnums = (query.$alt ?? '').includes('enum-encoding=int');
    const coll = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/schedules$/.exec(path);
    const one = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/schedules\/([^/:]+)(?::([A-Za-z]+))?$/.exec(path);
    if (coll) {
      if (method !== 'GET') throw new HttpError(method === 'POST' ? 400 : 405, method === 'POST' ? 'Creating schedules is not supported by this loopback server.' : `Method ${method} not allowed.`);
      if (coll[1] !== project || coll[2] !== region) throw new HttpError(404, `Location ${coll[2]} of project ${coll[1]} not found.`);
      checkQuery(query, ['pageSize', 'page_size', 'pageToken', 'page_token', 'filter', 'orderBy', 'order_by']);
      const size = Number(query.pageSize ?? query.page_size ?? 100);
      if (!Number.isInteger(size) || size < 0) throw new HttpError(400, `Invalid value at 'page_size' (TYPE_INT32), "${query.pageSize ?? query.page_size}"`);
      const pageSize = size === 0 ? 100 : Math.min(size, 100);
      const token = query.pageToken ?? query.page_token ?? '';
      let start = 0;
      if (token) {
        const m = /^p(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
        if (!m) throw new HttpError(400, 'Invalid page token.');
        start = Number(m[1]);
      }
      const filter = query.filter ? filterOf(query.filter) : () => true;
      if (query.orderBy ?? query.order_by) {
        const o = (query.orderBy ?? query.order_by).trim();
        if (!/^(create_time|start_time|next_run_time|display_name)( desc)?$/.test(o)) throw new HttpError(400, `Invalid order_by: ${o}`);
      }
      const all = [...schedules.values()].filter(filter);
      const page = all.slice(start, start + pageSize);
      const more = start + pageSize < all.length;
      return { status: 200, body: { schedules: page.map((s) => render(s, intEnums)), ...(more ? { nextPageToken: Buffer.from(`p${start + pageSize}`).toString('base64url') } : {}) } };
    }
    if (!one) throw new HttpError(404, `The requested URL ${path} was not found on this server.`, 'NOT_FOUND');
    const [, p, l, id, verb] = one;
    if (verb) {
      if (method !== 'POST') throw new HttpError(405, `Method ${method} not allowed for :${verb}.`);
      if (verb !== 'pause' && verb !== 'resume') throw new HttpError(404, `The requested URL ${path} was not found on this server.`, 'NOT_FOUND');
      checkQuery(query, []);
      checkBody(body, verb === 'resume' ? ['catchUp', 'catch_up'] : []);
      const s = scheduleOf(p, l, id);
      if (verb === 'pause') {
        if (s.state !== 'ACTIVE') throw new HttpError(400, `Schedule ${s.name} is in state ${s.state}; only an ACTIVE schedule can be paused.`, 'FAILED_PRECONDITION');
        s.state = 'PAUSED';
        s.lastPauseTime = now().toISOString();
        delete s.nextRunTime;
      } else {
        if (s.state !== 'PAUSED') throw new HttpError(400, `Schedule ${s.name} is in state ${s.state}; only a PAUSED schedule can be resumed.`, 'FAILED_PRECONDITION');
        const b = (body ?? {}) as Record<string, unknown>;
        const catchUp = b.catchUp ?? b.catch_up;
        if (catchUp !== undefined && typeof catchUp !== 'boolean') throw new HttpError(400, `Invalid value at 'catch_up' (TYPE_BOOL), ${JSON.stringify(catchUp)}`);
        s.state = 'ACTIVE';
        s.catchUp = catchUp === true;
        s.lastResumeTime = now().toISOString();
        s.nextRunTime = nextRun(s.cron, now());
      }
      return { status: 200, body: {} };
    }
    if (method === 'GET') {
      checkQuery(query, []);
      return { status: 200, body: render(scheduleOf(p, l, id), intEnums) };
    }
    if (method === 'DELETE') {
      checkQuery(query, []);
      const s = scheduleOf(p, l, id);
      schedules.delete(id);
      operations++;
      return {
        status: 200,
        body: {
          name: `${parent}/operations/${operations}`,
          metadata: { '@type': 'type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata', genericMetadata: { createTime: now().toISOString(), updateTime: now().toISOString() } },
          done: true,
          response: { '@type': 'type.googleapis.com/google.protobuf.Empty' },
          _deleted: s.name,
        },
      };
    }
    if (method === 'PATCH') {
      checkQuery(query, ['updateMask', 'update_mask']);
      const mask = query.updateMask ?? query.update_mask;
      if (!mask) throw new HttpError(400, 'update_mask is required.');
      const fields = mask.split(',').map((f) => f.trim());
      const bad = fields.find((f) => !UPDATABLE.has(f));
      if (bad) throw new HttpError(400, `Field '${bad}' cannot be updated (update_mask).`);
      const s = scheduleOf(p, l, id);
      if (typeof body !== 'object' || body === null) throw new HttpError(400, 'A Schedule is required in the body.');
      const b = body as Record<string, unknown>;
      for (const k of Object.keys(b)) if (!['name', 'cron', 'displayName', 'display_name', 'startTime', 'endTime', 'maxRunCount', 'maxConcurrentRunCount', 'allowQueueing', 'state'].includes(k)) throw new HttpError(400, `Invalid JSON payload received. Unknown name "${k}": Cannot find field.`);
      if (s.state === 'COMPLETED') throw new HttpError(400, `Schedule ${s.name} is COMPLETED and cannot be updated.`, 'FAILED_PRECONDITION');
      for (const f of fields) {
        if (f === 'cron') {
          const cron = b.cron;
          if (typeof cron !== 'string' || !explainCron(cron, { dialect: 'vertex', count: 1 }).valid) throw new HttpError(400, `Invalid cron expression: ${JSON.stringify(cron)}`);
          s.cron = cron;
          if (s.state === 'ACTIVE') s.nextRunTime = nextRun(cron, now());
        } else if (f === 'display_name' || f === 'displayName') {
          const v = b.displayName ?? b.display_name;
          if (typeof v !== 'string' || !v) throw new HttpError(400, 'display_name must not be empty.');
          s.displayName = v;
        } else if (f === 'max_run_count' || f === 'maxRunCount') {
          s.maxRunCount = String(b.maxRunCount);
        }
      }
      return { status: 200, body: render(s, intEnums) };
    }
    throw new HttpError(405, `Method ${method} not allowed.`);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      const method = req.method ?? 'GET';
      const contentType = req.headers['content-type'];
      const text = Buffer.concat(chunks).toString('utf8');
      const record: VertexRequest = { method, path: url.pathname, query, contentType, status: 0 };
      requests.push(record);
      let status: number;
      let out: unknown;
      try {
        const auth = req.headers.authorization ?? '';
        const m = /^Bearer (.+)$/.exec(auth);
        if (!m) throw new HttpError(401, 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
        if (!tokens.has(m[1])) throw new HttpError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
        let body: unknown;
        if (text.trim()) {
          if (!/^application\/json\b/i.test(contentType ?? '')) throw new HttpError(400, `Invalid content type ${contentType ?? '(none)'}; the body must be JSON (application/json).`);
          try {
            body = JSON.parse(text);
          } catch {
            throw new HttpError(400, 'Invalid JSON payload received.');
          }
        }
        record.body = body;
        const r = handle(method, url.pathname, query, body);
        status = r.status;
        out = r.body;
        if (out && typeof out === 'object' && '_deleted' in out) delete (out as Record<string, unknown>)._deleted;
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        status = e.status;
        out = { error: { code: e.status, message: e.message, status: e.googleStatus } };
      }
      record.status = status;
      const payload = JSON.stringify(out);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  });
  const listening = await listenOnLoopback(server);
  const port = listening.port;
  return {
    url: `http://127.0.0.1:${port}`,
    project,
    region,
    requests,
    schedules,
    add,
    get: (id) => schedules.get(id),
    close: listening.close,
  };
}

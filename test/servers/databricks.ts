// A stateful loopback Databricks Jobs API (2.2 and 2.1, facts §6, §11), strict where Databricks
// is: only `GET jobs/list` (limit 1..100, page_token, offset on 2.1, name, expand_tasks), `GET
// jobs/get?job_id=`, `POST jobs/update` ({job_id, new_settings, fields_to_remove}; top-level
// settings are replaced whole; a schedule needs quartz_cron_expression and timezone_id) and `POST
// jobs/delete` ({job_id}); JSON bodies; a bearer token (none → 401, a wrong one → 403 "Invalid
// access token."); Databricks' error body `{"error_code", "message"}`, a missing job as 400
// INVALID_PARAMETER_VALUE "Job N does not exist." (what the official SDK turns into
// ResourceDoesNotExist). `versions: ['2.1']` answers 2.2 with 404 ENDPOINT_NOT_FOUND (an older
// workspace). Changes persist. Only 127.0.0.1.

import * as http from 'node:http';
import { explainCron, isValidTimeZone } from '../../src/cron';
import { listenOnLoopback } from './listen';

export interface DatabricksJob {
  job_id: number;
  creator_user_name: string;
  created_time: number;
  settings: Record<string, unknown> & { name: string; schedule?: { quartz_cron_expression: string; timezone_id: string; pause_status: 'PAUSED' | 'UNPAUSED' } };
}

export interface DatabricksRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  body?: unknown;
  status: number;
}

export interface DatabricksServer {
  url: string;
  requests: DatabricksRequest[];
  jobs: Map<number, DatabricksJob>;
  add(job: { name: string; cron?: string; timezone?: string; paused?: boolean; zenml?: boolean }): number;
  get(id: number): DatabricksJob | undefined;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const JOB_SETTINGS_FIELDS = new Set(['name', 'schedule', 'tasks', 'tags', 'job_clusters', 'email_notifications', 'timeout_seconds', 'max_concurrent_runs', 'trigger', 'continuous', 'parameters', 'description', 'format', 'queue', 'run_as', 'git_source', 'health', 'notification_settings', 'webhook_notifications', 'environments', 'budget_policy_id', 'edit_mode', 'deployment', 'performance_target']);

export async function startDatabricksServer(options: { tokens?: string[]; versions?: ('2.1' | '2.2')[] } = {}): Promise<DatabricksServer> {
  const tokens = new Set(options.tokens ?? ['dapi-test-token']);
  const versions = new Set(options.versions ?? ['2.1', '2.2']);
  const jobs = new Map<number, DatabricksJob>();
  const requests: DatabricksRequest[] = [];
  let nextId = 640_000_000_000_001;

  const add: DatabricksServer['add'] = (j) => {
    const id = nextId++;
    jobs.set(id, {
      job_id: id,
      creator_user_name: 'ml@example.com',
      created_time: Date.UTC(2026, 0, 1) + jobs.size * 1000,
      settings: {
        name: j.name,
        ...(j.cron ? { schedule: { quartz_cron_expression: j.cron, timezone_id: j.timezone ?? 'UTC', pause_status: j.paused ? 'PAUSED' : 'UNPAUSED' } } : {}),
        tasks: [
          j.zenml
            ? { task_key: 'trainer', python_wheel_task: { package_name: 'zenml', entry_point: 'zenml_entrypoint' } }
            : { task_key: 'main', notebook_task: { notebook_path: '/Workspace/etl' } },
        ],
        max_concurrent_runs: 1,
        format: 'MULTI_TASK',
        ...(j.zenml ? { tags: { zenml_pipeline: j.name.replace(/_[0-9a-f]{32}$/, '') } } : {}),
      },
    });
    return id;
  };

  const jobIdOf = (v: unknown): number => {
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Invalid value for parameter job_id: ${JSON.stringify(v)}`);
    return n;
  };
  const jobOf = (id: number) => {
    const job = jobs.get(id);
    if (!job) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Job ${id} does not exist.`);
    return job;
  };
  const checkSchedule = (s: unknown) => {
    if (typeof s !== 'object' || s === null) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'schedule must be an object');
    const o = s as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['quartz_cron_expression', 'timezone_id', 'pause_status'].includes(k)) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Unknown field schedule.${k}`);
    if (typeof o.quartz_cron_expression !== 'string' || !o.quartz_cron_expression) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: settings.schedule.quartz_cron_expression');
    if (typeof o.timezone_id !== 'string' || !o.timezone_id) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: settings.schedule.timezone_id');
    if (!isValidTimeZone(o.timezone_id) && o.timezone_id !== 'UTC') throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Invalid timezone_id: ${o.timezone_id}`);
    if (!explainCron(o.quartz_cron_expression, { dialect: 'databricks', timeZone: 'UTC', count: 1 }).valid) {
      throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Invalid quartz_cron_expression: '${o.quartz_cron_expression}'`);
    }
    if (o.pause_status !== undefined && o.pause_status !== 'PAUSED' && o.pause_status !== 'UNPAUSED') throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Invalid pause_status: ${JSON.stringify(o.pause_status)}`);
    return { quartz_cron_expression: o.quartz_cron_expression, timezone_id: o.timezone_id, pause_status: (o.pause_status ?? 'UNPAUSED') as 'PAUSED' | 'UNPAUSED' };
  };
  const listed = (j: DatabricksJob, expand: boolean) => {
    const { tasks, job_clusters, ...rest } = j.settings;
    return { ...j, settings: expand ? { ...rest, tasks, job_clusters } : rest };
  };

  const handle = (method: string, path: string, query: Record<string, string>, body: unknown): unknown => {
    const m = /^\/api\/(2\.[12])\/jobs\/(list|get|update|delete)$/.exec(path);
    if (!m || !versions.has(m[1] as '2.1' | '2.2')) throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path.replace(/^\/api/, '')}'`);
    const [, version, op] = m;
    const want = op === 'list' || op === 'get' ? 'GET' : 'POST';
    if (method !== want) throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path.replace(/^\/api/, '')}'`);
    if (op === 'list') {
      const limit = query.limit === undefined ? (version === '2.2' ? 20 : 20) : Number(query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `The limit must be between 1 and 100 (got ${query.limit}).`);
      let start = 0;
      if (query.page_token) {
        const t = /^o(\d+)$/.exec(Buffer.from(query.page_token, 'base64url').toString());
        if (!t) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'Invalid page token.');
        start = Number(t[1]);
      } else if (query.offset !== undefined) {
        if (version === '2.2') throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'offset is not supported in Jobs API 2.2; use page_token.');
        start = Number(query.offset);
      }
      const name = query.name?.toLowerCase();
      const all = [...jobs.values()].filter((j) => !name || j.settings.name.toLowerCase() === name).sort((a, b) => a.job_id - b.job_id);
      const page = all.slice(start, start + limit);
      const more = start + limit < all.length;
      return {
        ...(page.length ? { jobs: page.map((j) => listed(j, query.expand_tasks === 'true')) } : {}),
        has_more: more,
        ...(more ? { next_page_token: Buffer.from(`o${start + limit}`).toString('base64url') } : {}),
        ...(start > 0 ? { prev_page_token: Buffer.from(`o${Math.max(0, start - limit)}`).toString('base64url') } : {}),
      };
    }
    if (op === 'get') {
      if (query.job_id === undefined) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: job_id');
      return jobOf(jobIdOf(query.job_id));
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'MALFORMED_REQUEST', 'Request body must be a JSON object.');
    const b = body as Record<string, unknown>;
    if (op === 'delete') {
      for (const k of Object.keys(b)) if (k !== 'job_id') throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Unknown field: ${k}`);
      const id = jobIdOf(b.job_id);
      jobOf(id);
      jobs.delete(id);
      return {};
    }
    // update
    for (const k of Object.keys(b)) if (!['job_id', 'new_settings', 'fields_to_remove'].includes(k)) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Unknown field: ${k}`);
    const job = jobOf(jobIdOf(b.job_id));
    const settings = (b.new_settings ?? {}) as Record<string, unknown>;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'new_settings must be an object');
    for (const k of Object.keys(settings)) if (!JOB_SETTINGS_FIELDS.has(k)) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Unknown field: new_settings.${k}`);
    const remove = b.fields_to_remove ?? [];
    if (!Array.isArray(remove)) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'fields_to_remove must be an array');
    const schedule = settings.schedule !== undefined ? checkSchedule(settings.schedule) : undefined;
    if (typeof settings.name === 'string' && !settings.name) throw new ApiError(400, 'INVALID_PARAMETER_VALUE', 'name must not be empty');
    // Top-level fields are replaced whole (an omitted pause_status becomes UNPAUSED).
    Object.assign(job.settings, settings, schedule ? { schedule } : {});
    for (const f of remove) {
      if (f === 'schedule') delete job.settings.schedule;
      else if (typeof f === 'string' && JOB_SETTINGS_FIELDS.has(f)) delete job.settings[f];
      else throw new ApiError(400, 'INVALID_PARAMETER_VALUE', `Cannot remove field ${JSON.stringify(f)}`);
    }
    return {};
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
      const record: DatabricksRequest = { method, path: url.pathname, query, contentType, status: 0 };
      requests.push(record);
      let status = 200;
      let out: unknown;
      try {
        // The SDK's best-effort host discovery (databricks-sdk ≥ 0.7x): answered as a workspace without it.
        if (url.pathname === '/.well-known/databricks-config') throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${url.pathname}'`);
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        if (!auth) throw new ApiError(401, 'UNAUTHENTICATED', 'Credential was not sent or was of an unsupported type for this API.');
        if (!tokens.has(auth[1])) throw new ApiError(403, 'PERMISSION_DENIED', 'Invalid access token.');
        let body: unknown;
        if (text.trim()) {
          if (!/^application\/json\b/i.test(contentType ?? '')) throw new ApiError(400, 'MALFORMED_REQUEST', `Invalid Content-Type ${contentType ?? '(none)'}: the body must be application/json.`);
          try {
            body = JSON.parse(text);
          } catch {
            throw new ApiError(400, 'MALFORMED_REQUEST', 'Could not parse request object: malformed JSON.');
          }
        }
        record.body = body;
        out = handle(method, url.pathname, query, body);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        status = e.status;
        out = { error_code: e.errorCode, message: e.message };
      }
      record.status = status;
      const payload = JSON.stringify(out);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  });
  const listening = await listenOnLoopback(server);
  const port = listening.port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    jobs,
    add,
    get: (id) => jobs.get(id),
    close: listening.close,
  };
}

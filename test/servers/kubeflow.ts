// A stateful loopback Kubeflow Pipelines API server (v2beta1 REST, as kfp 2.x's client and the KFP
// API server's grpc-gateway speak it), for tests. It enforces the documented API so that a wrong
// request fails the test that makes it:
//   - paths: /apis/v2beta1/recurringruns[/{id}], the custom verbs /recurringruns/{id}:enable and
//     :disable (a colon, not v1's `/jobs/{id}/disable` slash), /apis/v2beta1/experiments[/{id}],
//     /apis/v2beta1/runs, /apis/v2beta1/healthz. Only v2beta1 is served: any other path is a
//     grpc-gateway 404 (a real KFP 2 backend still serves v1beta1; this one does not, on purpose,
//     so that a v1 request in the adapter fails a test);
//   - verbs: a path known with another verb → 405 (code 12, Unimplemented); there is no update
//     (PUT/PATCH) for recurring runs in v2beta1, so those are 405 too;
//   - content types: answers are application/json; a request body must be JSON sent as
//     application/json (stricter than grpc-gateway's wildcard marshaler, on purpose); a body that does
//     not parse → 400 (code 3);
//   - auth: `Authorization: Bearer <token>` (401 code 16 without or with a wrong one; 403 code 7 for a
//     read-only token on a change) or the `authservice_session` cookie of a Kubeflow behind
//     oauth2-proxy (a wrong or expired cookie is redirected, 302, to an HTML login page, as there);
//   - multi-user mode: listing recurring runs or runs without `namespace` (or experiment_id) → 400;
//   - errors as grpc-gateway bodies `{error, code, message, details}` with the gRPC code;
//   - paging: page_size (default 20), page_token (opaque; a forged one → 400), next_page_token,
//     total_size; sort_by `created_at`/`display_name`/`id` [desc]; filter (a JSON Filter with
//     predicates EQUALS / NOT_EQUALS / IS_SUBSTRING on known keys; unknown key → 400);
//   - validation on create: display_name, exactly one trigger (cron in robfig's seconds-first dialect
//     as KFP reads it, or interval_second > 0), a pipeline (spec or version reference),
//     max_concurrency in [1, 10], an existing experiment.
// proto3 JSON as grpc-gateway writes it: int64 as strings, default values left out.
// State lives as long as the server.

import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { explainCron } from '../../src/cron';

type Json = Record<string, unknown>;

export interface KfpUser {
  name: string;
  /** Only reads. */
  readOnly?: boolean;
}

export interface KubeflowServerOptions {
  /** Bearer token → user. Default {'kfp-token': admin}. */
  tokens?: Record<string, KfpUser>;
  /** authservice_session cookie value → user. Default {'kfp-session': admin}. */
  sessions?: Record<string, KfpUser>;
  /** Multi-user Kubeflow: lists need a namespace. Default true. */
  multiUser?: boolean;
  /** Default page size when none is asked for. Default 20. */
  defaultPageSize?: number;
  port?: number;
}

export interface KfpRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  user: string | null;
  status: number;
  body?: unknown;
}

export interface KubeflowServer {
  url: string;
  port: number;
  /** The stored recurring runs by id (live objects, in the API's JSON field names). */
  recurringRuns: Map<string, Json>;
  experiments: Map<string, Json>;
  runs: Map<string, Json>;
  requests: KfpRecordedRequest[];
  /** Put an experiment in place (test setup); returns its id. */
  seedExperiment(displayName: string, namespace?: string): string;
  /** Put a recurring run in place as a create would (validated, defaults filled); returns the stored object. */
  seedRecurringRun(body: Json): Json;
  /** A run started by a recurring run (or not), for health. */
  seedRun(run: { display_name?: string; experiment_id: string; recurring_run_id?: string; state: string; created_at: Date; namespace?: string }): Json;
  close(): Promise<void>;
}

/** gRPC codes the gateway maps to HTTP statuses. */
const GRPC: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 409: 6, 500: 13, 501: 12 };

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function errorBody(e: ApiError): Json {
  return { error: e.message, code: GRPC[e.status] ?? 2, message: e.message, details: [] };
}

const API = '/apis/v2beta1';

/** Path patterns → the verbs the API has for them. */
const ROUTES: { re: RegExp; verbs: string[]; name: string }[] = [
  { re: /^\/apis\/v2beta1\/healthz$/, verbs: ['GET'], name: 'healthz' },
  { re: /^\/apis\/v2beta1\/recurringruns$/, verbs: ['GET', 'POST'], name: 'recurringruns' },
  { re: /^\/apis\/v2beta1\/recurringruns\/([^/:]+)$/, verbs: ['GET', 'DELETE'], name: 'recurringrun' },
  { re: /^\/apis\/v2beta1\/recurringruns\/([^/:]+):(enable|disable)$/, verbs: ['POST'], name: 'mode' },
  { re: /^\/apis\/v2beta1\/experiments$/, verbs: ['GET', 'POST'], name: 'experiments' },
  { re: /^\/apis\/v2beta1\/experiments\/([^/:]+)$/, verbs: ['GET'], name: 'experiment' },
  { re: /^\/apis\/v2beta1\/runs$/, verbs: ['GET'], name: 'runs' },
];

const SORT_KEYS: Record<string, string> = { created_at: 'created_at', display_name: 'display_name', name: 'display_name', id: 'id' };
/** filter.proto's operations, by name or by enum number (protojson takes both; kfp's client sends numbers). IN is not served here. */
const FILTER_OPS: Record<string, string> = { EQUALS: 'EQUALS', NOT_EQUALS: 'NOT_EQUALS', GREATER_THAN: 'GREATER_THAN', GREATER_THAN_EQUALS: 'GREATER_THAN_EQUALS', LESS_THAN: 'LESS_THAN', LESS_THAN_EQUALS: 'LESS_THAN_EQUALS', IS_SUBSTRING: 'IS_SUBSTRING', '1': 'EQUALS', '2': 'NOT_EQUALS', '3': 'GREATER_THAN', '5': 'GREATER_THAN_EQUALS', '6': 'LESS_THAN', '7': 'LESS_THAN_EQUALS', '9': 'IS_SUBSTRING' };

export async function startKubeflowServer(options: KubeflowServerOptions = {}): Promise<KubeflowServer> {
  const tokens = options.tokens ?? { 'kfp-token': { name: 'admin' } };
  const sessions = options.sessions ?? { 'kfp-session': { name: 'admin' } };
  const multiUser = options.multiUser ?? true;
  const defaultPageSize = options.defaultPageSize ?? 20;
  const recurringRuns = new Map<string, Json>();
  const experiments = new Map<string, Json>();
  const runs = new Map<string, Json>();
  const requests: KfpRecordedRequest[] = [];
  /** Issued page tokens → where the next page starts and what it lists (a forged or reused-elsewhere token is refused). */
  const pageTokens = new Map<string, { offset: number; key: string }>();
  let clock = Date.UTC(2026, 0, 1);
  const nextInstant = () => new Date((clock += 1000));

  const seedExperiment = (displayName: string, namespace?: string): string => {
    const id = randomUUID();
    experiments.set(id, { experiment_id: id, display_name: displayName, created_at: stamp(nextInstant()), storage_state: 'AVAILABLE', ...(namespace ? { namespace } : {}) });
    return id;
  };
  const defaultExperiment = seedExperiment('Default');

  function validateRecurringRun(body: Json): Json {
    const name = body.display_name;
    if (typeof name !== 'string' || !name.trim()) throw new ApiError(400, 'Invalid input error: The recurring run name is empty. Please specify a valid name.');
    const trigger = body.trigger;
    if (!isObj(trigger)) throw new ApiError(400, 'Invalid input error: A recurring run needs a trigger (cron_schedule or periodic_schedule).');
    const cron = isObj(trigger.cron_schedule) ? trigger.cron_schedule : null;
    const periodic = isObj(trigger.periodic_schedule) ? trigger.periodic_schedule : null;
    if (!!cron === !!periodic) throw new ApiError(400, 'Invalid input error: The trigger must have exactly one of cron_schedule and periodic_schedule.');
    if (cron) {
      const expression = typeof cron.cron === 'string' ? cron.cron : '';
      const explained = explainCron(expression, { dialect: 'kubeflow', timeZone: 'UTC', count: 0 });
      if (!expression || !explained.valid) throw new ApiError(400, `Invalid input error: Schedule cron is not a supported format(https://godoc.org/github.com/robfig/cron). Error: ${explained.error?.message ?? 'empty'}`);
    }
    if (periodic) {
      const seconds = Number(periodic.interval_second);
      if (!Number.isInteger(seconds) || seconds <= 0) throw new ApiError(400, 'Invalid input error: Found invalid period schedule. The interval must be greater than 0.');
    }
    for (const window of [cron, periodic]) {
      for (const k of ['start_time', 'end_time']) {
        if (window && window[k] !== undefined && Number.isNaN(new Date(String(window[k])).getTime())) throw new ApiError(400, `invalid value for ${k}: ${String(window[k])}`);
      }
    }
    if (!isObj(body.pipeline_spec) && !isObj(body.pipeline_version_reference) && typeof body.pipeline_version_id !== 'string') {
      throw new ApiError(400, 'Invalid input error: A recurring run needs a pipeline_spec or a pipeline_version_reference.');
    }
    const maxConcurrency = body.max_concurrency === undefined ? 1 : Number(body.max_concurrency);
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10) {
      throw new ApiError(400, 'Invalid input error: Max concurrency of a recurring run must be at least 1 and at most 10.');
    }
    const experimentId = typeof body.experiment_id === 'string' && body.experiment_id ? body.experiment_id : defaultExperiment;
    if (!experiments.has(experimentId)) throw new ApiError(404, `Failed to get experiment: ResourceNotFoundError: Experiment ${experimentId} not found`);
    const mode = body.mode === undefined || body.mode === 'MODE_UNSPECIFIED' ? 'ENABLE' : body.mode;
    if (mode !== 'ENABLE' && mode !== 'DISABLE') throw new ApiError(400, `invalid value for enum type: ${JSON.stringify(mode)}`);
    const id = randomUUID();
    const now = stamp(nextInstant());
    const stored: Json = {
      ...clone(body),
      recurring_run_id: id,
      experiment_id: experimentId,
      max_concurrency: String(maxConcurrency),
      mode,
      status: mode === 'ENABLE' ? 'ENABLED' : 'DISABLED',
      created_at: now,
      updated_at: now,
    };
    if (periodic) (stored.trigger as Json).periodic_schedule = { ...periodic, interval_second: String(Number(periodic.interval_second)) };
    if (!body.no_catchup) delete stored.no_catchup;
    const namespace = typeof body.namespace === 'string' && body.namespace ? body.namespace : (experiments.get(experimentId)!.namespace as string | undefined);
    if (namespace) stored.namespace = namespace;
    return stored;
  }

  const seedRecurringRun = (body: Json): Json => {
    const stored = validateRecurringRun(body);
    recurringRuns.set(stored.recurring_run_id as string, stored);
    return stored;
  };

  const seedRun: KubeflowServer['seedRun'] = (run) => {
    const id = randomUUID();
    const stored: Json = {
      run_id: id,
      display_name: run.display_name ?? `run-${id.slice(0, 8)}`,
      experiment_id: run.experiment_id,
      state: run.state,
      created_at: stamp(run.created_at),
      storage_state: 'AVAILABLE',
      ...(run.recurring_run_id ? { recurring_run_id: run.recurring_run_id } : {}),
      ...(run.namespace ? { namespace: run.namespace } : {}),
    };
    runs.set(id, stored);
    return stored;
  };

  function authenticate(req: http.IncomingMessage): KfpUser | 'redirect' {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer (.+)$/.exec(auth);
      const user = m ? tokens[m[1].trim()] : undefined;
      if (!user) throw new ApiError(401, 'Unauthenticated: the bearer token is not valid');
      return user;
    }
    const cookie = req.headers.cookie;
    if (cookie) {
      const session = cookie
        .split(';')
        .map((p) => p.trim().split('='))
        .find(([k]) => k === 'authservice_session')?.[1];
      if (session === undefined) throw new ApiError(401, 'Unauthenticated: no authservice_session cookie');
      const user = sessions[session];
      return user ?? 'redirect';
    }
    throw new ApiError(401, 'Unauthenticated: Request header error: there is no user identity header.');
  }

  /** Paging over a filtered, sorted list; the token pins the list it came from. */
  function page(items: Json[], query: Record<string, string>, listKey: string, idKey: string): Json {
    const sortBy = (query.sort_by ?? '').trim();
    let sortKey = 'created_at';
    let desc = false;
    if (sortBy) {
      const [key, dir, ...rest] = sortBy.split(/\s+/);
      if (!SORT_KEYS[key] || rest.length || (dir !== undefined && dir !== 'desc' && dir !== 'asc')) throw new ApiError(400, `Invalid input error: Invalid sorting field: "${sortBy}"`);
      sortKey = SORT_KEYS[key] === 'id' ? idKey : SORT_KEYS[key];
      desc = dir === 'desc';
    }
    let list = items.slice();
    if (query.filter) list = applyFilter(list, query.filter, idKey);
    list.sort((a, b) => {
      const x = String(a[sortKey] ?? '');
      const y = String(b[sortKey] ?? '');
      return (x < y ? -1 : x > y ? 1 : String(a[idKey]).localeCompare(String(b[idKey]))) * (desc ? -1 : 1);
    });
    const size = query.page_size === undefined || query.page_size === '' ? defaultPageSize : Number(query.page_size);
    if (!Number.isInteger(size) || size < 0) throw new ApiError(400, `Invalid input error: Invalid page size: ${query.page_size}`);
    const effective = size === 0 ? defaultPageSize : size;
    const key = JSON.stringify([listKey, sortBy, query.filter ?? '', query.namespace ?? '', query.experiment_id ?? '']);
    let offset = 0;
    if (query.page_token) {
      const t = pageTokens.get(query.page_token);
      if (!t || t.key !== key) throw new ApiError(400, `Invalid input error: Invalid page token: ${query.page_token}`);
      offset = t.offset;
    }
    const slice = list.slice(offset, offset + effective);
    const out: Json = { total_size: list.length };
    if (slice.length) out[listKey] = slice.map(clone);
    if (offset + effective < list.length) {
      const token = Buffer.from(randomUUID()).toString('base64url');
      pageTokens.set(token, { offset: offset + effective, key });
      out.next_page_token = token;
    }
    return out;
  }

  function applyFilter(list: Json[], filter: string, idKey: string): Json[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(filter);
    } catch {
      throw new ApiError(400, `Invalid input error: failed to parse the filter: ${filter}`);
    }
    const predicates = isObj(parsed) && Array.isArray(parsed.predicates) ? parsed.predicates : null;
    if (!predicates) throw new ApiError(400, 'Invalid input error: the filter needs predicates');
    return list.filter((item) =>
      predicates.every((p: unknown) => {
        if (!isObj(p)) throw new ApiError(400, 'Invalid input error: a predicate must be an object');
        const key = String(p.key ?? '');
        const field = key === 'name' ? 'display_name' : key === 'id' ? idKey : key;
        if (!['display_name', idKey, 'experiment_id', 'recurring_run_id', 'state', 'namespace', 'created_at', 'mode'].includes(field)) {
          throw new ApiError(400, `Invalid input error: Invalid filter key: ${key}`);
        }
        const op = FILTER_OPS[String(p.operation ?? '')];
        if (!op) throw new ApiError(400, `Invalid input error: Invalid filter operation: ${String(p.operation)}`);
        const raw = p.string_value ?? p.stringValue ?? p.int_value ?? p.intValue ?? p.long_value ?? p.longValue ?? p.timestamp_value ?? p.timestampValue;
        if (raw === undefined) throw new ApiError(400, `Invalid input error: the predicate on ${key} has no value`);
        const value = String(raw);
        const have = String(item[field] ?? '');
        switch (op) {
          case 'EQUALS':
            return have === value;
          case 'NOT_EQUALS':
            return have !== value;
          case 'IS_SUBSTRING':
            return have.includes(value);
          case 'GREATER_THAN':
            return have > value;
          case 'GREATER_THAN_EQUALS':
            return have >= value;
          case 'LESS_THAN':
            return have < value;
          default:
            return have <= value;
        }
      }),
    );
  }

  function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function parseJsonBody(text: string, contentType: string | null, required: boolean): Json | null {
    if (!text.trim()) {
      if (required) throw new ApiError(400, 'Invalid input error: the request has no body');
      return null;
    }
    if (!contentType || !/^application\/json\b/i.test(contentType)) throw new ApiError(400, `Invalid input error: the body must be sent as application/json, not ${contentType ?? 'no content type'}`);
    try {
      const v = JSON.parse(text) as unknown;
      if (!isObj(v)) throw new Error('not an object');
      return v;
    } catch (e) {
      throw new ApiError(400, `invalid character in the request body: ${(e as Error).message}`);
    }
  }

  function requireNamespace(query: Record<string, string>, what: string): void {
    if (multiUser && !query.namespace && !query.experiment_id) {
      throw new ApiError(400, `Invalid input error: ${what} must filter by namespace or experiment in multi-user mode.`);
    }
  }

  const inNamespace = (item: Json, query: Record<string, string>) => !query.namespace || item.namespace === query.namespace;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, record: KfpRecordedRequest): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams.entries());
    const method = req.method ?? 'GET';
    const send = (status: number, body: unknown) => {
      record.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (path === '/dex/auth') {
      record.status = 200;
      const html = '<!DOCTYPE html><html><head><title>Log in to Your Account</title></head><body><form method="post"></form></body></html>';
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
      res.end(html);
      return;
    }
    try {
      const route = ROUTES.map((r) => ({ r, m: r.re.exec(path) })).find((x) => x.m);
      if (!route) throw new ApiError(404, 'Not Found');
      if (!route.r.verbs.includes(method)) throw new ApiError(405, 'Method Not Allowed');
      const text = await readBody(req);
      const user = authenticate(req);
      if (user === 'redirect') {
        record.status = 302;
        res.writeHead(302, { Location: `/dex/auth?client_id=kubeflow-oidc-authservice&redirect_uri=%2Flogin%2Foidc&state=${randomUUID()}`, 'Content-Length': 0 });
        res.end();
        return;
      }
      record.user = user.name;
      if (method !== 'GET' && user.readOnly) throw new ApiError(403, `PermissionDenied: user ${user.name} may not ${method} ${path}`);
      const m = route.m!;
      switch (route.r.name) {
        case 'healthz':
          return send(200, { multi_user: multiUser, pipeline_store: 'database' });
        case 'recurringruns':
          if (method === 'GET') {
            requireNamespace(query, 'ListRecurringRuns');
            if (query.experiment_id && !experiments.has(query.experiment_id)) throw new ApiError(404, `ResourceNotFoundError: Experiment ${query.experiment_id} not found`);
            const items = [...recurringRuns.values()].filter((r) => inNamespace(r, query) && (!query.experiment_id || r.experiment_id === query.experiment_id));
            return send(200, page(items, query, 'recurringRuns', 'recurring_run_id'));
          } else {
            const body = parseJsonBody(text, req.headers['content-type'] ?? null, true)!;
            if (multiUser && !body.namespace) {
              const exp = typeof body.experiment_id === 'string' ? experiments.get(body.experiment_id) : undefined;
              if (!exp?.namespace) throw new ApiError(400, 'Invalid input error: In multi-user mode, a recurring run needs a namespace (from its experiment).');
            }
            record.body = body;
            const stored = seedRecurringRun(body);
            return send(200, clone(stored));
          }
        case 'recurringrun': {
          const stored = recurringRuns.get(m[1]);
          if (!stored) throw new ApiError(404, `Failed to get recurring run: ResourceNotFoundError: RecurringRun ${m[1]} not found`);
          if (method === 'GET') return send(200, clone(stored));
          recurringRuns.delete(m[1]);
          return send(200, {});
        }
        case 'mode': {
          const stored = recurringRuns.get(m[1]);
          if (!stored) throw new ApiError(404, `Failed to ${m[2]} recurring run: ResourceNotFoundError: RecurringRun ${m[1]} not found`);
          if (text.trim()) parseJsonBody(text, req.headers['content-type'] ?? null, false);
          stored.mode = m[2] === 'enable' ? 'ENABLE' : 'DISABLE';
          stored.status = m[2] === 'enable' ? 'ENABLED' : 'DISABLED';
          stored.updated_at = stamp(nextInstant());
          return send(200, {});
        }
        case 'experiments':
          if (method === 'GET') {
            const items = [...experiments.values()].filter((e) => inNamespace(e, query));
            return send(200, page(items, query, 'experiments', 'experiment_id'));
          } else {
            const body = parseJsonBody(text, req.headers['content-type'] ?? null, true)!;
            if (typeof body.display_name !== 'string' || !body.display_name) throw new ApiError(400, 'Invalid input error: Experiment name is empty. Please specify a valid experiment name.');
            if ([...experiments.values()].some((e) => e.display_name === body.display_name && e.namespace === body.namespace)) {
              throw new ApiError(409, `Failed to create a new experiment: AlreadyExistsError: experiment ${body.display_name} already exists`);
            }
            const id = seedExperiment(body.display_name, typeof body.namespace === 'string' ? body.namespace : undefined);
            return send(200, clone(experiments.get(id)));
          }
        case 'experiment': {
          const e = experiments.get(m[1]);
          if (!e) throw new ApiError(404, `Failed to get experiment: ResourceNotFoundError: Experiment ${m[1]} not found`);
          return send(200, clone(e));
        }
        case 'runs': {
          requireNamespace(query, 'ListRuns');
          const items = [...runs.values()].filter((r) => (!query.namespace || r.namespace === undefined || r.namespace === query.namespace) && (!query.experiment_id || r.experiment_id === query.experiment_id));
          return send(200, page(items, query, 'runs', 'run_id'));
        }
      }
      throw new ApiError(404, 'Not Found');
    } catch (e) {
      if (e instanceof ApiError) return send(e.status, errorBody(e));
      return send(500, errorBody(new ApiError(500, `internal error: ${(e as Error).message}`)));
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: KfpRecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams.entries()),
      contentType: req.headers['content-type'] ?? null,
      user: null,
      status: 0,
    };
    requests.push(record);
    void handle(req, res, record);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    recurringRuns,
    experiments,
    runs,
    requests,
    seedExperiment,
    seedRecurringRun,
    seedRun,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { API as KFP_V2BETA1 };

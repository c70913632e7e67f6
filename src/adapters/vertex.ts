// The Vertex AI adapter: Schedules of a project and region over the REST API v1 (facts §6, §10):
// `GET|DELETE /v1/projects/{p}/locations/{r}/schedules[/{id}]`, `POST …/{id}:pause` / `:resume`
// (body `catchUp`), `PATCH /v1/{name}?updateMask=cron`. OAuth bearer token from a TokenProvider
// (a token the user added, or `gcloud auth print-access-token`, chosen by the faces); a 401 renews
// the token once. Pages with pageToken/pageSize; every change is read back from Vertex AI before
// it is reported. No vscode import.

import { explainCron } from '../cron';
import { adapterError, type AdapterError } from './errors';
import { asNumber, asRecord, asString, isRecord, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import { bearerRequest, type TokenProvider } from './tokens';
import { ok, fail, type AdapterCallDefaults, type AdapterCapabilities, type CallOptions, type ChangeReport, type ListOptions, type LiveSchedule, type Page, type Result, type ScheduleAdapter, type ScheduleState } from './types';

export const VERTEX_DEFAULT_PAGE_SIZE = 100;

export interface VertexAdapterOptions extends AdapterCallDefaults {
  name: string;
  project: string;
  region: string;
  /** Overrides `https://{region}-aiplatform.googleapis.com` (private endpoints, test servers). */
  url?: string;
  tokens: TokenProvider;
}


/** Vertex's State enum, as names or (with `$alt=json;enum-encoding=int`) numbers. */
const STATES: Record<string, ScheduleState> = { ACTIVE: 'active', PAUSED: 'paused', COMPLETED: 'completed', '1': 'active', '2': 'paused', '3': 'completed' };

/** Google's error statuses that mean something more precise than the HTTP code. */
const GOOGLE_STATUS: Record<string, AdapterError['code']> = {
  FAILED_PRECONDITION: 'conflict',
  ALREADY_EXISTS: 'conflict',
  ABORTED: 'conflict',
  UNAUTHENTICATED: 'unauthorized',
  PERMISSION_DENIED: 'forbidden',
  NOT_FOUND: 'not-found',
};

/** `TZ=Europe/Berlin 0 3 * * *` / `CRON_TZ=…` → the zone, or null. */
export function vertexCronZone(cron: string): string | null {
  const m = /^\s*(?:CRON_)?TZ=(\S+)\s/.exec(cron);
  return m ? m[1] : null;
}

const pick = (o: Record<string, unknown>, camel: string, snake: string): unknown => (o[camel] !== undefined ? o[camel] : o[snake]);
const date = (v: unknown): Date | null => {
  const s = asString(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};
/** int64 fields come as JSON strings in Google's REST JSON. */
const int = (v: unknown): number | null => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : asNumber(v);
  return n === null ? null : n;
};

export class VertexAdapter implements ScheduleAdapter {
  readonly type = 'vertex';
  readonly name: string;
  readonly capabilities: AdapterCapabilities = {
    operations: ['list', 'get', 'pause', 'resume', 'update', 'delete'],
    kinds: ['cron'],
    dialect: 'vertex',
    pauseStopsRuns: true,
    resumeCatchUp: true,
  };
  readonly baseUrl: string;
  readonly parent: string;
  private readonly options: VertexAdapterOptions;
  private readonly ctx: HttpContext;

  constructor(options: VertexAdapterOptions) {
    this.options = options;
    this.name = options.name;
    this.baseUrl = (options.url ?? `https://${options.region}-aiplatform.googleapis.com`).replace(/\/+$/, '');
    this.parent = `projects/${options.project}/locations/${options.region}`;
    this.ctx = { source: options.name, serverLabel: `Vertex AI (${options.project}, ${options.region}${options.url ? ` at ${this.baseUrl}` : ''})` };
  }

  reset(): void {
    this.options.tokens.invalidate();
  }

  /** Google's `{"error": {"code", "message", "status"}}` → the typed error, in Google's words. */
  private googleError(error: AdapterError): AdapterError {
    let status: string | null = null;
    let message: string | null = null;
    try {
      const parsed = error.detail ? (JSON.parse(error.detail) as unknown) : null;
      if (isRecord(parsed)) {
        status = asString(parsed.status);
        message = asString(parsed.message);
      }
    } catch {
      // not Google's shape: keep the generic words
    }
    if (!message) return error;
    const code = (status && GOOGLE_STATUS[status]) || error.code;
    return { ...error, code, detail: status ? `${status}: ${message}` : message, message: `${this.ctx.serverLabel} answered HTTP ${error.status}${status ? ` ${status}` : ''}: ${message}` };
  }

  private async call(request: Omit<HttpRequest, 'url'> & { path: string }, options: CallOptions = {}): Promise<Result<HttpResponse>> {
    const send = async (): Promise<Result<HttpResponse>> => {
      const res = await bearerRequest(
        {
          ctx: this.ctx,
          tokens: this.options.tokens,
          baseUrl: this.baseUrl,
          fetch: this.options.fetch,
          timeoutMs: this.options.timeoutMs,
          noToken: () =>
            adapterError('unauthorized', `No access token for ${this.name}: add a token to the connection, or install the Google Cloud CLI and run \`gcloud auth login\` (used in trusted workspaces only).`, { source: this.name }),
        },
        request,
        options,
      );
      // Only the server's answers are read as Google errors (no token, gcloud's own failure: as they are).
      return res.ok || !res.error.status ? res : fail(this.googleError(res.error));
    };
    let res = await send();
    if (!res.ok && res.error.code === 'unauthorized' && res.error.status === 401) {
      // An expired token: renew it once (gcloud prints a fresh one; a user's token stays the same).
      this.options.tokens.invalidate();
      res = await send();
      if (!res.ok && res.error.code === 'unauthorized') {
        return fail({ ...res.error, message: `${res.error.message} The token from ${this.options.tokens.label} was refused; renew it (gcloud auth login) or add a valid token.` });
      }
    }
    return res;
  }

  private scheduleName(id: string): string {
    return id.startsWith('projects/') ? id : `${this.parent}/schedules/${id}`;
  }

  /** A Vertex Schedule (REST JSON, camelCase; snake_case read too) → LiveSchedule. */
  toLive(raw: unknown): LiveSchedule | null {
    if (!isRecord(raw)) return null;
    const fullName = asString(raw.name);
    if (!fullName) return null;
    const id = fullName.split('/').pop()!;
    const cron = asString(raw.cron);
    const state = STATES[String(raw.state)] ?? 'active';
    const started = int(pick(raw, 'startedRunCount', 'started_run_count'));
    const max = int(pick(raw, 'maxRunCount', 'max_run_count'));
    const next = date(pick(raw, 'nextRunTime', 'next_run_time'));
    const request = asRecord(pick(raw, 'createPipelineJobRequest', 'create_pipeline_job_request'));
    const job = asRecord(pick(request, 'pipelineJob', 'pipeline_job'));
    const spec = asRecord(pick(job, 'pipelineSpec', 'pipeline_spec'));
    const pipeline = asString(asRecord(spec.pipelineInfo ?? spec.pipeline_info).name);
    const executors = asRecord(asRecord(spec.deploymentSpec ?? spec.deployment_spec).executors);
    const madeByZenml = Object.values(executors).some((e) =>
      ((asRecord(asRecord(e).container).env as unknown[] | undefined) ?? []).some((v) => /^ZENML_/.test(asString(asRecord(v).name) ?? '')),
    );
    const details: Record<string, string> = { 'Vertex schedule': fullName };
    details['started runs'] = max !== null ? `${started ?? 0} of ${max}` : String(started ?? 0);
    if (next) details['next run (Vertex)'] = next.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const lastPause = date(pick(raw, 'lastPauseTime', 'last_pause_time'));
    const lastResume = date(pick(raw, 'lastResumeTime', 'last_resume_time'));
    if (lastPause) details['last paused'] = lastPause.toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (lastResume) details['last resumed'] = lastResume.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const concurrent = int(pick(raw, 'maxConcurrentRunCount', 'max_concurrent_run_count'));
    if (concurrent !== null) details['max concurrent runs'] = String(concurrent);
    const catchUp = pick(raw, 'catchUp', 'catch_up');
    const displayName = asString(pick(raw, 'displayName', 'display_name')) ?? id;
    return {
      id,
      name: displayName,
      pipeline,
      orchestrator: 'vertex',
      kind: cron ? 'cron' : null,
      expression: cron,
      intervalSeconds: null,
      startTime: date(pick(raw, 'startTime', 'start_time')),
      endTime: date(pick(raw, 'endTime', 'end_time')),
      runOnceTime: null,
      catchup: typeof catchUp === 'boolean' ? catchUp : null,
      timeZone: cron ? (vertexCronZone(cron) ?? 'UTC') : null,
      state,
      created: date(pick(raw, 'createTime', 'create_time')),
      zenmlId: null,
      match: { madeByZenml, nativeName: displayName, pipeline },
      details,
      warnings: [],
      changes:
        state === 'completed'
          ? { operations: ['delete'], pauseStopsRuns: true, reason: `It has completed${max !== null ? ` (${started ?? 0} of ${max} runs started)` : ''}: Vertex AI starts no more runs, so it can only be deleted.`, via: 'the Vertex AI API' }
          : { operations: ['pause', 'resume', 'update', 'delete'], pauseStopsRuns: true, via: 'the Vertex AI API' },
    };
  }

  private unknownShape(what: string): AdapterError {
    return adapterError('server-error', `${this.ctx.serverLabel} sent ${what} in an unknown shape.`, { source: this.name });
  }

  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    const pageSize = Math.min(100, Math.max(1, options.pageSize ?? this.options.pageSize ?? VERTEX_DEFAULT_PAGE_SIZE));
    const res = await this.call({ path: `/v1/${this.parent}/schedules`, query: { pageSize, pageToken: options.page } }, options);
    if (!res.ok) return res;
    const body = asRecord(res.value.body);
    const raw = body.schedules ?? [];
    if (!Array.isArray(raw)) return fail(this.unknownShape('a schedule list'));
    const items: LiveSchedule[] = [];
    for (const r of raw) {
      const s = this.toLive(r);
      if (!s) return fail(this.unknownShape('a schedule'));
      // Cron schedules only; the others (an API schedule of something else) when asked for all.
      if (options.includeAll || s.match?.madeByZenml || s.kind === 'cron') items.push(s);
    }
    const next = asString(body.nextPageToken ?? body.next_page_token) || undefined;
    return ok({ items, next });
  }

  /** A numeric id, a full resource name, or a display name (the ZenML schedule name). */
  async get(idOrName: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    if (/^\d+$/.test(idOrName) || idOrName.startsWith('projects/')) {
      const res = await this.call({ path: `/v1/${this.scheduleName(idOrName)}` }, options);
      if (!res.ok) return res.error.code === 'not-found' ? fail({ ...res.error, message: `${this.name} has no Vertex AI schedule ${idOrName}.` }) : res;
      const s = this.toLive(res.value.body);
      return s ? ok(s) : fail(this.unknownShape('a schedule'));
    }
    const filter = `display_name="${idOrName.replace(/(["\\])/g, '\\$1')}"`;
    const res = await this.call({ path: `/v1/${this.parent}/schedules`, query: { filter, pageSize: 10 } }, options);
    if (!res.ok) return res;
    const raw = asRecord(res.value.body).schedules ?? [];
    if (!Array.isArray(raw)) return fail(this.unknownShape('a schedule list'));
    const found = raw.map((r) => this.toLive(r)).filter((s): s is LiveSchedule => !!s && s.name === idOrName);
    if (!found.length) return fail(adapterError('not-found', `${this.name} has no Vertex AI schedule named '${idOrName}'.`, { source: this.name }));
    if (found.length > 1) {
      return fail(adapterError('conflict', `${this.name} has ${found.length} Vertex AI schedules named '${idOrName}' (${found.map((s) => s.id).join(', ')}); use the id.`, { source: this.name }));
    }
    return ok(found[0]);
  }

  private where(s: LiveSchedule): string {
    return `Vertex AI schedule ${s.name} (${s.id}) in ${this.options.project}/${this.options.region}`;
  }

  /** The change, then the schedule read back from Vertex AI and checked. */
  private async change(
    idOrName: string,
    wanted: 'pause' | 'resume' | 'update',
    expected: (s: LiveSchedule) => string | null,
    request: (s: LiveSchedule) => Omit<HttpRequest, 'url'> & { path: string },
    what: string,
    options: CallOptions,
  ): Promise<Result<ChangeReport>> {
    const before = await this.get(idOrName, options);
    if (!before.ok) return before;
    const s = before.value;
    if (s.changes && !s.changes.operations.includes(wanted)) {
      return fail(adapterError('conflict', `Nothing was changed: ${s.changes.reason ?? `${wanted} is not possible for this schedule.`}`, { source: this.name }));
    }
    if (!expected(s)) return ok({ changed: [], unchanged: [{ where: this.where(s), why: `already ${wanted === 'pause' ? 'paused' : wanted === 'resume' ? 'active' : 'so'}` }], after: s });
    const res = await this.call(request(s), options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was changed on ${this.where(s)}: ${res.error.message}` });
    const after = await this.get(s.id, options);
    if (!after.ok) return fail({ ...after.error, message: `Vertex AI accepted the change, but reading ${this.where(s)} back failed: ${after.error.message}` });
    const problem = expected(after.value);
    if (problem) return ok({ changed: [], unchanged: [{ where: this.where(s), why: `${problem} when read back` }], after: after.value });
    return ok({ changed: [{ where: this.where(s), what }], unchanged: [], after: after.value });
  }

  pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.change(
      id,
      'pause',
      (s) => (s.state === 'paused' ? null : `state is ${s.state}`),
      (s) => ({ method: 'POST', path: `/v1/${this.scheduleName(s.id)}:pause`, json: {} }),
      'paused',
      options,
    );
  }

  resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    const catchUp = options.catchUp;
    return this.change(
      id,
      'resume',
      (s) => (s.state === 'active' ? null : `state is ${s.state}`),
      // `catchUp` (REST JSON name of catch_up): whether Vertex starts the runs missed while paused.
      (s) => ({ method: 'POST', path: `/v1/${this.scheduleName(s.id)}:resume`, json: catchUp === undefined ? {} : { catchUp } }),
      catchUp === undefined ? 'resumed' : catchUp ? 'resumed, catching up the missed runs' : 'resumed without catching up',
      options,
    );
  }

  async update(id: string, change: { expression: string }, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const expression = change.expression.trim();
    const explained = explainCron(expression, { dialect: 'vertex', count: 1 });
    if (!explained.valid) {
      return fail(adapterError('invalid-input', `Nothing was changed: '${expression}' is not a valid Vertex AI cron expression: ${explained.error?.message ?? 'invalid'}.`, { source: this.name }));
    }
    return this.change(
      id,
      'update',
      (s) => (s.expression === expression ? null : `cron is '${s.expression ?? ''}'`),
      (s) => ({ method: 'PATCH', path: `/v1/${this.scheduleName(s.id)}`, query: { updateMask: 'cron' }, json: { cron: expression } }),
      `cron set to '${expression}'`,
      options,
    );
  }

  async delete(id: string, options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    const before = await this.get(id, options);
    if (!before.ok) return before;
    const s = before.value;
    const res = await this.call({ method: 'DELETE', path: `/v1/${this.scheduleName(s.id)}` }, options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was deleted on ${this.where(s)}: ${res.error.message}` });
    // DELETE starts a long-running operation; read the schedule back until it is gone (or the operation says it failed).
    const op = asRecord(res.value.body);
    const opError = asRecord(op.error);
    if (op.done === true && asString(opError.message)) {
      return fail(adapterError('server-error', `Vertex AI could not delete ${this.where(s)}: ${asString(opError.message)}`, { source: this.name }));
    }
    for (let attempt = 0; ; attempt++) {
      const after = await this.call({ path: `/v1/${this.scheduleName(s.id)}` }, options);
      if (!after.ok && after.error.code === 'not-found') return ok({ changed: [{ where: this.where(s), what: 'deleted' }], unchanged: [] });
      if (!after.ok) return fail({ ...after.error, message: `Vertex AI accepted the delete, but reading ${this.where(s)} back failed: ${after.error.message}` });
      if (attempt >= 4) return ok({ changed: [], unchanged: [{ where: this.where(s), why: `still there when read back (operation ${asString(op.name) ?? '?'} not finished); refresh later` }] });
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }
}

// The Databricks adapter: jobs with a Quartz schedule over the Jobs API 2.2 (falling back to 2.1
// when the workspace answers 404), facts §6, §11: `GET /api/2.2/jobs/list` (page_token), `GET
// jobs/get?job_id=`, `POST jobs/update` with `new_settings.schedule` (the whole schedule object is
// replaced: quartz_cron_expression, timezone_id, pause_status PAUSED/UNPAUSED), `POST jobs/delete`.
// Bearer token (a token the user added, or one from a ~/.databrickscfg profile the faces read).
// Every change is read back with jobs/get before it is reported. No vscode import.

import { explainCron, isValidTimeZone } from '../cron';
import { adapterError, type AdapterError } from './errors';
import { asNumber, asRecord, asString, isRecord, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import { bearerRequest, type TokenProvider } from './tokens';
import { ok, fail, type AdapterCallDefaults, type AdapterCapabilities, type CallOptions, type ChangeReport, type ListOptions, type LiveSchedule, type Page, type Result, type ScheduleAdapter } from './types';

export const DATABRICKS_DEFAULT_PAGE_SIZE = 100;

export interface DatabricksAdapterOptions extends AdapterCallDefaults {
  name: string;
  /** The workspace URL (https://adb-….azuredatabricks.net, https://….cloud.databricks.com). */
  url: string;
  tokens: TokenProvider;
}


/** Databricks' error codes that say more than the HTTP status. */
const ERROR_CODES: Record<string, AdapterError['code']> = {
  RESOURCE_DOES_NOT_EXIST: 'not-found',
  ENDPOINT_NOT_FOUND: 'not-found',
  UNAUTHENTICATED: 'unauthorized',
  PERMISSION_DENIED: 'forbidden',
  INVALID_PARAMETER_VALUE: 'invalid-input',
  RESOURCE_CONFLICT: 'conflict',
  RESOURCE_ALREADY_EXISTS: 'conflict',
};

/**
 * `~/.databrickscfg` (INI): the `host` and `token` of a profile (`DEFAULT` when none is named).
 * Keys are case-insensitive; `;`/`#` start comments; values may be quoted.
 */
export function parseDatabricksConfig(text: string, profile = 'DEFAULT'): { host?: string; token?: string } | null {
  let section: string | null = null;
  const sections = new Map<string, Record<string, string>>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      section = head[1].trim();
      if (!sections.has(section)) sections.set(section, {});
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv) continue;
    const key = kv[1].trim().toLowerCase();
    const value = kv[2].trim().replace(/^(["'])(.*)\1$/, '$2');
    const target = section ?? 'DEFAULT';
    if (!sections.has(target)) sections.set(target, {});
    sections.get(target)![key] = value;
  }
  const found = sections.get(profile);
  if (!found) return null;
  const defaults = profile === 'DEFAULT' ? {} : (sections.get('DEFAULT') ?? {});
  const merged = { ...defaults, ...found };
  return { ...(merged.host ? { host: merged.host } : {}), ...(merged.token ? { token: merged.token } : {}) };
}

export class DatabricksAdapter implements ScheduleAdapter {
  readonly type = 'databricks';
  readonly name: string;
  readonly capabilities: AdapterCapabilities = {
    operations: ['list', 'get', 'pause', 'resume', 'update', 'delete'],
    kinds: ['cron'],
    dialect: 'databricks',
    pauseStopsRuns: true,
  };
  readonly url: string;
  private readonly options: DatabricksAdapterOptions;
  private readonly ctx: HttpContext;
  /** '2.2' until the workspace answers 404 on it, then '2.1'. */
  private api: '2.2' | '2.1' | null = null;

  constructor(options: DatabricksAdapterOptions) {
    this.options = options;
    this.name = options.name;
    this.url = options.url.replace(/\/+$/, '');
    this.ctx = { source: options.name, serverLabel: `The Databricks workspace at ${this.url}` };
  }

  reset(): void {
    this.api = null;
    this.options.tokens.invalidate();
  }

  /** `{"error_code", "message"}` → the typed error in Databricks' words. */
  private databricksError(error: AdapterError): AdapterError {
    if (!error.status || error.status < 400) return error;
    let code: string | null = null;
    let message: string | null = null;
    try {
      const parsed = error.detail ? (JSON.parse(error.detail) as unknown) : null;
      if (isRecord(parsed)) {
        code = asString(parsed.error_code);
        message = asString(parsed.message);
      }
    } catch {
      // errorDetail already gave the message as text
      message = error.detail ?? null;
    }
    if (!message && !code) return error;
    let typed = (code && ERROR_CODES[code]) || error.code;
    // Databricks answers a missing job with 400 INVALID_PARAMETER_VALUE "Job 123 does not exist." and a bad token with 403 "Invalid access token."
    if (message && /\bdoes not exist\b/i.test(message)) typed = 'not-found';
    if (message && /invalid access token|credential was not sent/i.test(message)) typed = 'unauthorized';
    const words = `${code ? `${code}: ` : ''}${message ?? ''}`;
    return { ...error, code: typed, detail: words, message: `${this.ctx.serverLabel} answered HTTP ${error.status}: ${words}` };
  }

  private async send(request: Omit<HttpRequest, 'url'> & { path: string }, options: CallOptions): Promise<Result<HttpResponse>> {
    const res = await bearerRequest(
      {
        ctx: this.ctx,
        tokens: this.options.tokens,
        baseUrl: this.url,
        fetch: this.options.fetch,
        timeoutMs: this.options.timeoutMs,
        noToken: () =>
          adapterError('unauthorized', `No token for ${this.name}: add a personal access token to the connection, or name a profile of ~/.databrickscfg (read in trusted workspaces only).`, { source: this.name }),
      },
      request,
      options,
    );
    // Only the server's answers are read as Databricks errors (no token, a provider's own failure: as they are).
    if (res.ok || !res.error.status) return res;
    const error = this.databricksError(res.error);
    if (error.code === 'unauthorized') return fail({ ...error, message: `${error.message} (the token from ${this.options.tokens.label} was refused; renew it).` });
    return fail(error);
  }

  /** One Jobs API call: 2.2 first; a 404 for the endpoint itself switches this adapter to 2.1. */
  private async call(method: 'GET' | 'POST', endpoint: string, data: Record<string, unknown>, options: CallOptions = {}): Promise<Result<HttpResponse>> {
    const request = (api: string) =>
      method === 'GET'
        ? { method, path: `/api/${api}/jobs/${endpoint}`, query: data as Record<string, string | number | boolean | undefined> }
        : { method, path: `/api/${api}/jobs/${endpoint}`, json: data };
    if (this.api) return this.send(request(this.api), options);
    const res = await this.send(request('2.2'), options);
    if (!res.ok && res.error.status === 404 && !/does not exist/i.test(res.error.detail ?? '')) {
      const older = await this.send(request('2.1'), options);
      if (older.ok || older.error.status !== 404) this.api = '2.1';
      return older;
    }
    if (res.ok) this.api = '2.2';
    return res;
  }

  toLive(raw: unknown): LiveSchedule | null {
    if (!isRecord(raw)) return null;
    const jobId = asNumber(raw.job_id) ?? (typeof raw.job_id === 'string' && /^\d+$/.test(raw.job_id) ? Number(raw.job_id) : null);
    if (jobId === null) return null;
    const settings = asRecord(raw.settings);
    const schedule = isRecord(settings.schedule) ? settings.schedule : null;
    const name = asString(settings.name) ?? `job ${jobId}`;
    const cron = schedule ? asString(schedule.quartz_cron_expression) : null;
    const zone = schedule ? asString(schedule.timezone_id) : null;
    const paused = schedule ? asString(schedule.pause_status) === 'PAUSED' : false;
    const tasks = Array.isArray(settings.tasks) ? settings.tasks.map(asRecord) : [];
    const tags = asRecord(settings.tags);
    // ZenML's Databricks orchestrator runs its entrypoint from the zenml wheel with ZENML_* environment variables.
    const madeByZenml =
      Object.keys(tags).some((k) => /^zenml/i.test(k)) ||
      tasks.some((t) => /zenml/i.test(asString(asRecord(t.python_wheel_task).package_name) ?? '')) ||
      (Array.isArray(settings.job_clusters) ? settings.job_clusters : []).some((c) => Object.keys(asRecord(asRecord(asRecord(c).new_cluster).spark_env_vars)).some((k) => /^ZENML_/.test(k)));
    const pipelineMatch = /^(.+?)_[0-9a-f]{32}$/.exec(name);
    const pipeline = asString(tags.zenml_pipeline) ?? (madeByZenml && pipelineMatch ? pipelineMatch[1] : null);
    const created = asNumber(raw.created_time);
    const details: Record<string, string> = { 'job id': String(jobId), workspace: this.url };
    if (zone) details['time zone'] = zone;
    const creator = asString(raw.creator_user_name);
    if (creator) details.creator = creator;
    if (this.api) details['Jobs API'] = this.api;
    const warnings: string[] = [];
    if (cron && zone && !isValidTimeZone(zone)) warnings.push(`timezone_id '${zone}' is not an IANA zone this editor knows; next runs are shown in UTC`);
    return {
      id: String(jobId),
      name,
      pipeline,
      orchestrator: 'databricks',
      kind: cron ? 'cron' : null,
      expression: cron,
      intervalSeconds: null,
      startTime: null,
      endTime: null,
      runOnceTime: null,
      catchup: null,
      timeZone: zone,
      state: paused ? 'paused' : 'active',
      created: created !== null ? new Date(created) : null,
      zenmlId: null,
      match: { madeByZenml, nativeName: name, pipeline },
      details,
      warnings,
      url: `${this.url}/jobs/${jobId}`,
      changes: { operations: ['pause', 'resume', 'update', 'delete'], pauseStopsRuns: true, via: 'the Databricks Jobs API' },
    };
  }

  private unknownShape(what: string): AdapterError {
    return adapterError('server-error', `${this.ctx.serverLabel} sent ${what} in an unknown shape.`, { source: this.name });
  }

  /** Jobs with a cron schedule (all jobs with includeAll). */
  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    const limit = Math.min(100, Math.max(1, options.pageSize ?? this.options.pageSize ?? DATABRICKS_DEFAULT_PAGE_SIZE));
    const res = await this.call('GET', 'list', { limit, ...(options.page ? { page_token: options.page } : {}) }, options);
    if (!res.ok) return res;
    const body = asRecord(res.value.body);
    const jobs = body.jobs ?? [];
    if (!Array.isArray(jobs)) return fail(this.unknownShape('a job list'));
    const items: LiveSchedule[] = [];
    for (const j of jobs) {
      const s = this.toLive(j);
      if (!s) return fail(this.unknownShape('a job'));
      if (options.includeAll || s.kind === 'cron') items.push(s);
    }
    const next = body.has_more === true ? (asString(body.next_page_token) ?? undefined) : undefined;
    return ok({ items, next });
  }

  /** A job id, or the exact name of a job with a schedule. */
  async get(idOrName: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    if (/^\d+$/.test(idOrName)) {
      const res = await this.call('GET', 'get', { job_id: idOrName }, options);
      if (!res.ok) return res.error.code === 'not-found' ? fail({ ...res.error, message: `${this.name} has no Databricks job ${idOrName}.` }) : res;
      const s = this.toLive(res.value.body);
      return s ? ok(s) : fail(this.unknownShape('a job'));
    }
    const res = await this.call('GET', 'list', { name: idOrName, limit: 100 }, options);
    if (!res.ok) return res;
    const jobs = asRecord(res.value.body).jobs ?? [];
    if (!Array.isArray(jobs)) return fail(this.unknownShape('a job list'));
    const found = jobs.map((j) => this.toLive(j)).filter((s): s is LiveSchedule => !!s && s.name === idOrName);
    if (!found.length) return fail(adapterError('not-found', `${this.name} has no Databricks job named '${idOrName}'.`, { source: this.name }));
    if (found.length > 1) return fail(adapterError('conflict', `${this.name} has ${found.length} Databricks jobs named '${idOrName}' (${found.map((s) => s.id).join(', ')}); use the job id.`, { source: this.name }));
    // The list's settings can be abridged: read the job itself.
    return this.get(found[0].id, options);
  }

  private where(s: LiveSchedule): string {
    return `Databricks job ${s.name} (${s.id})`;
  }

  /** jobs/update with the whole schedule object, then jobs/get and check. */
  private async setSchedule(
    idOrName: string,
    next: (s: LiveSchedule) => { quartz_cron_expression: string; timezone_id: string; pause_status: 'PAUSED' | 'UNPAUSED' },
    expected: (s: LiveSchedule) => string | null,
    what: string,
    options: CallOptions,
  ): Promise<Result<ChangeReport>> {
    const before = await this.get(idOrName, options);
    if (!before.ok) return before;
    const s = before.value;
    if (!s.expression) return fail(adapterError('unsupported', `Nothing was changed: ${this.where(s)} has no cron schedule.`, { source: this.name }));
    if (!expected(s)) return ok({ changed: [], unchanged: [{ where: this.where(s), why: 'already so' }], after: s });
    const res = await this.call('POST', 'update', { job_id: Number(s.id), new_settings: { schedule: next(s) } }, options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was changed on ${this.where(s)}: ${res.error.message}` });
    const after = await this.get(s.id, options);
    if (!after.ok) return fail({ ...after.error, message: `Databricks accepted the change, but reading ${this.where(s)} back failed: ${after.error.message}` });
    const problem = expected(after.value);
    if (problem) return ok({ changed: [], unchanged: [{ where: this.where(s), why: `${problem} when read back` }], after: after.value });
    return ok({ changed: [{ where: this.where(s), what }], unchanged: [], after: after.value });
  }

  private static schedule(s: LiveSchedule, patch: Partial<{ quartz_cron_expression: string; timezone_id: string; pause_status: 'PAUSED' | 'UNPAUSED' }>) {
    return {
      quartz_cron_expression: s.expression ?? '',
      timezone_id: s.timeZone ?? 'UTC',
      pause_status: (s.state === 'paused' ? 'PAUSED' : 'UNPAUSED') as 'PAUSED' | 'UNPAUSED',
      ...patch,
    };
  }

  pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.setSchedule(id, (s) => DatabricksAdapter.schedule(s, { pause_status: 'PAUSED' }), (s) => (s.state === 'paused' ? null : `pause_status is ${s.state === 'active' ? 'UNPAUSED' : s.state}`), 'schedule paused', options);
  }

  /** Databricks starts no runs for the times missed while paused: there is no catch-up to choose. */
  resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    if (options.catchUp === true) {
      return Promise.resolve(fail(adapterError('unsupported', 'Nothing was changed: Databricks cannot catch up the runs missed while a job schedule was paused (its Jobs API has no such choice).', { source: this.name })));
    }
    return this.setSchedule(id, (s) => DatabricksAdapter.schedule(s, { pause_status: 'UNPAUSED' }), (s) => (s.state === 'active' ? null : 'pause_status is PAUSED'), 'schedule resumed', options);
  }

  /** A Quartz expression, optionally with a new time zone (`timeZone`); validated before anything is sent. */
  async update(id: string, change: { expression: string; timeZone?: string }, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const expression = change.expression.trim();
    const zone = change.timeZone?.trim();
    if (zone && !isValidTimeZone(zone)) return fail(adapterError('invalid-input', `Nothing was changed: '${zone}' is not a time zone id (use an IANA name such as Europe/Berlin).`, { source: this.name }));
    const explained = explainCron(expression, { dialect: 'databricks', timeZone: zone ?? 'UTC', count: 1 });
    if (!explained.valid) {
      return fail(adapterError('invalid-input', `Nothing was changed: '${expression}' is not a valid Quartz cron expression for Databricks: ${explained.error?.message ?? 'invalid'}.`, { source: this.name }));
    }
    return this.setSchedule(
      id,
      (s) => DatabricksAdapter.schedule(s, { quartz_cron_expression: expression, ...(zone ? { timezone_id: zone } : {}) }),
      (s) => (s.expression !== expression ? `quartz_cron_expression is '${s.expression ?? ''}'` : zone && s.timeZone !== zone ? `timezone_id is '${s.timeZone ?? ''}'` : null),
      `schedule set to '${expression}'${zone ? ` (${zone})` : ''}`,
      options,
    );
  }

  async delete(id: string, options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    const before = await this.get(id, options);
    if (!before.ok) return before;
    const s = before.value;
    const res = await this.call('POST', 'delete', { job_id: Number(s.id) }, options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was deleted on ${this.where(s)}: ${res.error.message}` });
    const after = await this.call('GET', 'get', { job_id: s.id }, options);
    if (!after.ok && after.error.code === 'not-found') return ok({ changed: [{ where: this.where(s), what: 'deleted' }], unchanged: [] });
    if (!after.ok) return fail({ ...after.error, message: `Databricks accepted the delete, but reading ${this.where(s)} back failed: ${after.error.message}` });
    return ok({ changed: [], unchanged: [{ where: this.where(s), why: 'still there when read back' }] });
  }
}

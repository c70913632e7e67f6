// The Airflow adapter (issue 11): DAGs over Airflow's stable REST API, Airflow 3 (`/api/v2`, a JWT
// from `POST /auth/token`, fetched again once when refused) and Airflow 2 (`/api/v1`, basic auth),
// told apart by asking the server (facts §6, §10). ZenML's Airflow orchestrator writes a DAG file
// (`dag_id = <pipeline>_<32 hex>`, created unpaused); the schedule lives in that file, so the only
// changes Airflow's API can make to what fires are pause and unpause (`is_paused`), and both are
// read back from Airflow before they are reported.
//
// Delete is refused on purpose: Airflow's `DELETE /dags/{id}` removes the DAG's metadata and run
// history, but the DAG file is still in the DAGs folder and the DAG processor registers it again on
// its next parse, unpaused (`is_paused_upon_creation=False`), so it would fire again. The safe answer
// is to say so and offer pause; removing the DAG file is the user's step. No vscode import.

import { adapterError, type AdapterError } from './errors';
import { DEFAULT_TIMEOUT_MS, asBoolean, asNumber, asRecord, asString, httpRequest, isRecord, joinUrl, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import { ok, fail, type AdapterCallDefaults, type AdapterCapabilities, type CallOptions, type ChangeReport, type CreateRequest, type ListOptions, type LiveRun, type LiveSchedule, type LiveScheduleKind, type Page, type Result, type ScheduleAdapter, type ScheduleChangeSupport } from './types';

export const AIRFLOW_DEFAULT_PAGE_SIZE = 100;

export interface AirflowCredentials {
  username?: string;
  password?: string;
  /** An Airflow 3 JWT issued elsewhere, used as is (it cannot be renewed without a user name and password). */
  token?: string;
}

export interface AirflowAdapterOptions extends AdapterCallDefaults {
  name: string;
  url: string;
  /** SecretStorage in the editor, the `usernameEnv` / `passwordEnv` variables on the command line. Null: no auth. */
  credentials?: () => Promise<AirflowCredentials | null>;
}

/** Which REST API the server speaks, read once (reset() forgets it). */
export interface AirflowApi {
  major: 2 | 3;
  /** The `/api/vN` prefix. */
  prefix: '/api/v1' | '/api/v2';
  version: string;
}

/** ZenML's DAG id: the pipeline name, `_`, 32 hex characters (get_orchestrator_run_name; facts §6). */
const ZENML_DAG_ID = /^(.+)_([0-9a-f]{32})$/;

/** The file to remove from the DAGs folder: ZenML's DAGs are zips, and Airflow's fileloc names `<zip>/dag.py` inside. */
export function dagFileToRemove(fileloc: string | undefined): string | undefined {
  if (!fileloc) return undefined;
  const zip = /^(.*?\.zip)[\\/]/i.exec(fileloc);
  return zip ? zip[1] : fileloc;
}

export function pipelineOfDagId(dagId: string): string | null {
  const m = ZENML_DAG_ID.exec(dagId);
  return m ? m[1] : null;
}

/** What Airflow's API can change on a DAG, and why the rest cannot be done there. */
export const AIRFLOW_CHANGES: ScheduleChangeSupport = {
  operations: ['pause', 'resume'],
  pauseStopsRuns: true,
  reason:
    'On Airflow the schedule lives in the DAG file ZenML generated: Airflow can pause and unpause the DAG, but its schedule cannot be changed, and deleting it through Airflow would only wipe its history until the file registers it again. Use "Recreate with a New Schedule…" to pause and delete the old DAG and run the pipeline again with the new schedule.',
  via: "Airflow's REST API (is_paused)",
};


/** A date from Airflow (ISO 8601 with a zone), or null. */
function asDate(v: unknown): Date | null {
  const s = asString(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Python's str(timedelta) ("1:00:00", "1 day, 0:00:00", "2 days, 3:04:05.5") in seconds, or null. */
export function timedeltaSeconds(text: string): number | null {
  const m = /^(?:(-?\d+) days?, )?(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const seconds = Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return seconds > 0 ? seconds : null;
}

/** The schedule as Airflow summarises it: a cron (5 or 6 fields, or a preset), an interval, once, or none. */
export function parseTimetable(summary: string | null, v2Interval?: unknown): { kind: LiveScheduleKind | null; expression: string | null; intervalSeconds: number | null } {
  // Airflow 2: schedule_interval {"__type": "CronExpression", "value"} | {"__type": "TimeDelta", days, seconds, microseconds}.
  if (isRecord(v2Interval)) {
    const type = asString(v2Interval.__type);
    if (type === 'CronExpression' && asString(v2Interval.value)) return parseTimetable(asString(v2Interval.value));
    if (type === 'TimeDelta') {
      const s = (asNumber(v2Interval.days) ?? 0) * 86400 + (asNumber(v2Interval.seconds) ?? 0);
      return s > 0 ? { kind: 'interval', expression: null, intervalSeconds: s } : { kind: null, expression: null, intervalSeconds: null };
    }
  }
  const s = summary?.trim() ?? '';
  if (!s || s === 'None' || s === 'null') return { kind: null, expression: null, intervalSeconds: null };
  if (s === '@once') return { kind: 'once', expression: null, intervalSeconds: null };
  const seconds = timedeltaSeconds(s);
  if (seconds !== null) return { kind: 'interval', expression: null, intervalSeconds: seconds };
  if (/^@(hourly|daily|weekly|monthly|quarterly|yearly|annually|midnight)$/.test(s) || /^\S+(\s+\S+){4,5}$/.test(s)) return { kind: 'cron', expression: s, intervalSeconds: null };
  // An asset-triggered or custom timetable: shown as Airflow words it, not as a cron.
  return { kind: null, expression: null, intervalSeconds: null };
}

const RUN_STATUS: Record<string, string> = { success: 'completed', failed: 'failed', running: 'running', queued: 'queued' };

export class AirflowAdapter implements ScheduleAdapter {
  readonly type = 'airflow';
  readonly name: string;
  readonly url: string;
  readonly capabilities: AdapterCapabilities = {
    operations: ['list', 'get', 'pause', 'resume', 'runs'],
    kinds: ['cron', 'interval', 'once'],
    dialect: 'airflow',
    pauseStopsRuns: true,
  };

  private readonly options: AirflowAdapterOptions;
  private readonly ctx: HttpContext;
  private api: AirflowApi | null = null;
  private token: string | null = null;
  private credentialsCache: AirflowCredentials | null | undefined;

  constructor(options: AirflowAdapterOptions) {
    this.options = options;
    this.name = options.name;
    this.url = options.url.replace(/\/+$/, '');
    this.ctx = { source: options.name, serverLabel: `Airflow at ${this.url}` };
  }

  reset(): void {
    this.api = null;
    this.token = null;
    this.credentialsCache = undefined;
  }

  private async credentials(): Promise<AirflowCredentials | null> {
    if (this.credentialsCache === undefined) {
      try {
        this.credentialsCache = (await this.options.credentials?.()) ?? null;
      } catch {
        this.credentialsCache = null;
      }
    }
    return this.credentialsCache;
  }

  private http(request: Omit<HttpRequest, 'url' | 'signal' | 'timeoutMs'> & { path: string }, options: CallOptions): Promise<Result<HttpResponse>> {
    return httpRequest(
      this.ctx,
      { ...request, url: joinUrl(this.url, request.path), signal: options.signal, timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      this.options.fetch,
    );
  }

  /** Airflow 3 answers `/api/v2/version`; Airflow 2 only `/api/v1/version` (Airflow 3 says /api/v1 was removed). */
  async detect(options: CallOptions = {}): Promise<Result<AirflowApi>> {
    if (this.api) return ok(this.api);
    const v2 = await this.http({ path: '/api/v2/version' }, options);
    if (v2.ok || (v2.error.code === 'unauthorized' || v2.error.code === 'forbidden')) {
      this.api = { major: 3, prefix: '/api/v2', version: (v2.ok && asString(asRecord(v2.value.body).version)) || 'unknown' };
      return ok(this.api);
    }
    if (v2.error.code !== 'not-found') return v2;
    // Airflow 2 may ask for credentials even for its version (auth backends differ): send them.
    const v1 = await this.http({ path: '/api/v1/version', headers: await this.basicHeader() }, options);
    if (!v1.ok) {
      if (v1.error.code === 'not-found') {
        return fail(adapterError('not-found', `${this.ctx.serverLabel} has neither /api/v2/version (Airflow 3) nor /api/v1/version (Airflow 2); is the URL the Airflow web server's?`, { source: this.name, status: 404 }));
      }
      if (v1.error.code === 'unauthorized') return fail(this.refusedCredentials(v1.error));
      return v1;
    }
    const version = asString(asRecord(v1.value.body).version);
    if (!version) return fail(adapterError('server-error', `${this.ctx.serverLabel} did not say its version (GET /api/v1/version); is this Airflow?`, { source: this.name }));
    this.api = { major: version.startsWith('3') ? 3 : 2, prefix: version.startsWith('3') ? '/api/v2' : '/api/v1', version };
    return ok(this.api);
  }

  private async basicHeader(): Promise<Record<string, string>> {
    const c = await this.credentials();
    if (!c?.username || c.password === undefined) return {};
    return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}` };
  }

  private refusedCredentials(error: AdapterError): AdapterError {
    return adapterError('unauthorized', `${this.ctx.serverLabel} refused the user name and password of ${this.name}${error.detail ? ` (${error.detail})` : ''}.`, {
      source: this.name,
      status: error.status,
      detail: error.detail,
    });
  }

  /** Airflow 3: `POST /auth/token` with the user name and password → a JWT. */
  private async login(options: CallOptions): Promise<Result<string | null>> {
    const c = await this.credentials();
    if (c?.username && c.password !== undefined) {
      const res = await this.http({ method: 'POST', path: '/auth/token', json: { username: c.username, password: c.password } }, options);
      if (!res.ok) return fail(res.error.code === 'unauthorized' || res.error.code === 'forbidden' ? this.refusedCredentials(res.error) : res.error);
      const token = asString(asRecord(res.value.body).access_token);
      if (!token) return fail(adapterError('server-error', `${this.ctx.serverLabel} answered POST /auth/token without an access_token.`, { source: this.name }));
      return ok(token);
    }
    return ok(c?.token ?? null);
  }

  /** One call to the REST API (`path` after the /api/vN prefix), authenticated the way the server's version wants. */
  private async call(request: Omit<HttpRequest, 'url' | 'signal' | 'timeoutMs'> & { path: string }, options: CallOptions): Promise<Result<HttpResponse>> {
    const api = await this.detect(options);
    if (!api.ok) return api;
    const path = api.value.prefix + request.path;
    if (api.value.major === 2) {
      const headers = { ...request.headers, ...(await this.basicHeader()) };
      const res = await this.http({ ...request, path, headers }, options);
      if (!res.ok && res.error.code === 'unauthorized') {
        return fail(headers.authorization ? this.refusedCredentials(res.error) : adapterError('unauthorized', `${this.ctx.serverLabel} needs a user name and password and ${this.name} has none.`, { source: this.name, status: 401, detail: res.error.detail }));
      }
      return res;
    }
    if (!this.token) {
      const login = await this.login(options);
      if (!login.ok) return login;
      this.token = login.value;
    }
    const send = () => this.http({ ...request, path, headers: { ...request.headers, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) } }, options);
    let res = await send();
    // An expired or rotated JWT: Airflow 3 answers 401, or 403 "Invalid JWT token". Log in again, once.
    const stale = (r: Result<HttpResponse>) => !r.ok && (r.error.code === 'unauthorized' || (r.error.code === 'forbidden' && /jwt|token/i.test(r.error.detail ?? '')));
    if (stale(res)) {
      const c = await this.credentials();
      if (!c?.username || c.password === undefined) {
        const why = c?.token ? 'its token has expired or was refused; give it a user name and password (or a new token)' : 'it has no user name and password';
        return fail(adapterError('unauthorized', `${this.ctx.serverLabel} needs authentication and ${this.name} cannot log in: ${why}.`, { source: this.name, status: res.ok ? undefined : res.error.status, detail: res.ok ? undefined : res.error.detail }));
      }
      this.token = null;
      const login = await this.login(options);
      if (!login.ok) return login;
      this.token = login.value;
      res = await send();
      if (stale(res)) {
        return fail(adapterError('unauthorized', `${this.ctx.serverLabel} refused ${this.name}'s new token too.`, { source: this.name, status: res.ok ? undefined : res.error.status, detail: res.ok ? undefined : res.error.detail }));
      }
    }
    return res;
  }

  private notFound(error: AdapterError, dagId: string): AdapterError {
    return error.code === 'not-found' ? { ...error, message: `${this.name} (${this.ctx.serverLabel}) has no DAG '${dagId}'.` } : error;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** One page of DAGs (`page` is Airflow's offset), only ZenML's unless `includeAll`, each with its details. */
  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    const offset = Math.max(0, Number(options.page ?? '0') || 0);
    const limit = Math.min(100, Math.max(1, options.pageSize ?? this.options.pageSize ?? AIRFLOW_DEFAULT_PAGE_SIZE));
    const res = await this.call({ path: '/dags', query: { limit, offset, order_by: 'dag_id' } }, options);
    if (!res.ok) return res;
    const body = asRecord(res.value.body);
    if (!Array.isArray(body.dags)) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a DAG list in an unknown shape.`, { source: this.name }));
    const total = asNumber(body.total_entries) ?? undefined;
    const raw = body.dags.filter(isRecord).filter((d) => typeof d.dag_id === 'string');
    const wanted = options.includeAll ? raw : raw.filter((d) => pipelineOfDagId(d.dag_id as string) !== null);
    // The list has no start, end, catch-up or zone: read each listed DAG's details, a few at a time.
    const items: LiveSchedule[] = [];
    let failure: AdapterError | null = null;
    let next = 0;
    const worker = async () => {
      while (next < wanted.length && !failure) {
        const i = next++;
        const details = await this.call({ path: `/dags/${encodeURIComponent(wanted[i].dag_id as string)}/details` }, options);
        if (details.ok) items[i] = this.toLive({ ...wanted[i], ...asRecord(details.value.body) });
        else if (details.error.code === 'not-found') items[i] = this.toLive(wanted[i]); // deleted meanwhile: the list's fields
        else failure = details.error;
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, wanted.length) }, worker));
    if (failure) return fail(failure);
    const end = offset + raw.length;
    return ok({ items: items.filter(Boolean), next: raw.length > 0 && total !== undefined && end < total ? String(end) : undefined, total });
  }

  async get(id: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    const res = await this.call({ path: `/dags/${encodeURIComponent(id)}/details` }, options);
    if (!res.ok) return fail(this.notFound(res.error, id));
    if (!isRecord(res.value.body) || typeof res.value.body.dag_id !== 'string') return fail(adapterError('server-error', `${this.ctx.serverLabel} sent DAG '${id}' in an unknown shape.`, { source: this.name }));
    return ok(this.toLive(res.value.body));
  }

  /** One DAG's pause state as Airflow stores it (GET /dags/{id}), for the read-back. */
  private async pausedState(id: string, options: CallOptions): Promise<Result<boolean>> {
    const res = await this.call({ path: `/dags/${encodeURIComponent(id)}` }, options);
    if (!res.ok) return fail(this.notFound(res.error, id));
    const paused = asBoolean(asRecord(res.value.body).is_paused);
    if (paused === null) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent DAG '${id}' without is_paused.`, { source: this.name }));
    return ok(paused);
  }

  toLive(d: Record<string, unknown>): LiveSchedule {
    const id = d.dag_id as string;
    const pipeline = pipelineOfDagId(id);
    const summary = asString(d.timetable_summary) ?? (isRecord(d.schedule_interval) ? null : asString(d.schedule_interval));
    const timetable = parseTimetable(summary, d.schedule_interval);
    const paused = asBoolean(d.is_paused) === true;
    const endTime = asDate(d.end_date);
    const next = asDate(d.next_dagrun_run_after) ?? asDate(d.next_dagrun_create_after) ?? asDate(d.next_dagrun);
    const details: Record<string, string> = { 'DAG id': id, server: this.url };
    if (this.api) details.Airflow = `${this.api.version} (${this.api.prefix})`;
    if (summary ?? timetable.expression) details.timetable = (summary ?? timetable.expression) as string;
    const description = asString(d.timetable_description);
    if (description) details['Airflow says'] = description;
    if (next) details['next run after'] = next.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const file = asString(d.fileloc);
    if (file) details['DAG file'] = file;
    const tags = Array.isArray(d.tags) ? d.tags.map((t) => (isRecord(t) ? asString(t.name) : asString(t))).filter((t): t is string => !!t) : [];
    if (tags.length) details.tags = tags.join(', ');
    const warnings: string[] = [];
    if (asBoolean(d.has_import_errors)) warnings.push('Airflow reports import errors in the DAG file: it may not run.');
    if (asBoolean(d.is_stale) === true || asBoolean(d.is_active) === false) warnings.push('The DAG file is gone from the DAGs folder: Airflow no longer schedules this DAG.');
    if (timetable.kind === null && summary) warnings.push(`Airflow's timetable '${summary}' is not a cron or an interval; it is shown as Airflow words it.`);
    const state = endTime && next === null && !paused && endTime.getTime() < (this.options.now?.() ?? new Date()).getTime() ? 'completed' : paused ? 'paused' : 'active';
    return {
      id,
      name: asString(d.dag_display_name) ?? id,
      pipeline,
      orchestrator: 'airflow',
      kind: timetable.kind,
      expression: timetable.expression,
      intervalSeconds: timetable.intervalSeconds,
      startTime: asDate(d.start_date),
      endTime,
      runOnceTime: null,
      catchup: asBoolean(d.catchup),
      timeZone: asString(d.timezone),
      state,
      created: null,
      zenmlId: null,
      match: { madeByZenml: pipeline !== null, pipeline, nativeName: id },
      details,
      warnings,
      url: joinUrl(this.url, this.api?.major === 2 ? `/dags/${encodeURIComponent(id)}/grid` : `/dags/${encodeURIComponent(id)}`),
      changes: AIRFLOW_CHANGES,
    };
  }

  async runs(id: string, options: CallOptions & { limit?: number } = {}): Promise<Result<LiveRun[]>> {
    const got = await this.readRuns(id, options.limit ?? 10, options);
    if (!got.ok) return fail(this.notFound(got.error, id));
    if (got.value.runs.length === 0) {
      // Airflow 2 answers an unknown DAG's run list with an empty list: say "no such DAG" rather than "no runs".
      const exists = await this.pausedState(id, options);
      if (!exists.ok) return exists;
    }
    return ok(got.value.runs);
  }

  /** The newest runs of every DAG at once (`~` is Airflow's "all DAGs"), for health on refresh. */
  async recentRuns(options: CallOptions & { limit?: number } = {}): Promise<Result<{ runs: LiveRun[]; truncated: boolean }>> {
    return this.readRuns('~', Math.min(100, options.limit ?? 100), options);
  }

  private async readRuns(dagId: string, limit: number, options: CallOptions): Promise<Result<{ runs: LiveRun[]; truncated: boolean }>> {
    const api = await this.detect(options);
    if (!api.ok) return api;
    // Airflow 3 orders by run_after (logical_date may be null); Airflow 2 by execution_date. Both cap limit at 100.
    const order = api.value.major === 3 ? '-run_after' : '-execution_date';
    const res = await this.call({ path: `/dags/${dagId === '~' ? '~' : encodeURIComponent(dagId)}/dagRuns`, query: { limit: Math.min(100, Math.max(1, limit)), offset: 0, order_by: order } }, options);
    if (!res.ok) return res;
    const body = asRecord(res.value.body);
    if (!Array.isArray(body.dag_runs)) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a DAG run list in an unknown shape.`, { source: this.name }));
    const runs: LiveRun[] = [];
    for (const r of body.dag_runs.filter(isRecord)) {
      const runId = asString(r.dag_run_id);
      const created = asDate(r.run_after) ?? asDate(r.logical_date) ?? asDate(r.execution_date) ?? asDate(r.start_date) ?? asDate(r.queued_at);
      if (!runId || !created) continue;
      const state = (asString(r.state) ?? 'unknown').toLowerCase();
      const dag = asString(r.dag_id) ?? dagId;
      runs.push({
        id: runId,
        name: runId,
        status: RUN_STATUS[state] ?? state,
        created,
        scheduleId: dag,
        url: joinUrl(this.url, api.value.major === 3 ? `/dags/${encodeURIComponent(dag)}/runs/${encodeURIComponent(runId)}` : `/dags/${encodeURIComponent(dag)}/grid?dag_run_id=${encodeURIComponent(runId)}`),
      });
    }
    const total = asNumber(body.total_entries);
    return ok({ runs, truncated: total !== null && total > runs.length });
  }

  // ---- changes -------------------------------------------------------------------------------

  async pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.setPaused(id, true, options);
  }

  async resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    return this.setPaused(id, false, options);
  }

  /** PATCH is_paused (Airflow 2 with update_mask=is_paused), then read it back from Airflow. */
  private async setPaused(id: string, paused: boolean, options: CallOptions & { catchUp?: boolean }): Promise<Result<ChangeReport>> {
    const where = `DAG ${id} on ${this.name}`;
    const before = await this.pausedState(id, options);
    if (!before.ok) return before;
    const report: ChangeReport = { changed: [], unchanged: [] };
    if (before.value === paused) {
      report.unchanged.push({ where, why: `already ${paused ? 'paused' : 'unpaused'}` });
    } else {
      const api = await this.detect(options);
      if (!api.ok) return api;
      const res = await this.call(
        { method: 'PATCH', path: `/dags/${encodeURIComponent(id)}`, query: api.value.major === 2 ? { update_mask: 'is_paused' } : undefined, json: { is_paused: paused } },
        options,
      );
      if (!res.ok) return fail(this.notFound(res.error, id));
      const after = await this.pausedState(id, options);
      if (!after.ok) return fail({ ...after.error, message: `Airflow accepted the change, but reading DAG '${id}' back failed: ${after.error.message}` });
      if (after.value === paused) report.changed.push({ where, what: paused ? 'paused (is_paused = true, read back)' : 'unpaused (is_paused = false, read back)' });
      else report.unchanged.push({ where, why: `still ${after.value ? 'paused' : 'unpaused'} when read back` });
    }
    const read = await this.get(id, options);
    if (read.ok) {
      report.after = read.value;
      if (!paused && options.catchUp !== undefined && read.value.catchup !== null && read.value.catchup !== options.catchUp) {
        report.unchanged.push({
          where,
          why: `catch-up is set in the DAG file (catchup=${read.value.catchup ? 'True' : 'False'}); Airflow ${read.value.catchup ? 'will run every missed interval' : 'runs only the latest interval'} and cannot be told otherwise per resume`,
        });
      }
    }
    return ok(report);
  }

  private refusal(what: string): AdapterError {
    return adapterError('unsupported', `Nothing was changed: ${what} is not possible on Airflow, because the schedule lives in the DAG file ZenML generated, not in Airflow's database. Use "Recreate with a New Schedule…" (zenml-schedules schedules recreate) to pause and delete the old DAG and run the pipeline again with the new schedule.`, {
      source: this.name,
    });
  }

  async update(_id: string, _change: { expression: string }, _options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return fail(this.refusal('changing the schedule'));
  }

  async create(_request: CreateRequest, _options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return fail(this.refusal('creating a schedule through the API'));
  }

  /** Recreate's words for the plan: what the delete removes and what it leaves (pure). */
  recreateDeleteWords(schedule: LiveSchedule): { what: string; leaves: string | null } {
    const file = dagFileToRemove(schedule.details['DAG file']);
    return {
      what: `delete DAG ${schedule.id} from Airflow's database (after it is paused; read back: GET → 404)`,
      leaves: `the DAG file${file ? ` ${file}` : ''} stays in the DAGs folder: Airflow registers the DAG again on its next parse, unpaused (ZenML writes is_paused_upon_creation=False); remove the file from the DAGs folder`,
    };
  }

  /**
   * Recreate's orchestrator step (issue 15 §2): `DELETE /dags/{id}` (204), only when the DAG is paused,
   * read back (GET → 404). The DAG file stays in the DAGs folder, so the report's `unchanged` says so:
   * Airflow's next parse registers the DAG again until the file is removed. The plain `delete` stays
   * refused (alone it would not stop the schedule).
   */
  async deleteForRecreate(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const where = `DAG ${id} on ${this.name}`;
    const before = await this.get(id, options);
    if (!before.ok) return before;
    if (before.value.state !== 'paused') {
      return fail(adapterError('conflict', `Nothing was changed: DAG '${id}' is not paused; pause it first, or Airflow may start a run while it is deleted.`, { source: this.name }));
    }
    const file = dagFileToRemove(before.value.details['DAG file']);
    const res = await this.call({ method: 'DELETE', path: `/dags/${encodeURIComponent(id)}` }, options);
    if (!res.ok) return fail(this.notFound(res.error, id));
    const after = await this.call({ path: `/dags/${encodeURIComponent(id)}` }, options);
    const report: ChangeReport = { changed: [], unchanged: [] };
    if (!after.ok && after.error.code === 'not-found') report.changed.push({ where, what: 'deleted from Airflow (read back: 404)' });
    else if (after.ok) report.unchanged.push({ where, why: 'still there when read back (Airflow may have parsed its file again)' });
    else return fail({ ...after.error, message: `Airflow accepted the delete, but reading DAG '${id}' back failed: ${after.error.message}` });
    report.unchanged.push({
      where: `DAG file${file ? ` ${file}` : ` of ${id}`}`,
      why: "stays in Airflow's DAGs folder: Airflow registers the DAG again on its next parse, unpaused (ZenML writes is_paused_upon_creation=False); remove the file",
    });
    return ok(report);
  }

  /**
   * Refused: Airflow's DELETE removes the DAG's metadata and run history, but the DAG file stays in the
   * DAGs folder and the next parse registers the DAG again, unpaused, so it keeps firing. Pause it, and
   * remove the DAG file from the DAGs folder to stop it for good.
   */
  async delete(id: string, _options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    return fail(
      adapterError(
        'unsupported',
        `Nothing was changed: deleting DAG '${id}' through Airflow would only erase its run history: its DAG file is still in the DAGs folder, and Airflow registers it again on the next parse, unpaused, so it would keep firing. Pause it here, and remove the DAG file from Airflow's DAGs folder to stop it for good.`,
        { source: this.name },
      ),
    );
  }
}

// The ZenML server adapter: schedules, runs, components, pipelines and the server's
// version over REST (/api/v1, facts §5, §8, §9). Reads come from the server; changes
// that must really stop or alter what fires go through ZenML's own client (the bridge)
// for orchestrators ZenML manages (Kubernetes), and are refused, plainly, for the others:
// the server's PUT/DELETE only change a database row while the orchestrator keeps firing.
// Every change is read back from the server before it is reported.

import { capabilityOf, dialectOfFlavor } from '../common/flavors';
import { explainCron } from '../cron';
import { adapterError, type AdapterError } from './errors';
import { noAdapterReason } from './noAdapter';
import { DEFAULT_TIMEOUT_MS, collectPages, httpRequest, joinUrl, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import type { ScheduleChange, ZenmlClientBridge, ZenmlServerTarget } from './zenmlClientBridge';
import {
  compareVersions,
  kindOf,
  parseComponent,
  parseNamed,
  parsePage,
  parseRun,
  parseSchedule,
  parseServerInfo,
  stateOf,
  type ZenmlComponentInfo,
  type ZenmlRun,
  type ZenmlScheduleRecord,
  type ZenmlServerInfo,
} from './zenmlModels';
import { ok, fail, type AdapterCallDefaults, type AdapterCapabilities, type CallOptions, type ChangeReport, type ListOptions, type LiveRun, type LiveSchedule, type Page, type Result, type ScheduleAdapter, type ScheduleChangeSupport } from './types';

/** `active` and `DELETE ?soft` (archiving) exist from this server version on (facts §9). */
export const MIN_VERSION_FOR_PAUSE = '0.93.1';
export const DEFAULT_PAGE_SIZE = 100;

export interface ZenmlCredentials {
  /** A service-account API key (ZENKEY_…): logged in with POST /api/v1/login, and again once on a 401. */
  apiKey?: string;
  /** A bearer token (from credentials.yaml) used as is; it cannot be renewed without the user. */
  accessToken?: string;
}

export interface ZenmlServerAdapterOptions extends AdapterCallDefaults {
  name: string;
  url: string;
  /** Where the credentials come from (SecretStorage in the editor, an environment variable on the CLI, credentials.yaml). Null: no auth. */
  credentials?: () => Promise<ZenmlCredentials | null>;
  /** ZenML's own client in the user's interpreter, for changes ZenML carries out on the orchestrator. */
  clientBridge?: ZenmlClientBridge;
}


export class ZenmlServerAdapter implements ScheduleAdapter {
  readonly type = 'zenml';
  readonly name: string;
  readonly url: string;
  readonly capabilities: AdapterCapabilities = {
    operations: ['list', 'get', 'pause', 'resume', 'update', 'delete', 'runs'],
    kinds: ['cron', 'interval', 'once'],
    // Each schedule is read in its orchestrator's dialect; see LiveSchedule.orchestrator and .changes.
    dialect: 'standard',
    pauseStopsRuns: false,
  };

  private readonly options: ZenmlServerAdapterOptions;
  private readonly ctx: HttpContext;
  private token: string | null = null;
  private credentialsCache: ZenmlCredentials | null | undefined;
  private info: ZenmlServerInfo | null = null;
  private infoPending: Promise<Result<ZenmlServerInfo>> | null = null;
  /** Project id → name (run links on a non-Pro server name the project), null when it could not be read. */
  private readonly projects = new Map<string, string | null>();
  private readonly components = new Map<string, ZenmlComponentInfo | null>();
  private readonly pipelines = new Map<string, string | null>();

  constructor(options: ZenmlServerAdapterOptions) {
    this.options = options;
    this.name = options.name;
    this.url = options.url.replace(/\/+$/, '');
    this.ctx = { source: options.name, serverLabel: `The ZenML server at ${this.url}` };
  }

  reset(): void {
    this.info = null;
    this.infoPending = null;
    this.projects.clear();
    this.components.clear();
    this.pipelines.clear();
    this.credentialsCache = undefined;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async credentials(): Promise<ZenmlCredentials | null> {
    if (this.credentialsCache === undefined) {
      try {
        this.credentialsCache = (await this.options.credentials?.()) ?? null;
      } catch {
        this.credentialsCache = null;
      }
    }
    return this.credentialsCache;
  }

  /** POST /api/v1/login with the API key (form `password=<key>`, facts §9). */
  private async login(apiKey: string, options: CallOptions, again = false): Promise<Result<string>> {
    const res = await httpRequest(
      this.ctx,
      { method: 'POST', url: joinUrl(this.url, '/api/v1/login'), form: { password: apiKey }, retrySafe: true, signal: options.signal, timeoutMs: options.timeoutMs ?? this.options.timeoutMs },
      this.options.fetch,
    );
    if (!res.ok) {
      if (res.error.code === 'unauthorized') {
        return fail(
          adapterError('unauthorized', `${again ? `The API key for ${this.name} is no longer valid: ${this.url} refused it` : `${this.url} refused the API key of ${this.name}`}${res.error.detail ? ` (${res.error.detail})` : ''}.`, {
            source: this.name,
            status: res.error.status,
            detail: res.error.detail,
          }),
        );
      }
      return res;
    }
    const token = typeof (res.value.body as { access_token?: unknown })?.access_token === 'string' ? (res.value.body as { access_token: string }).access_token : null;
    if (!token) return fail(adapterError('server-error', `${this.ctx.serverLabel} answered the login without an access token.`, { source: this.name }));
    return ok(token);
  }

  /** One authenticated call: logs in first when there is a key, and again once on a 401. */
  private async call(request: Omit<HttpRequest, 'url'> & { path: string }, options: CallOptions = {}): Promise<Result<HttpResponse>> {
    const creds = await this.credentials();
    if (!this.token && creds?.accessToken && !creds.apiKey) this.token = creds.accessToken;
    if (!this.token && creds?.apiKey) {
      const login = await this.login(creds.apiKey, options);
      if (!login.ok) return login;
      this.token = login.value;
    }
    const send = () =>
      httpRequest(
        this.ctx,
        {
          ...request,
          url: joinUrl(this.url, request.path),
          headers: { ...request.headers, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
          signal: options.signal,
          timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        },
        this.options.fetch,
      );
    let res = await send();
    if (!res.ok && res.error.code === 'unauthorized') {
      if (creds?.apiKey) {
        // The token expired or the server restarted with a new secret: log in again, once.
        this.token = null;
        const login = await this.login(creds.apiKey, options, true);
        if (!login.ok) return login;
        this.token = login.value;
        res = await send();
        if (!res.ok && res.error.code === 'unauthorized') {
          return fail(adapterError('unauthorized', `The API key for ${this.name} is no longer valid: ${this.url} refused it after a new login.`, { source: this.name, status: 401, detail: res.error.detail }));
        }
      } else if (creds?.accessToken) {
        return fail(
          adapterError('unauthorized', `The login for ${this.name} (${this.url}) has expired or was refused; log in to the server again or add an API key.`, {
            source: this.name,
            status: 401,
            detail: res.error.detail,
          }),
        );
      } else {
        return fail(
          adapterError('unauthorized', `${this.ctx.serverLabel} needs authentication and ${this.name} has no API key.`, { source: this.name, status: 401, detail: res.error.detail }),
        );
      }
    }
    return res;
  }

  /** GET /api/v1/info, once per adapter (reset() forgets it); concurrent callers share one request. */
  async serverInfo(options: CallOptions = {}): Promise<Result<ZenmlServerInfo>> {
    if (this.info) return ok(this.info);
    if (!this.infoPending) {
      this.infoPending = (async (): Promise<Result<ZenmlServerInfo>> => {
        const res = await this.call({ path: '/api/v1/info' }, options);
        if (!res.ok) return res;
        const info = parseServerInfo(res.value.body);
        if (!info) return fail(adapterError('server-error', `${this.ctx.serverLabel} did not say its version (GET /api/v1/info); is this a ZenML server?`, { source: this.name }));
        this.info = info;
        return ok(info);
      })().finally(() => {
        this.infoPending = null;
      });
    }
    return this.infoPending;
  }

  private async requireVersion(what: string, options: CallOptions): Promise<Result<ZenmlServerInfo>> {
    const info = await this.serverInfo(options);
    if (!info.ok) return info;
    if (compareVersions(info.value.version, MIN_VERSION_FOR_PAUSE) < 0) {
      return fail(
        adapterError('version-too-old', `${what} needs ZenML ≥ ${MIN_VERSION_FOR_PAUSE} on the server; ${this.name} runs ZenML ${info.value.version}.`, {
          source: this.name,
          minimumVersion: MIN_VERSION_FOR_PAUSE,
          foundVersion: info.value.version,
        }),
      );
    }
    return info;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** One page of schedules, hydrated (orchestrator and pipeline ids, the CronJob name). `page` is ZenML's 1-based index. */
  async listRecords(options: ListOptions = {}): Promise<Result<{ records: ZenmlScheduleRecord[]; next?: string; total: number }>> {
    const index = Math.max(1, Number(options.page ?? '1') || 1);
    const size = Math.min(10_000, Math.max(1, options.pageSize ?? this.options.pageSize ?? DEFAULT_PAGE_SIZE));
    const query: Record<string, string | number | boolean> = { page: index, size, hydrate: true, sort_by: 'asc:created' };
    if (!options.includeAll) query.is_archived = false;
    const res = await this.call({ path: '/api/v1/schedules', query }, options);
    if (!res.ok) return res;
    const page = parsePage(res.value.body, parseSchedule);
    if (!page) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a schedule list in an unknown shape.`, { source: this.name }));
    return ok({ records: page.items, next: page.index < page.totalPages ? String(page.index + 1) : undefined, total: page.total });
  }

  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    // The version decides what a change can do (archive from 0.93.1): read once, cached; a failure only costs that.
    await this.serverInfo(options);
    const page = await this.listRecords(options);
    if (!page.ok) return page;
    const live = await this.toLive(page.value.records, options);
    if (!live.ok) return live;
    return ok({ items: live.value, next: page.value.next, total: page.value.total });
  }

  /** Every schedule, all pages. */
  async listAll(options: ListOptions = {}): Promise<Result<LiveSchedule[]>> {
    await this.serverInfo(options);
    const records = await collectPages(async (token) => {
      const page = await this.listRecords({ ...options, page: token });
      return page.ok ? ok({ items: page.value.records, next: page.value.next, total: page.value.total }) : page;
    });
    if (!records.ok) return records;
    return this.toLive(records.value, options);
  }

  async getRecord(id: string, options: CallOptions = {}): Promise<Result<ZenmlScheduleRecord>> {
    const res = await this.call({ path: `/api/v1/schedules/${encodeURIComponent(id)}`, query: { hydrate: true } }, options);
    if (!res.ok) {
      if (res.error.code === 'not-found') return fail({ ...res.error, message: `${this.name} has no schedule ${id}.` });
      return res;
    }
    const record = parseSchedule(res.value.body);
    if (!record) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a schedule in an unknown shape.`, { source: this.name }));
    return ok(record);
  }

  async get(id: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    await this.serverInfo(options);
    const resolved = await this.resolve(id, options);
    if (!resolved.ok) return resolved;
    const live = await this.toLive([resolved.value], options);
    return live.ok ? ok(live.value[0]) : live;
  }

  /** An id, or a name (exact) of a non-archived schedule. */
  async resolve(idOrName: string, options: CallOptions = {}): Promise<Result<ZenmlScheduleRecord>> {
    if (/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(idOrName)) return this.getRecord(idOrName, options);
    const res = await this.call({ path: '/api/v1/schedules', query: { name: idOrName, hydrate: true, size: 10 } }, options);
    if (!res.ok) return res;
    const page = parsePage(res.value.body, parseSchedule);
    const exact = page?.items.filter((s) => s.name === idOrName) ?? [];
    if (exact.length === 0) return fail(adapterError('not-found', `${this.name} has no schedule named '${idOrName}'.`, { source: this.name }));
    const live = exact.filter((s) => !s.isArchived);
    return ok((live.length ? live : exact)[0]);
  }

  async runs(id: string, options: CallOptions & { limit?: number } = {}): Promise<Result<LiveRun[]>> {
    const res = await this.call({ path: '/api/v1/runs', query: { schedule_id: id, sort_by: 'desc:created', size: options.limit ?? 10, hydrate: true } }, options);
    if (!res.ok) return res;
    const page = parsePage(res.value.body, parseRun);
    if (!page) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a run list in an unknown shape.`, { source: this.name }));
    const link = await this.runLinker(page.items, options);
    return ok(page.items.map((r) => ({ ...r, url: link(r) })));
  }

  async recentRuns(options: CallOptions & { limit?: number } = {}): Promise<Result<{ runs: LiveRun[]; truncated: boolean }>> {
    const limit = Math.min(10_000, options.limit ?? 2000);
    const res = await this.call({ path: '/api/v1/runs', query: { sort_by: 'desc:created', size: limit } }, options);
    if (!res.ok) return res;
    const page = parsePage(res.value.body, parseRun);
    if (!page) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a run list in an unknown shape.`, { source: this.name }));
    const link = await this.runLinker(page.items, options);
    return ok({ runs: page.items.map((r) => ({ ...r, url: link(r) })), truncated: page.totalPages > 1 });
  }

  /**
   * Dashboard links for runs, as ZenML 0.98's `dashboard_utils.get_run_url` builds them: a ZenML Pro
   * workspace (`deployment_type: cloud`) at `{dashboard_url}/projects/{project id}/runs/{run id}`; any
   * other server at `{server_url, else the URL connected to}/projects/{project name}/runs/{run id}`.
   * The server info and project names are read once (cached); when they cannot be read, no links
   * (the runs themselves are still listed).
   */
  private async runLinker(runs: readonly ZenmlRun[], options: CallOptions): Promise<(run: ZenmlRun) => string | undefined> {
    const info = await this.serverInfo(options);
    if (!info.ok) return () => undefined;
    const cloud = info.value.deploymentType === 'cloud' && !!info.value.dashboardUrl;
    if (!cloud) {
      const wanted = [...new Set(runs.map((r) => r.projectId).filter((id): id is string => !!id && !this.projects.has(id)))];
      await runLimited(
        wanted.map((id) => async () => {
          const res = await this.call({ path: `/api/v1/projects/${encodeURIComponent(id)}` }, options);
          // A failure is not cached (the next refresh asks again), except a project that is gone.
          if (res.ok) this.projects.set(id, parseNamed(res.value.body)?.name ?? null);
          else if (res.error.code === 'not-found') this.projects.set(id, null);
          return ok(undefined);
        }),
        4,
      );
    }
    const base = cloud ? info.value.dashboardUrl! : info.value.serverUrl || this.url;
    return (run) => {
      if (!run.projectId) return undefined;
      const project = cloud ? run.projectId : this.projects.get(run.projectId);
      return project ? joinUrl(base, `/projects/${encodeURIComponent(project)}/runs/${encodeURIComponent(run.id)}`) : undefined;
    };
  }

  /** Every pipeline on the server, by name (all pages; also fills the id → name cache the rows use). */
  async pipelineNames(options: CallOptions = {}): Promise<Result<string[]>> {
    const all = await this.listEverything('/api/v1/pipelines', {}, parseNamed, options);
    if (!all.ok) return all;
    for (const p of all.value) this.pipelines.set(p.id, p.name);
    return ok([...new Set(all.value.map((p) => p.name))]);
  }

  /** Orchestrator components and pipeline names for the records, each id looked up once (cached). */
  private async lookups(records: readonly ZenmlScheduleRecord[], options: CallOptions): Promise<Result<void>> {
    const wanted = (ids: (string | null)[], cache: Map<string, unknown>) => [...new Set(ids.filter((x): x is string => !!x && !cache.has(x)))];
    const components = wanted(records.map((r) => r.orchestratorId), this.components);
    const pipelines = wanted(records.map((r) => r.pipelineId), this.pipelines);
    if (components.length > 20) {
      const all = await this.listEverything('/api/v1/components', { type: 'orchestrator' }, parseComponent, options);
      if (!all.ok) return all;
      for (const c of all.value) this.components.set(c.id, c);
    }
    if (pipelines.length > 20) {
      const all = await this.listEverything('/api/v1/pipelines', {}, parseNamed, options);
      if (!all.ok) return all;
      for (const p of all.value) this.pipelines.set(p.id, p.name);
    }
    const one = async <T>(path: string, parse: (v: unknown) => T | null): Promise<Result<T | null>> => {
      const res = await this.call({ path }, options);
      if (res.ok) return ok(parse(res.value.body));
      // A deleted component or pipeline is not an error for the list: the row says "unknown".
      return res.error.code === 'not-found' ? ok(null) : res;
    };
    const tasks: (() => Promise<Result<void>>)[] = [
      ...wanted(components, this.components).map((id) => async () => {
        const r = await one(`/api/v1/components/${id}`, parseComponent);
        if (!r.ok) return r;
        this.components.set(id, r.value);
        return ok(undefined);
      }),
      ...wanted(pipelines, this.pipelines).map((id) => async () => {
        const r = await one(`/api/v1/pipelines/${id}`, parseNamed);
        if (!r.ok) return r;
        this.pipelines.set(id, r.value?.name ?? null);
        return ok(undefined);
      }),
    ];
    return runLimited(tasks, 8);
  }

  private async listEverything<T>(path: string, query: Record<string, string>, parse: (v: unknown) => T | null, options: CallOptions): Promise<Result<T[]>> {
    return collectPages(async (token) => {
      const res = await this.call({ path, query: { ...query, page: token ?? '1', size: 1000 } }, options);
      if (!res.ok) return res;
      const page = parsePage(res.value.body, parse);
      if (!page) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent ${path} in an unknown shape.`, { source: this.name }));
      return ok({ items: page.items, next: page.index < page.totalPages ? String(page.index + 1) : undefined });
    });
  }

  private async toLive(records: readonly ZenmlScheduleRecord[], options: CallOptions): Promise<Result<LiveSchedule[]>> {
    const looked = await this.lookups(records, options);
    if (!looked.ok) return looked;
    const now = this.now();
    return ok(records.map((r) => this.toLiveOne(r, now)));
  }

  toLiveOne(record: ZenmlScheduleRecord, now: Date): LiveSchedule {
    const component = record.orchestratorId ? (this.components.get(record.orchestratorId) ?? null) : null;
    const details: Record<string, string> = { 'ZenML id': record.id, server: this.url };
    if (component) details.orchestrator = `${component.name} (${component.flavor})`;
    else if (record.orchestratorId) details.orchestrator = `${record.orchestratorId} (deleted)`;
    if (record.cronJobName) details.CronJob = record.cronJobName;
    if (record.updated) details.updated = record.updated.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const warnings: string[] = [];
    if (record.cronExpression && (record.intervalSeconds || record.runOnceTime)) warnings.push('cron_expression wins: the interval / run-once time is ignored');
    const state = stateOf(record, now);
    const changes = this.changeSupport(record, component);
    const mayStillFire = state === 'paused' && !changes.pauseStopsRuns ? recordOnlyPauseWarning(component) : null;
    if (mayStillFire) warnings.push(mayStillFire);
    return {
      id: record.id,
      name: record.name,
      pipeline: record.pipelineId ? (this.pipelines.get(record.pipelineId) ?? null) : null,
      orchestrator: component?.flavor ?? null,
      kind: kindOf(record),
      expression: record.cronExpression,
      intervalSeconds: record.intervalSeconds,
      startTime: record.startTime,
      endTime: record.endTime,
      runOnceTime: record.runOnceTime,
      catchup: record.catchup,
      timeZone: null,
      state,
      ...(mayStillFire ? { mayStillFire } : {}),
      created: record.created,
      zenmlId: record.id,
      ...(record.cronJobName ? { match: { madeByZenml: true, nativeName: record.cronJobName } } : {}),
      details,
      warnings,
      changes,
    };
  }

  /** What can really change for this schedule: it depends on the orchestrator that fires it (and the server's version). */
  changeSupport(record: ZenmlScheduleRecord, component: ZenmlComponentInfo | null): ScheduleChangeSupport {
    const support = this.orchestratorSupport(record, component);
    // A server older than 0.93.1 has no archive: delete can only purge (refused without purge).
    if (this.info && compareVersions(this.info.version, MIN_VERSION_FOR_PAUSE) < 0) return { ...support, deleteArchives: false };
    return support;
  }

  private orchestratorSupport(record: ZenmlScheduleRecord, component: ZenmlComponentInfo | null): ScheduleChangeSupport {
    if (record.isArchived) return { operations: ['delete'], pauseStopsRuns: false, reason: 'Archived schedules cannot be changed; they can only be purged.' };
    if (!component) {
      return {
        operations: [],
        pauseStopsRuns: false,
        reason: record.orchestratorId
          ? 'Its orchestrator component was deleted from ZenML, so nothing can say where it fires; changing only ZenML\'s record would not stop it.'
          : 'ZenML has no orchestrator recorded for this schedule, so nothing can say where it fires.',
      };
    }
    const capability = capabilityOf(component.flavor);
    if (capability && !capability.canSchedule) {
      return { operations: [], pauseStopsRuns: false, reason: `The ${capability.displayName} orchestrator cannot run schedules.` };
    }
    if (capability?.managedByZenml) {
      return {
        operations: ['pause', 'resume', 'update', 'delete'],
        pauseStopsRuns: true,
        via: `ZenML's client suspends, changes or deletes the ${capability.displayName} ${component.flavor === 'kubernetes' ? 'CronJob' : 'schedule'}, then the record`,
      };
    }
    const display = capability?.displayName ?? component.flavor;
    const noAdapter = noAdapterReason(component.flavor);
    if (noAdapter) return { operations: [], pauseStopsRuns: false, reason: noAdapter };
    return {
      operations: [],
      pauseStopsRuns: false,
      reason: `ZenML cannot change schedules on ${display}: its server and client only change their own record while ${display} keeps firing. Connect the ${display} orchestrator to change it there.`,
    };
  }

  // ---- changes -------------------------------------------------------------------------------

  private target(creds: ZenmlCredentials | null): ZenmlServerTarget {
    return {
      url: this.url,
      source: this.name,
      ...(creds?.apiKey ? { apiKey: creds.apiKey } : {}),
      ...(creds?.accessToken && !creds.apiKey ? { accessToken: creds.accessToken } : {}),
    };
  }

  /** The record, its orchestrator, and whether `operation` can really happen; a typed refusal otherwise. */
  private async prepareChange(idOrName: string, operation: 'pause' | 'resume' | 'update' | 'delete', options: CallOptions): Promise<Result<{ record: ZenmlScheduleRecord; component: ZenmlComponentInfo | null; support: ScheduleChangeSupport }>> {
    const record = await this.resolve(idOrName, options);
    if (!record.ok) return record;
    const looked = await this.lookups([record.value], options);
    if (!looked.ok) return looked;
    const component = record.value.orchestratorId ? (this.components.get(record.value.orchestratorId) ?? null) : null;
    const support = this.changeSupport(record.value, component);
    if (!support.operations.includes(operation)) {
      const code = component && capabilityOf(component.flavor)?.canSchedule === false ? 'unsupported' : record.value.isArchived ? 'forbidden' : 'unsupported';
      return fail(adapterError(code, `Nothing was changed: ${support.reason ?? `${operation} is not possible for this schedule.`}`, { source: this.name }));
    }
    if (!this.options.clientBridge) {
      return fail(adapterError('unsupported', `Nothing was changed: ${operation} goes through ZenML's Python client (to change the CronJob), and no Python interpreter with ZenML is set for ${this.name}.`, { source: this.name }));
    }
    return ok({ record: record.value, component, support });
  }

  /** Run the change through ZenML's client, then read the record back over REST and check it. */
  private async changeThroughClient(
    record: ZenmlScheduleRecord,
    change: ScheduleChange,
    expect: (after: ZenmlScheduleRecord | null) => string | null,
    options: CallOptions,
  ): Promise<Result<ChangeReport>> {
    const creds = await this.credentials();
    const target = this.target(creds);
    if (!target.apiKey && !target.accessToken) {
      // A server without authentication (`zenml login --local`, ZENML_SERVER_AUTH_SCHEME=NO_AUTH): ZenML's
      // client needs only ZENML_STORE_URL there (it logs in only when a request is refused).
      const info = await this.serverInfo(options);
      if (info.ok && info.value.authScheme?.toUpperCase() === 'NO_AUTH') target.noAuth = true;
    }
    const done = await this.options.clientBridge!.change(target, record.id, change, options);
    if (!done.ok) return this.afterFailedBridge(record, done.error, options);
    const after = await this.getRecord(record.id, options);
    if (!after.ok && !(after.error.code === 'not-found' && change.action === 'delete' && change.purge)) {
      return fail({ ...after.error, message: `ZenML's client reported the change, but reading the schedule back from ${this.name} failed: ${after.error.message}` });
    }
    const report: ChangeReport = { changed: [...done.value.changed], unchanged: [...done.value.unchanged] };
    const problem = expect(after.ok ? after.value : null);
    if (problem) report.unchanged.push({ where: `ZenML record ${record.name} on ${this.name}`, why: problem });
    if (after.ok) report.after = this.toLiveOne(after.value, this.now());
    return ok(report);
  }

  /** Whether changes can go through ZenML's own client (an interpreter with ZenML is set). */
  get hasClientBridge(): boolean {
    return !!this.options.clientBridge;
  }

  /**
   * Only the record: `PUT active` (for a CronJob another adapter already suspended or resumed, so that
   * ZenML's dashboard agrees). Never used alone to pause: it does not stop anything firing. Read back.
   */
  async setRecordActive(id: string, active: boolean, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const version = await this.requireVersion(active ? 'Setting the record active' : 'Setting the record inactive', options);
    if (!version.ok) return version;
    const record = await this.resolve(id, options);
    if (!record.ok) return record;
    const where = `ZenML record '${record.value.name}' on ${this.name}`;
    if (record.value.active === active) return ok({ changed: [], unchanged: [{ where, why: `already ${active ? 'active' : 'inactive'}` }] });
    const res = await this.call({ method: 'PUT', path: `/api/v1/schedules/${record.value.id}`, json: { active } }, options);
    if (!res.ok) return res;
    const after = await this.getRecord(record.value.id, options);
    if (!after.ok) return after;
    const live = this.toLiveOne(after.value, this.now());
    if (after.value.active !== active) return ok({ changed: [], unchanged: [{ where, why: `still ${after.value.active ? 'active' : 'inactive'} when read back` }], after: live });
    return ok({ changed: [{ where, what: `set ${active ? 'active' : 'inactive'}` }], unchanged: [], after: live });
  }

  /**
   * Only the record: archive it (`DELETE ?soft=true`, ZenML's soft delete), read back (`is_archived`).
   * For the guided recreate (issue 15 §2), after the orchestrator's side was paused and deleted by the
   * orchestrator's own adapter; never alone, since it does not stop anything firing.
   */
  async archiveRecord(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const version = await this.requireVersion('Archiving the record', options);
    if (!version.ok) return version;
    const record = await this.resolve(id, options);
    if (!record.ok) return record;
    const where = `ZenML record '${record.value.name}' on ${this.name}`;
    if (record.value.isArchived) return ok({ changed: [], unchanged: [{ where, why: 'already archived' }] });
    const res = await this.call({ method: 'DELETE', path: `/api/v1/schedules/${record.value.id}`, query: { soft: true } }, options);
    if (!res.ok) return res;
    const after = await this.getRecord(record.value.id, options);
    if (!after.ok) return fail({ ...after.error, message: `${this.name} accepted the archive, but reading the record back failed: ${after.error.message}` });
    const live = this.toLiveOne(after.value, this.now());
    if (!after.value.isArchived) return ok({ changed: [], unchanged: [{ where, why: 'not archived when read back' }], after: live });
    return ok({ changed: [{ where, what: `archived (is_archived = true, read back; now named '${after.value.name}')` }], unchanged: [], after: live });
  }

  async pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.setActive(id, false, options);
  }

  async resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    return this.setActive(id, true, options);
  }

  private async setActive(id: string, active: boolean, options: CallOptions): Promise<Result<ChangeReport>> {
    const version = await this.requireVersion(active ? 'Resuming' : 'Pausing', options);
    if (!version.ok) return version;
    const prep = await this.prepareChange(id, active ? 'resume' : 'pause', options);
    if (!prep.ok) return prep;
    return this.changeThroughClient(
      prep.value.record,
      { action: active ? 'resume' : 'pause' },
      (after) => (after?.active === active ? null : `still ${after?.active ? 'active' : 'inactive'} when read back`),
      options,
    );
  }

  async update(id: string, change: { expression: string }, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const expression = change.expression.trim();
    const prep = await this.prepareChange(id, 'update', options);
    if (!prep.ok) return prep;
    const dialect = dialectOfFlavor(prep.value.component?.flavor);
    const explained = explainCron(expression, { dialect, timeZone: 'UTC', count: 1 });
    if (!explained.valid) {
      return fail(adapterError('invalid-input', `Nothing was changed: '${expression}' is not a valid ${dialect} cron expression: ${explained.error?.message ?? 'invalid'}.`, { source: this.name }));
    }
    return this.changeThroughClient(
      prep.value.record,
      { action: 'update', cronExpression: expression },
      (after) => (after?.cronExpression === expression ? null : `cron_expression is '${after?.cronExpression ?? ''}' when read back`),
      options,
    );
  }

  async delete(id: string, options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    const purge = options.purge === true;
    const info = await this.serverInfo(options);
    if (!info.ok) return info;
    const hasArchive = compareVersions(info.value.version, MIN_VERSION_FOR_PAUSE) >= 0;
    if (!hasArchive && !purge) {
      return fail(
        adapterError('version-too-old', `Archiving needs ZenML ≥ ${MIN_VERSION_FOR_PAUSE} on the server; ${this.name} runs ZenML ${info.value.version}, which can only delete for good (purge).`, {
          source: this.name,
          minimumVersion: MIN_VERSION_FOR_PAUSE,
          foundVersion: info.value.version,
        }),
      );
    }
    const record = await this.resolve(id, options);
    if (!record.ok) return record;
    if (record.value.isArchived) {
      // Archived: nothing fires any more (the orchestrator's object was deleted when it was archived); only the record is left.
      if (!purge) return ok({ changed: [], unchanged: [{ where: `ZenML record ${record.value.name} on ${this.name}`, why: 'already archived (purge deletes it for good)' }] });
      const res = await this.call({ method: 'DELETE', path: `/api/v1/schedules/${record.value.id}`, query: hasArchive ? { soft: false } : {} }, options);
      if (!res.ok) return res;
      const after = await this.getRecord(record.value.id, options);
      if (after.ok) return ok({ changed: [], unchanged: [{ where: `ZenML record ${record.value.name} on ${this.name}`, why: 'still on the server when read back' }] });
      if (after.error.code !== 'not-found') return after;
      return ok({ changed: [{ where: `ZenML record ${record.value.name} on ${this.name}`, what: 'deleted for good' }], unchanged: [] });
    }
    const prep = await this.prepareChange(record.value.id, 'delete', options);
    if (!prep.ok) return prep;
    return this.changeThroughClient(
      prep.value.record,
      { action: 'delete', purge },
      (after) => (purge ? (after ? 'still on the server when read back' : null) : after?.isArchived ? null : 'not archived when read back'),
      options,
    );
  }

  /** The client failed: read the record back so that the message says what did and did not change. */
  private async afterFailedBridge(record: ZenmlScheduleRecord, error: AdapterError, options: CallOptions): Promise<Result<ChangeReport>> {
    const after = await this.getRecord(record.id, options);
    const same =
      after.ok && after.value.active === record.active && after.value.cronExpression === record.cronExpression && after.value.isArchived === record.isArchived;
    const suffix = after.ok ? (same ? ' The ZenML record is unchanged.' : ' The ZenML record changed anyway; refresh to see it.') : '';
    return fail({ ...error, source: error.source ?? this.name, message: `${error.message}${suffix}` });
  }
}

/**
 * Why an inactive record may still fire (null when the orchestrator cannot run schedules at all):
 * setting ZenML's record inactive does not pause an orchestrator ZenML does not manage, and nothing
 * here can see that orchestrator. Never "paused" for it (issue 10 §2).
 */
export function recordOnlyPauseWarning(component: ZenmlComponentInfo | null): string | null {
  const capability = component ? capabilityOf(component.flavor) : null;
  if (capability && !capability.canSchedule) return null;
  const where = component ? (capability?.displayName ?? component.flavor) : 'its orchestrator';
  return `ZenML's record is inactive, but ${where} may still fire it: setting the record inactive does not pause ${component ? where : 'the orchestrator'}. Check or pause it in ${where}${component ? ` (or connect the ${where} orchestrator here)` : ''}.`;
}

/** Run tasks with at most `limit` at once; the first failure wins (the rest still finish). */
export async function runLimited(tasks: (() => Promise<Result<void>>)[], limit: number): Promise<Result<void>> {
  let failure: Result<void> | null = null;
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++];
      const r = await task();
      if (!r.ok && !failure) failure = r;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return failure ?? ok(undefined);
}

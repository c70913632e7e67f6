// The Kubeflow Pipelines adapter: recurring runs through the v2beta1 REST API (facts §6, §10):
// list (paged with page_token/page_size, per namespace), get, pause (`:disable`), resume
// (`:enable`), delete, and the runs of a recurring run for health. The cron is shown and checked in
// Kubeflow's seconds-first dialect (robfig/cron). KFP has no call that changes a recurring run's
// trigger, so update says so (typed `unsupported`) and points at the guided recreate.
// Auth: `Authorization: Bearer <token>` or the session cookie (`authservice_session=…`) of a
// Kubeflow behind oauth2-proxy / Dex. Every change is read back from the server before it is
// reported. No vscode import.

import { adapterError } from './errors';
import { DEFAULT_TIMEOUT_MS, collectPages, httpRequest, joinUrl, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import { KUBEFLOW_CHANGES, parseKfpRunPage, parseRecurringRun, parseRecurringRunPage, recurringRunToLive, zenmlPipelineOf, type KubeflowRecurringRun } from './kubeflowModels';
import { ok, fail, type AdapterCallDefaults, type AdapterCapabilities, type CallOptions, type ChangeReport, type ListOptions, type LiveRun, type LiveSchedule, type Page, type Result, type ScheduleAdapter } from './types';

export const KFP_API = '/apis/v2beta1';
export const DEFAULT_KFP_PAGE_SIZE = 100;
/** The largest page asked for when walking runs for health. */
const RUN_PAGE_SIZE = 200;

export interface KubeflowCredentials {
  /** A bearer token (a Kubernetes service-account token, an OIDC id token). */
  token?: string;
  /** The session cookie: `authservice_session=…` (or only its value), or a whole Cookie header. */
  cookie?: string;
}

export interface KubeflowAdapterOptions extends AdapterCallDefaults {
  name: string;
  /** The KFP API endpoint (`https://kubeflow.example.com/pipeline`, `http://127.0.0.1:8888`). */
  url: string;
  /** The profile namespace (multi-user Kubeflow needs one to list). */
  namespace?: string;
  credentials?: () => Promise<KubeflowCredentials | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Cookie header for a stored cookie secret: a bare value is the authservice session. */
export function cookieHeader(cookie: string): string {
  const c = cookie.trim();
  return c.includes('=') ? c : `authservice_session=${c}`;
}

/** Session cookies of a Kubeflow behind oauth2-proxy / the OIDC authservice, by name. */
const SESSION_COOKIE = /^(authservice_session|oauth2_proxy[\w-]*)=/;

/**
 * The editor keeps one secret per connection (passed as `token`): a stored `authservice_session=…`
 * is a session cookie, not a bearer token, and is sent as one.
 */
export function normalizeCredentials(creds: KubeflowCredentials | null): KubeflowCredentials | null {
  if (!creds) return null;
  const token = creds.token?.trim() || undefined;
  const cookie = creds.cookie?.trim() || undefined;
  if (token && !cookie && SESSION_COOKIE.test(token)) return { cookie: token };
  if (token && cookie && token === cookie) return SESSION_COOKIE.test(token) ? { cookie } : { token };
  return token || cookie ? { ...(token ? { token } : {}), ...(cookie ? { cookie } : {}) } : null;
}

export class KubeflowAdapter implements ScheduleAdapter {
  readonly type = 'kubeflow';
  readonly name: string;
  readonly url: string;
  readonly namespace: string | undefined;
  readonly capabilities: AdapterCapabilities = {
    operations: ['list', 'get', 'pause', 'resume', 'delete', 'runs'],
    kinds: ['cron', 'interval'],
    dialect: 'kubeflow',
    pauseStopsRuns: true,
  };

  private readonly options: KubeflowAdapterOptions;
  private readonly ctx: HttpContext;
  private credentialsCache: KubeflowCredentials | null | undefined;
  private readonly experiments = new Map<string, string | null>();

  constructor(options: KubeflowAdapterOptions) {
    this.options = options;
    this.name = options.name;
    this.url = options.url.replace(/\/+$/, '');
    this.namespace = options.namespace?.trim() || undefined;
    this.ctx = { source: options.name, serverLabel: `The Kubeflow Pipelines API at ${this.url}` };
  }

  reset(): void {
    this.credentialsCache = undefined;
    this.experiments.clear();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async credentials(): Promise<KubeflowCredentials | null> {
    if (this.credentialsCache === undefined) {
      try {
        this.credentialsCache = normalizeCredentials((await this.options.credentials?.()) ?? null);
      } catch {
        this.credentialsCache = null;
      }
    }
    return this.credentialsCache;
  }

  /** One authenticated call; auth failures and login pages become `unauthorized` with words for both kinds of secret. */
  private async call(request: Omit<HttpRequest, 'url'> & { path: string }, options: CallOptions = {}): Promise<Result<HttpResponse>> {
    const creds = await this.credentials();
    const headers: Record<string, string> = { ...request.headers };
    if (creds?.token) headers.authorization = `Bearer ${creds.token}`;
    if (creds?.cookie) headers.cookie = cookieHeader(creds.cookie);
    const res = await httpRequest(
      this.ctx,
      { ...request, url: joinUrl(this.url, request.path), headers, signal: options.signal, timeoutMs: options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      this.options.fetch,
    );
    if (res.ok) return res;
    const what = creds?.token ? 'the bearer token' : creds?.cookie ? 'the session cookie' : 'no credentials';
    if (res.error.code === 'unauthorized') {
      const message = creds?.token || creds?.cookie
        ? `${this.ctx.serverLabel} refused ${what} of ${this.name} (HTTP 401); it may have expired${res.error.detail ? `: ${res.error.detail}` : '.'}`
        : `${this.ctx.serverLabel} needs authentication (HTTP 401) and ${this.name} has no token or session cookie${res.error.detail ? `: ${res.error.detail}` : '.'}`;
      return fail({ ...res.error, message });
    }
    // Behind oauth2-proxy / Dex an expired session is redirected to a login page: HTML, not the API.
    if (res.error.code === 'server-error' && res.error.status !== undefined && res.error.status < 400 && /^\s*</.test(res.error.detail ?? '')) {
      return fail(
        adapterError('unauthorized', `${this.ctx.serverLabel} answered with a login page instead of the API: ${what} of ${this.name} was refused or has expired.`, {
          source: this.name,
          status: res.error.status,
        }),
      );
    }
    return res;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** One page of recurring runs (page_token / page_size), in the connection's namespace. */
  async listRaw(options: ListOptions = {}): Promise<Result<{ items: KubeflowRecurringRun[]; next?: string; total?: number }>> {
    const size = Math.min(1000, Math.max(1, options.pageSize ?? this.options.pageSize ?? DEFAULT_KFP_PAGE_SIZE));
    const query: Record<string, string | number> = { page_size: size, sort_by: 'created_at' };
    if (options.page) query.page_token = options.page;
    if (this.namespace) query.namespace = this.namespace;
    const res = await this.call({ path: `${KFP_API}/recurringruns`, query }, options);
    if (!res.ok) return res;
    const page = parseRecurringRunPage(res.value.body ?? {});
    if (!page) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a recurring-run list in an unknown shape.`, { source: this.name }));
    return ok(page);
  }

  /**
   * One page of rows. Without includeAll only the recurring runs ZenML made are kept; a page where
   * none is left is skipped (up to 50 pages), because callers stop at an empty page.
   */
  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    let token = options.page;
    for (let skipped = 0; ; skipped++) {
      const page = await this.listRaw({ ...options, page: token });
      if (!page.ok) return page;
      const zenmlMade = options.includeAll ? page.value.items : page.value.items.filter((r) => zenmlPipelineOf(r.displayName) !== null);
      if (zenmlMade.length || !page.value.next || skipped >= 50) {
        const items = await this.toLive(zenmlMade, options);
        return ok({ items, next: page.value.next, total: options.includeAll ? page.value.total : undefined });
      }
      token = page.value.next;
    }
  }

  /** Every recurring run, all pages. */
  async listAllRaw(options: CallOptions = {}): Promise<Result<KubeflowRecurringRun[]>> {
    return collectPages(async (token) => this.listRaw({ ...options, page: token }));
  }

  async getRaw(id: string, options: CallOptions = {}): Promise<Result<KubeflowRecurringRun>> {
    const res = await this.call({ path: `${KFP_API}/recurringruns/${encodeURIComponent(id)}` }, options);
    if (!res.ok) {
      if (res.error.code === 'not-found') return fail({ ...res.error, message: `${this.name} has no recurring run ${id}.` });
      return res;
    }
    const run = parseRecurringRun(res.value.body);
    if (!run) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a recurring run in an unknown shape.`, { source: this.name }));
    return ok(run);
  }

  /** An id, or an exact display name (ZenML's `<pipeline>_<32 hex>`); two runs with the name are a conflict. */
  async resolve(idOrName: string, options: CallOptions = {}): Promise<Result<KubeflowRecurringRun>> {
    if (UUID.test(idOrName)) {
      const got = await this.getRaw(idOrName, options);
      if (got.ok || got.error.code !== 'not-found') return got;
    }
    const all = await this.listAllRaw(options);
    if (!all.ok) return all;
    const named = all.value.filter((r) => r.displayName === idOrName || r.id === idOrName);
    if (named.length === 0) return fail(adapterError('not-found', `${this.name} has no recurring run '${idOrName}'${this.namespace ? ` in namespace ${this.namespace}` : ''}.`, { source: this.name }));
    if (named.length > 1) {
      return fail(adapterError('conflict', `${this.name} has ${named.length} recurring runs named '${idOrName}' (${named.map((r) => r.id).join(', ')}); use the id.`, { source: this.name }));
    }
    return ok(named[0]);
  }

  async get(id: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    const got = await this.resolve(id, options);
    if (!got.ok) return got;
    return ok((await this.toLive([got.value], options))[0]);
  }

  /** Experiment names (ZenML names the experiment after the pipeline), each looked up once; a failed lookup is only a missing name. */
  private async experimentNames(runs: readonly KubeflowRecurringRun[], options: CallOptions): Promise<void> {
    const wanted = [...new Set(runs.map((r) => r.experimentId).filter((x): x is string => !!x && !this.experiments.has(x)))].slice(0, 20);
    for (const id of wanted) {
      const res = await this.call({ path: `${KFP_API}/experiments/${encodeURIComponent(id)}` }, options);
      const name = res.ok && res.value.body && typeof (res.value.body as { display_name?: unknown }).display_name === 'string' ? (res.value.body as { display_name: string }).display_name : null;
      if (res.ok || res.error.code === 'not-found' || res.error.code === 'forbidden') this.experiments.set(id, name);
    }
  }

  private async toLive(runs: readonly KubeflowRecurringRun[], options: CallOptions): Promise<LiveSchedule[]> {
    await this.experimentNames(runs, options);
    const now = this.now();
    return runs.map((r) => recurringRunToLive(r, { baseUrl: this.url, now, experimentName: r.experimentId ? (this.experiments.get(r.experimentId) ?? null) : null }));
  }

  /** Runs of one page of `/runs` (newest first), in the experiment when given. */
  private async runsPage(query: Record<string, string | number>, options: CallOptions): Promise<Result<{ items: LiveRun[]; next?: string }>> {
    const q: Record<string, string | number> = { sort_by: 'created_at desc', ...query };
    // As kfp's client does: the experiment, or else the namespace (multi-user Kubeflow needs one of them).
    if (this.namespace && q.experiment_id === undefined) q.namespace = this.namespace;
    const res = await this.call({ path: `${KFP_API}/runs`, query: q }, options);
    if (!res.ok) return res;
    const page = parseKfpRunPage(res.value.body ?? {}, this.url);
    if (!page) return fail(adapterError('server-error', `${this.ctx.serverLabel} sent a run list in an unknown shape.`, { source: this.name }));
    return ok(page);
  }

  /**
   * The newest runs the recurring run started: the runs of its experiment (ZenML's experiment is
   * the pipeline's), newest first, kept when their recurring_run_id is this one; at most 5 pages.
   */
  async runs(id: string, options: CallOptions & { limit?: number } = {}): Promise<Result<LiveRun[]>> {
    const limit = Math.max(1, Math.min(1000, options.limit ?? 10));
    const rr = await this.resolve(id, options);
    if (!rr.ok) return rr;
    const found: LiveRun[] = [];
    let token: string | undefined;
    for (let i = 0; i < 5 && found.length < limit; i++) {
      const page = await this.runsPage({ page_size: RUN_PAGE_SIZE, ...(rr.value.experimentId ? { experiment_id: rr.value.experimentId } : {}), ...(token ? { page_token: token } : {}) }, options);
      if (!page.ok) return page;
      found.push(...page.value.items.filter((r) => r.scheduleId === rr.value.id));
      token = page.value.next;
      if (!token) break;
    }
    return ok(found.slice(0, limit));
  }

  async recentRuns(options: CallOptions & { limit?: number } = {}): Promise<Result<{ runs: LiveRun[]; truncated: boolean }>> {
    const limit = Math.max(1, Math.min(10_000, options.limit ?? 2000));
    const runs: LiveRun[] = [];
    let token: string | undefined;
    for (;;) {
      const page = await this.runsPage({ page_size: Math.min(RUN_PAGE_SIZE, limit - runs.length), ...(token ? { page_token: token } : {}) }, options);
      if (!page.ok) return page;
      runs.push(...page.value.items);
      token = page.value.next;
      if (!token || page.value.items.length === 0 || runs.length >= limit) break;
    }
    return ok({ runs: runs.slice(0, limit), truncated: !!token });
  }

  // ---- changes -------------------------------------------------------------------------------

  private where(r: KubeflowRecurringRun): string {
    return `recurring run ${r.displayName} on ${this.name}`;
  }

  async pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.setMode(id, false, options);
  }

  /** Kubeflow backfills the missed intervals on enable unless no_catchup is set; the report says which. */
  async resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    if (options.catchUp !== undefined) {
      // KFP's :enable takes no catch-up flag: the recurring run's no_catchup (set when it was made) decides.
      const rr = await this.resolve(id, options);
      if (!rr.ok) return rr;
      if (options.catchUp === rr.value.noCatchup) {
        return fail(
          adapterError(
            'unsupported',
            `Nothing was changed: Kubeflow resumes ${rr.value.displayName} as its no_catchup (${rr.value.noCatchup}) says, ${rr.value.noCatchup ? 'skipping' : 'backfilling'} the missed runs; it cannot resume ${options.catchUp ? 'with' : 'without'} catch-up. Resume without choosing, or recreate it with catchup=${options.catchUp ? 'True' : 'False'}.`,
            { source: this.name },
          ),
        );
      }
      return this.setMode(rr.value.id, true, options);
    }
    return this.setMode(id, true, options);
  }

  private async setMode(id: string, enable: boolean, options: CallOptions): Promise<Result<ChangeReport>> {
    const rr = await this.resolve(id, options);
    if (!rr.ok) return rr;
    const verb = enable ? 'enable' : 'disable';
    const res = await this.call({ method: 'POST', path: `${KFP_API}/recurringruns/${encodeURIComponent(rr.value.id)}:${verb}` }, options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was changed: ${res.error.message}` });
    const after = await this.getRaw(rr.value.id, options);
    if (!after.ok) return fail({ ...after.error, message: `Kubeflow accepted :${verb}, but reading ${rr.value.displayName} back from ${this.name} failed: ${after.error.message}` });
    const want = enable ? 'ENABLE' : 'DISABLE';
    const report: ChangeReport = { changed: [], unchanged: [], after: (await this.toLive([after.value], options))[0] };
    if ((after.value.mode ?? '').toUpperCase() === want) {
      const catchup = enable ? (after.value.noCatchup ? '; no_catchup is set, so missed runs are skipped' : '; no_catchup is not set, so Kubeflow backfills the missed runs') : '';
      report.changed.push({ where: this.where(after.value), what: `${enable ? 'enabled' : 'disabled'} (mode ${want}, read back)${catchup}` });
    } else {
      report.unchanged.push({ where: this.where(after.value), why: `mode is ${after.value.mode ?? 'unset'} when read back, not ${want}` });
    }
    return ok(report);
  }

  async update(id: string, change: { expression: string }, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    void change;
    void options;
    return fail(
      adapterError(
        'unsupported',
        `Nothing was changed: ${KUBEFLOW_CHANGES.reason} (${id} on ${this.name}; the cron would be read seconds first there).`,
        { source: this.name },
      ),
    );
  }

  async delete(id: string, options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    const rr = await this.resolve(id, options);
    if (!rr.ok) return rr;
    const res = await this.call({ method: 'DELETE', path: `${KFP_API}/recurringruns/${encodeURIComponent(rr.value.id)}` }, options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was deleted: ${res.error.message}` });
    const after = await this.getRaw(rr.value.id, options);
    if (after.ok) return ok({ changed: [], unchanged: [{ where: this.where(rr.value), why: 'still on the server when read back' }] });
    if (after.error.code !== 'not-found') return fail({ ...after.error, message: `Kubeflow accepted the delete, but reading ${rr.value.displayName} back from ${this.name} failed: ${after.error.message}` });
    return ok({ changed: [{ where: this.where(rr.value), what: 'deleted (read back: 404)' }], unchanged: [] });
  }
}

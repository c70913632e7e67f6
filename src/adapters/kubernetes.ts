// The Kubernetes adapter: batch/v1 CronJobs through @kubernetes/client-node (1.x, ESM-only,
// loaded on first use so that nothing pays for it until a Kubernetes connection is read) and the
// user's kubeconfig (the connection's file, context and namespace; the current context otherwise).
// Lists the CronJobs ZenML made (labels `pipeline` + `project_id`, annotation
// `zenml.io/orchestrator`; every CronJob on request), pauses and resumes with a JSON merge patch
// of `spec.suspend`, updates `spec.schedule` (validated in Kubernetes' cron dialect first) and
// deletes. Every change is read back from the API server before it is reported.
// The HTTP under the client is ours (node:http/https with the kubeconfig's TLS agent): a timeout
// and the caller's AbortSignal on every call, and a cap on the answer's size.

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as K8s from '@kubernetes/client-node' with { 'resolution-mode': 'import' };
import { explainCron } from '../cron';
import { adapterError, type AdapterError } from './errors';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, codeForStatus } from './http';
import { ok, fail, type AdapterCapabilities, type CallOptions, type ChangeReport, type ListOptions, type LiveSchedule, type Page, type Result, type ScheduleAdapter, type ScheduleChangeSupport } from './types';

export const DEFAULT_K8S_PAGE_SIZE = 100;
/** Kubernetes stops starting a CronJob that missed more start times than this (the controller's limit). */
export const MISSED_START_LIMIT = 100;

/**
 * How many CronJob start times fall after `since` and not after `now`, counted up to one over the limit
 * (MISSED_START_LIMIT + 1): the count the CronJob controller compares with its limit. Pure (the resume
 * preview in src/workspace/resumePreview.ts uses it too); 0 for an empty or invalid schedule.
 */
export function missedStartTimes(schedule: string | null | undefined, timeZone: string | null, since: Date | null, now: Date, limit = MISSED_START_LIMIT): number {
  if (!schedule || !since) return 0;
  const e = explainCron(schedule, { dialect: 'kubernetes', timeZone: timeZone ?? 'UTC', from: since, count: limit + 1 });
  if (!e.valid) return 0;
  return e.nextRuns.filter((d) => d <= now).length;
}
export const ZENML_SELECTOR = 'pipeline,project_id';
export const ZENML_ANNOTATION = 'zenml.io/orchestrator';

export interface KubernetesAdapterOptions {
  name: string;
  /** A kubeconfig file; default: $KUBECONFIG or ~/.kube/config (the client's own rules). */
  kubeconfig?: string;
  /** A context of the kubeconfig; default: its current context. */
  context?: string;
  /** Default: the context's namespace, else `default`. */
  namespace?: string;
  /** An optional bearer token (the connection's secret) that replaces the kubeconfig user's credentials. */
  token?: () => Promise<string | null | undefined>;
  timeoutMs?: number;
  pageSize?: number;
  maxBytes?: number;
  now?: () => Date;
}

type Client = typeof K8s;
type CronJob = K8s.V1CronJob;


let clientModule: Promise<Client> | null = null;
/** The client, loaded once, on first use (its ~2 MB stay unloaded until a Kubernetes connection is read). */
export function loadKubernetesClient(): Promise<Client> {
  clientModule ??= import('@kubernetes/client-node');
  return clientModule;
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Thrown inside the HTTP library and turned into a typed error by `run`. */
class CallFailure extends Error {
  constructor(readonly error: AdapterError) {
    super(error.message);
  }
}

const CHANGES: ScheduleChangeSupport = { operations: ['pause', 'resume', 'update', 'delete'], pauseStopsRuns: true };

export class KubernetesAdapter implements ScheduleAdapter {
  readonly type = 'kubernetes';
  readonly name: string;
  readonly capabilities: AdapterCapabilities = {
    operations: ['list', 'get', 'pause', 'resume', 'update', 'delete'],
    kinds: ['cron'],
    dialect: 'kubernetes',
    pauseStopsRuns: true,
  };

  private readonly options: KubernetesAdapterOptions;
  private loaded: { client: Client; kc: K8s.KubeConfig; namespace: string; server: string } | null = null;

  constructor(options: KubernetesAdapterOptions) {
    this.options = options;
    this.name = options.name;
  }

  reset(): void {
    this.loaded = null;
  }

  private get label(): string {
    return this.loaded ? `The Kubernetes API server at ${this.loaded.server}` : `The Kubernetes cluster of ${this.name}`;
  }

  /** The namespace this connection reads (after the kubeconfig is loaded). */
  get namespace(): string | null {
    return this.loaded?.namespace ?? null;
  }

  private async load(): Promise<Result<NonNullable<KubernetesAdapter['loaded']>>> {
    if (this.loaded) return ok(this.loaded);
    let client: Client;
    try {
      client = await loadKubernetesClient();
    } catch (error) {
      return fail(adapterError('unsupported', `The Kubernetes client could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { source: this.name }));
    }
    const kc = new client.KubeConfig();
    const file = this.options.kubeconfig ? expandHome(this.options.kubeconfig) : null;
    try {
      if (file) {
        if (!fs.existsSync(file)) return fail(adapterError('invalid-input', `The kubeconfig ${file} of ${this.name} does not exist.`, { source: this.name }));
        kc.loadFromFile(file);
      } else kc.loadFromDefault();
    } catch (error) {
      return fail(adapterError('invalid-input', `The kubeconfig ${file ?? '(default)'} of ${this.name} could not be read: ${error instanceof Error ? error.message : String(error)}`, { source: this.name }));
    }
    if (this.options.context) {
      if (!kc.getContextObject(this.options.context)) {
        const names = kc.getContexts().map((c) => c.name);
        return fail(adapterError('invalid-input', `The kubeconfig of ${this.name} has no context '${this.options.context}'${names.length ? ` (it has: ${names.join(', ')})` : ''}.`, { source: this.name }));
      }
      kc.setCurrentContext(this.options.context);
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster?.server) {
      return fail(adapterError('invalid-input', `The kubeconfig of ${this.name} has no current context with a cluster; set "context" on the connection or run \`kubectl config use-context\`.`, { source: this.name }));
    }
    const namespace = this.options.namespace || kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
    this.loaded = { client, kc, namespace, server: cluster.server.replace(/\/+$/, '') };
    return ok(this.loaded);
  }

  /** One call to the API server with its own timeout, the caller's signal, and the optional token. */
  private async run<T>(what: string, call: (api: K8s.BatchV1Api, client: Client, ns: string) => Promise<T>, options: CallOptions = {}): Promise<Result<T>> {
    const loaded = await this.load();
    if (!loaded.ok) return loaded;
    const { client, kc, namespace } = loaded.value;
    let token: string | null | undefined;
    try {
      token = await this.options.token?.();
    } catch {
      token = null;
    }
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (options.signal?.aborted) return fail(adapterError('cancelled', `The call to ${this.label} was cancelled.`, { source: this.name }));
    const httpApi = this.httpLibrary(client, { signal: options.signal, timeoutMs, token: token || null, maxBytes: this.options.maxBytes ?? DEFAULT_MAX_BYTES });
    const config = client.createConfiguration({
      baseServer: new client.ServerConfiguration(loaded.value.server, {}),
      authMethods: { default: kc },
      httpApi,
    });
    const api = new client.BatchV1Api(config);
    try {
      return ok(await call(api, client, namespace));
    } catch (error) {
      return fail(this.mapError(error, what, client));
    }
  }

  private mapError(error: unknown, what: string, client: Client): AdapterError {
    if (error instanceof CallFailure) return error.error;
    if (error instanceof client.ApiException) {
      const e = error as K8s.ApiException<unknown>;
      let body: unknown = e.body;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body);
        } catch {
          /* text */
        }
      }
      const status = body && typeof body === 'object' ? (body as { message?: unknown; reason?: unknown }) : {};
      const detail = typeof status.message === 'string' ? status.message : typeof body === 'string' ? body.slice(0, 300) : '';
      const code = e.code === 410 ? 'conflict' : codeForStatus(e.code);
      const words: Record<string, string> = {
        unauthorized: 'refused the credentials',
        forbidden: 'refused the operation (forbidden)',
        'not-found': 'has no such CronJob',
        conflict: e.code === 410 ? 'expired the list (it changed while paging; refresh)' : 'reports a conflict',
        'invalid-input': 'rejected the request',
        'server-error': 'failed with a server error',
        unsupported: 'does not support this operation',
      };
      return adapterError(code, `${this.label} ${words[code] ?? 'failed'} (HTTP ${e.code}) on ${what}${detail ? `: ${detail}` : '.'}`, {
        source: this.name,
        status: e.code,
        detail: detail || undefined,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    // The client fails before sending when the kubeconfig's credentials cannot be used (exec plugin, files).
    return adapterError('invalid-input', `${what} on ${this.name} failed before reaching the cluster: ${message}`, { source: this.name });
  }

  /** The client's HttpLibrary on node:http(s): the kubeconfig's agent (TLS), our timeout, signal and size cap. */
  private httpLibrary(client: Client, call: { signal?: AbortSignal; timeoutMs: number; token: string | null; maxBytes: number }): K8s.HttpLibrary {
    const label = () => this.label;
    const source = this.name;
    return {
      send: (request: K8s.RequestContext) =>
        new client.Observable(
          new Promise<K8s.ResponseContext>((resolve, reject) => {
            const url = new URL(request.getUrl());
            const headers: Record<string, string> = { ...request.getHeaders() };
            if (call.token) headers.Authorization = `Bearer ${call.token}`;
            const body = request.getBody() as string | Buffer | undefined;
            if (body !== undefined && body !== null) headers['Content-Length'] = String(Buffer.byteLength(body as string));
            const lib = url.protocol === 'https:' ? https : http;
            let settled = false;
            const finish = (f: () => void) => {
              if (settled) return;
              settled = true;
              clearTimeout(timer);
              call.signal?.removeEventListener('abort', onAbort);
              f();
            };
            const req = lib.request(url, { method: request.getHttpMethod().toString(), headers, agent: request.getAgent() as http.Agent | undefined }, (res) => {
              const chunks: Buffer[] = [];
              let size = 0;
              res.on('data', (chunk: Buffer) => {
                size += chunk.length;
                if (size > call.maxBytes) {
                  res.destroy();
                  finish(() =>
                    reject(new CallFailure(adapterError('server-error', `${label()} sent an answer larger than ${Math.round(call.maxBytes / 1024 / 1024)} MB; ask for smaller pages.`, { source, status: res.statusCode }))),
                  );
                  return;
                }
                chunks.push(chunk);
              });
              res.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                const status = res.statusCode ?? 0;
                const resHeaders: Record<string, string> = {};
                for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) resHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
                if (status < 400 && text.trim()) {
                  try {
                    JSON.parse(text);
                  } catch {
                    finish(() =>
                      reject(new CallFailure(adapterError('server-error', `${label()} sent a malformed answer (not JSON, ${resHeaders['content-type'] ?? 'no content type'}); is the server right?`, { source, status, detail: text.slice(0, 200) }))),
                    );
                    return;
                  }
                }
                finish(() => resolve(new client.ResponseContext(status, resHeaders, { text: async () => text, binary: async () => Buffer.from(text) })));
              });
              res.on('error', (error) =>
                finish(() => reject(new CallFailure(adapterError('unreachable', `${label()} broke off the answer (${error.message}).`, { source })))),
              );
            });
            const onAbort = () => {
              req.destroy();
              finish(() => reject(new CallFailure(adapterError('cancelled', `The call to ${label()} was cancelled.`, { source }))));
            };
            const timer = setTimeout(() => {
              req.destroy();
              finish(() => reject(new CallFailure(adapterError('timeout', `${label()} did not answer within ${Math.round(call.timeoutMs / 100) / 10} s.`, { source }))));
            }, call.timeoutMs);
            call.signal?.addEventListener('abort', onAbort, { once: true });
            req.on('error', (error: NodeJS.ErrnoException) =>
              finish(() => reject(new CallFailure(adapterError('unreachable', `${label()} cannot be reached (${networkWords(error)}).`, { source })))),
            );
            if (body !== undefined && body !== null) req.write(body);
            req.end();
          }),
        ),
    } as K8s.HttpLibrary;
  }

  // ---- reads ------------------------------------------------------------------------------

  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    const limit = Math.max(1, Math.min(1000, options.pageSize ?? this.options.pageSize ?? DEFAULT_K8S_PAGE_SIZE));
    const res = await this.run(
      'listing CronJobs',
      (api, _c, namespace) =>
        api.listNamespacedCronJob({ namespace, limit, _continue: options.page, labelSelector: options.includeAll ? undefined : ZENML_SELECTOR }),
      options,
    );
    if (!res.ok) return res;
    const items = (res.value.items ?? []).map((c) => this.toLive(c));
    const next = res.value.metadata?._continue || undefined;
    const remaining = res.value.metadata?.remainingItemCount;
    return ok({ items, next, total: typeof remaining === 'number' ? items.length + remaining : undefined });
  }

  private async read(name: string, options: CallOptions): Promise<Result<CronJob>> {
    const res = await this.run(`reading CronJob ${name}`, (api, _c, namespace) => api.readNamespacedCronJob({ name, namespace }), options);
    if (!res.ok && res.error.code === 'not-found') return fail({ ...res.error, message: `${this.name} has no CronJob '${name}' in namespace ${this.loaded?.namespace ?? '?'}.` });
    return res;
  }

  async get(id: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    const res = await this.read(id, options);
    return res.ok ? ok(this.toLive(res.value)) : res;
  }

  /** A CronJob as a LiveSchedule, with its details and the missed-start-times warning. */
  toLive(c: CronJob): LiveSchedule {
    const meta = c.metadata ?? {};
    const spec = c.spec ?? ({} as K8s.V1CronJobSpec);
    const status = c.status ?? {};
    const labels = meta.labels ?? {};
    const annotations = meta.annotations ?? {};
    const madeByZenml = typeof labels.pipeline === 'string' && typeof labels.project_id === 'string';
    const pipeline = madeByZenml ? labels.pipeline : null;
    const namespace = meta.namespace ?? this.loaded?.namespace ?? 'default';
    const lastSchedule = toDate(status.lastScheduleTime);
    const details: Record<string, string> = {
      namespace,
      'time zone': spec.timeZone ?? "the controller manager's (usually UTC)",
      'concurrency policy': spec.concurrencyPolicy ?? 'Allow',
      startingDeadlineSeconds: spec.startingDeadlineSeconds === undefined || spec.startingDeadlineSeconds === null ? 'not set' : String(spec.startingDeadlineSeconds),
      'last schedule time': lastSchedule ? lastSchedule.toISOString() : 'never',
      'active jobs': status.active?.length ? `${status.active.length} (${status.active.map((a) => a.name).join(', ')})` : '0',
    };
    const lastSuccess = toDate(status.lastSuccessfulTime);
    if (lastSuccess) details['last successful time'] = lastSuccess.toISOString();
    if (annotations[ZENML_ANNOTATION]) details['ZenML orchestrator'] = annotations[ZENML_ANNOTATION];
    if (labels.project_id) details['ZenML project'] = labels.project_id;
    const suspended = spec.suspend === true;
    const warnings: string[] = [];
    if (spec.startingDeadlineSeconds === undefined || spec.startingDeadlineSeconds === null) {
      const missed = this.missedStarts(spec.schedule, spec.timeZone ?? null, lastSchedule ?? toDate(meta.creationTimestamp));
      warnings.push(
        `No startingDeadlineSeconds: after a pause or an outage spanning more than ${MISSED_START_LIMIT} start times, Kubernetes stops starting this CronJob ("too many missed start times"); set spec.startingDeadlineSeconds.` +
          (suspended && missed > MISSED_START_LIMIT ? ` More than ${MISSED_START_LIMIT} start times have been missed already: resuming it will not start runs until startingDeadlineSeconds is set.` : ''),
      );
    }
    return {
      id: meta.name ?? '',
      name: meta.name ?? '',
      pipeline,
      orchestrator: 'kubernetes',
      kind: 'cron',
      expression: spec.schedule ?? null,
      intervalSeconds: null,
      startTime: null,
      endTime: null,
      runOnceTime: null,
      catchup: null,
      timeZone: spec.timeZone ?? null,
      state: suspended ? 'paused' : 'active',
      created: toDate(meta.creationTimestamp),
      zenmlId: null,
      match: { madeByZenml, nativeName: meta.name, pipeline },
      details,
      warnings,
      changes: { ...CHANGES, via: `the Kubernetes API (CronJob ${namespace}/${meta.name ?? ''})` },
    };
  }

  /** How many start times fell between `since` and now (counted up to one over the limit). */
  private missedStarts(schedule: string | undefined, timeZone: string | null, since: Date | null): number {
    return missedStartTimes(schedule, timeZone, since, this.options.now?.() ?? new Date());
  }

  // ---- changes ----------------------------------------------------------------------------

  private async patch(name: string, body: Record<string, unknown>, what: string, options: CallOptions): Promise<Result<CronJob>> {
    return this.run(
      what,
      (api, client, namespace) =>
        // A JSON merge patch (RFC 7386): without this header the client sends the body as a JSON Patch.
        api.patchNamespacedCronJob({ name, namespace, body }, client.setHeaderOptions('Content-Type', client.PatchStrategy.MergePatch)),
      options,
    );
  }

  private where(name: string): string {
    return `CronJob ${this.loaded?.namespace ?? '?'}/${name}`;
  }

  private async setSuspend(id: string, suspend: boolean, options: CallOptions): Promise<Result<ChangeReport>> {
    const before = await this.read(id, options);
    if (!before.ok) return before;
    const verb = suspend ? 'suspended' : 'resumed';
    if ((before.value.spec?.suspend === true) === suspend) {
      const live = this.toLive(before.value);
      return ok({ changed: [], unchanged: [{ where: this.where(id), why: `already ${suspend ? 'suspended' : 'running (not suspended)'}` }], after: live });
    }
    const patched = await this.patch(id, { spec: { suspend } }, `${suspend ? 'suspending' : 'resuming'} CronJob ${id}`, options);
    if (!patched.ok) return patched;
    const after = await this.read(id, options);
    if (!after.ok) return after;
    const live = this.toLive(after.value);
    if ((after.value.spec?.suspend === true) !== suspend) return ok({ changed: [], unchanged: [{ where: this.where(id), why: `not ${verb} when read back` }], after: live });
    return ok({ changed: [{ where: this.where(id), what: verb }], unchanged: [], after: live });
  }

  pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.setSuspend(id, true, options);
  }

  resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    return this.setSuspend(id, false, options);
  }

  async update(id: string, change: { expression: string }, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const expression = change.expression.trim();
    const check = explainCron(expression, { dialect: 'kubernetes', count: 1 });
    if (!check.valid) {
      return fail(adapterError('invalid-input', `'${expression}' is not a cron expression Kubernetes accepts: ${check.error?.message ?? 'invalid'}.`, { source: this.name }));
    }
    if (/^\s*(CRON_)?TZ=/i.test(expression)) {
      return fail(adapterError('invalid-input', `Kubernetes refuses a TZ= prefix in spec.schedule; set the CronJob's spec.timeZone instead.`, { source: this.name }));
    }
    const before = await this.read(id, options);
    if (!before.ok) return before;
    if (before.value.spec?.schedule === expression) {
      return ok({ changed: [], unchanged: [{ where: this.where(id), why: `the schedule is already '${expression}'` }], after: this.toLive(before.value) });
    }
    const patched = await this.patch(id, { spec: { schedule: expression } }, `updating CronJob ${id}`, options);
    if (!patched.ok) return patched;
    const after = await this.read(id, options);
    if (!after.ok) return after;
    const live = this.toLive(after.value);
    if (after.value.spec?.schedule !== expression) return ok({ changed: [], unchanged: [{ where: this.where(id), why: 'the schedule was not changed when read back' }], after: live });
    return ok({ changed: [{ where: this.where(id), what: `schedule set to '${expression}'` }], unchanged: [], after: live });
  }

  async delete(id: string, options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    const before = await this.read(id, options);
    if (!before.ok) return before;
    const res = await this.run(
      `deleting CronJob ${id}`,
      (api, _c, namespace) => api.deleteNamespacedCronJob({ name: id, namespace, propagationPolicy: 'Background' }),
      options,
    );
    if (!res.ok) return res;
    const after = await this.read(id, options);
    if (after.ok) {
      const pending = after.value.metadata?.deletionTimestamp ? 'marked for deletion (finalizers pending) when read back' : 'still there when read back';
      return ok({ changed: [], unchanged: [{ where: this.where(id), why: pending }], after: this.toLive(after.value) });
    }
    if (after.error.code !== 'not-found') return after;
    return ok({ changed: [{ where: this.where(id), what: 'deleted (with its jobs)' }], unchanged: [] });
  }
}

function toDate(v: unknown): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function networkWords(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
      return 'connection closed by the server';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default:
      return error.code && /CERT|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.code) ? `TLS certificate not trusted (${error.code})` : error.message;
  }
}

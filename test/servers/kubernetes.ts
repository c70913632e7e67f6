// A stateful loopback Kubernetes API server for batch/v1 CronJobs, for tests. It enforces the
// documented API so that a wrong request fails the test that makes it:
//   - paths: /apis/batch/v1/namespaces/{ns}/cronjobs[/{name}[/status]] and /apis/batch/v1/cronjobs,
//     plus the discovery documents (/version, /api, /apis, /apis/batch/v1) kubectl asks for;
//   - verbs: GET (list with labelSelector, fieldSelector, limit/continue paging; get), POST, PUT
//     (resourceVersion required and checked), PATCH, DELETE (one, or a collection with selectors);
//   - PATCH content types: application/merge-patch+json (RFC 7386) and
//     application/strategic-merge-patch+json (merge keys for containers, env, volumes, …) are applied;
//     application/json-patch+json must carry an RFC 6902 array (an object body → 400 like the real
//     server, a failing operation → 422); application/apply-patch+yaml needs fieldManager; anything
//     else → 415 UnsupportedMediaType;
//   - bearer-token auth (401 without or with a wrong token; 403 for a read-only token on writes);
//   - errors as Kubernetes `Status` bodies with the right reason and code (400, 401, 403, 404, 405,
//     409 AlreadyExists / Conflict, 410 Expired, 415, 422 Invalid with causes);
//   - validation on create and after every change: name (DNS-1123 subdomain, ≤ 52 characters for a
//     CronJob), spec.schedule (robfig cron as Kubernetes reads it, no TZ= prefix), spec.timeZone,
//     concurrencyPolicy, a job template with containers and restartPolicy OnFailure or Never.
// Not implemented (answered 405, never faked): watch. State lives as long as the server.

import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { explainCron, isValidTimeZone } from '../../src/cron';

export interface KubeUser {
  name: string;
  /** Only get and list. */
  readOnly?: boolean;
}

export interface KubernetesServerOptions {
  /** Bearer token → user. Default: {'test-token': admin}. */
  tokens?: Record<string, KubeUser>;
  /** Namespaces that exist (creating in another → 404). Default: default, zenml. */
  namespaces?: string[];
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  user: string | null;
  status: number;
  /** When the request arrived (ms since the epoch). */
  time: number;
  body?: unknown;
}

type Json = Record<string, unknown>;

export interface KubernetesServer {
  url: string;
  port: number;
  /** Stored CronJobs, keyed `namespace/name` (the live objects: tests may read them). */
  cronJobs: Map<string, Json>;
  requests: RecordedRequest[];
  /** Put a CronJob in place directly (test setup), filling defaults and metadata like a create. */
  seed(namespace: string, cronJob: Json): Json;
  get(namespace: string, name: string): Json | undefined;
  /**
   * Called with each request before it is handled (tests observe other systems at that moment, e.g.
   * that ZenML's record is still unchanged while the CronJob PATCH is in flight).
   */
  onRequest?: (request: RecordedRequest) => Promise<void>;
  /** Make every continue token issued so far expire (410 on its next use). */
  expireContinueTokens(): void;
  close(): Promise<void>;
}

const GROUP = 'batch';
const RESOURCE = 'cronjobs';
const NAME_MAX = 52;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const BODY_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
/** Lists that a strategic merge patch merges element by element (patchMergeKey in the Kubernetes API). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
};

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Json,
  ) {
    super(message);
  }
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function status(e: ApiError): Json {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: e.message,
    reason: e.reason,
    ...(e.details ? { details: e.details } : {}),
    code: e.code,
  };
}

const notFound = (name: string) =>
  new ApiError(404, 'NotFound', `${RESOURCE}.${GROUP} "${name}" not found`, { name, group: GROUP, kind: RESOURCE });
const noSuchPath = () => new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);
const methodNotAllowed = () => new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});

interface Cause {
  field: string;
  message: string;
  reason: string;
}

function invalid(name: string, causes: Cause[]): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new ApiError(422, 'Invalid', `CronJob.${GROUP} "${name}" is invalid: ${causes.length > 1 ? `[${text}]` : text}`, {
    name,
    group: GROUP,
    kind: 'CronJob',
    causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
  });
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return clone(patch);
  const out: Json = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Strategic merge patch: a merge patch whose known lists merge by key, with $patch directives. */
export function strategicMergePatch(target: unknown, patch: unknown, field = ''): unknown {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!key || !Array.isArray(target)) return clone(patch.filter((p) => !(isObj(p) && p.$patch === 'delete')));
    const out = clone(target) as unknown[];
    for (const item of patch) {
      if (!isObj(item)) continue;
      const at = out.findIndex((o) => isObj(o) && o[key] === item[key]);
      if (item.$patch === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = strategicMergePatch(out[at], item);
      else out.push(strategicMergePatch(undefined, item));
    }
    return out;
  }
  if (!isObj(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return clone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Json = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete out[k];
    else {
      const merged = strategicMergePatch(out[k], v, k);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  return out;
}

/** RFC 6902 JSON patch (add, remove, replace, move, copy, test). Throws an ApiError 422 when an operation fails. */
export function jsonPatch(target: unknown, ops: unknown[]): unknown {
  let doc = clone(target);
  const parsePointer = (p: unknown): string[] => {
    if (typeof p !== 'string' || (p !== '' && !p.startsWith('/'))) throw new ApiError(422, '', `invalid JSON pointer ${JSON.stringify(p)}`);
    return p === '' ? [] : p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  };
  const fail = (message: string) => new ApiError(422, 'Invalid', message);
  const parentOf = (tokens: string[]): { parent: unknown; last: string } => {
    let cur: unknown = doc;
    for (const t of tokens.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[Number(t)];
      else if (isObj(cur)) cur = cur[t];
      else cur = undefined;
      if (cur === undefined) throw fail(`doc is missing path: "/${tokens.join('/')}": missing value`);
    }
    return { parent: cur, last: tokens[tokens.length - 1] };
  };
  const read = (tokens: string[]): unknown => {
    let cur: unknown = doc;
    for (const t of tokens) {
      cur = Array.isArray(cur) ? cur[Number(t)] : isObj(cur) ? cur[t] : undefined;
      if (cur === undefined) throw fail(`doc is missing path: "/${tokens.join('/')}": missing value`);
    }
    return cur;
  };
  const remove = (tokens: string[]): unknown => {
    const { parent, last } = parentOf(tokens);
    if (Array.isArray(parent)) {
      const i = Number(last);
      if (!(i >= 0 && i < parent.length)) throw fail(`Unable to remove nonexistent key: ${last}: missing value`);
      return parent.splice(i, 1)[0];
    }
    if (!isObj(parent) || !(last in parent)) throw fail(`Unable to remove nonexistent key: ${last}: missing value`);
    const old = parent[last];
    delete parent[last];
    return old;
  };
  const add = (tokens: string[], value: unknown) => {
    if (tokens.length === 0) {
      doc = value;
      return;
    }
    const { parent, last } = parentOf(tokens);
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (!(i >= 0 && i <= parent.length)) throw fail(`Unable to access invalid index: ${last}: invalid index referenced`);
      parent.splice(i, 0, value);
    } else if (isObj(parent)) parent[last] = value;
    else throw fail(`doc is missing path: "/${tokens.join('/')}": missing value`);
  };
  for (const raw of ops) {
    if (!isObj(raw)) throw badRequest('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const path = parsePointer(raw.path);
    switch (raw.op) {
      case 'add':
        add(path, clone(raw.value));
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace':
        read(path);
        remove(path);
        add(path, clone(raw.value));
        break;
      case 'move':
        add(path, remove(parsePointer(raw.from)));
        break;
      case 'copy':
        add(path, clone(read(parsePointer(raw.from))));
        break;
      case 'test':
        if (JSON.stringify(read(path)) !== JSON.stringify(raw.value)) throw fail(`testing value /${path.join('/')} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return doc;
}

interface Requirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!exists' | '=' | '!=';
  values: string[];
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label selector as Kubernetes reads it (equality- and set-based). Throws 400 when malformed. */
export function parseLabelSelector(text: string): Requirement[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const reqs: Requirement[] = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) {
      if (text.trim() === '') continue;
      throw badRequest(`unable to parse requirement: found '', expected: identifier`);
    }
    let m: RegExpMatchArray | null;
    let req: Requirement;
    if ((m = p.match(/^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/))) {
      req = { key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()) };
    } else if ((m = p.match(/^!\s*(\S+)$/))) req = { key: m[1], op: '!exists', values: [] };
    else if ((m = p.match(/^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/))) req = { key: m[1], op: m[2] === '!=' ? '!=' : '=', values: [m[3]] };
    else if ((m = p.match(/^([^=!\s()]+)$/))) req = { key: m[1], op: 'exists', values: [] };
    else throw badRequest(`unable to parse requirement: found '${p}', expected: in, notin, =, ==, !=, gt, lt`);
    if (!LABEL_KEY.test(req.key) || req.key.length > 317) throw badRequest(`unable to parse requirement: invalid label key "${req.key}"`);
    for (const v of req.values) {
      if (!LABEL_VALUE.test(v) || v.length > 63) throw badRequest(`unable to parse requirement: invalid label value: "${v}"`);
    }
    reqs.push(req);
  }
  return reqs;
}

function matchesLabels(labels: Record<string, string>, reqs: Requirement[]): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case '=':
        return has && v === r.values[0];
      case '!=':
        return !has || v !== r.values[0];
      case 'in':
        return has && r.values.includes(v);
      case 'notin':
        return !has || !r.values.includes(v);
    }
    return false;
  });
}

function parseFieldSelector(text: string): (o: Json) => boolean {
  const tests: ((o: Json) => boolean)[] = [];
  for (const raw of text.split(',')) {
    const p = raw.trim();
    if (!p) continue;
    const m = p.match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${p}'; can't understand '${p}'`);
    const field = m[1].trim();
    if (field !== 'metadata.name' && field !== 'metadata.namespace') {
      throw badRequest(`"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
    }
    const key = field.split('.')[1];
    const want = m[3].trim();
    const neg = m[2] === '!=';
    tests.push((o) => ((meta(o)[key] as string) === want) !== neg);
  }
  return (o) => tests.every((t) => t(o));
}

const meta = (o: Json): Json => (isObj(o.metadata) ? o.metadata : {});

function at(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
  return cur;
}

/** Defaults the API server fills in on create (batch/v1 CronJob). */
function withDefaults(o: Json): Json {
  const out = clone(o);
  out.apiVersion = 'batch/v1';
  out.kind = 'CronJob';
  const spec = isObj(out.spec) ? out.spec : (out.spec = {});
  spec.suspend ??= false;
  spec.concurrencyPolicy ??= 'Allow';
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  out.status ??= {};
  return out;
}

function validate(o: Json): Cause[] {
  const causes: Cause[] = [];
  const m = meta(o);
  const name = typeof m.name === 'string' ? m.name : '';
  if (!name) causes.push({ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' });
  else {
    if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
      causes.push({
        field: 'metadata.name',
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      });
    }
    if (name.length > NAME_MAX) {
      causes.push({ field: 'metadata.name', reason: 'FieldValueInvalid', message: `Invalid value: "${name}": must be no more than ${NAME_MAX} characters` });
    }
  }
  const spec = isObj(o.spec) ? o.spec : {};
  const schedule = spec.schedule;
  if (typeof schedule !== 'string' || !schedule.trim()) causes.push({ field: 'spec.schedule', reason: 'FieldValueRequired', message: 'Required value' });
  else if (/^\s*(CRON_)?TZ=/.test(schedule)) {
    causes.push({ field: 'spec.schedule', reason: 'FieldValueInvalid', message: `Invalid value: "${schedule}": cannot use TZ or CRON_TZ in schedule, use timeZone field instead` });
  } else {
    const explained = explainCron(schedule, { dialect: 'kubernetes', timeZone: 'UTC', count: 1 });
    if (!explained.valid) {
      causes.push({ field: 'spec.schedule', reason: 'FieldValueInvalid', message: `Invalid value: "${schedule}": ${explained.error?.message ?? 'invalid schedule'}` });
    }
  }
  if (spec.timeZone !== undefined && spec.timeZone !== null) {
    if (typeof spec.timeZone !== 'string' || !isValidTimeZone(spec.timeZone)) {
      causes.push({ field: 'spec.timeZone', reason: 'FieldValueInvalid', message: `Invalid value: "${String(spec.timeZone)}": unknown time zone ${String(spec.timeZone)}` });
    }
  }
  if (!['Allow', 'Forbid', 'Replace'].includes(String(spec.concurrencyPolicy))) {
    causes.push({
      field: 'spec.concurrencyPolicy',
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: "${String(spec.concurrencyPolicy)}": supported values: "Allow", "Forbid", "Replace"`,
    });
  }
  if (typeof spec.suspend !== 'boolean') {
    causes.push({ field: 'spec.suspend', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(spec.suspend)}: must be a boolean` });
  }
  const podSpec = at(spec, 'jobTemplate', 'spec', 'template', 'spec');
  const containers = at(podSpec, 'containers');
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({ field: 'spec.jobTemplate.spec.template.spec.containers', reason: 'FieldValueRequired', message: 'Required value' });
  }
  const restart = at(podSpec, 'restartPolicy') ?? 'Always';
  if (restart !== 'OnFailure' && restart !== 'Never') {
    causes.push({
      field: 'spec.jobTemplate.spec.template.spec.restartPolicy',
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: "${String(restart)}": supported values: "OnFailure", "Never"`,
    });
  }
  return causes;
}

function readBody(req: http.IncomingMessage, limit = 3 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) reject(new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`error decoding body: ${(e as Error).message}`);
  }
}

export async function startKubernetesServer(options: KubernetesServerOptions = {}): Promise<KubernetesServer> {
  const tokens = options.tokens ?? { 'test-token': { name: 'admin' } };
  const namespaces = new Set(options.namespaces ?? ['default', 'zenml']);
  const cronJobs = new Map<string, Json>();
  const requests: RecordedRequest[] = [];
  let resourceVersion = 1000;
  let tokenEpoch = 0;
  const nextVersion = () => String(++resourceVersion);

  const store = (namespace: string, o: Json): Json => {
    const m = meta(o);
    m.namespace = namespace;
    m.uid ??= randomUUID();
    m.creationTimestamp ??= new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    m.generation ??= 1;
    m.resourceVersion = nextVersion();
    o.metadata = m;
    cronJobs.set(`${namespace}/${String(m.name)}`, o);
    return o;
  };

  const create = (namespace: string, body: unknown, dryRun: boolean): Json => {
    if (!isObj(body)) throw badRequest('error decoding body: the object must be a CronJob');
    if (body.apiVersion !== undefined && body.apiVersion !== 'batch/v1') {
      throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (batch/v1)`);
    }
    if (body.kind !== undefined && body.kind !== 'CronJob') {
      throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (CronJob)`);
    }
    const m = meta(body);
    if (m.namespace !== undefined && m.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    if (!namespaces.has(namespace)) throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
    const o = withDefaults(body);
    delete meta(o).resourceVersion;
    delete meta(o).uid;
    const causes = validate(o);
    if (causes.length) throw invalid(String(meta(o).name ?? ''), causes);
    const name = String(meta(o).name);
    if (cronJobs.has(`${namespace}/${name}`)) {
      throw new ApiError(409, 'AlreadyExists', `${RESOURCE}.${GROUP} "${name}" already exists`, { name, group: GROUP, kind: RESOURCE });
    }
    return dryRun ? o : store(namespace, o);
  };

  /** Replace a stored object with `next` (already merged), checking identity, versions and validity. */
  const update = (namespace: string, name: string, current: Json, next: unknown, requireVersion: boolean, dryRun: boolean): Json => {
    if (!isObj(next)) throw badRequest('the object must be a CronJob');
    const nm = meta(next);
    if (nm.name !== undefined && nm.name !== name) throw badRequest(`the name of the object (${String(nm.name)}) does not match the name on the URL (${name})`);
    if (nm.namespace !== undefined && nm.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const currentVersion = String(meta(current).resourceVersion);
    if (requireVersion && (nm.resourceVersion === undefined || nm.resourceVersion === '')) {
      throw invalid(name, [{ field: 'metadata.resourceVersion', reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update' }]);
    }
    if (nm.resourceVersion !== undefined && String(nm.resourceVersion) !== currentVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${RESOURCE}.${GROUP} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        { name, group: GROUP, kind: RESOURCE },
      );
    }
    const o = withDefaults({ ...next, status: current.status });
    const m = meta(o);
    m.name = name;
    m.namespace = namespace;
    m.uid = meta(current).uid;
    m.creationTimestamp = meta(current).creationTimestamp;
    const specChanged = JSON.stringify(o.spec) !== JSON.stringify(current.spec);
    m.generation = Number(meta(current).generation ?? 1) + (specChanged ? 1 : 0);
    const causes = validate(o);
    if (causes.length) throw invalid(name, causes);
    if (dryRun) return o;
    if (JSON.stringify(o) === JSON.stringify({ ...current, metadata: { ...meta(current), resourceVersion: m.resourceVersion } })) return current;
    return store(namespace, o);
  };

  const list = (namespace: string | null, query: URLSearchParams): Json => {
    const labelReqs = parseLabelSelector(query.get('labelSelector') ?? '');
    const fieldTest = parseFieldSelector(query.get('fieldSelector') ?? '');
    const limitText = query.get('limit');
    const limit = limitText === null || limitText === '' ? 0 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit: Invalid value: "${limitText}"`);
    let start = '';
    let listVersion = String(resourceVersion);
    const token = query.get('continue');
    if (token) {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
      } catch {
        decoded = null;
      }
      if (!isObj(decoded) || typeof decoded.start !== 'string' || typeof decoded.rv !== 'string' || typeof decoded.epoch !== 'number') {
        throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
      }
      if (decoded.epoch !== tokenEpoch) {
        throw new ApiError(
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      start = decoded.start;
      listVersion = decoded.rv;
    }
    const all = [...cronJobs.entries()]
      .filter(([key]) => namespace === null || key.startsWith(`${namespace}/`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .filter(([key, o]) => key > start && matchesLabels((meta(o).labels as Record<string, string>) ?? {}, labelReqs) && fieldTest(o));
    const page = limit > 0 ? all.slice(0, limit) : all;
    const rest = all.length - page.length;
    const listMeta: Json = { resourceVersion: listVersion };
    if (rest > 0) {
      const lastKey = page[page.length - 1][0];
      listMeta.continue = Buffer.from(JSON.stringify({ rv: listVersion, start: lastKey, epoch: tokenEpoch })).toString('base64');
      listMeta.remainingItemCount = rest;
    }
    return { kind: 'CronJobList', apiVersion: 'batch/v1', metadata: listMeta, items: page.map(([, o]) => clone(o)) };
  };

  const discovery = (path: string): Json | null => {
    if (path === '/version') {
      return { major: '1', minor: '32', gitVersion: 'v1.32.0-loopback', platform: 'linux/amd64', goVersion: 'go1.23', compiler: 'gc' };
    }
    if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
    if (path === '/apis') {
      return {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [{ name: GROUP, versions: [{ groupVersion: 'batch/v1', version: 'v1' }], preferredVersion: { groupVersion: 'batch/v1', version: 'v1' } }],
      };
    }
    if (path === '/apis/batch') {
      return { kind: 'APIGroup', apiVersion: 'v1', name: GROUP, versions: [{ groupVersion: 'batch/v1', version: 'v1' }], preferredVersion: { groupVersion: 'batch/v1', version: 'v1' } };
    }
    if (path === '/apis/batch/v1') {
      return {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: 'batch/v1',
        resources: [
          {
            name: RESOURCE,
            singularName: 'cronjob',
            namespaced: true,
            kind: 'CronJob',
            verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update'],
            shortNames: ['cj'],
            categories: ['all'],
          },
          { name: `${RESOURCE}/status`, singularName: '', namespaced: true, kind: 'CronJob', verbs: ['get', 'patch', 'update'] },
        ],
      };
    }
    if (path === '/api/v1') return { kind: 'APIResourceList', groupVersion: 'v1', resources: [] };
    return null;
  };

  const handle = async (req: http.IncomingMessage, url: URL, record: RecordedRequest): Promise<{ code: number; body: unknown }> => {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    const user = tokens[token];
    if (!user) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    record.user = user.name;
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const disc = discovery(path);
    if (disc) {
      if (method !== 'GET') throw methodNotAllowed();
      return { code: 200, body: disc };
    }
    const m = path.match(/^\/apis\/batch\/v1(?:\/namespaces\/([^/]+))?\/cronjobs(?:\/([^/]+)(?:\/(status))?)?$/);
    if (!m) throw noSuchPath();
    const namespace = m[1] ? decodeURIComponent(m[1]) : null;
    const name = m[2] ? decodeURIComponent(m[2]) : null;
    const sub = m[3] ?? null;
    if (namespace === null && name !== null) throw noSuchPath();
    const query = url.searchParams;
    if (query.get('watch') === 'true' || query.get('watch') === '1') throw methodNotAllowed();
    const dryRun = query.getAll('dryRun').includes('All');
    const dryRunBad = query.getAll('dryRun').find((v) => v !== 'All');
    if (dryRunBad !== undefined) throw badRequest(`Invalid dryRun value: ${dryRunBad}; supported values: "All"`);
    const verb =
      method === 'GET' ? (name ? 'get' : 'list')
      : method === 'POST' ? 'create'
      : method === 'PUT' ? 'update'
      : method === 'PATCH' ? 'patch'
      : method === 'DELETE' ? (name ? 'delete' : 'deletecollection')
      : null;
    if (!verb) throw methodNotAllowed();
    if (user.readOnly && verb !== 'get' && verb !== 'list') {
      const scope = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
      throw new ApiError(
        403,
        'Forbidden',
        `${RESOURCE}.${GROUP}${name ? ` "${name}"` : ''} is forbidden: User "${user.name}" cannot ${verb} resource "${RESOURCE}${sub ? `/${sub}` : ''}" in API group "${GROUP}"${scope}`,
        { ...(name ? { name } : {}), group: GROUP, kind: RESOURCE },
      );
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const text = await readBody(req);

    if (!name) {
      if (namespace === null && verb !== 'list') throw methodNotAllowed();
      if (verb === 'list') return { code: 200, body: list(namespace, query) };
      if (verb === 'create') {
        if (!BODY_TYPES.includes(contentType)) {
          throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${BODY_TYPES.join(', ')}`);
        }
        const body = contentType === 'application/yaml' ? parseYaml(text) : parseJsonBody(text);
        record.body = body;
        return { code: 201, body: create(namespace!, body, dryRun) };
      }
      if (verb === 'deletecollection') {
        const found = list(namespace, query);
        if (!dryRun) for (const o of found.items as Json[]) cronJobs.delete(`${namespace}/${String(meta(o).name)}`);
        return { code: 200, body: found };
      }
      throw methodNotAllowed();
    }

    const key = `${namespace}/${name}`;
    const current = cronJobs.get(key);
    if (verb === 'get') {
      if (!current) throw notFound(name);
      return { code: 200, body: clone(current) };
    }
    if (verb === 'delete') {
      if (!current) throw notFound(name);
      if (text.trim()) {
        const opts = parseJsonBody(text);
        const pre = at(opts, 'preconditions', 'resourceVersion');
        if (pre !== undefined && String(pre) !== String(meta(current).resourceVersion)) {
          throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${RESOURCE}.${GROUP} "${name}": Precondition failed: ResourceVersion in precondition: ${String(pre)}, ResourceVersion in object meta: ${String(meta(current).resourceVersion)}`, { name, group: GROUP, kind: RESOURCE });
        }
      }
      if (!dryRun) cronJobs.delete(key);
      return { code: 200, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: GROUP, kind: RESOURCE, uid: meta(current).uid } } };
    }
    if (verb === 'update') {
      if (!BODY_TYPES.includes(contentType)) {
        throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${BODY_TYPES.join(', ')}`);
      }
      if (!current) throw notFound(name);
      const body = contentType === 'application/yaml' ? parseYaml(text) : parseJsonBody(text);
      record.body = body;
      if (isObj(body) && body.apiVersion !== undefined && body.apiVersion !== 'batch/v1') {
        throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (batch/v1)`);
      }
      const next = sub === 'status' ? { ...clone(current), status: isObj(body) ? body.status : {}, metadata: isObj(body) ? body.metadata : {} } : body;
      return { code: 200, body: update(namespace!, name, current, next, true, dryRun) };
    }
    // PATCH
    if (!PATCH_TYPES.includes(contentType)) {
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`);
    }
    let patch: unknown;
    if (contentType === 'application/apply-patch+yaml') {
      if (!query.get('fieldManager')) {
        throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
        });
      }
      try {
        patch = parseYaml(text);
      } catch (e) {
        throw badRequest(`error decoding YAML: ${(e as Error).message}`);
      }
    } else patch = parseJsonBody(text);
    record.body = patch;
    if (!current) {
      if (contentType === 'application/apply-patch+yaml' && sub === null) return { code: 201, body: create(namespace!, patch, dryRun) };
      throw notFound(name);
    }
    let next: unknown;
    if (contentType === 'application/json-patch+json') {
      if (!Array.isArray(patch)) {
        throw badRequest(`error decoding patch: json: cannot unmarshal ${isObj(patch) ? 'object' : typeof patch} into Go value of type []handlers.jsonPatchOp`);
      }
      next = jsonPatch(current, patch);
    } else {
      if (!isObj(patch)) throw badRequest(`error decoding patch: json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
      next = contentType === 'application/strategic-merge-patch+json' ? strategicMergePatch(current, patch) : mergePatch(current, patch);
    }
    if (sub === 'status' && isObj(next)) next = { ...clone(current), status: next.status, metadata: next.metadata };
    return { code: 200, body: update(namespace!, name, current, next, false, dryRun) };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'] ?? null,
      user: null,
      status: 0,
      time: Date.now(),
    };
    requests.push(record);
    const hook = api.onRequest;
    const send = (code: number, body: unknown) => {
      record.status = code;
      const text = JSON.stringify(body);
      res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Audit-Id': randomUUID() });
      res.end(text);
    };
    (hook ? hook(record).catch(() => undefined) : Promise.resolve()).then(() => handle(req, url, record)).then(
      ({ code, body }) => send(code, body),
      (e: unknown) => {
        if (e instanceof ApiError) {
          // A jsonPatch failure carries no reason yet: the real server answers it as a generic 422.
          send(e.code, status(e.reason ? e : new ApiError(422, 'Invalid', e.message)));
        } else send(500, status(new ApiError(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`)));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const api: KubernetesServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    cronJobs,
    requests,
    seed(namespace, cronJob) {
      namespaces.add(namespace);
      const o = withDefaults(cronJob);
      const causes = validate(o);
      if (causes.length) throw new Error(`seed: invalid CronJob: ${causes.map((c) => `${c.field}: ${c.message}`).join('; ')}`);
      return store(namespace, o);
    },
    get(namespace, name) {
      return cronJobs.get(`${namespace}/${name}`);
    },
    expireContinueTokens() {
      tokenEpoch++;
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
  return api;
}

/** A kubeconfig (YAML is a superset of JSON) with one context that points at `server` with a bearer token. */
export function kubeconfigFor(server: string, token: string, context = 'loopback', namespace = 'default'): string {
  return JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: context, cluster: { server } }],
      users: [{ name: `${context}-user`, user: { token } }],
      contexts: [{ name: context, context: { cluster: context, user: `${context}-user`, namespace } }],
      'current-context': context,
      preferences: {},
    },
    null,
    2,
  );
}

/** A CronJob as ZenML's Kubernetes orchestrator creates it (facts §6): name, labels, annotation. */
export function zenmlCronJob(name: string, schedule: string, extra: { pipeline?: string; orchestratorId?: string; suspend?: boolean; timeZone?: string } = {}): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name,
      labels: { pipeline: extra.pipeline ?? 'training', project_id: '00000000-0000-0000-0000-000000000001' },
      annotations: extra.orchestratorId ? { 'zenml.io/orchestrator': extra.orchestratorId } : {},
    },
    spec: {
      schedule,
      ...(extra.timeZone ? { timeZone: extra.timeZone } : {}),
      suspend: extra.suspend ?? false,
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          template: {
            metadata: { labels: { pipeline: extra.pipeline ?? 'training' } },
            spec: {
              restartPolicy: 'Never',
              containers: [{ name: 'main', image: 'zenml-pipeline:latest', command: ['python', '-m', 'zenml.entrypoints.entrypoint'] }],
            },
          },
        },
      },
    },
  };
}

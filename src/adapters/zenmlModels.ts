// Reading what a ZenML server really returns (facts §9): schedules with `interval_second`
// as an ISO-8601 duration, naive UTC times, `metadata` only when hydrated; runs with their
// schedule under `resources`; pages `{index, max_size, total_pages, total, items}`.
// Pure functions: malformed items are skipped or read as null, never thrown.

import { asBoolean, asNumber, asRecord, asString, isRecord } from './http';
import type { LiveRun, LiveScheduleKind, ScheduleState } from './types';

/** ISO-8601 duration ("PT1H", "PT1M30S", "P1DT2H", "-PT5S"; also a plain number of seconds) → seconds, or null. */
export function parseIsoDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!m || text === 'P' || /T$/i.test(text)) return null;
  const [, sign, w, d, h, min, s] = m;
  const n = (x: string | undefined) => (x ? Number(x) : 0);
  const seconds = n(w) * 604800 + n(d) * 86400 + n(h) * 3600 + n(min) * 60 + n(s);
  return sign ? -seconds : seconds;
}

/** A ZenML time: naive strings are UTC (the server stores UTC without a zone); with an offset, as given. */
export function parseServerTime(value: unknown): Date | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  let text = value.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text) && /T/.test(text)) text += 'Z';
  else if (!/T/.test(text)) text += 'T00:00:00Z';
  // JavaScript reads at most milliseconds; Python writes microseconds.
  text = text.replace(/(\.\d{3})\d+/, '$1');
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}

export interface ZenmlScheduleRecord {
  id: string;
  name: string;
  active: boolean | null;
  isArchived: boolean;
  cronExpression: string | null;
  intervalSeconds: number | null;
  startTime: Date | null;
  endTime: Date | null;
  runOnceTime: Date | null;
  catchup: boolean | null;
  created: Date | null;
  updated: Date | null;
  projectId: string | null;
  /** Only when hydrated (null otherwise). */
  orchestratorId: string | null;
  pipelineId: string | null;
  /** run_metadata.cron_job_name (Kubernetes). */
  cronJobName: string | null;
  hydrated: boolean;
  /** The server predates `active` (older than 0.93.1). */
  legacy: boolean;
}

export function parseSchedule(raw: unknown): ZenmlScheduleRecord | null {
  if (!isRecord(raw)) return null;
  const id = asString(raw.id);
  if (!id) return null;
  const body = asRecord(raw.body);
  const metadata = isRecord(raw.metadata) ? raw.metadata : null;
  const runMetadata = asRecord(metadata?.run_metadata);
  const active = asBoolean(body.active);
  return {
    id,
    name: asString(raw.name) ?? id,
    active,
    isArchived: body.is_archived === true,
    cronExpression: asString(body.cron_expression),
    intervalSeconds: parseIsoDuration(body.interval_second),
    startTime: parseServerTime(body.start_time),
    endTime: parseServerTime(body.end_time),
    runOnceTime: parseServerTime(body.run_once_start_time),
    catchup: asBoolean(body.catchup),
    created: parseServerTime(body.created),
    updated: parseServerTime(body.updated),
    projectId: asString(body.project_id) ?? asString(asRecord(body.project).id),
    orchestratorId: asString(metadata?.orchestrator_id),
    pipelineId: asString(metadata?.pipeline_id),
    cronJobName: asString(runMetadata.cron_job_name),
    hydrated: metadata !== null,
    legacy: !('active' in body),
  };
}

/** ZenML's precedence (facts §1): cron wins over start + interval, which wins over run-once. */
export function kindOf(record: ZenmlScheduleRecord): LiveScheduleKind | null {
  if (record.cronExpression) return 'cron';
  if (record.intervalSeconds !== null && record.intervalSeconds > 0) return 'interval';
  if (record.runOnceTime) return 'once';
  return null;
}

/** The state shown beside the health: archived, completed (end passed / run-once done), paused, active. */
export function stateOf(record: ZenmlScheduleRecord, now: Date): ScheduleState {
  if (record.isArchived) return 'archived';
  if (record.endTime && record.endTime.getTime() <= now.getTime()) return 'completed';
  if (kindOf(record) === 'once' && record.runOnceTime && record.runOnceTime.getTime() <= now.getTime()) return 'completed';
  if (record.active === false) return 'paused';
  return 'active';
}

export interface ZenmlPage<T> {
  items: T[];
  index: number;
  totalPages: number;
  total: number;
}

/** `{index, max_size, total_pages, total, items}` → items parsed with `item`, unreadable ones dropped. */
export function parsePage<T>(raw: unknown, item: (v: unknown) => T | null): ZenmlPage<T> | null {
  if (!isRecord(raw) || !Array.isArray(raw.items)) return null;
  const items: T[] = [];
  for (const v of raw.items) {
    const parsed = item(v);
    if (parsed !== null) items.push(parsed);
  }
  return {
    items,
    index: asNumber(raw.index) ?? 1,
    totalPages: asNumber(raw.total_pages) ?? 1,
    total: asNumber(raw.total) ?? items.length,
  };
}

export interface ZenmlRun extends LiveRun {
  projectId: string | null;
}

export function parseRun(raw: unknown): ZenmlRun | null {
  if (!isRecord(raw)) return null;
  const id = asString(raw.id);
  const body = asRecord(raw.body);
  const created = parseServerTime(body.created);
  if (!id || !created) return null;
  const resources = asRecord(raw.resources);
  const schedule = isRecord(resources.schedule) ? resources.schedule : null;
  // end_time is in the hydrated metadata (ZenML 0.98: PipelineRunResponseMetadata.end_time). An
  // unhydrated list has no metadata: a run no longer in progress was last updated when its final
  // status (and end_time) was written, so `updated` stands in for it there.
  const finished = body.in_progress === false;
  const ended = parseServerTime(asRecord(raw.metadata).end_time) ?? (finished ? parseServerTime(body.updated) : null);
  return {
    id,
    name: asString(raw.name) ?? undefined,
    status: (asString(body.status) ?? 'unknown').toLowerCase(),
    created,
    scheduleId: asString(schedule?.id) ?? undefined,
    ...(ended ? { ended } : {}),
    projectId: asString(body.project_id),
  };
}

export interface ZenmlComponentInfo {
  id: string;
  name: string;
  flavor: string;
  type: string;
}

export function parseComponent(raw: unknown): ZenmlComponentInfo | null {
  if (!isRecord(raw)) return null;
  const id = asString(raw.id);
  const body = asRecord(raw.body);
  if (!id) return null;
  return { id, name: asString(raw.name) ?? id, flavor: asString(body.flavor_name) ?? asString(body.flavor) ?? 'unknown', type: asString(body.type) ?? '' };
}

export function parseNamed(raw: unknown): { id: string; name: string } | null {
  if (!isRecord(raw)) return null;
  const id = asString(raw.id);
  return id ? { id, name: asString(raw.name) ?? id } : null;
}

export interface ZenmlServerInfo {
  version: string;
  authScheme: string | null;
  dashboardUrl: string | null;
  serverUrl: string | null;
  name: string | null;
  /** `cloud` for a ZenML Pro workspace; `local`, `docker`, `other`, … otherwise. */
  deploymentType: string | null;
}

export function parseServerInfo(raw: unknown): ZenmlServerInfo | null {
  if (!isRecord(raw)) return null;
  const version = asString(raw.version);
  if (!version) return null;
  return {
    version,
    authScheme: asString(raw.auth_scheme),
    dashboardUrl: asString(raw.dashboard_url),
    serverUrl: asString(raw.server_url),
    name: asString(raw.name),
    deploymentType: asString(raw.deployment_type),
  };
}

/** Compare dotted versions ("0.93.1" vs "0.98.0rc1"): negative, zero or positive. Non-numeric tails are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/).map((p) => parseInt(p, 10)).map((n) => (Number.isNaN(n) ? 0 : n));
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length, 3); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

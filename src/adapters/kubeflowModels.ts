// Kubeflow Pipelines v2beta1 JSON → plain data (facts §6, §7, §10). Pure functions, no I/O, no
// vscode: a recurring run becomes a LiveSchedule, a run a LiveRun. The API speaks proto3 JSON through
// grpc-gateway: int64 fields arrive as strings ("3600"), defaults (false, 0) may be left out, and
// a list answer is `{recurringRuns, total_size, next_page_token}` (the client's attribute map).

import { explainCron } from '../cron';
import { asBoolean, asNumber, asRecord, asString, isRecord } from './http';
import type { LiveRun, LiveSchedule, ScheduleChangeSupport, ScheduleState } from './types';

/** ZenML names a recurring run `<pipeline>_<32 hex>` (facts §6). */
const ZENML_NAME = /^(.+)_([0-9a-f]{32})$/;

export interface KubeflowRecurringRun {
  id: string;
  displayName: string;
  description: string | null;
  cron: string | null;
  intervalSeconds: number | null;
  startTime: Date | null;
  endTime: Date | null;
  /** ENABLE | DISABLE | MODE_UNSPECIFIED: what was asked. */
  mode: string | null;
  /** ENABLED | DISABLED | STATUS_UNSPECIFIED: what the controller reports. */
  status: string | null;
  noCatchup: boolean;
  maxConcurrency: number | null;
  namespace: string | null;
  experimentId: string | null;
  pipelineVersionId: string | null;
  serviceAccount: string | null;
  created: Date | null;
  updated: Date | null;
  error: string | null;
}

/** int64 as grpc-gateway sends it (a string) or as a number. */
export function int64(v: unknown): number | null {
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return asNumber(v);
}

function instant(v: unknown): Date | null {
  const s = asString(v);
  if (!s) return null;
  const d = new Date(s);
  // proto3's zero Timestamp ("1970-01-01T00:00:00Z") means "not set".
  return Number.isNaN(d.getTime()) || d.getTime() <= 0 ? null : d;
}

/** A RecurringRun object, or null when it is not one (no recurring_run_id). */
export function parseRecurringRun(raw: unknown): KubeflowRecurringRun | null {
  if (!isRecord(raw)) return null;
  const id = asString(raw.recurring_run_id);
  if (!id) return null;
  const trigger = asRecord(raw.trigger);
  const cronSchedule = isRecord(trigger.cron_schedule) ? trigger.cron_schedule : null;
  const periodic = isRecord(trigger.periodic_schedule) ? trigger.periodic_schedule : null;
  const window = cronSchedule ?? periodic ?? {};
  const versionRef = asRecord(raw.pipeline_version_reference);
  return {
    id,
    displayName: asString(raw.display_name) ?? id,
    description: asString(raw.description),
    cron: cronSchedule ? (asString(cronSchedule.cron)?.trim() ?? null) : null,
    intervalSeconds: periodic ? int64(periodic.interval_second) : null,
    startTime: instant(window.start_time),
    endTime: instant(window.end_time),
    mode: asString(raw.mode),
    status: asString(raw.status),
    noCatchup: asBoolean(raw.no_catchup) ?? false,
    maxConcurrency: int64(raw.max_concurrency),
    namespace: asString(raw.namespace),
    experimentId: asString(raw.experiment_id),
    pipelineVersionId: asString(versionRef.pipeline_version_id) ?? asString(raw.pipeline_version_id),
    serviceAccount: asString(raw.service_account),
    created: instant(raw.created_at),
    updated: instant(raw.updated_at),
    error: asString(raw.error),
  };
}

/** A list answer: `{recurringRuns, total_size, next_page_token}`; null when the shape is unknown. */
export function parseRecurringRunPage(raw: unknown): { items: KubeflowRecurringRun[]; next?: string; total?: number } | null {
  if (!isRecord(raw)) return null;
  const list = raw.recurringRuns ?? raw.recurring_runs;
  if (list !== undefined && !Array.isArray(list)) return null;
  const items = (Array.isArray(list) ? list : []).map(parseRecurringRun).filter((r): r is KubeflowRecurringRun => r !== null);
  const next = asString(raw.next_page_token) || asString(raw.nextPageToken) || undefined;
  const total = int64(raw.total_size) ?? int64(raw.totalSize) ?? undefined;
  return { items, next, total };
}

/** KFP run states → the statuses health reads (`completed`, `failed`, …). */
export function runStatus(state: string | null): string {
  switch ((state ?? '').toUpperCase()) {
    case 'SUCCEEDED':
      return 'completed';
    case 'SKIPPED':
      return 'cached';
    case 'FAILED':
      return 'failed';
    case 'CANCELED':
    case 'CANCELING':
      return 'cancelled';
    case '':
    case 'RUNTIME_STATE_UNSPECIFIED':
      return 'unknown';
    default:
      return state!.toLowerCase();
  }
}

export function parseKfpRun(raw: unknown, baseUrl?: string): LiveRun | null {
  if (!isRecord(raw)) return null;
  const id = asString(raw.run_id);
  const created = instant(raw.created_at);
  if (!id || !created) return null;
  const run: LiveRun = { id, name: asString(raw.display_name) ?? undefined, status: runStatus(asString(raw.state)), created };
  const scheduleId = asString(raw.recurring_run_id);
  if (scheduleId) run.scheduleId = scheduleId;
  if (baseUrl) run.url = `${baseUrl}/#/runs/details/${encodeURIComponent(id)}`;
  return run;
}

export function parseKfpRunPage(raw: unknown, baseUrl?: string): { items: LiveRun[]; next?: string } | null {
  if (!isRecord(raw)) return null;
  if (raw.runs !== undefined && !Array.isArray(raw.runs)) return null;
  const items = ((raw.runs as unknown[] | undefined) ?? []).map((r) => parseKfpRun(r, baseUrl)).filter((r): r is LiveRun => r !== null);
  return { items, next: asString(raw.next_page_token) || undefined };
}

/** The pipeline a ZenML-made recurring run belongs to, read from its name, or null. */
export function zenmlPipelineOf(displayName: string): string | null {
  const m = ZENML_NAME.exec(displayName);
  return m ? m[1] : null;
}

export function kubeflowStateOf(r: KubeflowRecurringRun, now: Date): ScheduleState {
  if ((r.mode ?? '').toUpperCase() === 'DISABLE') return 'paused';
  if (r.endTime && r.endTime.getTime() <= now.getTime()) return 'completed';
  return 'active';
}

export const KUBEFLOW_CHANGES: ScheduleChangeSupport = {
  operations: ['pause', 'resume', 'delete'],
  pauseStopsRuns: true,
  reason:
    "Kubeflow Pipelines' v2beta1 API has no call that changes a recurring run's trigger: to change the cron or interval, recreate the recurring run (the guided recreate).",
  via: 'the Kubeflow Pipelines API (v2beta1 recurring runs :disable, :enable, DELETE)',
};

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A recurring run as a LiveSchedule (no I/O); `baseUrl` links the KFP dashboard. */
export function recurringRunToLive(r: KubeflowRecurringRun, context: { baseUrl: string; now: Date; experimentName?: string | null }): LiveSchedule {
  const pipeline = zenmlPipelineOf(r.displayName);
  const details: Record<string, string> = { 'recurring run id': r.id };
  if (r.namespace) details.namespace = r.namespace;
  if (r.experimentId) details.experiment = context.experimentName ? `${context.experimentName} (${r.experimentId})` : r.experimentId;
  details.no_catchup = String(r.noCatchup);
  details.max_concurrency = r.maxConcurrency === null ? 'not set' : String(r.maxConcurrency);
  if (r.mode) details.mode = r.mode;
  if (r.status) details.status = r.status;
  if (r.startTime) details.start = stamp(r.startTime);
  if (r.endTime) details.end = stamp(r.endTime);
  if (r.pipelineVersionId) details['pipeline version'] = r.pipelineVersionId;
  if (r.serviceAccount) details['service account'] = r.serviceAccount;
  if (r.updated) details.updated = stamp(r.updated);
  details['time zone'] = "the Kubeflow cluster's (no zone per recurring run)";
  const warnings: string[] = [];
  if (r.cron) {
    const explained = explainCron(r.cron, { dialect: 'kubeflow', timeZone: 'UTC', count: 1, from: context.now });
    if (!explained.valid) warnings.push(`Kubeflow cannot read the cron '${r.cron}': ${explained.error?.message ?? 'invalid'}`);
    else for (const w of explained.warnings) warnings.push(w.message);
  }
  if (r.error) warnings.push(`Kubeflow reports an error: ${r.error}`);
  const mode = (r.mode ?? '').toUpperCase();
  const status = (r.status ?? '').toUpperCase();
  if ((mode === 'ENABLE' && status === 'DISABLED') || (mode === 'DISABLE' && status === 'ENABLED')) {
    warnings.push(`Asked to ${mode === 'ENABLE' ? 'enable' : 'disable'}, but Kubeflow still reports it ${status.toLowerCase()}.`);
  }
  return {
    id: r.id,
    name: r.displayName,
    pipeline,
    orchestrator: 'kubeflow',
    kind: r.cron ? 'cron' : r.intervalSeconds !== null ? 'interval' : null,
    expression: r.cron,
    intervalSeconds: r.cron ? null : r.intervalSeconds,
    startTime: r.startTime,
    endTime: r.endTime,
    runOnceTime: null,
    catchup: !r.noCatchup,
    timeZone: null,
    state: kubeflowStateOf(r, context.now),
    created: r.created,
    zenmlId: null,
    match: { madeByZenml: pipeline !== null, nativeName: r.displayName, pipeline },
    details,
    warnings,
    url: `${context.baseUrl}/#/recurringrun/details/${encodeURIComponent(r.id)}`,
    changes: KUBEFLOW_CHANGES,
  };
}

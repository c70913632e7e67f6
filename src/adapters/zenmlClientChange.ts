// The ZenML adapter's path for changes ZenML itself makes where a schedule fires (today:
// Kubernetes CronJobs): ZenML's own Client in the user's interpreter, pointed at the
// connection's server. Wraps src/zenml/scheduleChange.ts in the adapter layer's types:
// a Result<ChangeReport>, and an AdapterError that keeps the precise reason and remedy.

import {
  changeScheduleThroughZenml,
  type ScheduleChange,
  type ScheduleChangeError,
  type ScheduleChangeErrorCode,
  type ScheduleChangeOutcome,
} from '../zenml/scheduleChange';
import { adapterError, type AdapterError, type AdapterErrorCode } from './errors';
import type { CallOptions, ChangeReport, Result } from './types';

export type { ScheduleChange } from '../zenml/scheduleChange';

/** Where ZenML's client runs and which server it talks to. */
export interface ZenmlClientTarget {
  /** The interpreter with ZenML and the `kubernetes` package (the setting / --python). */
  pythonPath: string;
  serverUrl: string;
  apiKey?: string;
  /** A bearer token (credentials.yaml) when there is no API key: ZENML_STORE_API_TOKEN. */
  accessToken?: string;
  /** The base environment (KUBECONFIG …); default process.env. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The connection's name, for AdapterError.source. */
  source?: string;
}

/** An AdapterError that also carries the precise reason (the helper's code) and what to do. */
export interface ZenmlClientChangeError extends AdapterError {
  reason: ScheduleChangeErrorCode;
  remedy: string;
  /** The underlying error with both sides' read-back state, for the log and partial-change reports. */
  cause: ScheduleChangeError;
}

const CODE_OF: Record<ScheduleChangeErrorCode, AdapterErrorCode> = {
  'interpreter-not-found': 'unsupported',
  'zenml-not-installed': 'unsupported',
  'zenml-too-old': 'version-too-old',
  'kubernetes-not-installed': 'unsupported',
  'no-kubeconfig': 'unsupported',
  'kube-context-not-found': 'unsupported',
  'server-unreachable': 'unreachable',
  'server-unauthorized': 'unauthorized',
  'server-refused': 'forbidden',
  'schedule-not-found': 'not-found',
  'schedule-archived': 'forbidden',
  'no-orchestrator': 'unsupported',
  'orchestrator-cannot-change': 'unsupported',
  'no-cron-job-name': 'unsupported',
  'cluster-unreachable': 'unreachable',
  'cluster-unauthorized': 'unauthorized',
  'cluster-forbidden': 'forbidden',
  'cluster-rejected': 'invalid-input',
  'cluster-conflict': 'conflict',
  'cluster-error': 'server-error',
  'cronjob-not-found': 'not-found',
  'read-back-failed': 'server-error',
  'not-applied': 'server-error',
  timeout: 'timeout',
  cancelled: 'cancelled',
  usage: 'invalid-input',
  'helper-failed': 'server-error',
};

export function toAdapterError(error: ScheduleChangeError, source?: string): ZenmlClientChangeError {
  return {
    ...adapterError(CODE_OF[error.code], error.message, {
      ...(source ? { source } : {}),
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.minimumVersion ? { minimumVersion: error.minimumVersion } : {}),
      ...(error.foundVersion ? { foundVersion: error.foundVersion } : {}),
    }),
    reason: error.code,
    remedy: error.remedy,
    cause: error,
  };
}

export function toChangeReport(outcome: ScheduleChangeOutcome): ChangeReport {
  return {
    changed: outcome.changed,
    unchanged: [...outcome.unchanged, ...outcome.notes.map((why) => ({ where: `CronJob ${outcome.cronJob.namespace}/${outcome.cronJob.name}`, why }))].filter(
      (entry, i, all) => all.findIndex((e) => e.where === entry.where && e.why === entry.why) === i,
    ),
  };
}

/**
 * Pause, resume, update or delete schedule `scheduleId` (a ZenML UUID) through ZenML's own client,
 * read back from the cluster and the server. `after` is left for the ZenML adapter to fill from its
 * own GET (it parses the server's schedule shape). Never throws.
 */
export async function changeThroughZenmlClient(
  target: ZenmlClientTarget,
  scheduleId: string,
  change: ScheduleChange,
  options: CallOptions = {},
): Promise<Result<ChangeReport> & { outcome?: ScheduleChangeOutcome }> {
  try {
    const result = await changeScheduleThroughZenml({
      pythonPath: target.pythonPath,
      server: { url: target.serverUrl, apiKey: target.apiKey, accessToken: target.accessToken },
      scheduleId,
      change,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      env: target.env,
      cwd: target.cwd,
    });
    if (!result.ok) return { ok: false, error: toAdapterError(result.error, target.source) };
    return { ok: true, value: toChangeReport(result.value), outcome: result.value };
  } catch (e) {
    return { ok: false, error: adapterError('server-error', `The ZenML client change failed unexpectedly: ${(e as Error).message}`, target.source ? { source: target.source } : {}) };
  }
}

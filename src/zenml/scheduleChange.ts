// Changes that really happen: pause, resume, update and delete a ZenML schedule where it
// fires, through ZenML's own Client in the user's interpreter (helper.py `schedule …`),
// pointed at one server with ZENML_STORE_URL + ZENML_STORE_API_KEY and a private
// ZENML_CONFIG_PATH. ZenML patches the orchestrator's object (today: the Kubernetes CronJob
// named by the schedule's `cron_job_name` run metadata) with the orchestrator's credentials,
// then the record; the helper reads both back, and this module decides from what it read
// whether the change really happened. No vscode. Errors are values with a code, what
// happened, and a remedy worded for any face (no settings, no flags).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultHelperPath, lastJsonLine, runProcess, tail } from './runner';

export type ScheduleChange =
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'update'; cronExpression: string }
  | { action: 'delete'; purge: boolean };

export const SCHEDULE_CHANGE_ERROR_CODES = [
  // this machine: the interpreter and its packages
  'interpreter-not-found',
  'zenml-not-installed',
  'zenml-too-old',
  'kubernetes-not-installed',
  'no-kubeconfig',
  'kube-context-not-found',
  // the ZenML server and the schedule's record
  'server-unreachable',
  'server-unauthorized',
  'server-refused',
  'schedule-not-found',
  'schedule-archived',
  'no-orchestrator',
  'orchestrator-cannot-change',
  'no-cron-job-name',
  // the cluster
  'cluster-unreachable',
  'cluster-unauthorized',
  'cluster-forbidden',
  'cluster-rejected',
  'cluster-conflict',
  'cluster-error',
  'cronjob-not-found',
  // the run itself
  'read-back-failed',
  'not-applied',
  'timeout',
  'cancelled',
  'usage',
  'helper-failed',
] as const;

export type ScheduleChangeErrorCode = (typeof SCHEDULE_CHANGE_ERROR_CODES)[number];

/** The CronJob as read from the cluster (null in a snapshot: it does not exist). */
export interface CronJobSnapshot {
  suspend: boolean;
  schedule: string | null;
  resourceVersion: string | null;
}

/** ZenML's record as read from the server (null in a snapshot: it was purged). */
export interface RecordSnapshot {
  id: string;
  name: string;
  active: boolean | null;
  cronExpression: string | null;
  isArchived: boolean | null;
}

export interface Snapshots {
  record: RecordSnapshot | null;
  cronJob: CronJobSnapshot | null;
}

export interface ScheduleChangeError {
  code: ScheduleChangeErrorCode;
  /** What happened, one or two sentences. */
  message: string;
  /** What the user can do, in words that fit the editor and the command line alike. */
  remedy: string;
  interpreter: string;
  /** The server's or cluster's own words, or the helper's stderr tail, for the log. */
  detail?: string;
  /** The HTTP status the cluster answered, when it answered. */
  status?: number;
  cronJob?: string;
  namespace?: string;
  context?: string;
  /** For zenml-too-old: where (the interpreter's client or the server), the version needed and the one found. */
  where?: 'client' | 'server';
  minimumVersion?: string;
  foundVersion?: string;
  /** What each side held before and after, when the helper got that far (partial changes). */
  before?: Snapshots;
  after?: Snapshots;
}

export interface ScheduleChangeOutcome {
  action: ScheduleChange['action'];
  purge: boolean;
  zenmlVersion: string;
  serverVersion: string;
  schedule: { id: string; name: string };
  orchestrator: { id: string; name: string; flavor: string };
  cronJob: { name: string; namespace: string; context: string | null };
  before: Snapshots;
  after: Snapshots;
  /** What changed where ("CronJob zenml/nightly-train", "suspended (spec.suspend: true)"). */
  changed: { where: string; what: string }[];
  unchanged: { where: string; why: string }[];
  notes: string[];
}

export interface ZenmlServerAccess {
  url: string;
  apiKey?: string;
  accessToken?: string;
}

export type ScheduleChangeResult = { ok: true; value: ScheduleChangeOutcome } | { ok: false; error: ScheduleChangeError };

export interface ScheduleChangeOptions {
  /** The user's interpreter with ZenML (and the `kubernetes` package). */
  pythonPath: string;
  /** The connection's server: ZenML's client logs in with the API key, or uses the bearer token (from `zenml login`). */
  server: ZenmlServerAccess;
  /** The ZenML schedule's UUID. */
  scheduleId: string;
  change: ScheduleChange;
  /** Default 90 s: importing ZenML, logging in, and two cluster round trips. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The base environment (KUBECONFIG, proxies, …); default process.env. ZENML_* store settings are replaced. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  helperPath?: string;
}

export const DEFAULT_SCHEDULE_CHANGE_TIMEOUT_MS = 90_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

function parseCronJob(v: unknown): CronJobSnapshot | null {
  if (!isRecord(v)) return null;
  return { suspend: v.suspend === true, schedule: str(v.schedule), resourceVersion: str(v.resourceVersion) };
}

function parseRecord(v: unknown): RecordSnapshot | null {
  if (!isRecord(v)) return null;
  return {
    id: str(v.id) ?? '',
    name: str(v.name) ?? '',
    active: bool(v.active),
    cronExpression: str(v.cronExpression),
    isArchived: bool(v.isArchived),
  };
}

function parseSnapshots(v: unknown): Snapshots | undefined {
  if (!isRecord(v)) return undefined;
  return { record: parseRecord(v.record), cronJob: parseCronJob(v.cronJob) };
}

/** The remedy for each code: what the user can do next. */
export function remedyFor(error: Omit<ScheduleChangeError, 'remedy'>): string {
  const ctx = error.context ? `context '${error.context}'` : 'the current context';
  const cj = error.cronJob ? `CronJob '${error.cronJob}'${error.namespace ? ` in namespace '${error.namespace}'` : ''}` : 'the CronJob';
  switch (error.code) {
    case 'interpreter-not-found':
      return `Point ZenML Schedules at a Python interpreter that has ZenML installed (${error.interpreter} was not found).`;
    case 'zenml-not-installed':
      return `Install ZenML in ${error.interpreter} (pip install zenml), or use the interpreter that has it.`;
    case 'zenml-too-old':
      return error.where === 'server'
        ? `Upgrade the ZenML server to ${error.minimumVersion ?? 'a newer version'} or later.`
        : `Upgrade ZenML in ${error.interpreter} to ${error.minimumVersion ?? 'a newer version'} or later (pip install -U zenml).`;
    case 'kubernetes-not-installed':
      return `Install the Kubernetes integration in ${error.interpreter} (zenml integration install kubernetes, or pip install kubernetes).`;
    case 'no-kubeconfig':
      return `ZenML changes the CronJob with this machine's kubeconfig (KUBECONFIG or ~/.kube/config): make one available with ${ctx}.`;
    case 'kube-context-not-found':
      return `Add ${ctx} to this machine's kubeconfig (the orchestrator's kubernetes_context), or update the orchestrator to a context you have.`;
    case 'server-unreachable':
      return 'Check that the ZenML server is running and its URL is right, then retry.';
    case 'server-unauthorized':
      return "The connection's API key is no longer valid: create a new service-account key (zenml service-account api-key … rotate) and store it again.";
    case 'server-refused':
      return 'The server explained why (above); nothing was changed on the cluster.';
    case 'schedule-not-found':
      return 'The schedule no longer exists on the server: refresh the list.';
    case 'schedule-archived':
      return 'Archived schedules cannot be changed: run the pipeline with a new schedule instead.';
    case 'no-orchestrator':
    case 'orchestrator-cannot-change':
      return "ZenML cannot change where this schedule fires: connect the orchestrator itself to pause or change it there, or recreate the schedule.";
    case 'no-cron-job-name':
      return 'ZenML does not know which CronJob fires this schedule: change the CronJob through a Kubernetes connection, or recreate the schedule by running the pipeline with it.';
    case 'cluster-unreachable':
      return `Check that the cluster of ${ctx} is reachable from this machine (VPN, kubectl get cronjobs), then retry.`;
    case 'cluster-unauthorized':
      return `Log in to the cluster again: the credentials of ${ctx} in the kubeconfig were refused.`;
    case 'cluster-forbidden':
      return `The kubeconfig's user needs permission to patch and delete cronjobs (batch) in namespace '${error.namespace ?? 'the orchestrator namespace'}'.`;
    case 'cluster-rejected':
      return 'Correct the value the cluster rejected (its words are above) and try again.';
    case 'cluster-conflict':
      return `${cj} changed meanwhile: refresh and try again.`;
    case 'cluster-error':
      return `The cluster failed to change ${cj}; check it with kubectl and retry.`;
    case 'cronjob-not-found':
      return `${cj} was deleted outside ZenML, so nothing fires for this schedule: delete (archive) the ZenML schedule, or recreate it by running the pipeline with the schedule.`;
    case 'read-back-failed':
    case 'not-applied':
      return `Check ${cj} with kubectl and the schedule on the server before trying again.`;
    case 'timeout':
      return 'Check that the ZenML server and the cluster are reachable, then retry (or allow more time).';
    case 'cancelled':
      return 'Nothing more will be sent; check the schedule before trying again, a change may have been half done.';
    default:
      return 'See the log for the helper output.';
  }
}

function changeError(fields: Omit<ScheduleChangeError, 'remedy'>): ScheduleChangeError {
  return { ...fields, remedy: remedyFor(fields) };
}

/** Turn the helper's stdout into a raw outcome or an error. Pure; unit-tested with recorded outputs. */
export function parseScheduleChangeOutput(
  stdout: string,
  stderr: string,
  interpreter: string,
): { ok: true; raw: Record<string, unknown> } | { ok: false; error: ScheduleChangeError } {
  const json = lastJsonLine(stdout);
  if (!isRecord(json)) {
    const last = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
    return { ok: false, error: changeError({ code: 'helper-failed', message: `The ZenML helper gave no answer. ${last}`.trim(), interpreter, detail: tail(stderr) }) };
  }
  if (isRecord(json.error)) {
    const raw = json.error;
    const code = (SCHEDULE_CHANGE_ERROR_CODES as readonly unknown[]).includes(raw.code) ? (raw.code as ScheduleChangeErrorCode) : 'helper-failed';
    const minimum = str(raw.minimumVersion);
    const found = str(raw.zenmlVersion);
    const fields: Omit<ScheduleChangeError, 'remedy'> = {
      code,
      message: str(raw.message) ?? 'The ZenML helper failed.',
      interpreter,
      detail: str(raw.detail) ?? (stderr.trim() ? tail(stderr) : undefined),
      ...(typeof raw.status === 'number' ? { status: raw.status } : {}),
      ...(str(raw.cronJob) ? { cronJob: str(raw.cronJob)! } : {}),
      ...(str(raw.namespace) ? { namespace: str(raw.namespace)! } : {}),
      ...(str(raw.context) ? { context: str(raw.context)! } : {}),
      ...(raw.where === 'client' || raw.where === 'server' ? { where: raw.where } : {}),
      ...(minimum ? { minimumVersion: minimum } : {}),
      ...(found ? { foundVersion: found } : {}),
      ...(parseSnapshots(raw.before) ? { before: parseSnapshots(raw.before) } : {}),
      ...(parseSnapshots(raw.after) ? { after: parseSnapshots(raw.after) } : {}),
    };
    return { ok: false, error: changeError(fields) };
  }
  return { ok: true, raw: json };
}

const describeCronJob = (c: { name: string; namespace: string }) => `CronJob ${c.namespace}/${c.name}`;

/**
 * Decide from what the helper read back whether the change really happened, and say what
 * changed where. A change the cluster or the server did not keep is `not-applied`.
 */
export function judgeScheduleChange(change: ScheduleChange, raw: Record<string, unknown>, interpreter: string): ScheduleChangeResult {
  const schedule = isRecord(raw.schedule) ? raw.schedule : {};
  const orchestrator = isRecord(raw.orchestrator) ? raw.orchestrator : {};
  const cronJob = isRecord(raw.cronJob) ? raw.cronJob : {};
  const before = parseSnapshots(raw.before) ?? { record: null, cronJob: null };
  const after = parseSnapshots(raw.after) ?? { record: null, cronJob: null };
  const cj = { name: str(cronJob.name) ?? '', namespace: str(cronJob.namespace) ?? '', context: str(cronJob.context) };
  const where = describeCronJob(cj);
  const name = str(schedule.name) ?? str(schedule.id) ?? '';
  const recordWhere = `ZenML record '${name}'`;
  const changed: ScheduleChangeOutcome['changed'] = [];
  const unchanged: ScheduleChangeOutcome['unchanged'] = [];
  const problems: string[] = [];

  const cronBefore = before.cronJob;
  const cronAfter = after.cronJob;
  const recBefore = before.record;
  const recAfter = after.record;

  if (change.action === 'pause' || change.action === 'resume') {
    const suspend = change.action === 'pause';
    const active = !suspend;
    if (!cronAfter) problems.push(`${where} is gone`);
    else if (cronAfter.suspend !== suspend) problems.push(`${where} still has spec.suspend: ${cronAfter.suspend}`);
    else if (cronBefore?.suspend === suspend) unchanged.push({ where, why: `already ${suspend ? 'suspended' : 'running on its schedule'}` });
    else changed.push({ where, what: suspend ? 'suspended (spec.suspend: true)' : 'resumed (spec.suspend: false)' });
    if (!recAfter) problems.push(`${recordWhere} is gone`);
    else if (recAfter.active !== active) problems.push(`${recordWhere} is still ${recAfter.active ? 'active' : 'inactive'}`);
    else if (recBefore?.active === active) unchanged.push({ where: recordWhere, why: `already ${active ? 'active' : 'inactive'}` });
    else changed.push({ where: recordWhere, what: active ? 'set active' : 'set inactive' });
  } else if (change.action === 'update') {
    const expr = change.cronExpression;
    if (!cronAfter) problems.push(`${where} is gone`);
    else if (cronAfter.schedule !== expr) problems.push(`${where} still has spec.schedule '${cronAfter.schedule ?? ''}'`);
    else if (cronBefore?.schedule === expr) unchanged.push({ where, why: `already '${expr}'` });
    else changed.push({ where, what: `spec.schedule '${cronBefore?.schedule ?? ''}' → '${expr}'` });
    if (!recAfter) problems.push(`${recordWhere} is gone`);
    else if (recAfter.cronExpression !== expr) problems.push(`${recordWhere} still has '${recAfter.cronExpression ?? ''}'`);
    else if (recBefore?.cronExpression === expr) unchanged.push({ where: recordWhere, why: `already '${expr}'` });
    else changed.push({ where: recordWhere, what: `cron '${recBefore?.cronExpression ?? ''}' → '${expr}'` });
  } else {
    if (cronAfter) problems.push(`${where} still exists`);
    else if (!cronBefore) unchanged.push({ where, why: 'was already gone' });
    else changed.push({ where, what: 'deleted' });
    if (change.purge) {
      if (recAfter) problems.push(`${recordWhere} still exists`);
      else changed.push({ where: recordWhere, what: 'purged' });
    } else if (!recAfter || recAfter.isArchived !== true) {
      problems.push(recAfter ? `${recordWhere} is not archived` : `${recordWhere} was purged instead of archived`);
    } else changed.push({ where: recordWhere, what: `archived (as '${recAfter.name}')` });
  }

  if (problems.length) {
    return {
      ok: false,
      error: changeError({
        code: 'not-applied',
        message: `ZenML reported the ${change.action} as done, but reading back shows: ${problems.join('; ')}.`,
        interpreter,
        cronJob: cj.name || undefined,
        namespace: cj.namespace || undefined,
        context: cj.context ?? undefined,
        before,
        after,
      }),
    };
  }
  return {
    ok: true,
    value: {
      action: change.action,
      purge: change.action === 'delete' && change.purge,
      zenmlVersion: str(raw.zenmlVersion) ?? 'unknown',
      serverVersion: str(raw.serverVersion) ?? 'unknown',
      schedule: { id: str(schedule.id) ?? '', name },
      orchestrator: { id: str(orchestrator.id) ?? '', name: str(orchestrator.name) ?? '', flavor: str(orchestrator.flavor) ?? '' },
      cronJob: cj,
      before,
      after,
      changed,
      unchanged,
      notes: Array.isArray(raw.notes) ? raw.notes.filter((n): n is string => typeof n === 'string') : [],
    },
  };
}

/** The helper's environment: the base one without any ZenML store or config settings, then the connection's. */
export function scheduleChangeEnv(base: NodeJS.ProcessEnv, server: ZenmlServerAccess, configPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (/^ZENML_(STORE_|CONFIG_PATH$|ACTIVE_|REPOSITORY_PATH$)/.test(k)) continue;
    env[k] = v;
  }
  env.ZENML_STORE_URL = server.url.replace(/\/+$/, '');
  if (server.apiKey) env.ZENML_STORE_API_KEY = server.apiKey;
  else if (server.accessToken) env.ZENML_STORE_API_TOKEN = server.accessToken;
  env.ZENML_CONFIG_PATH = configPath;
  env.ZENML_ANALYTICS_OPT_IN = 'false';
  return env;
}

export function helperArgs(scheduleId: string, change: ScheduleChange): string[] {
  const args = ['schedule', change.action, scheduleId];
  if (change.action === 'update') args.push('--cron', change.cronExpression);
  if (change.action === 'delete' && change.purge) args.push('--purge');
  return args;
}

/**
 * Pause, resume, update or delete a ZenML schedule through ZenML's own Client, and read it back
 * from the cluster and the server. Never throws: every failure is a ScheduleChangeError.
 */
export async function changeScheduleThroughZenml(options: ScheduleChangeOptions): Promise<ScheduleChangeResult> {
  const interpreter = options.pythonPath;
  const fail = (fields: Omit<ScheduleChangeError, 'remedy' | 'interpreter'>): ScheduleChangeResult => ({
    ok: false,
    error: changeError({ ...fields, interpreter }),
  });
  if (options.change.action === 'update' && !options.change.cronExpression.trim()) {
    return fail({ code: 'usage', message: 'An update needs a cron expression.' });
  }
  if (options.signal?.aborted) return fail({ code: 'cancelled', message: 'The change was cancelled before it started.' });
  let configPath: string;
  try {
    configPath = fs.mkdtempSync(path.join(os.tmpdir(), 'zenml-schedules-client-'));
  } catch (e) {
    return fail({ code: 'helper-failed', message: `Could not create a private ZenML config folder: ${(e as Error).message}` });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_SCHEDULE_CHANGE_TIMEOUT_MS;
  try {
    const outcome = await runProcess(interpreter, [options.helperPath ?? defaultHelperPath(), ...helperArgs(options.scheduleId, options.change)], {
      pythonPath: interpreter,
      cwd: options.cwd,
      env: scheduleChangeEnv(options.env ?? process.env, options.server, configPath),
      timeoutMs,
      signal: options.signal,
    });
    if (outcome.kind === 'spawn-error') {
      return outcome.spawnErrorCode === 'ENOENT' || outcome.spawnErrorCode === 'EACCES'
        ? fail({ code: 'interpreter-not-found', message: `Python interpreter not found: ${interpreter}.` })
        : fail({ code: 'helper-failed', message: `Could not start ${interpreter}: ${outcome.spawnErrorCode ?? outcome.stderr}` });
    }
    if (outcome.kind === 'cancelled') {
      return fail({ code: 'cancelled', message: `The ${options.change.action} was cancelled; the ZenML helper was stopped.`, detail: tail(outcome.stderr) });
    }
    if (outcome.kind === 'timeout') {
      return fail({
        code: 'timeout',
        message: `ZenML did not finish the ${options.change.action} within ${Math.round(timeoutMs / 100) / 10} s; the helper was stopped.`,
        detail: tail(outcome.stderr),
      });
    }
    if (outcome.exitCode === 127 && !outcome.stdout.trim()) {
      return fail({ code: 'interpreter-not-found', message: `Python interpreter not found: ${interpreter}.`, detail: tail(outcome.stderr) });
    }
    const parsed = parseScheduleChangeOutput(outcome.stdout, outcome.stderr, interpreter);
    if (!parsed.ok) return parsed;
    return judgeScheduleChange(options.change, parsed.raw, interpreter);
  } finally {
    fs.rmSync(configPath, { recursive: true, force: true });
  }
}

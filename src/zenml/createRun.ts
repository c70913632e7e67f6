// "Create it now": run a pipeline with a schedule through ZenML in the user's interpreter
// (helper.py `create-run FILE PIPELINE SCHEDULE_JSON`) on the active stack, and read back the
// schedule ZenML stored. The helper imports the user's file (its `__main__` block does not run),
// so the caller must only do this in a trusted workspace. ZenML's logs stream to `onOutput`.
// No vscode.

import { defaultHelperPath, lastJsonLine, runProcess, tail, type HelperRunOptions } from './runner';

export interface CreatedSchedule {
  id: string;
  name: string;
  active: boolean | null;
  cronExpression: string | null;
  /** The schedule's run metadata as ZenML stores it (Kubernetes: `cron_job_name`). */
  runMetadata: Record<string, string>;
  orchestratorId: string | null;
}

export interface CreateRunSuccess {
  ok: true;
  zenmlVersion: string;
  stack: string;
  orchestrator: { name: string | null; flavor: string | null };
  schedule: CreatedSchedule;
}

export interface CreateRunFailure {
  ok: false;
  /** helper codes (run-failed, import-failed, no-pipeline, not-found-after-run, zenml-not-installed, …) or the runner's. */
  code: string;
  message: string;
  /** The tail of ZenML's output, for the log. */
  detail?: string;
}

export type CreateRunResult = CreateRunSuccess | CreateRunFailure;

/** Default time limit: building and submitting a pipeline takes longer than a detection. */
export const CREATE_RUN_TIMEOUT_MS = 10 * 60_000;

export async function createScheduleNow(
  options: HelperRunOptions & { file: string; pipeline: string; schedule: Record<string, unknown> },
): Promise<CreateRunResult> {
  const helper = options.helperPath ?? defaultHelperPath();
  const outcome = await runProcess(options.pythonPath, [helper, 'create-run', options.file, options.pipeline, JSON.stringify(options.schedule)], {
    ...options,
    timeoutMs: options.timeoutMs ?? CREATE_RUN_TIMEOUT_MS,
  });
  if (outcome.kind === 'spawn-error') return { ok: false, code: 'interpreter-not-found', message: `Could not start ${options.pythonPath} (${outcome.spawnErrorCode ?? 'error'}).` };
  if (outcome.kind === 'cancelled') return { ok: false, code: 'cancelled', message: 'Cancelled: the run was stopped. ZenML may have created the schedule already; refresh the Schedules view.', detail: tail(outcome.stderr) };
  if (outcome.kind === 'timeout') return { ok: false, code: 'timeout', message: 'ZenML did not finish in time. It may have created the schedule; refresh the Schedules view.', detail: tail(outcome.stderr) };
  return parseCreateRunOutput(outcome.stdout, outcome.stderr);
}

/** Pure: the helper's answer as a result. */
export function parseCreateRunOutput(stdout: string, stderr: string): CreateRunResult {
  const json = lastJsonLine(stdout) as Record<string, unknown> | undefined;
  if (!json || typeof json !== 'object') return { ok: false, code: 'helper-failed', message: 'The ZenML helper gave no answer.', detail: tail(stderr) };
  const error = json.error as Record<string, unknown> | undefined;
  if (error && typeof error === 'object') {
    return { ok: false, code: String(error.code ?? 'helper-failed'), message: String(error.message ?? 'The ZenML helper failed.'), detail: tail(stderr) };
  }
  const s = json.schedule as Record<string, unknown> | undefined;
  if (!s || typeof s.id !== 'string') return { ok: false, code: 'helper-failed', message: 'The ZenML helper answered without a schedule.', detail: tail(stderr) };
  const orchestrator = (json.orchestrator ?? {}) as Record<string, unknown>;
  const meta = (s.runMetadata ?? {}) as Record<string, unknown>;
  return {
    ok: true,
    zenmlVersion: String(json.zenmlVersion ?? 'unknown'),
    stack: String(json.stack ?? ''),
    orchestrator: { name: typeof orchestrator.name === 'string' ? orchestrator.name : null, flavor: typeof orchestrator.flavor === 'string' ? orchestrator.flavor : null },
    schedule: {
      id: s.id,
      name: String(s.name ?? ''),
      active: typeof s.active === 'boolean' ? s.active : null,
      cronExpression: typeof s.cronExpression === 'string' ? s.cronExpression : null,
      runMetadata: Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, String(v)])),
      orchestratorId: typeof s.orchestratorId === 'string' ? s.orchestratorId : null,
    },
  };
}

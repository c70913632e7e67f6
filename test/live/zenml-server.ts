// The live suite's ZenML server for the Kubernetes-change and fault-table files: issue10-core's
// LiveZenmlServer (test/live/zenmlServer.ts: a real ZenML 0.98 server from PyPI on 127.0.0.1,
// authentication on, its own SQLite file and config folder), started once per file and seeded
// with seed.py (service account + API key, kubernetes/airflow/local orchestrators, pipelines),
// plus the REST helpers these files need (a schedule with its CronJob name; the record read back).

import { LiveZenmlServer, adminToken, createSchedule, freePort, setCronJobName, venvReady, type SeedData } from './zenmlServer';

export { freePort } from './zenmlServer';

export interface SeededServer extends SeedData {
  url: string;
  server: LiveZenmlServer;
  /** Bearer token of the default admin (for REST test data). */
  token(): Promise<string>;
  stop(): Promise<void>;
}

export async function startZenmlServer(): Promise<SeededServer> {
  if (!venvReady()) throw new Error('.tools/zenml-server-venv is missing: run bash test/setup/45-zenml-server-venv.sh');
  const server = new LiveZenmlServer(await freePort());
  try {
    await server.start();
    const seed = await server.seed<SeedData>(['setup']);
    return { ...seed, url: server.url, server, token: () => adminToken(server), stop: () => server.dispose() };
  } catch (e) {
    await server.dispose();
    throw e;
  }
}

/** A schedule record (facts §9) and, when given, its CronJob name as run metadata. */
export async function createScheduleRecord(
  zenml: SeededServer,
  fields: { name: string; cron: string; orchestratorId: string | null; pipelineId?: string | null; cronJobName?: string },
): Promise<{ id: string; name: string }> {
  const token = await zenml.token();
  const made = await createSchedule(zenml.server, token, {
    name: fields.name,
    project: zenml.projectId,
    orchestrator_id: fields.orchestratorId,
    pipeline_id: fields.pipelineId ?? null,
    cron_expression: fields.cron,
  });
  if (fields.cronJobName) await setCronJobName(zenml.server, token, zenml, made.id, fields.cronJobName);
  return made;
}

export interface RecordView {
  status: number;
  active?: boolean;
  cron?: string | null;
  archived?: boolean;
  name?: string;
  updated?: string;
  cronJobName?: string | null;
}

/** The schedule as the server has it now (a single GET hydrates), or its status when it is gone. Fast: REST, no Python. */
export async function readScheduleRecord(zenml: SeededServer, id: string): Promise<RecordView> {
  const res = await fetch(`${zenml.url}/api/v1/schedules/${id}`, { headers: { Authorization: `Bearer ${await zenml.token()}` } });
  if (!res.ok) return { status: res.status };
  const s = (await res.json()) as {
    name: string;
    body: { active: boolean; cron_expression: string | null; is_archived: boolean; updated: string };
    metadata?: { run_metadata?: { cron_job_name?: string } };
  };
  return {
    status: res.status,
    name: s.name,
    active: s.body.active,
    cron: s.body.cron_expression,
    archived: s.body.is_archived,
    updated: s.body.updated,
    cronJobName: s.metadata?.run_metadata?.cron_job_name ?? null,
  };
}

// A real ZenML server from PyPI for the live suites, started once per suite on 127.0.0.1 with
// authentication on (facts §9): uvicorn with its own SQLite file and config folder, then the
// test data made with ZenML's own client (seed.py setup: a service account + API key, Kubernetes,
// Airflow and local orchestrators, pipelines). stop() kills the whole process group.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SERVER_VENV_PYTHON, requirePython } from './env';

const run = promisify(execFile);

export interface SeededServer {
  url: string;
  /** A service-account API key (ZENKEY_…). */
  apiKey: string;
  projectId: string;
  kubernetesId: string;
  airflowId: string;
  localId: string;
  pipelines: Record<string, string>;
  /** Environment for ZenML's CLI/client as the default user (username/password) in a private config folder. */
  clientEnv: NodeJS.ProcessEnv;
  dir: string;
  /** Bearer token of the default user (for REST test setup). */
  token(): Promise<string>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ZenML server exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the ZenML server at ${url} was not healthy after ${timeoutMs / 1000} s:\n${log()}`);
}

/** Set by test/live/run.ts: one server for the whole suite (JSON of the seeded fields). */
export const SHARED_SERVER_ENV = 'ZENML_SCHEDULES_LIVE_SERVER';

function loginAs(url: string): () => Promise<string> {
  return async () => {
    const res = await fetch(`${url}/api/v1/login`, { method: 'POST', body: new URLSearchParams({ username: 'default', password: '' }) });
    if (!res.ok) throw new Error(`login as default failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
}

/** What run.ts hands to the test files (everything but the functions). */
export function shareable(server: SeededServer): string {
  const { token: _t, stop: _s, ...rest } = server;
  return JSON.stringify({ ...rest, clientEnv: undefined });
}

/**
 * The suite's ZenML server: the one run.ts started (shared; stop() leaves it running) or, when a
 * file runs alone or asks for `fresh`, its own.
 */
export async function startZenmlServer(options: { fresh?: boolean } = {}): Promise<SeededServer> {
  const shared = process.env[SHARED_SERVER_ENV];
  if (shared && !options.fresh) {
    const fields = JSON.parse(shared) as Omit<SeededServer, 'token' | 'stop' | 'clientEnv'>;
    const clientEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ZENML_STORE_URL: fields.url,
      ZENML_STORE_USERNAME: 'default',
      ZENML_STORE_PASSWORD: '',
      ZENML_CONFIG_PATH: `${fields.dir}/client-config`,
      ZENML_ANALYTICS_OPT_IN: 'false',
    };
    return { ...fields, clientEnv, token: loginAs(fields.url), stop: async () => undefined };
  }
  return startOwnZenmlServer();
}

async function startOwnZenmlServer(): Promise<SeededServer> {
  requirePython(SERVER_VENV_PYTHON);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zenml-live-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ZENML_SERVER: 'true',
    ZENML_STORE_URL: `sqlite:///${path.join(dir, 'zenml.db')}`,
    ZENML_CONFIG_PATH: path.join(dir, 'server-config'),
    ZENML_SERVER_AUTH_SCHEME: 'OAUTH2_PASSWORD_BEARER',
    ZENML_SERVER_DEPLOYMENT_TYPE: 'docker',
    ZENML_SERVER_AUTO_ACTIVATE: '1',
    ZENML_SERVER_JWT_SECRET_KEY: randomBytes(32).toString('hex'),
    ZENML_ANALYTICS_OPT_IN: 'false',
    ZENML_LOGGING_VERBOSITY: 'WARN',
  };
  const child = spawn(SERVER_VENV_PYTHON, ['-m', 'uvicorn', 'zenml.zen_server.zen_server_api:app', '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning'], {
    env: serverEnv,
    cwd: dir,
    stdio: ['ignore', out, out],
    detached: true,
  });
  const log = () => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(out);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(url, child, log);
    const clientEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ZENML_STORE_URL: url,
      ZENML_STORE_USERNAME: 'default',
      ZENML_STORE_PASSWORD: '',
      ZENML_CONFIG_PATH: path.join(dir, 'client-config'),
      ZENML_ANALYTICS_OPT_IN: 'false',
      ZENML_LOGGING_VERBOSITY: 'WARN',
    };
    const { stdout } = await run(SERVER_VENV_PYTHON, [path.join(__dirname, 'seed.py'), 'setup'], { env: clientEnv, timeout: 180_000, maxBuffer: 10 * 1024 * 1024 });
    const seeded = JSON.parse(stdout.trim().split('\n').pop()!) as Omit<SeededServer, 'url' | 'clientEnv' | 'dir' | 'token' | 'stop'>;
    return { ...seeded, url, clientEnv, dir, token: loginAs(url), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** REST helpers for test data (facts §9): a schedule record, and its CronJob name as run metadata. */
export async function createScheduleRecord(
  server: SeededServer,
  fields: { name: string; cron: string; orchestratorId: string | null; pipelineId?: string | null; cronJobName?: string },
): Promise<{ id: string; name: string }> {
  const token = await server.token();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const res = await fetch(`${server.url}/api/v1/schedules`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: fields.name,
      active: true,
      cron_expression: fields.cron,
      project: server.projectId,
      orchestrator_id: fields.orchestratorId,
      pipeline_id: fields.pipelineId ?? null,
    }),
  });
  if (!res.ok) throw new Error(`POST /api/v1/schedules: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; name: string };
  if (fields.cronJobName) {
    const meta = await fetch(`${server.url}/api/v1/run-metadata`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        project: server.projectId,
        resources: [{ id: body.id, type: 'schedule' }],
        stack_component_id: fields.orchestratorId,
        values: { cron_job_name: fields.cronJobName },
        types: { cron_job_name: 'str' },
      }),
    });
    if (!meta.ok) throw new Error(`POST /api/v1/run-metadata: ${meta.status} ${await meta.text()}`);
  }
  return { id: body.id, name: body.name };
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

/** The schedule as the server has it now (GET hydrates), or its status when it is gone. */
export async function readScheduleRecord(server: SeededServer, id: string): Promise<RecordView> {
  const res = await fetch(`${server.url}/api/v1/schedules/${id}`, { headers: { Authorization: `Bearer ${await server.token()}` } });
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

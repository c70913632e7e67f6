// A real ZenML server (PyPI zenml[server]==0.98.0, test/setup/45-zenml-server-venv.sh) for the
// live-schedules suite: uvicorn on 127.0.0.1 with authentication on (facts §9 recipe), its own
// config folder and SQLite file, started once per suite; stop() and start() again keep the
// database and JWT secret (the "server went away, Retry works" test).

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const VENV = path.resolve(__dirname, '../../.tools/zenml-server-venv');
export const PYTHON = path.join(VENV, 'bin', 'python');
const SEED = path.join(__dirname, 'seed.py');

export interface SeedData {
  apiKey: string;
  projectId: string;
  kubernetesId: string;
  airflowId: string;
  localId: string;
  pipelines: Record<string, string>;
}

export function venvReady(): boolean {
  return fs.existsSync(path.join(VENV, '.installed')) && fs.existsSync(PYTHON);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export class LiveZenmlServer {
  readonly dir: string;
  readonly port: number;
  readonly url: string;
  private secret = randomBytes(24).toString('hex');
  private child: ChildProcess | null = null;
  private log = '';
  /** ZENML_SERVER_AUTH_SCHEME: authentication on (the default), or NO_AUTH as `zenml login --local` runs it. */
  readonly authScheme: 'OAUTH2_PASSWORD_BEARER' | 'NO_AUTH';

  constructor(port: number, options: { authScheme?: 'OAUTH2_PASSWORD_BEARER' | 'NO_AUTH' } = {}) {
    this.port = port;
    this.authScheme = options.authScheme ?? 'OAUTH2_PASSWORD_BEARER';
    this.url = `http://127.0.0.1:${port}`;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zenml-live-'));
    fs.mkdirSync(path.join(this.dir, 'server'));
    fs.mkdirSync(path.join(this.dir, 'client'));
  }

  /** The environment of ZenML's CLI and client pointed at this server as the default admin. */
  clientEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.dir,
      ZENML_CONFIG_PATH: path.join(this.dir, 'client'),
      ZENML_STORE_URL: this.url,
      ZENML_STORE_USERNAME: 'default',
      ZENML_STORE_PASSWORD: '',
      ZENML_ANALYTICS_OPT_IN: 'false',
      ZENML_LOGGING_COLORS_DISABLED: 'true',
      ZENML_ENABLE_RICH_TRACEBACK: 'false',
      ...extra,
    };
  }

  /** Start (again); `newSecret` signs tokens with a new JWT secret, so every token issued before is refused. */
  async start(options: { newSecret?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 300_000;
    if (options.newSecret) this.secret = randomBytes(24).toString('hex');
    this.child = spawn(PYTHON, ['-m', 'uvicorn', 'zenml.zen_server.zen_server_api:app', '--host', '127.0.0.1', '--port', String(this.port)], {
      env: {
        PATH: process.env.PATH,
        HOME: this.dir,
        ZENML_SERVER: 'true',
        ZENML_CONFIG_PATH: path.join(this.dir, 'server'),
        ZENML_STORE_URL: `sqlite:///${path.join(this.dir, 'zenml.db')}`,
        ZENML_SERVER_AUTH_SCHEME: this.authScheme,
        ZENML_SERVER_DEPLOYMENT_TYPE: 'docker',
        ZENML_SERVER_AUTO_ACTIVATE: '1',
        ZENML_SERVER_JWT_SECRET_KEY: this.secret,
        ZENML_ANALYTICS_OPT_IN: 'false',
        ZENML_LOGGING_COLORS_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`ZenML server exited (${this.child.exitCode}):\n${this.log.slice(-3000)}`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5000) });
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`ZenML server not healthy after ${timeoutMs / 1000} s:\n${this.log.slice(-3000)}`);
  }

  /** Stop the whole process group and wait until the port is closed. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 15_000);
    await exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Run test/live/seed.py with ZenML's client against this server; its one JSON line. */
  seed<T = unknown>(args: string[], timeoutMs = 240_000): Promise<T> {
    return runPython([SEED, ...args], this.clientEnv(), timeoutMs).then((out) => {
      const line = out.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
      if (out.code !== 0 || !line) throw new Error(`seed.py ${args.join(' ')} failed (${out.code}):\n${out.stderr.slice(-3000)}`);
      return JSON.parse(line) as T;
    });
  }

  /** ZenML's own CLI against this server. */
  zenmlCli(args: string[], timeoutMs = 240_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return runCommand(path.join(VENV, 'bin', 'zenml'), args, this.clientEnv(), timeoutMs);
  }
}

export function runPython(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCommand(PYTHON, args, env, timeoutMs);
}

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A bearer token for the default admin (test data over REST). */
export async function adminToken(server: LiveZenmlServer): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/login`, { method: 'POST', body: new URLSearchParams({ username: 'default', password: '' }) });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

/** POST /api/v1/schedules as the admin (facts §9: all three keys present). */
export async function createSchedule(
  server: LiveZenmlServer,
  token: string,
  body: { name: string; project: string; orchestrator_id: string | null; pipeline_id: string | null; cron_expression?: string; interval_second?: number; start_time?: string; active?: boolean },
): Promise<{ id: string; name: string }> {
  const res = await fetch(`${server.url}/api/v1/schedules`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ active: true, ...body }),
  });
  if (!res.ok) throw new Error(`POST /api/v1/schedules ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; name: string };
}

/** The CronJob's name as run metadata on the schedule (how ZenML records it, facts §9). */
export async function setCronJobName(server: LiveZenmlServer, token: string, seed: SeedData, scheduleId: string, cronJobName: string): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/run-metadata`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      project: seed.projectId,
      resources: [{ id: scheduleId, type: 'schedule' }],
      stack_component_id: seed.kubernetesId,
      values: { cron_job_name: cronJobName },
      types: { cron_job_name: 'str' },
    }),
  });
  if (!res.ok) throw new Error(`POST /api/v1/run-metadata ${res.status}: ${await res.text()}`);
}

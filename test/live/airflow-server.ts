// A real Apache Airflow (3.3 from .tools/airflow3-venv, 2.10 from .tools/airflow2-venv; test/setup/
// 50-airflow-venv.sh) on loopback for the Airflow adapter's live tests (issue 11), in an AIRFLOW_HOME
// under a temp dir, its web/API server in its own process group (killed as a group at the end).
//
// Lean on a shared 2-core machine: `airflow db migrate`, then `airflow dags reserialize` parses the
// DAGs folder once into the database (the DAG is "parsed" when it returns), then only the API server
// runs (Airflow 3: `airflow api-server`, its simple auth manager; Airflow 2: `airflow webserver` with
// the basic-auth API backend and one gunicorn worker). No scheduler, DAG processor or triggerer: the
// adapter only reads DAGs and runs and flips `is_paused`, which is what the API server serves.
//
// The DAG files are made the way ZenML's Airflow orchestrator makes them (facts §6): a zip holding
// ZenML's own dag generator as `dag.py` (read at test time from the installed zenml package in
// .tools/zenml-venv, not copied into this repository) and a `config.json` DagConfiguration with
// `id = <pipeline>_<32 hex>`, a cron `schedule`, `start_date`, `catchup`, one task.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './env';
import { freePort } from './zenml-server';

export const AIRFLOW_PYTHON = { 3: path.join(ROOT, '.tools', 'airflow3-venv', 'bin', 'python'), 2: path.join(ROOT, '.tools', 'airflow2-venv', 'bin', 'python') } as const;
const ZENML_PYTHON = path.join(ROOT, '.tools', 'zenml-venv', 'bin', 'python');

export interface ZenmlDag {
  dagId: string;
  pipeline: string;
  cron: string;
}

/** The fields of Airflow's answers the tests read back (DAG, DAG run, error). */
export interface AirflowBody {
  [key: string]: unknown;
  is_paused?: boolean;
  dag_run_id?: string;
  timetable_summary?: string | null;
  schedule_interval?: { value?: string } | null;
}

export interface LiveAirflow {
  major: 2 | 3;
  url: string;
  username: string;
  password: string;
  home: string;
  version: string;
  zenmlDags: ZenmlDag[];
  /** A DAG written by hand (not ZenML's): listed only with includeAll. */
  handDagId: string;
  /** The DAGs folder (ZenML's `dag_output_dir` in the recreate test). */
  dagsFolder: string;
  /** Write a DAG file the way ZenML does (in the DAGs folder; in the database after the next reparse). */
  writeZenmlDag(pipeline: string, cron: string): Promise<ZenmlDag>;
  /** Parse the DAGs folder into the database again, as the DAG processor does on its next pass. */
  reparse(): Promise<void>;
  /** Seconds each step took: migrate, reserialize (parse), server start. */
  timings: Record<string, number>;
  /** Airflow's own REST API, authenticated, for reading back (not through the adapter). */
  rest(method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: AirflowBody }>;
  stop(): Promise<void>;
}

const hex32 = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

function run(python: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python, args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(python)} ${args.join(' ')} failed: ${error.message}\n${String(stderr).slice(-3000)}`));
      else resolve(String(stdout));
    });
  });
}

/** The zip ZenML's orchestrator writes: its dag generator as dag.py + config.json. */
const MAKE_DAG_ZIP = `
import glob, json, sys, zipfile
gen, out, dag_id, cron, operator = sys.argv[1:6]
config = {"id": dag_id, "schedule": cron, "start_date": "2026-01-01T00:00:00", "end_date": None, "catchup": False, "tags": [], "dag_args": {},
          "local_stores_path": None,
          "tasks": [{"id": "trainer", "zenml_step_name": "trainer", "upstream_steps": [], "docker_image": "example/zenml:latest",
                     "command": ["python", "-m", "zenml.entrypoints.entrypoint"], "arguments": [], "operator_source": operator}]}
with zipfile.ZipFile(out, "w") as z:
    z.write(gen, arcname="dag.py")
    z.writestr("config.json", json.dumps(config))
`;

const HAND_DAG = (dagId: string) => `# A DAG written by hand, not by ZenML: listed only with includeAll.
import datetime
import airflow
try:
    from airflow.providers.standard.operators.empty import EmptyOperator
except ImportError:
    from airflow.operators.empty import EmptyOperator

with airflow.DAG(dag_id="${dagId}", schedule=datetime.timedelta(hours=6), start_date=datetime.datetime(2026, 1, 1), catchup=False):
    EmptyOperator(task_id="report")
`;

/** Python code that prints the path of ZenML's dag generator in the installed zenml package. */
function zenmlDagGenerator(): string {
  const site = fs.readdirSync(path.join(ROOT, '.tools', 'zenml-venv', 'lib')).find((d) => d.startsWith('python'));
  const file = site ? path.join(ROOT, '.tools', 'zenml-venv', 'lib', site, 'site-packages', 'zenml', 'integrations', 'airflow', 'orchestrators', 'dag_generator.py') : '';
  if (!file || !fs.existsSync(file)) throw new Error(`ZenML's Airflow dag generator is missing (${file || ZENML_PYTHON}): run npm run setup:test (test/setup/40-zenml-venv.sh).`);
  return file;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

/** What to put in the DAGs folder: by default two ZenML DAGs (train_pipeline, etl_pipeline) and the hand-written one. */
export interface AirflowDagsOptions {
  /** The ZenML-made DAGs (pipeline name and cron); each gets ZenML's `<pipeline>_<32 hex>` id. */
  zenml?: { pipeline: string; cron: string }[];
}

export async function startAirflow(major: 2 | 3, log: (line: string) => void = () => undefined, options: AirflowDagsOptions = {}): Promise<LiveAirflow> {
  const python = AIRFLOW_PYTHON[major];
  if (!fs.existsSync(python)) throw new Error(`${python} is missing: run npm run setup:test (test/setup/50-airflow-venv.sh).`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `zs-airflow${major}-`));
  const home = path.join(tmp, 'home');
  const dags = path.join(tmp, 'dags');
  fs.mkdirSync(home);
  fs.mkdirSync(dags);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AIRFLOW')));
  Object.assign(env, {
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__DAGS_FOLDER: dags,
    AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
    AIRFLOW__CORE__PARALLELISM: '2',
    AIRFLOW__LOGGING__LOGGING_LEVEL: 'WARNING',
    PYTHONDONTWRITEBYTECODE: '1',
  });
  if (major === 3) {
    Object.assign(env, { SIMPLE_AUTH_MANAGER_USERS: 'admin:admin', AIRFLOW__API__HOST: '127.0.0.1', AIRFLOW__API__PORT: String(port), AIRFLOW__API__WORKERS: '1' });
  } else {
    Object.assign(env, {
      AIRFLOW__API__AUTH_BACKENDS: 'airflow.api.auth.backend.basic_auth',
      AIRFLOW__CORE__EXECUTOR: 'SequentialExecutor',
      AIRFLOW__WEBSERVER__WEB_SERVER_HOST: '127.0.0.1',
      AIRFLOW__WEBSERVER__WEB_SERVER_PORT: String(port),
      AIRFLOW__WEBSERVER__WORKERS: '1',
      AIRFLOW__WEBSERVER__SECRET_KEY: hex32(),
    });
  }

  // The DAG files, as ZenML writes them.
  const generator = zenmlDagGenerator();
  const operator = major === 3 ? 'airflow.providers.standard.operators.empty.EmptyOperator' : 'airflow.operators.empty.EmptyOperator';
  const zenmlDags: ZenmlDag[] = (
    options.zenml ?? [
      { pipeline: 'train_pipeline', cron: '0 3 * * *' },
      { pipeline: 'etl_pipeline', cron: '*/30 6-18 * * 1-5' },
    ]
  ).map((d) => ({ pipeline: d.pipeline, dagId: `${d.pipeline}_${hex32()}`, cron: d.cron }));
  const writeZenmlDag = async (pipeline: string, cron: string): Promise<ZenmlDag> => {
    const d = { pipeline, dagId: `${pipeline}_${hex32()}`, cron };
    await run(python, ['-c', MAKE_DAG_ZIP, generator, path.join(dags, `${d.dagId}.zip`), d.dagId, d.cron, operator], env, 60_000);
    return d;
  };
  for (const d of zenmlDags) await run(python, ['-c', MAKE_DAG_ZIP, generator, path.join(dags, `${d.dagId}.zip`), d.dagId, d.cron, operator], env, 60_000);
  const handDagId = 'hand_written_report';
  fs.writeFileSync(path.join(dags, `${handDagId}.py`), HAND_DAG(handDagId));

  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const value = await step();
    timings[name] = Math.round((Date.now() - t) / 100) / 10;
    log(`airflow ${major}: ${name} ${timings[name]} s`);
    return value;
  };
  await timed('db migrate', () => run(python, ['-m', 'airflow', 'db', 'migrate'], env, 900_000));
  const password = major === 3 ? '' : `pw-${hex32().slice(0, 12)}`;
  if (major === 2) await timed('users create', () => run(python, ['-m', 'airflow', 'users', 'create', '-u', 'admin', '-p', password, '-r', 'Admin', '-f', 'Ada', '-l', 'Admin', '-e', 'admin@example.com'], env, 600_000));
  // Parse the DAGs folder once: the DAGs are in the database when this returns.
  await timed('dags reserialize (parse)', () => run(python, ['-m', 'airflow', 'dags', 'reserialize'], env, 900_000));

  const serverLog = fs.openSync(path.join(tmp, 'server.log'), 'a');
  const args = major === 3 ? ['-m', 'airflow', 'api-server', '--workers', '1'] : ['-m', 'airflow', 'webserver', '--workers', '1'];
  const child = spawn(python, args, { env, detached: true, stdio: ['ignore', serverLog, serverLog] });
  live.add(child);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
    live.delete(child);
  });

  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      const deadline = Date.now() + 20_000;
      while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      try {
        process.kill(-child.pid!, 'SIGKILL'); // its workers may ignore SIGTERM (facts §10)
      } catch {
        /* the whole group is gone */
      }
    }
    fs.closeSync(serverLog);
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const prefix = major === 3 ? '/api/v2' : '/api/v1';
  let version = '';
  try {
    await timed('server start', async () => {
      const deadline = Date.now() + 600_000;
      for (;;) {
        if (exited !== null) throw new Error(`the Airflow ${major} server exited (${exited}):\n${fs.readFileSync(path.join(tmp, 'server.log'), 'utf8').slice(-3000)}`);
        try {
          const res = await fetch(`${url}${prefix}/version`, { signal: AbortSignal.timeout(5000) });
          if (res.ok) {
            version = String(((await res.json()) as { version?: string }).version);
            return;
          }
        } catch {
          /* not up yet */
        }
        if (Date.now() > deadline) throw new Error(`the Airflow ${major} server did not answer ${prefix}/version within 10 minutes`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
  } catch (error) {
    await stop();
    throw error;
  }

  // Airflow 3's simple auth manager generates the password into this file when the API server starts.
  const finalPassword = major === 3 ? (JSON.parse(fs.readFileSync(path.join(home, 'simple_auth_manager_passwords.json.generated'), 'utf8')) as Record<string, string>).admin : password;
  let token: string | null = null;
  const authHeader = async (): Promise<string> => {
    if (major === 2) return `Basic ${Buffer.from(`admin:${finalPassword}`).toString('base64')}`;
    if (!token) {
      const res = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: finalPassword }) });
      if (res.status !== 201) throw new Error(`POST /auth/token: HTTP ${res.status} ${await res.text()}`);
      token = ((await res.json()) as { access_token: string }).access_token;
    }
    return `Bearer ${token}`;
  };
  const rest = async (method: string, apiPath: string, body?: unknown) => {
    const res = await fetch(`${url}${prefix}${apiPath}`, {
      method,
      headers: { authorization: await authHeader(), accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: (parsed && typeof parsed === 'object' ? parsed : { text: parsed }) as AirflowBody };
  };
  const reparse = async () => {
    await run(python, ['-m', 'airflow', 'dags', 'reserialize'], env, 900_000);
  };
  return { major, url, username: 'admin', password: finalPassword, home, version, zenmlDags, handDagId, dagsFolder: dags, writeZenmlDag, reparse, timings, rest, stop };
}

// `zenml-schedules schedules list|show|runs|pause|resume|update|delete`: live schedules
// through the adapters (one interface; nothing here branches on the kind of source).
// JSON shapes and exit codes as contracts.md says: 0 done and read back, 1 refused or
// partial, 2 usage (or a NAME_OR_ID in several sources), 3 unreachable or unauthorised.

import type { AdapterError } from '../adapters/errors';
import { exitCodeOf } from '../adapters/errors';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAdapter, type AdapterDependencies } from '../adapters/registry';
import { gcloudTokenProvider, staticTokenProvider } from '../adapters/tokens';
import type { ChangeReport, LiveRun, LiveSchedule, ScheduleAdapter } from '../adapters/types';
import type { ZenmlClientBridge } from '../adapters/zenmlClientBridge';
import { describeDifference } from '../workspace/drift';
import { stateWarning, stateWords } from '../workspace/liveState';
import { resumePreview, type ResumePreview } from '../workspace/resumePreview';
import { executeRecreate, planRecreate, planText, type RecordArchiver, type RecreatePlan } from '../workspace/recreate';
import { createScheduleNow } from '../zenml/createRun';
import { buildLiveRows, listEverySchedule, refreshAll, type LiveRow } from '../workspace/liveModel';
import { changeLive, findRecord, mergeLiveGroups, type LiveAction } from '../workspace/liveMerge';
import { EXIT_OK, EXIT_USAGE, UsageError, flag, isoUtc, parseCommandArgs, parseCount, stringOption } from './args';
import { resolveConnections } from './connections';
import { alignColumns, formatInstant, plural } from './format';
import type { CliIo } from './io';

export const SCHEDULES_HELP = `Usage: zenml-schedules schedules <command> [NAME_OR_ID] [options]

Live schedules on ZenML servers and orchestrators (Kubernetes, Airflow, Kubeflow,
Vertex AI, Databricks): what really runs, its health, and changes that really happen
(read back from where the schedule fires before they are reported).

Commands:
  list                     every schedule, with state, health, next and last run
  show NAME_OR_ID          one schedule in detail, with its last runs
  runs NAME_OR_ID          its last runs (--limit N, default 10)
  pause NAME_OR_ID         stop it firing where it fires (a Kubernetes CronJob with a ZenML record:
                           through ZenML's client; otherwise the orchestrator's API)
  resume NAME_OR_ID        let it fire again (--catch-up / --no-catch-up where the orchestrator
                           lets you choose, e.g. Vertex AI)
  update NAME_OR_ID --cron EXPR   change its cron expression (validated in the orchestrator's dialect)
  recreate NAME --cron EXPR  change a schedule the orchestrator cannot update (Airflow, …) by
                           ZenML's recipe: pause and delete it where it fires, archive the ZenML
                           record, run the pipeline again with the new schedule (--file FILE, with
                           --python). Prints the plan and the diff; --yes carries it out
  delete NAME_OR_ID --yes  ZenML: archive it (--purge: delete it for good); an orchestrator's
                           schedule: delete it there, where the orchestrator allows it

Options:
  --connections FILE       a JSON array of connections ({"name","type",…fields}; secrets only
                           as environment variable names: apiKeyEnv, tokenEnv, usernameEnv +
                           passwordEnv, cookieEnv; a github connection without tokenEnv reads
                           GITHUB_TOKEN)
  --source NAME            only this connection
  --zenml-url URL          one ZenML server (instead of --connections)
  --api-key-env NAME       the environment variable that holds its API key
  --python PATH            the Python with ZenML that carries out Kubernetes changes (default python3)
  --file FILE              recreate: the Python file that defines the pipeline (to run it again)
  --all                    list: include archived schedules
  --json                   print JSON
  -h, --help               show this help

Without --connections or --zenml-url: ZENML_STORE_URL + ZENML_STORE_API_KEY, else the
server \`zenml login\` connected to.
Exit: 0 done (and read back), 1 refused or partial, 2 usage, 3 unreachable or unauthorised.
`;

export interface SchedulesDeps {
  env?: NodeJS.ProcessEnv;
  /** Builds ZenML's client bridge for a Python interpreter (the CLI's --python). */
  bridgeFor?: (python: string) => ZenmlClientBridge | undefined;
  fetch?: AdapterDependencies['fetch'];
  timeoutMs?: number;
  /** Whether a person can answer a question (stdin is a TTY), and the question. */
  confirm?: (question: string) => Promise<boolean>;
  interactive?: boolean;
}

type Subcommand = 'list' | 'show' | 'runs' | 'pause' | 'resume' | 'update' | 'delete' | 'recreate';
const SUBCOMMANDS: readonly Subcommand[] = ['list', 'show', 'runs', 'pause', 'resume', 'update', 'delete', 'recreate'];

function errorLine(e: AdapterError): string {
  return `${e.source ? `${e.source}: ` : ''}${e.message}`;
}

/**
 * The face's words for what the user can do, per error code (the adapters say what happened). A ZenML
 * server has shortcuts of its own (--zenml-url, ZENML_STORE_*, `zenml login`); other connections are
 * fixed in the --connections file.
 */
function remedy(e: AdapterError, zenml: boolean): string {
  switch (e.code) {
    case 'unreachable':
    case 'timeout':
      return zenml
        ? 'Check the URL and that the server is running (--zenml-url, ZENML_STORE_URL or --connections).'
        : `Check the connection's url (or kubeconfig) in --connections and that the server is running.`;
    case 'unauthorized':
      return zenml
        ? 'Give a valid service-account API key (--api-key-env NAME, ZENML_STORE_API_KEY) or run `zenml login` again.'
        : 'Check the credentials the connection names in --connections (tokenEnv, usernameEnv + passwordEnv, cookieEnv) and that those variables are set.';
    case 'forbidden':
      return 'Use an account that may change this schedule.';
    case 'version-too-old':
      return 'Upgrade the ZenML server.';
    default:
      return '';
  }
}

/** `zenmlNames`: the connections that are ZenML servers (their remedies name ZenML's own shortcuts). */
function printError(io: CliIo, e: AdapterError, zenmlNames: ReadonlySet<string>): void {
  const fix = remedy(e, !e.source || zenmlNames.has(e.source));
  io.stderr(`error: ${errorLine(e)}${fix ? `\n  ${fix}` : ''}\n`);
}

function listedJson(row: LiveRow) {
  const s = row.schedule;
  return {
    source: row.source,
    id: s.id,
    name: s.name,
    pipeline: s.pipeline,
    orchestrator: s.orchestrator,
    kind: s.kind,
    zenmlId: s.zenmlId,
    expression: s.expression,
    intervalSeconds: s.intervalSeconds,
    dialect: row.dialect,
    timeZone: s.timeZone,
    state: s.state,
    // Extra keys (contracts.md allows them): the state in the words every face uses, and why when a
    // record says paused while its orchestrator may still fire ("record inactive — may still fire").
    stateText: stateWords(s),
    stateWarning: stateWarning(s),
    health: row.health.health,
    nextRun: row.nextRuns.length ? isoUtc(row.nextRuns[0]) : null,
    lastRun: row.health.lastRun ? { status: row.health.lastRun.status, created: isoUtc(row.health.lastRun.created) } : null,
  };
}

function runJson(r: LiveRun) {
  return { id: r.id, name: r.name ?? null, status: r.status, created: isoUtc(r.created), url: r.url ?? null };
}

function when(d: Date | null | undefined): string {
  return d ? formatInstant(d, 'UTC') : '-';
}

export async function runSchedules(argv: string[], io: CliIo, deps: SchedulesDeps = {}): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    connections: { type: 'string' },
    source: { type: 'string' },
    'zenml-url': { type: 'string' },
    'api-key-env': { type: 'string' },
    python: { type: 'string' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    cron: { type: 'string' },
    file: { type: 'string' },
    limit: { type: 'string' },
    purge: { type: 'boolean' },
    yes: { type: 'boolean' },
    'catch-up': { type: 'boolean' },
    'no-catch-up': { type: 'boolean' },
  });
  const [sub, target, ...extra] = parsed.positionals;
  if (flag(parsed, 'help') || sub === undefined) {
    if (sub === undefined && !flag(parsed, 'help')) {
      io.stderr(SCHEDULES_HELP);
      return EXIT_USAGE;
    }
    io.stdout(SCHEDULES_HELP);
    return EXIT_OK;
  }
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`unknown schedules command '${sub}': use one of ${SUBCOMMANDS.join(', ')}`);
  const command = sub as Subcommand;
  if (command === 'list' && target !== undefined) throw new UsageError('schedules list takes no NAME_OR_ID');
  if (command !== 'list' && target === undefined) throw new UsageError(`schedules ${command} needs a NAME_OR_ID`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`);
  if ((command === 'update' || command === 'recreate') && !stringOption(parsed, 'cron')) throw new UsageError(`schedules ${command} needs --cron EXPR`);
  if (command !== 'update' && command !== 'recreate' && stringOption(parsed, 'cron')) throw new UsageError('--cron goes with schedules update or recreate');
  if (command !== 'recreate' && stringOption(parsed, 'file')) throw new UsageError('--file goes with schedules recreate');
  if (parsed.values.purge && command !== 'delete') throw new UsageError('--purge goes with schedules delete');
  if (flag(parsed, 'catch-up') && flag(parsed, 'no-catch-up')) throw new UsageError('--catch-up and --no-catch-up cannot be used together');
  const limit = stringOption(parsed, 'limit') ? parseCount(stringOption(parsed, 'limit')!, '--limit', 1000) : 10;
  const json = flag(parsed, 'json');
  const env = deps.env ?? process.env;

  const resolved = resolveConnections(
    { connectionsFile: stringOption(parsed, 'connections'), zenmlUrl: stringOption(parsed, 'zenml-url'), apiKeyEnv: stringOption(parsed, 'api-key-env') },
    env,
  );
  let connections = resolved.connections;
  const source = stringOption(parsed, 'source');
  if (source) {
    connections = connections.filter((c) => c.name === source);
    if (!connections.length) throw new UsageError(`--source: no connection named '${source}' (have: ${resolved.connections.map((c) => c.name).join(', ')})`);
  }
  const zenmlNames = new Set(connections.filter((c) => c.type === 'zenml').map((c) => c.name));
  const python = stringOption(parsed, 'python') ?? 'python3';
  const adapterDeps: AdapterDependencies = {
    secrets: async (c) => resolved.secrets.get(c.name) ?? null,
    zenmlClientBridge: deps.bridgeFor?.(python),
    // Vertex AI without a token: gcloud's (run on first use, cached); Databricks profiles from ~/.databrickscfg.
    gcloudToken: gcloudTokenProvider({ env }),
    // GitHub connections without a tokenEnv: the GITHUB_TOKEN environment variable.
    githubToken: staticTokenProvider('the GITHUB_TOKEN environment variable', async () => env.GITHUB_TOKEN),
    databricksConfig: async () => {
      const file = env.DATABRICKS_CONFIG_FILE || path.join(env.HOME || os.homedir(), '.databrickscfg');
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
  };
  const adapters: ScheduleAdapter[] = [];
  const setupErrors: AdapterError[] = [];
  for (const c of connections) {
    const made = createAdapter(c, adapterDeps);
    if (made.ok) adapters.push(made.value);
    else setupErrors.push(made.error);
  }
  const now = io.now();

  if (command === 'list') {
    // A live orchestrator schedule and its ZenML record are one row, under the orchestrator's connection.
    const merge = mergeLiveGroups(await refreshAll(adapters, { now, includeArchived: flag(parsed, 'all') }));
    const groups = merge.groups;
    const errors = [...setupErrors, ...groups.flatMap((g) => (g.error ? [g.error] : []))];
    const rows = groups.flatMap((g) => g.rows);
    if (json) {
      io.stdout(JSON.stringify({ schedules: rows.map(listedJson), errors: errors.map((e) => ({ source: e.source ?? null, code: e.code, message: e.message })) }, null, 2) + '\n');
    } else {
      for (const g of groups) {
        const label = `${g.source} (${g.type})`;
        if (g.error) continue;
        const note = merge.notes.get(g.source);
        io.stdout(`${label}: ${plural(g.rows.length, 'schedule')}${note ? ` (${note})` : ''}\n`);
        const table = g.rows.map((r) => [
          `  ${r.schedule.name}`,
          r.schedule.pipeline ?? '-',
          r.schedule.orchestrator ?? '-',
          r.schedule.expression ?? (r.schedule.intervalSeconds ? `every ${r.schedule.intervalSeconds}s` : '-'),
          stateWords(r.schedule),
          r.health.health,
          r.nextRuns.length ? `next ${when(r.nextRuns[0])}` : 'no next run',
          r.health.lastRun ? `last ${r.health.lastRun.status} ${when(r.health.lastRun.created)}` : 'no runs',
        ]);
        if (table.length) io.stdout(alignColumns(table).join('\n') + '\n');
        for (const r of g.rows) {
          const caveat = stateWarning(r.schedule);
          if (caveat) io.stdout(`  warning: ${r.schedule.name}: ${caveat}\n`);
        }
      }
      for (const e of errors) printError(io, e, zenmlNames);
    }
    if (errors.length === 0) return EXIT_OK;
    const allFailed = errors.length >= connections.length;
    if (allFailed && errors.every((e) => exitCodeOf(e) === 3)) return 3;
    return 1;
  }

  // One schedule: find it in every selected source.
  const found: { adapter: ScheduleAdapter; schedule: LiveSchedule }[] = [];
  const lookErrors: AdapterError[] = [...setupErrors];
  await Promise.all(
    adapters.map(async (adapter) => {
      const got = await adapter.get(target!);
      if (got.ok) found.push({ adapter, schedule: got.value });
      else if (got.error.code !== 'not-found') lookErrors.push(got.error);
    }),
  );
  if (found.length > 1) {
    io.stderr(`error: '${target}' matches in ${found.length} sources: ${found.map((f) => `${f.adapter.name} (${f.schedule.id})`).join(', ')}\n  Pick one with --source NAME.\n`);
    return EXIT_USAGE;
  }
  if (found.length === 0) {
    for (const e of lookErrors) printError(io, e, zenmlNames);
    if (lookErrors.length && lookErrors.length >= adapters.length + setupErrors.length && lookErrors.every((e) => exitCodeOf(e) === 3)) return 3;
    io.stderr(`error: no schedule '${target}' in ${adapters.map((a) => a.name).join(', ') || 'any source'}\n`);
    return 1;
  }
  const { adapter } = found[0];
  let schedule = found[0].schedule;
  // A ZenML-made orchestrator schedule: find its ZenML record (for the change path and the JSON's zenmlId).
  let zenmlAdapter: ScheduleAdapter | null = null;
  if (adapter.type !== 'zenml' && schedule.match?.madeByZenml) {
    for (const z of adapters.filter((a) => a.type === 'zenml')) {
      const records = await listEverySchedule(z, {});
      const hit = records.ok ? findRecord(schedule, adapter.type, records.value) : null;
      if (hit) {
        schedule = { ...schedule, zenmlId: hit.record.id, matchedBy: hit.matchedBy };
        zenmlAdapter = z;
        break;
      }
    }
  }

  if (command === 'show' || command === 'runs') {
    const runs = adapter.runs ? await adapter.runs(schedule.id, { limit }) : null;
    if (runs && !runs.ok) {
      printError(io, runs.error, zenmlNames);
      return exitCodeOf(runs.error);
    }
    const runList = runs?.value ?? [];
    if (command === 'runs') {
      if (json) io.stdout(JSON.stringify({ source: adapter.name, schedule: schedule.id, runs: runList.map(runJson) }, null, 2) + '\n');
      else if (!runList.length) io.stdout(`${schedule.name}: no runs\n`);
      else io.stdout(alignColumns(runList.map((r) => [r.name ?? r.id, r.status, when(r.created), r.url ?? ''])).join('\n') + '\n');
      return EXIT_OK;
    }
    const [row] = buildLiveRows(adapter.name, [schedule], new Map([[schedule.id, runList]]), { now, runsPerRow: limit });
    if (json) {
      io.stdout(
        JSON.stringify(
          {
            ...listedJson(row),
            description: row.description,
            nextRuns: row.nextRuns.map(isoUtc),
            startTime: schedule.startTime ? isoUtc(schedule.startTime) : null,
            endTime: schedule.endTime ? isoUtc(schedule.endTime) : null,
            healthReason: row.health.reason,
            missedRuns: row.health.missed,
            silentSince: row.health.silentSince ? isoUtc(row.health.silentSince) : null,
            changes: schedule.changes ?? null,
            details: schedule.details,
            warnings: schedule.warnings,
            runs: row.runs.map(runJson),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      const lines = [
        `${schedule.name}  (${adapter.name})`,
        `  pipeline:      ${schedule.pipeline ?? '-'}`,
        `  orchestrator:  ${schedule.orchestrator ?? 'unknown'}`,
        `  trigger:       ${schedule.expression ?? (schedule.intervalSeconds ? `every ${schedule.intervalSeconds}s` : schedule.runOnceTime ? `once at ${when(schedule.runOnceTime)}` : '-')} — ${row.description}`,
        `  state:         ${stateWords(schedule)}`,
        `  health:        ${row.health.health} (${row.health.reason})`,
        `  next runs:     ${row.nextRuns.length ? row.nextRuns.map(when).join(', ') : 'none'}`,
        ...(schedule.changes?.reason ? [`  changes:       ${schedule.changes.reason}`] : schedule.changes?.via ? [`  changes:       ${schedule.changes.via}`] : []),
        ...Object.entries(schedule.details).map(([k, v]) => `  ${`${k}:`.padEnd(15)}${v}`),
        ...schedule.warnings.map((w) => `  warning:       ${w}`),
        ...(row.runs.length ? ['  last runs:', ...alignColumns(row.runs.map((r) => [`    ${r.name ?? r.id}`, r.status, when(r.created)]))] : ['  last runs:     none']),
      ];
      if (row.drift && row.drift.differences.length) lines.push(...row.drift.differences.map((d) => `  drift:         ${describeDifference(d)}`));
      io.stdout(lines.join('\n') + '\n');
    }
    return EXIT_OK;
  }

  if (command === 'recreate') {
    return recreateCommand(io, { adapter, zenml: zenmlAdapter, schedule, now, json, yes: flag(parsed, 'yes'), cron: stringOption(parsed, 'cron')!, file: stringOption(parsed, 'file'), python, env, zenmlNames });
  }

  // Changes.
  if (command === 'delete' && !flag(parsed, 'yes')) {
    const what = parsed.values.purge ? `delete '${schedule.name}' for good (purge)` : `archive '${schedule.name}'`;
    if (!deps.interactive || !deps.confirm) {
      io.stderr(`error: schedules delete would ${what} on ${adapter.name}; this terminal cannot ask, so pass --yes to confirm.\n`);
      return EXIT_USAGE;
    }
    if (!(await deps.confirm(`${what[0].toUpperCase()}${what.slice(1)} on ${adapter.name}? [y/N] `))) {
      io.stderr('Nothing was changed.\n');
      return 1;
    }
  }
  if (command === 'resume' && (flag(parsed, 'catch-up') || flag(parsed, 'no-catch-up')) && !json && !adapter.capabilities.resumeCatchUp) {
    io.stderr(`note: ${adapter.name} resumes as its orchestrator does (Kubernetes starts at most the most recent missed run); --catch-up / --no-catch-up is not applied there.\n`);
  }
  const action: LiveAction =
    command === 'update'
      ? { action: 'update', expression: stringOption(parsed, 'cron')! }
      : command === 'delete'
        ? { action: 'delete', purge: parsed.values.purge === true }
        : command === 'resume'
          ? { action: 'resume', ...(flag(parsed, 'catch-up') ? { catchUp: true } : flag(parsed, 'no-catch-up') ? { catchUp: false } : {}) }
          : { action: command };
  // Resume: say first what resuming will start for the paused period (issue 15 §2, resume preview).
  let preview: ResumePreview | null = null;
  if (command === 'resume') {
    const previewOptions = {
      now,
      choiceAllowed: adapter.capabilities.resumeCatchUp === true,
      ...(flag(parsed, 'catch-up') ? { catchUp: true } : flag(parsed, 'no-catch-up') ? { catchUp: false } : {}),
    };
    preview = resumePreview(schedule, previewOptions);
    // The pause time unknown: count from the newest run when the source lists runs.
    if (preview.since === null && schedule.state === 'paused' && adapter.runs) {
      const recent = await adapter.runs(schedule.id, { limit: 1 });
      if (recent.ok && recent.value.length) preview = resumePreview(schedule, { ...previewOptions, lastRun: recent.value[0].created });
    }
    if (!json) io.stdout(`preview: ${preview.words}\n`);
  }
  const result = await changeLive(schedule, adapter, zenmlAdapter, action);
  const report: ChangeReport = result.ok ? result.value : { changed: [], unchanged: [{ where: `${adapter.name}: ${schedule.name}`, why: result.error.message }] };
  if (json) {
    io.stdout(JSON.stringify({ changed: report.changed, unchanged: report.unchanged, ...(preview ? { preview: previewJson(preview) } : {}) }, null, 2) + '\n');
  } else {
    if (report.changed.length) io.stdout(report.changed.map((c) => `${c.where} ${c.what}`).join('; ') + '\n');
    for (const u of report.unchanged) io.stdout(`not changed: ${u.where}: ${u.why}\n`);
    if (!result.ok) {
      const fix = remedy(result.error, adapter.type === 'zenml');
      if (fix) io.stderr(`  ${fix}\n`);
    }
  }
  if (!result.ok) return exitCodeOf(result.error);
  return report.unchanged.length ? 1 : EXIT_OK;
}

/** The resume preview in `--json` (dates as ISO strings). */
function previewJson(p: ResumePreview): Record<string, unknown> {
  return {
    orchestrator: p.orchestrator,
    since: p.since ? isoUtc(p.since) : null,
    sinceWhat: p.sinceWhat,
    missedRuns: p.missedRuns,
    missedCapped: p.missedCapped,
    runsThatWillStart: p.runsThatWillStart,
    choice: p.choice,
    ...(p.choice === 'catch-up' ? { withCatchUp: p.withCatchUp ?? null, withoutCatchUp: p.withoutCatchUp ?? null } : {}),
    words: p.words,
  };
}

/** `schedules recreate NAME --cron EXPR [--file FILE] [--yes]`: the plan first; with --yes, carried out step by step. */
async function recreateCommand(
  io: CliIo,
  a: { adapter: ScheduleAdapter; zenml: ScheduleAdapter | null; schedule: LiveSchedule; now: Date; json: boolean; yes: boolean; cron: string; file?: string; python: string; env: NodeJS.ProcessEnv; zenmlNames: ReadonlySet<string> },
): Promise<number> {
  const file = a.file ? path.resolve(a.file) : undefined;
  if (file && !fs.existsSync(file)) throw new UsageError(`--file: no such file ${a.file}`);
  const planned = planRecreate({
    schedule: a.schedule,
    adapter: a.adapter,
    zenml: a.zenml as RecordArchiver | null,
    cron: a.cron,
    now: a.now,
    rerun: file ? { file, python: a.python } : { unavailable: 'no --file given (the Python file that defines the pipeline)' },
  });
  if (!planned.ok) {
    if (a.json) io.stdout(JSON.stringify({ changed: [], unchanged: [{ where: `${a.adapter.name}: ${a.schedule.name}`, why: planned.message }], error: { code: planned.code, message: planned.message } }, null, 2) + '\n');
    else io.stderr(`error: ${planned.message}\n`);
    return 1;
  }
  const plan = planned.plan;
  if (!a.yes) {
    if (a.json) io.stdout(JSON.stringify({ changed: [], unchanged: [], plan: planJson(plan) }, null, 2) + '\n');
    else io.stdout(`${planText(plan)}\n\nNothing was changed. Run again with --yes to carry it out.\n`);
    return EXIT_OK;
  }
  if (!a.json) io.stdout(`${planText(plan)}\n\n`);
  const result = await executeRecreate(plan, {
    adapter: a.adapter,
    zenml: a.zenml as RecordArchiver | null,
    rerun: file
      ? (schedule, options) =>
          createScheduleNow({ pythonPath: a.python, cwd: path.dirname(file), file, pipeline: plan.pipeline!, schedule, env: a.env, signal: options.signal, onStderr: a.json ? undefined : (chunk) => io.stderr(chunk) })
      : undefined,
    onProgress: a.json ? undefined : (step, status, outcome) => {
      if (status === 'running') io.stdout(`step ${step.n}: ${step.what} …\n`);
      else io.stdout(`step ${step.n}: ${status}${outcome?.message ? ` (${outcome.message})` : ''}${outcome?.changed.length ? ` — ${outcome.changed.map((c) => `${c.where} ${c.what}`).join('; ')}` : ''}\n`);
    },
  });
  if (a.json) {
    io.stdout(JSON.stringify({ changed: result.report.changed, unchanged: result.report.unchanged, state: result.state, steps: result.outcomes, finishByHand: result.finishByHand, words: result.words, plan: planJson(plan) }, null, 2) + '\n');
  } else {
    io.stdout(`\n${result.state}: ${result.words}\n`);
  }
  if (result.state === 'done') return EXIT_OK;
  // Nothing happened because the source could not be reached or refused the credentials: 3, as for the other change commands.
  const failed = result.outcomes.find((o) => o.status === 'failed');
  if (failed?.error && result.outcomes.every((o) => o.status !== 'done') && exitCodeOf(failed.error) === 3) {
    const fix = remedy(failed.error, a.zenmlNames.has(failed.error.source ?? ''));
    if (fix) io.stderr(`  ${fix}\n`);
    return 3;
  }
  return 1;
}

function planJson(plan: RecreatePlan): Record<string, unknown> {
  const sideJson = (x: RecreatePlan['before']) => ({ expression: x.expression, description: x.description, timeZone: x.timeZone, dialect: x.dialect, nextRuns: x.nextRuns.map(isoUtc) });
  return {
    source: plan.source,
    id: plan.scheduleId,
    name: plan.name,
    pipeline: plan.pipeline,
    zenmlId: plan.zenmlId,
    steps: plan.steps,
    before: sideJson(plan.before),
    after: sideJson(plan.after),
    codeChange: plan.codeChange,
    rerunCommand: plan.rerunCommand,
    warnings: plan.warnings,
  };
}

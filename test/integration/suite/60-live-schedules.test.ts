// Live schedules in the real extension host, against a real ZenML server (zenml[server]==0.98.0)
// with authentication on, a Kubernetes orchestrator whose CronJobs live on a loopback Kubernetes
// API server, and an Airflow one. test/integration/run-live.ts starts them, seeds the schedules and
// passes their coordinates in ZS_LIVE (JSON); without it this file is skipped (the plain
// integration run has no server).

import * as assert from 'node:assert/strict';
import { startFaultProxy } from '../../servers/fault-proxy';
import * as vscode from 'vscode';
import { activateExtension, markdownOf, positionOf, sleep, waitFor, workspaceRoot, type ExtensionApi } from './helpers';

interface LiveEnv {
  url: string;
  apiKey: string;
  k8sUrl: string;
  k8sToken: string;
  /** A kubeconfig for the extension's Kubernetes adapter (issue 11). */
  k8sKubeconfig?: string;
  projectId: string;
  kubernetesId: string;
  pipelines: Record<string, string>;
  schedules: Record<'nightly' | 'hourly' | 'airflow' | 'failing', { id: string; name: string; cronJob?: string }>;
  /** Create 1,000 more schedules and measure the extension host's memory (run-live sets it). */
  bulk?: boolean;
  /** The real Airflow 3 run-live started, with one ZenML-made DAG; or why it did not start (issue 11). */
  airflow?: { url: string; username: string; password: string; dagId: string } | { error: string };
  /** The loopback GitHub REST API with one ZenML-made scheduled workflow, also in the workspace (issue 15). */
  github?: { url: string; token: string; repository: string; workflowId: string; path: string };
}

const live: LiveEnv | undefined = process.env.ZS_LIVE ? (JSON.parse(process.env.ZS_LIVE) as LiveEnv) : undefined;
const CONNECTION = 'test-server';

type Node = { type: string; sourceId: string; row?: { scheduleId: string; label: string; contextValue: string }; id?: string; run?: { status: string } };
interface LiveApi extends ExtensionApi {
  live: {
    source(name: string): { settled(): Promise<void>; id: string; error?: { code: string; message: string } } | undefined;
    configured(): { connections: { name: string }[] };
    hasSecret(name: string): Promise<boolean>;
  };
}

async function api(): Promise<LiveApi> {
  return (await activateExtension()) as LiveApi;
}

/** The suite's connection (added here when a --grep left out the test that adds it), once loaded. */
async function connectionSource(a: LiveApi) {
  assert.ok(live);
  if (!a.live.source(CONNECTION)) {
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: CONNECTION, type: 'zenml', url: live.url, secret: live.apiKey });
  }
  const source = await waitFor('the connection source', () => a.live.source(CONNECTION));
  await source.settled();
  return source;
}

/** Every node of the view, depth first (schedule rows are not expanded unless `expand`). */
async function nodes(a: LiveApi, expand = false): Promise<Node[]> {
  const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
  const out: Node[] = [];
  const walk = async (node?: Node) => {
    for (const child of ((await provider.getChildren(node)) ?? []) as Node[]) {
      out.push(child);
      if (child.type !== 'schedule' || expand) await walk(child);
    }
  };
  await walk();
  return out;
}

async function row(a: LiveApi, name: string): Promise<{ node: Node; item: vscode.TreeItem }> {
  const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
  const node = (await nodes(a)).find((n) => n.type === 'schedule' && n.row?.label === name);
  assert.ok(node, `no row "${name}" in the view`);
  return { node, item: await provider.getTreeItem(node) };
}

const iconOf = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon | undefined)?.id;

/** The schedule as the server has it now (REST, logged in with the service account's key). */
async function serverSchedule(id: string): Promise<{ name: string; body: { active: boolean; cron_expression: string | null; is_archived: boolean } }> {
  assert.ok(live);
  const login = await fetch(`${live.url}/api/v1/login`, { method: 'POST', body: new URLSearchParams({ password: live.apiKey }) });
  const { access_token } = (await login.json()) as { access_token: string };
  const res = await fetch(`${live.url}/api/v1/schedules/${id}`, { headers: { authorization: `Bearer ${access_token}` } });
  assert.equal(res.status, 200, `GET schedule ${id}`);
  return (await res.json()) as { name: string; body: { active: boolean; cron_expression: string | null; is_archived: boolean } };
}

/** The CronJob as the loopback Kubernetes API server has it now. */
async function cronJob(name: string): Promise<{ spec: { suspend?: boolean; schedule: string } }> {
  assert.ok(live);
  const res = await fetch(`${live.k8sUrl}/apis/batch/v1/namespaces/zenml/cronjobs/${name}`, { headers: { authorization: `Bearer ${live.k8sToken}` } });
  assert.equal(res.status, 200, `GET CronJob ${name}`);
  return (await res.json()) as { spec: { suspend?: boolean; schedule: string } };
}

describe('Live schedules from a real ZenML server', function () {
  this.timeout(240_000);

  before(function () {
    if (!live) this.skip();
  });

  it('Connect stores the API key in secret storage, never in settings, and the view lists the server\'s schedules by pipeline', async () => {
    assert.ok(live);
    const a = await api();
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: CONNECTION, type: 'zenml', url: live.url, secret: live.apiKey });
    const stored = vscode.workspace.getConfiguration('zenmlSchedules').inspect<unknown[]>('connections')?.globalValue ?? [];
    assert.deepEqual(stored, [{ name: CONNECTION, type: 'zenml', url: live.url }]);
    assert.ok(!JSON.stringify(stored).includes(live.apiKey), 'the API key is in settings');
    assert.equal(await a.live.hasSecret(CONNECTION), true);

    const source = await waitFor('the connection source', () => a.live.source(CONNECTION));
    await source.settled();
    assert.equal(source.error, undefined, `the connection failed: ${source.error?.message}`);
    const all = await nodes(a);
    const groups = all.filter((n) => n.type === 'pipeline' && n.sourceId === source.id);
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    const groupLabels = await Promise.all(groups.map(async (g) => (await provider.getTreeItem(g)).label));
    for (const pipeline of ['train', 'report', 'etl']) assert.ok(groupLabels.includes(pipeline), `no group for pipeline ${pipeline}: ${groupLabels.join(', ')}`);
    for (const s of Object.values(live.schedules)) {
      const { item } = await row(a, s.name);
      assert.match(String(item.description), /^(active|paused) · (ok|failing|silent|unknown) · /, `${s.name}: ${String(item.description)}`);
    }
    const nightly = await row(a, live.schedules.nightly.name);
    assert.match(String(nightly.item.description), /At 03:00 · next /);
    assert.match(nightly.item.contextValue ?? '', /\bpausable\b/);
    assert.doesNotMatch(nightly.item.contextValue ?? '', /\bresumable\b/);
    const tooltip = (nightly.item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /Kubernetes/);
    assert.match(tooltip, new RegExp(live.schedules.nightly.id.replace(/-/g, '\\\\?-')));
    assert.match(tooltip, /Next runs/);
  });

  it('a schedule whose last run failed shows its failure, and expanding it lists its runs', async () => {
    assert.ok(live);
    const a = await api();
    const { node, item } = await row(a, live.schedules.failing.name);
    assert.equal(iconOf(item), 'error');
    assert.match(String(item.description), /· failing ·/);
    assert.match((item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1'), /failed at/);
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    const runs = ((await provider.getChildren(node)) ?? []) as Node[];
    assert.ok(runs.length >= 2, `runs: ${JSON.stringify(runs.map((r) => r.type))}`);
    const runItems = await Promise.all(runs.map((r) => provider.getTreeItem(r)));
    assert.match(String(runItems[0].description), /^failed · /);
    assert.ok(runItems.some((r) => /^completed · /.test(String(r.description))));
  });

  it('the timeline draws the connection\'s schedules in its own lanes, the failing one marked; a live mark reveals its row', async () => {
    assert.ok(live);
    const a = await api();
    await connectionSource(a);
    type Lane = { id: string; label: string; source: string; orchestrator: string | null; runs: number; flags: string[] };
    const snapshot = await waitFor('the connection\'s lanes on the timeline', async () => {
      const s = await vscode.commands.executeCommand<{ lanes: Lane[] }>('zenmlSchedules.showTimeline', { hours: 24 });
      return s.lanes.some((l) => l.source === CONNECTION) ? s : undefined;
    });
    const lanes = snapshot.lanes.filter((l) => l.source === CONNECTION);
    const nightly = lanes.find((l) => l.label === live.schedules.nightly.name);
    assert.ok(nightly, JSON.stringify(lanes));
    assert.equal(nightly.orchestrator, 'kubernetes');
    assert.equal(nightly.runs, 1, 'At 03:00 runs once in 24 hours');
    const failing = lanes.find((l) => l.label === live.schedules.failing.name);
    assert.ok(failing?.flags.includes('failing'), JSON.stringify(failing));
    // The view can only draw (and reveal into) nodes whose ids are unique: VS Code drops a level with a repeated id.
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    const ids = await Promise.all((await nodes(a)).map(async (n) => (await provider.getTreeItem(n)).id ?? ''));
    assert.deepEqual(ids.filter((id, i) => id && ids.indexOf(id) !== i), [], `repeated tree ids: ${JSON.stringify(ids)}`);
    assert.equal(await vscode.commands.executeCommand<boolean>('zenmlSchedules.openTimelineSchedule', nightly.id), true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('pausing a Kubernetes schedule from the tree suspends its CronJob, sets the record inactive and swaps the row to paused', async () => {
    assert.ok(live);
    const a = await api();
    const { id, name, cronJob: job } = live.schedules.nightly;
    assert.ok(job);
    await a.live.source(CONNECTION)?.settled();
    const before = await row(a, name);
    const idsBefore = (await nodes(a)).map((n) => `${n.type}:${n.id ?? n.row?.scheduleId ?? (n as { group?: { id: string } }).group?.id}`);
    await vscode.commands.executeCommand('zenmlSchedules.pauseSchedule', before.node);
    assert.equal((await serverSchedule(id)).body.active, false, 'the server still says active');
    assert.equal((await cronJob(job)).spec.suspend, true, 'the CronJob is not suspended');
    const after = await waitFor('the paused row', async () => {
      const r = await row(a, name);
      return /^paused · /.test(String(r.item.description)) ? r : undefined;
    });
    assert.equal(iconOf(after.item), 'debug-pause');
    assert.match(after.item.contextValue ?? '', /\bresumable\b/);
    assert.doesNotMatch(after.item.contextValue ?? '', /\bpausable\b/);
    assert.equal(after.item.id, before.item.id, 'the row id changed (expansion and selection would be lost)');
    await a.live.source(CONNECTION)?.settled();
    assert.deepEqual((await nodes(a)).map((n) => `${n.type}:${n.id ?? n.row?.scheduleId ?? (n as { group?: { id: string } }).group?.id}`), idsBefore);

    await vscode.commands.executeCommand('zenmlSchedules.resumeSchedule', after.node, 'resume');
    assert.equal((await serverSchedule(id)).body.active, true);
    assert.equal((await cronJob(job)).spec.suspend, false);
    await waitFor('the active row', async () => /^active · /.test(String((await row(a, name)).item.description)));
  });

  it('connecting again under the same name keeps the group and its rows in place while it reloads', async () => {
    assert.ok(live);
    const a = await api();
    const source = a.live.source(CONNECTION);
    assert.ok(source);
    await source.settled();
    const ids = async () => (await nodes(a)).filter((n) => n.type === 'schedule').map((n) => n.row?.scheduleId).sort();
    const before = await ids();
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: CONNECTION, type: 'zenml', url: live.url, secret: live.apiKey });
    // The same source object (not a new one that starts from "Loading…"), and every row still there.
    assert.equal(a.live.source(CONNECTION), source, 'the source was replaced');
    assert.deepEqual(await ids(), before);
    await source.settled();
    assert.deepEqual(await ids(), before);
  });

  it('update validates in the orchestrator dialect before sending, then changes the CronJob and the record', async () => {
    assert.ok(live);
    const a = await api();
    const { id, name, cronJob: job } = live.schedules.hourly;
    assert.ok(job);
    // Kubernetes (robfig) has no seconds field: six fields are refused here and nothing is sent.
    await vscode.commands.executeCommand('zenmlSchedules.updateSchedule', (await row(a, name)).node, '0 0 5 * * *');
    assert.equal((await serverSchedule(id)).body.cron_expression, '0 * * * *');
    assert.equal((await cronJob(job)).spec.schedule, '0 * * * *');
    await vscode.commands.executeCommand('zenmlSchedules.updateSchedule', (await row(a, name)).node, '15 5 * * *');
    assert.equal((await serverSchedule(id)).body.cron_expression, '15 5 * * *');
    assert.equal((await cronJob(job)).spec.schedule, '15 5 * * *');
    await waitFor('the updated row', async () => /At 05:15/.test(String((await row(a, name)).item.description)));
  });

  it('a connection that cannot be reached gets an error row with Retry while the other group keeps its rows; removing it removes its secret', async () => {
    assert.ok(live);
    const a = await api();
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: 'gone', type: 'zenml', url: 'http://127.0.0.1:9', secret: 'ZENKEY_not-a-key' });
    const gone = await waitFor('the unreachable source', () => a.live.source('gone'));
    await gone.settled();
    assert.equal(gone.error?.code, 'unreachable');
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    const errorRow = (await nodes(a)).find((n) => n.sourceId === gone.id && n.type === 'message');
    assert.ok(errorRow);
    const item = await provider.getTreeItem(errorRow);
    assert.equal(item.description, 'Retry');
    assert.equal(item.command?.command, 'zenmlSchedules.retryConnection');
    assert.match(String(item.label), /127\.0\.0\.1:9/);
    await (await row(a, live.schedules.nightly.name)).item; // the other group still lists its rows
    await vscode.commands.executeCommand('zenmlSchedules.retryConnection', errorRow);
    assert.equal(a.live.source('gone')?.error?.code, 'unreachable');

    assert.equal(await a.live.hasSecret('gone'), true);
    await vscode.commands.executeCommand('zenmlSchedules.removeConnection', 'gone', true);
    assert.equal(await a.live.hasSecret('gone'), false);
    assert.deepEqual(a.live.configured().connections.map((c) => c.name), [CONNECTION]);
    await waitFor('the group to go', async () => !(await nodes(a)).some((n) => n.sourceId === gone.id));
  });

  it('delete archives by default: the record is archived on the server and the row leaves the view', async () => {
    assert.ok(live);
    const a = await api();
    const { id, name, cronJob: job } = live.schedules.hourly;
    await vscode.commands.executeCommand('zenmlSchedules.deleteSchedule', (await row(a, name)).node, 'archive');
    const after = await serverSchedule(id);
    assert.equal(after.body.is_archived, true);
    assert.equal(after.body.active, false);
    assert.ok(job);
    const res = await fetch(`${live.k8sUrl}/apis/batch/v1/namespaces/zenml/cronjobs/${job}`, { headers: { authorization: `Bearer ${live.k8sToken}` } });
    assert.equal(res.status, 404, 'the CronJob is still there');
    await waitFor('the archived row to leave', async () => !(await nodes(a)).some((n) => n.row?.scheduleId === id));
  });

  it('drift from the code: the hover on a code schedule shows the code\'s and the server\'s cron side by side; the rows are marked', async () => {
    assert.ok(live);
    const a = await api();
    await connectionSource(a);
    // The server runs train at 03:00 (nightly-train); the code says 04:00. "backfill" is a pipeline the server
    // knows (seed.py) with no schedule; "etl" has live schedules and nothing in the code.
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'pipelines');
    const file = vscode.Uri.joinPath(folder, 'drift.py');
    const text = [
      'from zenml import pipeline',
      'from zenml.config.schedule import Schedule',
      '',
      '',
      '@pipeline',
      'def train() -> None:',
      '    pass',
      '',
      '',
      '@pipeline',
      'def backfill() -> None:',
      '    pass',
      '',
      '',
      'if __name__ == "__main__":',
      '    train.with_options(schedule=Schedule(name="train-in-code", cron_expression="0 4 * * *"))()',
      '    backfill.with_options(schedule=Schedule(name="backfill-in-code", cron_expression="0 6 * * *"))()',
      '',
    ].join('\n');
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
      const hover = await waitFor('a hover with the live schedule', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '0 4 * * *', { offset: 2 }));
        const markdown = markdownOf(hovers ?? []);
        return markdown.includes('server:') ? markdown : undefined;
      });
      assert.match(hover, /At 04:00/, hover);
      assert.match(hover, /drift on `test-server`: `nightly-train`/, hover);
      assert.match(hover, /cron — code: `0 4 \* \* \*`, server: `0 3 \* \* \*`/, hover);

      // Workspace rows: drift on train, "not on test-server" on backfill (the server's pipeline list, no schedule).
      const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
      const codeRow = async (label: string) => {
        const node = (await nodes(a)).find((n) => n.type === 'row' && n.row?.label === label);
        return node ? provider.getTreeItem(node) : undefined;
      };
      const backfill = await waitFor('the backfill row marked "not on test-server"', async () => {
        const item = await codeRow('backfill-in-code');
        return item && /not on test-server/.test(String(item.description)) ? item : undefined;
      });
      assert.match(backfill.contextValue ?? '', /\bnotLive\b/);
      const train = await waitFor('the train row marked drift', async () => {
        const item = await codeRow('train-in-code');
        return item && /· drift/.test(String(item.description)) ? item : undefined;
      });
      assert.doesNotMatch(String(train.description), /not on/);
      assert.match((train.tooltip as vscode.MarkdownString).value, /server: `0 3 \* \* \*`/);

      // Live rows: etl has nothing in the code; nightly-train now has code (drift), so it is no longer "not in code".
      const etl = await row(a, live.schedules.failing.name);
      assert.match(String(etl.item.description), /· not in code$/);
      assert.match(etl.item.contextValue ?? '', /\bnotInCode\b/);
      const nightly = await waitFor('the nightly row against the new code', async () => {
        const r = await row(a, live.schedules.nightly.name);
        return /· drift/.test(String(r.item.description)) ? r : undefined;
      });
      assert.doesNotMatch(String(nightly.item.description), /not in code/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    // The code's schedule gone: nightly-train is "not in code" again (drift follows the code, no reload).
    await waitFor('the nightly row without code', async () => /· not in code$/.test(String((await row(a, live.schedules.nightly.name)).item.description)));
  });

  it('a kubernetes connection lists the CronJobs; pausing and resuming one from the tree suspends and resumes it (issue 11)', async () => {
    assert.ok(live?.k8sKubeconfig);
    const a = await api();
    const { id, cronJob: job } = live.schedules.failing;
    assert.ok(job);
    const K8S = 'cluster';
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: K8S, type: 'kubernetes', kubeconfig: live.k8sKubeconfig, namespace: 'zenml' });
    try {
      await waitFor('the kubernetes connection', async () => a.live.source(K8S));
      await a.live.source(K8S)!.settled();
      assert.equal(a.live.source(K8S)!.error, undefined, JSON.stringify(a.live.source(K8S)!.error));
      const k8sRow = async () => {
        const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
        const node = (await nodes(a)).find((n) => n.type === 'schedule' && n.sourceId === a.live.source(K8S)!.id && n.row?.scheduleId === job);
        assert.ok(node, `no CronJob row "${job}" under ${K8S}`);
        return { node, item: await provider.getTreeItem(node) };
      };
      const before = await k8sRow();
      assert.match(before.item.contextValue ?? '', /\bpausable\b/);
      await vscode.commands.executeCommand('zenmlSchedules.pauseSchedule', before.node);
      assert.equal((await cronJob(job)).spec.suspend, true, 'the CronJob is not suspended');
      assert.equal((await serverSchedule(id)).body.active, false, 'the merged record was not set inactive');
      const paused = await waitFor('the paused CronJob row', async () => {
        const r = await k8sRow();
        return /^paused · /.test(String(r.item.description)) ? r : undefined;
      });
      await vscode.commands.executeCommand('zenmlSchedules.resumeSchedule', paused.node, 'resume');
      assert.equal((await cronJob(job)).spec.suspend, false, 'the CronJob is still suspended');
      await waitFor('the active CronJob row', async () => /^active · /.test(String((await k8sRow()).item.description)));
    } finally {
      await vscode.commands.executeCommand('zenmlSchedules.removeConnection', K8S, true);
    }
  });

  it('an airflow connection lists the ZenML-made DAG of the real Airflow 3; pausing and resuming it from the tree flips is_paused (issue 11)', async () => {
    assert.ok(live);
    assert.ok(live.airflow, 'run-live passed no Airflow 3 in ZS_LIVE');
    if ('error' in live.airflow) assert.fail(live.airflow.error);
    const { url, username, password, dagId } = live.airflow;
    // Airflow's own REST API (a token from /auth/token), not the extension's adapter.
    const login = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    assert.equal(login.status, 201, `POST /auth/token: ${login.status}`);
    const { access_token } = (await login.json()) as { access_token: string };
    const isPaused = async (): Promise<boolean> => {
      const res = await fetch(`${url}/api/v2/dags/${dagId}`, { headers: { authorization: `Bearer ${access_token}`, accept: 'application/json' } });
      const body = (await res.json()) as { is_paused?: unknown };
      assert.equal(res.status, 200, `GET /api/v2/dags/${dagId}: ${JSON.stringify(body)}`);
      assert.equal(typeof body.is_paused, 'boolean', JSON.stringify(body));
      return body.is_paused === true;
    };
    const a = await api();
    const AIRFLOW = 'airflow-live';
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: AIRFLOW, type: 'airflow', url, secrets: { username, password } });
    try {
      const stored = vscode.workspace.getConfiguration('zenmlSchedules').inspect<unknown[]>('connections')?.globalValue ?? [];
      assert.ok(!JSON.stringify(stored).includes(password), 'the Airflow password is in settings');
      assert.equal(await a.live.hasSecret(AIRFLOW), true);
      await waitFor('the airflow connection', async () => a.live.source(AIRFLOW), 120_000);
      await a.live.source(AIRFLOW)!.settled();
      assert.equal(a.live.source(AIRFLOW)!.error, undefined, JSON.stringify(a.live.source(AIRFLOW)!.error));
      const dagRow = async () => {
        const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
        const node = (await nodes(a)).find((n) => n.type === 'schedule' && n.sourceId === a.live.source(AIRFLOW)!.id && n.row?.scheduleId === dagId);
        assert.ok(node, `no DAG row "${dagId}" under ${AIRFLOW}`);
        return { node, item: await provider.getTreeItem(node) };
      };
      assert.equal(await isPaused(), false, 'ZenML creates its DAGs unpaused');
      const before = await dagRow();
      assert.match(String(before.item.description), /^active · .*At 04:15/);
      assert.match(before.item.contextValue ?? '', /\bpausable\b/);
      assert.match((before.item.tooltip as vscode.MarkdownString).value, /airflow/i);

      await vscode.commands.executeCommand('zenmlSchedules.pauseSchedule', before.node);
      assert.equal(await isPaused(), true, 'Airflow says the DAG is not paused');
      const paused = await waitFor('the paused DAG row', async () => {
        const r = await dagRow();
        return /^paused · /.test(String(r.item.description)) ? r : undefined;
      }, 120_000);
      assert.equal(iconOf(paused.item), 'debug-pause');
      assert.match(paused.item.contextValue ?? '', /\bresumable\b/);
      assert.equal(paused.item.id, before.item.id, 'the row id changed');

      await vscode.commands.executeCommand('zenmlSchedules.resumeSchedule', paused.node, 'resume');
      assert.equal(await isPaused(), false, 'Airflow says the DAG is still paused');
      await waitFor('the active DAG row', async () => /^active · /.test(String((await dagRow()).item.description)), 120_000);
    } finally {
      await vscode.commands.executeCommand('zenmlSchedules.removeConnection', AIRFLOW, true);
    }
  });

  it('guided recreate on the real Airflow 3: the plan first (nothing changed), then pause + delete read back, the re-run left by hand (issue 15)', async () => {
    assert.ok(live);
    assert.ok(live.airflow, 'run-live passed no Airflow 3 in ZS_LIVE');
    if ('error' in live.airflow) assert.fail(live.airflow.error);
    const { url, username, password, dagId } = live.airflow;
    // Airflow's own REST API, not the extension's adapter.
    const login = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    assert.equal(login.status, 201);
    const { access_token } = (await login.json()) as { access_token: string };
    const dag = async (): Promise<{ status: number; paused?: boolean }> => {
      const res = await fetch(`${url}/api/v2/dags/${dagId}`, { headers: { authorization: `Bearer ${access_token}`, accept: 'application/json' } });
      const body = (await res.json()) as { is_paused?: boolean };
      return { status: res.status, paused: body.is_paused };
    };
    const a = await api();
    const AIRFLOW = 'airflow-recreate';
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: AIRFLOW, type: 'airflow', url, secrets: { username, password } });
    try {
      await waitFor('the airflow connection', async () => a.live.source(AIRFLOW), 120_000);
      await a.live.source(AIRFLOW)!.settled();
      const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
      const dagNode = async () => (await nodes(a)).find((n) => n.type === 'schedule' && n.sourceId === a.live.source(AIRFLOW)!.id && n.row?.scheduleId === dagId);
      const node = await dagNode();
      assert.ok(node, `no DAG row ${dagId}`);
      const item = await provider.getTreeItem(node);
      assert.match(item.contextValue ?? '', /\brecreatable\b/, 'Airflow cannot update: the row offers Recreate');
      assert.doesNotMatch(item.contextValue ?? '', /\bupdatable\b/);
      assert.deepEqual(await dag(), { status: 200, paused: false });

      // The plan and the diff first: nothing changes on Airflow.
      type Outcome = { status: string; plan?: { steps: { kind: string; mode: string }[]; after: { expression: string } }; result?: { state: string; words: string; outcomes: { n: number; status: string }[] }; planUri?: string };
      const planned = (await vscode.commands.executeCommand('zenmlSchedules.recreateSchedule', node, { cron: '45 5 * * *', mode: 'plan' })) as Outcome;
      assert.equal(planned.status, 'planned', JSON.stringify(planned));
      assert.deepEqual(planned.plan?.steps.map((x) => `${x.kind}:${x.mode}`), ['pause:auto', 'delete:auto', 'rerun:manual']);
      const shown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === planned.planUri);
      assert.ok(shown, 'the plan document is open');
      assert.match(shown.getText(), /- expression: 15 4 \* \* \*\n\+ expression: 45 5 \* \* \*/);
      assert.deepEqual(await dag(), { status: 200, paused: false }, 'the DAG is still there and unpaused after the plan');

      // Confirmed: carried out step by step, each read back.
      const done = (await vscode.commands.executeCommand('zenmlSchedules.recreateSchedule', node, { cron: '45 5 * * *', confirmed: true })) as Outcome;
      assert.equal(done.status, 'partial', JSON.stringify(done));
      assert.deepEqual(done.result?.outcomes.map((o) => o.status), ['done', 'done', 'by-hand']);
      assert.match(done.result?.words ?? '', /^done: 1,2; to finish by hand: 2\. DAG file .*remove the file; 3\. change the code to ingest_pipeline\.with_options/);
      assert.equal((await dag()).status, 404, 'Airflow no longer has the DAG');
      await waitFor('the DAG row to leave the view', async () => ((await dagNode()) ? undefined : true), 120_000);
    } finally {
      await vscode.commands.executeCommand('zenmlSchedules.removeConnection', AIRFLOW, true);
    }
  });

  it('a github connection signs in with a stored token, lists the scheduled workflow, pauses and resumes it from the tree (read back on GitHub) and edits its cron in the workspace copy only (issue 15)', async () => {
    assert.ok(live?.github, 'run-live passed no GitHub server in ZS_LIVE');
    const { url, token, repository, workflowId, path } = live.github;
    const rest = async (p: string) => {
      const res = await fetch(`${url}/repos/${repository}${p}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' } });
      assert.equal(res.status, 200, `GET ${p}: ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const state = async () => String((await rest(`/actions/workflows/${workflowId}`)).state);
    const a = await api();
    const GITHUB = 'github-live';
    await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: GITHUB, type: 'github', repository, url, secret: token });
    try {
      const stored = vscode.workspace.getConfiguration('zenmlSchedules').inspect<unknown[]>('connections')?.globalValue ?? [];
      assert.ok(!JSON.stringify(stored).includes(token), 'the GitHub token is in settings');
      await waitFor('the github connection', async () => a.live.source(GITHUB), 120_000);
      await a.live.source(GITHUB)!.settled();
      assert.equal(a.live.source(GITHUB)!.error, undefined, JSON.stringify(a.live.source(GITHUB)!.error));
      const workflowRow = async () => {
        const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
        const node = (await nodes(a)).find((n) => n.type === 'schedule' && n.sourceId === a.live.source(GITHUB)!.id && n.row?.scheduleId === workflowId);
        assert.ok(node, `no workflow row "${workflowId}" under ${GITHUB}`);
        return { node, item: await provider.getTreeItem(node) };
      };
      const before = await workflowRow();
      assert.match(String(before.item.description), /^active · /);
      assert.match(before.item.contextValue ?? '', /\bpausable\b/);
      assert.match(before.item.contextValue ?? '', /\brecordOnly-update\b/);
      const tooltip = (before.item.tooltip as vscode.MarkdownString).value;
      assert.match(tooltip, /GitHub Actions/);
      assert.match(tooltip, /Europe\/Berlin/);
      assert.match(tooltip, /60 days/);

      await vscode.commands.executeCommand('zenmlSchedules.pauseSchedule', before.node);
      assert.equal(await state(), 'disabled_manually', 'GitHub says the workflow is not disabled');
      const paused = await waitFor('the paused workflow row', async () => {
        const r = await workflowRow();
        return /^paused · /.test(String(r.item.description)) ? r : undefined;
      }, 120_000);
      assert.equal(iconOf(paused.item), 'debug-pause');
      await vscode.commands.executeCommand('zenmlSchedules.resumeSchedule', paused.node, 'resume');
      assert.equal(await state(), 'active', 'GitHub says the workflow is still disabled');
      const active = await waitFor('the active workflow row', async () => {
        const r = await workflowRow();
        return /^active · /.test(String(r.item.description)) ? r : undefined;
      }, 120_000);

      // Update: an unsaved edit of the workspace copy; GitHub's file and the live schedule stay as they are.
      const result = (await vscode.commands.executeCommand('zenmlSchedules.updateSchedule', active.node, '15 4 * * *')) as { ok: boolean } | undefined;
      assert.equal(result?.ok, true, JSON.stringify(result));
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(path));
      assert.ok(doc, 'the workflow file was not opened');
      assert.equal(doc.isDirty, true, 'the edit is left unsaved for review');
      assert.match(doc.getText(), /- cron: "15 4 \* \* \*"\n {6}timezone: Europe\/Berlin/);
      const remote = Buffer.from(String((await rest(`/contents/${path}`)).content), 'base64').toString('utf8');
      assert.match(remote, /cron: '0 3 \* \* \*'/, 'GitHub\'s copy changed');
      const pending = await workflowRow();
      assert.match(String(pending.item.description), /file change pending/);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await vscode.commands.executeCommand('zenmlSchedules.removeConnection', GITHUB, true);
    }
  });

  it('memory of the extension host before and after listing 1,000 schedules', async function () {
    if (!live?.bulk) this.skip();
    // 1,000 POSTs to a real server on 2 shared cores, then a full refresh: minutes, not a timing test.
    this.timeout(1_200_000);
    assert.ok(live);
    const a = await api();
    const source = a.live.source(CONNECTION);
    assert.ok(source);
    await source.settled();
    const before = process.memoryUsage();
    // 1,000 more schedules over REST as the admin.
    const login = await fetch(`${live.url}/api/v1/login`, { method: 'POST', body: new URLSearchParams({ username: 'default', password: '' }) });
    const { access_token } = (await login.json()) as { access_token: string };
    const create = async (i: number) => {
      const res = await fetch(`${live.url}/api/v1/schedules`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `bulk-${i}`, active: true, cron_expression: `${i % 60} ${i % 24} * * *`, project: live.projectId, orchestrator_id: live.kubernetesId, pipeline_id: live.pipelines.etl }),
      });
      assert.equal(res.status, 200, `POST bulk-${i}: ${res.status}`);
    };
    for (let i = 0; i < 1000; i += 25) await Promise.all(Array.from({ length: 25 }, (_, k) => create(i + k)));
    const started = Date.now();
    await vscode.commands.executeCommand('zenmlSchedules.refresh');
    await source.settled();
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    const all = await nodes(a);
    const rows = all.filter((n) => n.type === 'schedule' && n.sourceId === source.id);
    for (const n of rows) await provider.getTreeItem(n);
    const ms = Date.now() - started;
    await sleep(100);
    const after = process.memoryUsage();
    assert.ok(rows.length >= 1000, `${rows.length} rows`);
    const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    const figures = {
      rows: rows.length,
      refreshToRenderedMs: ms,
      heapUsedBeforeMB: mb(before.heapUsed),
      heapUsedAfterMB: mb(after.heapUsed),
      rssBeforeMB: mb(before.rss),
      rssAfterMB: mb(after.rss),
    };
    console.log(`LIVE_MEMORY ${JSON.stringify(figures)}`);
    if (process.env.ZS_LIVE_FIGURES) {
      const fs = await import('node:fs');
      fs.writeFileSync(process.env.ZS_LIVE_FIGURES, JSON.stringify(figures, null, 2));
    }
  });
});

// Issue 10 editor flows the audit found untested (gaps 5 and 9): Retry once a stopped server is back, and
// the auto-refresh setting keeping every row's id. Kept apart from the block above (other branches add there).
describe('Live schedules: editor flows (Retry after a stopped server, auto-refresh)', function () {
  this.timeout(240_000);

  before(function () {
    if (!live) this.skip();
  });

  /** The suite's connection (added here when a --grep left out the test that adds it), loaded. */
  async function connected(a: LiveApi) {
    const source = await connectionSource(a);
    assert.equal(source.error, undefined, `the connection failed: ${source.error?.message}`);
    return source;
  }

  /** A schedule's row under one source (names repeat across connections to the same server). */
  async function rowIn(a: LiveApi, sourceId: string, scheduleId: string): Promise<{ node: Node; item: vscode.TreeItem } | undefined> {
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    const node = (await nodes(a)).find((n) => n.type === 'schedule' && n.sourceId === sourceId && n.row?.scheduleId === scheduleId);
    return node ? { node, item: await provider.getTreeItem(node) } : undefined;
  }

  /** Every node's TreeItem id, sorted (VS Code keeps expansion and selection by these ids; the order follows next runs). */
  async function treeIds(a: LiveApi): Promise<string[]> {
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    return (await Promise.all((await nodes(a)).map(async (n) => `${n.type}:${(await provider.getTreeItem(n)).id ?? ''}`))).sort();
  }

  /** Changes a record on the server (REST PUT, as the dashboard or another client would). */
  async function putSchedule(scheduleId: string, body: Record<string, unknown>): Promise<void> {
    assert.ok(live);
    const login = await fetch(`${live.url}/api/v1/login`, { method: 'POST', body: new URLSearchParams({ password: live.apiKey }) });
    const { access_token } = (await login.json()) as { access_token: string };
    const res = await fetch(`${live.url}/api/v1/schedules/${scheduleId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, `PUT schedule ${scheduleId}: ${res.status} ${await res.text()}`);
  }

  it('editor flows: a stopped server gets the unreachable error row; once it is back, Retry on that row brings the rows back', async () => {
    assert.ok(live);
    const a = await api();
    await connected(a);
    // The same real server behind a loopback proxy that the test can stop and start again on the same port.
    const proxy = await startFaultProxy(live.url);
    const NAME = 'behind-proxy';
    const provider = a.schedulesProvider as vscode.TreeDataProvider<Node>;
    try {
      await vscode.commands.executeCommand('zenmlSchedules.addConnection', { name: NAME, type: 'zenml', url: proxy.url, secret: live.apiKey });
      const source = await waitFor('the proxied connection', () => a.live.source(NAME));
      await source.settled();
      assert.equal(source.error, undefined, `the proxied connection failed: ${source.error?.message}`);
      const scheduleIds = async () => (await nodes(a)).filter((n) => n.type === 'schedule' && n.sourceId === source.id).map((n) => n.row?.scheduleId ?? '').sort();
      const before = await scheduleIds();
      assert.ok(before.includes(live.schedules.nightly.id), `no rows through the proxy: ${JSON.stringify(before)}`);

      // The server stops; the user refreshes the view.
      await proxy.down();
      await vscode.commands.executeCommand('zenmlSchedules.refresh');
      await source.settled();
      const stopped = a.live.source(NAME)?.error;
      assert.equal(stopped?.code, 'unreachable', JSON.stringify(stopped));
      const children = (await nodes(a)).filter((n) => n.sourceId === source.id && n.type !== 'connection');
      assert.deepEqual(children.map((n) => n.type), ['message'], 'the stopped connection shows one error row, no stale rows');
      const errorRow = children[0];
      const item = await provider.getTreeItem(errorRow);
      // Refused; or, when the first call after the stop met a kept-alive socket the stop closed, "closed".
      assert.match(String(item.label), /cannot be reached \(connection (refused|closed by the server)\)/, String(item.label));
      assert.match(String(item.label), new RegExp(`127\\.0\\.0\\.1:${proxy.port}`), String(item.label));
      assert.match(String(item.tooltip), /Check that the server is running and the URL is right, then Retry\./);
      assert.equal(item.description, 'Retry');
      assert.equal(item.command?.command, 'zenmlSchedules.retryConnection');
      assert.match(item.contextValue ?? '', /\bconnectionError\b/, 'no inline Retry button on the error row');
      // The other group keeps its rows.
      assert.ok(await rowIn(a, a.live.source(CONNECTION)!.id, live.schedules.nightly.id), 'the other connection lost its rows');

      // The server is back: nothing reloads by itself (no auto-refresh); Retry on the error row, as its click runs it.
      await proxy.up();
      const seenBefore = proxy.seen.length;
      assert.equal(a.live.source(NAME)?.error?.code, 'unreachable');
      const retry = item.command;
      assert.ok(retry);
      await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));
      await source.settled();
      assert.equal(source.error, undefined, `Retry did not recover: ${JSON.stringify(source.error)}`);
      assert.ok(proxy.seen.length > seenBefore, 'Retry sent no request to the server');
      assert.deepEqual(await scheduleIds(), before, 'the rows are not back after Retry');
      assert.ok(!(await nodes(a)).some((n) => n.sourceId === source.id && n.type === 'message'), 'the error row is still there');
    } finally {
      await vscode.commands.executeCommand('zenmlSchedules.removeConnection', NAME, true);
      await proxy.close();
    }
  });

  it('editor flows: auto-refresh (zenmlSchedules.autoRefreshSeconds) shows a change made on the server without a refresh, and every node keeps its id', async () => {
    assert.ok(live);
    const a = await api();
    const source = await connected(a);
    // A record-only schedule (the Airflow orchestrator): a PUT changes what the server lists, nothing else.
    const { id: scheduleId, name } = live.schedules.airflow;
    const original = (await serverSchedule(scheduleId)).body.cron_expression;
    assert.equal(original, '30 2 * * *');
    const before = await rowIn(a, source.id, scheduleId);
    assert.ok(before, `no row "${name}"`);
    assert.match(String(before.item.description), /At 02:30/);
    const idsBefore = await treeIds(a);
    const config = vscode.workspace.getConfiguration('zenmlSchedules');
    await config.update('autoRefreshSeconds', 5, vscode.ConfigurationTarget.Global);
    try {
      await putSchedule(scheduleId, { cron_expression: '45 2 * * *' });
      const after = await waitFor(
        'the row to show the server\'s change (no refresh run)',
        async () => {
          const r = await rowIn(a, source.id, scheduleId);
          return r && /At 02:45/.test(String(r.item.description)) ? r : undefined;
        },
        60_000,
      );
      assert.equal(after.item.id, before.item.id, 'the row id changed (expansion and selection would be lost)');
      assert.equal(after.item.collapsibleState, before.item.collapsibleState);
      // Through a few more timer ticks (each a reload that keeps the rows while it loads): the same ids throughout.
      for (let i = 0; i < 4; i++) {
        assert.deepEqual(await treeIds(a), idsBefore, 'a node id changed across an auto-refresh');
        await sleep(2_000);
      }
    } finally {
      await config.update('autoRefreshSeconds', undefined, vscode.ConfigurationTarget.Global);
      await putSchedule(scheduleId, { cron_expression: original });
      await vscode.commands.executeCommand('zenmlSchedules.refresh');
      await source.settled();
    }
    assert.match(String((await rowIn(a, source.id, scheduleId))?.item.description), /At 02:30/);
  });
});

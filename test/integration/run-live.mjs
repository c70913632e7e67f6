// `npm run test:live-editor` (node --import tsx: the servers are TypeScript): the live-schedules part of the editor against the real thing.
// Starts a real ZenML server (zenml[server]==0.98.0, authentication on, test/live/zenmlServer.ts)
// and the loopback Kubernetes CronJob API server (test/servers/kubernetes.ts), seeds schedules
// with ZenML's own client and REST (a Kubernetes orchestrator with CronJobs, an Airflow one, a
// schedule whose last run failed), and, at the same time, the real Airflow 3 (test/live/airflow-server.ts,
// its own process group) with one DAG made by ZenML's dag generator, then
//   1. in code-server + Chromium (Playwright), like a user: connects through the palette, reads
//      the rows, clicks the inline Pause button of a row and checks the server (REST) and the
//      CronJob, then adds an airflow connection through the palette and pauses/resumes the DAG of the
//      real Airflow 3 by its inline buttons; screenshots go to media/ (ZS_UPDATE_MEDIA=1) and test/e2e/out/;
//      last, the "editor flows": the palette's "Which schedule?" pick (pause, resume, Show Runs…), a refresh
//      that keeps the selected, expanded row so, and the delete modal's words (cancelled: nothing deleted);
//   2. runs test/integration/suite/60-live-schedules.test.ts in code-server's extension host
//      (commands, read-back, errors, Retry once a stopped server is back, auto-refresh, secrets, and the
//      1,000-schedule memory figures).
// With the loopback Vertex AI server (test/servers/vertex.ts) and a fake `gcloud` on code-server's PATH
// (prints the one token that server takes), it also adds a vertex connection through the palette and
// pauses/resumes a ZenML-made Vertex schedule from its row, answering the resume preview's modal.
// Each server is started once and stopped at the end. The last line is `N passed, N failed`.
//
// A filter (small runs while working on one part): `--grep <regex>` or ZS_LIVE_GREP runs only the
// browser tests whose titles match (the first one, which connects the ZenML server, always runs) and
// passes the same regex to the in-host suite as ZS_INTEGRATION_GREP (mocha grep); ZS_LIVE_SKIP_SUITE=1
// leaves the in-host suite out; the real Airflow 3 is started only when the regex can match "airflow".

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench } from '../e2e/browser.mjs';
import { PROJECT_ROOT, extensionHostLogs, startCodeServer } from '../e2e/code-server.mjs';
import { WAIT_MS, runCommand, until } from '../e2e/workbench.mjs';
import { createRequire } from 'node:module';
import { ensurePackaged } from './package-vsix.mjs';
import { printResults } from './report.mjs';
import { runIntegrationSuite } from './run-code-server.mjs';

// The servers are TypeScript (CommonJS, through tsx's require hook: their __dirname is right there).
const require = createRequire(import.meta.url);
const { SERVER_VENV_PYTHON, requirePython } = require('../live/env.ts');
const { LiveZenmlServer, adminToken, createSchedule, freePort, setCronJobName } = require('../live/zenmlServer.ts');
const { kubeconfigFor, startKubernetesServer, zenmlCronJob } = require('../servers/kubernetes.ts');
const { startAirflow } = require('../live/airflow-server.ts');
const { startVertexServer } = require('../servers/vertex.ts');
const { startGithubServer } = require('../servers/github.ts');

const OUT = join(PROJECT_ROOT, 'test/e2e/out/live');
const K8S_TOKEN = 'test-token';
const GITHUB_TOKEN = 'ghp_test-token';
const GITHUB_REPO = 'zenml-io/pipelines';
const GITHUB_WORKFLOW = '.github/workflows/train-scheduled-20260101120000.yaml';
const GITHUB_WORKFLOW_TEXT = "name: train\non:\n  schedule:\n    - cron: '0 3 * * *'\n      timezone: Europe/Berlin\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps: []\n";
const UPDATE_MEDIA = process.env.ZS_UPDATE_MEDIA === '1';
const grepArg = process.argv.indexOf('--grep');
const GREP_SOURCE = grepArg >= 0 ? process.argv[grepArg + 1] : process.env.ZS_LIVE_GREP;
const GREP = GREP_SOURCE ? new RegExp(GREP_SOURCE, 'i') : null;
/** The gcloud access token of this run: the fake `gcloud` prints it, the loopback Vertex server takes only it. */
const GCLOUD_TOKEN = `ya29.fake-${randomBytes(12).toString('hex')}`;
const VERTEX_CRON = '0 4 * * *';


async function seedSchedules(server, k8s, vertex) {
  const seed = await server.seed(['setup']);
  const token = await adminToken(server);
  const onK8s = async (name, cron, pipeline) => {
    const s = await createSchedule(server, token, { name, project: seed.projectId, orchestrator_id: seed.kubernetesId, pipeline_id: seed.pipelines[pipeline], cron_expression: cron });
    const cronJob = `${name}-cj`;
    k8s.seed('zenml', zenmlCronJob(cronJob, cron, { pipeline, orchestratorId: seed.kubernetesId }));
    await setCronJobName(server, token, seed, s.id, cronJob);
    return { id: s.id, name: s.name, cronJob };
  };
  const nightly = await onK8s('nightly-train', '0 3 * * *', 'train');
  const hourly = await onK8s('hourly-report', '0 * * * *', 'report');
  const airflow = await createSchedule(server, token, { name: 'etl-on-airflow', project: seed.projectId, orchestrator_id: seed.airflowId, pipeline_id: seed.pipelines.etl, cron_expression: '30 2 * * *' });
  const failing = await onK8s('daily-etl', '0 1 * * *', 'etl');
  // A ZenML-made Vertex AI schedule (displayName = the ZenML schedule name, ZENML_* env in its executor)
  // and its record on the vertex orchestrator: one merged row (same pipeline, flavor and cron).
  // Its own pipeline, so the other pipelines' rows keep their order in the in-host suite.
  const vertexName = 'vertex-nightly';
  const onVertex = await server.seed(['vertex', vertex.project, vertex.region]);
  const vertexRecord = await createSchedule(server, token, { name: vertexName, project: seed.projectId, orchestrator_id: onVertex.vertexId, pipeline_id: onVertex.pipelineId, cron_expression: VERTEX_CRON });
  const vertexId = vertex.add({ displayName: vertexName, cron: VERTEX_CRON, zenml: true, pipeline: onVertex.pipeline });
  // Runs of the schedule through its snapshot (facts §9): an older completed run, then a failed one.
  await server.seed(['runs', failing.id, 'completed', 'failed']);
  return { seed, schedules: { nightly, hourly, airflow: { id: airflow.id, name: airflow.name }, failing }, vertex: { id: vertexId, name: vertexName, recordId: vertexRecord.id } };
}

/**
 * The real Airflow 3 (test/live/airflow-server.ts: db migrate, dags reserialize, api-server only, in its
 * own process group) with one DAG made by ZenML's own dag generator, for the Airflow rows (issue 11).
 * Never throws: a failed start is `{ error }`, and the tests that need Airflow fail with it.
 */
async function startLiveAirflow(log) {
  const t = Date.now();
  try {
    const airflow = await startAirflow(3, log, { zenml: [{ pipeline: 'ingest_pipeline', cron: '15 4 * * *' }] });
    const seconds = Math.round((Date.now() - t) / 100) / 10;
    log(`Airflow ${airflow.version} ${airflow.url} ready after ${seconds} s (${JSON.stringify(airflow.timings)})`);
    return { airflow, seconds };
  } catch (error) {
    log(`Airflow 3 did not start: ${error?.message ?? error}`);
    return { error: `the real Airflow 3 (.tools/airflow3-venv) did not start: ${error?.message ?? error}` };
  }
}

/** Airflow's own REST API (not the extension's adapter): is the DAG paused? */
async function dagPaused(airflow, dagId) {
  const res = await airflow.rest('GET', `/dags/${dagId}`);
  assert.equal(res.status, 200, `GET /api/v2/dags/${dagId}: ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body.is_paused, 'boolean', JSON.stringify(res.body));
  return res.body.is_paused;
}

/**
 * A stand-in for the Google Cloud CLI on code-server's PATH: `gcloud auth print-access-token --format=json`
 * prints this run's token as gcloud does (`{"token", "token_expiry"}`); anything else fails like an unknown
 * command. Each call is counted in `calls` (the test checks the extension really ran it).
 */
async function writeFakeGcloud(dir) {
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const calls = join(dir, 'gcloud-calls.log');
  const expiry = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const script = `#!/bin/sh
echo "$*" >> '${calls}'
if [ "$1" = auth ] && [ "$2" = print-access-token ]; then
  printf '{"token": "%s", "token_expiry": "%s"}\\n' '${GCLOUD_TOKEN}' '${expiry}'
  exit 0
fi
echo "ERROR: (gcloud) Invalid choice: '$1'." >&2
exit 2
`;
  await writeFile(join(bin, 'gcloud'), script);
  await chmod(join(bin, 'gcloud'), 0o755);
  return { bin, calls };
}

/** The loopback Vertex AI server's own answer (REST, not the extension's adapter): the schedule's state. */
async function vertexState(vertex, id) {
  const res = await fetch(`${vertex.url}/v1/projects/${vertex.project}/locations/${vertex.region}/schedules/${id}`, { headers: { authorization: `Bearer ${GCLOUD_TOKEN}` } });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.state;
}

/** The `:resume` calls the loopback Vertex server answered, with their bodies. */
const resumeCalls = (vertex, id) => vertex.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/schedules/${id}:resume`));

/** Like a user: connect through the palette, read the view, click Pause on a row. */
async function browserPhase(server, seeded, env, k8sUrl, airflowStart, vertex, gcloud, log) {
  const results = { passed: 0, failed: 0, tests: [] };
  await mkdir(OUT, { recursive: true });
  const workspace = await mkdtemp(join(tmpdir(), 'zs-live-ws-'));
  await writeFile(join(workspace, 'README.md'), 'An empty folder: only live schedules.\n');
  // The fake gcloud first on PATH, kept as given (not replaced by the login shell's PATH, where a real gcloud may be).
  const codeServer = await startCodeServer({
    workspace,
    vsix: [ensurePackaged()],
    settings: { 'zenmlSchedules.pythonPath': SERVER_VENV_PYTHON },
    env: { ...env, PATH: `${gcloud.bin}:${process.env.PATH}` },
    loginShellEnv: false,
  });
  const workbench = await openWorkbench(codeServer);
  const { page } = workbench;
  // `always`: a step the others need (connecting the ZenML server), run whatever the filter says.
  const test = async (title, body, { always = false } = {}) => {
    if (GREP && !always && !GREP.test(`browser: ${title}`)) return;
    const started = Date.now();
    const file = 'browser (Playwright in code-server)';
    try {
      await body();
      results.passed++;
      results.tests.push({ file, fullTitle: `browser: ${title}`, state: 'passed', durationMs: Date.now() - started });
    } catch (error) {
      results.failed++;
      results.tests.push({ file, fullTitle: `browser: ${title}`, state: 'failed', durationMs: Date.now() - started, error: { message: String(error), stack: error?.stack } });
      await page.screenshot({ path: join(OUT, `failed-${results.tests.length}.png`) }).catch(() => {});
      for (const file of await extensionHostLogs(codeServer.logsDir)) await copyFile(file, join(OUT, `exthost-${results.tests.length}.log`)).catch(() => {});
    }
  };
  const view = page.locator('.pane:has(.pane-header:has-text("Schedules"))');
  /** A README picture: the mouse on the empty editor area and no hover left open (toasts: clear them before). */
  const cleanShot = async (file, before) => {
    await before?.();
    await page.mouse.move(1100, 700);
    await until('no hover', async () => (await page.locator('.workbench-hover-container:visible, .monaco-hover:visible').count()) === 0, WAIT_MS);
    await page.screenshot({ path: join(OUT, file) });
  };
  const rowOf = (name) => view.locator(`.monaco-list-row:has-text("${name}")`).first();
  try {
    await test('the view offers to connect, and Add Connection… stores the connection', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="ZenML Schedules"], .activitybar .action-item[aria-label^="ZenML Schedules"]').first().click();
      await until('the Connect row', () => view.locator('.monaco-list-row:has-text("Connect to a ZenML server")').count(), WAIT_MS);
      await page.screenshot({ path: join(OUT, 'connect-row.png') });
      await runCommand(page, 'ZenML Schedules: Add Connection…');
      const input = page.locator('.quick-input-widget input');
      await until('the connection types', () => page.locator('.quick-input-list-row:has-text("zenml")').count(), WAIT_MS);
      await input.fill('zenml');
      await input.press('Enter');
      await until('the name box', () => page.locator('.quick-input-title:has-text("Connection name")').count(), WAIT_MS);
      await input.fill('local-server');
      await input.press('Enter');
      await until('the url box', () => page.locator('.quick-input-title:has-text("url")').count(), WAIT_MS);
      await input.fill(server.url);
      await input.press('Enter');
      await until('the API key box', () => page.locator('.quick-input-title:has-text("API key")').count(), WAIT_MS);
      assert.equal(await input.getAttribute('type'), 'password');
      await input.fill(env.ZS_LIVE_KEY);
      await input.press('Enter');
      await until('the live rows', () => rowOf(seeded.schedules.nightly.name).count(), 120_000);
      // A wider sidebar, as a user would drag it, so the rows' descriptions show.
      const sidebar = await page.locator('.part.sidebar').boundingBox();
      if (sidebar) {
        const y = sidebar.y + sidebar.height / 2;
        await page.mouse.move(sidebar.x + sidebar.width + 1, y);
        await page.mouse.down();
        await page.mouse.move(780, y, { steps: 10 });
        await page.mouse.up();
      }
    }, { always: true });

    await test('the rows show state, health, words and next run; a failing schedule shows its failure', async () => {
      await until('the failing icon', () => rowOf(seeded.schedules.failing.name).locator('.custom-view-tree-node-item-icon.codicon-error').count(), WAIT_MS);
      const nightly = await rowOf(seeded.schedules.nightly.name).innerText();
      assert.match(nightly, /active · (ok|unknown|silent) · At 03:00 · next/);
      const failing = await rowOf(seeded.schedules.failing.name).innerText();
      assert.match(failing, /active · failing/);
      await page.screenshot({ path: join(OUT, 'live-rows.png') });
      // The tooltip: hover the failing row.
      // A redraw of the view (the stack detection ending as the view first opens) drops a hover: hover again.
      await until('the tooltip', async () => {
        if (await page.locator('.monaco-hover:has-text("failed at")').count()) return true;
        await page.mouse.move(5, 5);
        await rowOf(seeded.schedules.failing.name).hover();
        return page.locator('.monaco-hover:has-text("failed at")').waitFor({ timeout: 3000 }).then(() => true, () => false);
      }, WAIT_MS);
      await page.screenshot({ path: join(OUT, 'live-failing-tooltip.png') });
      if (UPDATE_MEDIA) await copyFile(join(OUT, 'live-failing-tooltip.png'), join(PROJECT_ROOT, 'media/live-failing.png'));
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    });

    await test('clicking the inline Pause of a row suspends the CronJob, sets the record inactive and swaps the icon', async () => {
      const { id, name, cronJob } = seeded.schedules.nightly;
      // A click that lands while the view redraws (a source refreshing) reaches the command without its row,
      // and the command then asks which schedule: close that picker and click the row's button again.
      for (let attempt = 1; ; attempt++) {
        const row = rowOf(name);
        await row.hover();
        await row.locator('.action-label[aria-label="Pause Schedule"]').click();
        // The row's own icon (the inline button has a pause icon too) and its words.
        const outcome = await until('the paused row', async () => {
          if (/paused ·/.test(await rowOf(name).innerText())) return 'paused';
          return (await page.locator('.quick-input-widget:visible:has-text("Which schedule?")').count()) ? 'asked' : undefined;
        }, 180_000);
        if (outcome === 'paused') break;
        assert.ok(attempt < 3, 'every click on the inline Pause reached the command without its row');
        await page.keyboard.press('Escape');
      }
      assert.equal(await rowOf(name).locator('.custom-view-tree-node-item-icon.codicon-debug-pause').count(), 1);
      const token = await adminToken(server);
      const res = await fetch(`${server.url}/api/v1/schedules/${id}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal((await res.json()).body.active, false);
      const cj = await fetch(`${k8sUrl}/apis/batch/v1/namespaces/zenml/cronjobs/${cronJob}`, { headers: { authorization: `Bearer ${K8S_TOKEN}` } });
      assert.equal((await cj.json()).spec.suspend, true);
      await until('the change report', () => page.locator('.notifications-toasts:has-text("suspend")').count(), WAIT_MS);
      await page.screenshot({ path: join(OUT, 'live-paused.png') });
      if (UPDATE_MEDIA) await copyFile(join(OUT, 'live-paused.png'), join(PROJECT_ROOT, 'media/live-schedules.png'));
      // Resume from the same row (the button swapped).
      await rowOf(name).hover();
      await rowOf(name).locator('.action-label[aria-label="Resume Schedule"]').click();
      await until('the active row', async () => /active ·/.test(await rowOf(name).innerText()), 180_000);
      assert.equal(await rowOf(name).locator('.custom-view-tree-node-item-icon.codicon-debug-pause').count(), 0);
    });

    await test('an airflow connection added through the palette lists the ZenML-made DAG; its inline Pause and Resume flip is_paused on the real Airflow 3', async () => {
      const { airflow, error } = await airflowStart;
      if (!airflow) throw new Error(error);
      const dagId = airflow.zenmlDags[0].dagId;
      await page.keyboard.press('Escape');
      await runCommand(page, 'ZenML Schedules: Add Connection…');
      const input = page.locator('.quick-input-widget input');
      await until('the connection types', () => page.locator('.quick-input-list-row:has-text("airflow")').count(), WAIT_MS);
      await input.fill('airflow');
      await input.press('Enter');
      await until('the name box', () => page.locator('.quick-input-title:has-text("Connection name")').count(), WAIT_MS);
      await input.fill('airflow3');
      await input.press('Enter');
      await until('the url box', () => page.locator('.quick-input-title:has-text("url")').count(), WAIT_MS);
      await input.fill(airflow.url);
      await input.press('Enter');
      // Airflow has one way to sign in (user name and password), so no choice is asked.
      await until('the user name box', () => page.locator('.quick-input-title:has-text("user name")').count(), WAIT_MS);
      await input.fill(airflow.username);
      await input.press('Enter');
      await until('the password box', () => page.locator('.quick-input-title:has-text("password for")').count(), WAIT_MS);
      assert.equal(await input.getAttribute('type'), 'password');
      await input.fill(airflow.password);
      await input.press('Enter');
      await until('the DAG row', () => rowOf(dagId).count(), 180_000);
      assert.equal(await dagPaused(airflow, dagId), false, 'ZenML creates its DAGs unpaused');
      assert.match(await rowOf(dagId).innerText(), /active ·/);

      await rowOf(dagId).hover();
      await rowOf(dagId).locator('.action-label[aria-label="Pause Schedule"]').click();
      await until('the paused DAG row', async () => /paused ·/.test(await rowOf(dagId).innerText()), 180_000);
      assert.equal(await rowOf(dagId).locator('.custom-view-tree-node-item-icon.codicon-debug-pause').count(), 1);
      assert.equal(await dagPaused(airflow, dagId), true, 'Airflow says the DAG is not paused');
      await rowOf(dagId).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, 'live-airflow-paused.png') });
      if (UPDATE_MEDIA) await copyFile(join(OUT, 'live-airflow-paused.png'), join(PROJECT_ROOT, 'media/live-airflow.png'));

      await rowOf(dagId).hover();
      await rowOf(dagId).locator('.action-label[aria-label="Resume Schedule"]').click();
      await until('the active DAG row', async () => /active ·/.test(await rowOf(dagId).innerText()), 180_000);
      assert.equal(await rowOf(dagId).locator('.custom-view-tree-node-item-icon.codicon-debug-pause').count(), 0);
      assert.equal(await dagPaused(airflow, dagId), false, 'Airflow says the DAG is still paused');
    });

    await test('a vertex connection added through the palette (token from gcloud on PATH) shows the merged Vertex AI row; its inline Pause pauses it on the server', async () => {
      const { id, name } = seeded.vertex;
      await page.keyboard.press('Escape');
      await runCommand(page, 'ZenML Schedules: Add Connection…');
      const input = page.locator('.quick-input-widget input');
      await until('the connection types', () => page.locator('.quick-input-list-row:has-text("vertex")').count(), WAIT_MS);
      await input.fill('vertex');
      await input.press('Enter');
      await until('the name box', () => page.locator('.quick-input-title:has-text("Connection name")').count(), WAIT_MS);
      await input.fill('vertex-loopback');
      await input.press('Enter');
      for (const [field, value] of [['project', vertex.project], ['region', vertex.region], ['url', vertex.url]]) {
        await until(`the ${field} box`, () => page.locator(`.quick-input-title:has-text("${field}")`).count(), WAIT_MS);
        await input.fill(value);
        await input.press('Enter');
      }
      // No token of its own (the box left empty): gcloud's token (the fake one on PATH, in a trusted workspace).
      await until('the token box', () => page.locator('.quick-input-title:has-text("OAuth access token")').count(), WAIT_MS);
      assert.equal(await input.getAttribute('type'), 'password');
      await input.fill('');
      await input.press('Enter');
      // The record is listed once, under the connection where it fires (the ZenML group says so).
      await until('the merged Vertex row', () => view.locator('.monaco-list-row:has-text("shown under vertex-loopback")').count(), 180_000);
      assert.equal(await view.locator(`.monaco-list-row:has-text("${name}")`).count(), 1, 'one row for the Vertex schedule and its ZenML record');
      assert.match(await rowOf(name).innerText(), /active · .*At 04:00 · next/);
      assert.match(await readFile(gcloud.calls, 'utf8'), /^auth print-access-token --format=json$/m, 'the extension did not run gcloud');
      await runCommand(page, 'Notifications: Clear All Notifications');
      await cleanShot('live-vertex.png', () => rowOf(name).scrollIntoViewIfNeeded());
      if (UPDATE_MEDIA) await copyFile(join(OUT, 'live-vertex.png'), join(PROJECT_ROOT, 'media/live-vertex.png'));

      // Paused "72 hours ago" by the server's clock: three 04:00 start times are missed by now.
      vertex.clock.offsetMs = -72 * 3_600_000;
      try {
        await rowOf(name).hover();
        await rowOf(name).locator('.action-label[aria-label="Pause Schedule"]').click();
        await until('the paused Vertex row', async () => /paused ·/.test(await rowOf(name).innerText()), 180_000);
      } finally {
        vertex.clock.offsetMs = 0;
      }
      assert.equal(await rowOf(name).locator('.custom-view-tree-node-item-icon.codicon-debug-pause').count(), 1);
      assert.equal(await vertexState(vertex, id), 'PAUSED', 'the loopback Vertex server says it is not paused');
      // The merged record follows (ZenML's dashboard agrees).
      const token = await adminToken(server);
      const rec = await fetch(`${server.url}/api/v1/schedules/${seeded.vertex.recordId}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal((await rec.json()).body.active, false, "ZenML's record is still active");
    });

    await test('Resume on the Vertex row shows the resume preview with the catch-up choice; Cancel changes nothing; "Resume and catch up" sends catchUp true and reads ACTIVE back', async () => {
      const { id, name } = seeded.vertex;
      const dialog = page.locator('.monaco-dialog-box');
      const openPreview = async () => {
        await page.mouse.move(5, 5);
        await rowOf(name).hover();
        await rowOf(name).locator('.action-label[aria-label="Resume Schedule"]').click();
        await until('the resume preview', () => dialog.filter({ hasText: `Resume "${name}"?` }).count(), WAIT_MS);
      };
      await runCommand(page, 'Notifications: Clear All Notifications');
      await openPreview();
      const text = await dialog.innerText();
      assert.match(text, /Start times missed while it was paused: 3\./, text);
      assert.match(text, /3 start times were missed \(paused at /, text);
      assert.match(text, /With catch-up Vertex AI starts 3 runs; without catch-up none\./, text);
      assert.equal(await dialog.locator('.monaco-button:has-text("Resume and catch up")').count(), 1, text);
      assert.equal(await dialog.locator('.monaco-button:has-text("Resume without catch-up")').count(), 1, text);
      await cleanShot('resume-preview.png');
      if (UPDATE_MEDIA) await copyFile(join(OUT, 'resume-preview.png'), join(PROJECT_ROOT, 'media/resume-preview.png'));

      // Cancel: no request, still paused on the server and in the row.
      await dialog.locator('.monaco-button:has-text("Cancel")').click();
      await until('the closed preview', async () => (await dialog.count()) === 0 || !(await dialog.isVisible()), WAIT_MS);
      assert.equal(resumeCalls(vertex, id).length, 0, 'Cancel sent a resume');
      assert.equal(await vertexState(vertex, id), 'PAUSED');
      assert.match(await rowOf(name).innerText(), /paused ·/);

      // (A late resume from the cancelled modal would show below as a second :resume call.)
      await openPreview();
      await dialog.locator('.monaco-button:has-text("Resume and catch up")').click();
      await until('the active Vertex row', async () => /active ·/.test(await rowOf(name).innerText()), 180_000);
      const calls = resumeCalls(vertex, id);
      assert.equal(calls.length, 1, JSON.stringify(calls));
      assert.deepEqual(calls[0].body, { catchUp: true });
      assert.equal(calls[0].status, 200);
      assert.equal(await vertexState(vertex, id), 'ACTIVE', 'the loopback Vertex server says it is not active');
      assert.equal(vertex.get(id).catchUp, true);
      assert.equal(await rowOf(name).locator('.custom-view-tree-node-item-icon.codicon-debug-pause').count(), 0);
    });

    await test('the Vertex row paused again: "Resume without catch-up" in the preview sends catchUp false and reads ACTIVE back', async () => {
      const { id, name } = seeded.vertex;
      const dialog = page.locator('.monaco-dialog-box');
      await page.mouse.move(5, 5);
      await rowOf(name).hover();
      await rowOf(name).locator('.action-label[aria-label="Pause Schedule"]').click();
      await until('the paused Vertex row', async () => /paused ·/.test(await rowOf(name).innerText()), 180_000);
      assert.equal(await vertexState(vertex, id), 'PAUSED');
      await page.mouse.move(5, 5);
      await rowOf(name).hover();
      await rowOf(name).locator('.action-label[aria-label="Resume Schedule"]').click();
      await until('the resume preview', () => dialog.filter({ hasText: `Resume "${name}"?` }).count(), WAIT_MS);
      await dialog.locator('.monaco-button:has-text("Resume without catch-up")').click();
      await until('the active Vertex row', async () => /active ·/.test(await rowOf(name).innerText()), 180_000);
      const calls = resumeCalls(vertex, id);
      assert.equal(calls.length, 2, JSON.stringify(calls));
      assert.deepEqual(calls[1].body, { catchUp: false });
      assert.equal(await vertexState(vertex, id), 'ACTIVE');
      assert.equal(vertex.get(id).catchUp, false);
    });

    await test('Recreate with a New Schedule… on the DAG shows the plan and the diff first; cancelling changes nothing (issue 15)', async () => {
      const { airflow, error } = await airflowStart;
      if (!airflow) throw new Error(error);
      const dagId = airflow.zenmlDags[0].dagId;
      await page.keyboard.press('Escape');
      await runCommand(page, 'ZenML Schedules: Recreate with a New Schedule…');
      const input = page.locator('.quick-input-widget input');
      await until('the schedule pick', () => page.locator(`.quick-input-list-row:has-text("${dagId}")`).count(), WAIT_MS);
      await input.fill(dagId);
      await input.press('Enter');
      await until('the cron box', () => page.locator('.quick-input-title:has-text("New cron expression")').count(), WAIT_MS);
      await input.fill('45 5 * * *');
      await until('the preview', () => page.locator('.quick-input-widget:has-text("Next:")').count(), WAIT_MS);
      await input.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await until('the plan dialog', () => dialog.filter({ hasText: 'Nothing has changed yet' }).count(), 120_000);
      assert.match(await dialog.innerText(), /1\. airflow3: pause[\s\S]*2\. airflow3: delete DAG[\s\S]*3\. \[by hand\]/);
      await until('the plan document', () => page.locator('.tab:has-text("plan.md")').count(), WAIT_MS);
      assert.equal(await dagPaused(airflow, dagId), false, 'nothing changed before confirming');
      await page.screenshot({ path: join(OUT, 'recreate-plan.png') });
      if (UPDATE_MEDIA) await copyFile(join(OUT, 'recreate-plan.png'), join(PROJECT_ROOT, 'media/recreate-plan.png'));
      await page.keyboard.press('Escape');
      await until('the dialog to close', async () => (await dialog.count()) === 0, WAIT_MS);
      assert.equal(await dagPaused(airflow, dagId), false, 'cancelled: the DAG is still unpaused');
      const res = await airflow.rest('GET', `/dags/${dagId}`);
      assert.equal(res.status, 200, 'cancelled: the DAG is still there');
    });

    // Issue 10 editor flows the audit found untested (gap 9): the palette's "Which schedule?" pick, Show Runs…,
    // selection and expansion across a refresh, and the delete modal's words. Kept together at the end.
    const recordOf = async (id) => {
      const token = await adminToken(server);
      const res = await fetch(`${server.url}/api/v1/schedules/${id}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, `GET /api/v1/schedules/${id}: ${res.status}`);
      return (await res.json()).body;
    };
    const putRecord = async (id, body) => {
      const token = await adminToken(server);
      const res = await fetch(`${server.url}/api/v1/schedules/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal(res.status, 200, `PUT /api/v1/schedules/${id}: ${res.status} ${await res.text()}`);
    };
    const cronJobOf = async (name) => {
      const res = await fetch(`${k8sUrl}/apis/batch/v1/namespaces/zenml/cronjobs/${name}`, { headers: { authorization: `Bearer ${K8S_TOKEN}` } });
      return { status: res.status, body: res.status === 200 ? await res.json() : undefined };
    };
    const quickInput = page.locator('.quick-input-widget');
    const pickRows = quickInput.locator('.quick-input-list .monaco-list-row');
    /** The palette command's quick pick: waits for its title and returns the rows' texts. */
    const openPick = async (command, title, expectRow) => {
      await runCommand(page, command);
      await until(`the pick "${title}"`, () => quickInput.locator(`.quick-input-title:has-text("${title}")`).count(), WAIT_MS);
      await until(`a row "${expectRow}" in the pick`, () => pickRows.filter({ hasText: expectRow }).count(), WAIT_MS);
      return pickRows.allInnerTexts();
    };
    /** Types the schedule's name into the open pick and takes the first row once it is that schedule. */
    const pickSchedule = async (name) => {
      const input = quickInput.locator('input');
      await input.fill(name);
      await until(`"${name}" first in the pick`, async () => (await pickRows.first().innerText()).includes(name), WAIT_MS);
      await input.press('Enter');
    };
    const isSelected = (row) => row.evaluate((el) => el.classList.contains('selected'));

    await test('editor flows: Pause Schedule from the palette asks "Which schedule?" (pausable rows only) and pauses the one picked; Resume offers it back', async () => {
      const { id, name, cronJob } = seeded.schedules.hourly;
      const input = quickInput.locator('input');
      await page.keyboard.press('Escape');
      const pausable = await openPick('ZenML Schedules: Pause Schedule', 'Pause a schedule', name);
      assert.equal(await input.getAttribute('placeholder'), 'Which schedule?');
      const hourlyPick = pausable.find((t) => t.includes(name));
      assert.match(hourlyPick, /local-server · report/, hourlyPick);
      assert.match(hourlyPick, /active · /, hourlyPick);
      assert.ok(pausable.some((t) => t.includes(seeded.schedules.nightly.name)), `the pick: ${JSON.stringify(pausable)}`);
      await pickSchedule(name);
      await until('the paused row', async () => /paused ·/.test(await rowOf(name).innerText()), 180_000);
      assert.equal((await recordOf(id)).active, false, 'the server still says active');
      assert.equal((await cronJobOf(cronJob)).body?.spec.suspend, true, 'the CronJob is not suspended');

      // Paused now: the Pause pick leaves it out, the Resume pick offers it.
      const again = await openPick('ZenML Schedules: Pause Schedule', 'Pause a schedule', seeded.schedules.nightly.name);
      assert.ok(!again.some((t) => t.includes(name)), `a paused schedule offered for pausing: ${JSON.stringify(again)}`);
      await page.keyboard.press('Escape');
      const resumable = await openPick('ZenML Schedules: Resume Schedule', 'Resume a schedule', name);
      assert.ok(!resumable.some((t) => t.includes(seeded.schedules.nightly.name)), `an active schedule offered for resuming: ${JSON.stringify(resumable)}`);
      await pickSchedule(name);
      // A resume preview only when more than one start time was missed (not expected here): answer it if shown.
      const dialog = page.locator('.monaco-dialog-box');
      await until('the active row', async () => {
        if (await dialog.filter({ hasText: `Resume "${name}"?` }).count()) await dialog.locator('.monaco-button:has-text("Resume")').first().click();
        return /active ·/.test(await rowOf(name).innerText());
      }, 180_000);
      assert.equal((await recordOf(id)).active, true);
      assert.equal((await cronJobOf(cronJob)).body?.spec.suspend, false);
    });

    await test('editor flows: Show Runs… from the palette asks which schedule, then lists its runs, newest first', async () => {
      const { name } = seeded.schedules.failing;
      const input = quickInput.locator('input');
      await page.keyboard.press('Escape');
      const withRuns = await openPick('ZenML Schedules: Show Runs…', 'Show the runs of a schedule', name);
      assert.equal(await input.getAttribute('placeholder'), 'Which schedule?');
      assert.match(withRuns.find((t) => t.includes(name)), /local-server · etl/);
      await pickSchedule(name);
      await until('the runs pick', () => quickInput.locator(`.quick-input-title:has-text('Last runs of "${name}" (local-server)')`).count(), 60_000);
      await until('the run rows', async () => (await pickRows.count()) >= 2, WAIT_MS);
      const runs = await pickRows.allInnerTexts();
      assert.equal(runs.length, 2, JSON.stringify(runs));
      assert.match(runs[0], /failed · /, JSON.stringify(runs));
      assert.match(runs[1], /completed · /, JSON.stringify(runs));
      await page.screenshot({ path: join(OUT, 'show-runs.png') });
      await page.keyboard.press('Escape');
    });

    await test('editor flows: a refresh that brings a change from the server keeps the selected, expanded row selected and expanded', async () => {
      const { id, name } = seeded.schedules.failing;
      const original = (await recordOf(id)).cron_expression;
      assert.equal(original, '0 1 * * *');
      await page.keyboard.press('Escape');
      const row = rowOf(name);
      await row.scrollIntoViewIfNeeded();
      // A click selects the row and (single-click expand mode) expands it; else the keyboard expands it.
      await row.click();
      const expanded = await until('the clicked row expanded', async () => (await row.getAttribute('aria-expanded')) === 'true', 5_000).catch(() => false);
      if (!expanded) await page.keyboard.press('ArrowRight');
      const level = Number(await row.getAttribute('aria-level'));
      const runRows = view.locator(`.monaco-list-row[aria-level="${level + 1}"]`);
      await until('the run rows under the expanded row', async () => (await runRows.count()) >= 2, WAIT_MS);
      assert.equal(await isSelected(row), true, 'the clicked row is not selected');
      assert.equal(await row.getAttribute('aria-expanded'), 'true');
      assert.match(await row.innerText(), /At 01:00/);
      try {
        await putRecord(id, { cron_expression: '20 1 * * *' });
        // The view's own Refresh button (the palette would start with Escape, which clears a focused tree's selection).
        await page.mouse.move(300, 300);
        await page.locator('.part.sidebar .title-actions .action-label[aria-label^="Refresh"]').first().click();
        await until("the server's change in the row", async () => /At 01:20/.test(await rowOf(name).innerText()), 120_000);
        const after = rowOf(name);
        assert.equal(await isSelected(after), true, 'the refresh lost the selection');
        assert.equal(await after.getAttribute('aria-expanded'), 'true', 'the refresh collapsed the row');
        assert.ok((await runRows.count()) >= 2, 'the run rows under the row are gone');
        assert.equal(await view.locator('.monaco-list-row.selected').count(), 1);
      } finally {
        await putRecord(id, { cron_expression: original });
        await runCommand(page, 'ZenML Schedules: Refresh');
        await until('the row back at 01:00', async () => /At 01:00/.test(await rowOf(name).innerText()), 120_000);
      }
    });

    await test('editor flows: Delete Schedule… says exactly what is removed (record id, CronJob, archive vs purge); Cancel deletes nothing', async () => {
      const { id, name, cronJob } = seeded.schedules.nightly;
      const dialog = page.locator('.monaco-dialog-box');
      await page.keyboard.press('Escape');
      await openPick('ZenML Schedules: Delete Schedule…', 'Delete a schedule', name);
      await pickSchedule(name);
      await until('the delete modal', () => dialog.filter({ hasText: `Delete the schedule "${name}" from local-server?` }).count(), WAIT_MS);
      const text = await dialog.innerText();
      assert.ok(text.includes(`the ZenML record ${id} is kept but set inactive and archived`), text);
      assert.match(text, new RegExp(`CronJob "?${cronJob}"?`), `the modal does not name the CronJob ${cronJob}: ${text}`);
      assert.match(text, /Purge: the record is deleted for good and cannot be restored\./, text);
      assert.equal(await dialog.locator('.monaco-button:has-text("Archive")').count(), 1, text);
      assert.equal(await dialog.locator('.monaco-button:has-text("Purge…")').count(), 1, text);
      await page.screenshot({ path: join(OUT, 'delete-modal.png') });
      await dialog.locator('.monaco-button:has-text("Cancel")').click();
      await until('the closed modal', async () => (await dialog.count()) === 0 || !(await dialog.isVisible()), WAIT_MS);
      // Nothing deleted: the record, the CronJob and the row are all still there.
      const record = await recordOf(id);
      assert.equal(record.is_archived, false, 'Cancel archived the record');
      assert.equal(record.active, true);
      assert.equal((await cronJobOf(cronJob)).status, 200, 'Cancel deleted the CronJob');
      assert.equal(await rowOf(name).count(), 1);
    });
  } finally {
    await workbench.close();
    await codeServer.stop();
    await rm(workspace, { recursive: true, force: true });
  }
  for (const t of results.tests) log(`  ${t.state === 'passed' ? '✔' : '✖'} ${t.fullTitle}`);
  return results;
}

async function main() {
  const started = Date.now();
  requirePython(SERVER_VENV_PYTHON, 'zenml', 'kubernetes');
  const server = new LiveZenmlServer(await freePort());
  const k8s = await startKubernetesServer({ tokens: { [K8S_TOKEN]: { name: 'admin' } } });
  // Takes only the token the fake gcloud prints (a request with another one gets Google's 401).
  // Its clock can be set back (vertex.clockOffsetMs) so that a pause happens "three days ago".
  const vertexClock = { offsetMs: 0 };
  const vertex = Object.assign(await startVertexServer({ tokens: [GCLOUD_TOKEN], now: () => new Date(Date.now() + vertexClock.offsetMs) }), { clock: vertexClock });
  // The loopback GitHub REST API (test/servers/github.ts) with one ZenML-made scheduled workflow.
  const github = await startGithubServer({ tokens: [GITHUB_TOKEN], repositories: [GITHUB_REPO] });
  const githubWorkflowId = github.addWorkflow({ path: GITHUB_WORKFLOW, name: 'train', content: GITHUB_WORKFLOW_TEXT });
  const scratch = await mkdtemp(join(tmpdir(), 'zs-live-'));
  // Airflow 3 starts while the ZenML server does (both mostly wait on SQLite and imports).
  // Skipped when a --grep cannot match the Airflow tests (they then fail with the reason, if run).
  const airflowStart = !GREP || /airflow/i.test(GREP_SOURCE) ? startLiveAirflow(console.log) : Promise.resolve({ error: `not started: --grep ${GREP_SOURCE} leaves the Airflow tests out` });
  try {
    await server.start();
    console.log(`ZenML server ${server.url} healthy after ${((Date.now() - started) / 1000).toFixed(1)} s; Kubernetes API ${k8s.url}`);
    const seeded = await seedSchedules(server, k8s, vertex);
    const gcloud = await writeFakeGcloud(scratch);
    console.log(`Vertex AI (loopback) ${vertex.url}; fake gcloud in ${gcloud.bin}${GREP ? `; --grep ${GREP_SOURCE}` : ''}`);
    const kubeconfig = join(scratch, 'kubeconfig');
    await writeFile(kubeconfig, kubeconfigFor(k8s.url, K8S_TOKEN, 'loopback', 'zenml'));
    // The extension's own Kubernetes adapter (@kubernetes/client-node) takes plain http:// only with
    // insecure-skip-tls-verify in the kubeconfig (there is no TLS on the loopback server to verify).
    const nodeKubeconfig = join(scratch, 'kubeconfig-node');
    const nodeKc = JSON.parse(kubeconfigFor(k8s.url, K8S_TOKEN, 'loopback', 'zenml'));
    nodeKc.clusters[0].cluster['insecure-skip-tls-verify'] = true;
    await writeFile(nodeKubeconfig, JSON.stringify(nodeKc));
    const env = {
      KUBECONFIG: kubeconfig,
      // The machine's own `zenml login` must not add a connection to the test's view.
      ZENML_SCHEDULES_IGNORE_ZENML_LOGIN: '1',
      ZENML_ANALYTICS_OPT_IN: 'false',
      ZS_LIVE_KEY: seeded.seed.apiKey,
    };

    const browser = process.env.ZS_LIVE_SKIP_BROWSER === '1' ? { passed: 0, failed: 0, tests: [] } : await browserPhase(server, seeded, env, k8s.url, airflowStart, vertex, gcloud, console.log);
    const { airflow, error: airflowError } = await airflowStart;
    // The in-host suite checks the ZenML rows as seeded before the Vertex record (their order, the timeline's
    // lanes): the record the browser tests merged leaves the server first (read back: gone from the list).
    {
      const token = await adminToken(server);
      const del = await fetch(`${server.url}/api/v1/schedules/${seeded.vertex.recordId}?soft=false`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      assert.ok(del.ok, `DELETE /api/v1/schedules/${seeded.vertex.recordId}: ${del.status} ${await del.text()}`);
      const list = await fetch(`${server.url}/api/v1/schedules?size=1000`, { headers: { authorization: `Bearer ${token}` } });
      const items = (await list.json()).items ?? [];
      assert.ok(!items.some((s) => s.id === seeded.vertex.recordId && !s.body?.is_archived), 'the Vertex record is still listed');
    }

    const figuresFile = join(OUT, 'memory.json');
    await mkdir(OUT, { recursive: true });
    const live = {
      url: server.url,
      apiKey: seeded.seed.apiKey,
      k8sUrl: k8s.url,
      k8sToken: K8S_TOKEN,
      k8sKubeconfig: nodeKubeconfig,
      projectId: seeded.seed.projectId,
      kubernetesId: seeded.seed.kubernetesId,
      pipelines: seeded.seed.pipelines,
      schedules: seeded.schedules,
      bulk: process.env.ZS_LIVE_BULK !== '0',
      airflow: airflow
        ? { url: airflow.url, username: airflow.username, password: airflow.password, dagId: airflow.zenmlDags[0].dagId }
        : { error: airflowError },
      github: { url: github.url, token: GITHUB_TOKEN, repository: GITHUB_REPO, workflowId: String(githubWorkflowId), path: GITHUB_WORKFLOW },
    };
    const workspace = await mkdtemp(join(scratch, 'ws-'));
    await writeFile(join(workspace, 'README.md'), 'An empty folder: only live schedules (and a clone of the GitHub workflow file).\n');
    // The workspace copy of the workflow file, for the reviewable edit.
    await mkdir(join(workspace, '.github', 'workflows'), { recursive: true });
    await writeFile(join(workspace, GITHUB_WORKFLOW), GITHUB_WORKFLOW_TEXT);
    const suite =
      process.env.ZS_LIVE_SKIP_SUITE === '1'
        ? { passed: 0, failed: 0, tests: [] }
        : await runIntegrationSuite({
            workspace,
            settings: { 'zenmlSchedules.pythonPath': SERVER_VENV_PYTHON },
            env: { ...env, ZS_LIVE: JSON.stringify(live), ZS_LIVE_FIGURES: figuresFile, ZS_INTEGRATION_FILES: 'live-schedules', ...(GREP_SOURCE ? { ZS_INTEGRATION_GREP: GREP_SOURCE } : {}) },
            timeoutMs: 2_400_000,
          });
    console.log(`\nlive schedules in code-server: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const merged = { ...suite, passed: suite.passed + browser.passed, failed: suite.failed + browser.failed, tests: [...browser.tests, ...suite.tests] };
    return printResults(merged);
  } finally {
    await server.dispose();
    await k8s.close();
    await vertex.close();
    await github.close();
    // Its API server's process group, SIGTERM then SIGKILL (test/live/airflow-server.ts).
    const { airflow } = await airflowStart;
    if (airflow) await airflow.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
main()
  .then((failed) => process.exit(failed ? 1 : 0))
  .catch((error) => {
    console.error(error?.stack ?? String(error));
    console.log('0 passed, 1 failed');
    process.exit(1);
  });

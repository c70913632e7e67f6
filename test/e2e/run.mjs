// `npm run test:e2e`: what a user sees. Debian's Chromium (playwright-core)
// drives code-server on 127.0.0.1 with the packaged .vsix installed through
// `code-server --install-extension`, and the examples workspace open.
//
// Each test saves a screenshot to test/e2e/out/ (git-ignored); a failing test
// also saves the page console and the extension host logs there.
// ZS_E2E_GREP=<regex> runs a subset; ZS_UPDATE_MEDIA=1 refreshes media/screenshot.png.
// The last line is exactly `N passed, N failed`; exit 1 on failure.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openWorkbench } from './browser.mjs';
import { PROJECT_ROOT, extensionHostLogs, fileSize, startCodeServer } from './code-server.mjs';
import { WAIT_MS, hoverToken, openFromExplorer, problemCounts, resetWorkbench, runCommand, until } from './workbench.mjs';
import { ensurePackaged } from '../integration/package-vsix.mjs';

const OUT = join(PROJECT_ROOT, 'test/e2e/out');
const README_SCREENSHOT = join(PROJECT_ROOT, 'media/screenshot.png');
const ZENML_SCREENSHOT = join(PROJECT_ROOT, 'media/screenshot-zenml.png');
const NOTEBOOK_SCREENSHOT = join(PROJECT_ROOT, 'media/screenshot-notebook.png');
const figures = {};

/** Each profile is one code-server with its own settings; its tests share one window. */
const profiles = [
  {
    name: 'default',
    // A display zone that is not UTC, so the hover shows two different columns.
    settings: { 'zenmlSchedules.timeZone': 'Europe/Berlin' },
    // Without an orchestrator the standard dialect reads the cron in the machine's zone: pin it.
    env: { TZ: 'UTC' },
    tests: [
      ['Schedules view lists the workspace schedules', schedulesView],
      ['the timeline opens from the view, marks a collision, hovers and reveals the code', timelineFromView],
      ['hover on a cron string shows its description and next runs', hoverOnCron],
      ['Explain Cron Expression previews as you type', explainCronFromPalette],
      ['Create a Schedule: pipeline, orchestrator, kind, then the cron with its live preview and dialect warning', createScheduleFromPalette],
      ['Running Extensions shows the activation time', activationTime],
      ['a notebook: its schedules in the view, a click opens the cell, squiggle and hover in the cell', notebookCells],
      ['the Get Started walkthrough opens with its four steps, and its first button shows a hover', walkthrough],
    ],
  },
  {
    name: 'newcomer without ZenML',
    // python3 with its site-packages off: ZenML cannot be imported, as on a machine without it.
    prepare: preparePythonWithoutZenml,
    settings: { 'zenmlSchedules.timeZone': 'UTC' },
    env: { TZ: 'UTC' },
    tests: [['no ZenML: a quiet status bar, no toast until switching stacks, then "Don\'t Show Again"; a readable Explain tab', newcomerWithoutZenml]],
  },
  {
    name: 'orchestrator=local',
    settings: { 'zenmlSchedules.orchestrator': 'local' },
    tests: [['a schedule on an orchestrator that cannot schedule gets a warning squiggle and a Problems count', unsupportedOrchestrator]],
  },
  {
    name: 'real ZenML, default stack',
    // A fresh `zenml init` repository with its own ZenML config, and the interpreter of the
    // test venv (test/setup/40-zenml-venv.sh): the extension asks the real ZenML for the stack.
    prepare: prepareZenmlRepository,
    tests: [['the status bar shows the default stack and its local orchestrator, and the schedule gets the warning', zenmlDefaultStack]],
  },
];

const ZENML_BIN = join(PROJECT_ROOT, '.tools/zenml-venv/bin');

async function prepareZenmlRepository() {
  if (!existsSync(join(ZENML_BIN, 'zenml'))) throw new Error('ZenML test venv missing: run bash test/setup/40-zenml-venv.sh');
  const root = await mkdtemp(join(tmpdir(), 'zs-e2e-zenml-'));
  const repo = join(root, 'project');
  await mkdir(repo);
  await copyFile(join(PROJECT_ROOT, 'examples/pipelines/training.py'), join(repo, 'training.py'));
  const env = { ZENML_CONFIG_PATH: join(root, 'zenml-config'), ZENML_ANALYTICS_OPT_IN: 'false', ZENML_LOGGING_VERBOSITY: 'WARN' };
  const init = spawnSync(join(ZENML_BIN, 'zenml'), ['init'], { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  if (init.status !== 0) throw new Error(`zenml init failed:\n${init.stdout}\n${init.stderr}`);
  return {
    workspace: repo,
    env,
    // ZenML's first import can take well over the default 10 s on a loaded 2-core machine.
    settings: { 'zenmlSchedules.pythonPath': join(ZENML_BIN, 'python'), 'zenmlSchedules.helperTimeoutSeconds': 90 },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

async function zenmlDefaultStack({ page, shot }) {
  await openFromExplorer(page, 'training.py');
  // Detection runs the helper in the venv's Python (a few seconds on a loaded machine).
  const item = page.locator('.statusbar-item', { hasText: /default/ }).filter({ hasText: /local/ }).first();
  await item.waitFor({ state: 'visible', timeout: 120_000 });
  const label = await item.innerText();
  assert.match(label, /default\s*·\s*local/, label);
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: WAIT_MS });
  const hover = await hoverToken(page, page.locator('.monaco-editor .squiggly-warning').first(), /cannot run schedules/i);
  assert.match(hover, /Stack 'default' uses the local orchestrator/, hover);
  const picture = await shot('zenml-default-stack');
  if (process.env.ZS_UPDATE_MEDIA === '1' || !existsSync(ZENML_SCREENSHOT)) await copyFile(picture, ZENML_SCREENSHOT);
}

async function preparePythonWithoutZenml() {
  const root = await mkdtemp(join(tmpdir(), 'zs-e2e-newcomer-'));
  const python = join(root, 'python-without-zenml');
  await writeFile(python, '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
  return { settings: { 'zenmlSchedules.pythonPath': python }, cleanup: () => rm(root, { recursive: true, force: true }) };
}

const SCHEDULES_ACTIVITY = '.activitybar .action-item a[aria-label^="ZenML Schedules"], .activitybar .action-item[aria-label^="ZenML Schedules"]';

async function notebookCells({ page, shot }) {
  // A notebook renders its cells well after its tab opens (renderers load first, on a busy machine for long):
  // the tab is enough here, the status bar's cell count below says the cells are there.
  await openFromExplorer(page, 'notebooks/nightly_training.ipynb').catch(async (error) => {
    if (!(await page.locator('.tabs-container .tab.active', { hasText: 'nightly_training.ipynb' }).count())) throw error;
  });
  const cellStatus = page.locator('.statusbar-item', { hasText: /Cell \d+ of 8/ }).first();
  await cellStatus.waitFor({ state: 'visible', timeout: 120_000 });

  // The Schedules view: the notebook's scheduled pipeline, and its unattached schedule under the notebook.
  await page.locator(SCHEDULES_ACTIVITY).first().click();
  const rows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Schedules/i }) }).locator('.monaco-list-row');
  await until('the notebook rows', async () => {
    const text = (await rows.allInnerTexts()).join('\n');
    return /nightly-notebook/.test(text) && /Not attached to a pipeline/.test(text) ? text : undefined;
  });
  const weekly = rows.filter({ hasText: 'weekly_report' }).first();
  await weekly.scrollIntoViewIfNeeded();
  await weekly.click();
  // A click opens the cell: the notebook's active cell is cell 8 (weekly_report), scrolled into view.
  await until('cell 8 active', async () => /Cell 8 of 8/.test(await cellStatus.innerText()));

  // The naive datetime of cell 8 gets the warning squiggle, in the cell's own editor.
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ state: 'visible', timeout: WAIT_MS });
  // The hover there: the finding, and the schedule explained with its next runs (the README's picture).
  const hover = await hoverToken(page, squiggle, /naive-datetime[\s\S]*Next runs/);
  assert.match(hover, /start_time has no tzinfo/, hover);
  assert.match(hover, /At 09:00, only on Monday/, hover);
  const picture = await shot('notebook');
  if (process.env.ZS_UPDATE_MEDIA === '1' || !existsSync(NOTEBOOK_SCREENSHOT)) await copyFile(picture, NOTEBOOK_SCREENSHOT);
}

async function newcomerWithoutZenml({ page, shot }) {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  await openFromExplorer(page, 'pipelines/training.py');
  const status = page.locator('.statusbar-item', { hasText: /no ZenML/ }).first();
  await status.waitFor({ state: 'visible', timeout: 120_000 });
  // Opening a folder with schedules says nothing loud: no toast.
  await page.waitForTimeout(2_000);
  assert.equal(await toasts.count(), 0, `a toast nobody asked for: ${(await toasts.allInnerTexts()).join(' | ')}`);
  // One column of next runs in UTC.
  const hover = await hoverToken(page, '0 3 * * *', /Next runs/);
  assert.match(hover, /Next runs \(UTC\)/, hover);
  assert.doesNotMatch(hover, /Next runs \(UTC\)\s+UTC/, hover);
  await shot('newcomer-quiet');

  // Switching stacks needs ZenML: now a toast, with "Don't Show Again".
  await runCommand(page, 'ZenML Schedules: Switch Active ZenML Stack…');
  const toast = toasts.filter({ hasText: /ZenML is not installed/ }).first();
  await toast.waitFor({ state: 'visible', timeout: 60_000 });
  await shot('newcomer-switch-stack');
  await toast.locator('.monaco-button', { hasText: "Don't Show Again" }).click();
  await toast.waitFor({ state: 'hidden', timeout: WAIT_MS });
  await runCommand(page, 'ZenML Schedules: Switch Active ZenML Stack…');
  // Asked again: the answer is in the status bar, not in a toast.
  await page.locator('.statusbar-item', { hasText: /ZenML is not installed/ }).first().waitFor({ timeout: 60_000 });
  assert.equal(await toasts.filter({ hasText: /ZenML is not installed/ }).count(), 0, 'the toast came back after "Don\'t Show Again"');

  // Explain Cron: the Markdown tab is titled with the expression, not a URL-encoded file name.
  await runCommand(page, 'ZenML Schedules: Explain Cron Expression');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.pressSequentially('*/15 9-17 * * 1-5', { delay: 20 });
  await until('the preview', async () => /Every 15 minutes/i.test(await page.locator('.quick-input-widget').innerText()));
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab', { hasText: /^Preview Cron/ }).first();
  await tab.waitFor({ state: 'visible', timeout: WAIT_MS });
  const title = (await tab.innerText()).trim();
  assert.match(title, /^Preview Cron \*\u221515 9-17 \* \* 1-5 \(standard\)/, title);
  assert.doesNotMatch(title, /%|\.md/, title);
  // The preview (a webview) renders the explanation, though its name has no .md.
  await until('the rendered explanation in the preview', async () => {
    for (const frame of page.frames()) {
      const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
      if (/Every 15 minutes/i.test(text) && /Next runs \(UTC\)/.test(text)) return true;
    }
    return false;
  }, 60_000);
  await shot('explain-cron-tab');
}

async function schedulesView({ page, shot }) {
  const item = page.locator('.activitybar .action-item a[aria-label^="ZenML Schedules"], .activitybar .action-item[aria-label^="ZenML Schedules"]').first();
  await item.waitFor({ state: 'visible', timeout: WAIT_MS });
  await item.click();
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Schedules/i }) });
  const rows = pane.locator('.monaco-list-row');
  // The first look starts the workspace scan; rows arrive when it ends.
  await until('schedule rows in the ZenML Schedules view', async () => (await rows.allInnerTexts()).join('\n').includes('At 03:00'));
  const text = (await rows.allInnerTexts()).join('\n');
  assert.match(text, /training_pipeline/, text);
  assert.match(text, /nightly-training/, text);
  assert.match(text, /At 03:00 · next /, text);
  await shot('sidebar');
}

async function timelineFromView({ page, shot }) {
  const activity = page.locator('.activitybar .action-item a[aria-label^="ZenML Schedules"], .activitybar .action-item[aria-label^="ZenML Schedules"]').first();
  await activity.waitFor({ state: 'visible', timeout: WAIT_MS });
  const rows = page.locator('.pane .monaco-list-row');
  // The activity bar item toggles its container: click it only when the container is not showing.
  const open = await page.locator('.activitybar .action-item.checked', { has: page.locator('[aria-label^="ZenML Schedules"]') }).count();
  if (!open && !(await page.locator('.action-label[aria-label="Show Timeline"]').first().isVisible())) await activity.click();
  // The first look starts the workspace scan; rows arrive when it ends.
  await until('schedule rows in the ZenML Schedules view', async () => (await rows.allInnerTexts()).join('\n').includes('At 03:00'), 120_000);
  // The view is alone in its container: its title buttons sit in the container's title bar.
  const button = page.locator('.action-label[aria-label="Show Timeline"]').first();
  await button.waitFor({ state: 'visible', timeout: WAIT_MS });
  await button.click();
  // The webview's page lives in two nested frames.
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await frame.locator('svg.timeline').waitFor({ timeout: WAIT_MS });
  const summary = await frame.locator('.summary').innerText();
  assert.match(summary, /\d+ schedules, \d+ runs, [1-9]\d* collisions?/, summary);
  assert.match(summary, /times in Europe\/Berlin/, summary);
  const notes = await frame.locator('.notes').innerText();
  assert.match(notes, /Collision at .*training_pipeline|Collision at .*feature_pipeline/, notes);
  const mark = frame.locator('circle.mark.colliding[aria-label^="training_pipeline"]').first();
  await mark.hover();
  const tip = frame.locator('#tip');
  await tip.waitFor({ state: 'visible', timeout: WAIT_MS });
  const tipText = await tip.innerText();
  assert.match(tipText, /^training_pipeline · .*: \w{3} \d+ \w{3} \d{4}, 04:00 CET \(UTC \d{4}-\d\d-\d\dT03:00:00Z\), orchestrator unknown, workspace code, collides$/, tipText);
  const picture = await shot('timeline');
  const readmePicture = join(PROJECT_ROOT, 'media/screenshot-timeline.png');
  if (process.env.ZS_UPDATE_MEDIA === '1' || !existsSync(readmePicture)) await copyFile(picture, readmePicture);
  await mark.click();
  await until('training.py opened from the timeline', async () => (await page.locator('.tabs-container .tab.active').innerText()).includes('training.py'));
  await runCommand(page, 'View: Close All Editors');
}

async function hoverOnCron({ page, shot }) {
  await openFromExplorer(page, 'pipelines/training.py');
  const text = await hoverToken(page, '0 3 * * *', /Next runs/);
  assert.match(text, /At 03:00/, text);
  assert.match(text, /Next runs \(Europe\/Berlin\)\s+UTC/, text);
  // 03:00 UTC is 04:00 in Berlin in winter and 05:00 in summer.
  assert.match(text, /0[45]:00 (CET|CEST|GMT\+[12])\s+\S.*03:00 UTC/, text);
  assert.match(text, /Dialect: standard/, text);
  await shot('hover');

  // The README picture: the Schedules view beside the editor, with the hover open
  // (and no toast over it, e.g. "ZenML is not installed" on a machine without ZenML).
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.activitybar .action-item a[aria-label^="ZenML Schedules"], .activitybar .action-item[aria-label^="ZenML Schedules"]').first().click();
  await page.locator('.pane .monaco-list-row', { hasText: 'At 03:00' }).first().waitFor({ timeout: WAIT_MS });
  await hoverToken(page, '0 3 * * *', /Next runs/);
  const overview = await shot('overview');
  if (process.env.ZS_UPDATE_MEDIA === '1' || !existsSync(README_SCREENSHOT)) await copyFile(overview, README_SCREENSHOT);
}

async function explainCronFromPalette({ page, shot }) {
  await runCommand(page, 'ZenML Schedules: Explain Cron Expression');
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
  await input.pressSequentially('*/15 9-17 * * 1-5', { delay: 20 });
  const preview = await until('the live preview of */15 9-17 * * 1-5', async () => {
    const text = await widget.innerText();
    return /Every 15 minutes/i.test(text) && /Next:/.test(text) ? text : undefined;
  });
  // The description of exactly the typed expression (the engine's words for */15 9-17 * * 1-5).
  assert.ok(preview.includes('Every 15 minutes, between 09:00 and 17:59, Monday through Friday'), preview);
  await shot('explain-cron');

  await input.fill('');
  await input.pressSequentially('61 * * * *', { delay: 20 });
  const error = await until('the error for 61 * * * *', async () => {
    const text = await widget.innerText();
    return /61/.test(text) && /range|invalid|not/i.test(text) ? text : undefined;
  });
  assert.doesNotMatch(error, /Next:/, error);
  await shot('explain-cron-invalid');
  await page.keyboard.press('Escape');
}

async function createScheduleFromPalette({ page, shot }) {
  await runCommand(page, 'ZenML Schedules: Create a Schedule…');
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  const pick = async (what, typed, row) => {
    await until(what, async () => ((await widget.isVisible()) && (await widget.innerText()).includes(what) ? true : undefined));
    await input.fill(typed);
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
  };
  await pick('pipeline', 'training_pipeline', 'training_pipeline');
  // No orchestrator is known in this profile (no ZenML, no setting): the flow asks which one will run it.
  const asked = await until('the orchestrator or kind question', async () => {
    const text = await widget.innerText().catch(() => '');
    return /which orchestrator will run it/.test(text) ? 'flavor' : /kind of schedule/.test(text) ? 'kind' : undefined;
  });
  if (asked === 'flavor') await pick('which orchestrator will run it', 'Kubeflow', 'Kubeflow');
  await pick('kind of schedule on Kubeflow', 'Cron', 'Cron expression');
  await until('the cron box', async () => ((await widget.innerText()).includes('cron expression (Kubeflow, kubeflow dialect)') ? true : undefined));
  await input.pressSequentially('0 3 * * *', { delay: 20 });
  // Kubeflow reads the first field as seconds: the preview says what it will really do, and warns.
  const preview = await until('the live preview with the dialect warning', async () => {
    const text = await widget.innerText();
    return /Next:/.test(text) && /⚠/.test(text) ? text : undefined;
  });
  assert.match(preview, /second/i, preview);
  // The mouse still rests where the palette row was clicked, over the input: its placeholder hover
  // ("e.g. 0 0 3 * * *") would cover the title in the picture. Move it to the empty editor area and
  // wait for every hover to close.
  await page.mouse.move(700, 650);
  await until('no hover over the quick input', async () => ((await page.locator('.workbench-hover-container:visible, .monaco-hover:visible').count()) === 0 ? true : undefined));
  const picture = await shot('create-schedule');
  const readmePicture = join(PROJECT_ROOT, 'media/screenshot-create.png');
  if (process.env.ZS_UPDATE_MEDIA === '1' || !existsSync(readmePicture)) await copyFile(picture, readmePicture);
  await page.keyboard.press('Escape');
}

async function activationTime({ page, shot }) {
  // Make sure it is active (a Python file was opened by an earlier test; open one if run alone).
  if (!(await page.locator('.tabs-container .tab', { hasText: '.py' }).count())) await openFromExplorer(page, 'pipelines/training.py');
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.monaco-list-row', { hasText: 'ZenML Schedules' }).first();
  await row.waitFor({ state: 'visible', timeout: WAIT_MS });
  const label = await until('an activation time for ZenML Schedules', async () => {
    const text = await row.locator('.activation-time').innerText();
    return /\d+\s*ms/.test(text) ? text : undefined;
  });
  figures.activationMs = Number(label.match(/(\d+)\s*ms/)[1]);
  figures.activationLabel = label;
  await shot('running-extensions');
}

async function walkthrough({ page, shot }) {
  await runCommand(page, 'ZenML Schedules: Get Started');
  const container = page.locator('.gettingStartedContainer');
  const steps = ['Hover a cron expression', 'Fix a finding', 'Open the Schedules view', 'Connect a ZenML server'];
  const text = await until('the walkthrough with its steps', async () => {
    const t = await container.innerText().catch(() => '');
    return t.includes('Get started with ZenML Schedules') && steps.every((s) => t.includes(s)) ? t : undefined;
  });
  assert.match(text, /Try a Hover/, text);
  // The open step's picture is one of ours.
  const picture = container.locator('img[alt^="A hover over"]').first();
  await picture.waitFor({ state: 'visible', timeout: WAIT_MS });
  const size = await until('the step picture, loaded', () => picture.evaluate((img) => (img.complete && img.naturalWidth > 0 ? img.naturalWidth : 0)));
  assert.ok(size > 100, `picture width ${size}`);
  await shot('walkthrough');
  // Its button opens the sample with the hover shown.
  await container.getByRole('button', { name: 'Try a Hover' }).first().click();
  const hover = await until('the hover of the walkthrough sample', async () => {
    const t = (await page.locator('.monaco-hover-content:visible').allInnerTexts().catch(() => [])).join('\n');
    return /At 03:00/.test(t) ? t : undefined;
  });
  assert.match(hover, /Monday through Friday/, hover);
  await shot('walkthrough-hover');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Revert and Close Editor').catch(() => {});
}

async function unsupportedOrchestrator({ page, shot }) {
  await openFromExplorer(page, 'pipelines/training.py');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: WAIT_MS });
  const counts = await until('a warning in the Problems status item', async () => {
    const c = await problemCounts(page);
    return c.warnings >= 1 ? c : undefined;
  });
  assert.equal(counts.errors, 0, counts.label);
  // The squiggle sits on the schedule= keyword of with_options(...).
  const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
  const keyword = page.locator('.monaco-editor .view-lines .view-line span span', { hasText: /^schedule$/ }).last();
  const [a, b] = [await squiggle.boundingBox(), await keyword.boundingBox()];
  assert.ok(a && b && Math.abs(a.y - b.y) < b.height && a.x <= b.x + 2 && a.x + a.width >= b.x + b.width - 2, `squiggle ${JSON.stringify(a)} is not on schedule= ${JSON.stringify(b)}`);
  const hover = await hoverToken(page, squiggle, /cannot run schedules|unsupported-orchestrator/i);
  assert.match(hover, /local/i, hover);
  await shot('unsupported-orchestrator');
}

async function saveFailureArtifacts(server, workbench, slug) {
  const logsDir = join(OUT, `${slug}-logs`);
  await mkdir(logsDir, { recursive: true });
  for (const file of await extensionHostLogs(server.logsDir)) {
    await copyFile(file, join(logsDir, `${basename(join(file, '..'))}-${basename(file)}`)).catch(() => {});
  }
  await copyFile(server.serverLog, join(logsDir, 'code-server.log')).catch(() => {});
  await writeFile(join(OUT, `${slug}-console.log`), workbench.consoleLines.join('\n'));
  await workbench.page.screenshot({ path: join(OUT, `${slug}-failure.png`) }).catch(() => {});
  return logsDir;
}

function slugOf(name) {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

async function main() {
  const started = Date.now();
  const grep = process.env.ZS_E2E_GREP ? new RegExp(process.env.ZS_E2E_GREP, 'i') : undefined;
  // A full run starts from an empty out/, so no stale screenshot or failure log from
  // an earlier run is mistaken for this one's; a subset run keeps the others' files.
  if (!grep) await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const vsix = ensurePackaged();
  figures.vsixBytes = await fileSize(vsix);
  if (existsSync(join(PROJECT_ROOT, 'dist/extension.js'))) figures.extensionJsBytes = await fileSize(join(PROJECT_ROOT, 'dist/extension.js'));
  let passed = 0;
  let failed = 0;

  for (const profile of profiles) {
    const tests = profile.tests.filter(([name]) => !grep || grep.test(name));
    if (!tests.length) continue;
    console.log(`\n[${profile.name}]`);
    let server;
    let workbench;
    let prepared;
    try {
      prepared = profile.prepare ? await profile.prepare() : {};
      server = await startCodeServer({
        vsix,
        workspace: prepared.workspace,
        settings: { ...profile.settings, ...prepared.settings },
        env: { ...profile.env, ...prepared.env },
      });
      workbench = await openWorkbench(server);
    } catch (error) {
      console.log(`  ✗ starting code-server and the workbench: ${error.stack ?? error}`);
      failed += tests.length;
      await workbench?.close();
      await server?.stop();
      await prepared?.cleanup?.();
      continue;
    }
    for (const [name, run] of tests) {
      const slug = slugOf(name);
      const t0 = Date.now();
      const shot = async (label) => {
        const path = join(OUT, `${label}.png`);
        await workbench.page.screenshot({ path });
        return path;
      };
      try {
        await run({ page: workbench.page, server, shot });
        passed += 1;
        console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        const logsDir = await saveFailureArtifacts(server, workbench, slug);
        console.log(`  ✗ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${(error.stack ?? String(error)).split('\n').slice(0, 14).join('\n      ')}`);
        console.log(`      artifacts: ${join(OUT, slug)}-failure.png, -console.log, ${logsDir}`);
      }
      await resetWorkbench(workbench.page).catch(() => {});
    }
    await workbench.close();
    await server.stop();
    await prepared.cleanup?.();
  }

  figures.e2eSeconds = Number(((Date.now() - started) / 1000).toFixed(1));
  // A subset run measures only some figures: merge them into the last full run's.
  const earlier = grep ? await readFile(join(OUT, 'figures.json'), 'utf8').then(JSON.parse).catch(() => ({})) : {};
  await writeFile(join(OUT, 'figures.json'), JSON.stringify({ ...earlier, ...figures }, null, 2));
  console.log(`\nfigures: ${JSON.stringify(figures)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

// Ctrl+C / SIGTERM: exit through process.exit so the launcher's exit hook ends code-server's
// process group (it runs detached, so the terminal's signal does not reach it).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
main().then(
  (failed) => process.exit(failed ? 1 : 0),
  (error) => {
    console.error(error.stack ?? String(error));
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);

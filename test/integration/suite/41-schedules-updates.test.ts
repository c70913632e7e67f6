// The Schedules view follows the workspace after the first scan: created, changed and
// deleted files and folders; never virtual environments or .gitignored files; and the
// two sort orders of the view's title. Runs on a temporary copy of examples/.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, sleep, waitFor, workspaceFile, type ExtensionApi } from './helpers';

/** What the provider's nodes carry (kept structural: tests must not import src/vscode). */
interface RowNode {
  type: 'row';
  row: { id: string; label: string; summary: { nextRuns: Date[] } };
}
interface GroupNode {
  type: 'group';
  group: { label: string; kind: 'pipeline' | 'file'; rows: RowNode['row'][] };
}
interface UnattachedNode {
  type: 'unattached';
}

interface Row {
  id: string;
  label: string;
  description: string;
}

const CREATED_ROOTS = ['zs-it-jobs', 'zs-it-folder', 'zs-it-renamed', 'zs-it-excluded', 'zs-it-sentinel.py', '.venv', 'zs-it-env', '.vscode/zs-it-ignored.py'];

function scheduleFile(name: string, cron: string): Uint8Array {
  return Buffer.from(`from zenml.config.schedule import Schedule\n\nschedule = Schedule(name="${name}", cron_expression="${cron}")\n`, 'utf8');
}

async function write(relativePath: string, content: Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceFile(relativePath), content);
}

async function groupNodes(api: ExtensionApi): Promise<GroupNode[]> {
  const provider = api.schedulesProvider;
  const sources = ((await provider.getChildren(undefined)) ?? []) as unknown[];
  const groups: GroupNode[] = [];
  for (const source of sources) {
    for (const node of ((await provider.getChildren(source)) ?? []) as (GroupNode | UnattachedNode)[]) {
      // "Not attached to a pipeline" holds the file groups.
      if (node.type === 'unattached') groups.push(...(((await provider.getChildren(node)) ?? []) as GroupNode[]));
      else groups.push(node);
    }
  }
  return groups;
}

async function rowsNow(api: ExtensionApi): Promise<Row[]> {
  const provider = api.schedulesProvider;
  const rows: Row[] = [];
  for (const group of await groupNodes(api)) {
    for (const node of ((await provider.getChildren(group)) ?? []) as RowNode[]) {
      const item = await provider.getTreeItem(node);
      rows.push({ id: node.row.id, label: node.row.label, description: String(item.description ?? '') });
    }
  }
  return rows;
}

const show = (rows: Row[]) => rows.map((r) => `${r.label} — ${r.description}`).join('\n');

/** Waits until a row labelled `label` satisfies `accept` (or, with `absent`, until there is none). */
function waitForRow(api: ExtensionApi, label: string, accept: (row: Row) => boolean = () => true): Promise<Row> {
  return waitFor(`a row "${label}"`, async () => (await rowsNow(api)).find((r) => r.label === label && accept(r)), 15_000);
}

function waitForNoRow(api: ExtensionApi, label: string): Promise<true> {
  return waitFor(`row "${label}" to disappear`, async () => !(await rowsNow(api)).some((r) => r.label === label), 15_000);
}

describe('schedules view updates', () => {
  let api: ExtensionApi;

  before(async () => {
    api = await activateExtension();
    await api.workspaceIndex?.ensureScanned?.();
    await api.schedulesProvider.getChildren(undefined);
  });

  afterEach(async () => {
    for (const root of CREATED_ROOTS) {
      try {
        await vscode.workspace.fs.delete(workspaceFile(root), { recursive: true, useTrash: false });
      } catch {
        // Not created by this test.
      }
    }
  });

  it('shows a created schedule file, follows its cron and drops it when deleted', async () => {
    await write('zs-it-jobs/created_job.py', scheduleFile('zs-it-created', '0 4 * * *'));
    const created = await waitForRow(api, 'zs-it-created');
    assert.match(created.description, /04:00/, created.description);

    await write('zs-it-jobs/created_job.py', scheduleFile('zs-it-created', '0 5 * * *'));
    const changed = await waitForRow(api, 'zs-it-created', (r) => /05:00/.test(r.description));
    assert.doesNotMatch(changed.description, /04:00/);

    await vscode.workspace.fs.delete(workspaceFile('zs-it-jobs/created_job.py'), { useTrash: false });
    await waitForNoRow(api, 'zs-it-created');
  });

  it('drops every schedule of a deleted folder', async () => {
    await write('zs-it-folder/a.py', scheduleFile('zs-it-folder-a', '0 6 * * *'));
    await write('zs-it-folder/deep/b.py', scheduleFile('zs-it-folder-b', '0 7 * * *'));
    await waitForRow(api, 'zs-it-folder-a');
    await waitForRow(api, 'zs-it-folder-b');

    await vscode.workspace.fs.delete(workspaceFile('zs-it-folder'), { recursive: true, useTrash: false });
    await waitForNoRow(api, 'zs-it-folder-a');
    await waitForNoRow(api, 'zs-it-folder-b');
  });

  it('follows a renamed folder', async () => {
    await write('zs-it-folder/a.py', scheduleFile('zs-it-moving', '0 6 * * *'));
    const before = await waitForRow(api, 'zs-it-moving');
    assert.match(before.id, /zs-it-folder\//);

    await vscode.workspace.fs.rename(workspaceFile('zs-it-folder'), workspaceFile('zs-it-renamed'));
    const after = await waitForRow(api, 'zs-it-moving', (r) => r.id.includes('zs-it-renamed/'));
    const rows = (await rowsNow(api)).filter((r) => r.label === 'zs-it-moving');
    assert.equal(rows.length, 1, `the old path is gone:\n${show(rows)}\n${after.id}`);
  });

  it('honours a files.exclude pattern added after the scan', async () => {
    const files = vscode.workspace.getConfiguration('files');
    const previous = files.inspect<Record<string, boolean>>('exclude')?.globalValue;
    await files.update('exclude', { ...(previous ?? {}), '**/zs-it-excluded': true }, vscode.ConfigurationTarget.Global);
    try {
      await api.workspaceIndex?.ensureScanned?.();
      await sleep(500);
      await write('zs-it-excluded/job.py', scheduleFile('zs-it-excluded', '0 8 * * *'));
      await write('zs-it-sentinel.py', scheduleFile('zs-it-sentinel', '0 9 * * *'));
      await waitForRow(api, 'zs-it-sentinel');
      await sleep(1_000);
      const rows = await rowsNow(api);
      assert.ok(!rows.some((r) => r.label === 'zs-it-excluded'), `an excluded file is listed:\n${show(rows)}`);
    } finally {
      await vscode.workspace.getConfiguration('files').update('exclude', previous, vscode.ConfigurationTarget.Global);
    }
  });

  it('re-reads the root .gitignore when it changes', async () => {
    await write('zs-it-jobs/soon_ignored.py', scheduleFile('zs-it-soon-ignored', '0 4 * * *'));
    await waitForRow(api, 'zs-it-soon-ignored');
    const gitignore = workspaceFile('.gitignore');
    const original = await vscode.workspace.fs.readFile(gitignore);
    try {
      await vscode.workspace.fs.writeFile(gitignore, Buffer.concat([Buffer.from(original), Buffer.from('\nzs-it-jobs/\n')]));
      await waitForNoRow(api, 'zs-it-soon-ignored');
    } finally {
      await vscode.workspace.fs.writeFile(gitignore, original);
    }
  });

  it('never lists schedules in virtual environments or .gitignored files created after the scan', async () => {
    // .venv is skipped by name; zs-it-env only because it holds a pyvenv.cfg (written first, as venv does).
    await write('.venv/pyvenv.cfg', Buffer.from('home = /usr/bin\n'));
    await write('zs-it-env/pyvenv.cfg', Buffer.from('home = /usr/bin\n'));
    await sleep(1_000);
    await write('.venv/lib/python3.11/site-packages/zenml/zs_venv.py', scheduleFile('zs-it-in-dot-venv', '0 8 * * *'));
    await write('zs-it-env/lib/python3.11/site-packages/zs_env.py', scheduleFile('zs-it-in-env', '0 8 * * *'));
    // examples/.gitignore ignores .vscode/.
    await write('.vscode/zs-it-ignored.py', scheduleFile('zs-it-gitignored', '0 8 * * *'));
    // A visible file written last: once its row shows, the events before it have been handled.
    await write('zs-it-sentinel.py', scheduleFile('zs-it-sentinel', '0 9 * * *'));
    await waitForRow(api, 'zs-it-sentinel');
    await sleep(1_000);

    const rows = await rowsNow(api);
    for (const hidden of ['zs-it-in-dot-venv', 'zs-it-in-env', 'zs-it-gitignored']) {
      assert.ok(!rows.some((r) => r.label === hidden), `${hidden} is listed:\n${show(rows)}`);
    }
  });

  it('sorts pipelines by name, then by soonest next run; the unattached files stay after them, by path', async () => {
    const provider = api.schedulesProvider as unknown as { sortOrder?: string };
    const before = provider.sortOrder;
    const files = async () => (await groupNodes(api)).filter((g) => g.group.kind === 'file').map((g) => g.group.label);
    try {
      await vscode.commands.executeCommand('zenmlSchedules.sortByName');
      const byName = (await groupNodes(api)).filter((g) => g.group.kind === 'pipeline').map((g) => g.group.label);
      assert.ok(byName.length >= 2, `too few groups to sort: ${byName.join(', ')}`);
      assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b)));
      const filesByName = await files();
      assert.ok(filesByName.length >= 2, `too few unattached files: ${filesByName.join(', ')}`);
      assert.deepEqual(filesByName, [...filesByName].sort((a, b) => a.localeCompare(b)));

      await vscode.commands.executeCommand('zenmlSchedules.sortByNextRun');
      assert.deepEqual(await files(), filesByName, 'the files keep their place whatever the order');
      const groups = (await groupNodes(api)).filter((g) => g.group.kind === 'pipeline');
      const soonest = groups.map((g) => Math.min(Infinity, ...g.group.rows.flatMap((r) => r.summary.nextRuns.slice(0, 1).map((d) => new Date(d).getTime()))));
      const listing = groups.map((g, i) => `${g.group.label}: ${Number.isFinite(soonest[i]) ? new Date(soonest[i]).toISOString() : 'never'}`).join('\n');
      for (let i = 1; i < soonest.length; i++) assert.ok(soonest[i - 1] <= soonest[i], `not soonest first:\n${listing}`);
      assert.ok(Number.isFinite(soonest[0]), `the first group has a next run:\n${listing}`);
      // The name order and the next-run order of the examples differ, so the command did something.
      assert.notDeepEqual(groups.map((g) => g.group.label), byName, 'sortByNextRun left the name order');
    } finally {
      await vscode.commands.executeCommand(before === 'name' ? 'zenmlSchedules.sortByName' : 'zenmlSchedules.sortByNextRun');
    }
  });
});

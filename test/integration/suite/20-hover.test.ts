// Hovering a cron string (Python and YAML) shows its description, the dialect
// and the next runs in the display zone and in UTC.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, markdownOf, openInEditor, positionOf, restoreAfterEach, setSetting, waitFor } from './helpers';

async function hoverAt(editor: vscode.TextEditor, position: vscode.Position): Promise<string> {
  return waitFor(
    'a hover from ZenML Schedules',
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      const text = markdownOf(hovers ?? []);
      return text.includes('ZenML schedule') ? text : undefined;
    },
    20_000,
  );
}

/** Table rows of the next-runs table: `| <display zone time> | <UTC time> |`. */
function nextRunRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => /^\|.*\d{2}:\d{2}.*\|$/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

describe('hover', () => {
  const restore = restoreAfterEach();
  before(async () => {
    await activateExtension();
  });

  it('explains the cron string in training.py with its next runs', async () => {
    const editor = await openInEditor('pipelines/training.py');
    const text = await hoverAt(editor, positionOf(editor.document, '0 3 * * *', { offset: 2 }));
    assert.match(text, /At 03:00/, text);
    assert.match(text, /Next runs/, text);
    assert.match(text, /Dialect: \*\*\w+\*\*/, text);
    const rows = nextRunRows(text);
    const count = vscode.workspace.getConfiguration('zenmlSchedules').get<number>('nextRuns', 5);
    assert.equal(rows.length, count, `expected ${count} next runs in:\n${text}`);
  });

  it('shows next runs in the display zone beside UTC, in the orchestrator dialect', async () => {
    // Kubernetes evaluates crons in UTC; Asia/Kolkata is UTC+05:30 all year round.
    restore.push(await setSetting('orchestrator', 'kubernetes'));
    restore.push(await setSetting('timeZone', 'Asia/Kolkata'));
    const editor = await openInEditor('pipelines/training.py');
    const text = await waitFor('the hover to follow the new settings', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '0 3 * * *', { offset: 2 }));
      const markdown = markdownOf(hovers ?? []);
      return markdown.includes('Asia/Kolkata') && markdown.includes('kubernetes') ? markdown : undefined;
    });
    assert.match(text, /Dialect: \*\*kubernetes\*\*/, text);
    const rows = nextRunRows(text);
    assert.ok(rows.length > 0, text);
    for (const [local, utc] of rows) {
      assert.match(utc, /03:00/, `UTC column of ${local} | ${utc}`);
      assert.match(local, /08:30/, `display-zone column of ${local} | ${utc}`);
    }
    // The first run is the next 03:00 UTC after now.
    const now = new Date();
    const expected = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3, 0));
    if (expected.getTime() <= now.getTime()) expected.setUTCDate(expected.getUTCDate() + 1);
    const day = String(expected.getUTCDate());
    const month = expected.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
    assert.ok(rows[0][1].includes(day) && rows[0][1].includes(month), `first run ${rows[0][1]}, expected ${expected.toISOString()}`);
  });

  it('one next-runs column when the display zone is UTC (no second, identical UTC column)', async () => {
    restore.push(await setSetting('orchestrator', 'kubernetes'));
    restore.push(await setSetting('timeZone', 'UTC'));
    const editor = await openInEditor('pipelines/training.py');
    const text = await waitFor('the hover in UTC', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '0 3 * * *', { offset: 2 }));
      const markdown = markdownOf(hovers ?? []);
      return markdown.includes('Next runs (UTC)') && markdown.includes('kubernetes') ? markdown : undefined;
    });
    assert.match(text, /\| Next runs \(UTC\) \|\n\| --- \|\n/, text);
    assert.doesNotMatch(text, /\| UTC \|/, text);
    const rows = nextRunRows(text);
    assert.ok(rows.length > 0, text);
    for (const row of rows) assert.deepEqual(row.length, 1, `one cell per row: ${row.join(' | ')}`);
  });

  it('explains the cron string in a YAML run configuration', async () => {
    const editor = await openInEditor('configs/nightly.yaml');
    const text = await hoverAt(editor, positionOf(editor.document, '30 2 * * *', { offset: 1 }));
    assert.match(text, /At 02:30/, text);
    assert.match(text, /Next runs/, text);
  });

  it('shows no ZenML hover away from schedules', async () => {
    const editor = await openInEditor('pipelines/training.py');
    // First a positive sign that the file was analysed: the hover on its cron string.
    await hoverAt(editor, positionOf(editor.document, '0 3 * * *', { offset: 2 }));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'def load_data', { offset: 5 }));
    assert.doesNotMatch(markdownOf(hovers ?? []), /ZenML schedule/);
  });
});

// The timeline in the extension host: the command opens the webview panel over the examples'
// schedules, finds the collision they contain, switches windows, and opens the code a mark
// stands for (the same path a click in the webview takes).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

interface Snapshot {
  hours: number;
  collisionMinutes: number;
  lanes: { id: string; label: string; pipeline: string | null; orchestrator: string | null; runs: number }[];
  runs: number;
  collisions: { at: string; target: string; pipelines: string[]; spanSeconds: number }[];
}

describe('timeline', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Timeline opens a webview panel with one lane per schedule that runs in the window, and the collisions', async () => {
    const snapshot = await vscode.commands.executeCommand<Snapshot>('zenmlSchedules.showTimeline', { hours: 24, collisionMinutes: 5 });
    assert.equal(snapshot.hours, 24);
    const pipelines = snapshot.lanes.map((l) => l.pipeline);
    assert.ok(pipelines.includes('training_pipeline'), JSON.stringify(snapshot.lanes));
    assert.ok(pipelines.includes('feature_pipeline'), JSON.stringify(snapshot.lanes));
    const training = snapshot.lanes.find((l) => l.pipeline === 'training_pipeline' && l.label !== 'nightly-from-yaml')!;
    assert.equal(training.runs, 1, 'a daily cron runs once in 24 hours');
    // feature_pipeline runs every 30 minutes from 06:00, training_pipeline at 03:00: they collide at 03:00.
    const at3 = snapshot.collisions.find((c) => c.pipelines.includes('training_pipeline') && c.pipelines.includes('feature_pipeline'));
    assert.ok(at3, JSON.stringify(snapshot.collisions));
    const tab = await waitFor('the timeline tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Schedule Timeline'),
    );
    assert.ok(tab.isActive);
  });

  it('a wider window has more runs; a 0-minute collision window only pairs runs at the same instant', async () => {
    const day = await vscode.commands.executeCommand<Snapshot>('zenmlSchedules.showTimeline', { hours: 24, collisionMinutes: 5 });
    const week = await vscode.commands.executeCommand<Snapshot>('zenmlSchedules.showTimeline', { hours: 168 });
    assert.equal(week.hours, 168);
    const weekTraining = week.lanes.find((l) => l.id === day.lanes.find((d) => d.pipeline === 'training_pipeline')!.id)!;
    assert.equal(weekTraining.runs, 7);
    assert.ok(week.runs > day.runs);
    const exact = await vscode.commands.executeCommand<Snapshot>('zenmlSchedules.showTimeline', { hours: 168, collisionMinutes: 0 });
    assert.ok(exact.collisions.length > 0 && exact.collisions.every((c) => c.spanSeconds === 0), JSON.stringify(exact.collisions.slice(0, 3)));
    // Every 2 minutes beside every 30 minutes: a 5-minute window groups runs a few minutes apart.
    assert.ok(week.collisions.some((c) => c.spanSeconds > 0 && c.spanSeconds <= 300), JSON.stringify(week.collisions.slice(0, 3)));
    assert.ok(week.collisions.every((c) => c.spanSeconds <= 300));
    await vscode.commands.executeCommand('zenmlSchedules.showTimeline', { hours: 24, collisionMinutes: 5 });
  });

  it('opening a mark reveals its schedule in the code', async () => {
    const snapshot = await vscode.commands.executeCommand<Snapshot>('zenmlSchedules.showTimeline', {});
    const lane = snapshot.lanes.find((l) => l.pipeline === 'feature_pipeline')!;
    assert.equal(await vscode.commands.executeCommand<boolean>('zenmlSchedules.openTimelineSchedule', lane.id), true);
    const editor = await waitFor('the interval.py editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('pipelines/interval.py') ? e : undefined;
    });
    const line = editor.document.lineAt(editor.selection.start.line).text;
    assert.match(line, /Schedule\(/, line);
    assert.equal(await vscode.commands.executeCommand<boolean>('zenmlSchedules.openTimelineSchedule', 'no-such-id'), false);
  });
});

// The first-run walkthrough's buttons (package.json `contributes.walkthroughs`): each opens a
// small Python sample and does the step (shows the hover, offers the quick fix), so a
// first-time user sees what the extension does without a project of their own.

import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'zenml-schedules.zenml-schedules#zenmlSchedules.gettingStarted';

const HOVER_SAMPLE = `from zenml import pipeline
from zenml.config.schedule import Schedule


@pipeline
def training_pipeline() -> None: ...


# ${vscode.l10n.t('Hover the cron expression: what it means, and the next runs in your zone and in UTC.')}
training_pipeline.with_options(schedule=Schedule(cron_expression="0 3 * * 1-5"))()
`;

const FIX_SAMPLE = `from datetime import datetime

from zenml import pipeline
from zenml.config.schedule import Schedule


@pipeline
def training_pipeline() -> None: ...


# ${vscode.l10n.t('A datetime without a time zone: the quick fix (Ctrl+. / Cmd+.) adds one.')}
schedule = Schedule(cron_expression="0 3 * * *", start_time=datetime(2027, 1, 4, 9, 0))
training_pipeline.with_options(schedule=schedule)()
`;

/**
 * Opens a Python sample with the cursor inside `target`. The sample is a file in the extension's
 * storage, not an untitled document: it is never "unsaved", so closing it asks nothing.
 */
async function openSample(storage: vscode.Uri, name: string, content: string, target: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(storage, 'walkthrough', name);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(storage, 'walkthrough'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const position = document.positionAt(content.indexOf(target) + 1);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  return editor;
}

/** Waits until the document has diagnostics from this extension (analysis is debounced), or gives up. */
function diagnosticsFor(uri: vscode.Uri, timeoutMs = 10_000): Promise<void> {
  if (vscode.languages.getDiagnostics(uri).length > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      listener.dispose();
      clearTimeout(timer);
      resolve();
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && vscode.languages.getDiagnostics(uri).length > 0) done();
    });
    const timer = setTimeout(done, timeoutMs);
  });
}

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('zenmlSchedules.walkthrough.tryHover', async () => {
      await openSample(context.globalStorageUri, 'hover_sample.py', HOVER_SAMPLE, '0 3 * * 1-5');
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand('zenmlSchedules.walkthrough.tryQuickFix', async () => {
      const editor = await openSample(context.globalStorageUri, 'quick_fix_sample.py', FIX_SAMPLE, 'datetime(2027');
      await diagnosticsFor(editor.document.uri);
      await vscode.commands.executeCommand('editor.action.quickFix');
    }),
    vscode.commands.registerCommand('zenmlSchedules.walkthrough.open', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}

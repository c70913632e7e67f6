// The first-run walkthrough: its buttons do what the step says (a hover on the sample's cron, the
// quick fix for its naive datetime), every button's command exists, every picture is shipped,
// and the manifest's strings come from package.nls.json.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, extension, markdownOf, ourDiagnostics, waitFor } from './helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image: string; altText: string };
}

describe('walkthrough', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  function steps(): Step[] {
    return extension().packageJSON.contributes.walkthroughs[0].steps as Step[];
  }

  it('has the four steps, localized from package.nls.json, each with a picture and a button', async () => {
    const walkthrough = extension().packageJSON.contributes.walkthroughs[0];
    // VS Code replaces %keys% with package.nls.json's strings when it reads the manifest.
    assert.equal(walkthrough.title, 'Get started with ZenML Schedules');
    assert.deepEqual(
      steps().map((s) => s.id),
      ['hoverCron', 'fixFinding', 'openView', 'connectServer'],
    );
    const registered = new Set(await vscode.commands.getCommands(false));
    const contributed = new Set((extension().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const step of steps()) {
      assert.doesNotMatch(step.title + step.description, /%[\w.]+%/, 'an untranslated key');
      const link = /\[[^\]]+\]\(command:([\w.]+)\)/.exec(step.description);
      assert.ok(link, `${step.id} has no button`);
      // The connect command comes with the live-schedules work (zenmlSchedules.addConnection);
      // once it is contributed it must be registered like every other button's command.
      if (link[1] !== 'zenmlSchedules.addConnection' || contributed.has(link[1])) assert.ok(registered.has(link[1]), `${step.id}: ${link[1]} is not a command`);
      const picture = vscode.Uri.joinPath(extension().extensionUri, step.media.image);
      const stat = await vscode.workspace.fs.stat(picture);
      assert.ok(stat.size > 500, `${step.media.image} is missing or empty`);
      assert.ok(step.media.altText.length > 10);
    }
  });

  it('"Try a Hover" opens a sample with the cursor on its cron expression, and the hover explains it', async () => {
    await vscode.commands.executeCommand('zenmlSchedules.walkthrough.tryHover');
    const editor = await waitFor('the hover sample', () => vscode.window.activeTextEditor?.document.languageId === 'python' && vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.scheme, 'file');
    assert.equal(editor.document.isDirty, false, 'a saved sample: closing it asks nothing');
    const word = editor.document.getText(new vscode.Range(editor.selection.active.with({ character: editor.selection.active.character - 1 }), editor.selection.active.translate(0, 10)));
    assert.match(word, /^0 3 \* \* 1-5/);
    const markdown = await waitFor('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.selection.active);
      const text = markdownOf(hovers ?? []);
      return /At 03:00/.test(text) && text;
    });
    assert.match(markdown, /Monday through Friday/);
  });

  it('"Try a Quick Fix" opens a sample whose naive datetime has a warning and the tzinfo fix', async () => {
    await vscode.commands.executeCommand('zenmlSchedules.walkthrough.tryQuickFix');
    const editor = await waitFor('the quick-fix sample', () => vscode.window.activeTextEditor?.document.getText().includes('datetime(2027') && vscode.window.activeTextEditor);
    const diagnostic = await waitFor('the naive-datetime warning', () => ourDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'naive-datetime'));
    assert.ok(diagnostic.range.contains(editor.selection.active), 'the cursor is on the warning');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
    assert.ok(
      actions?.some((a) => /tzinfo=timezone\.utc/.test(a.title)),
      JSON.stringify(actions?.map((a) => a.title)),
    );
  });
});

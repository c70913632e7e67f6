// "ZenML Schedules: Explain Cron Expression": an input box with a live preview
// of the description and next runs, in the dialect of the target orchestrator
// (a button switches dialect). Resolves when the box closes, with the last
// explanation, so that tests and other commands can drive it.

import * as vscode from 'vscode';
import { explainCron, formatInZone } from '../cron';
import { DIALECTS, type CronExplanation, type Dialect } from '../cron/types';
import { displaySettings } from './config';
import { isScheduleDocument, type DocumentAnalyzer } from './documents';
import { resourceOf } from './notebooks';
import type { OrchestratorService } from './orchestratorService';
import { nextRunsTable } from '../workspace/present';
import { explainDocumentExtras, explainStartDialect } from '../workspace/explainDocument';

const PREVIEW_RUNS = 3;

export function previewText(explanation: CronExplanation, displayZone: string): { prompt: string; error?: string } {
  if (!explanation.valid) return { prompt: '', error: explanation.error?.message ?? vscode.l10n.t('Not a cron expression.') };
  const runs = explanation.nextRuns.slice(0, PREVIEW_RUNS).map((d) => formatInZone(d, displayZone));
  const next = runs.length ? vscode.l10n.t('Next: {0}', runs.join(' · ')) : vscode.l10n.t('Never fires.');
  const warnings = explanation.warnings.map((w) => `⚠ ${w.message}`).join(' ');
  return { prompt: [explanation.description, next, warnings].filter(Boolean).join(' — ') };
}

export async function explainCronCommand(
  services: { orchestrators: OrchestratorService; analyzer: DocumentAnalyzer },
  initial?: unknown,
  /** A schedule row's file and dialect (its file's orchestrator); else the active editor's file decides. */
  from?: { resource?: vscode.Uri; dialect: Dialect },
): Promise<CronExplanation | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  const resource = from?.resource ?? (active && resourceOf(active));
  const settings = displaySettings(resource);
  // The active file's orchestrator as its hover resolves it (its `orchestrator.<flavor>` key included).
  const fileOrchestrator = !from && active && isScheduleDocument(active) ? services.analyzer.analyze(active).orchestrator : undefined;
  let dialect: Dialect = explainStartDialect(from, fileOrchestrator, services.orchestrators.current(resource));
  const box = vscode.window.createInputBox();
  const dialectButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('symbol-enum'), tooltip: vscode.l10n.t('Change dialect') };
  box.buttons = [dialectButton];
  box.placeholder = vscode.l10n.t('A cron expression, e.g. 0 3 * * *');
  box.value = typeof initial === 'string' ? initial : '';
  box.ignoreFocusOut = false;
  let last: CronExplanation | undefined;

  const render = () => {
    box.title = vscode.l10n.t('Explain Cron Expression ({0} dialect)', dialect);
    const value = box.value.trim();
    if (!value) {
      last = undefined;
      box.prompt = vscode.l10n.t('Type a cron expression to see what it means on {0} and when it runs next.', dialect);
      box.validationMessage = undefined;
      return;
    }
    last = explainCron(value, { dialect, count: settings.nextRuns });
    const { prompt, error } = previewText(last, settings.displayZone);
    box.prompt = prompt;
    box.validationMessage = error;
  };

  return new Promise<CronExplanation | undefined>((resolve) => {
    const disposables: vscode.Disposable[] = [];
    let picking = false;
    disposables.push(
      box.onDidChangeValue(render),
      box.onDidTriggerButton(async () => {
        picking = true;
        const picked = await vscode.window.showQuickPick(
          DIALECTS.map((d) => ({ label: d, description: d === dialect ? vscode.l10n.t('current') : undefined })),
          { title: vscode.l10n.t('Cron dialect'), placeHolder: vscode.l10n.t('Read the expression as this orchestrator does') },
        );
        picking = false;
        if (picked) dialect = picked.label as Dialect;
        box.show();
        render();
      }),
      box.onDidAccept(async () => {
        if (!last || !last.valid) return;
        box.hide();
        await showExplanationDocument(last, settings.displayZone);
      }),
      box.onDidHide(() => {
        if (picking) return;
        for (const d of disposables) d.dispose();
        box.dispose();
        resolve(last);
      }),
    );
    render();
    box.show();
  });
}

const SCHEME = 'zenml-schedules-explain';
const documents = new Map<string, string>();

/** The full explanation in a Markdown preview (read-only, nothing to save). */
async function showExplanationDocument(explanation: CronExplanation, displayZone: string): Promise<void> {
  const lines = [
    `# \`${explanation.expression}\``,
    '',
    `${explanation.description}`,
    '',
    vscode.l10n.t('Dialect **{0}**, evaluated in **{1}**.', explanation.dialect, explanation.timeZone),
    '',
    nextRunsTable(explanation.nextRuns, displayZone) || vscode.l10n.t('This expression never fires.'),
    '',
    ...explanation.warnings.map((w) => `- ⚠ ${w.message} (\`${w.code}\`)`),
    ...(explanation.notes ?? []).map((n) => `- ${n}`),
    ...explainDocumentExtras(explanation, new Date()),
  ];
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${explanationTitle(explanation)}` });
  documents.set(uri.toString(), lines.join('\n'));
  // The name has no .md (the preview's tab shows it): say it is Markdown.
  await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'markdown');
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/**
 * The preview's tab reads "Preview <this>": the expression as typed, with its dialect. A slash
 * would start a new path segment (and the tab would show only what follows it), so it is shown
 * as the look-alike division slash.
 */
export function explanationTitle(explanation: Pick<CronExplanation, 'expression' | 'dialect'>): string {
  const expression = explanation.expression.replace(/\s+/g, ' ').trim();
  const shown = expression.length > 80 ? `${expression.slice(0, 80)}…` : expression;
  return vscode.l10n.t('Cron {0} ({1})', shown.replace(/\//g, '\u2215').replace(/\\/g, '\u29f5'), explanation.dialect);
}

export function registerExplainDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
    provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '',
  });
}

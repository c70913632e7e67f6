// Activation: every Python user pays it on opening any Python file, so it registers only small
// stand-ins and loads the core (src/vscode/core.ts, bundled apart as dist/core.js: the parser,
// the cron engine, the ZenML code) at first use: a Python or YAML document that may hold a
// schedule (open, opened or edited), a hover in one, the Schedules view's first rows, or any command.
// The stand-ins are disposed as the core registers the real providers and commands.

import * as vscode from 'vscode';
import type * as CoreModule from './vscode/core';

export type { ZenmlSchedulesApi } from './vscode/core';

// As src/vscode/documents.ts's scheduleSelector() (which this file cannot import without the core):
// files on disk, unsaved ones, notebook cells, and the files of a virtual workspace's folders; GitHub
// workflow files also under the language id GitHub's Actions extension gives them.
function selector(): vscode.DocumentSelector {
  const folderSchemes = [...new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme))].filter((s) => s !== 'file');
  return [
    ...['python', 'yaml'].flatMap((language) => ['file', 'untitled', ...folderSchemes].map((scheme) => ({ language, scheme }))),
    ...['file', ...folderSchemes].map((scheme) => ({ language: 'github-actions-workflow', scheme, pattern: '**/.github/workflows/*.{yml,yaml}' })),
    { language: 'python', scheme: 'vscode-notebook-cell' },
  ];
}

/** Whether a document may hold a schedule; the core's own check is stricter. */
function mayHoldSchedules(document: vscode.TextDocument): boolean {
  return vscode.languages.match(selector(), document) > 0 && /schedule/i.test(document.getText());
}

export function activate(context: vscode.ExtensionContext): CoreModule.ZenmlSchedulesApi {
  let core: CoreModule.Core | undefined;
  const standIns: vscode.Disposable[] = [];
  // The Schedules view is created here, its rows asked of the core's tree (loaded by the first ask).
  const treeChanged = new vscode.EventEmitter<unknown>();
  const tree = (): vscode.TreeDataProvider<unknown> => load().api.schedulesProvider as vscode.TreeDataProvider<unknown>;
  const view = vscode.window.createTreeView<unknown>('zenmlSchedules.schedules', {
    showCollapseAll: true,
    treeDataProvider: {
      onDidChangeTreeData: treeChanged.event,
      getChildren: (element) => tree().getChildren(element),
      getTreeItem: (element) => tree().getTreeItem(element),
      getParent: (element) => tree().getParent?.(element),
    },
  });
  context.subscriptions.push(treeChanged, view);
  const load = (): CoreModule.Core => {
    if (!core) {
      for (const standIn of standIns.splice(0)) standIn.dispose();
      // A separate bundle beside this one, required at first use (esbuild leaves it external).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require('./core.js') as typeof CoreModule;
      core = module.activateCore(context, view);
      context.subscriptions.push(core.api.schedulesProvider.onDidChangeTreeData((element) => treeChanged.fire(element)));
    }
    return core;
  };
  const loadSoon = () => setTimeout(() => void load(), 0);
  const watch = (document: vscode.TextDocument) => {
    if (!core && mayHoldSchedules(document)) loadSoon();
  };

  const commands = (context.extension.packageJSON.contributes?.commands ?? []) as { command: string }[];
  for (const { command } of commands) {
    standIns.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(command, ...args);
      }),
    );
  }
  standIns.push(
    vscode.languages.registerHoverProvider(selector(), {
      provideHover: (document, position) => (mayHoldSchedules(document) ? load().hover.provideHover(document, position) : undefined),
    }),
    // "Create a schedule for <pipeline>…" on an @pipeline function of a file that never mentions a schedule.
    vscode.languages.registerCodeActionsProvider(
      { language: 'python', scheme: 'file' },
      {
        provideCodeActions: (document, range, context, token) =>
          /@\s*[\w.]*pipeline\b/.test(document.getText()) ? load().createActions.provideCodeActions(document, range, context, token) : undefined,
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.Refactor.append('zenmlSchedules.create')] },
    ),
    vscode.workspace.onDidOpenTextDocument(watch),
    vscode.workspace.onDidChangeTextDocument((event) => watch(event.document)),
  );
  for (const document of vscode.workspace.textDocuments) watch(document);

  // The API (tests, other extensions) is the core's: asking for it loads the core.
  return {
    get schedulesProvider() {
      return load().api.schedulesProvider;
    },
    get workspaceIndex() {
      return load().api.workspaceIndex;
    },
    get live() {
      return load().api.live;
    },
    analyzeDocument: (uri) => load().api.analyzeDocument(uri),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

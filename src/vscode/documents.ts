// Keeps the analysis of each open Python/YAML document, re-using the previous
// parse for incremental updates, and of each open notebook (its Python cells
// read as one module). The editor layer's only cache of documents.

import * as vscode from 'vscode';
import { PythonDiscovery, discover, discoverNotebookCells, isGithubWorkflowPath, notebookModule } from '../discovery';
import type { DiscoveryResult } from '../discovery/types';
import { analyze, targetOrchestrator } from '../findings';
import type { Finding, OrchestratorContext } from '../findings/types';
import { NOTEBOOK_CELL_SCHEME, cellTexts, isNotebookCell, notebookOfCell, resourceOf } from './notebooks';
import type { OrchestratorService } from './orchestratorService';

export interface DocumentAnalysis {
  version: number;
  discovery: DiscoveryResult;
  findings: Finding[];
  /** The orchestrator the findings were computed for: hovers and quick fixes use this one, never ask again. */
  orchestrator: OrchestratorContext | null;
  /**
   * For a notebook cell: the notebook, this cell's index and the joined module's text. Ranges in
   * `discovery` and `findings` are then module positions (discovery.notebook.spans maps them to cells).
   */
  cell?: { notebook: vscode.NotebookDocument; index: number; moduleText: string };
}

/** The analysis of a whole notebook, in module positions. */
export interface NotebookAnalysis {
  /** Cell URIs and versions: changes when any cell is edited, added, removed or moved. */
  fingerprint: string;
  moduleText: string;
  discovery: DiscoveryResult;
  findings: Finding[];
  orchestrator: OrchestratorContext | null;
}

/** The schemes of workspace folders not on disk (a virtual workspace's file system, e.g. vscode-vfs): their files are read too. */
export function workspaceFolderSchemes(): string[] {
  return [...new Set((vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme))].filter((scheme) => scheme !== 'file');
}

/**
 * The language id GitHub's own Actions extension (github.vscode-github-actions) gives workflow files
 * (`.github/workflows/*.yml|yaml`) instead of `yaml`; such a file is still read as a workflow.
 */
export const GITHUB_ACTIONS_LANGUAGE = 'github-actions-workflow';
/** The workflow files of src/discovery/githubWorkflow.ts's isGithubWorkflowPath, as a glob. */
export const GITHUB_WORKFLOW_GLOB = '**/.github/workflows/*.{yml,yaml}';

/** Where the hover and the quick fixes are offered (as src/extension.ts's selector). */
export function scheduleSelector(): vscode.DocumentSelector {
  const workflow = (scheme: string) => ({ language: GITHUB_ACTIONS_LANGUAGE, scheme, pattern: GITHUB_WORKFLOW_GLOB });
  return [
    { language: 'python', scheme: 'file' },
    { language: 'python', scheme: 'untitled' },
    { language: 'yaml', scheme: 'file' },
    { language: 'yaml', scheme: 'untitled' },
    workflow('file'),
    { language: 'python', scheme: NOTEBOOK_CELL_SCHEME },
    ...workspaceFolderSchemes().flatMap((scheme) => [{ language: 'python', scheme }, { language: 'yaml', scheme }, workflow(scheme)]),
  ];
}

export function isScheduleDocument(document: vscode.TextDocument): boolean {
  if (isNotebookCell(document)) return document.languageId === 'python';
  const scheme = document.uri.scheme;
  if (scheme !== 'file' && scheme !== 'untitled' && scheme !== 'vscode-remote' && !workspaceFolderSchemes().includes(scheme)) return false;
  if (document.languageId === GITHUB_ACTIONS_LANGUAGE) return isGithubWorkflowPath(document.fileName);
  return document.languageId === 'python' || document.languageId === 'yaml';
}

interface Entry {
  analysis?: DocumentAnalysis;
  python?: PythonDiscovery;
  /** Changes seen since the last parse, in VS Code's form, for the incremental parser. */
  pending: vscode.TextDocumentContentChangeEvent[];
  pendingVersion: number;
}

export class DocumentAnalyzer implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly notebooks = new Map<string, NotebookAnalysis>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly orchestrators: OrchestratorService) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const entry = this.entries.get(e.document.uri.toString());
        if (entry?.python && e.contentChanges.length) entry.pending.push(...e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString())),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.notebooks.delete(n.uri.toString())),
      orchestrators.onDidChange(() => {
        for (const entry of this.entries.values()) entry.analysis = undefined;
        this.notebooks.clear();
      }),
    );
  }

  /** A notebook's Python cells as one module; cached until a cell changes. */
  analyzeNotebook(notebook: vscode.NotebookDocument): NotebookAnalysis {
    const key = notebook.uri.toString();
    const cells = notebook.getCells();
    const fingerprint = cells.map((c) => `${c.document.uri.toString()}@${c.document.version}:${c.document.languageId}`).join('\n');
    const cached = this.notebooks.get(key);
    if (cached?.fingerprint === fingerprint) return cached;
    const texts = cellTexts(notebook);
    const discovery = discoverNotebookCells(texts);
    // Resolved once: the setting, else the notebook's one `orchestrator.<flavor>` settings key, else the stack.
    const orchestrator = targetOrchestrator(discovery, this.orchestrators.current(notebook.uri));
    const analysis: NotebookAnalysis = {
      fingerprint,
      moduleText: notebookModule(texts).text,
      discovery,
      findings: analyze(discovery, { orchestrator }),
      orchestrator,
    };
    if (!notebook.isClosed) this.notebooks.set(key, analysis);
    return analysis;
  }

  analyze(document: vscode.TextDocument): DocumentAnalysis {
    const inNotebook = notebookOfCell(document);
    if (inNotebook) {
      const { discovery, findings, orchestrator, moduleText } = this.analyzeNotebook(inNotebook.notebook);
      return { version: document.version, discovery, findings, orchestrator, cell: { notebook: inNotebook.notebook, index: inNotebook.index, moduleText } };
    }
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (entry?.analysis && entry.analysis.version === document.version) return entry.analysis;
    if (!entry) {
      entry = { pending: [], pendingVersion: document.version };
      this.entries.set(key, entry);
    }
    const text = document.getText();
    let discovery: DiscoveryResult;
    if (document.languageId === 'python') {
      if (!entry.python) {
        entry.python = new PythonDiscovery();
        entry.pending = [];
        discovery = entry.python.update(text);
      } else {
        const changes = entry.pending.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
        entry.pending = [];
        discovery = entry.python.update(text, changes);
      }
    } else {
      const workflow = isGithubWorkflowPath(document.fileName);
      discovery = discover(text, workflow ? document.fileName : document.fileName.endsWith('.yml') ? 'file.yml' : 'file.yaml');
    }
    // Resolved once: the setting, else the file's one `orchestrator.<flavor>` settings key, else the stack.
    const orchestrator = targetOrchestrator(discovery, this.orchestrators.current(resourceOf(document)));
    const findings = analyze(discovery, { orchestrator });
    entry.analysis = { version: document.version, discovery, findings, orchestrator };
    // A debounced caller may arrive after the close event: keep nothing for a closed document.
    if (document.isClosed) this.entries.delete(key);
    return entry.analysis;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.entries.clear();
    this.notebooks.clear();
  }
}

// Publishes findings as diagnostics: on open, as the user types (debounced),
// when the orchestrator changes; cleared when the document closes. A notebook
// is analysed as one module and each cell gets the findings that fall in it
// (an import edited in one cell can change another cell's findings).

import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { DocumentAnalyzer, isScheduleDocument } from './documents';
import { isNotebookCell, isScheduleNotebook, locateInNotebook, notebookOfCell } from './notebooks';
import type { OrchestratorService } from './orchestratorService';

const DEBOUNCE_MS = 250;

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly analyzer: DocumentAnalyzer,
    orchestrators: OrchestratorService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidOpenNotebookDocument((n) => this.updateNotebook(n)),
      // Cells added, removed or moved (text edits arrive as text document changes).
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.contentChanges.length) this.scheduleNotebook(e.notebook);
      }),
      vscode.workspace.onDidCloseNotebookDocument((n) => {
        for (const cell of n.getCells()) this.clear(cell.document.uri);
      }),
      orchestrators.onDidChange(() => this.updateAll()),
    );
    this.updateAll();
  }

  updateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.update(document);
    for (const notebook of vscode.workspace.notebookDocuments) this.updateNotebook(notebook);
  }

  private scheduleNotebook(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.updateNotebook(notebook);
      }, DEBOUNCE_MS),
    );
  }

  /** Every code cell of the notebook gets the findings inside it (none: its diagnostics are cleared). */
  updateNotebook(notebook: vscode.NotebookDocument): void {
    if (notebook.isClosed || !isScheduleNotebook(notebook)) return;
    try {
      const { discovery, findings } = this.analyzer.analyzeNotebook(notebook);
      const spans = discovery.notebook?.spans ?? [];
      const byCell = new Map<string, vscode.Diagnostic[]>();
      for (const cell of notebook.getCells()) byCell.set(cell.document.uri.toString(), []);
      for (const finding of findings) {
        const placed = locateInNotebook(notebook, spans, finding.range);
        if (!placed) continue;
        const diagnostic = toDiagnostic(finding);
        diagnostic.range = placed.range;
        byCell.get(placed.document.uri.toString())?.push(diagnostic);
      }
      for (const [uri, diagnostics] of byCell) this.collection.set(vscode.Uri.parse(uri), diagnostics);
    } catch (error) {
      this.log.error(`Could not analyse ${notebook.uri.fsPath}: ${String(error)}`);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isScheduleDocument(document)) return;
    const inNotebook = notebookOfCell(document);
    if (inNotebook) return this.scheduleNotebook(inNotebook.notebook);
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, DEBOUNCE_MS),
    );
  }

  update(document: vscode.TextDocument): void {
    if (!isScheduleDocument(document) || document.isClosed) return;
    const inNotebook = notebookOfCell(document);
    if (inNotebook) return this.updateNotebook(inNotebook.notebook);
    if (isNotebookCell(document)) return; // its notebook is not open yet: onDidOpenNotebookDocument comes next
    try {
      const { findings } = this.analyzer.analyze(document);
      this.collection.set(document.uri, findings.map(toDiagnostic));
    } catch (error) {
      // The engine returns errors as values; this is a last line of defence.
      this.log.error(`Could not analyse ${document.uri.fsPath}: ${String(error)}`);
    }
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

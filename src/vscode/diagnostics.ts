// Publishes findings as diagnostics: on open, as the user types (debounced),
// when the orchestrator changes; cleared when the document closes.

import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { DocumentAnalyzer, isScheduleDocument } from './documents';
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
      orchestrators.onDidChange(() => this.updateAll()),
    );
    this.updateAll();
  }

  updateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isScheduleDocument(document)) return;
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

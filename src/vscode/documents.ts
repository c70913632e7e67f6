// Keeps the analysis of each open Python/YAML document, re-using the previous
// parse for incremental updates. The editor layer's only cache of documents.

import * as vscode from 'vscode';
import { PythonDiscovery, discover, isGithubWorkflowPath } from '../discovery';
import type { DiscoveryResult } from '../discovery/types';
import { analyze } from '../findings';
import type { Finding } from '../findings/types';
import type { OrchestratorService } from './orchestratorService';

export interface DocumentAnalysis {
  version: number;
  discovery: DiscoveryResult;
  findings: Finding[];
}

/** Where the hover and the quick fixes are offered. */
export const SCHEDULE_SELECTOR: vscode.DocumentSelector = [
  { language: 'python', scheme: 'file' },
  { language: 'python', scheme: 'untitled' },
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
];

export function isScheduleDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return false;
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
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly orchestrators: OrchestratorService) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const entry = this.entries.get(e.document.uri.toString());
        if (entry?.python && e.contentChanges.length) entry.pending.push(...e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString())),
      orchestrators.onDidChange(() => {
        for (const entry of this.entries.values()) entry.analysis = undefined;
      }),
    );
  }

  analyze(document: vscode.TextDocument): DocumentAnalysis {
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
    const findings = analyze(discovery, { orchestrator: this.orchestrators.current(document.uri) });
    entry.analysis = { version: document.version, discovery, findings };
    // A debounced caller may arrive after the close event: keep nothing for a closed document.
    if (document.isClosed) this.entries.delete(key);
    return entry.analysis;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.entries.clear();
  }
}

// Quick fixes for our diagnostics. The edits are computed by the pure
// src/findings/fixes.ts; this file only matches diagnostics to findings (by code
// and range, from the DocumentAnalyzer's cached analysis of this version) and wraps the fixes.

import * as vscode from 'vscode';
import { type Fix, fixesFor } from '../findings/fixes';
import type { Finding } from '../findings/types';
import { DIAGNOSTIC_SOURCE, toRange } from './convert';
import { type DocumentAnalysis, type DocumentAnalyzer, scheduleSelector } from './documents';
import { addNotebookEdits, toCellRange } from './notebooks';
import { ZENML_COMMANDS } from './zenmlStatus';

export interface CodeActionServices {
  analyzer: DocumentAnalyzer;
}

export function registerCodeActions(context: vscode.ExtensionContext, services: CodeActionServices): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(scheduleSelector(), new ScheduleCodeActions(services), {
      providedCodeActionKinds: ScheduleCodeActions.kinds,
    }),
  );
}

/** The finding code of a diagnostic, whether `code` is a plain value or `{value, target}`. */
function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export class ScheduleCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly services: CodeActionServices) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    // One analysis (and the orchestrator it was made for) serves every fix of this request.
    const analysis = this.services.analyzer.analyze(document);
    const { discovery, findings, orchestrator, cell } = analysis;
    const text = cell ? cell.moduleText : document.getText();
    // Where a finding's range is in this document (a notebook cell: only the cell's own findings).
    const spans = discovery.notebook?.spans;
    const place = (range: Finding['range']): vscode.Range | undefined => {
      if (!cell || !spans) return toRange(range);
      const inCell = toCellRange(spans, cell.index, range);
      return inCell && document.validateRange(inCell);
    };
    const actions: vscode.CodeAction[] = [];
    const seenDocs = new Set<string>();
    for (const diagnostic of ours) {
      const finding = findingFor(diagnostic, findings, place);
      if (!finding) continue;
      for (const fix of fixesFor(finding, { text, discovery, flavor: orchestrator?.flavor, orchestratorSource: orchestrator?.source })) {
        if (fix.kind === 'open-docs') {
          if (seenDocs.has(fix.url)) continue; // one docs link per request is enough
          seenDocs.add(fix.url);
        }
        const action = toCodeAction(fix, document, diagnostic, analysis);
        if (action) actions.push(action);
      }
    }
    return actions;
  }
}

function findingFor(diagnostic: vscode.Diagnostic, findings: Finding[], place: (range: Finding['range']) => vscode.Range | undefined): Finding | undefined {
  const code = diagnosticCode(diagnostic);
  return findings.find((f) => f.code === code && place(f.range)?.isEqual(diagnostic.range));
}

function toCodeAction(fix: Fix, document: vscode.TextDocument, diagnostic: vscode.Diagnostic, analysis: DocumentAnalysis): vscode.CodeAction | undefined {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  switch (fix.kind) {
    case 'edit': {
      const edit = new vscode.WorkspaceEdit();
      const spans = analysis.discovery.notebook?.spans;
      if (analysis.cell && spans) {
        // Module positions: each edit goes to the cell it falls in (a new import joins the imports' cell).
        if (!addNotebookEdits(edit, analysis.cell.notebook, spans, analysis.cell.moduleText, fix.edits)) return undefined;
      } else {
        for (const e of fix.edits) edit.replace(document.uri, toRange(e.range), e.newText);
      }
      action.edit = edit;
      action.isPreferred = fix.preferred ?? false;
      break;
    }
    case 'switch-stack':
      action.command = { command: ZENML_COMMANDS.switchStack, title: fix.title, arguments: [fix.stack, analysis.cell?.notebook.uri ?? document.uri] };
      action.isPreferred = fix.preferred ?? false;
      break;
    case 'clear-override':
      action.command = { command: ZENML_COMMANDS.clearOverride, title: fix.title };
      action.isPreferred = fix.preferred ?? false;
      break;
    case 'open-docs':
      action.command = { command: 'vscode.open', title: fix.title, arguments: [vscode.Uri.parse(fix.url)] };
      break;
  }
  return action;
}

// Which orchestrator the workspace's code targets. For now only the
// `zenmlSchedules.orchestrator` setting; detection from ZenML plugs in here.

import * as vscode from 'vscode';
import type { OrchestratorContext } from '../findings/types';

export class OrchestratorService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('zenmlSchedules.orchestrator')) this.changed.fire();
      }),
    );
  }

  /** The orchestrator for code in `uri` (or the workspace), or null when unknown. */
  current(uri?: vscode.Uri): OrchestratorContext | null {
    const flavor = vscode.workspace.getConfiguration('zenmlSchedules', uri).get<string>('orchestrator', '').trim();
    if (flavor) return { flavor, source: 'setting' };
    return null;
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

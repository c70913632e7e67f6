// Which orchestrator the workspace's code targets, in this order:
// 1. the `zenmlSchedules.orchestrator` setting (overrides everything);
// 2. ZenML's active stack, detected by the helper once registerZenml() has
//    attached a detector (zenmlDetection.ts); null while pending, failed or not
//    yet started. Reading never starts detection: registerZenml() starts it on
//    real need (a schedule, a .zen folder, the Schedules view, a ZenML command).

import * as vscode from 'vscode';
import type { OrchestratorContext } from '../findings/types';
import { toOrchestratorContext } from '../zenml/runner';
import type { FolderDetection, ZenmlDetector } from './zenmlDetection';

export class OrchestratorService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private detector: ZenmlDetector | undefined;

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('zenmlSchedules.orchestrator')) this.changed.fire();
      }),
    );
  }

  /** Turn on detection from ZenML (called by registerZenml). */
  attachDetector(detector: ZenmlDetector): void {
    this.detector = detector;
    this.subscriptions.push(detector.onDidChange(() => this.changed.fire()));
  }

  /** The override setting for `uri`, or '' when not set. */
  override(uri?: vscode.Uri): string {
    return vscode.workspace.getConfiguration('zenmlSchedules', uri).get<string>('orchestrator', '').trim();
  }

  /** The orchestrator for code in `uri` (or the workspace), or null when unknown. */
  current(uri?: vscode.Uri): OrchestratorContext | null {
    const flavor = this.override(uri);
    if (flavor) {
      // Keep the stacks ZenML knows (for messages and quick fixes) when they are already detected.
      const detection = this.detector?.peek(uri);
      const schedulableStacks = detection?.status === 'ok' ? toOrchestratorContext(detection.state)?.schedulableStacks : undefined;
      return schedulableStacks ? { flavor, source: 'setting', schedulableStacks } : { flavor, source: 'setting' };
    }
    const detection = this.detector?.peek(uri);
    return detection?.status === 'ok' ? toOrchestratorContext(detection.state) : null;
  }

  /** The ZenML detection behind `current` (status bar, menus); undefined until it has started. */
  detection(uri?: vscode.Uri): FolderDetection | undefined {
    return this.detector?.peek(uri);
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

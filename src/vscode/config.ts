// Typed access to the extension's settings. Defaults live in package.json only.

import * as vscode from 'vscode';
import { isValidTimeZone, machineTimeZone } from '../cron';

export interface DisplaySettings {
  /** How many next runs to show. */
  nextRuns: number;
  /** The zone next runs are shown in beside UTC (the machine's when the setting is empty or invalid). */
  displayZone: string;
  /** The setting's value when it is not a valid IANA zone, so the UI can say so. */
  invalidZone?: string;
}

/**
 * A virtual workspace: every folder is on a file system provider (a remote repository opened
 * without a local copy, e.g. vscode-vfs:), none on disk. ZenML Schedules runs no Python there.
 */
export function isVirtualWorkspace(): boolean {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.length > 0 && folders.every((folder) => folder.uri.scheme !== 'file');
}

export function displaySettings(scope?: vscode.ConfigurationScope): DisplaySettings {
  const config = vscode.workspace.getConfiguration('zenmlSchedules', scope);
  const raw = Math.floor(config.get<number>('nextRuns', 5));
  const nextRuns = Number.isFinite(raw) ? Math.min(50, Math.max(1, raw)) : 5;
  const zone = config.get<string>('timeZone', '').trim();
  if (zone && !isValidTimeZone(zone)) return { nextRuns, displayZone: machineTimeZone(), invalidZone: zone };
  return { nextRuns, displayZone: zone || machineTimeZone() };
}

/** The hover's and the tree tooltip's advice when no target orchestrator is known (words the editor's setting). */
export function unknownOrchestratorAdvice(): string {
  return vscode.l10n.t('Set `zenmlSchedules.orchestrator` (or activate a ZenML stack) to check it against your orchestrator.');
}

// Shared helpers for the integration suites (bundled into each suite file).
// They run inside the extension host: code-server here, VS Code desktop under
// @vscode/test-electron. The workspace is examples/ unless the harness says otherwise.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'zenml-schedules.zenml-schedules';
export const DIAGNOSTIC_SOURCE = 'zenml-schedules';

/** The API object `activate()` returns (kept structural: tests must not import src/vscode). */
export interface ExtensionApi {
  schedulesProvider: vscode.TreeDataProvider<unknown>;
  analyzeDocument(uri: vscode.Uri): Promise<unknown>;
  workspaceIndex?: { ensureScanned?: () => Promise<unknown>; isScanned?: boolean };
}

export function extension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

export async function activateExtension(): Promise<ExtensionApi> {
  const api = await extension().activate();
  assert.ok(api, 'activate() returned no API object');
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the harness opens examples/)');
  return folder.uri;
}

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relativePath);
}

export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` returns a value other than undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await sleep(150);
  }
}

/** The position of the `nth` occurrence of `needle` in the document (plus `offset` characters). */
export function positionOf(document: vscode.TextDocument, needle: string, { nth = 0, offset = 0 } = {}): vscode.Position {
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `"${needle}" (occurrence ${nth + 1}) not found in ${document.uri.path}`);
  }
  return document.positionAt(index + offset);
}

/** The range of `needle` itself, found after the first occurrence of `after` (an anchor such as `bad_cron =`). */
export function rangeAfter(document: vscode.TextDocument, after: string, needle: string): vscode.Range {
  const text = document.getText();
  const anchor = text.indexOf(after);
  assert.ok(anchor >= 0, `"${after}" not found in ${document.uri.path}`);
  const index = text.indexOf(needle, anchor);
  assert.ok(index >= 0, `"${needle}" not found after "${after}" in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(index), document.positionAt(index + needle.length));
}

export function markdownOf(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
    .join('\n');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

/** Sets a zenmlSchedules.* user setting and returns a function that restores the previous value. */
export async function setSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('zenmlSchedules');
  const previous = config.inspect(key)?.globalValue;
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration('zenmlSchedules').update(key, previous, vscode.ConfigurationTarget.Global);
  };
}

/**
 * Call inside a describe(): a stack of restorers (from setSetting) that is
 * emptied, latest first, after each test of that suite.
 */
export function restoreAfterEach(): Array<() => Promise<void>> {
  const restore: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (restore.length) await restore.pop()!();
  });
  return restore;
}

export function describeRange(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** Which host runs the suite: the code-server harness sets ZS_INTEGRATION_HOST=code-server. */
export const HOST = process.env.ZS_INTEGRATION_HOST ?? 'electron';

// Which Python interpreter runs the ZenML helper: zenmlSchedules.pythonPath when the
// user set it, else the Python extension's interpreter for the resource, else
// python3 / python on PATH. The Python extension is optional.

import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import { interpreterCandidates } from '../zenml/runner';

export type InterpreterSource = 'setting' | 'python-extension' | 'path';

export interface InterpreterChoice {
  /** Tried in order until one starts. */
  candidates: string[];
  source: InterpreterSource;
}

const PYTHON_EXTENSION_ID = 'ms-python.python';
const API_TIMEOUT_MS = 5000;

export class InterpreterResolver implements vscode.Disposable {
  private api: Promise<PythonExtension | undefined> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the Python extension's active interpreter changes. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  async resolve(resource: vscode.Uri | undefined): Promise<InterpreterChoice> {
    const configured = vscode.workspace.getConfiguration('zenmlSchedules', resource).get<string>('pythonPath', '').trim();
    if (configured) return { candidates: [expandVariables(configured, resource)], source: 'setting' };
    const fromExtension = await this.fromPythonExtension(resource);
    if (fromExtension) return { candidates: [fromExtension], source: 'python-extension' };
    return { candidates: interpreterCandidates(null), source: 'path' };
  }

  private async fromPythonExtension(resource: vscode.Uri | undefined): Promise<string | undefined> {
    if (!vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) return undefined;
    const api = await this.pythonApi();
    if (!api) return undefined;
    try {
      const active = api.environments.getActiveEnvironmentPath(resource);
      const resolved = await api.environments.resolveEnvironment(active);
      return resolved?.executable.uri?.fsPath ?? active.path;
    } catch (e) {
      this.log.warn(`Python extension: could not resolve the active interpreter: ${String(e)}`);
      return undefined;
    }
  }

  private pythonApi(): Promise<PythonExtension | undefined> {
    this.api ??= (async () => {
      try {
        const api = await Promise.race([
          PythonExtension.api(),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), API_TIMEOUT_MS)),
        ]);
        if (!api) {
          this.log.warn('The Python extension did not answer in time; using zenmlSchedules.pythonPath or python3.');
          this.api = undefined;
          return undefined;
        }
        this.subscriptions.push(api.environments.onDidChangeActiveEnvironmentPath(() => this.changed.fire()));
        return api;
      } catch (e) {
        this.log.warn(`The Python extension's API is not available: ${String(e)}`);
        return undefined;
      }
    })();
    return this.api;
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** ${workspaceFolder} and ~ in a configured path, the two forms people write. */
function expandVariables(value: string, resource: vscode.Uri | undefined): string {
  const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
  let result = value;
  if (folder) result = result.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
  if (result.startsWith('~/')) result = (process.env.HOME ?? '') + result.slice(1);
  return result;
}

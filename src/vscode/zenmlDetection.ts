// Detection of the active ZenML stack for each workspace folder: run the helper
// lazily (on first need), cache the answer, watch ZenML's config files and re-run
// (debounced) when they change. Never spawns anything in an untrusted workspace.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findRepositoryRoot, globalConfigFile } from '../zenml/config';
import { isVirtualWorkspace } from './config';
import {
  type DetectionError,
  type DetectionResult,
  type ZenmlState,
  describeState,
  detectWithCandidates,
  switchStack,
  detectionError,
} from '../zenml/runner';
import { type InterpreterSource, InterpreterResolver } from './zenmlInterpreter';

export type FolderDetection =
  | { status: 'pending'; folder: string }
  | { status: 'ok'; folder: string; state: ZenmlState; interpreter: string; interpreterSource: InterpreterSource }
  | { status: 'error'; folder: string; error: DetectionError; interpreterSource?: InterpreterSource };

const DEBOUNCE_MS = 400;

/** Told of every failed detection (with the folder it was for); decides whether to pop up. */
export type ProblemReporter = (error: DetectionError, folder: string) => void;

interface FolderEntry {
  detection: FolderDetection;
  running?: Promise<FolderDetection>;
  rerun?: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** Watched config files and their last modification time (for the focus check). */
  watched: Map<string, number>;
  /** Detection runs finished for this folder, and why the last one was started (the status query reports it). */
  finished?: DetectionRuns;
}

/** How many detection runs have finished for a folder, and the reason the last one was started for. */
export interface DetectionRuns {
  count: number;
  reason: string;
}

export class ZenmlDetector implements vscode.Disposable {
  private readonly folders = new Map<string, FolderEntry>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the folder whose detection changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly interpreters: InterpreterResolver;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly reportProblem: ProblemReporter,
  ) {
    this.interpreters = new InterpreterResolver(log);
    this.subscriptions.push(
      this.interpreters,
      this.interpreters.onDidChange(() => this.refreshAll('the Python interpreter changed')),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshAll('the workspace is now trusted')),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('zenmlSchedules.pythonPath') || e.affectsConfiguration('zenmlSchedules.helperTimeoutSeconds')) {
          this.refreshAll('the settings changed');
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshAll('the workspace folders changed')),
      // A `zenml stack set` in an outside terminal: catch what a watcher may miss when the window regains focus.
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.checkWatchedFiles();
      }),
    );
  }

  /** The folder whose ZenML answers for `uri`: its workspace folder, else the first one, else its directory. */
  folderFor(uri?: vscode.Uri): string | undefined {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (folder) return folder.uri.fsPath;
    if (uri?.scheme === 'file') return path.dirname(uri.fsPath);
    return undefined;
  }

  /** The cached answer, without starting detection. */
  peek(uri?: vscode.Uri): FolderDetection | undefined {
    const folder = this.folderFor(uri);
    return folder ? this.folders.get(folder)?.detection : undefined;
  }

  /** Detection runs finished for the folder of `uri` (tests wait on it: a re-detection that ran, even to the same answer). */
  runs(uri?: vscode.Uri): DetectionRuns {
    const folder = this.folderFor(uri);
    return (folder && this.folders.get(folder)?.finished) || { count: 0, reason: '' };
  }

  /** The cached answer; starts detection on first need (say which) and returns `pending` meanwhile. */
  get(uri?: vscode.Uri, reason = 'first use'): FolderDetection | undefined {
    const folder = this.folderFor(uri);
    if (!folder) return undefined;
    const entry = this.folders.get(folder);
    if (entry) return entry.detection;
    void this.refresh(folder, reason);
    return this.folders.get(folder)?.detection;
  }

  /** Detect now (or join the run in progress, then run once more). */
  refresh(folder: string, reason: string): Promise<FolderDetection> {
    let entry = this.folders.get(folder);
    if (!entry) {
      // No event for `pending`: callers read it from get(), and firing here would re-enter their listeners.
      entry = { detection: { status: 'pending', folder }, watched: new Map() };
      this.folders.set(folder, entry);
    }
    if (entry.running) {
      entry.rerun = true;
      return entry.running;
    }
    const current = entry;
    const guarded = this.run(folder, reason).catch(
      (e: unknown): FolderDetection => ({ status: 'error', folder, error: detectionError('helper-failed', '', String(e)) }),
    );
    current.running = guarded.then((detection) => {
      current.running = undefined;
      current.finished = { count: (current.finished?.count ?? 0) + 1, reason };
      this.store(folder, detection);
      if (current.rerun) {
        current.rerun = false;
        return this.refresh(folder, 'a change during detection');
      }
      return detection;
    });
    return current.running;
  }

  refreshAll(reason: string): void {
    for (const folder of this.folders.keys()) this.scheduleRefresh(folder, reason);
  }

  /** Activate a stack through ZenML's Client; the state ZenML reads back replaces the cache. */
  async switchStack(stack: string, uri?: vscode.Uri): Promise<DetectionResult> {
    const folder = this.folderFor(uri);
    if (!vscode.workspace.isTrusted) return { ok: false, error: detectionError('untrusted-workspace', '') };
    if (isVirtualWorkspace()) return { ok: false, error: detectionError('virtual-workspace', '') };
    if (!folder) return { ok: false, error: detectionError('helper-failed', '', 'no workspace folder is open') };
    const choice = await this.interpreters.resolve(uri);
    // The interpreter that answered last (python3 or python when both were candidates).
    const known = this.peek(uri);
    const pythonPath = known?.status === 'ok' && known.interpreterSource === choice.source ? known.interpreter : choice.candidates[0];
    this.log.info(`Switching the active ZenML stack to '${stack}' with ${pythonPath} in ${folder}`);
    const result = await switchStack({ pythonPath, cwd: folder, timeoutMs: this.timeoutMs(uri), stack });
    if (result.ok) {
      this.log.info(`ZenML now reports ${describeState(result.state)}`);
      this.store(folder, { status: 'ok', folder, state: result.state, interpreter: pythonPath, interpreterSource: choice.source });
    } else {
      this.log.error(`Switching to stack '${stack}' failed: ${result.error.message}${result.error.detail ? `\n${result.error.detail}` : ''}`);
    }
    return result;
  }

  private scheduleRefresh(folder: string, reason: string): void {
    const entry = this.folders.get(folder);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.refresh(folder, reason);
    }, DEBOUNCE_MS);
  }

  private timeoutMs(uri?: vscode.Uri): number {
    const seconds = vscode.workspace.getConfiguration('zenmlSchedules', uri).get<number>('helperTimeoutSeconds', 10);
    return Math.max(1, seconds) * 1000;
  }

  private async run(folder: string, reason: string): Promise<FolderDetection> {
    if (!vscode.workspace.isTrusted) {
      this.log.info('Workspace not trusted: ZenML detection is off (no Python is run).');
      return { status: 'error', folder, error: detectionError('untrusted-workspace', '') };
    }
    if (isVirtualWorkspace()) {
      this.log.info('Virtual workspace: ZenML detection is off (no Python is run; the files are not on disk).');
      return { status: 'error', folder, error: detectionError('virtual-workspace', '') };
    }
    const uri = vscode.Uri.file(folder);
    const choice = await this.interpreters.resolve(uri);
    const started = Date.now();
    this.log.info(`Detecting the ZenML stack for ${folder} (${reason}) with ${choice.candidates.join(' or ')} [${choice.source}]`);
    const result = await detectWithCandidates(choice.candidates, { cwd: folder, timeoutMs: this.timeoutMs(uri) });
    const ms = Date.now() - started;
    if (result.ok) {
      this.log.info(`ZenML (${ms} ms): ${describeState(result.state)}`);
      if (result.state.tableDisagreement) this.log.warn(result.state.tableDisagreement);
      return { status: 'ok', folder, state: result.state, interpreter: result.state.pythonExecutable, interpreterSource: choice.source };
    }
    this.log.error(`ZenML detection failed (${ms} ms): ${result.error.message}${result.error.detail ? `\n${result.error.detail}` : ''}`);
    this.reportProblem(result.error, folder);
    return { status: 'error', folder, error: result.error, interpreterSource: choice.source };
  }

  private store(folder: string, detection: FolderDetection): void {
    const entry = this.folders.get(folder) ?? { detection, watched: new Map<string, number>() };
    const before = entry.detection;
    entry.detection = detection;
    this.folders.set(folder, entry);
    this.watchConfigFiles(folder, entry, detection);
    if (fingerprint(before) !== fingerprint(detection)) this.changed.fire(folder);
  }

  /** Watch the repository's .zen/config.yaml and the global config.yaml (or where `zenml init` would create one). */
  private watchConfigFiles(folder: string, entry: FolderEntry, detection: FolderDetection): void {
    const state = detection.status === 'ok' ? detection.state : undefined;
    const repositoryRoot = state?.repositoryRoot ?? findRepositoryRoot(folder);
    const files = [
      path.join(repositoryRoot ?? folder, '.zen', 'config.yaml'),
      state?.globalConfigFile ?? globalConfigFile(),
    ];
    for (const file of files) {
      entry.watched.set(file, mtimeOf(file));
      const key = `${folder}\n${file}`;
      if (this.watchers.has(key)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
      );
      const onChange = () => {
        entry.watched.set(file, mtimeOf(file));
        this.log.info(`${file} changed`);
        this.scheduleRefresh(folder, `${path.basename(path.dirname(file))}/${path.basename(file)} changed`);
      };
      watcher.onDidChange(onChange);
      watcher.onDidCreate(onChange);
      watcher.onDidDelete(onChange);
      this.watchers.set(key, watcher);
    }
  }

  private checkWatchedFiles(): void {
    for (const [folder, entry] of this.folders) {
      for (const [file, mtime] of entry.watched) {
        const now = mtimeOf(file);
        if (now !== mtime) {
          entry.watched.set(file, now);
          this.scheduleRefresh(folder, `${file} changed while the window was in the background`);
        }
      }
    }
  }

  dispose(): void {
    for (const entry of this.folders.values()) if (entry.timer) clearTimeout(entry.timer);
    for (const w of this.watchers.values()) w.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** What listeners care about: status, active stack, orchestrator, stacks, error code. */
function fingerprint(d: FolderDetection): string {
  if (d.status === 'ok') {
    const s = d.state;
    return JSON.stringify(['ok', s.activeStack, s.orchestrator, s.canSchedule, s.stacks.map((x) => [x.name, x.orchestrator?.flavor, x.canSchedule])]);
  }
  if (d.status === 'error') return JSON.stringify(['error', d.error.code, d.error.interpreter]);
  return 'pending';
}

/** The runner's error in the editor's words: the remedies are the interpreter picker, the settings and the log. */
export function editorDetectionMessage(error: DetectionError): string {
  switch (error.code) {
    case 'interpreter-not-found':
      return `${error.message} ${vscode.l10n.t('Select an interpreter with ZenML installed, or set zenmlSchedules.pythonPath.')}`;
    case 'zenml-not-installed':
      return `${error.message} ${vscode.l10n.t('Or select the interpreter where it is installed.')}`;
    case 'timeout':
      return `${error.message} ${vscode.l10n.t('Or raise zenmlSchedules.helperTimeoutSeconds.')}`;
    case 'helper-failed':
      return `${error.message} ${vscode.l10n.t('See the ZenML Schedules log.')}`;
    case 'untrusted-workspace':
      return `${error.message} ${vscode.l10n.t('Trust the workspace to detect the active ZenML stack.')}`;
    case 'virtual-workspace':
      return `${error.message} ${vscode.l10n.t('Set zenmlSchedules.orchestrator to the orchestrator the code targets.')}`;
    default:
      return error.message;
  }
}

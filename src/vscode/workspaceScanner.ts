// Feeds the pure ScheduleIndex with the workspace's Python and YAML files:
// a first scan with progress (honouring files.exclude, .gitignore and virtual
// environments), then only the files that change (watchers, debounced), and
// the live text of open documents.

import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { minimatch } from 'minimatch';
import * as vscode from 'vscode';
import { ScheduleIndex, inSkippedFolder, mayContainSchedule, pathOrParentMatches } from '../workspace/scheduleIndex';
import { isScheduleDocument, type DocumentAnalyzer } from './documents';
import { isNotebookCell, isScheduleNotebook, notebookOfCell } from './notebooks';
import type { OrchestratorService } from './orchestratorService';

const FILE_GLOB = '**/*.{py,yaml,yml,ipynb}';
/** Folders never worth reading: dependencies, caches and virtual environments by their usual names. */
const SKIPPED_FOLDERS = ['node_modules', '.git', '.venv', 'venv', '.tox', '.nox', '__pycache__', 'site-packages', '.mypy_cache', '.pytest_cache'];
const SKIPPED_FOLDER_NAMES = new Set(SKIPPED_FOLDERS);
const SCHEDULE_FILE = /\.(py|ya?ml|ipynb)$/i;
const SCHEDULE_NOTEBOOK = /\.ipynb$/i;

/** The enabled glob patterns of `files.exclude` (conditional `{ when }` entries are ignored). */
function filesExcludePatterns(scope?: vscode.Uri): string[] {
  const filesExclude = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude', {});
  return Object.entries(filesExclude).filter(([, enabled]) => enabled === true).map(([pattern]) => pattern);
}

/** Our skipped folders plus the user's `files.exclude` (passing an exclude to findFiles replaces that setting). */
function excludeGlob(): string {
  // Patterns with braces or commas would break the one brace group (shouldSkip still applies them).
  const own = filesExcludePatterns().filter((pattern) => !pattern.includes('{') && !pattern.includes(','));
  return `{${[...SKIPPED_FOLDERS.map((f) => `**/${f}/**`), ...own].join(',')}}`;
}
/**
 * Files of the workspace folders whose names match `name`: findFiles for folders on disk, a walk of
 * the others (a virtual workspace's file system may have no search provider: findFiles then waits forever).
 */
async function workspaceFiles(glob: string, exclude: string, name: RegExp): Promise<vscode.Uri[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const virtual = folders.filter((folder) => folder.uri.scheme !== 'file');
  if (!virtual.length) return vscode.workspace.findFiles(glob, exclude);
  const onDisk = folders.filter((folder) => folder.uri.scheme === 'file');
  const found = (await Promise.all(onDisk.map((folder) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude)))).flat();
  for (const folder of virtual) found.push(...(await walkFolder(folder.uri, name)));
  return found;
}

/** Directory entries a walk of a virtual folder reads at most (a huge remote repository stays bounded). */
const MAX_WALKED_ENTRIES = 50_000;

async function walkFolder(root: vscode.Uri, name: RegExp): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  const queue = [root];
  let seen = 0;
  for (let dir = queue.shift(); dir && seen < MAX_WALKED_ENTRIES; dir = queue.shift()) {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue;
    }
    for (const [entry, type] of entries) {
      seen++;
      const uri = vscode.Uri.joinPath(dir, entry);
      if (type & vscode.FileType.Directory) {
        if (!SKIPPED_FOLDER_NAMES.has(entry)) queue.push(uri);
      } else if (name.test(entry)) found.push(uri);
    }
  }
  return found;
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Notebooks carry their outputs (images, tables): their code is a small part of the file. */
const MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024;
const DEBOUNCE_MS = 300;
const READ_CONCURRENCY = 16;

export class WorkspaceScheduleIndex implements vscode.Disposable {
  readonly index: ScheduleIndex;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly pending = new Map<string, vscode.Uri | null>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private scanned = false;
  /** Per workspace folder: its root .gitignore rules. */
  private ignores = new Map<string, Ignore>();
  /** Per workspace folder: a matcher for its files.exclude patterns. */
  private excludes = new Map<string, (relativePath: string) => boolean>();
  /** Folders holding a pyvenv.cfg (virtual environments), with a trailing separator. */
  private venvDirs = new Set<string>();
  /** Progress text for the view, or undefined when idle. */
  status: string | undefined;

  constructor(
    orchestrators: OrchestratorService,
    private readonly analyzer: DocumentAnalyzer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // Each file's own orchestrator (multi-root folders may target different ones), resolved once per analysis.
    this.index = new ScheduleIndex((key) => ({ orchestrator: orchestrators.current(vscode.Uri.parse(key)) }));
    const watcher = vscode.workspace.createFileSystemWatcher(FILE_GLOB, false, false, true);
    // Every path, for deletes and creates only: a deleted or renamed folder may be reported
    // as one event for the folder, not one per file inside it.
    const anyPath = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const venvs = vscode.workspace.createFileSystemWatcher('**/pyvenv.cfg', false, true, false);
    const gitignores = vscode.workspace.createFileSystemWatcher('**/.gitignore');
    this.subscriptions.push(
      watcher,
      anyPath,
      venvs,
      gitignores,
      watcher.onDidCreate((uri) => this.queue(uri)),
      watcher.onDidChange((uri) => this.queue(uri)),
      anyPath.onDidDelete((uri) => this.queue(uri, true)),
      anyPath.onDidCreate((uri) => void this.queueIfFolder(uri)),
      venvs.onDidCreate((uri) => this.venvCreated(uri)),
      venvs.onDidDelete((uri) => this.venvDirs.delete(path.dirname(uri.fsPath) + path.sep)),
      gitignores.onDidCreate((uri) => this.ignoreRulesChanged(uri)),
      gitignores.onDidChange((uri) => this.ignoreRulesChanged(uri)),
      gitignores.onDidDelete((uri) => this.ignoreRulesChanged(uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.scanned && e.affectsConfiguration('files.exclude')) void this.rescan();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        if (e.document.uri.scheme === 'file') this.queue(e.document.uri);
        // A notebook cell: the notebook's row follows its live cells.
        else if (isNotebookCell(e.document)) {
          const inNotebook = notebookOfCell(e.document);
          if (inNotebook) this.queue(inNotebook.notebook.uri);
        }
      }),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.contentChanges.length && e.notebook.uri.scheme === 'file') this.queue(e.notebook.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
      orchestrators.onDidChange(() => {
        this.index.reanalyze();
        this.changed.fire();
      }),
      this.changed,
    );
  }

  get isScanned(): boolean {
    return this.scanned;
  }

  /** Scans once; later calls wait for the same scan. */
  ensureScanned(): Promise<void> {
    this.scanning ??= this.scan();
    return this.scanning;
  }

  rescan(): Promise<void> {
    this.scanning = this.scan();
    return this.scanning;
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    await vscode.window.withProgress({ location: { viewId: 'zenmlSchedules.schedules' } }, async () => {
      this.status = vscode.l10n.t('Looking for schedules…');
      this.changed.fire();
      await this.loadIgnores();
      // Cleared before listing: a file changed while findFiles runs is then read by flush() after the clear, not lost to it.
      this.index.clear();
      const uris = (await workspaceFiles(FILE_GLOB, excludeGlob(), SCHEDULE_FILE)).filter((u) => !this.shouldSkip(u));
      let done = 0;
      const queue = [...uris];
      const worker = async () => {
        for (let uri = queue.pop(); uri; uri = queue.pop()) {
          await this.read(uri);
          done++;
          if (done % 500 === 0) {
            this.status = vscode.l10n.t('Looking for schedules… {0} of {1} files', done, uris.length);
            this.changed.fire();
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
      this.log.info(`Scanned ${uris.length} files in ${Date.now() - started} ms: ${this.index.schedules().length} schedules in ${this.index.fileCount} files.`);
    });
    this.status = undefined;
    this.scanned = true;
    void vscode.commands.executeCommand('setContext', 'zenmlSchedules.scanned', true);
    this.changed.fire();
  }

  /** The root .gitignore and files.exclude of each folder, and the folders of virtual environments (they hold pyvenv.cfg). */
  private async loadIgnores(): Promise<void> {
    this.ignores = new Map();
    this.excludes = new Map();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      await this.loadGitignore(folder);
      const patterns = filesExcludePatterns(folder.uri);
      this.excludes.set(folder.uri.fsPath, (p) => patterns.some((pattern) => minimatch(p, pattern, { dot: true })));
    }
    const cfgs = await workspaceFiles('**/pyvenv.cfg', '**/node_modules/**', /^pyvenv\.cfg$/);
    this.venvDirs = new Set(cfgs.map((u) => path.dirname(u.fsPath) + path.sep));
  }

  private async loadGitignore(folder: vscode.WorkspaceFolder): Promise<void> {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore'));
      this.ignores.set(folder.uri.fsPath, ignore().add(Buffer.from(bytes).toString('utf8')));
    } catch {
      // No .gitignore: nothing to honour.
      this.ignores.delete(folder.uri.fsPath);
    }
  }

  /**
   * The one rule for which files the index never reads, used by the first scan and by
   * every later change: skipped folder names, files.exclude, the root .gitignore and
   * virtual environments.
   */
  private shouldSkip(uri: vscode.Uri): boolean {
    if ([...this.venvDirs].some((dir) => uri.fsPath.startsWith(dir))) return true;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const relative = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) return false;
    if (inSkippedFolder(relative, SKIPPED_FOLDER_NAMES)) return true;
    const excluded = this.excludes.get(folder.uri.fsPath);
    if (excluded && pathOrParentMatches(relative, excluded)) return true;
    const rules = this.ignores.get(folder.uri.fsPath);
    return rules !== undefined && rules.ignores(relative);
  }

  /** A new virtual environment: never read it, and forget what was read from it before pyvenv.cfg appeared. */
  private venvCreated(cfg: vscode.Uri): void {
    const dir = vscode.Uri.file(path.dirname(cfg.fsPath));
    this.venvDirs.add(dir.fsPath + path.sep);
    if (this.index.deleteUnder(dir.toString())) this.changed.fire();
  }

  /** A root .gitignore changed: what it covers is re-read from scratch (rare; a rescan is simplest and exact). */
  private ignoreRulesChanged(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!this.scanned || !folder || path.dirname(uri.fsPath) !== folder.uri.fsPath) return;
    void this.rescan();
  }

  /** A created folder (a rename's new name, a copy) is reported alone: queue the schedule files inside it. */
  private async queueIfFolder(uri: vscode.Uri): Promise<void> {
    if (!this.scanned || SCHEDULE_FILE.test(uri.path) || this.shouldSkip(vscode.Uri.joinPath(uri, 'x.py'))) return;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.Directory) return;
    } catch {
      return;
    }
    for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, FILE_GLOB), excludeGlob())) this.queue(file);
  }

  private label(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  private async read(uri: vscode.Uri): Promise<boolean> {
    const key = uri.toString();
    const openNotebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
    if (openNotebook && isScheduleNotebook(openNotebook)) {
      // An open notebook: its live cells, as the editor analyses them.
      const { discovery, findings, orchestrator } = this.analyzer.analyzeNotebook(openNotebook);
      return this.index.setAnalysis(key, this.label(uri), discovery, findings, orchestrator);
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open && isScheduleDocument(open)) {
      // An open document: reuse the editor's (incremental, cached) analysis of its live text.
      const { discovery, findings, orchestrator } = this.analyzer.analyze(open);
      return this.index.setAnalysis(key, this.label(uri), discovery, findings, orchestrator);
    }
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > (SCHEDULE_NOTEBOOK.test(uri.path) ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES)) return this.index.deleteFile(key);
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) return this.index.deleteFile(key);
      text = Buffer.from(bytes).toString('utf8');
    } catch {
      return this.index.deleteFile(key);
    }
    if (!mayContainSchedule(text)) return this.index.deleteFile(key);
    return this.index.setFile(key, this.label(uri), uri.fsPath, text);
  }

  private queue(uri: vscode.Uri, deleted = false): void {
    // A delete of any path may be a folder holding indexed files; other events only matter for readable schedule files.
    if (!this.scanned || (!deleted && (!SCHEDULE_FILE.test(uri.path) || this.shouldSkip(uri)))) return;
    this.pending.set(uri.toString(), deleted ? null : uri);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    const batch = [...this.pending.entries()];
    this.pending.clear();
    let changed = false;
    for (const [key, uri] of batch) {
      // Checked again: a pyvenv.cfg or .gitignore may have arrived during the debounce.
      if (uri && this.shouldSkip(uri)) changed = this.index.deleteFile(key) || changed;
      else changed = (uri ? await this.read(uri) : this.index.deleteUnder(key)) || changed;
    }
    if (changed) this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

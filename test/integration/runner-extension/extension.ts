// Test-only extension (never shipped): code-server has no --extensionTestsPath,
// so this runs the integration suite inside the extension host once the
// workbench has started, and writes the results as JSON for the harness
// (test/integration/run-code-server.mjs). It does nothing unless
// ZS_INTEGRATION_RESULTS and ZS_INTEGRATION_INDEX are set.
// With ZS_INTEGRATION_VFS_ROOT set it also serves that folder as the file system `zsvfs:`, so
// the harness can open a virtual workspace (zsvfs:/, as github.dev's vscode-vfs:) for
// suite/90-virtual-workspace.test.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface SuiteRunner {
  runSuite(): Promise<unknown>;
}

export function activate(): void {
  const vfsRoot = process.env.ZS_INTEGRATION_VFS_ROOT;
  if (vfsRoot) vscode.workspace.registerFileSystemProvider(VFS_SCHEME, new FolderFileSystem(vfsRoot), { isCaseSensitive: true });
  const resultsFile = process.env.ZS_INTEGRATION_RESULTS;
  const indexFile = process.env.ZS_INTEGRATION_INDEX;
  if (!resultsFile || !indexFile) return;
  // Not awaited: activation must return; the harness waits for the file.
  void runAndReport(indexFile, resultsFile);
}

async function runAndReport(indexFile: string, resultsFile: string): Promise<void> {
  let results: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runner = require(indexFile) as SuiteRunner;
    results = await runner.runSuite();
  } catch (err) {
    results = { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [], fatal: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  // Write then rename, so the harness never reads half a file.
  fs.writeFileSync(resultsFile + '.tmp', JSON.stringify(results, null, 2));
  fs.renameSync(resultsFile + '.tmp', resultsFile);
}

export function deactivate(): void {}

const VFS_SCHEME = 'zsvfs';

/** A folder on disk served under another scheme: to VS Code and the extension, files that are not on disk. */
class FolderFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  constructor(private readonly root: string) {}

  private real(uri: vscode.Uri): string {
    return path.join(this.root, ...uri.path.split('/').filter(Boolean));
  }

  private async call<T>(uri: vscode.Uri, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw vscode.FileSystemError.FileNotFound(uri);
      if (code === 'EEXIST') throw vscode.FileSystemError.FileExists(uri);
      if (code === 'ENOTDIR') throw vscode.FileSystemError.FileNotADirectory(uri);
      if (code === 'EISDIR') throw vscode.FileSystemError.FileIsADirectory(uri);
      throw error;
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return this.call(uri, async () => {
      const s = await fs.promises.stat(this.real(uri));
      return { type: s.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File, ctime: s.ctimeMs, mtime: s.mtimeMs, size: s.size };
    });
  }

  readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return this.call(uri, async () =>
      (await fs.promises.readdir(this.real(uri), { withFileTypes: true })).map((d) => [d.name, d.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File]),
    );
  }

  createDirectory(uri: vscode.Uri): Promise<void> {
    return this.call(uri, async () => {
      await fs.promises.mkdir(this.real(uri));
      this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
    });
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.call(uri, () => fs.promises.readFile(this.real(uri)));
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): Promise<void> {
    return this.call(uri, async () => {
      const exists = fs.existsSync(this.real(uri));
      if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      if (exists && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      await fs.promises.writeFile(this.real(uri), content);
      this.changed.fire([{ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
    });
  }

  delete(uri: vscode.Uri, options: { recursive: boolean }): Promise<void> {
    return this.call(uri, async () => {
      await fs.promises.rm(this.real(uri), { recursive: options.recursive });
      this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
    });
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    return this.call(oldUri, async () => {
      if (!options.overwrite && fs.existsSync(this.real(newUri))) throw vscode.FileSystemError.FileExists(newUri);
      await fs.promises.rename(this.real(oldUri), this.real(newUri));
      this.changed.fire([
        { type: vscode.FileChangeType.Deleted, uri: oldUri },
        { type: vscode.FileChangeType.Created, uri: newUri },
      ]);
    });
  }
}

// Starts code-server (VS Code 1.100 server + web workbench) on 127.0.0.1 with
// fresh data folders, the way the integration suite, the browser tests and the
// demo all need it. Shared by every suite that runs the extension for real.
//
//   const server = await startCodeServer({ workspace, vsix: 'zenml-schedules.vsix', settings, env });
//   ... server.url, server.workspaceUrl, server.logsDir ...
//   await server.stop();
//
// Installed by test/setup/20-code-server.sh into .tools/code-server.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_BIN = join(PROJECT_ROOT, '.tools/code-server/node_modules/.bin/code-server');
export const DEFAULT_VSIX = join(PROJECT_ROOT, 'zenml-schedules.vsix');
export const EXAMPLES_WORKSPACE = join(PROJECT_ROOT, 'examples');

/** Settings every test run wants: no welcome page, no trust prompt, no noise. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.hover.delay': 300,
  'workbench.colorTheme': 'Default Dark Modern',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

export function freePort(host = '127.0.0.1') {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function requireCodeServer() {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_BIN}. Run: bash test/setup/20-code-server.sh (or npm run setup:test)`);
  }
}

/** Installs a .vsix the way users do: `code-server --install-extension`. */
function installVsix(vsix, dirs, env) {
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist. Run: npm run package`);
  const result = spawnSync(
    CODE_SERVER_BIN,
    ['--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir, '--config', dirs.configFile, '--install-extension', vsix, '--force'],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Starts code-server and resolves once it listens.
 * @param {object} options
 * @param {string} [options.workspace] folder to open (default: examples/)
 * @param {string|string[]|null} [options.vsix] packaged extension(s) to install (default: ./zenml-schedules.vsix; null: none)
 * @param {string[]} [options.extensionFolders] unpacked extension folders to copy into the extensions dir (only picked up when no .vsix is installed: VS Code then trusts extensions.json; prefer packaging)
 * @param {Record<string, unknown>} [options.settings] user settings added to BASE_SETTINGS (e.g. zenmlSchedules.orchestrator, zenmlSchedules.pythonPath)
 * @param {Record<string, string>} [options.env] extra environment for the server and its extension host (e.g. ZENML_CONFIG_PATH)
 * @param {number} [options.port] default: a free port
 * @param {string} [options.host] default 127.0.0.1
 * @param {string} [options.folderUri] open this folder URI instead (a virtual workspace's, e.g. zsvfs:/examples)
 * @param {boolean} [options.workspaceTrust] true: Workspace Trust is on and the folder opens untrusted (Restricted Mode, no prompt);
 *   default false: trust is disabled, so every folder is trusted
 * @param {boolean} [options.loginShellEnv] default true; false: the extension host keeps `env` as given (VS Code's server
 *   otherwise overlays the login shell's environment, whose profile resets PATH: a test's PATH entry would be lost)
 * @param {string} [options.logLevel] code-server/VS Code log level (default 'info'; 'trace' logs extension activation)
 * @param {number} [options.startTimeoutMs] default 90 s
 * @param {(line: string) => void} [options.onOutput] every line code-server prints
 */
export async function startCodeServer(options = {}) {
  requireCodeServer();
  const workspace = resolve(options.workspace ?? EXAMPLES_WORKSPACE);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const root = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'zs-code-server-'));
  const dirs = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
  };
  await mkdir(join(dirs.userDataDir, 'User'), { recursive: true });
  await mkdir(dirs.extensionsDir, { recursive: true });
  // An explicit config file keeps code-server away from ~/.config/code-server.
  await writeFile(dirs.configFile, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const trust = options.workspaceTrust
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false, 'security.workspace.trust.untrustedFiles': 'open' }
    : {};
  const settings = { ...BASE_SETTINGS, ...trust, ...(options.settings ?? {}) };
  await writeFile(join(dirs.userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));

  const env = { ...process.env, ZS_WORKSPACE_TRUSTED: options.workspaceTrust ? 'false' : 'true', ...(options.env ?? {}) };
  // Never let a developer's own VS Code session leak into the test server.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  // VS Code's server skips resolving the login shell's environment when VSCODE_CLI=1 (its only use there).
  if (options.loginShellEnv === false) env.VSCODE_CLI = '1';

  try {
    const vsixList = options.vsix === null ? [] : [options.vsix ?? DEFAULT_VSIX].flat();
    for (const vsix of vsixList) installVsix(resolve(vsix), dirs, env);
    for (const folder of options.extensionFolders ?? []) {
      await cp(folder, join(dirs.extensionsDir, folder.split('/').filter(Boolean).pop()), { recursive: true });
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const args = [
    '--config', dirs.configFile,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--extensions-dir', dirs.extensionsDir,
    '--user-data-dir', dirs.userDataDir,
    '--log', options.logLevel ?? 'info',
    workspace,
  ];
  const serverLog = join(root, 'code-server.log');
  const logStream = createWriteStream(serverLog);
  // detached: its own process group, so stop() ends the extension host and every helper with it.
  const child = spawn(CODE_SERVER_BIN, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // If the parent exits without stop() (Ctrl+C, an uncaught error), take code-server with it.
  const onParentExit = () => {
    killGroup('SIGKILL');
    if (!process.env.ZS_KEEP_CODE_SERVER_DATA) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', onParentExit);

  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  let output = '';
  const listening = new Promise((resolveListening, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not print "HTTP server listening" within ${(options.startTimeoutMs ?? 90_000) / 1000} s. Output:\n${output}`)),
      options.startTimeoutMs ?? 90_000,
    );
    const onData = (chunk) => {
      const text = chunk.toString();
      logStream.write(text);
      output += text;
      for (const line of text.split('\n')) if (line.trim()) options.onOutput?.(line);
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolveListening();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (code ${code}, signal ${signal}). Output:\n${output}`));
    });
  });

  let stopped = false;
  const stop = async ({ keepData = false } = {}) => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      killGroup('SIGKILL');
      await exited;
    }
    killGroup('SIGKILL'); // stragglers in the group (extension host, helpers)
    process.off('exit', onParentExit);
    logStream.end();
    if (!keepData && !process.env.ZS_KEEP_CODE_SERVER_DATA) await rm(root, { recursive: true, force: true }).catch(() => {});
  };

  try {
    await listening;
  } catch (error) {
    // Keep the data folders (logs) of a server that did not start, and say where they are.
    await stop({ keepData: true });
    error.message += `\n(code-server data and logs kept in ${root})`;
    throw error;
  }

  const url = `http://${host}:${port}/`;
  return {
    url,
    workspace,
    workspaceTrust: Boolean(options.workspaceTrust),
    // A .code-workspace file opens as a (multi-root) workspace, anything else as a folder.
    // options.folderUri: a folder on another file system (a virtual workspace, e.g. zsvfs:/ served by the test runner extension).
    workspaceUrl: options.folderUri
      ? `${url}?folder=${encodeURIComponent(options.folderUri)}`
      : `${url}?${workspace.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(workspace)}`,
    port,
    host,
    pid: child.pid,
    dirs,
    logsDir: join(dirs.userDataDir, 'logs'),
    serverLog,
    /** Resolves with { code, signal } when code-server exits (for whatever reason). */
    exited,
    output: () => output,
    stop,
  };
}

/** Every log file code-server wrote under its user-data-dir (extension host, server, output channels). */
export async function listLogFiles(logsDir) {
  const files = [];
  const walk = async (dir) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.log')) files.push(path);
    }
  };
  await walk(logsDir);
  return files;
}

/** The extension host's log files (remoteexthost.log and the extension output channels). */
export async function extensionHostLogs(logsDir) {
  const all = await listLogFiles(logsDir);
  return all.filter((file) => /exthost/i.test(file));
}

export async function fileSize(path) {
  return (await stat(path)).size;
}

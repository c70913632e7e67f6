// `npm run demo`: build and package the extension, start code-server on
// 127.0.0.1 with the .vsix installed and the examples workspace open, print the
// URL to open in a browser, and stop cleanly on Ctrl+C.
//
//   PORT=8765 (default)   the port to listen on
//   DEMO_WORKSPACE=<dir>  another folder to open (default examples/)
//   any zenmlSchedules.* setting can be tried in the workbench's Settings editor.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePackaged } from '../integration/package-vsix.mjs';
import { CODE_SERVER_BIN, EXAMPLES_WORKSPACE, PROJECT_ROOT, startCodeServer } from './code-server.mjs';

const port = Number(process.env.PORT ?? 8765);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number`);
  process.exit(2);
}

// A fresh clone has no code-server yet: the setup script installs it once into
// .tools/code-server (idempotent; a quick check when it is already there).
if (!existsSync(CODE_SERVER_BIN)) {
  console.log('code-server is not installed yet: installing it into .tools/code-server (first time only, takes a minute or two)…');
}
const setup = spawnSync('bash', [join(PROJECT_ROOT, 'test/setup/20-code-server.sh')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
if (setup.status !== 0) {
  console.error('Installing code-server failed (see the messages above); fix that, then run npm run demo again.');
  process.exit(1);
}

let vsix;
try {
  // The demo always shows the current sources: package unconditionally.
  vsix = ensurePackaged({ force: true });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

let server;
try {
  server = await startCodeServer({ vsix, port, workspace: process.env.DEMO_WORKSPACE ?? EXAMPLES_WORKSPACE });
} catch (error) {
  console.error(error.message);
  if (/EADDRINUSE|address already in use/i.test(error.message)) console.error(`Port ${port} is taken: run with PORT=<another port> npm run demo`);
  process.exit(1);
}

console.log(`
ZenML Schedules is running in VS Code (code-server) with the examples workspace.

  Open: ${server.workspaceUrl}

Try: hover "0 3 * * *" in pipelines/training.py, open pipelines/mistakes.py for
diagnostics, the ZenML Schedules icon in the activity bar, and F1 → "ZenML
Schedules: Explain Cron Expression". Press Ctrl+C to stop.
`);

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping code-server…`);
  await server.stop();
  console.log('stopped');
  process.exit(0);
};
server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`code-server stopped on its own (code ${code}, signal ${signal}); its log: ${server.serverLog}`);
  process.exit(1);
});
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Keep running until a signal arrives.
setInterval(() => {}, 1 << 30);

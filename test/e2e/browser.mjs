// Debian's Chromium driven by playwright-core (no browser download), pointed at
// a code-server started by ./code-server.mjs. Shared by the browser tests, the
// integration harness (the extension host starts only when a window connects)
// and anyone else who needs a workbench.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Opens the workbench of `server` in a fresh headless Chromium page and waits until it is ready.
 * @returns {Promise<{browser, context, page, consoleLines: string[], close: () => Promise<void>}>}
 */
export async function openWorkbench(server, { viewport = { width: 1400, height: 900 }, timeoutMs = 120_000, headless = true } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium: apt-get install chromium (or bash test/setup/10-chromium.sh)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless });
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
  await page.goto(server.workspaceUrl, { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  // The Explorer shows the folder once the remote connection is up.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
  const close = async () => {
    await browser.close().catch(() => {});
  };
  return { browser, context, page, consoleLines, close };
}

/**
 * Answers VS Code's "Do you want Code to open the external website?" prompt with
 * Cancel whenever it appears, so that commands calling openExternal return and no
 * real site is contacted. Returns a function that stops watching.
 */
export function cancelExternalLinkPrompts(page, log = () => {}) {
  let running = true;
  const loop = async () => {
    while (running && !page.isClosed()) {
      try {
        const dialog = page.locator('.monaco-dialog-box').filter({ hasText: /external website/i });
        if (await dialog.count()) {
          log(`cancelled the external-link prompt: ${(await dialog.first().innerText()).split('\n')[0]}`);
          await dialog.first().getByRole('button', { name: 'Cancel' }).click({ timeout: 5000 });
        }
      } catch {
        // the page is busy or closing: try again
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  void loop();
  return () => {
    running = false;
  };
}

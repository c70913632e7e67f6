// What a user does in the VS Code workbench, as Playwright steps: open a file
// from the Explorer, run a palette command, hover a token, read the status bar.
// Every wait is on a condition, with generous limits (2 shared cores).

export const WAIT_MS = 30_000;

async function until(what, probe, timeoutMs = WAIT_MS, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last.message})` : ''}`);
}
export { until };

/** Clicks through the Explorer: folders are expanded, the file is opened. */
export async function openFromExplorer(page, relativePath) {
  const parts = relativePath.split('/');
  const explorer = page.locator('.explorer-folders-view');
  if (!(await explorer.isVisible())) await runCommand(page, 'View: Show Explorer');
  for (const [index, name] of parts.entries()) {
    const row = explorer.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
    await row.first().waitFor({ state: 'visible', timeout: WAIT_MS });
    const isFolder = index < parts.length - 1;
    if (isFolder) {
      if ((await row.first().getAttribute('aria-expanded')) !== 'true') await row.first().click();
    } else {
      await row.first().click();
    }
  }
  // The editor tab for the file is active and its text is rendered.
  const fileName = parts[parts.length - 1];
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ timeout: WAIT_MS });
  await page.locator('.monaco-editor .view-lines .view-line').first().waitFor({ timeout: WAIT_MS });
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a command from the palette by its full title, e.g. "ZenML Schedules: Explain Cron Expression". */
export async function runCommand(page, title) {
  // The palette lists the commands known when it opens: an extension's contributions can arrive
  // after the window (its localized manifest is read on the server), so reopen it if needed.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: attempt < 3 ? WAIT_MS / 3 : WAIT_MS });
    } catch (error) {
      if (attempt < 3) continue;
      throw error;
    }
    await row.click();
    return;
  }
}

/** The span of the editor line that shows `text` (a token such as a cron string). */
export function tokenLocator(page, text) {
  return page.locator('.monaco-editor .view-lines .view-line span span', { hasText: text }).first();
}

/**
 * Moves the mouse onto `target` (a token's text, or a Playwright locator) in the editor
 * and returns the hover's text once it matches `expect`. Retries by moving away and
 * back (hovers can miss on a busy machine).
 */
export async function hoverToken(page, target, expect, { attempts = 6, timeoutMs = 8_000 } = {}) {
  const text = typeof target === 'string' ? target : String(target);
  const token = typeof target === 'string' ? tokenLocator(page, target) : target;
  await token.waitFor({ state: 'visible', timeout: WAIT_MS });
  // Only a hover on screen counts: an earlier one may linger hidden in the DOM.
  const hover = page.locator('.monaco-hover-content:visible');
  let lastText = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    // The editor may still be re-rendering its lines: wait for the token to settle.
    const box = await token.boundingBox({ timeout: 5_000 }).catch(() => null);
    if (!box) {
      await page.waitForTimeout(500);
      continue;
    }
    await page.mouse.move(5, 5);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await hover.count()) {
        lastText = (await hover.allInnerTexts()).join('\n');
        if (expect.test(lastText)) return lastText;
      }
      await page.waitForTimeout(250);
    }
  }
  throw new Error(`No hover matching ${expect} over "${text}" after ${attempts} attempts; last hover text: ${lastText || '(none)'}`);
}

/** Errors/warnings counts from the Problems item of the status bar. */
export async function problemCounts(page) {
  const item = page.locator('#status\\.problems');
  await item.waitFor({ state: 'visible', timeout: WAIT_MS });
  const label = `${(await item.getAttribute('aria-label')) ?? ''} ${await item.innerText()}`;
  const count = (word) => Number(label.match(new RegExp(`${word}s?:?\\s*(\\d+)`, 'i'))?.[1] ?? 0);
  const numbers = (await item.innerText()).match(/\d+/g)?.map(Number) ?? [];
  return { errors: count('error') || numbers[0] || 0, warnings: count('warning') || numbers[1] || 0, label: label.trim() };
}

/** Closes editors, pickers and the panel, so the next test starts from a clean window. */
export async function resetWorkbench(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors').catch(() => {});
  await page.keyboard.press('Escape');
}

// Localization: the editor's own strings (src/vscode) go through vscode.l10n.t and are all in the
// bundle media/l10n/bundle.l10n.json (the folder the manifest's `l10n` field names), exported by
// @vscode/l10n-dev with `npm run l10n`; every user-facing string of the manifest is a %key% of
// package.nls.json. The engine's messages (src/findings, src/cron, ...) stay English.
// Each failure says how to fix it, so whoever adds a command or a message can follow.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');
const FIX_BUNDLE = 'run `npm run l10n` (vscode-l10n-dev export) and commit media/l10n/bundle.l10n.json';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const bundleFolder = join(ROOT, manifest.l10n as string);
const bundle = JSON.parse(readFileSync(join(bundleFolder, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
const isKey = (s: string) => /^%[^%\s]+%$/.test(s);

/** Every `l10n.t(` call in a file, with its line and what follows the parenthesis. */
function calls(file: string): { line: number; rest: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bl10n\.t\(\s*/g)].map((m) => ({
    line: text.slice(0, m.index).split('\n').length,
    rest: text.slice(m.index + m[0].length, m.index + m[0].length + 60),
  }));
}

describe('l10n: the editor strings bundle', () => {
  it('the manifest names a bundle folder inside media/ (the designed top level)', () => {
    assert.equal(typeof manifest.l10n, 'string');
    assert.match(relative(ROOT, bundleFolder), /^media[\\/]/);
  });

  it('media/l10n/bundle.l10n.json is exactly what `npm run l10n` exports from src', async () => {
    const files = sourceFiles(SRC).map((f) => ({ contents: readFileSync(f, 'utf8'), extension: '.ts' }));
    const exported = await getL10nJson(files).catch((error: unknown) => {
      throw new Error(`vscode-l10n-dev could not read a vscode.l10n.t call: ${String(error)} (then ${FIX_BUNDLE})`);
    });
    const expected = Object.keys(exported);
    assert.ok(expected.length > 150, `only ${expected.length} strings found: are the editor's strings wrapped in vscode.l10n.t?`);
    const missing = expected.filter((k) => !(k in bundle));
    const stale = Object.keys(bundle).filter((k) => !(k in exported));
    assert.deepEqual(missing, [], `bundle.l10n.json lacks ${missing.length} vscode.l10n.t string(s): ${FIX_BUNDLE}`);
    assert.deepEqual(stale, [], `bundle.l10n.json has ${stale.length} string(s) no code uses: ${FIX_BUNDLE}`);
    for (const k of expected) assert.equal(bundle[k], typeof exported[k] === 'string' ? exported[k] : exported[k].message, `${k}: ${FIX_BUNDLE}`);
  });

  it('every vscode.l10n.t call starts with a string literal (the exporter cannot see a template or a variable)', () => {
    const bad: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const call of calls(file)) if (!/^['"]/.test(call.rest)) bad.push(`${relative(ROOT, file)}:${call.line}: l10n.t(${call.rest.split('\n')[0]}`);
    }
    assert.deepEqual(bad, [], "write vscode.l10n.t('Deleted {0}.', name), not a template literal or a variable, then run `npm run l10n`");
  });

  it('only the editor face localizes: the engine (src/findings, src/cron, ...) stays English', () => {
    const outside = sourceFiles(SRC)
      .filter((f) => calls(f).length && !relative(SRC, f).startsWith(`vscode`) && relative(SRC, f) !== 'extension.ts')
      .map((f) => relative(ROOT, f));
    assert.deepEqual(outside, []);
  });

  it("no literal English in src/vscode's messages, titles, placeholders, prompts and tooltips", () => {
    // A string literal (or a template starting with a word) right where the user reads it.
    const literal = String.raw`(?:'[A-Za-z(]|"[A-Za-z(]|\`[A-Za-z(])`;
    const patterns = [
      new RegExp(String.raw`show(?:Information|Warning|Error)Message\(\s*${literal}`),
      new RegExp(String.raw`setStatusBarMessage\(\s*${literal}`),
      new RegExp(String.raw`\b(?:title|placeHolder|placeholder|prompt|tooltip|validationMessage)\s*[:=]\s*${literal}`),
      new RegExp(String.raw`new vscode\.TreeItem\(\s*${literal}`),
    ];
    const bad: string[] = [];
    for (const file of sourceFiles(join(SRC, 'vscode'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          if (patterns.some((p) => p.test(line))) bad.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(bad, [], "wrap these in vscode.l10n.t('…') (placeholders {0}, {1} for values), then run `npm run l10n`");
  });
});

describe('l10n: the manifest (package.json → package.nls.json)', () => {
  /** Fields whose string values a user reads (VS Code replaces a %key% anywhere in the manifest). */
  const USER_FIELDS = new Set([
    'title', 'shortTitle', 'category', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions',
    'deprecationMessage', 'markdownDeprecationMessage', 'contextualTitle', 'contents', 'altText', 'label', 'errorMessage',
  ]);

  function literals(value: unknown, path: string[], out: string[]): string[] {
    if (Array.isArray(value)) value.forEach((v, i) => literals(v, [...path, String(i)], out));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        // A view's name is shown; `name` elsewhere (a JSON schema property) is not a string.
        const shown = USER_FIELDS.has(k) || (k === 'name' && path.includes('views'));
        if (shown && typeof v === 'string' && !isKey(v)) out.push(`${[...path, k].join('.')}: ${JSON.stringify(v.slice(0, 60))}`);
        else if (shown && Array.isArray(v) && v.every((s) => typeof s === 'string')) {
          v.forEach((s: string, i) => !isKey(s) && out.push(`${[...path, k, String(i)].join('.')}: ${JSON.stringify(s.slice(0, 60))}`));
        } else literals(v, [...path, k], out);
      }
    }
    return out;
  }

  it('every user-facing string of the manifest is a %key% (command titles, settings, views, walkthrough, capabilities)', () => {
    const found = literals({ displayName: manifest.displayName, description: manifest.description, capabilities: manifest.capabilities, contributes: manifest.contributes }, [], []);
    assert.deepEqual(found, [], 'put each text in package.nls.json under a key and write "%key%" in package.json (e.g. "title": "%command.pauseSchedule%")');
  });

  it('every %key% is in package.nls.json, and every key there is used', () => {
    const used = [...JSON.stringify(manifest).matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 80, `only ${used.length} keys`);
    const missing = [...new Set(used.filter((k) => typeof nls[k] !== 'string' || !nls[k].trim()))];
    assert.deepEqual(missing, [], 'add these keys with their English text to package.nls.json');
    const unused = Object.keys(nls).filter((k) => !used.includes(k));
    assert.deepEqual(unused, [], 'remove these keys from package.nls.json, or use them in package.json');
  });

  it('every command has a title and a category, from package.nls.json', () => {
    for (const command of manifest.contributes.commands) {
      assert.ok(isKey(command.title) && nls[command.title.slice(1, -1)], `${command.command}: title`);
      assert.equal(command.category, '%category%', `${command.command}: category`);
    }
  });
});

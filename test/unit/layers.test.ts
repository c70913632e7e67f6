// Import directions between the folders of src/ (src/README.md): a module may import only
// from the layers listed for its folder, and only the editor face imports `vscode`.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const SRC = resolve(__dirname, '../../src');

const ALLOWED: Record<string, readonly string[]> = {
  common: [],
  cron: ['common'],
  discovery: ['common'],
  findings: ['common', 'cron', 'discovery'],
  zenml: ['common', 'cron'],
  adapters: ['common', 'cron', 'zenml'],
  workspace: ['common', 'cron', 'discovery', 'findings', 'zenml', 'adapters'],
  cli: ['common', 'cron', 'discovery', 'findings', 'zenml', 'adapters', 'workspace'],
  vscode: ['common', 'cron', 'discovery', 'findings', 'zenml', 'adapters', 'workspace', 'cli'],
};
const MAY_IMPORT_VSCODE = new Set(['vscode', '.']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|mts)$/.test(name) ? [full] : [];
  });
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const p of patterns) for (const m of text.matchAll(p)) found.push(m[1]);
  return found;
}

function layerOf(file: string): string {
  // A folder's index (`../discovery`) is that folder; a file at the top (extension.ts) is '.'.
  const first = relative(SRC, file).split('/')[0];
  return first in ALLOWED ? first : '.';
}

describe('layers: import directions in src/', () => {
  const files = sourceFiles(SRC);

  it('finds the source files and every folder has a rule', () => {
    assert.ok(files.length > 50, `only ${files.length} files`);
    for (const file of files) {
      const layer = layerOf(file);
      const first = relative(SRC, file).split('/')[0];
      assert.ok(layer !== '.' || !first.includes('/') && /\.m?ts$/.test(first), `src/${first}/ has no rule in test/unit/layers.test.ts and src/README.md`);
    }
  });

  it('each module imports only from the layers below it, and only the editor imports vscode', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec === 'vscode') {
          if (!MAY_IMPORT_VSCODE.has(layer)) violations.push(`${relative(SRC, file)} imports vscode`);
          continue;
        }
        if (!spec.startsWith('.')) continue;
        const resolved = resolve(dirname(file), spec);
        if (relative(SRC, resolved).startsWith('..')) continue; // package.json and other files outside src/
        const target = layerOf(resolved);
        if (target === layer || layer === '.') continue;
        if (!ALLOWED[layer]?.includes(target)) violations.push(`${relative(SRC, file)} imports ${spec} (${layer} → ${target})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('the check can fail: an upward import is caught', () => {
    const specs = importsOf("import type { Finding } from '../findings/types';\nexport { x } from './y';\nconst m = await import('vscode');");
    assert.deepEqual(specs.sort(), ['../findings/types', './y', 'vscode']);
    assert.ok(!ALLOWED.cron.includes(layerOf(join(SRC, 'findings', 'types.ts'))));
  });
});

describe('advice is worded by the faces', () => {
  // Errors are values; what the user can do is worded by cli/ (a flag) and vscode/ (a setting, a button).
  // A sentence below the faces telling the user to set an editor setting or trust the workspace would be
  // wrong on the command line (issue 10 §0).
  const EDITOR_ADVICE = /\b(?:[Ss]et|[Rr]aise|[Cc]hange) `?zenmlSchedules\.|\bTrust the workspace\b|\bSelect an interpreter\b/;
  const stringsOf = (text: string) => [...text.matchAll(/(['"`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) => m[2]);

  it('no module below cli/ and vscode/ puts editor advice in its messages', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const layer = layerOf(file);
      if (layer === 'cli' || layer === 'vscode' || layer === '.') continue;
      const text = readFileSync(file, 'utf8');
      for (const s of stringsOf(text)) if (EDITOR_ADVICE.test(s)) offenders.push(`${relative(SRC, file)}: ${s.slice(0, 90)}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('the check can fail', () => {
    assert.ok(stringsOf("return 'Orchestrator unknown. Set `zenmlSchedules.orchestrator` to check.';").some((s) => EDITOR_ADVICE.test(s)));
  });
});

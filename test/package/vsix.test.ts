// The Marketplace package: `vsce package` without a warning, `vsce ls` listing only what the
// extension needs, the manifest's Marketplace fields, and a README whose images work on the
// Marketplace (vsce makes relative paths absolute from `repository`; each must be a PNG/JPG/GIF
// file that exists at that path in this repository).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ok, ROOT, tempDir } from './helpers';

const VSCE = path.join(ROOT, 'node_modules', '.bin', 'vsce');

/** What belongs in the .vsix: the bundle, the ZenML helper, the manifest's documents and pictures. */
const EXPECTED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/core.js',
  'dist/kubernetes-client.js',
  'dist/extension.js',
  'dist/helper.py',
  'media/activity.svg',
  'media/icon.png',
  'media/l10n/bundle.l10n.json',
  'media/walkthrough/connect.svg',
  'media/walkthrough/hover.svg',
  'media/walkthrough/quick-fix.svg',
  'media/walkthrough/schedules-view.svg',
  'package.json',
  'package.nls.json',
];

// A .vsix is a zip: read with Python's zipfile (python3 is on every test machine; unzip may not be).
const ZIP = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nif len(sys.argv) > 2: sys.stdout.buffer.write(z.read(sys.argv[2]))\nelse: print("\\n".join(z.namelist()))';

function unzip(vsix: string, entry: string): Buffer {
  const r = spawnSync('python3', ['-c', ZIP, vsix, entry]);
  assert.equal(r.status, 0, `reading ${entry}: ${r.stderr}`);
  return r.stdout;
}

describe('vsce: the Marketplace package', () => {
  let base: string;
  let vsix: string;
  let packOutput: string;
  let entries: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON manifest, read field by field
  let manifest: Record<string, any>;

  before(
    () => {
      base = tempDir('zs-vsix-');
      vsix = path.join(base, 'zenml-schedules.vsix');
      // stdin closed: a question from vsce (a missing LICENSE, ...) fails instead of waiting.
      const r = ok(VSCE, ['package', '--no-dependencies', '-o', vsix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
      packOutput = r.out + r.err;
      entries = ok('python3', ['-c', ZIP, vsix]).out.split('\n').filter(Boolean);
      manifest = JSON.parse(unzip(vsix, 'extension/package.json').toString('utf8'));
    },
    { timeout: 320_000 },
  );

  after(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });

  it('vsce package prints no warning', () => {
    assert.match(packOutput, /DONE\s+Packaged/);
    assert.doesNotMatch(packOutput, /WARNING|WARN\b/i, packOutput);
  });

  it('vsce ls lists only what belongs, and the .vsix holds exactly that', () => {
    const listed = ok(VSCE, ['ls', '--no-dependencies'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
      .out.split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.deepEqual([...listed].sort(), [...EXPECTED].sort());
    // In the .vsix vsce renames the documents (readme.md, LICENSE.txt) and adds its manifests.
    const inside = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    const renamed = EXPECTED.map((f) => ({ 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' })[f] ?? f);
    assert.deepEqual(inside.sort(), renamed.sort());
    for (const entry of entries) assert.doesNotMatch(entry, /\.map$|\/src\/|\/test\/|node_modules|\.ts$|cli\.js$/, entry);
  });

  it('the manifest has the Marketplace fields', () => {
    assert.equal(manifest.publisher, 'zenml-schedules');
    assert.equal(manifest.name, 'zenml-schedules');
    assert.ok(manifest.displayName && manifest.description);
    assert.equal(manifest.license, 'MIT');
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/zenml-schedules\/zenml-schedules(\.git)?$/);
    assert.match(manifest.bugs.url, /^https:\/\/.+\/issues$/);
    assert.match(manifest.homepage, /^https:\/\//);
    assert.match(manifest.qna, /^https:\/\//);
    assert.match(manifest.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    const marketplaceCategories = [
      'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs',
      'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other',
    ];
    assert.ok(manifest.categories.length > 0);
    for (const c of manifest.categories) assert.ok(marketplaceCategories.includes(c), `unknown category ${c}`);
    assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    assert.ok(manifest.keywords.includes('zenml'));
    // The icon: a PNG (the Marketplace refuses SVG icons) of at least 128×128, inside the package.
    assert.match(manifest.icon, /\.png$/);
    const icon = unzip(vsix, `extension/${manifest.icon}`);
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'icon at least 128x128');
    // Remote development: it runs where the code is (Python, the files); virtual workspaces limited, said why.
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    // vsce refuses a @types/vscode newer than the engine: pinned to the minimum.
    const devTypes = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies['@types/vscode'];
    assert.equal(`^${devTypes}`, manifest.engines.vscode);
  });

  it('every %key% of the manifest is in package.nls.json; the l10n bundle folder is shipped; walkthrough pictures too', () => {
    const nls = JSON.parse(unzip(vsix, 'extension/package.nls.json').toString('utf8')) as Record<string, string>;
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20, 'the manifest strings are keys');
    for (const key of keys) assert.ok(typeof nls[key] === 'string' && nls[key].length > 0, `${key} is not in package.nls.json`);
    for (const key of Object.keys(nls)) assert.ok(keys.includes(key), `${key} in package.nls.json is not used`);
    assert.equal(manifest.l10n, './media/l10n');
    const bundle = JSON.parse(unzip(vsix, 'extension/media/l10n/bundle.l10n.json').toString('utf8')) as Record<string, string>;
    // The shipped bundle is the repository's (test/unit/l10n.test.ts checks that one against every vscode.l10n.t call).
    assert.deepEqual(bundle, JSON.parse(readFileSync(path.join(ROOT, 'media', 'l10n', 'bundle.l10n.json'), 'utf8')));
    assert.ok(Object.keys(bundle).length > 150);
    for (const step of manifest.contributes.walkthroughs[0].steps) assert.ok(entries.includes(`extension/${step.media.image}`), step.media.image);
  });

  it("the README's images work on the Marketplace: absolute https, no SVG, present in the repository", () => {
    const readme = unzip(vsix, 'extension/readme.md').toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), ...readme.matchAll(/<img[^>]+src="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(images.length >= 2, 'the README shows screenshots');
    const raw = /^https:\/\/github\.com\/zenml-schedules\/zenml-schedules\/raw\/HEAD\/(.+)$/;
    for (const image of images) {
      assert.match(image, /^https:\/\//, `${image} is not absolute https`);
      assert.doesNotMatch(image, /\.svg(\?|$)/i, `${image}: the Marketplace refuses SVG images`);
      const local = raw.exec(image)?.[1];
      assert.ok(local, `${image} is not a file of this repository`);
      assert.ok(existsSync(path.join(ROOT, decodeURIComponent(local))), `${local} does not exist`);
    }
    // The CHANGELOG travels with it (the Marketplace's Changelog tab).
    assert.ok(entries.includes('extension/changelog.md'));
  });
});

// What the manifest tells VS Code (and the user, in the Extensions view) about the places where the
// extension runs limited: a virtual workspace (no files on disk, so no Python) and an untrusted folder.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const text = (value: string) => (/^%[^%\s]+%$/.test(value) ? nls[value.slice(1, -1)] : value);

describe('manifest: limited capabilities, said why', () => {
  it('virtual workspaces: supported "limited", with a description that says no Python runs and what still works', () => {
    const virtual = manifest.capabilities.virtualWorkspaces;
    assert.equal(virtual.supported, 'limited');
    const description = text(virtual.description);
    assert.ok(description, 'the description is in package.nls.json');
    assert.match(description, /virtual workspace/i);
    assert.match(description, /runs no Python/);
    assert.match(description, /active stack/, 'says what it cannot do: ask ZenML for the stack');
    assert.match(description, /zenmlSchedules\.orchestrator/, 'says what to do instead');
    assert.match(description, /live connections/, 'says the live connections still work');
    // Every setting it names exists.
    for (const [, setting] of description.matchAll(/(zenmlSchedules\.\w+)/g)) assert.ok(manifest.contributes.configuration.properties[setting], setting);
  });

  it('untrusted workspaces: limited, the Python and URL settings restricted', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.match(text(untrusted.description), /runs no Python/);
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['zenmlSchedules.connections', 'zenmlSchedules.pythonPath']);
  });

  it('runs where the code is (remote development): extensionKind workspace', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });
});

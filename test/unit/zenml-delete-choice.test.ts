// What the delete confirmation offers and names (src/workspace/liveState.ts deleteChoice, worded by the
// editor's modal): the CronJob ZenML stored for the schedule, and archive only where the server has one
// (ZenML ≥ 0.93.1); on an older server the only choice is the purge.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { deleteChoice } from '../../src/workspace/liveState';
import { fakeZenml } from './zenml-fake-fetch';

const ID = '77777777-7777-7777-7777-777777777777';

async function listedOn(version: string) {
  const fake = fakeZenml({
    records: [{ id: ID, name: 'nightly', orchestratorId: 'o-k8s', cronJobName: 'nightly-abc' }],
    components: [{ id: 'o-k8s', name: 'k8s', flavor: 'kubernetes' }],
    info: { version, auth_scheme: 'OAUTH2_PASSWORD_BEARER' },
  });
  const adapter = new ZenmlServerAdapter({ name: 'zen', url: 'http://zen.test', fetch: fake.fetch });
  const page = await adapter.list();
  assert.ok(page.ok);
  const got = await adapter.get(ID);
  assert.ok(got.ok);
  return { listed: page.value.items[0], got: got.value };
}

describe('delete: what the confirmation offers', () => {
  it('a current server: archive (the default) or purge, naming the CronJob that goes too', async () => {
    const { listed, got } = await listedOn('0.98.0');
    assert.deepEqual(deleteChoice(listed), { archive: true, nativeName: 'nightly-abc' });
    assert.deepEqual(deleteChoice(got), { archive: true, nativeName: 'nightly-abc' });
  });

  it('a server older than 0.93.1 (no archive): purge only, on a plain list and on a get', async () => {
    const { listed, got } = await listedOn('0.92.0');
    assert.equal(listed.changes?.deleteArchives, false);
    assert.deepEqual(deleteChoice(listed), { archive: false, nativeName: 'nightly-abc' });
    assert.deepEqual(deleteChoice(got), { archive: false, nativeName: 'nightly-abc' });
  });

  it('a source that says nothing: archive offered as before, no name', () => {
    assert.deepEqual(deleteChoice({ details: {}, changes: undefined }), { archive: true, nativeName: null });
  });
});

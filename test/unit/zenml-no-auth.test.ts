// A ZenML server without authentication (`zenml login --local`, ZENML_SERVER_AUTH_SCHEME=NO_AUTH):
// changes through ZenML's client run with ZENML_STORE_URL alone when the server's /info says NO_AUTH,
// instead of being refused for lack of a key. A server with authentication still needs one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScheduleChange, ZenmlClientBridge, ZenmlServerTarget } from '../../src/adapters/zenmlClientBridge';
import { pythonClientBridge } from '../../src/adapters/zenmlClientBridge';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import { fakeZenml, type FakeRecord } from './zenml-fake-fetch';

const ID = '66666666-6666-6666-6666-666666666666';

function setup(authScheme: string) {
  const record: FakeRecord = { id: ID, name: 'k8s-nightly', active: true, orchestratorId: 'o-k8s', cronJobName: 'nightly-abc' };
  const fake = fakeZenml({ records: [record], components: [{ id: 'o-k8s', name: 'k8s', flavor: 'kubernetes' }], info: { version: '0.98.0', auth_scheme: authScheme } });
  const targets: ZenmlServerTarget[] = [];
  // Stands in for ZenML's client: records what it was pointed at, and changes the record as the client would.
  const bridge: ZenmlClientBridge = {
    async change(target: ZenmlServerTarget, _id: string, change: ScheduleChange) {
      targets.push(target);
      record.active = change.action !== 'pause';
      return { ok: true, value: { changed: [{ where: 'CronJob nightly-abc', what: 'suspended' }], unchanged: [] } };
    },
  };
  const adapter = new ZenmlServerAdapter({ name: 'local', url: 'http://127.0.0.1:8237', fetch: fake.fetch, clientBridge: bridge });
  return { adapter, targets };
}

describe('a server without authentication', () => {
  it('NO_AUTH: the client is pointed at the URL alone, marked noAuth, and the pause is read back', async () => {
    const { adapter, targets } = setup('NO_AUTH');
    const done = await adapter.pause(ID);
    assert.ok(done.ok, done.ok ? '' : done.error.message);
    assert.deepEqual(targets, [{ url: 'http://127.0.0.1:8237', source: 'local', noAuth: true }]);
    assert.deepEqual(done.value.unchanged, []);
    assert.equal(done.value.after?.state, 'paused');
  });

  it('a server with authentication and no key: not marked noAuth (the bridge then refuses)', async () => {
    const { adapter, targets } = setup('OAUTH2_PASSWORD_BEARER');
    await adapter.pause(ID);
    assert.equal(targets[0].noAuth, undefined);
  });

  it('the Python bridge refuses a keyless target unless it is marked noAuth (then it runs the helper)', async () => {
    const bridge = pythonClientBridge('/nonexistent/python-for-test');
    const refused = await bridge.change({ url: 'http://127.0.0.1:8237', source: 'local' }, ID, { action: 'pause' });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'unauthorized');
    const ran = await bridge.change({ url: 'http://127.0.0.1:8237', source: 'local', noAuth: true }, ID, { action: 'pause' });
    assert.ok(!ran.ok, 'no such interpreter');
    assert.notEqual(ran.error.code, 'unauthorized');
    assert.match(ran.error.message, /python-for-test/);
  });
});

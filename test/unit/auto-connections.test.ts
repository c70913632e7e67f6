// The connections the editor adds by itself (src/workspace/connectionSettings.ts, used by the live
// connections sync in src/vscode/liveConnections.ts): ZenML's own environment variables in the
// editor's environment, as the CLI reads them, else the server `zenml login` connected to.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENV_CONNECTION, LOGIN_CONNECTION, automaticZenmlConnections, type ConnectionConfig } from '../../src/workspace/connectionSettings';

const login = { url: 'https://login.example.com', apiKey: 'ZENKEY_login' };
const noLogin = () => null;

describe('automatic ZenML connections', () => {
  it('ZENML_STORE_URL + ZENML_STORE_API_KEY give a connection with that key (and win over zenml login, as in ZenML)', () => {
    const env = { ZENML_STORE_URL: ' http://127.0.0.1:8237 ', ZENML_STORE_API_KEY: 'ZENKEY_env' };
    assert.deepEqual(automaticZenmlConnections([], env, () => login), [
      { connection: { name: ENV_CONNECTION, type: 'zenml', url: 'http://127.0.0.1:8237' }, credentials: { apiKey: 'ZENKEY_env' }, from: 'environment' },
    ]);
    // A token (ZENML_STORE_API_TOKEN) when there is no key; neither: a connection without credentials (a no-auth server).
    assert.deepEqual(automaticZenmlConnections([], { ZENML_STORE_URL: 'https://z.example.com', ZENML_STORE_API_TOKEN: 't' }, noLogin)[0].credentials, { accessToken: 't' });
    assert.deepEqual(automaticZenmlConnections([], { ZENML_STORE_URL: 'https://z.example.com' }, noLogin)[0].credentials, {});
  });

  it('not twice: a configured connection to the same server (or with the same name) wins', () => {
    const env = { ZENML_STORE_URL: 'http://127.0.0.1:8237/', ZENML_STORE_API_KEY: 'k' };
    const same: ConnectionConfig[] = [{ name: 'mine', type: 'zenml', url: 'HTTP://127.0.0.1:8237' }];
    assert.deepEqual(automaticZenmlConnections(same, env, () => login), []);
    const named: ConnectionConfig[] = [{ name: ENV_CONNECTION, type: 'airflow', url: 'http://af' }];
    assert.deepEqual(automaticZenmlConnections(named, env, () => login), []);
  });

  it('a store URL that is not a server (a local SQL store) leaves the zenml login connection; nothing at all when told to ignore', () => {
    const got = automaticZenmlConnections([], { ZENML_STORE_URL: 'sqlite:////tmp/zenml.db', ZENML_STORE_API_KEY: 'k' }, () => login);
    assert.deepEqual(got, [{ connection: { name: LOGIN_CONNECTION, type: 'zenml', url: login.url }, credentials: { apiKey: 'ZENKEY_login', accessToken: undefined }, from: 'zenml-login' }]);
    assert.deepEqual(automaticZenmlConnections([], { ZENML_STORE_URL: 'http://x', ZENML_SCHEDULES_IGNORE_ZENML_LOGIN: '1' }, () => login), []);
    assert.deepEqual(automaticZenmlConnections([], {}, noLogin), []);
  });
});

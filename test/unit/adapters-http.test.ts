// Shared HTTP and the ZenML adapter's error mapping against a loopback server that answers
// with each fault (refused, 401, 403, 404, 409, 422, 500 with and without a JSON body,
// malformed JSON, a response that never ends, a huge page): nothing hangs, nothing throws,
// the message says what happened.

import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { collectPages, errorDetail, httpRequest, joinUrl } from '../../src/adapters/http';
import { ZenmlServerAdapter } from '../../src/adapters/zenmlServer';
import type { Result } from '../../src/adapters/types';

const ctx = { source: 'test', serverLabel: 'The test server' };

let server: http.Server;
let base = '';
const hung: http.ServerResponse[] = [];
let loginCount = 0;
let tokenGeneration = 1;

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    switch (url.pathname) {
      case '/ok':
        return send(200, '{"a":1}');
      case '/empty':
        return send(204, '');
      case '/401':
        return send(401, '{"detail":["CredentialsNotValid","Authentication error: error decoding API key"]}');
      case '/403':
        return send(403, '{"detail":["IllegalOperationError","Archived schedules can not be updated."]}');
      case '/404':
        return send(404, '{"detail":["KeyError","Unable to get schedule"]}');
      case '/409':
        return send(409, '{"detail":["EntityExistsError","A schedule named x exists"]}');
      case '/422':
        return send(422, '{"detail":[{"loc":["query","soft"],"msg":"Field required","type":"missing"}]}');
      case '/500-json':
        return send(500, '{"detail":"database is locked"}');
      case '/500-text':
        return send(500, 'Internal Server Error', 'text/plain');
      case '/malformed':
        return send(200, '{"items": [1, 2', 'application/json');
      case '/html':
        return send(200, '<html>login page</html>', 'text/html');
      case '/hang':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"items": [');
        hung.push(res);
        return;
      case '/huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = JSON.stringify({ x: 'y'.repeat(1000) });
        let sent = 0;
        const pump = () => {
          while (sent < 5000) {
            sent++;
            if (!res.write(chunk + ',')) return res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      // A tiny ZenML-shaped server for the adapter's login flow.
      case '/api/v1/login': {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          loginCount++;
          const form = new URLSearchParams(body);
          if (form.get('password') === 'ZENKEY_good') send(200, JSON.stringify({ access_token: `token-${tokenGeneration}`, token_type: 'bearer' }));
          else send(401, '{"detail":["CredentialsNotValid","Authentication error: error decoding API key"]}');
        });
        return;
      }
      case '/api/v1/info':
      case '/api/v1/schedules': {
        if (req.headers.authorization !== `Bearer token-${tokenGeneration}`) return send(401, '{"detail":"Not authenticated"}');
        if (url.pathname === '/api/v1/info') return send(200, '{"version":"0.98.0"}');
        return send(200, JSON.stringify({ index: 1, max_size: 20, total_pages: 1, total: 0, items: [] }));
      }
      default:
        return send(404, '{"detail":"Not Found"}');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const r of hung) r.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (path: string, extra: { timeoutMs?: number; signal?: AbortSignal; maxBytes?: number } = {}) => httpRequest(ctx, { url: joinUrl(base, path), ...extra });

function err<T>(r: Result<T>) {
  assert.ok(!r.ok, 'expected an error');
  return r.error;
}

describe('shared HTTP: every fault becomes a typed error value', () => {
  it('parses JSON on success and an empty body as undefined', async () => {
    const r = await get('/ok');
    assert.ok(r.ok);
    assert.deepEqual(r.value.body, { a: 1 });
    const e = await get('/empty');
    assert.ok(e.ok);
    assert.equal(e.value.body, undefined);
  });

  const table: [string, string, RegExp][] = [
    ['/401', 'unauthorized', /refused the credentials \(HTTP 401\): Authentication error: error decoding API key/],
    ['/403', 'forbidden', /HTTP 403\): Archived schedules can not be updated\./],
    ['/404', 'not-found', /HTTP 404\): Unable to get schedule/],
    ['/409', 'conflict', /HTTP 409\): A schedule named x exists/],
    ['/422', 'invalid-input', /HTTP 422\): Field required/],
    ['/500-json', 'server-error', /HTTP 500\): database is locked/],
    ['/500-text', 'server-error', /HTTP 500\): Internal Server Error/],
    ['/malformed', 'server-error', /malformed answer \(not JSON, application\/json\)/],
    ['/html', 'server-error', /malformed answer \(not JSON, text\/html\); is the URL right\?/],
  ];
  for (const [path, code, message] of table) {
    it(`${path} → ${code}`, async () => {
      const e = err(await get(path));
      assert.equal(e.code, code);
      assert.match(e.message, message);
      assert.equal(e.source, 'test');
    });
  }

  it('a refused connection → unreachable', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const e = err(await httpRequest(ctx, { url: `http://127.0.0.1:${port}/x` }));
    assert.equal(e.code, 'unreachable');
    assert.match(e.message, /cannot be reached \(connection refused\)/);
  });

  it('a response that never ends → timeout, and cancellation → cancelled, without hanging', async () => {
    const t = err(await get('/hang', { timeoutMs: 300 }));
    assert.equal(t.code, 'timeout');
    assert.match(t.message, /did not answer within 0\.3 s/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const c = err(await get('/hang', { signal: controller.signal, timeoutMs: 10_000 }));
    assert.equal(c.code, 'cancelled');
    const already = new AbortController();
    already.abort();
    assert.equal(err(await get('/ok', { signal: already.signal })).code, 'cancelled');
  });

  it('a huge page is cut off at the cap with a clear message', async () => {
    const e = err(await get('/huge', { maxBytes: 1024 * 1024 }));
    assert.equal(e.code, 'server-error');
    assert.match(e.message, /larger than 1 MB; ask for smaller pages/);
  });

  it('a bad URL is invalid input, not an exception', async () => {
    const e = err(await httpRequest(ctx, { url: 'not a url' }));
    assert.equal(e.code, 'invalid-input');
  });

  it('errorDetail reads ZenML, FastAPI and plain bodies', () => {
    assert.equal(errorDetail({ detail: ['KeyError', 'gone'] }, ''), 'gone');
    assert.equal(errorDetail({ detail: 'Not authenticated' }, ''), 'Not authenticated');
    assert.equal(errorDetail({ detail: [{ msg: 'a' }, { msg: 'b' }] }, ''), 'a; b');
    assert.equal(errorDetail(undefined, ' text '), 'text');
  });

  it('collectPages walks pages, stops on a repeated token, and returns the first error', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = { '': { items: [1, 2], next: 'b' }, b: { items: [3], next: 'c' }, c: { items: [4] } };
    const all = await collectPages(async (t) => ({ ok: true, value: pages[t ?? ''] }));
    assert.deepEqual(all, { ok: true, value: [1, 2, 3, 4] });
    const loop = await collectPages(async () => ({ ok: true, value: { items: [1], next: 'same' } }));
    assert.ok(loop.ok);
    assert.equal(loop.value.length, 2);
    const failed = await collectPages(async (t) => (t ? { ok: false, error: { code: 'timeout', message: 'slow' } } : { ok: true, value: { items: [1], next: 'x' } }));
    assert.deepEqual(failed, { ok: false, error: { code: 'timeout', message: 'slow' } });
  });
});

describe('ZenML adapter login: API key, a new login once on 401, then "no longer valid"', () => {
  it('logs in once, reuses the token, and logs in again when the token stops working', async () => {
    loginCount = 0;
    tokenGeneration = 1;
    const a = new ZenmlServerAdapter({ name: 'fake', url: base, credentials: async () => ({ apiKey: 'ZENKEY_good' }) });
    assert.ok((await a.list()).ok);
    assert.ok((await a.list()).ok);
    assert.equal(loginCount, 1);
    tokenGeneration = 2; // the server restarted with a new secret: old tokens are refused
    assert.ok((await a.list()).ok);
    assert.equal(loginCount, 2);
  });

  it('a key refused at the first login, and a token refused after a new login, say so', async () => {
    const bad = new ZenmlServerAdapter({ name: 'fake', url: base, credentials: async () => ({ apiKey: 'ZENKEY_bad' }) });
    const e = err(await bad.list());
    assert.equal(e.code, 'unauthorized');
    assert.match(e.message, /refused the API key of fake \(Authentication error: error decoding API key\)/);
    const expired = new ZenmlServerAdapter({ name: 'fake', url: base, credentials: async () => ({ accessToken: 'token-0' }) });
    const e2 = err(await expired.list());
    assert.match(e2.message, /The login for fake .* has expired or was refused/);
  });
});

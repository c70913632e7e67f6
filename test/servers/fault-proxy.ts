// A fault-injecting loopback HTTP proxy: forwards to a real upstream server (a real ZenML server,
// the loopback CronJob API, …) and, while a fault is set, answers the requests it matches with
// that fault instead: an HTTP status with or without a body, malformed JSON, a response that never
// ends, a page bigger than any adapter accepts. Only 127.0.0.1. It can also stop listening and listen
// again on the same port (`down()`/`up()`): a stopped server, then the same server back.

import * as http from 'node:http';
import { listenOnLoopback } from './listen';

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; contentType?: string }
  | { kind: 'malformed-json' }
  | { kind: 'never-ends' }
  | { kind: 'huge'; bytes: number };

export interface FaultProxy {
  url: string;
  port: number;
  /** Set the fault for requests whose path matches `match` (default: every request); null: pass everything through. */
  setFault(fault: Fault | null, match?: RegExp): void;
  /** Requests seen (method, path, whether a fault answered). */
  seen: { method: string; path: string; faulted: boolean }[];
  /** Stops listening and closes open connections: new connections are refused, as by a stopped server. */
  down(): Promise<void>;
  /** Listens again on the same port (after `down()`). */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let fault: Fault | null = null;
  let match: RegExp | undefined;
  const hanging = new Set<http.ServerResponse>();
  const seen: FaultProxy['seen'] = [];

  const inject = (f: Fault, res: http.ServerResponse) => {
    switch (f.kind) {
      case 'status': {
        const text = f.body === undefined ? '' : typeof f.body === 'string' ? f.body : JSON.stringify(f.body);
        res.writeHead(f.status, {
          ...(text ? { 'Content-Type': f.contentType ?? 'application/json' } : {}),
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
        return;
      }
      case 'malformed-json': {
        const text = '{"index": 1, "max_size": 20, "total_pages": 1, "total": 2, "items": [{"id": "x", "name": ';
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      case 'never-ends': {
        // Headers and the start of a body, then nothing: the connection stays open until the client gives up.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"items": [');
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      case 'huge': {
        // A syntactically endless page of items, streamed in chunks, `bytes` long in all.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const item = Buffer.from(`{"id": "00000000-0000-0000-0000-000000000000", "name": "${'x'.repeat(900)}"},`);
        const chunk = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / item.length) }, () => item));
        let sent = 0;
        res.write('{"index": 1, "total_pages": 1, "items": [');
        const pump = () => {
          while (sent < f.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          res.end('{}]}');
        };
        res.on('close', () => (sent = f.bytes));
        pump();
        return;
      }
    }
  };

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const active = fault && (!match || match.test(path)) ? fault : null;
    seen.push({ method: req.method ?? 'GET', path, faulted: Boolean(active) });
    if (active) {
      req.resume();
      inject(active, res);
      return;
    }
    const upstreamReq = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`fault proxy: upstream failed: ${e.message}`);
    });
    req.pipe(upstreamReq);
  });
  const listening = await listenOnLoopback(server);
  const port = listening.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    setFault(next, pattern) {
      fault = next;
      match = pattern;
      for (const res of hanging) res.destroy();
    },
    down() {
      for (const res of hanging) res.destroy();
      return listening.close();
    },
    up() {
      return new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    close() {
      for (const res of hanging) res.destroy();
      return server.listening ? listening.close() : Promise.resolve();
    },
  };
}

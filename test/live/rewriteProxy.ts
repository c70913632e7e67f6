// A loopback proxy in front of the real ZenML server that passes every request through
// and, for chosen paths, rewrites the real answer's JSON (an "old server" saying
// version 0.92.0 in GET /api/v1/info while everything else is the real thing).

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Rewrite = (body: unknown) => unknown;

export async function startRewriteProxy(target: string, rewrites: Record<string, Rewrite>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const upstream = await fetch(target + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      let text = await upstream.text();
      const path = (req.url ?? '').split('?')[0];
      const rewrite = rewrites[path];
      if (rewrite && upstream.ok) text = JSON.stringify(rewrite(JSON.parse(text)));
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

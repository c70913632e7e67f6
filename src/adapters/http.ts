// Shared HTTP for every adapter: Node's built-in fetch (undici) with a timeout and
// the caller's AbortSignal on every call, a cap on the body size, JSON that is
// parsed without ever throwing, and HTTP failures mapped to typed AdapterErrors.
// Nothing here throws: every outcome is a Result value.

import { adapterError, type AdapterError, type AdapterErrorCode } from './errors';
import type { Result } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** A page bigger than this is refused with a clear message instead of filling memory. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An absolute URL (the adapter joins its base URL and path). */
  url: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** Safe to send once more on a kept-alive connection the server closed meanwhile (reads always are; a login too). */
  retrySafe?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined for an empty body. */
  body: unknown;
  text: string;
}

/** Who is asking, so that messages name the connection and the server. */
export interface HttpContext {
  /** The connection's name ("staging"). */
  source: string;
  /** How the server is called in messages ("the ZenML server at http://…"). */
  serverLabel: string;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function buildUrl(url: string, query?: HttpRequest['query']): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
  return u.toString();
}

/** Join a base URL ("http://h:8080/", "http://h/zenml") and an API path ("/api/v1/schedules"). */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

/** The server's own words from an error body: ZenML's `{"detail": [type, message]}` or `{"detail": "…"}`, FastAPI's 422 list, or text. */
export function errorDetail(body: unknown, text: string): string {
  const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
  if (body && typeof body === 'object') {
    const detail = (body as Record<string, unknown>).detail ?? (body as Record<string, unknown>).message ?? (body as Record<string, unknown>).error;
    if (typeof detail === 'string') return clip(detail);
    if (Array.isArray(detail)) {
      // ZenML: ["CredentialsNotValid", "Authentication error: …"]; FastAPI: [{loc, msg, type}, …]
      const parts = detail.map((d) => (typeof d === 'string' ? d : d && typeof d === 'object' && 'msg' in d ? String((d as { msg: unknown }).msg) : JSON.stringify(d)));
      if (parts.length === 2 && typeof detail[0] === 'string' && /^[A-Z]\w+$/.test(detail[0])) return clip(parts[1]);
      return clip(parts.join('; '));
    }
    if (detail && typeof detail === 'object') return clip(JSON.stringify(detail));
  }
  return clip(text.trim());
}

const STATUS_CODES: Record<number, AdapterErrorCode> = {
  400: 'invalid-input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'unsupported',
  409: 'conflict',
  422: 'invalid-input',
};

export function codeForStatus(status: number): AdapterErrorCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'server-error' : 'invalid-input');
}

const STATUS_WORDS: Record<AdapterErrorCode, string> = {
  unreachable: 'cannot be reached',
  unauthorized: 'refused the credentials',
  forbidden: 'refused the operation (forbidden)',
  'not-found': 'has no such item',
  conflict: 'reports a conflict',
  unsupported: 'does not support this operation',
  'invalid-input': 'rejected the request',
  'server-error': 'failed with a server error',
  'version-too-old': 'is too old',
  timeout: 'did not answer in time',
  cancelled: 'call was cancelled',
};

/** An AdapterError for an HTTP status with the server's own words. */
export function statusError(ctx: HttpContext, status: number, body: unknown, text: string): AdapterError {
  const code = codeForStatus(status);
  const detail = errorDetail(body, text);
  const what = `${ctx.serverLabel} ${STATUS_WORDS[code]} (HTTP ${status})`;
  return adapterError(code, detail ? `${what}: ${detail}` : `${what}.`, { source: ctx.source, status, detail: detail || undefined });
}

/** Network failure words: undici puts the system error under `cause`. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed by the server';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate not trusted (${code})`;
    default:
      return cause?.message || (error instanceof Error ? error.message : String(error));
  }
}

function isStaleConnection(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/** Read the body up to maxBytes; over the cap, stop reading and say so. */
async function readCapped(response: Response, maxBytes: number): Promise<{ text: string } | { tooLarge: number }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { tooLarge: declared };
  }
  if (!response.body) return { text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: size };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/**
 * One HTTP call. Never throws: refused connections, timeouts, cancellation, error statuses,
 * malformed JSON and oversized bodies all come back as typed errors naming the server.
 */
export async function httpRequest(ctx: HttpContext, request: HttpRequest, fetchImpl: FetchLike = fetch): Promise<Result<HttpResponse>> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onCancel = () => timeout.abort();
  if (request.signal?.aborted) {
    clearTimeout(timer);
    return { ok: false, error: adapterError('cancelled', `The call to ${ctx.serverLabel} was cancelled.`, { source: ctx.source }) };
  }
  request.signal?.addEventListener('abort', onCancel, { once: true });
  const why = (): 'cancelled' | 'timeout' => (request.signal?.aborted ? 'cancelled' : 'timeout');
  const abortedError = (): AdapterError =>
    why() === 'cancelled'
      ? adapterError('cancelled', `The call to ${ctx.serverLabel} was cancelled.`, { source: ctx.source })
      : adapterError('timeout', `${ctx.serverLabel} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`, { source: ctx.source });
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    let url: string;
    try {
      url = buildUrl(request.url, request.query);
    } catch {
      return { ok: false, error: adapterError('invalid-input', `'${request.url}' is not a valid URL.`, { source: ctx.source }) };
    }
    let response: Response;
    const send = () => fetchImpl(url, { method: request.method ?? 'GET', headers, body, signal: timeout.signal, redirect: 'follow' });
    try {
      try {
        response = await send();
      } catch (error) {
        // A kept-alive connection the server closed meanwhile: a read is safe to send once more.
        if (timeout.signal.aborted || ((request.method ?? 'GET') !== 'GET' && !request.retrySafe) || !isStaleConnection(error)) throw error;
        response = await send();
      }
    } catch (error) {
      if (timeout.signal.aborted) return { ok: false, error: abortedError() };
      return {
        ok: false,
        error: adapterError('unreachable', `${ctx.serverLabel} cannot be reached (${networkReason(error)}).`, { source: ctx.source }),
      };
    }
    let read: Awaited<ReturnType<typeof readCapped>>;
    try {
      read = await readCapped(response, request.maxBytes ?? DEFAULT_MAX_BYTES);
    } catch (error) {
      if (timeout.signal.aborted) return { ok: false, error: abortedError() };
      return {
        ok: false,
        error: adapterError('unreachable', `${ctx.serverLabel} broke off the answer (${networkReason(error)}).`, { source: ctx.source, status: response.status }),
      };
    }
    if ('tooLarge' in read) {
      const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
      return {
        ok: false,
        error: adapterError('server-error', `${ctx.serverLabel} sent an answer larger than ${mb(request.maxBytes ?? DEFAULT_MAX_BYTES)}; ask for smaller pages.`, {
          source: ctx.source,
          status: response.status,
        }),
      };
    }
    const text = read.text;
    let parsed: unknown;
    let malformed = false;
    if (text.trim()) {
      try {
        parsed = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }
    if (response.status >= 400) return { ok: false, error: statusError(ctx, response.status, parsed, malformed ? text : '') };
    if (malformed) {
      const type = response.headers.get('content-type') ?? 'no content type';
      return {
        ok: false,
        error: adapterError('server-error', `${ctx.serverLabel} sent a malformed answer (not JSON, ${type}); is the URL right?`, {
          source: ctx.source,
          status: response.status,
          detail: text.slice(0, 200),
        }),
      };
    }
    return { ok: true, value: { status: response.status, headers: response.headers, body: parsed, text } };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCancel);
  }
}

/** A page of a paged list, as the adapter's fetchPage returns it. */
export interface RawPage<T> {
  items: T[];
  /** The next page's token, undefined at the end. */
  next?: string;
  total?: number;
}

/**
 * Walk every page (for the CLI and refresh): stops at the last page, at maxItems, or on the first
 * error, which is returned with the items read so far left out (a partial list would look complete).
 */
export async function collectPages<T>(
  fetchPage: (token: string | undefined) => Promise<Result<RawPage<T>>>,
  maxItems = 100_000,
): Promise<Result<T[]>> {
  const all: T[] = [];
  let token: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(token);
    if (!page.ok) return page;
    all.push(...page.value.items);
    if (!page.value.next || all.length >= maxItems || page.value.items.length === 0) break;
    if (seen.has(page.value.next)) break; // a server that repeats a token would loop forever
    seen.add(page.value.next);
    token = page.value.next;
  }
  return { ok: true, value: all.slice(0, maxItems) };
}

// Small readers for JSON from servers: wrong types become null, never exceptions.
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const asBoolean = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
export const asNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const asRecord = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

// Access-token providers for orchestrator adapters (Vertex AI, Databricks): a token the user
// added (SecretStorage in the editor, an environment variable on the command line), or a token
// a command prints (`gcloud auth print-access-token`). The command runs lazily (on the first
// call that needs a token), once at a time, and its token is cached until it expires; a 401
// makes the adapter invalidate it and ask once more. Whether a command may run at all (never
// in an untrusted workspace) is the faces' decision: they hand a provider in or they do not.
// No vscode import.

import { execFile } from 'node:child_process';
import { adapterError, type AdapterError } from './errors';
import { DEFAULT_TIMEOUT_MS, httpRequest, joinUrl, type FetchLike, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import type { CallOptions, Result } from './types';

export interface AccessToken {
  token: string;
  /** When it stops working; undefined: unknown (kept for `assumedLifetimeMs`). */
  expiresAt?: Date;
}

export interface TokenProvider {
  /** Words for messages: "the token added for prod", "gcloud auth print-access-token". */
  readonly label: string;
  /** A token (from the cache while it is valid), null when this provider has none. */
  token(options?: CallOptions): Promise<Result<AccessToken | null>>;
  /** Forget the cached token (the server refused it). */
  invalidate(): void;
  /** An interactive sign-in the face offers (VS Code's GitHub sign-in); true when a token is now available. */
  signIn?(): Promise<boolean>;
}

/** A fixed token (the user's secret): it cannot be renewed. */
export function staticTokenProvider(label: string, read: () => Promise<string | null | undefined>): TokenProvider {
  return {
    label,
    async token() {
      try {
        const value = (await read())?.trim();
        return { ok: true, value: value ? { token: value } : null };
      } catch (error) {
        return { ok: false, error: adapterError('unauthorized', `The token could not be read (${error instanceof Error ? error.message : String(error)}).`) };
      }
    },
    invalidate() {},
  };
}

/** The first provider that has a token wins (a user's token before gcloud). */
export function firstTokenProvider(providers: readonly TokenProvider[]): TokenProvider {
  let used: TokenProvider | null = null;
  return {
    get label() {
      return used?.label ?? providers.map((p) => p.label).join(' or ');
    },
    async token(options) {
      for (const p of providers) {
        const t = await p.token(options);
        if (!t.ok) return t;
        if (t.value) {
          used = p;
          return t;
        }
      }
      return { ok: true, value: null };
    },
    invalidate() {
      used?.invalidate();
    },
    ...(providers.some((p) => p.signIn)
      ? {
          signIn: async () => {
            for (const p of providers) if (p.signIn && (await p.signIn())) return true;
            return false;
          },
        }
      : {}),
  };
}

export interface CommandOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (ENOENT: not installed). */
  spawnError?: string;
}

export type CommandRunner = (command: string, args: readonly string[], options: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv }) => Promise<CommandOutput>;

/** Runs a program without a shell, with a timeout; never throws. */
export const runCommand: CommandRunner = (command, args, options) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: options.timeoutMs, signal: options.signal, env: options.env, maxBuffer: 1024 * 1024, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && typeof e.code === 'string' && e.code !== 'ABORT_ERR') return resolve({ code: null, stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), spawnError: e.code });
      if (e && (e.name === 'AbortError' || e.code === 'ABORT_ERR')) return resolve({ code: null, stdout: '', stderr: '', spawnError: 'ABORT_ERR' });
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
    });
  });

export interface GcloudTokenOptions {
  /** The program (default `gcloud`, found on PATH). */
  command?: string;
  run?: CommandRunner;
  now?: () => Date;
  /** How long a token without a stated expiry is reused (gcloud's tokens live an hour; a 401 renews earlier). */
  assumedLifetimeMs?: number;
  timeoutMs?: number;
  /** The environment gcloud runs in (PATH finds it; CLOUDSDK_CONFIG picks the account). Default: this process's. */
  env?: NodeJS.ProcessEnv;
}

/**
 * `gcloud auth print-access-token --format=json`: reads `{"token", "token_expiry"}` when gcloud prints
 * JSON, or the bare token. gcloud missing (not on PATH) → null (no token from here), so a user's
 * token or a clear "add a token" message follows.
 */
export function gcloudTokenProvider(options: GcloudTokenOptions = {}): TokenProvider {
  const command = options.command ?? 'gcloud';
  const run = options.run ?? runCommand;
  const now = () => options.now?.() ?? new Date();
  const lifetime = options.assumedLifetimeMs ?? 10 * 60_000;
  let cached: AccessToken | null = null;
  let pending: Promise<Result<AccessToken | null>> | null = null;
  const fresh = (t: AccessToken | null) => !!t && (!t.expiresAt || t.expiresAt.getTime() - 60_000 > now().getTime());

  const fetchToken = async (callOptions: CallOptions): Promise<Result<AccessToken | null>> => {
    const out = await run(command, ['auth', 'print-access-token', '--format=json'], { timeoutMs: options.timeoutMs ?? callOptions.timeoutMs ?? 30_000, signal: callOptions.signal, env: options.env });
    if (out.spawnError === 'ENOENT') return { ok: true, value: null };
    if (out.spawnError === 'ABORT_ERR') return { ok: false, error: adapterError('cancelled', `${command} auth print-access-token was cancelled.`) };
    if (out.spawnError) return { ok: false, error: adapterError('unauthorized', `${command} auth print-access-token could not run (${out.spawnError}).`) };
    if (out.code !== 0) {
      const why = out.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300);
      return { ok: false, error: adapterError('unauthorized', `${command} auth print-access-token failed${why ? `: ${why}` : ''}; run \`gcloud auth login\` or add a token to the connection.`, { detail: why }) };
    }
    const text = out.stdout.trim();
    let token: string | null = null;
    let expiresAt: Date | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'string') token = parsed;
      else if (parsed && typeof parsed === 'object') {
        const p = parsed as Record<string, unknown>;
        token = typeof p.token === 'string' ? p.token : typeof p.access_token === 'string' ? p.access_token : null;
        const expiry = typeof p.token_expiry === 'string' ? new Date(p.token_expiry) : null;
        if (expiry && !Number.isNaN(expiry.getTime())) expiresAt = expiry;
      }
    } catch {
      token = /^\S+$/.test(text) ? text : null;
    }
    if (!token) return { ok: false, error: adapterError('unauthorized', `${command} auth print-access-token printed no token; run \`gcloud auth login\` or add a token to the connection.`) };
    return { ok: true, value: { token, expiresAt: expiresAt ?? new Date(now().getTime() + lifetime) } };
  };

  return {
    label: `${command} auth print-access-token`,
    async token(callOptions = {}) {
      if (fresh(cached)) return { ok: true, value: cached };
      // One gcloud at a time: concurrent calls share the run.
      pending ??= fetchToken(callOptions).finally(() => (pending = null));
      const got = await pending;
      if (got.ok) cached = got.value;
      return got;
    },
    invalidate() {
      cached = null;
    },
  };
}

/** Where an adapter's bearer-token requests go, and what it says when no provider has a token. */
export interface BearerTarget {
  ctx: HttpContext;
  tokens: TokenProvider;
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** The adapter's own words on where to get a token. */
  noToken: () => AdapterError;
}

/** One request with `Authorization: Bearer` from the target's providers (errors come back as the HTTP layer types them). */
export async function bearerRequest(target: BearerTarget, request: Omit<HttpRequest, 'url'> & { path: string }, options: CallOptions): Promise<Result<HttpResponse>> {
  const token = await target.tokens.token(options);
  if (!token.ok) return { ok: false, error: { ...token.error, source: target.ctx.source } };
  if (!token.value) return { ok: false, error: target.noToken() };
  return httpRequest(
    target.ctx,
    {
      ...request,
      url: joinUrl(target.baseUrl, request.path),
      headers: { ...request.headers, authorization: `Bearer ${token.value.token}` },
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    },
    target.fetch,
  );
}

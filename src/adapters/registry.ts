// Connections (contracts.md "Connections") → adapters. One shape for the editor's
// `zenmlSchedules.connections` setting and the command line's --connections file:
// `{name, type, …fields}`; secrets never in it (fields ending in `Env` name environment
// variables on the command line; the editor keeps them in SecretStorage by name).
// The faces supply the secrets through a provider; this module never reads them itself.

import { adapterError } from './errors';
import type { FetchLike } from './http';
import { firstTokenProvider, staticTokenProvider, type TokenProvider } from './tokens';
import { VertexAdapter } from './vertex';
import { DatabricksAdapter, parseDatabricksConfig } from './databricks';
import type { Result, ScheduleAdapter } from './types';
import type { ZenmlClientBridge } from './zenmlClientBridge';
import { KubeflowAdapter } from './kubeflow';
import { ZenmlServerAdapter, type ZenmlCredentials } from './zenmlServer';
import { AirflowAdapter } from './airflow';
import { KubernetesAdapter } from './kubernetes';
import { GithubAdapter } from './github';

export const CONNECTION_TYPES = ['zenml', 'kubernetes', 'kubeflow', 'vertex', 'airflow', 'github', 'databricks'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

/** Required fields per type (contracts.md). */
const REQUIRED: Record<ConnectionType, readonly string[]> = {
  zenml: ['url'],
  kubernetes: [],
  kubeflow: ['url'],
  vertex: ['project', 'region'],
  airflow: ['url'],
  github: ['repository'],
  databricks: ['url'],
};

export interface Connection {
  name: string;
  type: ConnectionType;
  url?: string;
  [field: string]: unknown;
}

export interface ConnectionProblem {
  /** The index in the array, and the name when it has one. */
  index: number;
  name?: string;
  message: string;
}

/** Validate a parsed JSON array of connections: good ones are kept, each bad one is explained. */
export function parseConnections(raw: unknown): { connections: Connection[]; problems: ConnectionProblem[] } {
  const connections: Connection[] = [];
  const problems: ConnectionProblem[] = [];
  if (!Array.isArray(raw)) return { connections, problems: [{ index: -1, message: 'connections must be a JSON array of objects' }] };
  const names = new Set<string>();
  raw.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push({ index, message: `connection ${index + 1} is not an object` });
      return;
    }
    const c = item as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name.trim() : '';
    const label = name ? `connection '${name}'` : `connection ${index + 1}`;
    if (!name) return problems.push({ index, message: `${label} has no name` });
    if (names.has(name)) return problems.push({ index, name, message: `${label}: the name is used twice` });
    if (typeof c.type !== 'string' || !(CONNECTION_TYPES as readonly string[]).includes(c.type)) {
      return problems.push({ index, name, message: `${label}: type must be one of ${CONNECTION_TYPES.join(', ')}` });
    }
    const type = c.type as ConnectionType;
    const missing = REQUIRED[type].filter((f) => typeof c[f] !== 'string' || !(c[f] as string).trim());
    if (missing.length) return problems.push({ index, name, message: `${label} (${type}) needs ${missing.join(', ')}` });
    if (typeof c.url === 'string') {
      try {
        const u = new URL(c.url);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      } catch {
        return problems.push({ index, name, message: `${label}: url '${c.url}' is not an http(s) URL` });
      }
    }
    // A secret value written into the file is refused: only the names of environment variables belong there.
    const secretField = Object.keys(c).find((k) => /^(apiKey|token|password|cookie|secret)$/i.test(k));
    if (secretField) return problems.push({ index, name, message: `${label}: '${secretField}' holds a secret; name an environment variable with '${secretField}Env' instead` });
    names.add(name);
    connections.push({ ...c, name, type } as Connection);
  });
  return { connections, problems };
}

/** What the faces provide to build adapters. */
export interface AdapterDependencies {
  /** The secrets of a connection: SecretStorage in the editor, the `…Env` variables on the command line. */
  secrets(connection: Connection): Promise<Record<string, string | undefined> | null>;
  /** ZenML's Python client for changes ZenML performs on the orchestrator (CLI --python, the editor's interpreter). */
  zenmlClientBridge?: ZenmlClientBridge;
  /**
   * `gcloud auth print-access-token` for Vertex AI connections without a token of their own: given only where
   * running programs is allowed (the CLI; the editor in a trusted workspace).
   */
  gcloudToken?: TokenProvider;
  /**
   * A GitHub token from outside the connection's own secret: VS Code's GitHub sign-in in the editor, the
   * `GITHUB_TOKEN` environment variable on the command line (when the connection names no tokenEnv).
   */
  githubToken?: TokenProvider;
  /** The text of ~/.databrickscfg for `profile` connections (the editor reads it only in a trusted workspace), or null. */
  databricksConfig?: () => Promise<string | null>;
  fetch?: FetchLike;
  timeoutMs?: number;
  pageSize?: number;
  now?: () => Date;
}

/** An adapter for a connection, or a typed error saying why there is none yet. */
export function createAdapter(connection: Connection, deps: AdapterDependencies): Result<ScheduleAdapter> {
  switch (connection.type) {
    case 'zenml':
      return {
        ok: true,
        value: new ZenmlServerAdapter({
          name: connection.name,
          url: String(connection.url),
          credentials: async (): Promise<ZenmlCredentials | null> => {
            const s = await deps.secrets(connection);
            if (!s) return null;
            const creds: ZenmlCredentials = {};
            if (s.apiKey) creds.apiKey = s.apiKey;
            if (s.accessToken) creds.accessToken = s.accessToken;
            return creds.apiKey || creds.accessToken ? creds : null;
          },
          clientBridge: deps.zenmlClientBridge,
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    case 'kubernetes': {
      const field = (k: string) => (typeof connection[k] === 'string' && (connection[k] as string).trim() ? (connection[k] as string).trim() : undefined);
      return {
        ok: true,
        value: new KubernetesAdapter({
          name: connection.name,
          kubeconfig: field('kubeconfig'),
          context: field('context'),
          namespace: field('namespace'),
          token: async () => (await deps.secrets(connection))?.token ?? null,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    }
    case 'airflow':
      return {
        ok: true,
        value: new AirflowAdapter({
          name: connection.name,
          url: String(connection.url),
          // The command line: `usernameEnv` + `passwordEnv` (or `tokenEnv`, an Airflow 3 JWT). The editor keeps
          // one secret per connection: the password when the connection names a `username`, else a JWT.
          credentials: async () => {
            const s = await deps.secrets(connection);
            const username = s?.username ?? (typeof connection.username === 'string' && connection.username ? connection.username : undefined);
            if (!s && !username) return null;
            if (username) return { username, password: s?.password ?? s?.token ?? s?.apiKey };
            return { token: s?.token };
          },
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    case 'vertex':
      return {
        ok: true,
        value: new VertexAdapter({
          name: connection.name,
          project: String(connection.project),
          region: String(connection.region),
          url: typeof connection.url === 'string' ? connection.url : undefined,
          tokens: firstTokenProvider([
            staticTokenProvider(`the token added for ${connection.name}`, async () => (await deps.secrets(connection))?.token),
            ...(deps.gcloudToken ? [deps.gcloudToken] : []),
          ]),
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    case 'databricks': {
      const profile = typeof connection.profile === 'string' && connection.profile.trim() ? connection.profile.trim() : null;
      return {
        ok: true,
        value: new DatabricksAdapter({
          name: connection.name,
          url: String(connection.url),
          tokens: firstTokenProvider([
            staticTokenProvider(`the token added for ${connection.name}`, async () => (await deps.secrets(connection))?.token),
            staticTokenProvider(`profile ${profile ?? 'DEFAULT'} of ~/.databrickscfg`, async () => {
              const text = deps.databricksConfig ? await deps.databricksConfig() : null;
              return text ? (parseDatabricksConfig(text, profile ?? 'DEFAULT')?.token ?? null) : null;
            }),
          ]),
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    }
    case 'github':
      return {
        ok: true,
        value: new GithubAdapter({
          name: connection.name,
          repository: String(connection.repository),
          url: typeof connection.url === 'string' ? connection.url : undefined,
          tokens: firstTokenProvider([
            staticTokenProvider(`the token added for ${connection.name}`, async () => (await deps.secrets(connection))?.token),
            ...(deps.githubToken ? [deps.githubToken] : []),
          ]),
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    case 'kubeflow':
      return {
        ok: true,
        value: new KubeflowAdapter({
          name: connection.name,
          url: String(connection.url),
          namespace: typeof connection.namespace === 'string' ? connection.namespace : undefined,
          credentials: async () => {
            const s = await deps.secrets(connection);
            return s && (s.token || s.cookie) ? { token: s.token || undefined, cookie: s.cookie || undefined } : null;
          },
          fetch: deps.fetch,
          timeoutMs: deps.timeoutMs,
          pageSize: deps.pageSize,
          now: deps.now,
        }),
      };
    default:
      return {
        ok: false,
        error: adapterError('unsupported', `Connections of type ${connection.type} ('${connection.name}') have no adapter yet in this version: its schedules cannot be read from here.`, {
          source: connection.name,
        }),
      };
  }
}

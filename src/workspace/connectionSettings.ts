// What the editor needs to know about connections beyond their shape (the shape and its
// checks are the adapter layer's, src/adapters/registry.ts, shared with the CLI): which
// fields each type asks for, what its secret is called, where the editor keeps the secret
// (SecretStorage keyed by the connection's name), and a one-line label.

import { CONNECTION_TYPES, parseConnections, type Connection, type ConnectionProblem, type ConnectionType } from '../adapters/registry';

export { CONNECTION_TYPES, parseConnections };
export type { ConnectionProblem, ConnectionType };
export type ConnectionConfig = Connection;

interface FieldSpec {
  required: readonly string[];
  optional: readonly string[];
  /** What the secret is called in prompts, or null when the type takes none. */
  secret: string | null;
}

export const CONNECTION_FIELDS: Record<ConnectionType, FieldSpec> = {
  zenml: { required: ['url'], optional: [], secret: 'API key' },
  kubernetes: { required: [], optional: ['kubeconfig', 'context', 'namespace'], secret: 'token' },
  kubeflow: { required: ['url'], optional: ['namespace'], secret: 'token or session cookie' },
  vertex: { required: ['project', 'region'], optional: ['url'], secret: 'access token' },
  airflow: { required: ['url'], optional: [], secret: 'username and password' },
  github: { required: ['repository'], optional: ['url'], secret: 'token' },
  databricks: { required: ['url'], optional: ['profile'], secret: 'token' },
};

/** One secret value the editor asks for; `key` is what the adapter reads (as `${key}Env` names it on the command line). */
export interface SecretField {
  key: string;
  label: string;
  /** Typed hidden (everything but a user name). */
  password: boolean;
}

/** The ways a type can authenticate; the user picks one when there are several. */
export interface SecretSpec {
  choices: { label: string; fields: SecretField[] }[];
  /** Whether the connection works without any (the kubeconfig's user, gcloud's login, an open server). */
  optional: boolean;
  /** What happens when it is left empty, for the prompt. */
  whenEmpty: string;
}

const token = (label = 'token'): SecretField => ({ key: 'token', label, password: true });

/** The secret(s) each type asks for in "Add Connection…" (kept in SecretStorage only). */
export const CONNECTION_SECRETS: Record<ConnectionType, SecretSpec> = {
  zenml: {
    choices: [{ label: 'API key', fields: [{ key: 'apiKey', label: 'service account API key (zenml service-account create NAME)', password: true }] }],
    optional: true,
    whenEmpty: 'for a server without authentication',
  },
  kubernetes: { choices: [{ label: 'bearer token', fields: [token('bearer token (replaces the kubeconfig user\'s credentials)')] }], optional: true, whenEmpty: 'to use the kubeconfig\'s own user' },
  kubeflow: {
    choices: [
      { label: 'bearer token', fields: [token('bearer token')] },
      { label: 'session cookie', fields: [{ key: 'cookie', label: 'session cookie (name=value, e.g. authservice_session=…)', password: true }] },
    ],
    optional: true,
    whenEmpty: 'for a Kubeflow without authentication',
  },
  vertex: { choices: [{ label: 'access token', fields: [token('OAuth access token (gcloud auth print-access-token)')] }], optional: true, whenEmpty: 'to use gcloud auth print-access-token (your gcloud login; trusted folders only)' },
  airflow: {
    choices: [
      {
        label: 'username and password',
        fields: [
          { key: 'username', label: 'user name', password: false },
          { key: 'password', label: 'password', password: true },
        ],
      },
    ],
    optional: true,
    whenEmpty: 'for an Airflow without authentication',
  },
  github: {
    choices: [{ label: 'token', fields: [token('GitHub token (classic: scopes repo and workflow; fine-grained: Actions read and write, Contents read)')] }],
    optional: true,
    whenEmpty: "to use VS Code's GitHub sign-in (github.com only)",
  },
  databricks: { choices: [{ label: 'personal access token', fields: [token('personal access token')] }], optional: false, whenEmpty: '' },
};

/**
 * The value stored in SecretStorage for a connection: a lone API key or token as is (as earlier
 * versions stored it), several values (username + password, a cookie) as a JSON object.
 */
export function encodeSecrets(values: Record<string, string | undefined>): string | undefined {
  const set = Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  if (set.length === 0) return undefined;
  if (set.length === 1 && (set[0][0] === 'apiKey' || set[0][0] === 'token')) return set[0][1];
  return JSON.stringify(Object.fromEntries(set));
}

/** The adapter's secrets from the stored value: a JSON object's fields, or a lone value as API key and token. */
export function decodeSecrets(stored: string | undefined): Record<string, string> | null {
  if (!stored) return null;
  if (stored.startsWith('{')) {
    try {
      const parsed = JSON.parse(stored) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch {
      /* a secret that merely starts with "{" */
    }
  }
  return { apiKey: stored, token: stored };
}

/** The key a connection's secret is stored under (SecretStorage). */
export function secretKeyOf(connectionName: string): string {
  return `zenmlSchedules.connection/${connectionName}`;
}

/** A one-line label for a connection: "ZenML server http://127.0.0.1:8237". */
export function connectionLabel(connection: ConnectionConfig): string {
  const field = (name: string) => (typeof connection[name] === 'string' ? (connection[name] as string) : undefined);
  const where = field('url') ?? field('repository') ?? (field('project') ? `${field('project')}/${field('region')}` : (field('context') ?? field('kubeconfig') ?? ''));
  const kind: Record<ConnectionType, string> = {
    zenml: 'ZenML server',
    kubernetes: 'Kubernetes',
    kubeflow: 'Kubeflow',
    vertex: 'Vertex AI',
    airflow: 'Airflow',
    github: 'GitHub Actions',
    databricks: 'Databricks',
  };
  return where ? `${kind[connection.type]} ${where}` : kind[connection.type];
}

/** The name of the connection `zenml login` made (read from ZenML's own config, not from our settings). */
export const LOGIN_CONNECTION = 'zenml login';
/** The name of the connection ZenML's own environment variables make (ZENML_STORE_URL + ZENML_STORE_API_KEY). */
export const ENV_CONNECTION = 'ZENML_STORE_URL';

/** The ZenML server the user's setup already names, with its credentials (never in our settings). */
export interface AutomaticConnection {
  connection: ConnectionConfig;
  credentials: { apiKey?: string; accessToken?: string };
  from: 'environment' | 'zenml-login';
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/**
 * The connections the editor adds by itself besides the setting's (as the CLI reads them, contracts.md
 * "Connections"): ZenML's own environment variables in the editor's environment (`ZENML_STORE_URL`, an
 * http(s) URL, with `ZENML_STORE_API_KEY` or `ZENML_STORE_API_TOKEN`), else the server `zenml login`
 * connected to (ZenML itself lets the environment win over its config). Neither when a configured
 * connection already reads that server or has that name; none at all with
 * ZENML_SCHEDULES_IGNORE_ZENML_LOGIN=1 (tests). Neither comes from the workspace, so Workspace Trust does
 * not hide them (in an untrusted folder nothing is run for them, as for every connection).
 */
export function automaticZenmlConnections(
  configured: readonly ConnectionConfig[],
  env: NodeJS.ProcessEnv,
  readLogin: () => { url: string; apiKey?: string; accessToken?: string } | null,
): AutomaticConnection[] {
  if (env.ZENML_SCHEDULES_IGNORE_ZENML_LOGIN === '1') return [];
  const taken = (name: string, url: string) => configured.some((c) => c.name === name || (c.type === 'zenml' && typeof c.url === 'string' && sameUrl(c.url, url)));
  const storeUrl = env.ZENML_STORE_URL?.trim();
  if (storeUrl && /^https?:\/\/[^/\s]/i.test(storeUrl)) {
    if (taken(ENV_CONNECTION, storeUrl)) return [];
    const apiKey = env.ZENML_STORE_API_KEY?.trim() || undefined;
    const accessToken = env.ZENML_STORE_API_TOKEN?.trim() || undefined;
    return [{ connection: { name: ENV_CONNECTION, type: 'zenml', url: storeUrl }, credentials: { ...(apiKey ? { apiKey } : {}), ...(accessToken && !apiKey ? { accessToken } : {}) }, from: 'environment' }];
  }
  const login = readLogin();
  if (!login || taken(LOGIN_CONNECTION, login.url)) return [];
  return [{ connection: { name: LOGIN_CONNECTION, type: 'zenml', url: login.url }, credentials: { apiKey: login.apiKey, accessToken: login.accessToken }, from: 'zenml-login' }];
}

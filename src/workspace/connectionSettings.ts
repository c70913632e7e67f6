// The `zenmlSchedules.connections` setting (and the CLI's --connections file): one
// shape for both (contracts.md "Connections"). Checks each entry and says what is
// wrong with it in words, so a typo shows as a message, never as a silent nothing.
// Secrets are never part of a connection: the editor keeps them in SecretStorage
// keyed by the connection's name, the CLI reads them from environment variables.

export const CONNECTION_TYPES = ['zenml', 'kubernetes', 'kubeflow', 'vertex', 'airflow', 'github', 'databricks'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export interface ConnectionConfig {
  name: string;
  type: ConnectionType;
  url?: string;
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  project?: string;
  region?: string;
  repository?: string;
  profile?: string;
  /** CLI only: names of environment variables that hold secrets. */
  tokenEnv?: string;
  apiKeyEnv?: string;
  usernameEnv?: string;
  passwordEnv?: string;
  cookieEnv?: string;
}

interface FieldSpec {
  required: readonly string[];
  optional: readonly string[];
  /** What the secret is called in prompts, or null when the type takes none (kubeconfig holds it). */
  secret: string | null;
}

const ENV_FIELDS = ['tokenEnv', 'apiKeyEnv', 'usernameEnv', 'passwordEnv', 'cookieEnv'] as const;

export const CONNECTION_FIELDS: Record<ConnectionType, FieldSpec> = {
  zenml: { required: ['url'], optional: [], secret: 'API key' },
  kubernetes: { required: [], optional: ['kubeconfig', 'context', 'namespace'], secret: null },
  kubeflow: { required: ['url'], optional: ['namespace'], secret: 'token' },
  vertex: { required: ['project', 'region'], optional: ['url'], secret: 'access token' },
  airflow: { required: ['url'], optional: [], secret: 'token' },
  github: { required: ['repository'], optional: ['url'], secret: 'token' },
  databricks: { required: ['url'], optional: ['profile'], secret: 'token' },
};

/** A secret-looking key that must never be in settings (the value is not echoed back). */
const SECRET_KEYS = /^(api[_-]?key|token|password|secret|access[_-]?token|credentials?)$/i;

export interface ConnectionProblem {
  /** The entry's position in the array (0-based) and its name when it has one. */
  index: number;
  name?: string;
  message: string;
}

export interface ParsedConnections {
  connections: ConnectionConfig[];
  problems: ConnectionProblem[];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads the setting's value: valid entries, and one problem per entry that cannot be used. */
export function parseConnections(value: unknown): ParsedConnections {
  const result: ParsedConnections = { connections: [], problems: [] };
  if (value === undefined || value === null) return result;
  if (!Array.isArray(value)) {
    result.problems.push({ index: -1, message: 'must be an array of connections' });
    return result;
  }
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const problem = (message: string, name?: string) => result.problems.push({ index, name, message });
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return problem('is not an object');
    const raw = entry as Record<string, unknown>;
    const name = typeof raw.name === 'string' ? raw.name.trim() : '';
    if (!name) return problem('has no `name`');
    if (seen.has(name)) return problem(`repeats the name "${name}" (names must be unique)`, name);
    const type = raw.type;
    if (typeof type !== 'string' || !(CONNECTION_TYPES as readonly string[]).includes(type)) {
      return problem(`has an unknown \`type\` ${JSON.stringify(type)} (one of ${CONNECTION_TYPES.join(', ')})`, name);
    }
    const spec = CONNECTION_FIELDS[type as ConnectionType];
    const secretKey = Object.keys(raw).find((k) => SECRET_KEYS.test(k));
    if (secretKey) return problem(`holds a secret in \`${secretKey}\`: secrets are never read from settings (the editor keeps them in its secret storage)`, name);
    const connection: ConnectionConfig = { name, type: type as ConnectionType };
    for (const field of [...spec.required, ...spec.optional, ...ENV_FIELDS]) {
      const v = raw[field];
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string') return problem(`has a \`${field}\` that is not a string`, name);
      (connection as unknown as Record<string, string>)[field] = v.trim();
    }
    const missing = spec.required.filter((f) => !(connection as unknown as Record<string, unknown>)[f]);
    if (missing.length) return problem(`(${type}) needs ${missing.map((m) => `\`${m}\``).join(' and ')}`, name);
    if (connection.url && !isHttpUrl(connection.url)) return problem(`has a \`url\` that is not an http(s) URL: ${connection.url}`, name);
    seen.add(name);
    result.connections.push(connection);
  });
  return result;
}

/** The key a connection's secret is stored under (SecretStorage). */
export function secretKeyOf(connectionName: string): string {
  return `zenmlSchedules.connection/${connectionName}`;
}

/** A one-line label for a connection: "ZenML server http://127.0.0.1:8237". */
export function connectionLabel(connection: ConnectionConfig): string {
  const where = connection.url ?? connection.repository ?? (connection.project ? `${connection.project}/${connection.region}` : connection.context ?? connection.kubeconfig ?? '');
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

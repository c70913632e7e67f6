// Which connections the `schedules` commands talk to (contracts.md "Connections"):
// --connections FILE, else --zenml-url (+ --api-key-env NAME), else ZenML's own
// environment variables (ZENML_STORE_URL + ZENML_STORE_API_KEY), else the server
// `zenml login` connected this machine to (ZenML's config and credentials.yaml).
// Secrets come only from environment variables named by `…Env` fields.

import * as fs from 'node:fs';
import { parseConnections, type Connection } from '../adapters/registry';
import { readZenmlLogin } from '../zenml/credentials';
import { UsageError } from './args';

export interface ResolvedConnections {
  connections: Connection[];
  /** Secrets per connection name (never printed). */
  secrets: Map<string, Record<string, string | undefined>>;
  /** Where the connections came from, for notes. */
  origin: 'file' | 'flags' | 'environment' | 'zenml-login';
}

/** The secret values a connection names with `…Env` fields, read from the environment. */
export function secretsFromEnv(connection: Connection, env: NodeJS.ProcessEnv): { values: Record<string, string | undefined>; missing: string[] } {
  const values: Record<string, string | undefined> = {};
  const missing: string[] = [];
  for (const [field, value] of Object.entries(connection)) {
    if (!field.endsWith('Env') || typeof value !== 'string') continue;
    const secretName = field.slice(0, -3);
    const secret = env[value];
    if (secret === undefined || secret === '') missing.push(value);
    else values[secretName === 'token' && connection.type === 'zenml' ? 'accessToken' : secretName] = secret;
  }
  return { values, missing };
}

export function resolveConnections(
  options: { connectionsFile?: string; zenmlUrl?: string; apiKeyEnv?: string },
  env: NodeJS.ProcessEnv,
): ResolvedConnections {
  const secrets = new Map<string, Record<string, string | undefined>>();
  if (options.connectionsFile) {
    if (options.zenmlUrl) throw new UsageError('--connections and --zenml-url cannot be used together');
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(options.connectionsFile, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `--connections: no such file: ${options.connectionsFile}` : `--connections: ${options.connectionsFile} is not valid JSON (${(error as Error).message})`,
      );
    }
    const { connections, problems } = parseConnections(raw);
    if (problems.length) throw new UsageError(`--connections ${options.connectionsFile}: ${problems.map((p) => p.message).join('; ')}`);
    for (const c of connections) {
      const { values, missing } = secretsFromEnv(c, env);
      if (missing.length) throw new UsageError(`connection '${c.name}' names environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set`);
      secrets.set(c.name, values);
    }
    return { connections, secrets, origin: 'file' };
  }
  if (options.apiKeyEnv && !options.zenmlUrl) throw new UsageError('--api-key-env goes with --zenml-url');
  if (options.zenmlUrl) {
    const parsed = parseConnections([{ name: 'zenml', type: 'zenml', url: options.zenmlUrl, ...(options.apiKeyEnv ? { apiKeyEnv: options.apiKeyEnv } : {}) }]);
    if (parsed.problems.length) throw new UsageError(`--zenml-url: ${parsed.problems[0].message.replace(/^connection 'zenml': /, '')}`);
    const c = parsed.connections[0];
    const { values, missing } = secretsFromEnv(c, env);
    if (missing.length) throw new UsageError(`--api-key-env: environment variable ${missing[0]} is not set`);
    secrets.set(c.name, values);
    return { connections: [c], secrets, origin: 'flags' };
  }
  const storeUrl = env.ZENML_STORE_URL?.trim();
  if (storeUrl && /^https?:\/\//i.test(storeUrl)) {
    const c: Connection = { name: 'zenml', type: 'zenml', url: storeUrl };
    secrets.set(c.name, { apiKey: env.ZENML_STORE_API_KEY?.trim() || undefined, accessToken: env.ZENML_STORE_API_TOKEN?.trim() || undefined });
    return { connections: [c], secrets, origin: 'environment' };
  }
  const login = readZenmlLogin(env);
  if (login) {
    const c: Connection = { name: 'zenml', type: 'zenml', url: login.url };
    secrets.set(c.name, { apiKey: login.apiKey, accessToken: login.accessToken });
    return { connections: [c], secrets, origin: 'zenml-login' };
  }
  throw new UsageError(
    'no ZenML server to talk to: pass --zenml-url URL --api-key-env NAME, --connections FILE, set ZENML_STORE_URL and ZENML_STORE_API_KEY, or run `zenml login` first',
  );
}

// The server the user is logged in to with `zenml login`, read from ZenML's own files
// (facts §8): `config.yaml` names the store (`store.url` for a REST store) and
// `credentials.yaml` maps server URLs to `{api_key, api_token: {access_token, expires_at}}`.
// Read directly (no Python) so that the editor can re-read them when they change.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { globalConfigDir } from './config';

export interface ZenmlLogin {
  /** The server's URL as ZenML stores it. */
  url: string;
  apiKey?: string;
  accessToken?: string;
  /** When the access token expires (null: no expiry recorded). */
  expiresAt: Date | null;
  /** The file the credentials came from (to watch). */
  credentialsFile: string;
  configFile: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function readYaml(file: string): unknown {
  try {
    return parseYaml(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const sameServer = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

/** Pure: the login for the REST store in config.yaml, from credentials.yaml's contents. */
export function loginFromFiles(config: unknown, credentials: unknown, files: { configFile: string; credentialsFile: string }): ZenmlLogin | null {
  const store = isRecord(config) && isRecord(config.store) ? config.store : null;
  const url = str(store?.url);
  if (!url || (str(store?.type) && str(store?.type) !== 'rest') || !/^https?:\/\//i.test(url)) return null;
  const entries = isRecord(credentials) ? credentials : {};
  const key = Object.keys(entries).find((k) => sameServer(k, url)) ?? Object.keys(entries).find((k) => isRecord(entries[k]) && sameServer(str((entries[k] as Record<string, unknown>).url) ?? '', url));
  const entry = key && isRecord(entries[key]) ? (entries[key] as Record<string, unknown>) : {};
  const token = isRecord(entry.api_token) ? entry.api_token : {};
  const expires = str(token.expires_at);
  let expiresAt: Date | null = null;
  if (expires) {
    const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(expires) ? expires : `${expires}Z`);
    expiresAt = Number.isNaN(t) ? null : new Date(t);
  }
  return {
    url,
    apiKey: str(entry.api_key),
    accessToken: str(token.access_token),
    expiresAt,
    ...files,
  };
}

/** The server `zenml login` connected this machine to, or null (local store, no config). */
export function readZenmlLogin(env: NodeJS.ProcessEnv = process.env): ZenmlLogin | null {
  const dir = globalConfigDir(env);
  const configFile = path.join(dir, 'config.yaml');
  const credentialsFile = path.join(dir, 'credentials.yaml');
  return loginFromFiles(readYaml(configFile), readYaml(credentialsFile), { configFile, credentialsFile });
}

// The editor's side of building adapters: secrets from SecretStorage (or the login
// `zenml login` stored), the interpreter for changes ZenML makes itself, and the
// workspace's code schedules for drift. The adapters themselves live in src/adapters.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AdapterError } from '../adapters/errors';
import { adapterError } from '../adapters/errors';
import { createAdapter, type Connection } from '../adapters/registry';
import { gcloudTokenProvider, type TokenProvider } from '../adapters/tokens';
import type { ScheduleAdapter } from '../adapters/types';
import { pythonClientBridge, type ZenmlClientBridge } from '../adapters/zenmlClientBridge';
import { decodeSecrets } from '../workspace/connectionSettings';
import type { CodeSchedule } from '../workspace/drift';
import { codeScheduleOfRow } from '../workspace/liveForCode';
import type { ScheduleGroup } from '../workspace/treeModel';
import type { AdapterFactory } from './liveConnections';

/** An adapter that answers every call with the error that kept the real one from being built. */
export function unavailableAdapter(connection: { name: string; type: string }, error: AdapterError): ScheduleAdapter {
  const fail = async () => ({ ok: false as const, error });
  return {
    name: connection.name,
    type: connection.type,
    capabilities: { operations: [], kinds: [], dialect: 'standard', pauseStopsRuns: false },
    list: fail,
    get: fail,
    pause: fail,
    resume: fail,
    update: fail,
    delete: fail,
  };
}

/** ZenML's client in the interpreter the editor resolves when a change needs it (not before: nothing is spawned early). */
function lazyBridge(python: () => Promise<string | undefined>): ZenmlClientBridge {
  return {
    async change(target, scheduleId, change, options) {
      const path = await python();
      if (!path) {
        return { ok: false, error: adapterError('unsupported', vscode.l10n.t("Nothing was changed: no Python interpreter with ZenML was found to run ZenML's client."), { source: target.source }) };
      }
      return pythonClientBridge(path).change(target, scheduleId, change, options);
    },
  };
}

/** The scopes the GitHub adapter needs: read workflow files of private repositories, disable and enable workflows. */
export const GITHUB_SCOPES = ['repo', 'workflow'];

/**
 * VS Code's built-in GitHub sign-in: a session is looked up silently (no prompt, no badge); `signIn` asks
 * for one (the "Sign In…" action on the connection). The token is never logged or stored by this extension.
 */
export function githubSessionTokenProvider(): TokenProvider {
  return {
    label: vscode.l10n.t("VS Code's GitHub sign-in"),
    async token() {
      try {
        const session = await vscode.authentication.getSession('github', GITHUB_SCOPES, { createIfNone: false, silent: true });
        return { ok: true, value: session ? { token: session.accessToken } : null };
      } catch {
        // No GitHub authentication provider (some VS Code builds, code-server): the stored token is the way.
        return { ok: true, value: null };
      }
    },
    invalidate() {},
    async signIn() {
      try {
        return Boolean(await vscode.authentication.getSession('github', GITHUB_SCOPES, { createIfNone: true }));
      } catch {
        return false;
      }
    },
  };
}

/** github.com's API: the only host VS Code's GitHub session token is sent to (not Enterprise hosts or test servers). */
function isGithubDotCom(url: unknown): boolean {
  if (typeof url !== 'string' || !url.trim()) return true;
  try {
    return new URL(url).hostname === 'api.github.com';
  } catch {
    return false;
  }
}

export function editorAdapterFactory(options: { timeoutMs?: () => number } = {}): AdapterFactory {
  // One gcloud token cache for every Vertex AI connection; gcloud runs on the first call that needs it.
  const gcloud = gcloudTokenProvider();
  return (connection, environment) => {
    // `python` is given only in a trusted folder: the same rule keeps gcloud from running and
    // ~/.databrickscfg from being read in an untrusted one.
    const trusted = environment.python !== undefined;
    const created = createAdapter(connection as Connection, {
      gcloudToken: trusted ? gcloud : undefined,
      // GitHub connections: a token stored for the connection first, else VS Code's GitHub sign-in (github.com only).
      githubToken: connection.type === 'github' && isGithubDotCom(connection.url) ? githubSessionTokenProvider() : undefined,
      databricksConfig: trusted
        ? async () => {
            try {
              return await fs.promises.readFile(process.env.DATABRICKS_CONFIG_FILE || path.join(os.homedir(), '.databrickscfg'), 'utf8');
            } catch {
              return null;
            }
          }
        : undefined,
      // The editor stores one value per connection: a lone API key or token, or a JSON object (username + password, cookie).
      secrets: async () => decodeSecrets(environment.secret) ?? environment.credentials ?? null,
      // No interpreter in an untrusted folder: the adapter then refuses changes that need ZenML's client.
      zenmlClientBridge: environment.python ? lazyBridge(environment.python) : undefined,
      timeoutMs: options.timeoutMs?.(),
    });
    return created.ok ? created.value : unavailableAdapter(connection, created.error);
  };
}

/** The code's schedules (the Workspace group's rows) for drift against live ones. */
export function codeSchedulesOf(groups: readonly ScheduleGroup[]): CodeSchedule[] {
  return groups.flatMap((group) => group.rows.map(codeScheduleOfRow));
}

// The live connections of the editor: read from `zenmlSchedules.connections` (user
// settings always; workspace settings only in a trusted folder), their secrets from
// SecretStorage keyed by the connection's name, one tree source each, and the
// auto-refresh timer. Adding and removing write the user's settings and the secret.

import * as vscode from 'vscode';
import * as path from 'node:path';
import type { ScheduleAdapter } from '../adapters/types';
import { globalConfigDir } from '../zenml/config';
import { isVirtualWorkspace } from './config';
import { readZenmlLogin, type ZenmlLogin } from '../zenml/credentials';
import { LOGIN_CONNECTION, automaticZenmlConnections, parseConnections, secretKeyOf, type AutomaticConnection, type ConnectionConfig, type ConnectionProblem } from '../workspace/connectionSettings';
import type { LiveSourceSnapshot } from '../workspace/liveForCode';
import { mergeLiveGroups } from '../workspace/liveMerge';
import { ConnectPromptSource, ConnectionTreeSource, type CodeSchedules } from './liveTree';
import type { SchedulesTreeProvider } from './tree';

export interface AdapterEnvironment {
  /** The connection's secret (API key, token) from SecretStorage, if one is stored. */
  secret?: string;
  /** Credentials from elsewhere (the login `zenml login` stored in ZenML's own files). */
  credentials?: Record<string, string | undefined>;
  /** The interpreter with ZenML for changes ZenML itself performs; undefined in an untrusted folder (nothing is run). */
  python?: () => Promise<string | undefined>;
}

/** Builds the adapter for a connection (src/adapters); the editor never looks at the type itself. */
export type AdapterFactory = (connection: ConnectionConfig, environment: AdapterEnvironment) => ScheduleAdapter;

interface Entry {
  key: string;
  /** What the adapter was built with (secret, login credentials, trust), to rebuild it only when that changes. */
  auth: string;
  source: ConnectionTreeSource;
  registration: vscode.Disposable;
}

const SECTION = 'zenmlSchedules';
export { LOGIN_CONNECTION };

export class LiveConnections implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly prompt = new ConnectPromptSource();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastProblems = '';
  private syncing: Promise<void> = Promise.resolve();
  /** `${orchestrator connection}/${schedule id}` → the ZenML connection whose record is merged into that row. */
  private recordSources = new Map<string, string>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly tree: SchedulesTreeProvider,
    private readonly factory: AdapterFactory,
    private readonly code: CodeSchedules,
    private readonly python: () => Promise<string | undefined>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      tree.addSource(this.prompt),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.connections`)) void this.sync();
        if (e.affectsConfiguration(`${SECTION}.autoRefreshSeconds`)) this.startTimer();
        if (e.affectsConfiguration(`${SECTION}.timeZone`) || e.affectsConfiguration(`${SECTION}.nextRuns`)) for (const e2 of this.entries.values()) e2.source.invalidate();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.sync()),
      this.watchZenmlLogin(),
      // The code changed: each loaded connection marks drift and "not in code" again (no reload, no request).
      tree.workspaceSource.onDidChange(() => {
        for (const entry of this.entries.values()) entry.source.codeChanged();
      }),
      secrets.onDidChange((e) => {
        // A new key for a connection: its adapter is rebuilt in place (the sync compares what it was built
        // with, so the event for a key Add Connection just stored changes nothing).
        for (const entry of this.entries.values()) if (secretKeyOf(entry.source.connection.name) === e.key) void this.sync();
      }),
    );
    void this.sync();
    this.startTimer();
  }

  /** ZenML's config folder changes (zenml login / logout): re-read the login connection. */
  private watchZenmlLogin(): vscode.Disposable {
    const dir = globalConfigDir(process.env);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{config,credentials}.yaml'));
    const again = () => void this.sync(true, LOGIN_CONNECTION);
    watcher.onDidChange(again);
    watcher.onDidCreate(again);
    watcher.onDidDelete(again);
    return watcher;
  }

  /**
   * ZenML's own environment variables in the editor's environment (ZENML_STORE_URL + ZENML_STORE_API_KEY),
   * else the server `zenml login` connected to, unless a configured connection already reads it.
   */
  private automatic(configured: readonly ConnectionConfig[]): AutomaticConnection[] {
    return automaticZenmlConnections(configured, process.env, () => {
      let login: ZenmlLogin | null = null;
      try {
        login = readZenmlLogin(process.env);
      } catch (error) {
        this.log.warn(`Could not read ZenML's login (${path.join(globalConfigDir(process.env), 'config.yaml')}): ${String(error)}`);
      }
      return login;
    });
  }

  /** The connections in use, and the problems of the setting's entries. */
  configured(): { connections: ConnectionConfig[]; problems: ConnectionProblem[]; hiddenUntrusted: number } {
    const inspect = vscode.workspace.getConfiguration(SECTION).inspect<unknown[]>('connections');
    const workspaceValue = inspect?.workspaceFolderValue ?? inspect?.workspaceValue;
    const trusted = vscode.workspace.isTrusted;
    // In an untrusted folder a URL from the workspace's settings is never contacted.
    const value = trusted ? (workspaceValue ?? inspect?.globalValue) : inspect?.globalValue;
    const parsed = parseConnections(value ?? []);
    const hiddenUntrusted = !trusted && Array.isArray(workspaceValue) ? workspaceValue.length : 0;
    return { ...parsed, hiddenUntrusted };
  }

  sources(): ConnectionTreeSource[] {
    return [...this.entries.values()].map((e) => e.source);
  }

  /** What every connection has loaded (connections still loading keep their previous rows; failed ones are left out). */
  snapshot(): LiveSourceSnapshot[] {
    return this.sources()
      .map((s) => s.snapshot())
      .filter((s): s is LiveSourceSnapshot => s !== null);
  }

  source(name: string): ConnectionTreeSource | undefined {
    return this.entries.get(name)?.source;
  }

  /** Re-reads the setting; keeps sources whose connection did not change (their rows and expansion stay). */
  sync(force = false, only?: string): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync(force, only));
    return this.syncing;
  }

  private async doSync(force: boolean, only?: string): Promise<void> {
    const { connections: configured, problems, hiddenUntrusted } = this.configured();
    this.reportProblems(problems);
    const automatic = this.automatic(configured);
    const connections: ConnectionConfig[] = [...configured, ...automatic.map((a) => a.connection)];
    const trusted = vscode.workspace.isTrusted;
    // Every secret is read before the view changes, so that the view never misses a source while this
    // awaits (a walk of the tree in between would see a group without its rows).
    const planned = await Promise.all(
      connections.map(async (connection) => {
        const auto = automatic.find((a) => a.connection === connection);
        const secret = auto ? undefined : await this.secrets.get(secretKeyOf(connection.name));
        const credentials = auto ? auto.credentials : undefined;
        const environment: AdapterEnvironment = { secret, credentials, python: trusted && !isVirtualWorkspace() ? this.python : undefined };
        return { connection, key: JSON.stringify(connection), environment, auth: JSON.stringify([secret ?? null, credentials ?? null, trusted]) };
      }),
    );
    const wanted = new Map(planned.map((p) => [p.connection.name, p]));
    for (const [name, entry] of this.entries) {
      const next = wanted.get(name);
      if (!next || next.key !== entry.key) {
        entry.registration.dispose();
        entry.source.dispose();
        this.entries.delete(name);
      }
    }
    for (const { connection, key, environment, auth } of planned) {
      const entry = this.entries.get(connection.name);
      if (entry) {
        // Same connection: a new key (or trust, or login) gives it a new adapter in place; a forced
        // sync with nothing new (Add Connection again, a secret event for what was just stored) reloads.
        if (entry.auth !== auth) {
          entry.auth = auth;
          void entry.source.setAdapter(this.factory(connection, environment));
        } else if (force && (!only || only === connection.name)) {
          void entry.source.reload();
        }
        continue;
      }
      const source = new ConnectionTreeSource(connection, this.factory(connection, environment), this.code, this.log);
      // Each load of any connection merges orchestrator rows with the ZenML records they came from.
      const merging = source.onDidChange(() => this.remerge());
      const registration = this.tree.addSource(source);
      this.entries.set(connection.name, { key, auth, source, registration: vscode.Disposable.from(registration, merging) });
    }
    this.prompt.update(this.entries.size, hiddenUntrusted);
  }

  /** One row per schedule across connections (src/workspace/liveMerge.ts): each source gets its part of the merge. */
  private remerge(): void {
    const sources = this.sources();
    const groups = sources.map((s) => s.loadedGroup()).filter((g): g is NonNullable<typeof g> => g !== null);
    const merge = mergeLiveGroups(groups);
    this.recordSources = new Map(merge.merged.map((m) => [m.key, m.zenmlSource]));
    for (const source of sources) {
      const name = source.connection.name;
      const group = merge.groups.find((g) => g.source === name);
      const schedules = new Map((group?.rows ?? []).filter((r) => r.schedule.zenmlId && r.schedule.matchedBy).map((r) => [r.schedule.id, r.schedule]));
      const hidden = new Set(merge.merged.filter((m) => m.zenmlSource === name).map((m) => m.zenmlId));
      source.setMerge(schedules, hidden, merge.notes.get(name));
    }
  }

  /** The ZenML connection that holds a merged row's record (for changes through ZenML's client), or null. */
  zenmlAdapterFor(schedule: { id: string; zenmlId: string | null }, own: ScheduleAdapter): ScheduleAdapter | null {
    if (!schedule.zenmlId || own.type === 'zenml') return null;
    const name = this.recordSources.get(`${own.name}/${schedule.id}`);
    return (name && this.source(name)?.adapter) || null;
  }

  private reportProblems(problems: readonly ConnectionProblem[]): void {
    const text = problems.map((p) => `${p.message}.`).join(' ');
    if (text === this.lastProblems) return;
    this.lastProblems = text;
    if (!text) return;
    this.log.warn(`zenmlSchedules.connections: ${text}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('ZenML Schedules: zenmlSchedules.connections: {0}', text), vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
    });
  }

  /** Reloads every connection (the view's Refresh and the auto-refresh timer). */
  async refreshAll(): Promise<void> {
    await this.syncing;
    await Promise.all(this.sources().map((s) => s.reload()));
  }

  private startTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = Number(vscode.workspace.getConfiguration(SECTION).get<number>('autoRefreshSeconds', 0));
    if (!(seconds > 0)) return;
    // Never more often than every 5 s; a connection still loading is not restarted.
    this.timer = setInterval(() => {
      for (const source of this.sources()) if (!source.isLoading) void source.reload();
    }, Math.max(5, seconds) * 1000);
  }

  /** Whether a secret is stored for the connection (never the secret itself). */
  async hasSecret(name: string): Promise<boolean> {
    return (await this.secrets.get(secretKeyOf(name))) !== undefined;
  }

  /** Adds a connection to the user's settings and its secret to SecretStorage. */
  async add(connection: ConnectionConfig, secret: string | undefined): Promise<void> {
    if (secret) await this.secrets.store(secretKeyOf(connection.name), secret);
    else await this.secrets.delete(secretKeyOf(connection.name));
    const config = vscode.workspace.getConfiguration(SECTION);
    const current = (config.inspect<unknown[]>('connections')?.globalValue ?? []).filter(
      (c) => !(c && typeof c === 'object' && (c as { name?: unknown }).name === connection.name),
    );
    await config.update('connections', [...current, stripUndefined(connection)], vscode.ConfigurationTarget.Global);
    await this.sync(true, connection.name);
  }

  /** Removes a connection from every settings scope that holds it, and its secret. */
  async remove(name: string): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspect = config.inspect<unknown[]>('connections');
    const without = (list: unknown[] | undefined) => list?.filter((c) => !(c && typeof c === 'object' && (c as { name?: unknown }).name === name));
    const targets: Array<[unknown[] | undefined, vscode.ConfigurationTarget]> = [
      [inspect?.globalValue, vscode.ConfigurationTarget.Global],
      [inspect?.workspaceValue, vscode.ConfigurationTarget.Workspace],
    ];
    for (const [list, target] of targets) {
      const next = without(list);
      if (list && next && next.length !== list.length) await config.update('connections', next, target);
    }
    await this.secrets.delete(secretKeyOf(name));
    await this.sync();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const entry of this.entries.values()) {
      entry.registration.dispose();
      entry.source.dispose();
    }
    this.entries.clear();
    for (const s of this.subscriptions) s.dispose();
    this.prompt.dispose();
  }
}

function stripUndefined(connection: ConnectionConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(connection)) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

// The GitHub Actions adapter: workflows of one repository with `on.schedule` (facts §6, §7, §10,
// §11) over GitHub's REST API (`Accept: application/vnd.github+json`, `X-GitHub-Api-Version:
// 2022-11-28`, `Authorization: Bearer`): `GET /repos/{o}/{r}/actions/workflows` (per_page/page,
// `Link: rel="next"`, total_count), each workflow's file read with `GET …/contents/{path}` (base64)
// and its `on.schedule[].cron` + optional `timezone:` parsed with the project's YAML parser; `PUT
// …/actions/workflows/{id}/disable|enable` (204), read back with `GET …/workflows/{id}`; runs with
// `GET …/workflows/{id}/runs?event=schedule`.
//
// Rows: one per schedule entry (a workflow with two `cron:` entries gives two rows, ids `ID#1`,
// `ID#2`; a workflow with one entry has the workflow id). Pause and resume disable and enable the
// whole workflow (GitHub has no per-entry switch). Changing the cron or deleting is refused: the
// schedule is a file in the repository. The row declares that file (`changes.fileEdit`) so that the
// editor can edit the workspace copy for review; nothing here ever commits. GitHub does not start
// the runs missed while a workflow was disabled (no catch-up). No vscode import.

import { isValidTimeZone } from '../cron';
import { adapterError, type AdapterError } from './errors';
import { asNumber, asRecord, asString, collectPages, isRecord, type FetchLike, type HttpContext, type HttpRequest, type HttpResponse } from './http';
import { parseWorkflowSchedules, zenmlWorkflowPipeline, type WorkflowParse } from './githubWorkflow';
import { bearerRequest, type TokenProvider } from './tokens';
import {
  ok,
  fail,
  type AdapterCallDefaults,
  type AdapterCapabilities,
  type CallOptions,
  type ChangeReport,
  type ListOptions,
  type LiveRun,
  type LiveSchedule,
  type Page,
  type Result,
  type ScheduleAdapter,
  type ScheduleChangeSupport,
} from './types';

export const GITHUB_DEFAULT_URL = 'https://api.github.com';
export const GITHUB_API_VERSION = '2022-11-28';
export const GITHUB_DEFAULT_PAGE_SIZE = 100;
/** How many workflow files are read at once while listing. */
const FILE_READS_AT_ONCE = 4;

export interface GithubAdapterOptions extends AdapterCallDefaults {
  name: string;
  /** `owner/repo`. */
  repository: string;
  /** Overrides https://api.github.com (GitHub Enterprise Server: https://HOST/api/v3; test servers). */
  url?: string;
  tokens: TokenProvider;
}

/** A workflow as GitHub lists it. */
interface Workflow {
  id: number;
  name: string;
  path: string;
  state: string;
  createdAt: Date | null;
  htmlUrl: string | null;
  badgeUrl: string | null;
}

const date = (v: unknown): Date | null => {
  const s = asString(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** `{o}/{r}` checked: GitHub's owner and repository names (letters, digits, `-`, `_`, `.`). */
export function parseRepository(repository: string): { owner: string; repo: string } | null {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(repository.trim());
  return m && m[2] !== '.' && m[2] !== '..' ? { owner: m[1], repo: m[2] } : null;
}

/** GitHub's run → LiveRun status words (completed/failed/running/…). */
function runStatus(status: string | null, conclusion: string | null): string {
  if (status && status !== 'completed') return status === 'in_progress' ? 'running' : status;
  switch (conclusion) {
    case 'success':
      return 'completed';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
      return 'failed';
    case null:
      return 'completed';
    default:
      return conclusion; // cancelled, skipped, neutral, action_required, stale
  }
}

/** An id as the adapter gives it (`123`, `123#2`) or a workflow file name (`nightly.yml`, `nightly.yml#2`). */
function parseId(id: string): { workflow: string; entry: number | null } | null {
  const m = /^(\d+|[^/#\s]+\.ya?ml)(?:#(\d+))?$/i.exec(id.trim());
  if (!m) return null;
  return { workflow: m[1], entry: m[2] ? Number(m[2]) : null };
}

export class GithubAdapter implements ScheduleAdapter {
  readonly type = 'github';
  readonly name: string;
  readonly capabilities: AdapterCapabilities = {
    // update and delete are answered (refused with the reason and the file to change), so that faces say why.
    operations: ['list', 'get', 'pause', 'resume', 'update', 'delete', 'runs'],
    kinds: ['cron'],
    dialect: 'github',
    pauseStopsRuns: true,
    // GitHub starts nothing for the times missed while a workflow was disabled.
    resumeCatchUp: false,
  };
  readonly baseUrl: string;
  readonly owner: string;
  readonly repo: string;
  private readonly options: GithubAdapterOptions;
  private readonly ctx: HttpContext;
  private readonly badRepository: boolean;
  readonly signIn?: () => Promise<boolean>;

  constructor(options: GithubAdapterOptions) {
    this.options = options;
    this.name = options.name;
    const parsed = parseRepository(options.repository);
    this.badRepository = !parsed;
    this.owner = parsed?.owner ?? '';
    this.repo = parsed?.repo ?? '';
    this.baseUrl = (options.url ?? GITHUB_DEFAULT_URL).replace(/\/+$/, '');
    this.ctx = { source: options.name, serverLabel: `GitHub (${options.repository}${options.url ? ` at ${this.baseUrl}` : ''})` };
    const tokens = options.tokens;
    if (tokens.signIn) this.signIn = () => tokens.signIn!();
  }

  reset(): void {
    this.options.tokens.invalidate();
  }

  private get repoPath(): string {
    return `/repos/${encodeURIComponent(this.owner)}/${encodeURIComponent(this.repo)}`;
  }

  /** GitHub's `{"message", "documentation_url"}` and its rate-limit headers → the typed error in GitHub's words. */
  private githubError(error: AdapterError, headers: Headers | null): AdapterError {
    let message: string | null = null;
    try {
      const parsed = error.detail ? (JSON.parse(error.detail) as unknown) : null;
      if (isRecord(parsed)) message = asString(parsed.message);
    } catch {
      message = error.detail ?? null;
    }
    message ??= error.detail ?? null;
    const remaining = headers?.get('x-ratelimit-remaining');
    if ((error.status === 403 || error.status === 429) && (remaining === '0' || /rate limit/i.test(message ?? ''))) {
      const reset = Number(headers?.get('x-ratelimit-reset') ?? NaN);
      const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')}.` : '';
      const retry = headers?.get('retry-after');
      return {
        ...error,
        code: 'forbidden',
        detail: message ?? undefined,
        message: `${this.ctx.serverLabel} refused the call: the API rate limit is used up (HTTP ${error.status}${message ? `: ${message}` : ''}).${when}${retry ? ` Retry after ${retry} s.` : ''} Wait, or use a token with a higher limit.`,
      };
    }
    if (!message) return error;
    const words: Record<number, string> = {
      401: 'refused the token',
      403: 'refused the operation (forbidden: the token lacks a permission, or the repository does not allow it)',
      404: 'has no such item (or the token cannot see this repository)',
    };
    const what = words[error.status ?? 0] ?? `answered HTTP ${error.status}`;
    return { ...error, detail: message, message: `${this.ctx.serverLabel} ${what} (HTTP ${error.status}): ${message}` };
  }

  private async call(request: Omit<HttpRequest, 'url'> & { path: string }, options: CallOptions = {}): Promise<Result<HttpResponse>> {
    if (this.badRepository) {
      return fail(adapterError('invalid-input', `'${this.options.repository}' is not a GitHub repository in the form owner/name.`, { source: this.name }));
    }
    let headers: Headers | null = null;
    const base: FetchLike = this.options.fetch ?? fetch;
    // Keeps the answer's headers (rate limit, Link) for the error words.
    const recording: FetchLike = async (input, init) => {
      const response = await base(input, init);
      headers = response.headers;
      return response;
    };
    const res = await bearerRequest(
      {
        ctx: this.ctx,
        tokens: this.options.tokens,
        baseUrl: this.baseUrl,
        fetch: recording,
        timeoutMs: this.options.timeoutMs,
        noToken: () =>
          adapterError('unauthorized', `No GitHub token for ${this.name}: sign in to GitHub in the editor, add a token (scopes repo and workflow, or a fine-grained token with Actions: write and Contents: read) to the connection, or on the command line name one with tokenEnv (default GITHUB_TOKEN).`, {
            source: this.name,
          }),
      },
      { ...request, headers: { accept: 'application/vnd.github+json', 'x-github-api-version': GITHUB_API_VERSION, ...request.headers } },
      options,
    );
    // Only GitHub's error answers are read as GitHub errors (no token, a malformed 200: as they are).
    if (res.ok || !res.error.status || res.error.status < 400) return res;
    const error = this.githubError(res.error, headers);
    if (error.code === 'unauthorized') {
      this.options.tokens.invalidate();
      return fail({ ...error, message: `${error.message} The token from ${this.options.tokens.label} is wrong or expired: sign in again or store a new token.` });
    }
    return fail(error);
  }

  private unknownShape(what: string): AdapterError {
    return adapterError('server-error', `${this.ctx.serverLabel} sent ${what} in an unknown shape.`, { source: this.name });
  }

  private static workflow(raw: unknown): Workflow | null {
    if (!isRecord(raw)) return null;
    const id = asNumber(raw.id);
    const path = asString(raw.path);
    if (id === null || !path) return null;
    return {
      id,
      name: asString(raw.name) ?? path,
      path,
      state: asString(raw.state) ?? 'active',
      createdAt: date(raw.created_at),
      htmlUrl: asString(raw.html_url),
      badgeUrl: asString(raw.badge_url),
    };
  }

  /** The workflow file's text from the default branch (contents API, base64). */
  private async readFile(path: string, options: CallOptions): Promise<Result<string>> {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const res = await this.call({ path: `${this.repoPath}/contents/${encoded}` }, options);
    if (!res.ok) return res;
    const body = asRecord(res.value.body);
    if (asString(body.type) !== 'file') return fail(this.unknownShape(`${path} (not a file)`));
    const content = asString(body.content);
    const encoding = asString(body.encoding);
    if (content === null || encoding !== 'base64') {
      // Files over 1 MB come without content (encoding "none").
      return fail(adapterError('unsupported', `${this.ctx.serverLabel} did not send the content of ${path} (encoding ${encoding ?? 'none'}; files over 1 MB are not sent inline).`, { source: this.name }));
    }
    return ok(Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8'));
  }

  private where(s: LiveSchedule | Workflow): string {
    const path = 'path' in s ? s.path : (s.details['workflow file'] ?? s.name);
    return `GitHub Actions workflow ${path} in ${this.owner}/${this.repo}`;
  }

  private changeSupport(w: Workflow, entry: number): ScheduleChangeSupport {
    return {
      operations: ['pause', 'resume'],
      pauseStopsRuns: true,
      via: 'the GitHub Actions API (disable / enable the workflow)',
      reason: `Its schedule is written in ${w.path} in ${this.owner}/${this.repo}: to change the cron, edit that file (the editor does it as a reviewable edit of the workspace copy), commit and push; to delete it, delete the file and push.`,
      fileEdit: { operations: ['update'], path: w.path, format: 'github-workflow', entry, repository: `${this.owner}/${this.repo}` },
    };
  }

  /** The rows of one workflow: one per schedule entry (none when it has no schedule). */
  toLive(w: Workflow, parsed: WorkflowParse | { ok: false; message: string; readError: true }): LiveSchedule[] {
    const pipeline = zenmlWorkflowPipeline(w.path);
    const madeByZenml = pipeline !== null;
    const warnings: string[] = [];
    const paused = w.state !== 'active';
    if (w.state === 'disabled_inactivity') {
      warnings.push('GitHub disabled this workflow after 60 days without activity in the (public) repository: it runs again only once it is enabled (resume).');
    }
    if (w.state === 'disabled_fork') warnings.push('GitHub disables the workflows of a fork until they are enabled in it.');
    const details: Record<string, string> = { 'workflow id': String(w.id), 'workflow file': w.path, repository: `${this.owner}/${this.repo}`, 'workflow state': w.state };
    details['GitHub Actions'] = 'runs a schedule at most every 5 minutes and may delay it at busy times; in a public repository it disables scheduled workflows after 60 days without activity';
    const base = {
      pipeline,
      orchestrator: 'github',
      intervalSeconds: null,
      startTime: null,
      endTime: null,
      runOnceTime: null,
      catchup: false,
      state: paused ? ('paused' as const) : ('active' as const),
      created: w.createdAt,
      zenmlId: null,
      match: { madeByZenml, nativeName: w.path, pipeline },
      ...(w.htmlUrl ? { url: w.htmlUrl } : {}),
    };
    if (!parsed.ok) {
      return [
        {
          ...base,
          id: String(w.id),
          name: w.name,
          kind: null,
          expression: null,
          timeZone: null,
          details,
          warnings: [...warnings, `The schedule of ${w.path} could not be read: ${parsed.message}.`],
          changes: this.changeSupport(w, 0),
        },
      ];
    }
    const entries = parsed.entries;
    if (entries.length > 1) details['schedules in the workflow'] = `${entries.length} (pause and resume act on the whole workflow)`;
    return entries.map((e) => {
      const entryWarnings = [...warnings];
      if (!e.cron) entryWarnings.push(`Entry ${e.index + 1} of on.schedule in ${w.path} has no cron string.`);
      if (e.timezone && !isValidTimeZone(e.timezone)) entryWarnings.push(`timezone '${e.timezone}' is not an IANA time zone this editor knows; next runs are shown in UTC.`);
      return {
        ...base,
        id: entries.length > 1 ? `${w.id}#${e.index + 1}` : String(w.id),
        name: entries.length > 1 ? `${w.name} #${e.index + 1}` : w.name,
        kind: e.cron ? ('cron' as const) : null,
        expression: e.cron,
        timeZone: e.cron ? (e.timezone ?? 'UTC') : null,
        details: { ...details, ...(e.timezone ? { timezone: e.timezone } : {}) },
        warnings: entryWarnings,
        changes: this.changeSupport(w, e.index),
      };
    });
  }

  /** A workflow's rows: its file read and parsed (a missing or unreadable file: a row that says why, when it looks scheduled). */
  private async rowsOf(w: Workflow, options: CallOptions): Promise<Result<LiveSchedule[]>> {
    const text = await this.readFile(w.path, options);
    if (!text.ok) {
      if (text.error.code === 'not-found') return ok([]); // the file is not on the default branch (any more)
      // A file GitHub does not send inline (over 1 MB): a row that says so, not a failed list.
      if (text.error.code === 'unsupported') return ok(this.toLive(w, { ok: false, message: text.error.message.replace(/\.$/, '') }));
      return text;
    }
    const parsed = parseWorkflowSchedules(text.value);
    if (!parsed.ok && !/\bschedule\b/.test(text.value)) return ok([]);
    return ok(this.toLive(w, parsed));
  }

  private async workflowPage(page: number, perPage: number, options: CallOptions): Promise<Result<{ workflows: Workflow[]; next?: number; total?: number }>> {
    const res = await this.call({ path: `${this.repoPath}/actions/workflows`, query: { per_page: perPage, page } }, options);
    if (!res.ok) return res;
    const body = asRecord(res.value.body);
    if (!Array.isArray(body.workflows)) return fail(this.unknownShape('a workflow list'));
    const workflows: Workflow[] = [];
    for (const raw of body.workflows) {
      const w = GithubAdapter.workflow(raw);
      if (!w) return fail(this.unknownShape('a workflow'));
      workflows.push(w);
    }
    const total = asNumber(body.total_count) ?? undefined;
    const link = res.value.headers.get('link') ?? '';
    const hasNext = /rel="next"/.test(link) || (!link && total !== undefined && page * perPage < total && workflows.length > 0);
    return ok({ workflows, next: hasNext ? page + 1 : undefined, total });
  }

  /** Workflows with a schedule, one row per `on.schedule` entry; `includeAll` adds deleted workflows' rows too. */
  async list(options: ListOptions = {}): Promise<Result<Page<LiveSchedule>>> {
    const perPage = Math.min(100, Math.max(1, options.pageSize ?? this.options.pageSize ?? GITHUB_DEFAULT_PAGE_SIZE));
    const page = options.page && /^\d+$/.test(options.page) ? Number(options.page) : 1;
    const listed = await this.workflowPage(page, perPage, options);
    if (!listed.ok) return listed;
    const workflows = listed.value.workflows.filter((w) => options.includeAll || w.state !== 'deleted');
    const items: LiveSchedule[] = [];
    for (let i = 0; i < workflows.length; i += FILE_READS_AT_ONCE) {
      const batch = await Promise.all(workflows.slice(i, i + FILE_READS_AT_ONCE).map((w) => this.rowsOf(w, options)));
      for (const rows of batch) {
        if (!rows.ok) return rows;
        items.push(...rows.value);
      }
    }
    return ok({ items, next: listed.value.next !== undefined ? String(listed.value.next) : undefined });
  }

  private async workflowById(id: string, options: CallOptions): Promise<Result<Workflow>> {
    const res = await this.call({ path: `${this.repoPath}/actions/workflows/${encodeURIComponent(id)}` }, options);
    if (!res.ok) return res;
    const w = GithubAdapter.workflow(res.value.body);
    return w ? ok(w) : fail(this.unknownShape('a workflow'));
  }

  /** A row id (`123`, `123#2`), a workflow file name (`nightly.yml`, with `#N` for one entry), or a row's name. */
  async get(idOrName: string, options: CallOptions = {}): Promise<Result<LiveSchedule>> {
    const id = parseId(idOrName);
    if (id) {
      const w = await this.workflowById(id.workflow, options);
      if (!w.ok) return w.error.code === 'not-found' ? fail({ ...w.error, message: `${this.name} has no GitHub Actions workflow ${id.workflow} in ${this.owner}/${this.repo}.` }) : w;
      const rows = await this.rowsOf(w.value, options);
      if (!rows.ok) return rows;
      if (!rows.value.length) return fail(adapterError('not-found', `${this.where(w.value)} has no on.schedule entries.`, { source: this.name }));
      if (id.entry === null) {
        if (rows.value.length === 1) return ok(rows.value[0]);
        return fail(adapterError('conflict', `${this.where(w.value)} has ${rows.value.length} schedules (${rows.value.map((r) => r.id).join(', ')}); name one.`, { source: this.name }));
      }
      const row = rows.value.length === 1 && id.entry === 1 ? rows.value[0] : rows.value.find((r) => r.id === `${w.value.id}#${id.entry}`);
      return row ? ok(row) : fail(adapterError('not-found', `${this.where(w.value)} has no schedule #${id.entry}.`, { source: this.name }));
    }
    const all = await collectPages(async (page) => {
      const r = await this.list({ ...options, page, pageSize: 100 });
      return r.ok ? ok({ items: r.value.items, next: r.value.next }) : r;
    });
    if (!all.ok) return all;
    const found = all.value.filter((s) => s.name === idOrName || s.details['workflow file'] === idOrName);
    if (!found.length) return fail(adapterError('not-found', `${this.name} has no scheduled GitHub Actions workflow named '${idOrName}' in ${this.owner}/${this.repo}.`, { source: this.name }));
    if (found.length > 1) return fail(adapterError('conflict', `${this.name} has ${found.length} schedules named '${idOrName}' (${found.map((s) => s.id).join(', ')}); use the id.`, { source: this.name }));
    return ok(found[0]);
  }

  private workflowIdOf(s: LiveSchedule): string {
    return s.details['workflow id'] ?? s.id.split('#')[0];
  }

  /** Disable or enable the workflow, then read its state back from GitHub. */
  private async setEnabled(idOrName: string, enable: boolean, options: CallOptions): Promise<Result<ChangeReport>> {
    const before = await this.get(idOrName, options);
    if (!before.ok) return before;
    const s = before.value;
    const wid = this.workflowIdOf(s);
    const wanted = enable ? 'active' : 'disabled_manually';
    const state = s.details['workflow state'];
    const isWanted = (st: string | undefined) => (enable ? st === 'active' : st !== undefined && st !== 'active');
    if (isWanted(state)) return ok({ changed: [], unchanged: [{ where: this.where(s), why: `already ${enable ? 'enabled' : `disabled (${state})`}` }], after: s });
    const res = await this.call({ method: 'PUT', path: `${this.repoPath}/actions/workflows/${encodeURIComponent(wid)}/${enable ? 'enable' : 'disable'}` }, options);
    if (!res.ok) return fail({ ...res.error, message: `Nothing was changed on ${this.where(s)}: ${res.error.message}` });
    const after = await this.workflowById(wid, options);
    if (!after.ok) return fail({ ...after.error, message: `GitHub accepted the change, but reading ${this.where(s)} back failed: ${after.error.message}` });
    if (!isWanted(after.value.state)) return ok({ changed: [], unchanged: [{ where: this.where(s), why: `state is ${after.value.state} when read back (expected ${wanted})` }] });
    const readBack = { ...s, state: enable ? ('active' as const) : ('paused' as const), details: { ...s.details, 'workflow state': after.value.state }, warnings: s.warnings.filter((w) => !/disabled this workflow after 60 days|disables the workflows of a fork/.test(w)) };
    const entries = Number(/^(\d+)/.exec(s.details['schedules in the workflow'] ?? '')?.[1] ?? 1);
    const what = `workflow ${enable ? 'enabled' : 'disabled'}${entries > 1 ? ` (all ${entries} of its schedules)` : ''}`;
    return ok({ changed: [{ where: this.where(s), what }], unchanged: [], after: readBack });
  }

  pause(id: string, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    return this.setEnabled(id, false, options);
  }

  /** GitHub starts no runs for the times missed while the workflow was disabled: there is no catch-up to choose. */
  resume(id: string, options: CallOptions & { catchUp?: boolean } = {}): Promise<Result<ChangeReport>> {
    if (options.catchUp === true) {
      return Promise.resolve(fail(adapterError('unsupported', 'Nothing was changed: GitHub Actions cannot catch up the runs missed while a workflow was disabled.', { source: this.name })));
    }
    return this.setEnabled(id, true, options);
  }

  /** Refused: the cron is written in a file in the repository (the editor edits the workspace copy for review). */
  async update(id: string, change: { expression: string }, options: CallOptions = {}): Promise<Result<ChangeReport>> {
    const s = await this.get(id, options);
    if (!s.ok) return s;
    const path = s.value.details['workflow file'];
    return fail(
      adapterError(
        'unsupported',
        `Nothing was changed: the schedule of ${this.where(s.value)} is written in the file ${path}; GitHub has no API to change it. Edit the cron there ('${change.expression}'; in the editor: Update on the row edits the workspace copy for review), commit and push.`,
        { source: this.name },
      ),
    );
  }

  /** Refused: deleting a workflow means deleting its file. */
  async delete(id: string, options: CallOptions & { purge?: boolean } = {}): Promise<Result<ChangeReport>> {
    const s = await this.get(id, options);
    if (!s.ok) return s;
    return fail(adapterError('unsupported', `Nothing was deleted: ${this.where(s.value)} is a file in the repository: delete the file ${s.value.details['workflow file']} and push (or pause it: disable the workflow).`, { source: this.name }));
  }

  /** The workflow's runs started by its schedule (event=schedule), newest first. */
  async runs(id: string, options: CallOptions & { limit?: number } = {}): Promise<Result<LiveRun[]>> {
    // A row id names the workflow already (one request per row on refresh); a name is looked up first.
    // Every schedule entry of a workflow gets the workflow's runs: GitHub's run list does not say which cron fired.
    const known = /^(\d+)(?:#\d+)?$/.exec(id.trim());
    let scheduleId = id.trim();
    let workflowId = known?.[1];
    if (!workflowId) {
      const s = await this.get(id, options);
      if (!s.ok) return s;
      scheduleId = s.value.id;
      workflowId = this.workflowIdOf(s.value);
    }
    const perPage = Math.min(100, Math.max(1, options.limit ?? 10));
    const res = await this.call({ path: `${this.repoPath}/actions/workflows/${encodeURIComponent(workflowId)}/runs`, query: { event: 'schedule', per_page: perPage } }, options);
    if (!res.ok) return res.error.code === 'not-found' ? fail({ ...res.error, message: `${this.name} has no GitHub Actions workflow ${workflowId} in ${this.owner}/${this.repo}.` }) : res;
    const raw = asRecord(res.value.body).workflow_runs;
    if (!Array.isArray(raw)) return fail(this.unknownShape('a run list'));
    const runs: LiveRun[] = [];
    for (const r of raw) {
      const run = asRecord(r);
      const runId = asNumber(run.id);
      const created = date(run.run_started_at) ?? date(run.created_at);
      if (runId === null || !created) return fail(this.unknownShape('a run'));
      const status = runStatus(asString(run.status), asString(run.conclusion));
      const ended = asString(run.status) === 'completed' ? date(run.updated_at) : null;
      runs.push({
        id: String(runId),
        name: asString(run.display_title) ?? asString(run.name) ?? undefined,
        status,
        created,
        ...(ended ? { ended } : {}),
        ...(asString(run.html_url) ? { url: asString(run.html_url)! } : {}),
        scheduleId,
      });
    }
    return ok(runs.slice(0, perPage));
  }
}

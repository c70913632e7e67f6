// The one interface every schedule source implements: the ZenML server and each
// orchestrator (Kubernetes, Kubeflow, Vertex AI, Airflow, GitHub Actions, Databricks).
// The tree, the commands and the command line talk only to this interface; nothing
// outside src/adapters/ branches on the kind of source. No vscode import.

import type { Dialect } from '../common/flavors';
import type { AdapterError } from './errors';
import type { FetchLike } from './http';

export type LiveScheduleKind = 'cron' | 'interval' | 'once';
export type ScheduleState = 'active' | 'paused' | 'archived' | 'completed';
export type ScheduleHealth = 'ok' | 'failing' | 'silent' | 'unknown';
export type Operation = 'list' | 'get' | 'pause' | 'resume' | 'update' | 'delete' | 'create' | 'runs';

/** What a source can really do, declared up front so that faces offer only what works. */
export interface AdapterCapabilities {
  operations: readonly Operation[];
  kinds: readonly LiveScheduleKind[];
  /** The cron dialect the source's scheduler reads. */
  dialect: Dialect;
  /** Whether pausing here really stops runs (false: only a record changes, and the faces must say so). */
  pauseStopsRuns: boolean;
  /** Whether resume takes a catch-up choice (`resume(id, {catchUp})`); otherwise it resumes as the orchestrator does. */
  resumeCatchUp?: boolean;
}

export interface LiveRun {
  id: string;
  name?: string;
  /** A status as the source names it, normalised to lower case (`completed`, `failed`, `running`, …). */
  status: string;
  created: Date;
  /** When it finished, when the source says (ZenML: the run's end_time); its duration is ended − created. */
  ended?: Date;
  /** A link to the run in the source's dashboard, when it has one. */
  url?: string;
  /** The schedule that started it, when the source says (bulk run lists for health). */
  scheduleId?: string;
}

/** One schedule as the source reports it, parsed into plain data. */
export interface LiveSchedule {
  /** The source's own id (ZenML UUID, CronJob name, recurring run id, DAG id, …). */
  id: string;
  name: string;
  pipeline: string | null;
  /** The orchestrator flavor that fires it (`kubernetes`, `airflow`, …), or null when unknown. */
  orchestrator: string | null;
  kind: LiveScheduleKind | null;
  expression: string | null;
  intervalSeconds: number | null;
  /** Instants are UTC Dates (ZenML's naive UTC strings are read as UTC). */
  startTime: Date | null;
  endTime: Date | null;
  runOnceTime: Date | null;
  catchup: boolean | null;
  /** The zone the scheduler reads the cron in, when the source says (CronJob spec.timeZone, …). */
  timeZone: string | null;
  state: ScheduleState;
  /**
   * Set (with the why, in words) when `state` is 'paused' only in a record that does not control what
   * fires: a ZenML record set inactive on an orchestrator ZenML cannot pause (Airflow, Vertex AI, …, not
   * connected here). The faces then never say "paused" (src/workspace/liveState.ts).
   */
  mayStillFire?: string;
  created: Date | null;
  /** The ZenML record merged into an orchestrator's row, or null. */
  zenmlId: string | null;
  /**
   * For merging an orchestrator's row with the ZenML record it came from (issue 11): what ZenML made, by
   * ZenML's naming rules (facts file section 6). Orchestrator adapters set `madeByZenml` and the pipeline
   * name read from the native name; `nativeName` is the native object's name (CronJob name, DAG id,
   * recurring run name/display name, job name). The ZenML adapter sets `nativeName` on a record when ZenML
   * stored it (run metadata `cron_job_name` on Kubernetes).
   */
  match?: { madeByZenml: boolean; nativeName?: string; pipeline?: string | null };
  /** How the ZenML record was matched ("run metadata", "matched by name"), for the tooltip. */
  matchedBy?: string;
  /** Source-specific facts for the tooltip (ids, concurrency policy, …): label → value. */
  details: Record<string, string>;
  /** Warnings about this schedule (e.g. a CronJob without startingDeadlineSeconds). */
  warnings: string[];
  /** Where the schedule's record can be opened in a dashboard, when there is one. */
  url?: string;
  /**
   * What can really be changed on this schedule (it depends on the orchestrator that fires it), so that
   * faces say so before doing anything; undefined = the adapter's capabilities apply as declared.
   */
  changes?: ScheduleChangeSupport;
}

export interface ScheduleChangeSupport {
  /** The operations that really change what fires (pause, resume, update, delete). */
  operations: readonly Operation[];
  /** Whether pausing here really stops runs. */
  pauseStopsRuns: boolean;
  /** Why the others cannot be done, in words for every face ("ZenML cannot change schedules on Airflow …"). */
  reason?: string;
  /** What changes it (ZenML's client on the CronJob, the orchestrator's adapter, …), for the confirmation. */
  via?: string;
  /**
   * False when delete can only remove the record for good (purge): a ZenML server older than 0.93.1 has
   * no archive. Undefined: as the source's delete does (ZenML: archive by default, purge when asked).
   */
  deleteArchives?: boolean;
  /**
   * Changes made by editing a file in the repository instead (a GitHub Actions workflow): the faces
   * apply them as a reviewable edit of the workspace copy, never a commit (src/workspace/sourceFileEdit.ts).
   */
  fileEdit?: SourceFileEdit;
}

/** Where a schedule is written in a file of a repository, for an edit the user reviews, commits and pushes. */
export interface SourceFileEdit {
  /** The operations done by editing the file (update: the cron). */
  operations: readonly Operation[];
  /** The file's path inside its repository (`.github/workflows/nightly.yml`). */
  path: string;
  /** How to find the schedule in it. */
  format: 'github-workflow';
  /** Which schedule entry (0-based). */
  entry: number;
  /** The repository (`owner/name`), for messages. */
  repository?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; undefined when this was the last. */
  next?: string;
  total?: number;
}

/** Every call can be cancelled and has a timeout (the adapter's default when not given). */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ListOptions extends CallOptions {
  page?: string;
  pageSize?: number;
  /** Include archived (ZenML) or non-ZenML (orchestrators) schedules. */
  includeAll?: boolean;
}

export interface CreateRequest {
  pipeline: string;
  name?: string;
  expression?: string;
  intervalSeconds?: number;
  startTime?: Date;
  endTime?: Date;
  catchup?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AdapterError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: AdapterError): Result<T> => ({ ok: false, error });

/** What every HTTP adapter's options share: an injectable fetch, the default timeout and page size, a clock. */
export interface AdapterCallDefaults {
  fetch?: FetchLike;
  timeoutMs?: number;
  pageSize?: number;
  now?: () => Date;
}

/** What a change did, where: the faces print it, the CLI's --json returns it. */
export interface ChangeReport {
  changed: { where: string; what: string }[];
  unchanged: { where: string; why: string }[];
  /** The schedule as read back after the change (undefined after a delete). */
  after?: LiveSchedule;
}

export interface ScheduleAdapter {
  /** The connection's name (unique among connections). */
  readonly name: string;
  /** The connection's type: zenml, kubernetes, kubeflow, vertex, airflow, github, databricks. */
  readonly type: string;
  readonly capabilities: AdapterCapabilities;
  list(options?: ListOptions): Promise<Result<Page<LiveSchedule>>>;
  get(id: string, options?: CallOptions): Promise<Result<LiveSchedule>>;
  pause(id: string, options?: CallOptions): Promise<Result<ChangeReport>>;
  resume(id: string, options?: CallOptions & { catchUp?: boolean }): Promise<Result<ChangeReport>>;
  update(id: string, change: { expression: string }, options?: CallOptions): Promise<Result<ChangeReport>>;
  delete(id: string, options?: CallOptions & { purge?: boolean }): Promise<Result<ChangeReport>>;
  create?(request: CreateRequest, options?: CallOptions): Promise<Result<ChangeReport>>;
  runs?(id: string, options?: CallOptions & { limit?: number }): Promise<Result<LiveRun[]>>;
  /**
   * The newest runs of all schedules at once (for health on refresh: one request instead of one per
   * schedule); each run carries its scheduleId. `truncated` says older runs exist beyond `limit`.
   */
  recentRuns?(options?: CallOptions & { limit?: number }): Promise<Result<{ runs: LiveRun[]; truncated: boolean }>>;
  /**
   * The names of the pipelines the source knows, scheduled or not (ZenML: every pipeline on the server), so
   * that a face can say a code schedule's pipeline is known there but has no live schedule. Optional: a source
   * that cannot say leaves it out, and nothing is marked for it.
   */
  pipelineNames?(options?: CallOptions): Promise<Result<string[]>>;
  /** Forget cached lookups (server version, components, pipelines): the next call reads them again. */
  reset?(): void;
  /** An interactive sign-in the face provides for this source (VS Code's GitHub sign-in), when there is one. */
  signIn?(): Promise<boolean>;
}

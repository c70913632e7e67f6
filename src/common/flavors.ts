// Which orchestrator flavors can run schedules, of which kinds, in which cron
// dialect, and whether ZenML can change the schedule after it is created.
// One table, the only place these facts live (source: ZenML docs and code,
// see shared/reference/zenml-scheduling-facts.md section 3). The lowest layer:
// the cron engine, discovery, findings, ZenML code and the adapters all read it.

/** The cron dialects the engine reads (one per scheduling orchestrator, plus POSIX `standard`). */
export const DIALECTS = ['standard', 'kubernetes', 'kubeflow', 'vertex', 'airflow', 'github', 'databricks'] as const;
export type Dialect = (typeof DIALECTS)[number];

export type ScheduleKind = 'cron' | 'interval' | 'once';

export interface OrchestratorCapability {
  flavor: string;
  displayName: string;
  canSchedule: boolean;
  kinds: readonly ScheduleKind[];
  dialect: Dialect;
  /** ZenML can update / pause / delete the schedule on the orchestrator afterwards. */
  managedByZenml: boolean;
  /** Whether start_time / end_time bound the runs (facts §11); undefined when not known. */
  window?: boolean;
  /** Whether catchup is passed on (facts §11); undefined when not known. */
  catchup?: boolean;
  note?: string;
}

const none: readonly ScheduleKind[] = [];

export const CAPABILITIES: readonly OrchestratorCapability[] = [
  { flavor: 'local', displayName: 'Local', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'local_docker', displayName: 'Local Docker', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'local_threaded', displayName: 'Local threaded', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'kubernetes', displayName: 'Kubernetes', canSchedule: true, kinds: ['cron'], dialect: 'kubernetes', managedByZenml: true, window: false, catchup: false },
  { flavor: 'kubeflow', displayName: 'Kubeflow', canSchedule: true, kinds: ['cron', 'interval'], dialect: 'kubeflow', managedByZenml: false, window: true, catchup: true },
  { flavor: 'vertex', displayName: 'Vertex AI', canSchedule: true, kinds: ['cron'], dialect: 'vertex', managedByZenml: false, window: true, catchup: false },
  { flavor: 'airflow', displayName: 'Airflow', canSchedule: true, kinds: ['cron', 'interval'], dialect: 'airflow', managedByZenml: false, window: true, catchup: true },
  { flavor: 'sagemaker', displayName: 'SageMaker', canSchedule: true, kinds: ['cron', 'interval', 'once'], dialect: 'standard', managedByZenml: false },
  { flavor: 'azureml', displayName: 'AzureML', canSchedule: true, kinds: ['cron', 'interval'], dialect: 'standard', managedByZenml: false },
  { flavor: 'databricks', displayName: 'Databricks', canSchedule: true, kinds: ['cron'], dialect: 'databricks', managedByZenml: false, window: false, catchup: false, note: 'Quartz syntax; needs a time zone id' },
  { flavor: 'hyperai', displayName: 'HyperAI', canSchedule: true, kinds: ['cron', 'once'], dialect: 'standard', managedByZenml: false, note: 'deprecated' },
  { flavor: 'ssh', displayName: 'SSH', canSchedule: true, kinds: ['cron', 'once'], dialect: 'standard', managedByZenml: false, note: 'static pipelines only; cron via crontab, one-time via at' },
  { flavor: 'tekton', displayName: 'Tekton', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'vm_aws', displayName: 'SkyPilot (AWS)', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'vm_gcp', displayName: 'SkyPilot (GCP)', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'vm_azure', displayName: 'SkyPilot (Azure)', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'vm_lambda', displayName: 'SkyPilot (Lambda)', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'vm_kubernetes', displayName: 'SkyPilot (Kubernetes)', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'slurm', displayName: 'Slurm', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'modal', displayName: 'Modal', canSchedule: false, kinds: none, dialect: 'standard', managedByZenml: false },
  { flavor: 'github', displayName: 'GitHub Actions', canSchedule: true, kinds: ['cron'], dialect: 'github', managedByZenml: false, window: false, catchup: false },
];

const byFlavor = new Map(CAPABILITIES.map((c) => [c.flavor, c]));

/** The capability of a flavor, or undefined when the flavor is unknown (lightning, runai, custom ones). */
export function capabilityOf(flavor: string | null | undefined): OrchestratorCapability | undefined {
  if (!flavor) return undefined;
  return byFlavor.get(flavor.trim().toLowerCase());
}

/** The cron dialect a flavor reads; `standard` for unknown flavors. */
export function dialectOfFlavor(flavor: string | null | undefined): Dialect {
  return capabilityOf(flavor)?.dialect ?? 'standard';
}

export function isKnownFlavor(flavor: string | null | undefined): boolean {
  return capabilityOf(flavor) !== undefined;
}

/** The orchestrator the code will run on, and where that answer came from. */
export interface OrchestratorContext {
  /** The flavor string, e.g. `kubernetes`, `local`, or an unknown custom flavor. */
  flavor: string;
  /**
   * setting = zenmlSchedules.orchestrator; flag = CLI --orchestrator; settings = the one flavor named by the
   * file's `orchestrator.<flavor>` settings keys; zenml = detected from the active stack.
   */
  source: 'setting' | 'zenml' | 'flag' | 'settings';
  /** The active stack's name, when detected from ZenML. */
  stackName?: string;
  /** ZenML's own answer (`is_schedulable`) when detected; it wins over the capability table. */
  canSchedule?: boolean;
  /** Names of the stacks of this ZenML whose orchestrator can schedule (for messages and quick fixes). */
  schedulableStacks?: string[];
}

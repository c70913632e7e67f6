// Orchestrators that can run schedules but have no adapter here yet (SageMaker, AzureML, HyperAI,
// SSH): the layer's one answer, "no adapter yet: manage it in <the orchestrator's console>", used as
// the `changes.reason` of their ZenML records (which still show) and as the error for a connection.
// No vscode import.

import { capabilityOf } from '../common/flavors';

/** Where each such orchestrator's schedules are managed (what ZenML creates there, facts §3). */
export const SCHEDULE_CONSOLES: Readonly<Record<string, string>> = {
  sagemaker: 'the AWS console (Amazon EventBridge Scheduler, where ZenML puts SageMaker pipeline schedules)',
  azureml: 'Azure Machine Learning studio (Jobs → Schedules)',
  hyperai: "the HyperAI instance's crontab (ZenML writes the cron job there over SSH)",
  ssh: "the SSH host's crontab (cron) or at queue (one-time runs)",
};

/** The reason for a flavor that can schedule but has no adapter, or null (an adapter exists, or it cannot schedule). */
export function noAdapterReason(flavor: string | null | undefined): string | null {
  const capability = capabilityOf(flavor);
  if (!capability || !capability.canSchedule) return null;
  const console = SCHEDULE_CONSOLES[capability.flavor];
  if (!console) return null;
  return `No adapter yet for ${capability.displayName}: manage this schedule in ${console}. ZenML's record only changes a database row while ${capability.displayName} keeps firing.`;
}

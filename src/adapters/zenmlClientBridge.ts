// The small function interface through which the ZenML server adapter asks ZenML's own
// Python client (in the user's interpreter) to make changes ZenML itself carries out on the
// orchestrator (today: Kubernetes CronJobs, facts §8). The implementation runs the helper
// (src/zenml) with ZENML_STORE_URL + ZENML_STORE_API_KEY pointed at the connection's server;
// tests and the CLI inject it, so the adapter never spawns anything itself.

import type { CallOptions, Result } from './types';

/** The server the client must talk to, with the connection's credentials. */
export interface ZenmlServerTarget {
  url: string;
  apiKey?: string;
  /** A bearer token (from `zenml login`'s credentials.yaml) when there is no API key. */
  accessToken?: string;
}

export interface ZenmlScheduleChange {
  active?: boolean;
  cronExpression?: string;
}

/** What the client did on the orchestrator, in its words ("CronJob nightly-train suspended"). */
export interface BridgeOutcome {
  /** Where the change happened ("CronJob zenml/abc-train"). */
  where: string;
  what: string;
}

export interface ZenmlClientBridge {
  /** `Client().update_schedule(id, active=…, cron_expression=…)`: the orchestrator first, then the record. */
  updateSchedule(target: ZenmlServerTarget, scheduleId: string, change: ZenmlScheduleChange, options?: CallOptions): Promise<Result<BridgeOutcome[]>>;
  /** `Client().delete_schedule(id, soft=…)`: deletes on the orchestrator, then archives (soft) or removes the record. */
  deleteSchedule(target: ZenmlServerTarget, scheduleId: string, options: CallOptions & { soft: boolean }): Promise<Result<BridgeOutcome[]>>;
}

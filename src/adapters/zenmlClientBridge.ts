// The small function interface through which the ZenML server adapter asks ZenML's own
// Python client (in the user's interpreter) to make the changes ZenML itself carries out on
// the orchestrator (today: Kubernetes CronJobs, facts §8). The implementation that runs
// the helper is changeThroughZenmlClient (zenmlClientChange.ts); the faces build the bridge
// with their interpreter (the CLI's --python, the editor's Python), so the adapter itself
// never decides which Python to spawn.

import { changeThroughZenmlClient, type ScheduleChange } from './zenmlClientChange';
import { adapterError } from './errors';
import type { CallOptions, ChangeReport, Result } from './types';

export type { ScheduleChange } from './zenmlClientChange';

/** The server the client must talk to, with the connection's credentials. */
export interface ZenmlServerTarget {
  url: string;
  apiKey?: string;
  /** A bearer token (from `zenml login`'s credentials.yaml) when there is no API key. */
  accessToken?: string;
  /** The connection's name, for errors. */
  source?: string;
  /** The server says it needs no authentication (`auth_scheme: NO_AUTH`, `zenml login --local`): ZENML_STORE_URL alone. */
  noAuth?: boolean;
}

export interface ZenmlClientBridge {
  /**
   * `Client().update_schedule(…)` / `delete_schedule(…, soft=…)` against `target`: the orchestrator
   * first, then the record, both read back by the helper. The report says what changed where.
   */
  change(target: ZenmlServerTarget, scheduleId: string, change: ScheduleChange, options?: CallOptions): Promise<Result<ChangeReport>>;
}

/** The bridge through helper.py in `pythonPath` (with ZenML and the `kubernetes` package). */
export function pythonClientBridge(pythonPath: string, env?: NodeJS.ProcessEnv): ZenmlClientBridge {
  return {
    async change(target, scheduleId, change, options = {}) {
      if (!target.apiKey && !target.accessToken && !target.noAuth) {
        return {
          ok: false,
          error: adapterError('unauthorized', `Nothing was changed: ZenML's client needs an API key or a login token for ${target.url}.`, target.source ? { source: target.source } : {}),
        };
      }
      const result = await changeThroughZenmlClient(
        { pythonPath, serverUrl: target.url, apiKey: target.apiKey, accessToken: target.accessToken, env, source: target.source },
        scheduleId,
        change,
        options,
      );
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error };
    },
  };
}

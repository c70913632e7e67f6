// Which orchestrator the checked code targets. Today: the --orchestrator flag.
// ZenML detection (`--python PATH`) plugs in here, so that every command resolves
// the orchestrator the same way.

import { isKnownFlavor } from '../zenml/capabilities';
import type { OrchestratorContext } from '../findings/types';

export interface OrchestratorRequest {
  /** --orchestrator FLAVOR */
  flavor?: string;
}

export interface CliNote {
  code: 'unknown-orchestrator';
  severity: 'info';
  message: string;
}

export interface OrchestratorResolution {
  /** Null when unknown: orchestrator-specific findings are skipped and the standard dialect applies. */
  orchestrator: OrchestratorContext | null;
  /** Whether the flavor is in the capability table. */
  known: boolean;
  notes: CliNote[];
}

export function unknownOrchestratorNote(flavor: string): CliNote {
  return {
    code: 'unknown-orchestrator',
    severity: 'info',
    message:
      `Orchestrator flavor '${flavor}' is unknown: the standard cron dialect applies and ` +
      'whether it can run schedules is not checked.',
  };
}

export async function resolveOrchestrator(request: OrchestratorRequest): Promise<OrchestratorResolution> {
  const flavor = request.flavor?.trim();
  if (!flavor) return { orchestrator: null, known: false, notes: [] };
  const orchestrator: OrchestratorContext = { flavor, source: 'flag' };
  if (isKnownFlavor(flavor)) return { orchestrator, known: true, notes: [] };
  return { orchestrator, known: false, notes: [unknownOrchestratorNote(flavor)] };
}

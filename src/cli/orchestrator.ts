// Which orchestrator the checked code targets. Today: the --orchestrator flag.
// ZenML detection (`--python PATH`) plugs in here, so that every command resolves
// the orchestrator the same way.

import type { FindingCode, Severity } from '../findings/codes';
import type { OrchestratorContext } from '../findings/types';
import { capabilityOf, isKnownFlavor } from '../zenml/capabilities';

export interface OrchestratorRequest {
  /** --orchestrator FLAVOR */
  flavor?: string;
}

/** A fact about the command's context (not about one schedule), printed beside the output. */
export interface CliNote {
  code: FindingCode;
  severity: Severity;
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

/** For `explain --orchestrator local`: the expression may be fine, the orchestrator will not run it. */
export function cannotScheduleNote(flavor: string): CliNote | null {
  const capability = capabilityOf(flavor);
  if (!capability || capability.canSchedule) return null;
  return {
    code: 'unsupported-orchestrator',
    severity: 'warning',
    message: `The ${flavor} orchestrator cannot run schedules: ZenML raises at run time.`,
  };
}

export async function resolveOrchestrator(request: OrchestratorRequest): Promise<OrchestratorResolution> {
  const flavor = request.flavor?.trim();
  if (!flavor) return { orchestrator: null, known: false, notes: [] };
  const orchestrator: OrchestratorContext = { flavor, source: 'flag' };
  if (isKnownFlavor(flavor)) return { orchestrator, known: true, notes: [] };
  return { orchestrator, known: false, notes: [unknownOrchestratorNote(flavor)] };
}

// Which orchestrator the checked code targets. Today: the --orchestrator flag.
// ZenML detection (`--python PATH`) plugs in here, so that every command resolves
// the orchestrator the same way.

import type { Dialect } from '../cron/types';
import type { FindingCode, Severity } from '../common/codes';
import type { OrchestratorContext } from '../common/flavors';
import { defaultCronZone } from '../workspace/summary';
import { capabilityOf, isKnownFlavor } from '../common/flavors';
import {
  DEFAULT_HELPER_TIMEOUT_MS,
  describeState,
  detectOrchestrator,
  toOrchestratorContext,
  type DetectionError,
} from '../zenml/runner';
import { parseTimeZone } from './args';

export interface OrchestratorRequest {
  /** --orchestrator FLAVOR */
  flavor?: string;
  /** --python PATH: without --orchestrator, ask that interpreter's ZenML for the active stack. */
  python?: string;
  /** Where ZenML looks for its repository (walking up), for --python. */
  cwd?: string;
}

/** A fact about the command's context (not about one schedule), printed beside the output. */
export interface CliNote {
  /** A finding code, or zenml-stack / zenml-detection for what ZenML detection found. */
  code: FindingCode | 'zenml-stack' | 'zenml-detection';
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

/**
 * The zone to evaluate cron in: --tz when given, else defaultCronZone's choice. Orchestrators evaluate
 * server-side in UTC: the engine's default for their dialects, but flavors read in the `standard` dialect
 * (sagemaker, unknown flavors) must ask for it, or the engine would take this machine's zone. Undefined
 * elsewhere, so that a TZ= prefix is not reported as overriding a zone nobody chose.
 */
export function cronZoneOption(tzText: string | undefined, dialect: Dialect, orchestratorNamed: boolean): string | undefined {
  return tzText === undefined ? defaultCronZone(dialect, orchestratorNamed) : parseTimeZone(tzText);
}

export async function resolveOrchestrator(request: OrchestratorRequest): Promise<OrchestratorResolution> {
  const flavor = request.flavor?.trim();
  if (!flavor && request.python?.trim()) return resolveFromZenml(request.python.trim(), request.cwd);
  if (!flavor) return { orchestrator: null, known: false, notes: [] };
  const orchestrator: OrchestratorContext = { flavor, source: 'flag' };
  if (isKnownFlavor(flavor)) return { orchestrator, known: true, notes: [] };
  return { orchestrator, known: false, notes: [unknownOrchestratorNote(flavor)] };
}

/** The active stack's orchestrator, as the helper asks ZenML; a failure is a note, not an exit. */
async function resolveFromZenml(python: string, cwd: string | undefined): Promise<OrchestratorResolution> {
  const seconds = Number(process.env.ZENML_SCHEDULES_HELPER_TIMEOUT_SECONDS);
  const timeoutMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_HELPER_TIMEOUT_MS;
  const result = await detectOrchestrator({ pythonPath: python, cwd, timeoutMs });
  if (!result.ok) {
    const message = `${cliDetectionMessage(result.error)} Checks that depend on the orchestrator are skipped.`;
    return { orchestrator: null, known: false, notes: [{ code: 'zenml-detection', severity: 'warning', message }] };
  }
  const orchestrator = toOrchestratorContext(result.state);
  const notes: CliNote[] = [{ code: 'zenml-stack', severity: 'info', message: `using the active ZenML ${describeState(result.state)}` }];
  const known = orchestrator !== null && isKnownFlavor(orchestrator.flavor);
  if (orchestrator && !known) notes.push(unknownOrchestratorNote(orchestrator.flavor));
  return { orchestrator, known, notes };
}

/** The runner's error in terminal words: the remedies are the --python option and an environment variable. */
export function cliDetectionMessage(error: DetectionError): string {
  switch (error.code) {
    case 'interpreter-not-found':
      return `${error.message} Pass --python PATH of a Python with ZenML installed.`;
    case 'zenml-not-installed':
      return `${error.message} Or pass --python PATH of the Python where it is installed.`;
    case 'timeout':
      return `${error.message} Or raise the environment variable ZENML_SCHEDULES_HELPER_TIMEOUT_SECONDS.`;
    default:
      return error.message;
  }
}

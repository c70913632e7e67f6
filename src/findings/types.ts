// Shapes shared by the findings rules, the editor and the command line.

import type { Range } from '../discovery/types';
import type { FindingCode, Severity } from './codes';

export type { FindingCode, Severity } from './codes';

/** The orchestrator the code will run on, and where that answer came from. */
export interface OrchestratorContext {
  /** The flavor string, e.g. `kubernetes`, `local`, or an unknown custom flavor. */
  flavor: string;
  /** setting = zenmlSchedules.orchestrator; zenml = detected from the active stack; flag = CLI --orchestrator. */
  source: 'setting' | 'zenml' | 'flag';
  /** The active stack's name, when detected from ZenML. */
  stackName?: string;
  /** ZenML's own answer (`is_schedulable`) when detected; it wins over the capability table. */
  canSchedule?: boolean;
  /** Names of the stacks of this ZenML whose orchestrator can schedule (for messages and quick fixes). */
  schedulableStacks?: string[];
}

export interface AnalysisOptions {
  /** Unknown when null: orchestrator-specific findings are not reported, the `standard` dialect applies. */
  orchestrator: OrchestratorContext | null;
  /** "Now", for next runs; default the current time. */
  now?: Date;
}

/** Extra facts a quick fix needs, keyed by finding code. */
export interface FindingData {
  /** interval_second value, for unsupported-schedule-type on an interval (convert to cron). */
  intervalSeconds?: number;
  /** The cron expression as written, for dialect fixes (add the seconds field). */
  expression?: string;
  /** Stacks that can schedule, for unsupported-orchestrator (switch stack). */
  schedulableStacks?: string[];
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  range: Range;
  data?: FindingData;
}

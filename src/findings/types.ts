// Shapes shared by the findings rules, the editor and the command line.

import type { Range } from '../discovery/types';
import type { FindingCode, Severity } from '../common/codes';
import type { OrchestratorContext } from '../common/flavors';

export type { FindingCode, Severity } from '../common/codes';
export type { OrchestratorContext } from '../common/flavors';

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

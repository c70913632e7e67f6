// The cron engine's public shapes. Plain data, no vscode.

import type { FindingCode, Severity } from '../common/codes';
import type { Dialect } from '../common/flavors';

export { DIALECTS, type Dialect } from '../common/flavors';

export type CronField = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek' | 'year';

export interface CronWarning {
  code: FindingCode;
  severity: Severity;
  message: string;
}

export interface CronError {
  message: string;
  /** The field at fault, or null for whole-expression errors (field count, empty). */
  field: CronField | null;
  code: FindingCode;
  /** UTF-16 offsets of the offending part inside the expression string, when known. */
  start?: number;
  end?: number;
}

export interface ExplainOptions {
  dialect: Dialect;
  /** IANA zone the orchestrator evaluates the cron in. Default: UTC for orchestrator dialects, the machine's zone for `standard`. */
  timeZone?: string;
  /** Next runs are strictly after this instant. Default: now. */
  from?: Date;
  /** How many next runs. Default 5. */
  count?: number;
  /**
   * `false` skips the dialect notes (DST days, the Airflow 2.10 comparison), for callers that only need the
   * runs and the words (live rows, health): the Airflow 2.10 comparison walks a second timetable.
   */
  notes?: boolean;
  /**
   * The schedule's window, where the orchestrator applies it (ZenML's start_time, end_time,
   * catchup): no run before `start` or after `end`. The `airflow` dialect reads them as Airflow
   * does (they become the DAG's start_date, end_date and catchup): its first run is the first
   * match at or after start_date, and with catchup=True the chain of runs starts there.
   */
  window?: RunWindow;
}

export interface RunWindow {
  start?: Date | null;
  end?: Date | null;
  /** Airflow only; default false (ZenML's default). */
  catchup?: boolean;
}

export interface CronExplanation {
  valid: boolean;
  expression: string;
  dialect: Dialect;
  /** The zone actually used (a TZ= prefix wins over options.timeZone). */
  timeZone: string;
  /** Plain words; "" when invalid. */
  description: string;
  nextRuns: Date[];
  warnings: CronWarning[];
  error: CronError | null;
  /** Where this dialect treats this expression differently from plain cron (DST changes, ...). */
  notes?: string[];
}

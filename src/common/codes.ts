// The finding codes: one table for their severity and a one-line title.
// The README has a section per code; its anchor is the code itself.

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = {
  'invalid-cron': { severity: 'error', title: 'The cron expression is not valid for the target dialect' },
  'missing-trigger': { severity: 'error', title: 'The Schedule has no cron expression, start time + interval, or run-once time' },
  'unknown-schedule-field': { severity: 'error', title: 'Schedule has no such field: ZenML silently ignores it' },
  'schedule-not-a-pipeline-arg': { severity: 'error', title: '@pipeline(...) does not take a schedule' },
  'timezone-prefix': { severity: 'error', title: 'A TZ=/CRON_TZ= prefix that the orchestrator rejects' },
  'unsupported-orchestrator': { severity: 'warning', title: 'The orchestrator cannot run schedules' },
  'unsupported-schedule-type': { severity: 'warning', title: 'The orchestrator cannot run this kind of schedule' },
  'dialect-seconds-first': { severity: 'warning', title: 'The orchestrator reads the first field as seconds' },
  'too-frequent': { severity: 'warning', title: 'The orchestrator does not run schedules this often' },
  'never-runs': { severity: 'warning', title: 'The expression never fires' },
  'cron-overrides-interval': { severity: 'warning', title: 'The cron expression wins; the interval is ignored' },
  'cron-overrides-run-once': { severity: 'warning', title: 'The cron expression wins; the run-once time is ignored' },
  'end-before-start': { severity: 'warning', title: 'end_time is not after start_time' },
  'naive-datetime': { severity: 'warning', title: 'A datetime without a time zone is read in the local zone of the machine that creates the schedule' },
  'day-or-semantics': { severity: 'info', title: 'Day of month and day of week are both set: it runs when either matches' },
  'unknown-orchestrator': { severity: 'info', title: 'Scheduling support of this orchestrator is unknown' },
  'schedule-class-not-instance': { severity: 'error', title: 'schedule=Schedule passes the class, not a Schedule: ZenML raises' },
  'yaml-syntax': { severity: 'error', title: 'The run configuration is not valid YAML' },
  'duplicate-key': { severity: 'warning', title: 'A key is repeated in one mapping: the last one wins' },
  'window-ignored': { severity: 'warning', title: 'The orchestrator ignores start_time / end_time / catchup' },
  'schedule-ended': { severity: 'warning', title: 'end_time has passed: the schedule will not run again' },
  'databricks-needs-timezone': { severity: 'error', title: 'Databricks needs schedule_timezone in its orchestrator settings for a cron schedule' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof FINDING_CODES;

export const ALL_FINDING_CODES = Object.keys(FINDING_CODES) as FindingCode[];

export function defaultSeverity(code: FindingCode): Severity {
  return FINDING_CODES[code].severity;
}

/** Where each code is explained, for the diagnostic's code link. */
export const DOCS_BASE_URL = 'https://github.com/zenml-schedules/zenml-schedules#';
export function docsUrl(code: FindingCode): string {
  return DOCS_BASE_URL + code;
}

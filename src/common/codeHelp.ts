// What each finding code means and what to do about it, in a few sentences: the help text of
// the SARIF rule catalogue (`check --format sarif`), beside the README section it links to.
// Keyed by code name so that a code added to codes.ts before its help here still gets its title.

export const CODE_HELP: Readonly<Record<string, string>> = {
  'invalid-cron':
    "The cron expression is not valid in the target orchestrator's dialect; the message names the field and the value. The orchestrator would reject the schedule when the pipeline runs.",
  'missing-trigger':
    'The Schedule sets none of: a cron expression, a start time and an interval, a run-once time. ZenML raises ValueError when it is built. A start_time alone does not count.',
  'unknown-schedule-field':
    'Schedule has no such keyword (or YAML key): ZenML silently ignores it, so the schedule is not what you wrote. The message suggests the closest field.',
  'schedule-not-a-pipeline-arg':
    '@pipeline(schedule=...) is not accepted: attach the schedule with my_pipeline.with_options(schedule=...).',
  'timezone-prefix':
    'A TZ=/CRON_TZ= prefix on an orchestrator that does not read it (the Kubernetes API server rejects it; set the time zone another way), or a time zone you asked for that a prefix or the orchestrator overrides.',
  'unsupported-orchestrator':
    "The stack's orchestrator cannot run schedules (local, local_docker, tekton, SkyPilot, ...): ZenML raises when the pipeline runs. Switch to a stack whose orchestrator can schedule.",
  'unsupported-schedule-type':
    'The orchestrator runs schedules, but not of this kind (an interval on Kubernetes, Vertex AI or Databricks; a one-off run where it is not supported). Convert the interval to a cron expression.',
  'dialect-seconds-first':
    'Kubeflow reads the first field as seconds: a 5-field "0 0 * * *" runs every hour, not daily. Add the seconds field.',
  'too-frequent': 'The orchestrator does not run schedules this often (GitHub Actions: at most every 5 minutes).',
  'never-runs': 'The expression is valid but never fires (for example "0 0 30 2 *", the 30th of February).',
  'cron-overrides-interval':
    'Both a cron expression and a start time + interval are set: ZenML uses the cron expression and ignores the interval. Remove one.',
  'cron-overrides-run-once':
    'Both a cron expression and a run-once time are set: the run-once time is ignored. Remove one.',
  'end-before-start': 'end_time is not after start_time, so the schedule never runs (ZenML does not check this).',
  'naive-datetime':
    'A datetime without a time zone is read in the local zone of whichever machine creates the schedule. Add tzinfo=timezone.utc (or use datetime.now(timezone.utc)).',
  'day-or-semantics':
    'Day of month and day of week are both restricted: cron runs when either matches, not when both do.',
  'unknown-orchestrator': 'The orchestrator flavor is not one whose scheduling support is known; the standard cron dialect is used.',
  'schedule-class-not-instance':
    'schedule=Schedule passes the class, not a Schedule: build one, for example Schedule(cron_expression="0 3 * * *").',
  'yaml-syntax': 'The run configuration is not valid YAML; ZenML cannot load it. The location is where the parser stopped.',
  'duplicate-key': 'A key is repeated in the run configuration: the last one wins, as in PyYAML, and the earlier one is ignored.',
  'window-ignored': 'start_time, end_time or catchup is set where the orchestrator ignores it: the schedule runs without that window.',
  'schedule-ended': 'end_time is in the past: the schedule will not run again.',
  'databricks-needs-timezone':
    'A cron schedule on Databricks needs schedule_timezone in the orchestrator settings; without it the job is rejected.',
};

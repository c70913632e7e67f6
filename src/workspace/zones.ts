// In which time zone each orchestrator reads a schedule's cron (issue 12), for
// the hover and the Explain Cron document. A ZenML `Schedule` has no time-zone
// field (ZenML stores naive UTC; zenml-io/zenml#2209 is open), so the zone is
// whatever the orchestrator itself uses:
//   Kubernetes   ZenML's CronJobs set no spec.timeZone: the kube-controller-manager's
//                zone (usually UTC). A CronJob's spec.timeZone, when set, wins.
//   Kubeflow     the KFP controller's zone, cluster-wide (usually UTC), unless a
//                CRON_TZ=/TZ= prefix names one (robfig/cron reads it).
//   Vertex AI    UTC, unless a CRON_TZ=/TZ= prefix names an IANA zone (Vertex AI's
//                ScheduleConfig/Schedule.cron docs). On DST changes Google documents only
//                that wall-clock schedules "can run or not run unexpectedly" at skipped or
//                repeated times and recommends UTC (Cloud Scheduler, "Configure cron job
//                schedules", Time zone: https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules);
//                the Vertex AI scheduler docs (https://cloud.google.com/vertex-ai/docs/pipelines/schedule-pipeline-run)
//                say nothing more, so the runs shown there follow Vixie cron and are marked as not guaranteed.
//   Airflow      the DAG's zone: ZenML passes a naive start_date, so Airflow's
//                [core] default_timezone (UTC unless the deployment sets another).
//   Databricks   DatabricksOrchestratorSettings.schedule_timezone (ZenML raises at
//                run time without it); the job's schedule.timezone_id.
//   GitHub       the schedule entry's `timezone:` (IANA), else UTC.

import type { Dialect } from '../cron/types';

export interface ZoneContext {
  dialect: Dialect;
  /** The zone the cron was evaluated in (after a TZ= prefix or a setting). */
  evaluationZone: string;
  /** Where that zone came from. */
  source?: 'prefix' | 'github-timezone' | 'databricks-setting' | 'default';
}

/** One sentence: in which zone the orchestrator reads the cron, and why. */
export function cronZoneStatement(ctx: ZoneContext): string {
  const zone = ctx.evaluationZone;
  switch (ctx.dialect) {
    case 'kubernetes':
      return `Kubernetes reads this cron in the zone of the cluster's controller manager (usually UTC; shown in ${zone}): ZenML's CronJobs set no \`spec.timeZone\`, and a ZenML Schedule has no time-zone field.`;
    case 'kubeflow':
      return ctx.source === 'prefix'
        ? `Kubeflow reads this cron in ${zone}, from its CRON_TZ=/TZ= prefix.`
        : `Kubeflow reads this cron in the zone of its cluster-wide controller (usually UTC; shown in ${zone}); a CRON_TZ= prefix would set one.`;
    case 'vertex':
      return ctx.source === 'prefix'
        ? `Vertex AI reads this cron in ${zone}, from its TZ=/CRON_TZ= prefix. Google documents no rule for runs at skipped or repeated wall times: runs near a DST change are not guaranteed.`
        : `Vertex AI reads this cron in UTC; a TZ=/CRON_TZ= prefix (e.g. \`TZ=Europe/Berlin 0 3 * * *\`) sets a zone.`;
    case 'airflow':
      return `Airflow reads this cron in the DAG's zone: ZenML gives the DAG a naive start_date, so Airflow's \`[core] default_timezone\` (UTC unless your deployment sets another; shown in ${zone}).`;
    case 'databricks':
      return ctx.source === 'databricks-setting'
        ? `Databricks reads this cron in ${zone}, the \`schedule_timezone\` of DatabricksOrchestratorSettings in this file.`
        : `Databricks reads this cron in the \`schedule_timezone\` of DatabricksOrchestratorSettings (ZenML raises at run time without one; shown in ${zone}).`;
    case 'github':
      return ctx.source === 'github-timezone'
        ? `GitHub Actions runs this schedule in ${zone}, from its \`timezone:\` key.`
        : 'GitHub Actions runs this schedule in UTC (no `timezone:` key).';
    default:
      return `Read as standard cron in ${zone}. A ZenML Schedule has no time-zone field: the orchestrator's own zone applies.`;
  }
}

"""Cron expressions that are valid but do not do what they seem to, or that one
orchestrator reads differently from another. Hover each one; set
`zenmlSchedules.orchestrator` (or pass `--orchestrator` to `check`) to see what
that orchestrator makes of it.
"""

from zenml import pipeline, step
from zenml.config.schedule import Schedule


@step
def refresh() -> None:
    pass


@pipeline
def reporting_pipeline() -> None:
    refresh()


# never-runs: there is no 30 February, so this never fires.
leap_day_report = Schedule(cron_expression="0 0 30 2 *")

# day-or-semantics: day of month AND day of week are both set, so it runs on the
# 1st of every month AND on every Monday (cron ORs them), not only on Mondays the 1st.
first_or_monday = Schedule(cron_expression="0 6 1 * 1")

# too-frequent on GitHub Actions (orchestrator `github`): it runs at most every 5 minutes.
every_two_minutes = Schedule(cron_expression="*/2 * * * *")

# timezone-prefix: Vertex AI accepts a TZ= prefix; Kubernetes rejects it (error),
# and other orchestrators do not read it.
berlin_morning = Schedule(cron_expression="TZ=Europe/Berlin 0 7 * * *")

# dialect-seconds-first on Kubeflow (orchestrator `kubeflow`): it reads the first
# field as seconds, so this runs every hour, not every day at midnight.
midnight = Schedule(cron_expression="0 0 * * *")

reporting_pipeline.with_options(schedule=leap_day_report)()

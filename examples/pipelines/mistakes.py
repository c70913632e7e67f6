"""Every mistake the extension catches, one per schedule.

Open this file with the extension installed: each schedule below gets a
diagnostic. The finding code is named in the comment above it.
"""

from datetime import datetime, timezone

from zenml import pipeline, step
from zenml.config.schedule import Schedule


@step
def do_work() -> None:
    pass


@pipeline
def etl_pipeline() -> None:
    do_work()


# invalid-cron: minute 61 is out of range 0-59.
bad_cron = Schedule(cron_expression="61 * * * *")

# missing-trigger: no cron_expression, no start_time + interval_second, no run_once_start_time.
no_trigger = Schedule(name="x")

# unknown-schedule-field: `cron_expresion` is misspelt (did you mean cron_expression?).
misspelt = Schedule(cron_expresion="0 4 * * *")

# cron-overrides-interval: when cron_expression is set, ZenML ignores start_time + interval_second.
both = Schedule(
    cron_expression="0 5 * * *",
    start_time=datetime(2026, 1, 1, tzinfo=timezone.utc),
    interval_second=3600,
)

# cron-overrides-run-once: the cron wins, run_once_start_time is ignored.
cron_and_once = Schedule(
    cron_expression="0 6 * * *",
    run_once_start_time=datetime(2026, 3, 1, tzinfo=timezone.utc),
)

# naive-datetime: no tzinfo, so ZenML reads it in the local time zone of whoever runs the code.
naive = Schedule(start_time=datetime(2026, 1, 1, 8, 0), interval_second=86400)

# naive-datetime: utcnow() returns a naive datetime.
naive_now = Schedule(run_once_start_time=datetime.utcnow())

# end-before-start: end_time is earlier than start_time (ZenML does not check this).
backwards = Schedule(
    start_time=datetime(2031, 6, 1, tzinfo=timezone.utc),
    end_time=datetime(2031, 1, 1, tzinfo=timezone.utc),
    interval_second=600,
)


# schedule-not-a-pipeline-arg: the @pipeline decorator has no `schedule` parameter.
@pipeline(schedule=Schedule(cron_expression="0 7 * * *"))
def decorated_pipeline() -> None:
    do_work()


if __name__ == "__main__":
    etl_pipeline.with_options(schedule=bad_cron)()

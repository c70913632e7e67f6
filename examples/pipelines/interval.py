"""An interval schedule: start at a fixed, time-zone-aware instant, then every 30 minutes."""

from datetime import datetime, timedelta, timezone

from zenml import pipeline, step
from zenml.config.schedule import Schedule


@step
def refresh_features() -> int:
    return 42


@pipeline
def feature_pipeline() -> None:
    refresh_features()


if __name__ == "__main__":
    every_half_hour = Schedule(
        start_time=datetime(2026, 1, 1, 6, 0, tzinfo=timezone.utc),
        end_time=datetime(2031, 12, 31, tzinfo=timezone.utc),
        interval_second=timedelta(minutes=30),
        catchup=False,
    )
    feature_pipeline.configure(schedule=every_half_hour)
    feature_pipeline()

"""A one-time schedule: run the report pipeline once, at a given instant."""

from datetime import datetime, timezone

from zenml import pipeline, step
from zenml.config import Schedule


@step
def build_report() -> str:
    return "report"


@pipeline
def report_pipeline() -> None:
    build_report()


if __name__ == "__main__":
    report_pipeline.with_options(
        schedule=Schedule(run_once_start_time=datetime(2026, 7, 1, 9, 30, tzinfo=timezone.utc)),
    )()

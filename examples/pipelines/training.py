"""The documented way to schedule a pipeline: a cron schedule set with with_options.

Runs the training pipeline every day at 03:00 (in the orchestrator's time zone).
"""

from zenml import pipeline, step
from zenml.config.schedule import Schedule


@step
def load_data() -> list[int]:
    return [1, 2, 3]


@step
def train_model(data: list[int]) -> float:
    return sum(data) / len(data)


@pipeline
def training_pipeline() -> None:
    data = load_data()
    train_model(data)


if __name__ == "__main__":
    nightly = Schedule(
        name="nightly-training",
        cron_expression="0 3 * * *",
    )
    training_pipeline.with_options(schedule=nightly)()

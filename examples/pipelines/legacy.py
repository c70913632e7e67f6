"""Older, class-based ZenML code: the schedule is passed to .run().

Still common in projects written before ZenML 0.40; the extension reads it too.
"""

import zenml.config.schedule as zs
from zenml.pipelines import pipeline
from zenml.steps import step


@step
def ingest() -> None:
    pass


@pipeline
def legacy_pipeline(ingest_step) -> None:
    ingest_step()


if __name__ == "__main__":
    pipeline_instance = legacy_pipeline(ingest_step=ingest())
    # Every Monday at 06:15.
    pipeline_instance.run(schedule=zs.Schedule(cron_expression="15 6 * * 1"))

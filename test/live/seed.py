"""Test data for the live-schedules suite, made with ZenML's own client against the test server.

Run with the server venv's Python, pointed at the server by ZENML_STORE_URL / ZENML_STORE_USERNAME /
ZENML_STORE_PASSWORD and a private ZENML_CONFIG_PATH. Prints one JSON object.

  seed.py setup                 service account + API key, kubernetes/airflow/local orchestrators, pipelines
                                (train, report, etl; backfill without schedules)
  seed.py vertex PROJECT REGION  a vertex orchestrator and a pipeline of its own (the live editor suite's Vertex row)
  seed.py schedule ID           the schedule as ZenML's client reads it back (for the tests' checks)
  seed.py runs SCHEDULE_ID STATUS...   runs that belong to the schedule (a snapshot copy with `schedule` set)
  seed.py timed-runs SCHEDULE_ID SECONDS COUNT   COUNT completed runs that each really take SECONDS (created, then finished)
  seed.py run-url RUN_ID        the run's dashboard link as ZenML itself builds it (dashboard_utils.get_run_url)
"""

import json
import sys
from datetime import datetime, timezone


def setup() -> dict:
    from zenml.client import Client
    from zenml.enums import StackComponentType
    from zenml.models import PipelineRequest

    client = Client()
    project = client.active_project
    sa = client.create_service_account(name="schedules-tests")
    key = client.create_api_key(service_account_name_id_or_prefix=sa.id, name="tests")
    k8s = client.create_stack_component(
        name="k8s",
        flavor="kubernetes",
        component_type=StackComponentType.ORCHESTRATOR,
        configuration={"kubernetes_context": "loopback", "kubernetes_namespace": "zenml"},
    )
    airflow = client.create_stack_component(
        name="airflow", flavor="airflow", component_type=StackComponentType.ORCHESTRATOR, configuration={}
    )
    local = client.get_stack_component(StackComponentType.ORCHESTRATOR, "default")
    pipelines = {}
    # "backfill" has no schedule: the server knows it, so the code's schedule for it is "not on" the connection.
    for name in ("train", "report", "etl", "backfill"):
        p = client.zen_store.create_pipeline(PipelineRequest(name=name, project=project.id))
        pipelines[name] = str(p.id)
    return {
        "apiKey": key.key,
        "projectId": str(project.id),
        "kubernetesId": str(k8s.id),
        "airflowId": str(airflow.id),
        "localId": str(local.id),
        "pipelines": pipelines,
    }


def vertex(project: str, region: str) -> dict:
    from zenml.client import Client
    from zenml.enums import StackComponentType
    from zenml.models import PipelineRequest

    client = Client()
    component = client.create_stack_component(
        name="vertex",
        flavor="vertex",
        component_type=StackComponentType.ORCHESTRATOR,
        configuration={"project": project, "location": region},
    )
    pipeline = client.zen_store.create_pipeline(PipelineRequest(name="vertex_train", project=client.active_project.id))
    return {"vertexId": str(component.id), "pipelineId": str(pipeline.id), "pipeline": "vertex_train"}


def schedule(schedule_id: str) -> dict:
    from zenml.client import Client

    s = Client().zen_store.get_schedule(schedule_id)
    return {
        "id": str(s.id),
        "name": s.name,
        "active": s.active,
        "cron_expression": s.cron_expression,
        "is_archived": getattr(s, "is_archived", None),
    }


def runs(schedule_id: str, statuses: list, seconds: float = 0) -> dict:
    """Runs that belong to a schedule: a snapshot with `schedule` set (facts §9), then runs from it."""
    from zenml.client import Client
    from zenml.config.pipeline_configurations import PipelineConfiguration
    from zenml.enums import ExecutionStatus
    from zenml.models import PipelineRunRequest, PipelineRunUpdate, PipelineSnapshotRequest

    client = Client()
    store = client.zen_store
    sched = store.get_schedule(schedule_id)
    pipeline_id = sched.pipeline_id
    pipeline = store.get_pipeline(pipeline_id)
    snapshot = store.create_snapshot(
        PipelineSnapshotRequest(
            project=client.active_project.id,
            run_name_template=f"{pipeline.name}-{{date}}-{{time}}",
            pipeline_configuration=PipelineConfiguration(name=pipeline.name),
            stack=client.active_stack_model.id,
            pipeline=pipeline_id,
            schedule=sched.id,
        )
    )
    made = []
    for i, status in enumerate(statuses):
        run, _ = store.get_or_create_run(
            PipelineRunRequest(
                project=client.active_project.id,
                name=f"{pipeline.name}-{schedule_id[:8]}-{i}-{status}",
                snapshot=snapshot.id,
                status=ExecutionStatus.RUNNING,
            )
        )
        if seconds:
            # The server stamps `created` and `updated` itself: the run really lasts this long.
            import time

            time.sleep(seconds)
        if status != "running":
            # A run starts initializing or running; its end state is an update, as the orchestrator sends it.
            run = store.update_run(run.id, PipelineRunUpdate(status=ExecutionStatus(status), end_time=datetime.now(timezone.utc).replace(tzinfo=None)))
        made.append({"id": str(run.id), "status": run.status.value})
    return {"snapshot": str(snapshot.id), "runs": made}


def run_url(run_id: str) -> dict:
    from zenml.client import Client
    from zenml.utils.dashboard_utils import get_run_url

    return {"url": get_run_url(Client().get_pipeline_run(run_id))}


def main() -> None:
    command = sys.argv[1]
    if command == "setup":
        out = setup()
    elif command == "vertex":
        out = vertex(sys.argv[2], sys.argv[3])
    elif command == "schedule":
        try:
            out = schedule(sys.argv[2])
        except KeyError:
            out = {"missing": True}
    elif command == "runs":
        out = runs(sys.argv[2], sys.argv[3:])
    elif command == "run-url":
        out = run_url(sys.argv[2])
    elif command == "timed-runs":
        out = runs(sys.argv[2], ["completed"] * int(sys.argv[4]), float(sys.argv[3]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()

"""Drive the loopback KFP v2beta1 server with the official kfp client (kfp.Client).

Usage: python kfp_client_check.py URL NAMESPACE WORKDIR
Prints one JSON line: per step, {ok, ...} or {ok: false, status, body} for a refused call.
The Node test (kubeflow-server.test.ts) asserts on it and on the server's own state.
"""

import json
import os
import sys

from kfp import Client, compiler, dsl
from kfp_server_api.exceptions import ApiException

url, namespace, workdir = sys.argv[1], sys.argv[2], sys.argv[3]
results = {}


def refused(e):
    body = None
    try:
        body = json.loads(e.body) if e.body else None
    except Exception:  # noqa: BLE001 - a non-JSON body is itself a finding
        body = e.body
    return {"ok": False, "status": e.status, "body": body}


def step(name, fn):
    try:
        results[name] = {"ok": True, **(fn() or {})}
    except ApiException as e:
        results[name] = refused(e)
    except Exception as e:  # noqa: BLE001
        results[name] = {"ok": False, "error": f"{type(e).__name__}: {e}"}


@dsl.component
def hello() -> str:
    return "hi"


@dsl.pipeline(name="train")
def train():
    hello()


package = os.path.join(workdir, "train.yaml")
compiler.Compiler().compile(train, package)

client = Client(host=url, existing_token="kfp-token", namespace=namespace)
state = {}


def create_experiment():
    e = client.create_experiment("train", namespace=namespace)
    again = client.create_experiment("train", namespace=namespace)  # finds it by name: no second one
    state["experiment"] = e.experiment_id
    return {"id": e.experiment_id, "same": again.experiment_id == e.experiment_id, "namespace": e.namespace}


step("createExperiment", create_experiment)


def create_cron():
    r = client.create_recurring_run(
        experiment_id=state["experiment"],
        job_name="train_" + "0" * 31 + "1",
        cron_expression="0 0 3 * * *",
        start_time="2026-01-01T00:00:00Z",
        end_time="2031-01-01T00:00:00Z",
        no_catchup=True,
        max_concurrency=2,
        pipeline_package_path=package,
    )
    state["cron"] = r.recurring_run_id
    return {"id": r.recurring_run_id, "mode": r.mode, "status": r.status, "cron": r.trigger.cron_schedule.cron, "max_concurrency": r.max_concurrency}


def create_interval():
    r = client.create_recurring_run(
        experiment_id=state["experiment"],
        job_name="train_" + "0" * 31 + "2",
        interval_second=3600,
        pipeline_package_path=package,
        enabled=False,
    )
    state["interval"] = r.recurring_run_id
    return {"id": r.recurring_run_id, "mode": r.mode, "interval": r.trigger.periodic_schedule.interval_second}


def create_bad_cron():
    client.create_recurring_run(experiment_id=state["experiment"], job_name="bad", cron_expression="61 * * * * *", pipeline_package_path=package)


def create_too_concurrent():
    client.create_recurring_run(experiment_id=state["experiment"], job_name="busy", cron_expression="0 0 * * * *", max_concurrency=11, pipeline_package_path=package)


step("createCron", create_cron)
step("createInterval", create_interval)
step("createBadCron", create_bad_cron)
step("createTooConcurrent", create_too_concurrent)


def paged_list():
    pages, token = [], ""
    while True:
        r = client.list_recurring_runs(page_token=token, page_size=1, namespace=namespace, sort_by="created_at")
        pages.append([x.display_name for x in (r.recurring_runs or [])])
        token = r.next_page_token
        if not token or len(pages) > 10:
            return {"pages": pages, "total": r.total_size}


step("pagedList", paged_list)
step("listByExperiment", lambda: {"names": sorted(x.display_name for x in (client.list_recurring_runs(experiment_id=state["experiment"], page_size=10).recurring_runs or []))})
step(
    "listFiltered",
    lambda: {
        "names": [
            x.display_name
            for x in (
                client.list_recurring_runs(
                    namespace=namespace,
                    filter=json.dumps({"predicates": [{"operation": "EQUALS", "key": "display_name", "stringValue": "train_" + "0" * 31 + "2"}]}),
                ).recurring_runs
                or []
            )
        ]
    },
)
step("listNoNamespace", lambda: {"n": len(Client(host=url, existing_token="kfp-token").list_recurring_runs().recurring_runs or [])})


def get_cron():
    r = client.get_recurring_run(state["cron"])
    return {
        "name": r.display_name,
        "cron": r.trigger.cron_schedule.cron,
        "start": str(r.trigger.cron_schedule.start_time),
        "no_catchup": r.no_catchup,
        "max_concurrency": r.max_concurrency,
        "mode": r.mode,
        "namespace": r.namespace,
        "hasSpec": bool(r.pipeline_spec),
    }


step("get", get_cron)


def disable_then_get():
    client.disable_recurring_run(state["cron"])
    r = client.get_recurring_run(state["cron"])
    return {"mode": r.mode, "status": r.status}


def enable_then_get():
    client.enable_recurring_run(state["cron"])
    r = client.get_recurring_run(state["cron"])
    return {"mode": r.mode, "status": r.status}


step("disable", disable_then_get)
step("enable", enable_then_get)
step("disableMissing", lambda: client.disable_recurring_run("00000000-0000-0000-0000-000000000000"))


def delete_then_get():
    client.delete_recurring_run(state["interval"])
    try:
        client.get_recurring_run(state["interval"])
        return {"gone": False}
    except ApiException as e:
        return {"gone": e.status == 404, "body": json.loads(e.body)}


step("delete", delete_then_get)
step("cookie", lambda: {"n": len(Client(host=url, cookies="authservice_session=kfp-session", namespace=namespace).list_recurring_runs(namespace=namespace).recurring_runs or [])})
step("badToken", lambda: Client(host=url, existing_token="wrong-token", namespace=namespace).list_recurring_runs(namespace=namespace))
step("readerDisable", lambda: Client(host=url, existing_token="reader-token", namespace=namespace).disable_recurring_run(state["cron"]))
step("listRuns", lambda: {"runs": [[r.display_name, r.state, r.recurring_run_id] for r in (client.list_runs(namespace=namespace, sort_by="created_at desc", page_size=5).runs or [])]})
step("healthz", lambda: {"multi_user": client.get_kfp_healthz().multi_user})

print(json.dumps({**results, "ids": state}))

"""Drive the loopback CronJob API server with the official `kubernetes` Python client.

    python k8s_client_check.py KUBECONFIG READONLY_KUBECONFIG BAD_KUBECONFIG

Runs a fixed sequence of calls (the ones ZenML's Kubernetes orchestrator and a Kubernetes adapter
make, and deliberately wrong ones) and prints ONE JSON object: step name → outcome
{"ok": true, ...data} or {"ok": false, "status", "reason", "message"}. The TypeScript test
(kubernetes-server.test.ts) asserts on it and on the server's state.
"""

import json
import sys

from kubernetes import client, config
from kubernetes.client.rest import ApiException

NS = "zenml"


def api_for(kubeconfig):
    api_client = config.new_client_from_config(config_file=kubeconfig)
    return client.BatchV1Api(api_client), api_client


def cron_job(name, schedule, pipeline, suspend=False):
    return client.V1CronJob(
        api_version="batch/v1",
        kind="CronJob",
        metadata=client.V1ObjectMeta(name=name, labels={"pipeline": pipeline, "project_id": "p1"}),
        spec=client.V1CronJobSpec(
            schedule=schedule,
            suspend=suspend,
            job_template=client.V1JobTemplateSpec(
                spec=client.V1JobSpec(
                    template=client.V1PodTemplateSpec(
                        spec=client.V1PodSpec(
                            restart_policy="Never",
                            containers=[client.V1Container(name="main", image="busybox", env=[client.V1EnvVar(name="A", value="1")])],
                        )
                    )
                )
            ),
        ),
    )


def failure(e):
    out = {"ok": False, "status": e.status}
    try:
        body = json.loads(e.body)
        out.update({"kind": body.get("kind"), "reason": body.get("reason"), "message": body.get("message"), "details": body.get("details")})
    except Exception:
        out["body"] = str(e.body)[:300]
    return out


def main():
    batch, api_client = api_for(sys.argv[1])
    readonly, _ = api_for(sys.argv[2])
    bad, _ = api_for(sys.argv[3])
    results = {}

    def step(name, fn):
        try:
            value = fn()
            results[name] = {"ok": True, **(value or {})}
        except ApiException as e:
            results[name] = failure(e)

    def create_all():
        names = []
        for i in range(5):
            pipeline = "train" if i % 2 == 0 else "eval"
            made = batch.create_namespaced_cron_job(NS, cron_job("job-{}".format(i), "*/{} * * * *".format(i + 5), pipeline))
            names.append(made.metadata.name)
        batch.create_namespaced_cron_job("default", cron_job("other-ns", "0 3 * * *", "train"))
        return {"names": names}

    step("create", create_all)

    def paged_list():
        pages, token = [], None
        while True:
            kwargs = {"label_selector": "pipeline=train", "limit": 2}
            if token:
                kwargs["_continue"] = token
            page = batch.list_namespaced_cron_job(NS, **kwargs)
            pages.append([i.metadata.name for i in page.items])
            token = page.metadata._continue
            if not token:
                return {"pages": pages, "remaining": page.metadata.remaining_item_count}

    step("pagedList", paged_list)
    step(
        "setSelector",
        lambda: {"names": [i.metadata.name for i in batch.list_namespaced_cron_job(NS, label_selector="pipeline in (eval),!missing").items]},
    )
    step("fieldSelector", lambda: {"names": [i.metadata.name for i in batch.list_namespaced_cron_job(NS, field_selector="metadata.name=job-3").items]})
    step("allNamespaces", lambda: {"names": sorted(i.metadata.namespace + "/" + i.metadata.name for i in batch.list_cron_job_for_all_namespaces().items)})
    step("badSelector", lambda: batch.list_namespaced_cron_job(NS, label_selector="pipeline in (a") and None)
    step("read", lambda: {"schedule": batch.read_namespaced_cron_job("job-0", NS).spec.schedule})

    # What ZenML's orchestrator sends: a dict body → strategic merge patch.
    def suspend():
        out = batch.patch_namespaced_cron_job("job-0", NS, {"spec": {"suspend": True}})
        return {"suspend": out.spec.suspend, "generation": out.metadata.generation}

    step("strategicSuspend", suspend)
    step(
        "mergeSchedule",
        lambda: {
            "schedule": batch.patch_namespaced_cron_job(
                "job-0", NS, {"spec": {"schedule": "0 4 * * *"}}, _content_type="application/merge-patch+json"
            ).spec.schedule
        },
    )
    step(
        "strategicEnvMerge",
        lambda: {
            "env": [
                e.name
                for e in batch.patch_namespaced_cron_job(
                    "job-0",
                    NS,
                    {"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "main", "env": [{"name": "B", "value": "2"}]}]}}}}}},
                ).spec.job_template.spec.template.spec.containers[0].env
            ]
        },
    )
    step(
        "jsonPatchList",
        lambda: {"suspend": batch.patch_namespaced_cron_job("job-1", NS, [{"op": "replace", "path": "/spec/suspend", "value": True}]).spec.suspend},
    )
    # Deliberately wrong: a merge body sent as a JSON patch; a JSON patch whose test fails.
    # The client itself rewrites a dict body sent as json-patch to a strategic merge patch
    # (kubernetes/client/rest.py), so the wrong request goes out through its own HTTP pool.
    def raw_patch(content_type, body):
        cfg = api_client.configuration
        response = api_client.rest_client.pool_manager.request(
            "PATCH",
            cfg.host + "/apis/batch/v1/namespaces/{}/cronjobs/job-1".format(NS),
            body=json.dumps(body),
            headers={"Content-Type": content_type, "Accept": "application/json", "Authorization": cfg.auth_settings()["BearerToken"]["value"]},
        )
        if response.status >= 400:
            raise ApiException(http_resp=type("R", (), {"status": response.status, "reason": response.reason, "data": response.data, "getheaders": lambda self: {}})())
        return {"suspend": json.loads(response.data)["spec"]["suspend"]}

    step("jsonPatchWithMergeBody", lambda: raw_patch("application/json-patch+json", {"spec": {"suspend": False}}))
    step("jsonPatchClientRewrites", lambda: {"suspend": batch.patch_namespaced_cron_job("job-2", NS, {"spec": {"suspend": False}}, _content_type="application/json-patch+json").spec.suspend})
    step(
        "jsonPatchTestFails",
        lambda: batch.patch_namespaced_cron_job("job-1", NS, [{"op": "test", "path": "/spec/suspend", "value": False}]) and None,
    )
    step(
        "patchAsPlainJson",
        lambda: batch.patch_namespaced_cron_job("job-1", NS, {"spec": {"suspend": False}}, _content_type="application/json") and None,
    )
    step("patchMissing", lambda: batch.patch_namespaced_cron_job("nope", NS, {"spec": {"suspend": True}}) and None)
    step("patchInvalidCron", lambda: batch.patch_namespaced_cron_job("job-2", NS, {"spec": {"schedule": "61 * * * *"}}) and None)
    step("createDuplicate", lambda: batch.create_namespaced_cron_job(NS, cron_job("job-2", "0 1 * * *", "train")) and None)
    step("createInvalid", lambda: batch.create_namespaced_cron_job(NS, cron_job("Bad_Name", "not a cron", "train")) and None)
    step("createTooLong", lambda: batch.create_namespaced_cron_job(NS, cron_job("a" * 53, "0 1 * * *", "train")) and None)
    step("createMissingNamespace", lambda: batch.create_namespaced_cron_job("nowhere", cron_job("x", "0 1 * * *", "train")) and None)

    def stale_replace():
        current = batch.read_namespaced_cron_job("job-3", NS)
        fresh = batch.replace_namespaced_cron_job("job-3", NS, current)
        current.spec.schedule = "0 5 * * *"
        try:
            batch.replace_namespaced_cron_job("job-3", NS, current)  # stale resourceVersion
        except ApiException as e:
            return {"firstReplaceVersion": fresh.metadata.resource_version, "stale": failure(e)}
        return {"stale": {"ok": True}}

    step("staleReplace", stale_replace)
    step("readMissing", lambda: batch.read_namespaced_cron_job("nope", NS) and None)

    def wrong_path():
        # Singular "namespace": a path the API does not have.
        api_client.call_api(
            "/apis/batch/v1/namespace/{ns}/cronjobs", "GET", path_params={"ns": NS}, auth_settings=["BearerToken"], response_types_map={200: "object"}
        )

    step("wrongPath", wrong_path)
    step("badToken", lambda: bad.list_namespaced_cron_job(NS) and None)
    step("readonlyList", lambda: {"count": len(readonly.list_namespaced_cron_job(NS).items)})
    step("readonlyPatch", lambda: readonly.patch_namespaced_cron_job("job-4", NS, {"spec": {"suspend": True}}) and None)
    step("dryRunDelete", lambda: {"status": batch.delete_namespaced_cron_job("job-4", NS, dry_run="All").status})
    step("delete", lambda: {"status": batch.delete_namespaced_cron_job("job-4", NS).status})
    step("readDeleted", lambda: batch.read_namespaced_cron_job("job-4", NS) and None)
    print(json.dumps(results))


if __name__ == "__main__":
    main()

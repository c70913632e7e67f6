"""ZenML Schedules helper: asks the user's ZenML which stack is active.

Run by the extension (and the `zenml-schedules` command line) with the user's
Python interpreter, in the workspace folder (ZenML finds its repository by
walking up from the working directory):

    python helper.py detect              the active stack, its orchestrator, all stacks
    python helper.py switch-stack NAME   activate NAME through ZenML, then the same as detect
    python helper.py schedule pause|resume|update|delete SCHEDULE_ID [--cron EXPR] [--purge]
                                         change a schedule where it fires, through ZenML's own
                                         Client (update_schedule / delete_schedule), then read
                                         back the record and the orchestrator's object
    python helper.py create-run FILE PIPELINE SCHEDULE_JSON
                                         "create it now": import FILE (its __main__ block does not
                                         run), call PIPELINE.with_options(schedule=Schedule(**SCHEDULE_JSON))()
                                         on the active stack, then read the new schedule back
                                         from ZenML's store (and its run metadata, e.g. cron_job_name)

The schedule mode is run with ZENML_STORE_URL + ZENML_STORE_API_KEY (and a private
ZENML_CONFIG_PATH) in its environment, so the Client talks to the connection's server.
Today ZenML changes the orchestrator's side only for Kubernetes (the CronJob named by
the schedule's `cron_job_name` run metadata); for every other flavor this mode refuses
with `orchestrator-cannot-change` instead of letting ZenML change only the record.

It prints exactly ONE JSON object on stdout and exits: the state, or
{"error": {"code", "message", ...}}. Anything ZenML itself prints (logs, banners,
warnings) goes to stderr, never to stdout. Nothing is re-implemented: the active
stack is whatever `zenml.client.Client()` says it is (ZENML_ACTIVE_STACK_ID, the
repository's .zen/config.yaml, then the global configuration).

Plain Python 3.7+ syntax and the standard library only, so that any interpreter
can at least report that ZenML is missing.
"""

import json
import os
import sys
import traceback

PROTOCOL = 1
# The oldest ZenML whose Client API this helper uses (Client, paginated
# list_stacks, active_stack_model, Flavor.from_model). Older versions get
# `zenml-too-old` instead of a confusing failure.
MINIMUM_ZENML = "0.50.0"


def _version_tuple(text):
    parts = []
    for piece in str(text).split(".")[:3]:
        digits = ""
        for ch in piece:
            if not ch.isdigit():
                break
            digits += ch
        parts.append(int(digits) if digits else 0)
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)


class HelperError(Exception):
    def __init__(self, code, message, **extra):
        Exception.__init__(self, message)
        self.code = code
        self.message = message
        self.extra = extra


def _quiet_zenml():
    # Only this process: no analytics calls, no rich tracebacks, fewer logs.
    os.environ.setdefault("ZENML_ANALYTICS_OPT_IN", "false")
    os.environ.setdefault("ZENML_ENABLE_RICH_TRACEBACK", "false")
    os.environ.setdefault("ZENML_LOGGING_VERBOSITY", "ERROR")
    os.environ.setdefault("AUTO_OPEN_DASHBOARD", "false")


def _import_zenml():
    try:
        import zenml  # noqa: F401
    except ImportError as e:
        raise HelperError(
            "zenml-not-installed",
            "ZenML is not installed in this Python interpreter ({}): {}".format(sys.executable, e),
            interpreter=sys.executable,
        )
    version = getattr(zenml, "__version__", "0")
    if _version_tuple(version) < _version_tuple(MINIMUM_ZENML):
        raise HelperError(
            "zenml-too-old",
            "ZenML {} is older than {}, the oldest version ZenML Schedules supports.".format(version, MINIMUM_ZENML),
            zenmlVersion=version,
            minimumVersion=MINIMUM_ZENML,
        )
    return version


def _items(page_or_list):
    # list_* returns a Page (with .items) in current ZenML.
    items = getattr(page_or_list, "items", page_or_list)
    return list(items() if callable(items) else items)


def _all_stacks(client):
    stacks = []
    page_number = 1
    while True:
        page = client.list_stacks(page=page_number, size=100, hydrate=True)
        stacks.extend(_items(page))
        total_pages = getattr(page, "total_pages", 1) or 1
        if page_number >= total_pages:
            return stacks
        page_number += 1


def _orchestrator_of(stack_model):
    from zenml.enums import StackComponentType

    components = stack_model.components or {}
    found = components.get(StackComponentType.ORCHESTRATOR) or []
    return found[0] if found else None


def _is_schedulable(component):
    """ZenML's own answer (`BaseOrchestratorConfig.is_schedulable`), or None when unreachable.

    Built from the flavor's config class only, so that an integration whose
    implementation cannot be imported here still gets an answer when possible.
    """
    try:
        from zenml.stack import Flavor

        flavor = Flavor.from_model(component.flavor)
        config = flavor.config_class(**(component.configuration or {}))
        return bool(config.is_schedulable)
    except Exception as e:  # any failure means "ZenML could not tell us"
        sys.stderr.write("is_schedulable unavailable for {}: {}\n".format(component.name, e))
        return None


def _component_json(component):
    if component is None:
        return None
    return {
        "id": str(component.id),
        "name": component.name,
        "flavor": component.flavor_name,
        "isSchedulable": _is_schedulable(component),
    }


def _store_json():
    from zenml.config.global_config import GlobalConfiguration

    store = GlobalConfiguration().store_configuration
    store_type = str(getattr(store.type, "value", store.type))
    url = str(store.url) if store.url else None
    return {"type": store_type, "url": url, "serverUrl": url if store_type == "rest" else None}


def _global_config_file():
    try:
        from zenml.utils.io_utils import get_global_config_directory

        return os.path.join(get_global_config_directory(), "config.yaml")
    except Exception:
        return None


def _stack_json(model, active):
    return {
        "id": str(model.id),
        "name": model.name,
        "active": active,
        "orchestrator": _component_json(_orchestrator_of(model)),
    }


def detect(zenml_version):
    from zenml.client import Client

    client = Client()
    active = client.active_stack_model
    stacks = [_stack_json(model, str(model.id) == str(active.id)) for model in _all_stacks(client)]
    active_entry = next((s for s in stacks if s["active"]), None)
    if active_entry is None:  # the active stack may be outside the listed ones (permissions)
        active_entry = _stack_json(active, True)
    root = client.root
    return {
        "protocol": PROTOCOL,
        "zenmlVersion": zenml_version,
        "pythonExecutable": sys.executable,
        "activeStack": {"id": active_entry["id"], "name": active_entry["name"]},
        "orchestrator": active_entry["orchestrator"],
        "activeStackSource": (
            "environment"
            if os.environ.get("ZENML_ACTIVE_STACK_ID")
            else ("repository" if root is not None else "global")
        ),
        "repositoryRoot": str(root) if root is not None else None,
        "globalConfigFile": _global_config_file(),
        "store": _store_json(),
        "stacks": stacks,
    }


def switch_stack(zenml_version, name):
    from zenml.client import Client

    try:
        Client().activate_stack(name)
    except KeyError as e:
        raise HelperError("stack-not-found", "ZenML has no stack named '{}': {}".format(name, e))
    # Read back from a fresh client: the answer is what ZenML now reports.
    return detect(zenml_version)


# ---------------------------------------------------------------------------
# schedule pause|resume|update|delete: changes that really happen
# ---------------------------------------------------------------------------

# The oldest ZenML (client and server) for each change (facts §9): `update -c` and
# Kubernetes update/delete since 0.84.1; `active`, archiving and `soft` since 0.93.1.
SCHEDULE_ACTION_MINIMUM = {
    "pause": "0.93.1",
    "resume": "0.93.1",
    "update": "0.84.1",
    "delete": "0.93.1",
    "purge": "0.84.1",
}
CRON_JOB_METADATA_KEY = "cron_job_name"  # zenml.integrations.kubernetes.constants


def _is_kind(e, name, module_prefix):
    """`e` is an instance of a class called `name` from `module_prefix` (subclasses too), without importing it."""
    return any(k.__name__ == name and (k.__module__ or "").startswith(module_prefix) for k in type(e).__mro__)


def _is_api_exception(e):
    # kubernetes >= 35 raises subclasses (NotFoundException, UnauthorizedException, ...).
    return _is_kind(e, "ApiException", "kubernetes")


def _cluster_error(e, cron_job=None, namespace=None):
    """A HelperError for a failure talking to the Kubernetes API, or None when `e` is not one."""
    module = type(e).__module__ or ""
    where = " (CronJob '{}' in namespace '{}')".format(cron_job, namespace) if cron_job else ""
    extra = {"cronJob": cron_job, "namespace": namespace} if cron_job else {}
    if _is_api_exception(e):
        status = getattr(e, "status", None) or 0
        body = getattr(e, "body", None) or ""
        detail = body
        try:
            detail = json.loads(body).get("message") or body
        except Exception:
            pass
        extra.update({"status": status, "detail": str(detail)[:500]})
        if status == 404:
            return HelperError("cronjob-not-found", "The Kubernetes cluster has no CronJob{}.".format(where), **extra)
        if status == 401:
            return HelperError(
                "cluster-unauthorized", "The Kubernetes cluster refused the kubeconfig's credentials (401){}.".format(where), **extra
            )
        if status == 403:
            return HelperError(
                "cluster-forbidden", "The kubeconfig's user may not change the CronJob (403){}: {}".format(where, detail), **extra
            )
        if status == 422 or status == 400:
            return HelperError("cluster-rejected", "The Kubernetes cluster rejected the change{}: {}".format(where, detail), **extra)
        if status == 409:
            return HelperError("cluster-conflict", "The CronJob changed meanwhile{}: {}".format(where, detail), **extra)
        if status == 0:
            return HelperError("cluster-unreachable", "Could not reach the Kubernetes cluster{}: {}".format(where, e), **extra)
        return HelperError(
            "cluster-error", "The Kubernetes cluster answered {}{}: {}".format(status, where, detail or getattr(e, "reason", "")), **extra
        )
    if _is_kind(e, "ConfigException", "kubernetes"):
        text = str(e)
        code = "kube-context-not-found" if "Expected object with name" in text else "no-kubeconfig"
        return HelperError(code, "ZenML's Kubernetes client found no usable kubeconfig: {}".format(text), **extra)
    if module.startswith("urllib3") or isinstance(e, (ConnectionError, OSError)):
        return HelperError("cluster-unreachable", "Could not reach the Kubernetes cluster{}: {}".format(where, e), **extra)
    return None


def _zenml_error(e, schedule_id):
    """A HelperError for a failure talking to the ZenML server, or None when `e` is not one."""
    module = type(e).__module__ or ""
    text = str(e)
    if any(_is_kind(e, n, "zenml") for n in ("AuthorizationException", "OAuthError")):
        return HelperError("server-unauthorized", "The ZenML server refused the credentials: {}".format(text))
    if module.startswith("requests") or module.startswith("urllib3") or (
        "Connection refused" in text or "Max retries exceeded" in text or "Failed to establish a new connection" in text
    ):
        return HelperError("server-unreachable", "Could not reach the ZenML server: {}".format(text))
    if isinstance(e, KeyError) or _is_kind(e, "DoesNotExistException", "zenml"):
        return HelperError("schedule-not-found", "The ZenML server has no schedule {}.".format(schedule_id))
    if _is_kind(e, "IllegalOperationError", "zenml"):
        return HelperError("server-refused", "The ZenML server refused the change: {}".format(text))
    return None


def _record_json(schedule):
    if schedule is None:
        return None
    return {
        "id": str(schedule.id),
        "name": schedule.name,
        "active": getattr(schedule, "active", None),
        "cronExpression": schedule.cron_expression,
        "isArchived": getattr(schedule, "is_archived", None),
    }


def _cron_job_json(cron_job):
    if cron_job is None:
        return None
    spec = cron_job.spec
    return {
        "suspend": bool(spec.suspend) if spec is not None and spec.suspend is not None else False,
        "schedule": spec.schedule if spec is not None else None,
        "resourceVersion": cron_job.metadata.resource_version if cron_job.metadata is not None else None,
    }


def _read_cron_job(batch, name, namespace):
    """The CronJob as the cluster reports it now, or None when it is gone (404)."""
    try:
        return batch.read_namespaced_cron_job(name=name, namespace=namespace, _request_timeout=30)
    except Exception as e:
        if _is_api_exception(e) and getattr(e, "status", None) == 404:
            return None
        raise


def _classified(e, schedule_id, cron_job=None, namespace=None):
    return _cluster_error(e, cron_job, namespace) or _zenml_error(e, schedule_id)


def schedule_change(zenml_version, action, schedule_id, cron=None, purge=False):
    from uuid import UUID

    key = "purge" if action == "delete" and purge else action
    minimum = SCHEDULE_ACTION_MINIMUM[key]
    what = "purging a schedule" if key == "purge" else "{} a schedule".format({"pause": "pausing", "resume": "resuming", "update": "updating", "delete": "archiving"}[action])
    if _version_tuple(zenml_version) < _version_tuple(minimum):
        raise HelperError(
            "zenml-too-old",
            "ZenML {} in {} is too old for {} on the orchestrator: that needs ZenML {} or later.".format(zenml_version, sys.executable, what, minimum),
            zenmlVersion=zenml_version,
            minimumVersion=minimum,
            where="client",
        )
    try:
        schedule_uuid = UUID(schedule_id)
    except ValueError:
        raise HelperError("usage", "{!r} is not a schedule id (a UUID).".format(schedule_id))

    from zenml.client import Client

    notes = []
    try:
        client = Client()
        server_version = str(client.zen_store.get_store_info().version)
        schedule = client.zen_store.get_schedule(schedule_uuid, hydrate=True)
    except HelperError:
        raise
    except Exception as e:
        error = _zenml_error(e, schedule_id)
        if error is None:
            raise
        raise error
    if _version_tuple(server_version) < _version_tuple(minimum):
        raise HelperError(
            "zenml-too-old",
            "The ZenML server runs {}: {} needs ZenML {} or later on the server.".format(server_version, what, minimum),
            zenmlVersion=server_version,
            minimumVersion=minimum,
            where="server",
        )
    if getattr(schedule, "is_archived", False) and action != "delete":
        raise HelperError("schedule-archived", "Schedule '{}' is archived: ZenML cannot change an archived schedule.".format(schedule.name))

    from zenml.enums import StackComponentType

    if not schedule.orchestrator_id:
        raise HelperError(
            "no-orchestrator",
            "Schedule '{}' names no orchestrator: ZenML would change only its record, and whatever fires it would keep firing.".format(schedule.name),
        )
    try:
        component = client.get_stack_component(StackComponentType.ORCHESTRATOR, str(schedule.orchestrator_id))
    except KeyError:
        raise HelperError(
            "no-orchestrator",
            "The orchestrator of schedule '{}' ({}) is no longer registered in ZenML: ZenML would change only the record.".format(
                schedule.name, schedule.orchestrator_id
            ),
        )
    orchestrator_json = {"id": str(component.id), "name": component.name, "flavor": component.flavor_name}
    if component.flavor_name != "kubernetes":
        raise HelperError(
            "orchestrator-cannot-change",
            "ZenML cannot change schedules on the {} orchestrator '{}': it would change only its own record while the schedule keeps firing.".format(
                component.flavor_name, component.name
            ),
            orchestrator=orchestrator_json,
        )
    try:
        import kubernetes  # noqa: F401
    except ImportError as e:
        raise HelperError(
            "kubernetes-not-installed",
            "The `kubernetes` package is not installed in {}, so ZenML cannot reach the cluster: {}".format(sys.executable, e),
            interpreter=sys.executable,
            orchestrator=orchestrator_json,
        )
    from kubernetes import client as k8s_client
    from zenml.orchestrators import BaseOrchestrator

    try:
        orchestrator = BaseOrchestrator.from_model(component)
    except ImportError as e:
        raise HelperError(
            "kubernetes-not-installed",
            "ZenML's Kubernetes integration cannot be loaded in {}: {}".format(sys.executable, e),
            interpreter=sys.executable,
            orchestrator=orchestrator_json,
        )
    run_metadata = getattr(schedule, "run_metadata", None) or {}
    cron_job_name = run_metadata.get(CRON_JOB_METADATA_KEY)
    namespace = getattr(orchestrator.config, "kubernetes_namespace", None) or "default"
    if not cron_job_name:
        raise HelperError(
            "no-cron-job-name",
            "Schedule '{}' has no `cron_job_name` run metadata, so ZenML cannot tell which CronJob fires it.".format(schedule.name),
            orchestrator=orchestrator_json,
            namespace=namespace,
        )
    context = getattr(orchestrator.config, "kubernetes_context", None)
    cron_json = {"name": str(cron_job_name), "namespace": namespace, "context": context}

    # Where the schedule fires, before: the same client and credentials ZenML uses.
    try:
        batch = k8s_client.BatchV1Api(orchestrator.get_kube_client())
        cron_before = _read_cron_job(batch, cron_job_name, namespace)
    except Exception as e:
        error = _cluster_error(e, cron_job_name, namespace)
        if error is None:
            raise
        error.extra.setdefault("context", context)
        raise error
    if cron_before is None:
        if action != "delete":
            raise HelperError(
                "cronjob-not-found",
                "The Kubernetes cluster has no CronJob '{}' in namespace '{}' (schedule '{}'): it was deleted outside ZenML.".format(
                    cron_job_name, namespace, schedule.name
                ),
                cronJob=str(cron_job_name),
                namespace=namespace,
                status=404,
            )
        notes.append("CronJob '{}' in namespace '{}' was already gone.".format(cron_job_name, namespace))
    before = {"record": _record_json(schedule), "cronJob": _cron_job_json(cron_before)}

    try:
        if action in ("pause", "resume"):
            want_active = action == "resume"
            if schedule.active == want_active:
                # ZenML's Client skips the orchestrator when the record already agrees
                # ("Schedule active value is already ..."): bring the CronJob in line with
                # ZenML's own orchestrator code so that the two agree.
                if before["cronJob"]["suspend"] == want_active:
                    from zenml.models import ScheduleUpdate

                    orchestrator.update_schedule(schedule, ScheduleUpdate(active=want_active))
                    notes.append("The record was already {}; only the CronJob was changed.".format("active" if want_active else "inactive"))
                else:
                    notes.append("Nothing to change: the record and the CronJob were already {}.".format("active" if want_active else "paused"))
            else:
                client.update_schedule(str(schedule.id), active=want_active)
        elif action == "update":
            client.update_schedule(str(schedule.id), cron_expression=cron)
        elif _version_tuple(zenml_version) < _version_tuple("0.93.1"):
            client.delete_schedule(str(schedule.id))  # before 0.93.1 every delete purges
        else:
            client.delete_schedule(str(schedule.id), soft=not purge)
    except Exception as e:
        error = _classified(e, schedule_id, cron_job_name, namespace)
        if error is None:
            raise
        # What each side holds now, so that the caller can say exactly what changed.
        try:
            error.extra["after"] = {
                "cronJob": _cron_job_json(_read_cron_job(batch, cron_job_name, namespace)),
                "record": _record_json(client.zen_store.get_schedule(schedule_uuid, hydrate=True)),
            }
        except Exception as read_error:
            sys.stderr.write("read-back after failure failed: {}\n".format(read_error))
        error.extra["before"] = before
        raise error

    # Read back from where the schedule fires, and from the server.
    try:
        cron_after = _read_cron_job(batch, cron_job_name, namespace)
    except Exception as e:
        error = _cluster_error(e, cron_job_name, namespace)
        if error is None:
            raise
        error.code = "read-back-failed"
        error.message = "The change was sent, but the CronJob could not be read back: " + error.message
        raise error
    try:
        record_after = client.zen_store.get_schedule(schedule_uuid, hydrate=True)
    except KeyError:
        record_after = None
    return {
        "protocol": PROTOCOL,
        "zenmlVersion": zenml_version,
        "serverVersion": server_version,
        "action": action,
        "purge": bool(purge),
        "schedule": {"id": str(schedule.id), "name": schedule.name, "projectId": str(getattr(schedule, "project_id", "") or "")},
        "orchestrator": orchestrator_json,
        "cronJob": cron_json,
        "before": before,
        "after": {"record": _record_json(record_after), "cronJob": _cron_job_json(cron_after)},
        "notes": notes,
    }



def _parse_time(value):
    from datetime import datetime, timezone

    if value == "now":
        return datetime.now(timezone.utc)
    text = value[:-1] + "+00:00" if value.endswith("Z") else value
    return datetime.fromisoformat(text)


def _import_user_module(file_path):
    """Imports the user's file as ZenML would find it again: by its dotted name under the source root.

    The source root is ZenML's repository root (`zenml init`) when the file is inside it, else the working
    directory (the workspace folder) when the file is inside that, else the file's folder; without a
    repository it is set as ZenML's custom source root, so the steps' sources resolve (ZenML would
    otherwise use this helper's folder, the __main__ module's).
    """
    import importlib
    from zenml.client import Client
    from zenml.utils import source_utils

    repo_root = Client.find_repository(path=None, enable_warnings=False)
    candidates = [str(repo_root)] if repo_root else []
    candidates += [os.getcwd(), os.path.dirname(file_path)]
    root = next(c for c in candidates if os.path.commonpath([os.path.abspath(c), file_path]) == os.path.abspath(c))
    root = os.path.abspath(root)
    if not repo_root or root != os.path.abspath(str(repo_root)):
        source_utils.set_custom_source_root(root)
    if root not in sys.path:
        sys.path.insert(0, root)
    relative = os.path.relpath(file_path, root)[: -len(".py")] if file_path.endswith(".py") else None
    parts = relative.split(os.sep) if relative else []
    try:
        if parts and all(p.isidentifier() for p in parts):
            return importlib.import_module(".".join(parts))
        import importlib.util

        spec = importlib.util.spec_from_file_location("zenml_schedules_target", file_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except BaseException as e:  # noqa: B902 - the user's module failing to import is their error, reported as such
        traceback.print_exc(file=sys.stderr)
        raise HelperError("import-failed", "Importing {} failed: {}: {}".format(file_path, type(e).__name__, e))


def create_run(zenml_version, file_path, pipeline_name, schedule_json):
    """Runs the pipeline with a schedule on the active stack; returns the schedule ZenML stored."""
    from datetime import datetime, timedelta, timezone

    try:
        kwargs = json.loads(schedule_json)
    except ValueError as e:
        raise HelperError("usage", "the schedule is not JSON: {}".format(e))
    if not os.path.isfile(file_path):
        raise HelperError("usage", "no such file: {}".format(file_path))
    for key in ("start_time", "end_time", "run_once_start_time"):
        if isinstance(kwargs.get(key), str):
            kwargs[key] = _parse_time(kwargs[key])
    if isinstance(kwargs.get("interval_second"), (int, float)):
        kwargs["interval_second"] = timedelta(seconds=kwargs["interval_second"])

    from zenml.client import Client
    from zenml.config.schedule import Schedule

    module = _import_user_module(os.path.abspath(file_path))
    target = getattr(module, pipeline_name, None)
    if target is None or not hasattr(target, "with_options"):
        raise HelperError("no-pipeline", "{} has no @pipeline named {}".format(file_path, pipeline_name))

    client = Client()
    stack = client.active_stack_model
    orchestrator = _orchestrator_of(stack)
    schedule = Schedule(**kwargs)
    started = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(seconds=5)
    print("Running {} with {} on stack '{}'".format(pipeline_name, schedule, stack.name), file=sys.stderr)
    try:
        target.with_options(schedule=schedule)()
    except BaseException as e:  # noqa: B902 - ZenML's own refusal (build, validation, orchestrator) is the answer
        traceback.print_exc(file=sys.stderr)
        raise HelperError(
            "run-failed",
            "ZenML could not create the schedule: {}: {}".format(type(e).__name__, e),
            stack=stack.name,
            orchestratorFlavor=getattr(orchestrator, "flavor_name", None),
        )
    # Read it back: the newest schedule of this pipeline created since the run started.
    found = None
    for item in _items(client.list_schedules(sort_by="desc:created", size=20, hydrate=True)):
        created = getattr(item, "created", None)
        if created is not None and created.replace(tzinfo=None) < started:
            continue
        pipeline_id = getattr(item, "pipeline_id", None)
        pipeline_model = None
        try:
            pipeline_model = client.get_pipeline(pipeline_id) if pipeline_id else None
        except Exception:  # noqa: BLE001
            pipeline_model = None
        if pipeline_model is not None and pipeline_model.name != getattr(target, "name", pipeline_name):
            continue
        if kwargs.get("name") and item.name != kwargs["name"]:
            continue
        found = item
        break
    if found is None:
        raise HelperError(
            "not-found-after-run",
            "ZenML ran the pipeline with the schedule but no new schedule record could be read back.",
        )
    record = _record_json(found)
    try:
        record["runMetadata"] = {k: str(v) for k, v in (found.run_metadata or {}).items()}
    except Exception:  # noqa: BLE001
        record["runMetadata"] = {}
    record["orchestratorId"] = str(found.orchestrator_id) if getattr(found, "orchestrator_id", None) else None
    return {
        "protocol": PROTOCOL,
        "zenmlVersion": zenml_version,
        "stack": stack.name,
        "orchestrator": {"name": getattr(orchestrator, "name", None), "flavor": getattr(orchestrator, "flavor_name", None)},
        "schedule": record,
    }


def _parse_schedule_args(argv):
    if len(argv) < 3 or argv[1] not in ("pause", "resume", "update", "delete"):
        raise HelperError("usage", "schedule needs an action (pause, resume, update, delete) and a schedule id")
    action, schedule_id = argv[1], argv[2]
    cron, purge = None, False
    rest = argv[3:]
    i = 0
    while i < len(rest):
        if rest[i] == "--cron" and i + 1 < len(rest):
            cron = rest[i + 1]
            i += 2
        elif rest[i] == "--purge":
            purge = True
            i += 1
        else:
            raise HelperError("usage", "unknown argument {!r}".format(rest[i]))
    if action == "update" and not cron:
        raise HelperError("usage", "update needs --cron EXPR")
    return action, schedule_id, cron, purge


def _run(argv):
    mode = argv[0] if argv else "detect"
    if mode not in ("detect", "switch-stack", "schedule", "create-run"):
        raise HelperError("usage", "unknown mode {!r}: expected detect, switch-stack NAME or schedule ACTION ID".format(mode))
    if mode == "create-run" and len(argv) < 4:
        raise HelperError("usage", "create-run needs FILE PIPELINE SCHEDULE_JSON")
    if mode == "switch-stack" and len(argv) < 2:
        raise HelperError("usage", "switch-stack needs a stack name")
    parsed = _parse_schedule_args(argv) if mode == "schedule" else None
    _quiet_zenml()
    version = _import_zenml()
    if mode == "switch-stack":
        return switch_stack(version, argv[1])
    if mode == "create-run":
        return create_run(version, argv[1], argv[2], argv[3])
    if parsed is not None:
        return schedule_change(version, *parsed)
    return detect(version)

def main():
    # Keep stdout for our one JSON line: ZenML's own output goes to stderr,
    # at the file-descriptor level so that child processes obey it too.
    json_out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        result = _run(sys.argv[1:])
        code = 0
    except HelperError as e:
        error = {"code": e.code, "message": e.message}
        error.update(e.extra)
        result = {"protocol": PROTOCOL, "error": error}
        code = 2
    except BaseException as e:  # noqa: B902 - report everything as JSON, never a traceback on stdout
        traceback.print_exc(file=sys.stderr)
        message = "{}: {}".format(type(e).__name__, e)
        result = {"protocol": PROTOCOL, "error": {"code": "helper-failed", "message": message}}
        code = 3
    json_out.write(json.dumps(result))
    json_out.write("\n")
    json_out.flush()
    sys.exit(code)


if __name__ == "__main__":
    main()

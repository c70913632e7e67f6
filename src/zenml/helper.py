"""ZenML Schedules helper: asks the user's ZenML which stack is active.

Run by the extension (and the `zenml-schedules` command line) with the user's
Python interpreter, in the workspace folder (ZenML finds its repository by
walking up from the working directory):

    python helper.py detect              the active stack, its orchestrator, all stacks
    python helper.py switch-stack NAME   activate NAME through ZenML, then the same as detect

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


def _run(argv):
    mode = argv[0] if argv else "detect"
    if mode not in ("detect", "switch-stack"):
        raise HelperError("usage", "unknown mode {!r}: expected detect or switch-stack NAME".format(mode))
    if mode == "switch-stack" and len(argv) < 2:
        raise HelperError("usage", "switch-stack needs a stack name")
    _quiet_zenml()
    version = _import_zenml()
    if mode == "switch-stack":
        return switch_stack(version, argv[1])
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

"""Drive the loopback Vertex AI Schedule API with Google's official client.

google-cloud-aiplatform's aiplatform_v1.ScheduleServiceClient over the REST transport, its
api_endpoint pointed at http://127.0.0.1:PORT (the REST transport keeps an explicit http:// scheme),
bearer-token credentials. Prints one JSON line: operation -> outcome.

usage: vertex_client_check.py ENDPOINT PROJECT REGION TOKEN PAUSE_ID RESUME_ID UPDATE_ID DELETE_ID
"""

import json
import sys

from google.api_core import exceptions
from google.cloud import aiplatform_v1
from google.oauth2.credentials import Credentials
from google.protobuf import field_mask_pb2

endpoint, project, region, token, pause_id, resume_id, update_id, delete_id = sys.argv[1:9]
parent = f"projects/{project}/locations/{region}"


def client(tok):
    return aiplatform_v1.ScheduleServiceClient(
        credentials=Credentials(token=tok),
        transport="rest",
        client_options={"api_endpoint": endpoint},
    )


good = client(token)
results = {}


def run(name, fn):
    try:
        results[name] = {"ok": True, **(fn() or {})}
    except exceptions.GoogleAPICallError as e:
        results[name] = {"ok": False, "status": e.code.value if hasattr(e.code, "value") else int(e.code), "reason": type(e).__name__, "message": e.message}
    except Exception as e:  # noqa: BLE001 - report anything else as a failure
        results[name] = {"ok": False, "reason": type(e).__name__, "message": str(e)}


def state(s):
    return aiplatform_v1.Schedule.State(s.state).name


def paged():
    pages = []
    request = aiplatform_v1.ListSchedulesRequest(parent=parent, page_size=2)
    for page in good.list_schedules(request=request).pages:
        pages.append([s.display_name for s in page.schedules])
    return {"pages": pages}


run("pagedList", paged)
run("filtered", lambda: {"names": [s.display_name for s in good.list_schedules(request={"parent": parent, "filter": 'display_name="nightly"'})]})
run("get", lambda: (lambda s: {"name": s.name, "displayName": s.display_name, "cron": s.cron, "state": state(s), "nextRunTime": s.next_run_time.isoformat() if s.next_run_time else None})(good.get_schedule(name=f"{parent}/schedules/{pause_id}")))
run("pause", lambda: good.pause_schedule(name=f"{parent}/schedules/{pause_id}") and None)
run("afterPause", lambda: {"state": state(good.get_schedule(name=f"{parent}/schedules/{pause_id}"))})
run("pauseAgain", lambda: good.pause_schedule(name=f"{parent}/schedules/{pause_id}") and None)
run("resumeCatchUp", lambda: good.resume_schedule(request={"name": f"{parent}/schedules/{resume_id}", "catch_up": True}) and None)
run("afterResume", lambda: (lambda s: {"state": state(s), "catchUp": s.catch_up})(good.get_schedule(name=f"{parent}/schedules/{resume_id}")))
run(
    "update",
    lambda: (lambda s: {"cron": s.cron})(
        good.update_schedule(schedule=aiplatform_v1.Schedule(name=f"{parent}/schedules/{update_id}", cron="TZ=Europe/Berlin 30 4 * * *"), update_mask=field_mask_pb2.FieldMask(paths=["cron"]))
    ),
)
run("updateBadCron", lambda: good.update_schedule(schedule=aiplatform_v1.Schedule(name=f"{parent}/schedules/{update_id}", cron="61 * * * *"), update_mask=field_mask_pb2.FieldMask(paths=["cron"])) and None)
run("updateState", lambda: good.update_schedule(schedule=aiplatform_v1.Schedule(name=f"{parent}/schedules/{update_id}", state=aiplatform_v1.Schedule.State.PAUSED), update_mask=field_mask_pb2.FieldMask(paths=["state"])) and None)
run("delete", lambda: good.delete_schedule(name=f"{parent}/schedules/{delete_id}").result(timeout=30) and None)
run("getDeleted", lambda: good.get_schedule(name=f"{parent}/schedules/{delete_id}") and None)
run("badToken", lambda: client("wrong-token").get_schedule(name=f"{parent}/schedules/{pause_id}") and None)
run("otherRegion", lambda: good.get_schedule(name=f"projects/{project}/locations/us-central1/schedules/{pause_id}") and None)
print(json.dumps(results))

"""Drive the loopback Databricks Jobs API with the official databricks-sdk.

WorkspaceClient(host=http://127.0.0.1:PORT, token=...).jobs list/get/update/delete. Prints one JSON
line: operation -> outcome.

usage: databricks_client_check.py HOST TOKEN PAUSE_ID UPDATE_ID DELETE_ID
"""

import json
import sys

from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import DatabricksError
from databricks.sdk.service.jobs import CronSchedule, JobSettings, PauseStatus

host, token, pause_id, update_id, delete_id = sys.argv[1:6]
pause_id, update_id, delete_id = int(pause_id), int(update_id), int(delete_id)


def client(tok):
    return WorkspaceClient(host=host, token=tok, auth_type="pat")


w = client(token)
results = {}


def run(name, fn):
    try:
        results[name] = {"ok": True, **(fn() or {})}
    except DatabricksError as e:
        results[name] = {"ok": False, "reason": type(e).__name__, "errorCode": e.error_code, "message": str(e)}
    except Exception as e:  # noqa: BLE001 - anything else is a failure too
        results[name] = {"ok": False, "reason": type(e).__name__, "message": str(e)}


def schedule_of(job_id):
    s = w.jobs.get(job_id=job_id).settings.schedule
    return {"cron": s.quartz_cron_expression, "zone": s.timezone_id, "pause": s.pause_status.value if s.pause_status else None}


run("list", lambda: {"names": [j.settings.name for j in w.jobs.list(limit=2)]})
run("listByName", lambda: {"names": [j.settings.name for j in w.jobs.list(name="nightly_0123456789abcdef0123456789abcdef")]})
run("get", lambda: schedule_of(pause_id))
run("pause", lambda: w.jobs.update(job_id=pause_id, new_settings=JobSettings(schedule=CronSchedule(quartz_cron_expression="0 0 3 * * ?", timezone_id="Europe/Berlin", pause_status=PauseStatus.PAUSED))) and None)
run("afterPause", lambda: schedule_of(pause_id))
run("update", lambda: w.jobs.update(job_id=update_id, new_settings=JobSettings(schedule=CronSchedule(quartz_cron_expression="0 30 4 ? * MON-FRI", timezone_id="America/New_York"))) and None)
run("afterUpdate", lambda: schedule_of(update_id))
run("updateBadCron", lambda: w.jobs.update(job_id=update_id, new_settings=JobSettings(schedule=CronSchedule(quartz_cron_expression="0 30 4 * * *", timezone_id="UTC"))) and None)
# The typed API will not even build a schedule without timezone_id: send it raw through the SDK's API client.
run("updateNoZone", lambda: w.api_client.do("POST", "/api/2.2/jobs/update", body={"job_id": update_id, "new_settings": {"schedule": {"quartz_cron_expression": "0 30 4 * * ?"}}}) and None)
run("delete", lambda: w.jobs.delete(job_id=delete_id) and None)
run("getDeleted", lambda: w.jobs.get(job_id=delete_id) and None)
run("deleteAgain", lambda: w.jobs.delete(job_id=delete_id) and None)
run("badToken", lambda: client("wrong-token").jobs.get(job_id=pause_id) and None)
print(json.dumps(results))

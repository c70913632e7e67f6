"""Reference runner: croniter, the parser Airflow uses. Reads JSON lines
{"expr","tz","from","count"} on stdin and prints {"runs":[...]} or {"error":"..."}.
Next runs come from croniter on a tz-aware start datetime in the zone, after
Airflow's own preset table."""
import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from croniter import croniter
from croniter.croniter import CroniterBadDateError

# Airflow resolves its own presets before croniter sees the string
# (airflow.utils.dates.cron_presets); croniter knows the rest (@midnight, @annually).
AIRFLOW_PRESETS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@quarterly": "0 0 1 */3 *",
    "@yearly": "0 0 1 1 *",
}


def run(req):
    zone = ZoneInfo(req["tz"])
    start = datetime.fromisoformat(req["from"].replace("Z", "+00:00")).astimezone(zone)
    try:
        it = croniter(AIRFLOW_PRESETS.get(req["expr"], req["expr"]), start)
    except Exception as exc:  # croniter's rejection is the answer
        return {"error": f"{type(exc).__name__}: {exc}"}
    runs = []
    try:
        for _ in range(req["count"]):
            nxt = it.get_next(datetime)
            runs.append(nxt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    except CroniterBadDateError:
        pass  # no further run within croniter's search window: valid, runs so far
    except Exception as exc:  # anything else is a rejection at run time
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"runs": runs}

for line in sys.stdin:
    try:
        print(json.dumps(run(json.loads(line))), flush=False)
    except Exception as exc:
        print(json.dumps({"error": f"runner: {exc}"}))
sys.stdout.flush()

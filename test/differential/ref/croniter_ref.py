"""Reference runner: croniter, the parser Airflow uses. Reads JSON lines
{"expr","tz","from","count"} on stdin and prints {"runs":[...]} or {"error":"..."}.
Next runs come from croniter on a tz-aware start datetime in the zone."""
import json
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from croniter import croniter

def run(req):
    zone = ZoneInfo(req["tz"])
    start = datetime.fromisoformat(req["from"].replace("Z", "+00:00")).astimezone(zone)
    try:
        it = croniter(req["expr"], start)
    except Exception as exc:  # croniter's rejection is the answer
        return {"error": f"{type(exc).__name__}: {exc}"}
    runs = []
    try:
        for _ in range(req["count"]):
            nxt = it.get_next(datetime)
            runs.append(nxt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    except Exception as exc:
        if not runs:
            return {"error": f"{type(exc).__name__}: {exc}", "runs": []}
    return {"runs": runs}

for line in sys.stdin:
    try:
        print(json.dumps(run(json.loads(line))), flush=False)
    except Exception as exc:
        print(json.dumps({"error": f"runner: {exc}"}))
sys.stdout.flush()

"""Reference runner: real Apache Airflow (3.x or 2.10, whichever this Python has).

Reads JSON lines {"expr","tz","from","count"[,"start","end","catchup"]} on stdin and
prints, per line, {"runs":[...]} (UTC ISO instants) or {"error":"..."}.

Each case is the DAG ZenML's Airflow orchestrator writes (dag_generator.py):
    DAG(schedule=<expr>, start_date=<start, default from - 7 days>,
        end_date=<end, default None>, catchup=<catchup, default False>)
(ZenML: start_date = Schedule.start_time or now - 7 days, end_date = Schedule.end_time,
catchup = Schedule.catchup), with the DAG's zone = `tz` (ZenML's naive start_date takes Airflow's
default_timezone; here the start date carries the zone, which Airflow treats the
same way). Airflow chooses the timetable itself (Airflow 3: CronTriggerTimetable,
2.10: CronDataIntervalTimetable); the DAG goes through Airflow's serialisation
where the version has it, as the scheduler reads it; then the scheduler's loop
is replayed with the clock frozen at `from`:
    info = next_dagrun_info(last_automated_data_interval=None, restriction)
    info = next_dagrun_info(last_automated_data_interval=info.data_interval, ...)
with the restriction the scheduler builds from the DAG (DAG._time_restriction:
earliest = start_date, latest = end_date, catchup), and the run_after values strictly
after `from` are the answer (with catchup=True the runs between start_date and `from`
are replayed too: the scheduler creates them at once, one after the other).
"""
import importlib
import json
import os
import sys
from datetime import datetime, timedelta, timezone

os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__UNIT_TEST_MODE", "False")

import pendulum  # noqa: E402
import airflow  # noqa: E402
from croniter import CroniterBadDateError  # noqa: E402

VERSION = airflow.__version__
MAJOR = int(VERSION.split(".")[0])

try:
    from airflow.sdk import DAG  # Airflow 3
except ImportError:  # Airflow 2
    from airflow import DAG

from airflow.timetables.base import TimeRestriction  # noqa: E402

# The modules whose `utcnow` the timetables call (frozen to the case's `from`).
_CLOCK_MODULES = ["airflow.timetables.trigger", "airflow.timetables.interval", "airflow.timetables._cron", "airflow.timetables.simple"]
_NOW = [None]


def _frozen_utcnow():
    return _NOW[0]


for _name in _CLOCK_MODULES:
    try:
        _mod = importlib.import_module(_name)
    except ImportError:
        continue
    if hasattr(_mod, "utcnow"):
        _mod.utcnow = _frozen_utcnow
    _tz = getattr(_mod, "timezone", None)
    if _tz is not None and hasattr(_tz, "utcnow") and not isinstance(_tz, type):
        try:
            _tz.utcnow = _frozen_utcnow
        except Exception:
            pass
try:  # Airflow 2: timetables call airflow.utils.timezone.utcnow / DateTime.utcnow
    import airflow.utils.timezone as _atz

    _atz.utcnow = _frozen_utcnow
except Exception:
    pass


def _scheduler_timetable(dag):
    """The timetable as the scheduler sees it: Airflow 3 encodes the DAG's (SDK)
    timetable and the scheduler decodes it into airflow.timetables.*; Airflow 2's
    DAG holds that timetable already."""
    try:
        from airflow.serialization.decoders import decode_timetable
        from airflow.serialization.encoders import encode_timetable
    except ImportError:
        return dag.timetable
    return decode_timetable(encode_timetable(dag.timetable))


def _restriction(dag):
    """The restriction the scheduler builds for this DAG (DAG._time_restriction: earliest =
    start_date, latest = end_date, catchup), from the DAG as the scheduler holds it: Airflow 3
    serialises the (SDK) DAG and the scheduler reads a SerializedDAG; Airflow 2.10's DAG has it.
    Both store start_date and end_date in UTC, which matters: _align_to_next compares the
    start date with a UTC time, and in a repeated hour a zoned one compares by wall time."""
    try:
        from airflow.serialization.serialized_objects import DagSerialization as _S  # Airflow 3
    except ImportError:
        try:
            from airflow.serialization.serialized_objects import SerializedDAG as _S  # Airflow 2
        except ImportError:
            _S = None
    held = dag
    if _S is not None:
        held = _S.from_dict(_S.to_dict(dag))
    return held._time_restriction


def iso(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(req, index):
    zone = pendulum.timezone(req["tz"])
    now = pendulum.instance(datetime.fromisoformat(req["from"].replace("Z", "+00:00"))).in_timezone("UTC")
    _NOW[0] = now
    def instant(key):
        value = req.get(key)
        if value is None:
            return None
        return pendulum.instance(datetime.fromisoformat(value.replace("Z", "+00:00"))).in_timezone(zone)

    start = instant("start") or (now - timedelta(days=7)).in_timezone(zone)
    end = instant("end")
    catchup = bool(req.get("catchup", False))
    try:
        dag = DAG(dag_id=f"zenml_case_{index}", schedule=req["expr"], start_date=start, end_date=end, catchup=catchup)
        timetable = _scheduler_timetable(dag)
        timetable.validate()
        restriction = _restriction(dag)
    except Exception as exc:  # Airflow's rejection (at parse or validation) is the answer
        return {"error": f"{type(exc).__name__}: {exc}"}
    runs = []
    last = None
    previous = None
    try:
        for _ in range(100000):
            info = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
            if info is None or (previous is not None and info.run_after <= previous):
                break
            previous = info.run_after
            if info.run_after > now:
                runs.append(iso(info.run_after))
                if len(runs) >= req["count"]:
                    break
            if last is not None and info.data_interval == last:
                break
            last = info.data_interval
    except CroniterBadDateError:
        pass  # croniter found no further run: valid, runs so far
    except Exception as exc:
        if not runs and "CroniterBadDateError" in repr(exc):
            pass
        else:
            return {"error": f"{type(exc).__name__}: {exc}"}
    return {"runs": runs}


if __name__ == "__main__":
    if "--version" in sys.argv:
        import croniter as _c

        print(json.dumps({"airflow": VERSION, "croniter": getattr(_c, "__version__", "?")}))
        sys.exit(0)
    for i, line in enumerate(sys.stdin):
        try:
            print(json.dumps(run(json.loads(line), i)), flush=False)
        except Exception as exc:
            print(json.dumps({"error": f"runner: {type(exc).__name__}: {exc}"}))
    sys.stdout.flush()

#!/usr/bin/env bash
# Real Apache Airflow from PyPI, as a reference scheduler for the differential test (issue 12):
#   .tools/airflow3-venv   apache-airflow==3.* (3.3.x; it pulls croniter 7.0.0)
#   .tools/airflow2-venv   apache-airflow==2.10.* WITHOUT Airflow's constraint files (these come
#                          from GitHub, which is not reachable here); if pip cannot resolve or
#                          the result does not import, this is reported as SKIPPED with pip's
#                          reason, and the differential test reports Airflow 2 as skipped.
# Only the timetable code is used (airflow.timetables.*): no scheduler, database or web server.
# Idempotent: a stamp file records what was installed; a second run only checks it.
# The first Airflow 3 install takes about 3 minutes (download-bound).
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tools
PYTHON="${PYTHON:-python3}"
# Importing airflow writes a config into AIRFLOW_HOME (default ~/airflow): keep it under .tools.
export AIRFLOW_HOME="$PWD/.tools/airflow-ref-home"
mkdir -p "$AIRFLOW_HOME"

if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  echo "SKIPPED: Airflow reference: '$PYTHON -m venv' is unavailable (install Debian's python3-venv)" >&2
  exit 0
fi

# install_airflow VENV SPEC PROBE: idempotent install of SPEC into VENV, checked by PROBE (Python code).
install_airflow() {
  local venv="$1" want="$2" probe="$3" stamp="$1/.installed" start log
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && "$venv/bin/python" -c "$probe" >/dev/null 2>&1; then
    echo "airflow venv: cached ($want in $venv)"
    return 0
  fi
  start=$(date +%s)
  log=".tools/$(basename "$venv").pip.log"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv" || { echo "SKIPPED: $want (venv creation failed)" >&2; return 1; }
  "$venv/bin/python" -m pip install --quiet --upgrade pip >"$log" 2>&1
  if ! "$venv/bin/python" -m pip install --quiet "$want" >>"$log" 2>&1; then
    echo "SKIPPED: $want: pip install failed; last lines of $log:" >&2
    tail -5 "$log" >&2
    return 1
  fi
  if ! "$venv/bin/python" -c "$probe" >>"$log" 2>&1; then
    echo "SKIPPED: $want installed but its timetables do not import; last lines of $log:" >&2
    tail -5 "$log" >&2
    return 1
  fi
  echo "$want" >"$stamp"
  echo "airflow venv: installed $want in $(( $(date +%s) - start ))s"
}

PROBE='import airflow, croniter; from airflow.timetables.trigger import CronTriggerTimetable; from airflow.timetables.interval import CronDataIntervalTimetable'
install_airflow .tools/airflow3-venv "apache-airflow==${AIRFLOW3_VERSION:-3.*}" "$PROBE"
install_airflow .tools/airflow2-venv "apache-airflow==${AIRFLOW2_VERSION:-2.10.*}" "$PROBE"
# The Airflow adapter's live tests (issue 11) parse a DAG made the way ZenML's Airflow orchestrator makes
# it; ZenML's dag generator imports pydantic, which Airflow 3 brings and Airflow 2.10 does not (ZenML's
# docs ask for it in the Airflow environment). Idempotent: installed only when it does not import.
if [ -x .tools/airflow2-venv/bin/python ] && ! .tools/airflow2-venv/bin/python -c 'import pydantic' >/dev/null 2>&1; then
  .tools/airflow2-venv/bin/python -m pip install --quiet 'pydantic>=2,<3' >>.tools/airflow2-venv.pip.log 2>&1 \
    && echo "airflow venv: pydantic added to .tools/airflow2-venv" \
    || echo "SKIPPED: pydantic for .tools/airflow2-venv (pip failed; see .tools/airflow2-venv.pip.log)" >&2
fi
exit 0

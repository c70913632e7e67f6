#!/usr/bin/env bash
# The virtual environment for the live-schedules tests (test/live/): a real ZenML server and client
# from PyPI, plus the official `kubernetes` Python client that ZenML's Kubernetes orchestrator uses to
# suspend, patch and delete CronJobs (pointed by the tests at the loopback CronJob API server).
#   .tools/zenml-server-venv   zenml[server]==0.98.0 + kubernetes
# Kept apart from .tools/zenml-venv, which has no `kubernetes` package on purpose (the "no kubernetes
# package" failure path). Idempotent: a stamp file records what was installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

ZENML_VERSION="${ZENML_VERSION:-0.98.0}"
PYTHON="${PYTHON:-python3}"
VENV=.tools/zenml-server-venv
STAMP="$VENV/.installed"
WANT="zenml[server]==$ZENML_VERSION kubernetes"

mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import zenml, kubernetes' 2>/dev/null; then
  echo "zenml server venv: cached ($WANT)"
  exit 0
fi

start=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
# shellcheck disable=SC2086
"$VENV/bin/python" -m pip install --quiet "zenml[server]==$ZENML_VERSION" kubernetes 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -c 'import zenml.zen_server.zen_server_api, kubernetes' >/dev/null
echo "$WANT" > "$STAMP"
echo "zenml server venv: installed $WANT in $(( $(date +%s) - start ))s"

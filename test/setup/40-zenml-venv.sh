#!/usr/bin/env bash
# Two Python virtual environments for the tests against the real ZenML (test/zenml/):
#   .tools/zenml-venv   zenml from PyPI with its local SQLite store (`zenml[local]`). Nothing else:
#                       ZenML 0.98 ships the kubernetes flavor, and registering a `kubernetes`
#                       orchestrator and stack needs no integration package (checked without the
#                       `kubernetes` package: register, stack set and is_schedulable all work)
#   .tools/plain-venv   a Python without ZenML (the "ZenML not installed" failure path)
# Idempotent: a stamp file records what was installed; a second run only checks it.
# First install takes a few minutes (measured: see README, "Tests against the real ZenML").
set -euo pipefail
cd "$(dirname "$0")/../.."

ZENML_VERSION="${ZENML_VERSION:-0.98.0}"
PYTHON="${PYTHON:-python3}"
VENV=.tools/zenml-venv
PLAIN=.tools/plain-venv
STAMP="$VENV/.installed"
WANT="zenml[local]==$ZENML_VERSION"

mkdir -p .tools

if [ ! -x "$PLAIN/bin/python" ]; then
  "$PYTHON" -m venv "$PLAIN"
fi

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import zenml' 2>/dev/null; then
  echo "zenml venv: cached ($WANT)"
  exit 0
fi

start=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
# shellcheck disable=SC2086
"$VENV/bin/python" -m pip install --quiet $WANT 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/zenml" version >/dev/null 2>&1
echo "$WANT" > "$STAMP"
echo "zenml venv: installed $WANT in $(( $(date +%s) - start ))s"

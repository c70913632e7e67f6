#!/usr/bin/env bash
# Two Python virtual environments for the tests against the real ZenML (test/zenml/):
#   .tools/zenml-venv   zenml from PyPI with its local SQLite store (`zenml[local]`). Nothing else:
#                       ZenML 0.98 ships the kubernetes flavor, and registering a `kubernetes`
#                       orchestrator and stack needs no integration package (checked without the
#                       `kubernetes` package: register, stack set and is_schedulable all work)
#   .tools/plain-venv   a Python without ZenML (the "ZenML not installed" failure path)
# Idempotent: a stamp file records what was installed; a second run only checks it.
# The first install takes about 30-80 s (download-bound; measured: see README, "Tests against
# the real ZenML"); later runs only check the stamp.
# Needs Debian's python3-venv (for `python3 -m venv`): installed with apt when missing and we
# are root; otherwise one clear message and exit 1.
set -euo pipefail
cd "$(dirname "$0")/../.."

ZENML_VERSION="${ZENML_VERSION:-0.98.0}"
PYTHON="${PYTHON:-python3}"
VENV=.tools/zenml-venv
PLAIN=.tools/plain-venv
STAMP="$VENV/.installed"
WANT="zenml[local]==$ZENML_VERSION"

mkdir -p .tools

# `python3 -m venv` needs ensurepip, which Debian ships separately in python3-venv.
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: '$PYTHON -m venv' is unavailable. Install Debian's python3-venv as root: apt-get install python3-venv python3-pip" >&2
    exit 1
  fi
  echo "installing python3-venv python3-pip (for '$PYTHON -m venv')"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3-venv python3-pip
fi

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
"$VENV/bin/python" -m pip install --quiet "$WANT" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/zenml" version >/dev/null 2>&1
echo "$WANT" > "$STAMP"
echo "zenml venv: installed $WANT in $(( $(date +%s) - start ))s"

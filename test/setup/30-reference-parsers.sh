#!/usr/bin/env bash
# Reference cron parsers for the differential test (issue 5): robfig/cron (Go,
# Kubernetes + Kubeflow), croniter (Python, Airflow) and Quartz (Java, Databricks).
# Idempotent and quick when already installed. A reference that cannot be
# installed is reported as skipped here and again by the differential test.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tools
CRONITER_VERSION=6.0.0

missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -d /usr/share/gocode/src/github.com/robfig/cron/v3 ] || [ -d /usr/share/gocode/src/github.com/robfig/cron ] || missing+=(golang-github-robfig-cron-dev)
ls /usr/share/java/quartz*.jar >/dev/null 2>&1 || missing+=(libquartz2-java)
command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
# `python3 -m venv` (croniter below) needs ensurepip, which Debian ships in python3-venv.
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv python3-pip)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "SKIPPED: the reference parsers need these Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
  else
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Wait for other apt users (parallel setup scripts, unattended upgrades) instead of failing.
    apt-get -o DPkg::Lock::Timeout=600 update -q || echo "SKIP-NOTE: apt-get update failed (see apt's message above)" >&2
    for pkg in "${missing[@]}"; do
      apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$pkg" \
        || echo "SKIPPED: apt package $pkg could not be installed (see apt's message above)" >&2
    done
  fi
fi

# croniter in a venv, pinned.
venv=.tools/croniter-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import importlib.metadata as m,sys; sys.exit(0 if m.version('croniter')=='$CRONITER_VERSION' else 1)" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "croniter==$CRONITER_VERSION" \
    || echo "SKIPPED: croniter (pip install croniter==$CRONITER_VERSION failed)"
fi

# Build the Go and Java runners now (cached by the differential test too).
node --import tsx test/differential/build-refs.ts || true

#!/usr/bin/env bash
# A real older ZenML for the "ZenML too old" path of changes made through ZenML's client
# (test/live/kubernetes-changes.test.ts): 0.93.0 is the last release whose Client cannot
# pause or resume (ScheduleUpdate.active and archiving arrived in 0.93.1, facts §9).
#   .tools/zenml-old-venv   zenml==0.93.0 (no server extras, no kubernetes)
# Idempotent: a stamp file records what was installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

OLD_VERSION="${ZENML_OLD_VERSION:-0.93.0}"
PYTHON="${PYTHON:-python3}"
VENV=.tools/zenml-old-venv
STAMP="$VENV/.installed"
WANT="zenml==$OLD_VERSION"

mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import zenml' 2>/dev/null; then
  echo "zenml old venv: cached ($WANT)"
  exit 0
fi

start=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -m pip install --quiet "$WANT" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -c 'import zenml; print(zenml.__version__)' >/dev/null
echo "$WANT" > "$STAMP"
echo "zenml old venv: installed $WANT in $(( $(date +%s) - start ))s"

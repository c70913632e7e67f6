#!/usr/bin/env bash
# The official Databricks SDK (databricks-sdk): test/live/databricks-server.test.ts drives the loopback Jobs API (test/servers/databricks.ts) with WorkspaceClient(host=..., token=...).jobs, so that the server is checked by the official client, not by our adapter.
# Idempotent: a stamp file records what was installed; the install time is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VENV=.tools/databricks-client-venv
WANT="databricks-sdk==0.162.0"
STAMP="$VENV/.installed"
mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import databricks.sdk' 2>/dev/null; then
  echo "databricks-client-venv: cached ($WANT)"
  exit 0
fi
START=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WANT" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -c 'import databricks.sdk'
echo "$WANT" > "$STAMP"
echo "databricks-client-venv: installed $WANT in $(($(date +%s) - START)) s ($(du -sm "$VENV" | cut -f1) MB)"

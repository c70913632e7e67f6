#!/usr/bin/env bash
# Google's official Vertex AI client (google-cloud-aiplatform, no extras): test/live/vertex-server.test.ts drives the loopback Vertex AI Schedule API (test/servers/vertex.ts) with aiplatform_v1.ScheduleServiceClient over the REST transport, so that the server is checked by the official client, not by our adapter.
# Idempotent: a stamp file records what was installed; the install time is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VENV=.tools/vertex-client-venv
WANT="google-cloud-aiplatform==2.7.0"
STAMP="$VENV/.installed"
mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import google.cloud.aiplatform_v1' 2>/dev/null; then
  echo "vertex-client-venv: cached ($WANT)"
  exit 0
fi
START=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WANT" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -c 'import google.cloud.aiplatform_v1'
echo "$WANT" > "$STAMP"
echo "vertex-client-venv: installed $WANT in $(($(date +%s) - START)) s ($(du -sm "$VENV" | cut -f1) MB)"

#!/usr/bin/env bash
# A venv with the official Kubeflow Pipelines client (`kfp` from PyPI): the live suite drives the
# loopback KFP v2beta1 server (test/servers/kubeflow.ts) with kfp.Client, so that the server speaks
# the protocol the real client speaks. Idempotent: a stamp file records what was installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VENV=.tools/kfp-venv
WANT="kfp==2.17.3"
STAMP="$VENV/.installed"
mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import kfp' 2>/dev/null; then
  echo "kfp venv: cached ($WANT)"
  exit 0
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet "$WANT" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -c 'import kfp; from kfp.client import Client'
echo "$WANT" > "$STAMP"
echo "kfp venv: installed $WANT"

#!/usr/bin/env bash
# pre-commit from PyPI, for the packaging suite's hook test (test/package/pre-commit.test.ts):
#   .tools/pre-commit-venv   pre-commit (with nodeenv, which its `language: node` hooks use)
# Idempotent: a stamp file records the installed version; a second run only checks it.
# Needs `python3 -m venv` (Debian's python3-venv; 40-zenml-venv.sh installs it when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

PRE_COMMIT_VERSION="${PRE_COMMIT_VERSION:-4.7.0}"
PYTHON="${PYTHON:-python3}"
VENV=.tools/pre-commit-venv
STAMP="$VENV/.installed"
WANT="pre-commit==$PRE_COMMIT_VERSION"

mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$VENV/bin/pre-commit" ]; then
  echo "pre-commit: ready ($WANT)"
  exit 0
fi
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  echo "error: '$PYTHON -m venv' is unavailable. Install Debian's python3-venv: apt-get install python3-venv" >&2
  exit 1
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WANT"
"$VENV/bin/pre-commit" --version
echo "$WANT" > "$STAMP"
echo "pre-commit: installed ($WANT)"

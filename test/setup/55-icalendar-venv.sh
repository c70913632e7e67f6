#!/usr/bin/env bash
# A small venv with Python's `icalendar` (PyPI): the agenda tests parse the .ics files that
# `zenml-schedules agenda --ics` writes with an independent iCalendar parser.
# Idempotent: a stamp file records what was installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-python3}"
VENV=.tools/icalendar-venv
WANT="icalendar==7.3.2"
STAMP="$VENV/.installed"
mkdir -p .tools
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && "$VENV/bin/python" -c 'import icalendar' 2>/dev/null; then
  echo "icalendar venv: cached ($WANT)"
  exit 0
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet "$WANT" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/python" -c 'import icalendar' 
echo "$WANT" > "$STAMP"
echo "icalendar venv: installed $WANT"

#!/usr/bin/env bash
# Installs what the test suites need, idempotently. Each part is its own script
# so that it can be run alone; tools go under .tools/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tools
for part in test/setup/[0-9][0-9]-*.sh; do
  [ -e "$part" ] || continue
  echo "--- $part"
  bash "$part"
done

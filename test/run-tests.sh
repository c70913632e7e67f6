#!/usr/bin/env bash
# The whole test command (README: "npm test"). Installs what the tests need on a
# fresh Debian machine (reused on later runs), then runs every suite.
# Each suite can also run alone: see package.json scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

step "npm dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "test dependencies"
bash test/setup/install.sh

step "lint + typecheck"
npm run -s lint
npm run -s typecheck

step "unit tests"
npm run -s test:unit

step "build + package"
npm run -s package

for suite in differential zenml live package integration e2e live-editor; do
  step "$suite tests"
  npm run -s "test:$suite"
done

step "done"

#!/usr/bin/env bash
# Debian's Chromium for the Playwright end-to-end tests (playwright-core drives
# /usr/bin/chromium; it downloads no browser of its own). Installed with apt when
# missing and we are root; otherwise one clear message and exit 1.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null || echo present)"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "error: $CHROMIUM is missing. Install Debian's Chromium as root: apt-get install chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Wait for other apt users (parallel setup scripts, unattended upgrades) instead of failing.
apt_opts=(-o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)
apt-get -o DPkg::Lock::Timeout=600 update -q
apt-get install "${apt_opts[@]}" chromium fonts-liberation
"$CHROMIUM" --version

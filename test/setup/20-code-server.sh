#!/usr/bin/env bash
# code-server (VS Code server + web workbench) for the integration and
# end-to-end tests, installed into .tools/code-server as a prefix of its own, so
# that the project's `npm ci` stays fast and portable. Idempotent: a second run
# only checks the marker and the binary.
#
# Why this version: 4.100.3 is the newest code-server that accepts Node 20.
# Why the ripgrep cache: code-server's @vscode/ripgrep postinstall downloads `rg`
# from GitHub, which is out of reach on registry-only machines; it first looks
# for a cached archive in $TMPDIR/vscode-ripgrep-cache-<version>/, so we put a
# tar.gz of Debian's `rg` there. With internet access the cache is just unused.
set -euo pipefail
cd "$(dirname "$0")/../.."

CODE_SERVER_VERSION=4.100.3
# The @vscode/ripgrep version pinned in code-server 4.100.3's
# lib/vscode/npm-shrinkwrap.json, and the ripgrep-prebuilt tags its postinstall
# asks for (v13.0.0-10 for this version; newer releases ask for v13.0.0-13).
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_TAGS=(v13.0.0-10 v13.0.0-13)

PREFIX="$PWD/.tools/code-server"
BIN="$PREFIX/node_modules/.bin/code-server"
MARKER="$PREFIX/.installed-$CODE_SERVER_VERSION"

if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
  echo "code-server: $("$BIN" --version 2>/dev/null | tail -n1) (reused from $PREFIX)"
  exit 0
fi

# --- Debian packages: native-module build deps, and rg for the cache ---------
DEBIAN_PACKAGES=(build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep)
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    echo "error: code-server needs these Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi

# --- ripgrep cache: a tar.gz holding Debian's rg at its top level ------------
RG="$(command -v rg)"
export TMPDIR="$PWD/.tools/tmp"
cache_dir="$TMPDIR/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
mkdir -p "$cache_dir"
staging="$(mktemp -d)"
cp "$RG" "$staging/rg"
case "$(uname -m)" in
  aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
  *) rg_target=x86_64-unknown-linux-musl ;;
esac
for tag in "${RIPGREP_TAGS[@]}"; do
  archive="$cache_dir/ripgrep-$tag-$rg_target.tar.gz"
  [ -s "$archive" ] || tar -czf "$archive" -C "$staging" rg
done
rm -rf "$staging"

# --- code-server itself --------------------------------------------------------
echo "installing code-server@$CODE_SERVER_VERSION into $PREFIX (takes a minute or two)"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
# A plain local install from inside the folder: no --global/--prefix, because
# npm passes those to code-server's postinstall, whose own nested `npm install`
# in lib/vscode would then ignore its shrinkwrap and install elsewhere.
printf '{ "name": "zenml-schedules-test-tools", "private": true }\n' > "$PREFIX/package.json"
export npm_config_unsafe_perm=true npm_config_yes=true
(cd "$PREFIX" && npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION")

"$BIN" --version | tail -n1
touch "$MARKER"

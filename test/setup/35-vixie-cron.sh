#!/usr/bin/env bash
# The POSIX/Vixie cron reference for the differential test (issue 16): Debian's `cron` source
# package (Vixie cron 3.0pl1 with Debian's patches), fetched with `apt-get source` and unpacked
# into .tools/vixie-cron/src. test/differential/build-refs.ts compiles a small harness around
# its entry.c (the parser) and the matching rule of cron.c. Debian's source is never committed.
#
# apt needs a deb-src entry: when there is none, this adds one with the same URIs, suites and
# components as the machine's Debian `deb` entries (root only), then runs apt-get update.
# Idempotent: quick when the source is already unpacked.
set -uo pipefail
cd "$(dirname "$0")/../.."
dest=.tools/vixie-cron
src=$dest/src

build() { node --import tsx test/differential/build-refs.ts | grep -i vixie || true; }
if [ -f "$src/entry.c" ] && [ -f "$src/cron.c" ]; then
  echo "vixie-cron source: ready in $src"
  build
  exit 0
fi
for tool in apt-get dpkg-source; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIPPED: the Vixie cron reference needs $tool (Debian's apt and dpkg-dev)" >&2
    exit 0
  fi
done

mkdir -p "$dest/download"
fetch() { (cd "$dest/download" && apt-get source --download-only -q cron); }

if ! fetch; then
  if [ "$(id -u)" != "0" ]; then
    echo "SKIPPED: apt-get source cron failed and adding a deb-src entry needs root: add a deb-src line like your deb line to /etc/apt/sources.list(.d), run apt-get update, then run this script again" >&2
    exit 0
  fi
  list=/etc/apt/sources.list.d/zenml-schedules-deb-src.sources
  : > "$list.tmp"
  # deb822 files: copy each stanza whose Types include deb, as deb-src.
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] && [ "$file" != "$list" ] || continue
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         /(^|\n)Types:[^\n]*(^| )deb( |\n|$)/ {
           out = ""; n = split($0, lines, "\n")
           for (i = 1; i <= n; i++) {
             if (lines[i] ~ /^#/) continue
             if (lines[i] ~ /^Types:/) lines[i] = "Types: deb-src"
             out = out lines[i] "\n"
           }
           printf "%s\n", out
         }' "$file" >> "$list.tmp"
  done
  # One-line sources.list entries.
  if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^[[:space:]]*deb[[:space:]]\(.*\)$/Types: deb-src\nURIs: \1/p' /etc/apt/sources.list | awk '
      /^Types:/ { print; next }
      /^URIs:/ { sub(/^URIs: /, ""); opts = ""
                 if ($1 ~ /^\[/) { while ($1 !~ /\]$/) { opts = opts " " $1; $1 = ""; $0 = $0; } opts = opts " " $1; $1 = ""; $0 = $0 }
                 printf "URIs: %s\nSuites: %s\nComponents:", $1, $2
                 for (i = 3; i <= NF; i++) printf " %s", $i
                 printf "\n"
                 if (opts ~ /signed-by=/) { match(opts, /signed-by=[^] ]+/); printf "Signed-By: %s\n", substr(opts, RSTART + 10, RLENGTH - 10) }
                 printf "\n" }' >> "$list.tmp"
  fi
  if [ ! -s "$list.tmp" ]; then
    rm -f "$list.tmp"
    echo "SKIPPED: no Debian deb entry found in /etc/apt to derive a deb-src entry from" >&2
    exit 0
  fi
  mv "$list.tmp" "$list"
  echo "added $list:"
  cat "$list"
  apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 update -q || echo "NOTE: apt-get update reported an error (see above)" >&2
  if ! fetch; then
    echo "SKIPPED: apt-get source cron failed even with $list (see apt's message above)" >&2
    exit 0
  fi
fi

dsc=$(ls "$dest"/download/cron_*.dsc 2>/dev/null | head -1)
if [ -z "$dsc" ]; then
  echo "SKIPPED: apt-get source cron downloaded no .dsc" >&2
  exit 0
fi
rm -rf "$src"
# Unpacks the upstream tarball and applies Debian's patches (3.0 quilt format).
if ! dpkg-source --no-check -x "$dsc" "$src" >/dev/null; then
  echo "SKIPPED: dpkg-source could not unpack $dsc" >&2
  rm -rf "$src"
  exit 0
fi
echo "vixie-cron source: $(basename "$dsc" .dsc) unpacked into $src"
build

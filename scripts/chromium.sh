#!/usr/bin/env bash
# Ensures a Chromium for the browser tests and prints its path.
# Uses $KINERJA_CHROMIUM when set, else Debian's chromium (installed with apt-get when missing).
set -euo pipefail
if [ -n "${KINERJA_CHROMIUM:-}" ] && [ -x "$KINERJA_CHROMIUM" ]; then echo "$KINERJA_CHROMIUM"; exit 0; fi
for c in chromium chromium-browser google-chrome; do
  if p=$(command -v "$c" 2>/dev/null); then echo "$p"; exit 0; fi
done
echo "chromium.sh: Chromium not found; installing Debian's chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium fonts-dejavu-core >&2
command -v chromium

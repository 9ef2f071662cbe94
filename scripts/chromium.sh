#!/usr/bin/env bash
# Ensures a Chromium (for PDF documents and the browser tests) and pdftotext (for the
# tests that read PDFs back), installing Debian's chromium and poppler-utils with
# apt-get where missing, and prints Chromium's path.
# Uses $KINERJA_CHROMIUM when set.
set -euo pipefail
find_chromium() {
  if [ -n "${KINERJA_CHROMIUM:-}" ] && [ -x "$KINERJA_CHROMIUM" ]; then echo "$KINERJA_CHROMIUM"; return 0; fi
  for c in chromium chromium-browser google-chrome; do
    if p=$(command -v "$c" 2>/dev/null); then echo "$p"; return 0; fi
  done
  return 1
}
missing=()
find_chromium >/dev/null || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "chromium.sh: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
fi
find_chromium

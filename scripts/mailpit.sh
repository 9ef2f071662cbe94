#!/usr/bin/env bash
# Ensures Mailpit, the real SMTP server the tests send mail through and read it back
# from (its HTTP API), and prints its path. It is installed with go install into
# .tools/ of the project (not into go.mod), once. Uses $KINERJA_MAILPIT when set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${KINERJA_MAILPIT:-}" ] && [ -x "$KINERJA_MAILPIT" ]; then echo "$KINERJA_MAILPIT"; exit 0; fi
bin="$PWD/.tools/bin"
if [ ! -x "$bin/mailpit" ]; then
  echo "mailpit.sh: installing Mailpit v1.33.1 with go install (about a minute)" >&2
  GOBIN="$bin" go install github.com/axllent/mailpit@v1.33.1 >&2
fi
echo "$bin/mailpit"

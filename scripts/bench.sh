#!/usr/bin/env bash
# make bench: seed 50,000 pegawai into a fresh database (timed), start the real server
# on a loopback port, and load it with cmd/loadgen. Figures sit beside a baseline
# (one primary-key SELECT) measured in the same run, because the machine is noisy.
# Knobs: BENCH_PEGAWAI (50000), BENCH_CONC (64), BENCH_DURATION (10s). Mail goes to a
# Mailpit started here; the server's peak RSS is read from /proc per scenario.
set -euo pipefail
cd "$(dirname "$0")/.."

n=${BENCH_PEGAWAI:-50000}
conc=${BENCH_CONC:-64}
dur=${BENCH_DURATION:-10s}

go build -o bin/kinerja ./cmd/kinerja
go build -o bin/loadgen ./cmd/loadgen

if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  url=$BENCH_DATABASE_URL
else
  scripts/pg.sh start >/dev/null
  PGOPTIONS="-c client_min_messages=warning" psql "$(scripts/pg.sh url)" -qc "DROP DATABASE IF EXISTS kinerja_bench WITH (FORCE)"
  url=$(scripts/pg.sh createdb kinerja_bench)
fi

echo "== Seed: $n pegawai (COPY, one transaction)"
DATABASE_URL="$url" bin/kinerja migrate up >/dev/null
seeded=$(DATABASE_URL="$url" bin/kinerja seed --pegawai "$n")
first=${seeded%%$'\n'*}
echo "$first"
seed_seconds=$(echo "$first" | sed -n 's/.* dalam \([0-9.]*\) s\./\1/p')

# Mail goes to a real SMTP server: Mailpit on two free loopback ports.
mailpit=$(scripts/mailpit.sh)
free_port() {
  while :; do
    p=$(shuf -i 20000-60000 -n 1)
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
smtp_port=$(free_port); mail_http=$(free_port)
# It stands in for the pemda's mail server, another machine: its store is kept in
# memory and uncompressed, so that its disk writes and compression take little of the
# two cores the measured server has.
mailstore=$(mktemp -d /dev/shm/kinerja-mailpit.XXXXXX 2>/dev/null || mktemp -d)
"$mailpit" --smtp "127.0.0.1:$smtp_port" --listen "127.0.0.1:$mail_http" --quiet --smtp-disable-rdns --max 30000 \
  --database "$mailstore/mailpit.db" --compression 0 >/dev/null 2>&1 &
mpid=$!

log=$(mktemp)
DATABASE_URL="$url" KINERJA_ADDR=127.0.0.1:0 KINERJA_BENCH_ROUTES=true KINERJA_LOG_LEVEL=warn \
  KINERJA_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
  KINERJA_SMTP_HOST=127.0.0.1 KINERJA_SMTP_PORT="$smtp_port" KINERJA_SMTP_TLS=none KINERJA_MAIL_FROM=kinerja@bench.example.go.id \
  KINERJA_REMINDER_HOUR=0 \
  bin/kinerja serve >"$log" 2>&1 &
pid=$!
trap 'kill $pid $mpid 2>/dev/null || true; wait $pid $mpid 2>/dev/null || true; rm -rf "$log" "$mailstore"' EXIT
base=""
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { cat "$log"; echo "server did not start" >&2; exit 1; }

echo "== Load: $base"
bin/loadgen -base "$base" -c "$conc" -d "$dur" -pegawai "$n" -seed-seconds "${seed_seconds:-0}" -db "$url" \
  -pid "$pid" -mailpit "http://127.0.0.1:$mail_http"

echo "== Import: time and peak heap of reading one file (impor.Read), beside a valid 50,000-row CSV"
go test -run '^$' -bench BenchmarkImportRead -benchtime 1x ./internal/impor | awk '/^Benchmark/ {
  name = $1; sub(/^BenchmarkImportRead\//, "", name); sub(/-[0-9]+$/, "", name)
  printf "  %-28s %7.2f MB file  %7.1f MB peak heap  %8.1f ms\n", name, $5, $7, $3 / 1e6 }'

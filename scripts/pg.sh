#!/usr/bin/env bash
# Ensures a project-local PostgreSQL cluster is running and prints its DATABASE_URL base.
# Usage: scripts/pg.sh start|stop|status|url|createdb NAME
# - Installs Debian's postgresql with apt-get when no server binaries are found.
# - Keeps its data in $KINERJA_PGDIR (default: .pg/ in the project), listening on
#   127.0.0.1:$KINERJA_PGPORT (default 54329) and a Unix socket in the same folder.
# - initdb refuses to run as root, so as root the cluster belongs to the postgres user.
# This is a development and test cluster (fsync off); production uses DATABASE_URL.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pgdir=${KINERJA_PGDIR:-$root/.pg}
port=${KINERJA_PGPORT:-54329}
data=$pgdir/data
log=$pgdir/postgres.log

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return; }
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return; }
  done
  return 1
}

install_pg() {
  echo "pg.sh: PostgreSQL server not found; installing it with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql postgresql-contrib >&2
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"; }

running() { [ -f "$data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

cmd=${1:-start}
bindir=$(find_bindir) || { install_pg; bindir=$(find_bindir); }

case "$cmd" in
  start)
    mkdir -p "$pgdir"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
      chown postgres "$pgdir"
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
        || { cat "$pgdir/initdb.log" >&2; exit 1; }
    fi
    if ! running; then
      as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start -o \
        "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB" >/dev/null \
        || { tail -n 30 "$log" >&2; exit 1; }
    fi
    url
    ;;
  stop)
    if running; then as_owner "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null; fi
    ;;
  status)
    if running; then echo "running: $(url)"; else echo "stopped"; exit 1; fi
    ;;
  url) url ;;
  createdb)
    name=${2:?usage: $0 createdb NAME}
    case "$name" in *[!a-z0-9_]*) echo "pg.sh: database name must be [a-z0-9_]" >&2; exit 2 ;; esac
    if [ "$(psql "$(url)" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
      psql "$(url)" -qc "CREATE DATABASE $name" >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/$name?sslmode=disable"
    ;;
  *) echo "usage: $0 start|stop|status|url|createdb NAME" >&2; exit 2 ;;
esac

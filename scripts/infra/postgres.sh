#!/usr/bin/env bash
# Local PostgreSQL 15 for FerretDB's PostgreSQL handler (FERRETDB_HANDLER=postgresql in ferretdb.sh): Debian's
# postgresql-15 package (installed with apt-get when missing), run as a plain process on a local port, no service.
#
#   bash scripts/infra/postgres.sh start|stop|status|logs|url
#
# Env: POSTGRES_PORT (25432), LOCAL_DIR (<repo>/.local), POSTGRES_BIN (/usr/lib/postgresql/15/bin),
#      FERRETDB_POOL_MAX_CONNS (450), POSTGRES_MAX_CONNECTIONS (500).
# Files: $LOCAL_DIR/postgres/{data/,postgres.log}; database `ferretdb`, user `ferretdb`, trust on 127.0.0.1 only.
# PostgreSQL refuses to run as root: as root, the server runs as the package's `postgres` user.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
POSTGRES_PORT="${POSTGRES_PORT:-25432}"
BIN="${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
RUN_DIR="$LOCAL_DIR/postgres"
DATA_DIR="$RUN_DIR/data"
LOG_FILE="$RUN_DIR/postgres.log"
HOST=127.0.0.1
# FerretDB 1.x holds a pooled connection per request (and takes a second for some), with a pool of 50 by default: under
# the services' batch consumption (up to 16 keys x 3 partitions per group, each its own request) the pool ran dry and
# every request waited for a connection held by another waiting request (a backlog stalled, PostgreSQL all idle).
# Its pool is sized above what the services can have in flight (the driver's pools: 100 connections per service).
FERRETDB_POOL_MAX_CONNS="${FERRETDB_POOL_MAX_CONNS:-450}"
POSTGRES_MAX_CONNECTIONS="${POSTGRES_MAX_CONNECTIONS:-500}"
URL="postgres://ferretdb@$HOST:$POSTGRES_PORT/ferretdb?pool_max_conns=$FERRETDB_POOL_MAX_CONNS"

log() { echo "[postgres] $*"; }
die() {
  echo "[postgres] ERROR: $*" >&2
  exit 1
}

# Runs a PostgreSQL command as the data directory's owner (root may not run the server).
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_installed() {
  [[ -x "$BIN/initdb" && -x "$BIN/pg_ctl" ]] && return 0
  command -v apt-get >/dev/null || die "$BIN/initdb not found and no apt-get to install Debian's postgresql-15"
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    sudo -n true 2>/dev/null || die "$BIN/initdb not found: install Debian's postgresql-15 (apt-get install postgresql-15)"
    sudo=(sudo -n)
  fi
  log "installing Debian's postgresql-15 package"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
  [[ -x "$BIN/initdb" ]] || die "postgresql-15 installed but $BIN/initdb is missing"
}

# The server runs as `postgres`, which must reach its data directory: a checkout under a private home (e.g. /root)
# is out of its reach, so the data of such a checkout lives under /var/tmp instead, one directory per checkout.
resolve_run_dir() {
  [[ "$(id -u)" == 0 ]] || return 0
  id postgres >/dev/null 2>&1 || return 0
  mkdir -p "$LOCAL_DIR"
  if ! runuser -u postgres -- test -x "$LOCAL_DIR" 2>/dev/null; then
    RUN_DIR="/var/tmp/readmission-postgres/$(printf '%s' "$LOCAL_DIR" | sha256sum | cut -c1-12)"
    DATA_DIR="$RUN_DIR/data"
    LOG_FILE="$RUN_DIR/postgres.log"
  fi
}

running() {
  [[ -f "$DATA_DIR/postmaster.pid" ]] && as_owner "$BIN/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

cmd_start() {
  ensure_installed
  resolve_run_dir
  if running; then
    log "already running on $HOST:$POSTGRES_PORT; reusing ($URL)"
    return 0
  fi
  mkdir -p "$RUN_DIR"
  [[ "$(id -u)" == 0 ]] && chown postgres "$RUN_DIR"
  if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
    log "initialising $DATA_DIR"
    as_owner "$BIN/initdb" -D "$DATA_DIR" -U ferretdb --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  timeout 1 bash -c "exec 3<>/dev/tcp/$HOST/$POSTGRES_PORT" 2>/dev/null &&
    die "port $HOST:$POSTGRES_PORT is in use by another process; set POSTGRES_PORT"
  [[ "$(id -u)" == 0 ]] && touch "$LOG_FILE" && chown postgres "$LOG_FILE"
  # Local connections only, the socket in the run directory (not /var/run/postgresql, which needs the service).
  as_owner "$BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
    -o "-p $POSTGRES_PORT -c listen_addresses=$HOST -c max_connections=$POSTGRES_MAX_CONNECTIONS -k $DATA_DIR" start >/dev/null ||
    { tail -n 30 "$LOG_FILE" >&2; die "PostgreSQL did not start"; }
  if ! as_owner "$BIN/psql" -h "$HOST" -p "$POSTGRES_PORT" -U ferretdb -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'" | grep -q 1; then
    as_owner "$BIN/createdb" -h "$HOST" -p "$POSTGRES_PORT" -U ferretdb ferretdb
  fi
  # Indexes FerretDB's equality queries can use (see the file); read from stdin, the file may be out of postgres's reach.
  as_owner "$BIN/psql" -h "$HOST" -p "$POSTGRES_PORT" -U ferretdb -d ferretdb -v ON_ERROR_STOP=1 -q -o /dev/null \
    <"$REPO_ROOT/scripts/infra/lib/containment-indexes.sql" || die "could not apply scripts/infra/lib/containment-indexes.sql"
  log "ready on $HOST:$POSTGRES_PORT ($URL, data $DATA_DIR)"
}

cmd_stop() {
  if ! running; then
    log "not running"
    return 0
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
  log "stopped"
}

cmd_status() {
  if running; then
    log "running on $HOST:$POSTGRES_PORT ($URL)"
    return 0
  fi
  log "not running"
  return 1
}

[[ "${1:-}" == start ]] || resolve_run_dir
case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) tail -n 200 "$LOG_FILE" ;;
  url) echo "$URL" ;;
  *)
    echo "usage: bash scripts/infra/postgres.sh start|stop|status|logs|url" >&2
    exit 2
    ;;
esac

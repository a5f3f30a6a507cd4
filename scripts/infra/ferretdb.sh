#!/usr/bin/env bash
# Local MongoDB-compatible store: embedded FerretDB v1 built from infra/ferretdb (no Docker / MongoDB needed),
# on its SQLite handler (a directory; needs only bash, go, coreutils) or its PostgreSQL handler (a local
# PostgreSQL 15 started by scripts/infra/postgres.sh).
#
#   bash scripts/infra/ferretdb.sh build|start|stop|status|logs [-f]
#
# Env: MONGODB_PORT (27017), LOCAL_DIR (<repo>/.local), FERRETDB_LOG_LEVEL (info),
#      FERRETDB_START_TIMEOUT (60 s), FERRETDB_HANDLER (postgresql|sqlite; postgresql), POSTGRES_PORT (postgres.sh's).
# Files: $LOCAL_DIR/bin/ferretdb-local (+ .stamp), $LOCAL_DIR/ferretdb/{data/,ferretdb.log,ferretdb.pid}
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC_DIR="$REPO_ROOT/infra/ferretdb"
MONGODB_PORT="${MONGODB_PORT:-27017}"
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
HOST="127.0.0.1"
BIN="$LOCAL_DIR/bin/ferretdb-local"
STAMP="$BIN.stamp"
RUN_DIR="$LOCAL_DIR/ferretdb"
DATA_DIR="$RUN_DIR/data"
LOG_FILE="$RUN_DIR/ferretdb.log"
PID_FILE="$RUN_DIR/ferretdb.pid"
HANDLER_FILE="$RUN_DIR/handler"
HANDLER="${FERRETDB_HANDLER:-postgresql}" # the faster on the benchmark (docs/performance.md)
HANDLER_ASKED="${FERRETDB_HANDLER:-}"
START_TIMEOUT="${FERRETDB_START_TIMEOUT:-60}"
STOP_TIMEOUT=20
READY_LINE="ferretdb-local: listening on $HOST:$MONGODB_PORT"

log() { echo "[ferretdb] $*"; }
die() { echo "[ferretdb] ERROR: $*" >&2; exit 1; }

# shellcheck source=lib/process.sh
source "$REPO_ROOT/scripts/infra/lib/process.sh"

read_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  echo "$pid"
}

# True if $1 is alive and is our binary (guards against pid reuse).
is_ours() {
  local pid="$1"
  alive "$pid" || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    local cmdline
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    [[ "$cmdline" == *ferretdb-local* ]] || return 1
  fi
  return 0
}

running_pid() {
  local pid
  pid="$(read_pid)" || return 1
  is_ours "$pid" || return 1
  echo "$pid"
}

is_ready() {
  running_pid >/dev/null && port_open "$MONGODB_PORT" && grep -qF "$READY_LINE" "$LOG_FILE" 2>/dev/null
}

src_checksum() {
  (cd "$SRC_DIR" && cat main.go go.mod go.sum && go env GOVERSION) | sha256sum | cut -d' ' -f1
}

cmd_build() {
  command -v go >/dev/null || die "go is not installed (need Go >= 1.24 on PATH)"
  export GOTOOLCHAIN=local # never download another toolchain
  local sum
  sum="$(src_checksum)"
  if [[ -x "$BIN" && -f "$STAMP" && "$(cat "$STAMP")" == "$sum" ]]; then
    log "binary up to date: $BIN"
    return 0
  fi
  log "building $BIN (first build downloads Go modules; can take a minute)..."
  mkdir -p "$(dirname "$BIN")"
  local start=$SECONDS
  (cd "$SRC_DIR" && CGO_ENABLED=0 go build -mod=readonly -buildvcs=false -trimpath -o "$BIN.tmp" .) ||
    die "go build failed"
  mv -f "$BIN.tmp" "$BIN"
  echo "$sum" >"$STAMP"
  log "built in $((SECONDS - start))s"
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! is_ours "$pid"; then
      log "process $pid exited during startup; last 50 log lines:"
      tail -n 50 "$LOG_FILE" 2>/dev/null || true
      rm -f "$PID_FILE"
      die "FerretDB failed to start"
    fi
    if port_open "$MONGODB_PORT" && grep -qF "$READY_LINE" "$LOG_FILE" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  log "not ready after ${START_TIMEOUT}s; last 50 log lines:"
  tail -n 50 "$LOG_FILE" 2>/dev/null || true
  cmd_stop >/dev/null || true
  die "FerretDB did not become ready on $HOST:$MONGODB_PORT"
}

cmd_start() {
  local pid handler_args=()
  [[ "$HANDLER" == sqlite || "$HANDLER" == postgresql ]] || die "FERRETDB_HANDLER must be sqlite or postgresql (got $HANDLER)"
  if pid="$(running_pid)"; then
    local running_handler
    running_handler="$(cat "$HANDLER_FILE" 2>/dev/null || echo sqlite)"
    # A server already running is reused whatever its handler, unless another one is asked for explicitly.
    [[ -z "$HANDLER_ASKED" || "$running_handler" == "$HANDLER" ]] ||
      die "pid $pid runs the $running_handler handler, not $HANDLER: run stop first (the data of each handler stays)"
    if is_ready; then
      log "already running (pid $pid) on $HOST:$MONGODB_PORT; reusing"
      return 0
    fi
    if ! grep -qF "$READY_LINE" "$LOG_FILE" 2>/dev/null && grep -q "ferretdb-local: listening on" "$LOG_FILE" 2>/dev/null; then
      die "pid $pid (from $PID_FILE) listens on another port; run stop first or use the same MONGODB_PORT"
    fi
    log "process $pid is running but not ready yet; waiting..."
    wait_ready "$pid"
    log "ready on mongodb://$HOST:$MONGODB_PORT (pid $pid)"
    return 0
  fi
  rm -f "$PID_FILE" # stale
  if port_open "$MONGODB_PORT"; then
    die "port $HOST:$MONGODB_PORT is already in use by another process (not ours); set MONGODB_PORT or stop it"
  fi
  cmd_build
  mkdir -p "$DATA_DIR"
  if [[ "$HANDLER" == postgresql ]]; then
    bash "$REPO_ROOT/scripts/infra/postgres.sh" start
    handler_args=(-handler postgresql -postgresql-url "$(bash "$REPO_ROOT/scripts/infra/postgres.sh" url)")
  fi
  echo "$HANDLER" >"$HANDLER_FILE"
  : >"$LOG_FILE"
  # Its own session, so Ctrl-C in the calling terminal/CI step does not kill it.
  pid="$(launch_detached "$PID_FILE" "$LOG_FILE" "$BIN" -listen "$HOST:$MONGODB_PORT" -data "$DATA_DIR" "${handler_args[@]}" \
    -log-level "${FERRETDB_LOG_LEVEL:-warn}")" || die "FerretDB did not start (no pid file)"
  local start=$SECONDS
  wait_ready "$pid"
  log "ready on mongodb://$HOST:$MONGODB_PORT (pid $pid, $HANDLER handler, $((SECONDS - start))s)"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid..."
  terminate "$pid" "$STOP_TIMEOUT"
  rm -f "$PID_FILE"
  log "stopped"
  # The PostgreSQL that start started for the postgresql handler goes with it.
  if [[ "$(cat "$HANDLER_FILE" 2>/dev/null || true)" == postgresql ]]; then bash "$REPO_ROOT/scripts/infra/postgres.sh" stop; fi
}

cmd_status() {
  local pid
  if pid="$(running_pid)" && is_ready; then
    log "running (pid $pid) on mongodb://$HOST:$MONGODB_PORT"
    return 0
  fi
  log "not running on $HOST:$MONGODB_PORT"
  return 1
}

cmd_logs() {
  [[ -f "$LOG_FILE" ]] || die "no log file at $LOG_FILE"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n 100 -f "$LOG_FILE"
  fi
  tail -n 200 "$LOG_FILE"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  *) echo "usage: bash scripts/infra/ferretdb.sh build|start|stop|status|logs [-f]" >&2; exit 2 ;;
esac

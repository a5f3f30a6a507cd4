#!/usr/bin/env bash
# Shared by the monitoring scripts (prometheus.sh, alertmanager.sh, lag-exporter.sh): one background process
# per name, its pid file and log under $LOCAL_DIR/<name>/, started in its own session so that it outlives the
# calling shell, and stopped by that pid only.
#
# The caller sets: NAME, RUN_DIR, READY_URL (answers 200 once ready), PROCESS_MATCH (a string the process's
# command line contains, against pid reuse) and optionally START_TIMEOUT / STOP_TIMEOUT (seconds).

PID_FILE="$RUN_DIR/$NAME.pid"
LOG_FILE="$RUN_DIR/$NAME.log"
START_TIMEOUT="${START_TIMEOUT:-30}"
STOP_TIMEOUT="${STOP_TIMEOUT:-15}"

log() { echo "[$NAME] $*"; }
die() {
  echo "[$NAME] ERROR: $*" >&2
  exit 1
}

# The pid from the pid file when that process is alive and still ours.
daemon_pid() {
  local pid cmd
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmd" == *"$PROCESS_MATCH"* ]] || return 1
  fi
  echo "$pid"
}

daemon_ready() {
  curl -fsS -o /dev/null --max-time 2 "$READY_URL" 2>/dev/null
}

# shellcheck source=process.sh
source "$(dirname "${BASH_SOURCE[0]}")/process.sh"

# daemon_start PORT COMMAND... : starts COMMAND unless ours already runs; waits until READY_URL answers.
daemon_start() {
  local port="$1" pid
  shift
  mkdir -p "$RUN_DIR"
  command -v curl >/dev/null || die "curl is needed to check readiness"
  if pid="$(daemon_pid)"; then
    log "already running (pid $pid) - reusing it"
  else
    rm -f "$PID_FILE"
    port_open "$port" && die "port $port is already in use by another process; free it or choose another port"
    [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
    pid="$(launch_detached "$PID_FILE" "$LOG_FILE" "$@")" || die "failed to launch (no pid file)"
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  until daemon_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      tail -n 30 "$LOG_FILE" >&2 || true
      die "process $pid exited during startup (log: $LOG_FILE)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$LOG_FILE" >&2 || true
      daemon_stop >&2 || true
      die "not ready after ${START_TIMEOUT}s"
    fi
    sleep 0.3
  done
  log "ready (pid $pid): $READY_URL, log $LOG_FILE"
}

daemon_stop() {
  local pid
  if ! pid="$(daemon_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping (pid $pid)"
  terminate "$pid" "$STOP_TIMEOUT"
  rm -f "$PID_FILE"
  log "stopped"
}

daemon_status() {
  local pid
  if pid="$(daemon_pid)"; then
    if daemon_ready; then
      log "running and ready (pid $pid): $READY_URL"
      return 0
    fi
    log "process $pid alive but not ready ($READY_URL)"
    return 1
  fi
  log "not running"
  return 1
}

# Installs Debian packages when a command is missing (as root, or through sudo when it needs no password).
ensure_debian_package() {
  local command="$1" package="$2" sudo=()
  command -v "$command" >/dev/null && return 0
  command -v apt-get >/dev/null || die "$command not found, and no apt-get to install Debian's $package package"
  if [[ "$(id -u)" != 0 ]]; then
    sudo -n true 2>/dev/null || die "$command not found: install Debian's $package package (apt-get install $package)"
    sudo=(sudo -n)
  fi
  log "installing Debian's $package package"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  command -v "$command" >/dev/null || die "$package installed but $command is still not on PATH"
}

daemon_main() {
  case "${1:-}" in
    start) do_start ;;
    stop) daemon_stop ;;
    status) daemon_status ;;
    logs) tail -n "${LOG_LINES:-200}" "$LOG_FILE" ;;
    *)
      echo "usage: $0 start|stop|status|logs" >&2
      exit 2
      ;;
  esac
}

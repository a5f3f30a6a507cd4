#!/usr/bin/env bash
# Local Prometheus from Debian's `prometheus` package (installed with apt-get when missing), as a plain process.
# No Docker. Scrapes the four services (127.0.0.1:3001-3004), the lag exporter (127.0.0.1:9308) and itself,
# evaluates infra/prometheus/rules/*.rules.yml and sends alerts to the local Alertmanager (127.0.0.1:9095).
#
#   bash scripts/infra/prometheus.sh start|stop|status|logs
#
# Env (defaults):
#   PROMETHEUS_PORT=9090                                    web UI and API on 127.0.0.1
#   PROMETHEUS_CONFIG=infra/prometheus/prometheus.native.yml
#   PROMETHEUS_RETENTION=7d
#   PROMETHEUS_OPTS=""                                      extra flags
#   LOCAL_DIR=<repo>/.local                                 data and log under $LOCAL_DIR/prometheus/
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
mkdir -p "$LOCAL_DIR"
LOCAL_DIR="$(cd "$LOCAL_DIR" && pwd)"

PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
PROMETHEUS_CONFIG="$(realpath "${PROMETHEUS_CONFIG:-$REPO_ROOT/infra/prometheus/prometheus.native.yml}")"
PROMETHEUS_RETENTION="${PROMETHEUS_RETENTION:-7d}"
NAME=prometheus
RUN_DIR="$LOCAL_DIR/prometheus"
READY_URL="http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
PROCESS_MATCH="--config.file=$PROMETHEUS_CONFIG"
# shellcheck source=lib/daemon.sh
source "$REPO_ROOT/scripts/infra/lib/daemon.sh"

do_start() {
  ensure_debian_package prometheus prometheus
  [[ -f "$PROMETHEUS_CONFIG" ]] || die "no configuration at $PROMETHEUS_CONFIG"
  mkdir -p "$RUN_DIR"
  promtool check config "$PROMETHEUS_CONFIG" >"$RUN_DIR/check.log" 2>&1 || {
    cat "$RUN_DIR/check.log" >&2
    die "promtool check config failed"
  }
  # shellcheck disable=SC2086 # PROMETHEUS_OPTS is split on purpose
  daemon_start "$PROMETHEUS_PORT" prometheus "--config.file=$PROMETHEUS_CONFIG" \
    "--storage.tsdb.path=$RUN_DIR/data" "--storage.tsdb.retention.time=$PROMETHEUS_RETENTION" \
    "--web.listen-address=127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle ${PROMETHEUS_OPTS:-}
}

daemon_main "$@"

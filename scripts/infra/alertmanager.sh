#!/usr/bin/env bash
# Local Alertmanager from Debian's `prometheus-alertmanager` package (installed with apt-get when missing), as a
# plain process, with the example configuration infra/alertmanager/alertmanager.yml. No Docker.
#
#   bash scripts/infra/alertmanager.sh start|stop|status|logs
#
# Env (defaults):
#   ALERTMANAGER_PORT=9095       127.0.0.1 (not 9093, the default, which the local Kafka controller uses)
#   ALERTMANAGER_CONFIG=infra/alertmanager/alertmanager.yml
#   LOCAL_DIR=<repo>/.local      data and log under $LOCAL_DIR/alertmanager/
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
mkdir -p "$LOCAL_DIR"
LOCAL_DIR="$(cd "$LOCAL_DIR" && pwd)"

ALERTMANAGER_PORT="${ALERTMANAGER_PORT:-9095}"
ALERTMANAGER_CONFIG="$(realpath "${ALERTMANAGER_CONFIG:-$REPO_ROOT/infra/alertmanager/alertmanager.yml}")"
NAME=alertmanager
RUN_DIR="$LOCAL_DIR/alertmanager"
READY_URL="http://127.0.0.1:$ALERTMANAGER_PORT/-/ready"
PROCESS_MATCH="--config.file=$ALERTMANAGER_CONFIG"
# shellcheck source=lib/daemon.sh
source "$REPO_ROOT/scripts/infra/lib/daemon.sh"

do_start() {
  ensure_debian_package prometheus-alertmanager prometheus-alertmanager
  amtool check-config "$ALERTMANAGER_CONFIG" >/dev/null || die "amtool check-config $ALERTMANAGER_CONFIG failed"
  # Single instance: no cluster listener (it would take 0.0.0.0:9094).
  daemon_start "$ALERTMANAGER_PORT" prometheus-alertmanager "--config.file=$ALERTMANAGER_CONFIG" \
    "--storage.path=$RUN_DIR/data" "--web.listen-address=127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address=
}

daemon_main "$@"

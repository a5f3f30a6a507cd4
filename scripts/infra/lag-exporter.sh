#!/usr/bin/env bash
# The platform's consumer-lag exporter (tools/lag-exporter: kafka_exporter's series, from the admin API), as a
# plain Node process on 127.0.0.1:9308, kafka_exporter's port. No Docker.
#
#   bash scripts/infra/lag-exporter.sh start|stop|status|logs
#
# Env (defaults):
#   KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-9092}     (and KAFKA_SSL, KAFKA_SASL_* as the services)
#   MONGODB_URI=mongodb://127.0.0.1:${MONGODB_PORT:-27017}   pinged on each scrape: mongodb_up
#   LAG_EXPORTER_PORT=9308
#   LAG_EXPORTER_GROUP_FILTER='^${CONSUMER_GROUP_PREFIX}(intake|verification|transfer|reintegration)$'
#                                      the platform's groups only (a shared broker also holds test groups)
#   LAG_EXPORTER_TOPIC_FILTER='.*'
#   LOCAL_DIR=<repo>/.local            log under $LOCAL_DIR/lag-exporter/
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
mkdir -p "$LOCAL_DIR"
LOCAL_DIR="$(cd "$LOCAL_DIR" && pwd)"

export LAG_EXPORTER_PORT="${LAG_EXPORTER_PORT:-9308}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:${MONGODB_PORT:-27017}}"
export LAG_EXPORTER_GROUP_FILTER="${LAG_EXPORTER_GROUP_FILTER:-^${CONSUMER_GROUP_PREFIX:-}(intake|verification|transfer|reintegration)\$}"
NAME=lag-exporter
RUN_DIR="$LOCAL_DIR/lag-exporter"
READY_URL="http://127.0.0.1:$LAG_EXPORTER_PORT/healthz"
PROCESS_MATCH="tools/lag-exporter/src/main.ts"
# shellcheck source=lib/daemon.sh
source "$REPO_ROOT/scripts/infra/lib/daemon.sh"

do_start() {
  cd "$REPO_ROOT"
  daemon_start "$LAG_EXPORTER_PORT" node -r ./scripts/register-ts.js tools/lag-exporter/src/main.ts
}

daemon_main "$@"

#!/usr/bin/env bash
# Starts the local infrastructure without Docker: the real Apache Kafka broker (KRaft) and FerretDB.
# Idempotent: what is already running is reused. Prints the settings the services and tests need.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/kafka.sh" start &
kafka_pid=$!
bash "$here/ferretdb.sh" start
wait "$kafka_pid"
echo "KAFKA_BROKERS=127.0.0.1:${KAFKA_PORT:-9092}"
echo "MONGODB_URI=mongodb://127.0.0.1:${MONGODB_PORT:-27017}"

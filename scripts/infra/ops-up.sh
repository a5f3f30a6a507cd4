#!/usr/bin/env bash
# `npm run ops:up`: the monitoring without Docker: the lag exporter, Alertmanager and Prometheus (Debian's
# packages, installed with apt-get when missing). Idempotent: what already runs is reused. Kafka and the store
# are not started here (`npm run infra:up` or `npm start`); the exporter reports them unreachable until they are.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/lag-exporter.sh" start
bash "$here/alertmanager.sh" start
bash "$here/prometheus.sh" start
cat <<EOT
Prometheus    http://127.0.0.1:${PROMETHEUS_PORT:-9090}   (alerts: /alerts, targets: /targets)
lag series    http://127.0.0.1:${LAG_EXPORTER_PORT:-9308}/metrics   (kafka_consumergroup_lag{consumergroup,topic,partition})
Alertmanager  http://127.0.0.1:${ALERTMANAGER_PORT:-9095}
Runbook and queries: docs/operations.md. Stop with: npm run ops:down
EOT

#!/usr/bin/env bash
# Checks the monitoring as code: Prometheus configurations, alert rules and their unit tests (promtool),
# the Alertmanager example (amtool), the dashboards (static lint), and, with a broker, every dashboard query
# and every rule run against the native Prometheus scraping the lag exporter (tools/lag-exporter tests).
#
#   bash scripts/ci/check-monitoring.sh            # needs KAFKA_BROKERS and MONGODB_URI (the real broker and store)
#   bash scripts/ci/check-monitoring.sh --static   # promtool, amtool and the dashboards' lint only
#
# Needs Debian's prometheus (promtool) and prometheus-alertmanager (amtool) packages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

static_only=false
[[ "${1:-}" == "--static" ]] && static_only=true

command -v promtool >/dev/null || { echo "[monitoring] promtool not found: apt-get install prometheus" >&2; exit 1; }

echo "[monitoring] promtool check config"
promtool check config --syntax-only infra/prometheus/prometheus.yml infra/prometheus/prometheus.native.yml

echo "[monitoring] promtool check rules"
promtool check rules infra/prometheus/rules/*.rules.yml

echo "[monitoring] promtool test rules"
(cd infra/prometheus/rules && promtool test rules ./*.test.yml)

if command -v amtool >/dev/null; then
  echo "[monitoring] amtool check-config"
  amtool check-config infra/alertmanager/alertmanager.yml
else
  echo "[monitoring] amtool not found: apt-get install prometheus-alertmanager" >&2
  exit 1
fi

export NX_DAEMON=false
if $static_only; then
  echo "[monitoring] dashboards: static lint"
  npx jest -c tools/lag-exporter/jest.config.js dashboards.spec promql.spec
else
  : "${KAFKA_BROKERS:?set KAFKA_BROKERS and MONGODB_URI (or pass --static)}"
  echo "[monitoring] dashboards and rules against the native Prometheus and the real broker"
  npx jest -c tools/lag-exporter/jest.config.js dashboards.spec promql.spec monitoring.int-spec
fi
echo "[monitoring] all checks passed"

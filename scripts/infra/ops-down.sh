#!/usr/bin/env bash
# `npm run ops:down`: stops Prometheus, Alertmanager and the lag exporter (data stays in .local/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/prometheus.sh" stop
bash "$here/alertmanager.sh" stop
bash "$here/lag-exporter.sh" stop

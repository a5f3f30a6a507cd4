#!/usr/bin/env bash
# Quick-start command 1: installs what is missing, builds, starts Kafka and the store natively, the monitoring
# (Prometheus, Alertmanager, the lag exporter), the four services and the console, publishes a sample application
# and prints its progress until the reintegration case is open. The platform then keeps running (services on
# 3001-3004, console on 4200) until Ctrl-C, which stops what this run started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
NX_DAEMON=false npx nx run-many -t build --projects=intake,verification,transfer,reintegration,console --outputStyle=static
# Stop on exit only what this run started: infrastructure that was already running stays up.
if bash scripts/infra/kafka.sh status >/dev/null 2>&1 && bash scripts/infra/ferretdb.sh status >/dev/null 2>&1; then
  bash scripts/infra/up.sh
else
  bash scripts/infra/up.sh
  trap 'bash scripts/infra/down.sh' EXIT
fi
if bash scripts/infra/prometheus.sh status >/dev/null 2>&1; then
  bash scripts/infra/ops-up.sh
else
  bash scripts/infra/ops-up.sh
  trap 'bash scripts/infra/ops-down.sh; bash scripts/infra/down.sh' EXIT
fi
# DLQ_REPLAY_KEY, shared by the services and `npm run dlq -- replay` (which reads the same file): a local key made
# once under .local/secrets (as scripts/compose-secrets.sh makes compose's), unless one is set already.
if [[ -z "${DLQ_REPLAY_KEY:-}" ]]; then
  key_file=.local/secrets/dlq-replay-key
  if [[ ! -s "$key_file" ]]; then
    mkdir -p .local/secrets && chmod 700 .local/secrets
    head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 >"$key_file"
    echo "created $key_file (DLQ_REPLAY_KEY)"
  fi
  DLQ_REPLAY_KEY="$(cat "$key_file")"
  export DLQ_REPLAY_KEY
fi
node -r ./scripts/register-ts.js scripts/demo.ts "$@"

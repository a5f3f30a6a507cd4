#!/usr/bin/env bash
# Quick-start command 1: installs what is missing, builds, starts Kafka and FerretDB natively, starts the four
# services, publishes a sample application and prints its progress until the reintegration case is open.
# The platform then keeps running (HTTP on ports 3001-3004) until Ctrl-C, which stops the services and the
# infrastructure if this run started it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
NX_DAEMON=false npx nx run-many -t build --projects=intake,verification,transfer,reintegration --outputStyle=static
# Stop on exit only what this run started: infrastructure that was already running stays up.
if bash scripts/infra/kafka.sh status >/dev/null 2>&1 && bash scripts/infra/ferretdb.sh status >/dev/null 2>&1; then
  bash scripts/infra/up.sh
else
  bash scripts/infra/up.sh
  trap 'bash scripts/infra/down.sh' EXIT
fi
node -r ./scripts/register-ts.js scripts/demo.ts "$@"

#!/usr/bin/env bash
# Stops the local Kafka broker and FerretDB (data stays in .local/ for the next start).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/kafka.sh" stop
bash "$here/ferretdb.sh" stop

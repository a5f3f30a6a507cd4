#!/usr/bin/env bash
# Stops the local Kafka broker, FerretDB and the PostgreSQL behind its PostgreSQL handler (data stays in .local/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/kafka.sh" stop
bash "$here/ferretdb.sh" stop
bash "$here/postgres.sh" stop # only if the PostgreSQL handler started it

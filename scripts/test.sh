#!/usr/bin/env bash
# Quick-start command 2: every test (unit, contract, integration against the real broker and store, end to end).
# Infrastructure: KAFKA_BROKERS/MONGODB_URI when set, else testcontainers when Docker answers, else the native
# Kafka broker and FerretDB started by scripts/infra (and stopped again if this run started them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
export NX_DAEMON=false NX_NO_CLOUD=true
mkdir -p .local
log=.local/test-output.log
set +e
node -r ./scripts/register-ts.js scripts/with-infrastructure.ts \
  npx nx run-many -t test --parallel=1 --outputStyle=stream "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over every Jest project.
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '/Tests: /{for(i=1;i<=NF;i++){if($(i+1) ~ /^passed/)p+=$i; if($(i+1) ~ /^failed/)f+=$i}} END{printf "tests: %d passed, %d failed\n", p, f}'
# The failing tests by name, at the very end, where a CI log cut to its head and tail still shows them.
if [ "$status" -ne 0 ]; then
  echo "failing tests:"
  sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\S*:? *● ' | grep -v '● Console' | sort -u | head -40 || true
fi
exit "$status"

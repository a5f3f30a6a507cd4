#!/usr/bin/env bash
# Creates the secrets the compose deployment reads (docker-compose.yml, `secrets:`), for a first deployment:
# one random password per file under ${SECRETS_DIR:-.local/secrets}. A file that exists is kept (an operator's own
# password, or a rerun). Nothing is printed but the file names.
#
#   kafka/admin                      the broker's super user (SCRAM at format time; the kafka-setup container)
#   kafka/users/service-<svc>        each service's SCRAM password (kafka-setup applies it with the ACLs)
#   kafka/users/monitoring           the lag exporter's
#   kafka/users/partner-<cc>         created by kafka-setup for every partner: hand each to its partner
#   kafka/tls/broker-keystore.pem    the broker's TLS key and certificate chain for KAFKA_PUBLIC_HOST (default localhost),
#   kafka/tls/ca.pem                 signed by a CA made here (ca.pem: hand it to the partners with their passwords).
#                                    For production put your own CA's certificate for the public name there instead.
#   mongodb/root                     MongoDB's root user (used only by its first-start script)
#   mongodb/<svc>, mongodb/monitoring  each service's own user, the exporter's
#   dlq-replay-key                   signs a replayed dead letter's original receipt time (services and `npm run dlq`)
#   grafana/admin                    Grafana's admin password (the one published monitoring UI)
#   encryption/master-keys.json      master keys of the field-level encryption ({"current":"<id>","keys":{...}}, docs/security.md)
#
# The directory is 0700; the files are 0644 because the containers run as their images' own non-root users,
# which must read them (compose bind-mounts the files as they are). Keep the directory on an encrypted disk.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=infra/lib/kafka-certificates.sh
source scripts/infra/lib/kafka-certificates.sh
dir="${SECRETS_DIR:-.local/secrets}"
mkdir -p "$dir/kafka/users" "$dir/mongodb" "$dir/encryption" "$dir/grafana"
chmod 700 "$dir"
new_secret() {
  [[ -s "$1" ]] && return 0
  head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 >"$1"
  chmod 644 "$1"
  echo "created $1"
}
new_secret "$dir/kafka/admin"
new_secret "$dir/mongodb/root"
for service in intake verification transfer reintegration; do
  new_secret "$dir/kafka/users/service-$service"
  new_secret "$dir/mongodb/$service"
done
new_secret "$dir/kafka/users/monitoring"
new_secret "$dir/mongodb/monitoring"
new_secret "$dir/dlq-replay-key"
new_secret "$dir/grafana/admin"
if [[ ! -s "$dir/kafka/tls/broker-keystore.pem" ]]; then
  host="${KAFKA_PUBLIC_HOST:-localhost}"
  san="DNS:$host"
  [[ "$host" =~ ^[0-9.]+$ ]] && san="IP:$host"
  make_kafka_certificates "$dir/kafka/tls" "$host" "$san"
  # Read by the broker's non-root user through the bind mount, like the passwords (the directory above is 0700).
  chmod 755 "$dir/kafka/tls"
  chmod 644 "$dir/kafka/tls/broker-keystore.pem"
  echo "created $dir/kafka/tls/broker-keystore.pem and ca.pem (for $host)"
fi
if [[ ! -s "$dir/encryption/master-keys.json" ]]; then
  id="mk-$(date -u +%Y%m%d)"
  printf '{ "current": "%s", "keys": { "%s": "%s" } }\n' "$id" "$id" "$(head -c 32 /dev/urandom | base64)" >"$dir/encryption/master-keys.json"
  chmod 644 "$dir/encryption/master-keys.json"
  echo "created $dir/encryption/master-keys.json"
fi

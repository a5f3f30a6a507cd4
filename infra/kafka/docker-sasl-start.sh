#!/bin/sh
# Kafka in the compose deployment, secured as `KAFKA_SECURITY=sasl bash scripts/infra/kafka.sh` runs it natively:
# clients authenticate with SASL/SCRAM-SHA-512; the controller listener (the node talking to itself) with
# SASL/PLAIN as the admin; KRaft's StandardAuthorizer refuses whatever no ACL allows; the admin is the only super
# user. The admin's SCRAM credential is created when the storage is formatted (--add-scram); every other user and
# every ACL by the kafka-setup container (`npm run kafka:acls`). Runs as the image's own non-root user.
#
# Two client listeners, the same SCRAM users and ACLs on both:
#   INTERNAL  SASL_PLAINTEXT on kafka:9092, the compose network only: the services, kafka-setup, the exporter;
#   EXTERNAL  SASL_SSL on :9094, published for partners (and anything off this host), advertised as
#             $KAFKA_PUBLIC_HOST:9094; its key and certificate chain (PEM) from the secret kafka-tls-keystore.
#             The certificate must be issued for KAFKA_PUBLIC_HOST by a CA the partners trust.
set -eu
ADMIN_USER="${KAFKA_ADMIN_USER:-admin}"
PASSWORD="$(tr -d '\r\n' </run/secrets/kafka-admin-password)"
case "$PASSWORD" in
  '' | *[!A-Za-z0-9._~-]*)
    echo "kafka: the admin password (secret kafka-admin-password) must be letters, digits, '.', '_', '~' or '-'" >&2
    exit 1
    ;;
esac
PUBLIC_HOST="${KAFKA_PUBLIC_HOST:-localhost}"
KEYSTORE=/run/secrets/kafka-tls-keystore
if ! grep -q 'PRIVATE KEY-----' "$KEYSTORE" || ! grep -q 'BEGIN CERTIFICATE' "$KEYSTORE"; then
  echo "kafka: the secret kafka-tls-keystore must hold the broker's PEM private key and certificate chain" >&2
  exit 1
fi
DATA=/var/lib/kafka/data
CONFIG=/tmp/server.properties
umask 077
cat >"$CONFIG" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:9093
controller.listener.names=CONTROLLER
listeners=INTERNAL://:9092,EXTERNAL://:9094,CONTROLLER://localhost:9093
advertised.listeners=INTERNAL://kafka:9092,EXTERNAL://$PUBLIC_HOST:9094
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.internal.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$ADMIN_USER" password="$PASSWORD";
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.external.ssl.keystore.type=PEM
listener.name.external.ssl.keystore.location=$KEYSTORE
listener.name.external.ssl.enabled.protocols=TLSv1.3,TLSv1.2
listener.name.external.ssl.client.auth=none
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$ADMIN_USER" password="$PASSWORD" user_$ADMIN_USER="$PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$ADMIN_USER
log.dirs=$DATA
num.partitions=3
auto.create.topics.enable=false
delete.topic.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
CONF
# For the health check (kafka-broker-api-versions.sh --command-config).
cat >/tmp/admin.properties <<CONF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$ADMIN_USER" password="$PASSWORD";
CONF
if [ ! -f "$DATA/meta.properties" ]; then
  /opt/kafka/bin/kafka-storage.sh format --standalone -t "${KAFKA_CLUSTER_ID:-MkU3OEVBNTcwNTJENDM2Qg}" -c "$CONFIG" \
    --add-scram "SCRAM-SHA-512=[name=$ADMIN_USER,password=$PASSWORD]" >/dev/null
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"

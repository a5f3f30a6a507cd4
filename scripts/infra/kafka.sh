#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft, broker+controller in one JVM),
# run natively from Maven Central jars (see infra/kafka/pom.xml). No Docker.
#
#   bash scripts/infra/kafka.sh start|stop|status|logs [-f]
#
# Env (defaults):
#   KAFKA_SECURITY=plaintext    plaintext: development and the shared test broker (no authentication);
#                               sasl: the production mode (SASL/SCRAM-SHA-512 clients, ACLs, see below)
#   KAFKA_PORT=9092             client listener (PLAINTEXT:// or SASL_PLAINTEXT://127.0.0.1)
#   KAFKA_CONTROLLER_PORT=9093  KRaft controller listener
#   KAFKA_HEAP_OPTS="-Xms256m -Xmx768m"
#   KAFKA_OPTS=""               extra JVM flags
#   KAFKA_START_TIMEOUT=90      seconds to wait for readiness
#   KAFKA_STOP_TIMEOUT=30       seconds to wait for a clean shutdown
#   LOCAL_DIR=<repo>/.local     runtime state goes under $LOCAL_DIR/kafka/
#
# Secured mode (KAFKA_SECURITY=sasl), as production runs the broker:
#   - clients authenticate with SASL/SCRAM-SHA-512; the controller listener with SASL/PLAIN as the admin (the node
#     talks to itself through it, so its principal must be a super user, or the node never becomes ready);
#   - KRaft's StandardAuthorizer with allow.everyone.if.no.acl.found=false: nothing is allowed without an ACL;
#   - the admin (User:$KAFKA_ADMIN_USER) is the only super user; its SCRAM credential is created when the storage
#     is formatted (--add-scram), with those of KAFKA_BOOTSTRAP_USERS_DIR (one file per user, named after the
#     user, holding its password). Every other principal and every ACL: `npm run kafka:acls` (admin API).
#   KAFKA_ADMIN_USER=admin
#   KAFKA_ADMIN_PASSWORD_FILE   default $LOCAL_DIR/kafka/secrets/admin.password (created, mode 600, if missing)
#   KAFKA_BOOTSTRAP_USERS_DIR   optional
#   KAFKA_TLS=false             true: a second client listener, SASL_SSL (TLS + the same SCRAM users and ACLs), for
#                               clients that reach the broker over a network (partners, services on other hosts):
#   KAFKA_TLS_PORT=9094           its port;
#   KAFKA_TLS_BIND=127.0.0.1      the address it listens on (0.0.0.0 or a network interface's address for a network);
#   KAFKA_TLS_HOST=localhost      the name clients are told to reach it by (the certificate must carry it);
#   KAFKA_TLS_DIR                 default $LOCAL_DIR/kafka/tls: ca.pem (the CA clients trust, KAFKA_SSL_CA_FILE) and
#                                 broker-keystore.pem (PEM: the broker's private key, its certificate, its chain).
#                                 An operator's own files there are used as they are; missing ones are made with
#                                 openssl: a local CA and a broker certificate for KAFKA_TLS_SAN
#                                 (default DNS:$KAFKA_TLS_HOST,DNS:localhost,IP:127.0.0.1).
#                               The loopback SASL_PLAINTEXT listener stays for the services on this host and between
#                               the broker and itself; the controller listener stays on loopback.
# A log dir formatted in one mode is never started in the other (use another LOCAL_DIR). Passwords come from files
# and are never printed.
#
# Needs only bash, java (17+), mvn (first run / pom change) and coreutils.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
# shellcheck source=lib/kafka-certificates.sh
source "$SCRIPT_DIR/lib/kafka-certificates.sh"
# shellcheck source=lib/process.sh
source "$SCRIPT_DIR/lib/process.sh"

KAFKA_SECURITY="${KAFKA_SECURITY:-plaintext}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_OPTS="${KAFKA_OPTS:-}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
# Any valid 22-char base64 UUID works; fixed so formatting is deterministic.
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-MkU3OEVBNTcwNTJENDM2Qg}"
LOCAL_DIR="${LOCAL_DIR:-$REPO_ROOT/.local}"
mkdir -p "$LOCAL_DIR"
LOCAL_DIR="$(cd "$LOCAL_DIR" && pwd)" # absolute: it ends up in server.properties

POM="$REPO_ROOT/infra/kafka/pom.xml"
LOG4J_CONF="$REPO_ROOT/infra/kafka/log4j2.properties"
KAFKA_DIR="$LOCAL_DIR/kafka"
LIBS_DIR="$KAFKA_DIR/libs"
LIBS_STAMP="$KAFKA_DIR/libs.stamp"
DATA_DIR="$KAFKA_DIR/data"
CONFIG="$KAFKA_DIR/server.properties"
LOG_FILE="$KAFKA_DIR/kafka.log"
PID_FILE="$KAFKA_DIR/kafka.pid"
MODE_FILE="$DATA_DIR/security.mode"
KAFKA_ADMIN_USER="${KAFKA_ADMIN_USER:-admin}"
KAFKA_ADMIN_PASSWORD_FILE="${KAFKA_ADMIN_PASSWORD_FILE:-$KAFKA_DIR/secrets/admin.password}"
KAFKA_BOOTSTRAP_USERS_DIR="${KAFKA_BOOTSTRAP_USERS_DIR:-}"
KAFKA_TLS="${KAFKA_TLS:-false}"
KAFKA_TLS_PORT="${KAFKA_TLS_PORT:-9094}"
KAFKA_TLS_BIND="${KAFKA_TLS_BIND:-127.0.0.1}"
KAFKA_TLS_HOST="${KAFKA_TLS_HOST:-localhost}"
KAFKA_TLS_DIR="${KAFKA_TLS_DIR:-$KAFKA_DIR/tls}"
KAFKA_TLS_SAN="${KAFKA_TLS_SAN:-$([[ "$KAFKA_TLS_HOST" == localhost ]] || printf "DNS:%s," "$KAFKA_TLS_HOST")DNS:localhost,IP:127.0.0.1}"
case "$KAFKA_TLS" in
  false) ;;
  true)
    if [[ "$KAFKA_SECURITY" != sasl ]]; then
      echo "[kafka] ERROR: KAFKA_TLS=true needs KAFKA_SECURITY=sasl (the TLS listener authenticates with SCRAM)" >&2
      exit 2
    fi
    ;;
  *)
    echo "[kafka] ERROR: KAFKA_TLS must be true or false, not '$KAFKA_TLS'" >&2
    exit 2
    ;;
esac
case "$KAFKA_SECURITY" in
  plaintext | sasl) ;;
  *)
    echo "[kafka] ERROR: KAFKA_SECURITY must be plaintext or sasl, not '$KAFKA_SECURITY'" >&2
    exit 2
    ;;
esac
LOCK_DIR="$KAFKA_DIR/.lock"
# Logged by KafkaRaftServer once broker and controller are fully up.
READY_PATTERN='Kafka Server started'

log() { echo "[kafka] $*"; }
err() { echo "[kafka] ERROR: $*" >&2; }
die() { err "$*"; exit 1; }

# --- helpers ---------------------------------------------------------------

# Pid from the pid file, if that process is alive and is our broker.
broker_pid() {
  local pid
  [[ -f "$PID_FILE" ]] || return 1
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: the command line must be kafka.Kafka with our config.
  if [[ -r "/proc/$pid/cmdline" ]]; then
    local cmd
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmd" == *kafka.Kafka*"$CONFIG"* ]] || return 1
  fi
  echo "$pid"
}

log_says_ready() {
  [[ -f "$LOG_FILE" ]] && grep -q "$READY_PATTERN" "$LOG_FILE"
}

is_ready() {
  broker_pid >/dev/null && log_says_ready && port_open "$KAFKA_PORT"
}

show_log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    err "last 50 lines of $LOG_FILE:"
    tail -n 50 "$LOG_FILE" >&2
  fi
}

require_java() {
  command -v java >/dev/null || die "java not found on PATH (need Java 17+)"
  local v
  v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  if [[ -n "$v" && "$v" -lt 17 ]]; then
    die "Java $v found, Kafka 4 needs Java 17+"
  fi
}

# Serialise concurrent start/stop calls (mkdir is atomic; stale locks are reclaimed).
acquire_lock() {
  mkdir -p "$KAFKA_DIR"
  local waited=0 owner
  until mkdir "$LOCK_DIR" 2>/dev/null; do
    owner="$(cat "$LOCK_DIR/pid" 2>/dev/null || true)"
    if [[ -n "$owner" ]] && ! kill -0 "$owner" 2>/dev/null; then
      rm -rf "$LOCK_DIR"
      continue
    fi
    ((waited++ < 300)) || die "timed out waiting for lock $LOCK_DIR"
    sleep 0.5
  done
  echo $$ >"$LOCK_DIR/pid"
  trap 'rm -rf "$LOCK_DIR"' EXIT
}

# Copy the broker jars from Maven (~/.m2 cache) unless already there for this pom.
ensure_libs() {
  local sum
  sum="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -d "$LIBS_DIR" && -f "$LIBS_STAMP" && "$(cat "$LIBS_STAMP")" == "$sum" ]] &&
    compgen -G "$LIBS_DIR/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found on PATH (needed once to fetch Kafka jars)"
  log "fetching Kafka jars with Maven into $LIBS_DIR ..."
  local tmp="$KAFKA_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  if ! mvn -B -q -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" >"$KAFKA_DIR/mvn.log" 2>&1; then
    cat "$KAFKA_DIR/mvn.log" >&2
    rm -rf "$tmp"
    die "Maven failed to fetch Kafka jars"
  fi
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  echo "$sum" >"$LIBS_STAMP"
}

listener_config() {
  if [[ "$KAFKA_SECURITY" == plaintext ]]; then
    cat <<EOF
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
EOF
    return
  fi
  local password listeners advertised map
  password="$(admin_password)"
  listeners="SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT"
  advertised="SASL_PLAINTEXT://127.0.0.1:$KAFKA_PORT"
  map="CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT"
  if [[ "$KAFKA_TLS" == true ]]; then
    listeners="$listeners,EXTERNAL://$KAFKA_TLS_BIND:$KAFKA_TLS_PORT"
    advertised="$advertised,EXTERNAL://$KAFKA_TLS_HOST:$KAFKA_TLS_PORT"
    map="$map,EXTERNAL:SASL_SSL"
  fi
  # Clients: SCRAM (credentials live in the metadata log, managed through the admin API). Controller listener:
  # PLAIN with the admin's static credential (the controller cannot look SCRAM credentials up in itself).
  cat <<EOF
listeners=$listeners
advertised.listeners=$advertised
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=$map
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.sasl_plaintext.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$KAFKA_ADMIN_USER" password="$password";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$KAFKA_ADMIN_USER" password="$password" user_$KAFKA_ADMIN_USER="$password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$KAFKA_ADMIN_USER
EOF
  [[ "$KAFKA_TLS" == true ]] || return 0
  # The TLS listener: the broker's key and certificate chain as PEM, TLS 1.2 or 1.3 only, no client certificates
  # (clients authenticate with SCRAM inside the TLS session).
  cat <<EOF
listener.name.external.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.external.ssl.keystore.type=PEM
listener.name.external.ssl.keystore.location=$KAFKA_TLS_DIR/broker-keystore.pem
listener.name.external.ssl.enabled.protocols=TLSv1.3,TLSv1.2
listener.name.external.ssl.client.auth=none
EOF
}

# The broker's TLS material in KAFKA_TLS_DIR: kept when present (an operator's own), else a local CA and a broker
# certificate signed by it (scripts/infra/lib/kafka-certificates.sh). The CA's certificate is readable by every
# client; the private keys by their owner only.
ensure_certificates() {
  [[ -s "$KAFKA_TLS_DIR/broker-keystore.pem" && -s "$KAFKA_TLS_DIR/ca.pem" ]] && return 0
  log "making a local CA and a broker certificate ($KAFKA_TLS_SAN) in $KAFKA_TLS_DIR"
  make_kafka_certificates "$KAFKA_TLS_DIR" "$KAFKA_TLS_HOST" "$KAFKA_TLS_SAN" || die "could not make the broker's certificates"
  chmod 755 "$KAFKA_TLS_DIR"
}

# The admin's password, from KAFKA_ADMIN_PASSWORD_FILE (created with a random password on first use).
admin_password() {
  if [[ ! -s "$KAFKA_ADMIN_PASSWORD_FILE" ]]; then
    mkdir -p "$(dirname "$KAFKA_ADMIN_PASSWORD_FILE")"
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40 >"$KAFKA_ADMIN_PASSWORD_FILE")
  fi
  local password
  password="$(tr -d '\r\n' <"$KAFKA_ADMIN_PASSWORD_FILE")"
  [[ "$password" =~ ^[A-Za-z0-9._~-]{12,}$ ]] ||
    die "the admin password in $KAFKA_ADMIN_PASSWORD_FILE must be 12+ letters, digits, '.', '_', '~' or '-'"
  printf '%s' "$password"
}

# --add-scram arguments (KIP-900) for the admin and every user of KAFKA_BOOTSTRAP_USERS_DIR, NUL-separated.
scram_args() {
  [[ "$KAFKA_SECURITY" == sasl ]] || return 0
  printf '%s\0' --add-scram "SCRAM-SHA-512=[name=$KAFKA_ADMIN_USER,password=$(admin_password)]"
  [[ -n "$KAFKA_BOOTSTRAP_USERS_DIR" ]] || return 0
  local file user password
  for file in "$KAFKA_BOOTSTRAP_USERS_DIR"/*; do
    [[ -f "$file" ]] || continue
    user="$(basename "$file")"
    password="$(tr -d '\r\n' <"$file")"
    [[ "$user" =~ ^[A-Za-z0-9._-]+$ && "$password" =~ ^[A-Za-z0-9._~-]{12,}$ ]] ||
      die "bootstrap user file $file: the name and a 12+ character password of letters, digits, '.', '_', '~', '-'"
    printf '%s\0' --add-scram "SCRAM-SHA-512=[name=$user,password=$password]"
  done
}

write_config() {
  if [[ "$KAFKA_TLS" == true ]]; then ensure_certificates; fi
  # In secured mode the file holds the admin's password: readable by its owner only.
  (umask 077 && : >"$CONFIG")
  chmod 600 "$CONFIG"
  cat >"$CONFIG" <<EOF
# Generated by scripts/infra/kafka.sh - do not edit (rewritten on every start).
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
$(listener_config)

log.dirs=$DATA_DIR
num.partitions=3
auto.create.topics.enable=false
delete.topic.enable=true

# Single node: every replication factor / ISR is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Fewer partitions for the internal topics (defaults 50 each): on a small machine the group and producer-id
# coordinators then load in seconds instead of stalling the first consumers and idempotent producers.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=5

# Modest retention for a dev/CI box: by time only. A size limit (this file had 256 MB per partition) deletes the
# oldest records whether or not a consumer has read them: a 100,000-record hostile-input run lost 50,000 unread ones.
log.retention.hours=24
log.segment.bytes=67108864
log.retention.check.interval.ms=300000
num.network.threads=3
num.io.threads=4
num.recovery.threads.per.data.dir=1
EOF
}

java_cmd() {
  # shellcheck disable=SC2206 # word-splitting of the *_OPTS vars is intended
  local args=(java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$LOG4J_CONF" $KAFKA_OPTS -cp "$LIBS_DIR/*")
  printf '%s\0' "${args[@]}"
}

# Format KRaft storage once (meta.properties marks a formatted log dir).
ensure_formatted() {
  # (Changing the ports later is fine: a single voter needs no peer endpoints.)
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    local formatted
    formatted="$(cat "$MODE_FILE" 2>/dev/null || echo plaintext)"
    [[ "$formatted" == "$KAFKA_SECURITY" ]] ||
      die "$DATA_DIR was formatted for KAFKA_SECURITY=$formatted, not $KAFKA_SECURITY: use another LOCAL_DIR"
    return 0
  fi
  log "formatting KRaft storage in $DATA_DIR (cluster id $KAFKA_CLUSTER_ID, security $KAFKA_SECURITY)"
  mkdir -p "$DATA_DIR"
  local cmd=() scram=()
  mapfile -d '' cmd < <(java_cmd)
  mapfile -d '' scram < <(scram_args)
  if ! "${cmd[@]}" kafka.tools.StorageTool format --standalone \
    -t "$KAFKA_CLUSTER_ID" -c "$CONFIG" "${scram[@]}" >"$KAFKA_DIR/format.log" 2>&1; then
    sed 's/password=[^],]*/password=***/g' "$KAFKA_DIR/format.log" >&2
    die "storage format failed"
  fi
  echo "$KAFKA_SECURITY" >"$MODE_FILE"
}

# Wait until the log says "started" and the client port accepts connections.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_log_tail
      die "broker process $pid exited during startup"
    fi
    if log_says_ready && port_open "$KAFKA_PORT"; then
      return 0
    fi
    sleep 0.5
  done
  show_log_tail
  err "broker not ready after ${KAFKA_START_TIMEOUT}s; stopping it"
  do_stop >&2 || true
  exit 1
}

# --- commands ---------------------------------------------------------------

do_start() {
  require_java
  acquire_lock

  local pid
  if pid="$(broker_pid)"; then
    if log_says_ready && port_open "$KAFKA_PORT"; then
      log "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT - reusing it"
      return 0
    fi
    log "broker (pid $pid) is starting - waiting for it"
    wait_ready "$pid"
    log "ready on 127.0.0.1:$KAFKA_PORT (pid $pid)"
    return 0
  fi
  rm -f "$PID_FILE"

  local p ports=("$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT")
  [[ "$KAFKA_TLS" != true ]] || ports+=("$KAFKA_TLS_PORT")
  for p in "${ports[@]}"; do
    if port_open "$p"; then
      die "port $p is already in use by another process (not this broker: $KAFKA_DIR); free it or set KAFKA_PORT/KAFKA_CONTROLLER_PORT/KAFKA_TLS_PORT"
    fi
  done

  ensure_libs
  # Checked here: a failure inside the configuration's command substitution would not stop the script.
  [[ "$KAFKA_SECURITY" == plaintext ]] || admin_password >/dev/null
  write_config
  ensure_formatted

  # Keep the previous run's log for post-mortems; readiness is detected in the fresh one.
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
  local cmd=()
  mapfile -d '' cmd < <(java_cmd)
  log "starting broker ($KAFKA_SECURITY) on 127.0.0.1:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT), log: $LOG_FILE"
  # Its own session (survives the calling shell/CI step); the pid file is the JVM's.
  pid="$(launch_detached "$PID_FILE" "$LOG_FILE" "${cmd[@]}" kafka.Kafka "$CONFIG")" || die "failed to launch the broker (no pid file)"

  wait_ready "$pid"
  log "ready on 127.0.0.1:$KAFKA_PORT (pid $pid, ${SECONDS}s)"
  [[ "$KAFKA_TLS" != true ]] || log "TLS listener (SASL_SSL) on $KAFKA_TLS_BIND:$KAFKA_TLS_PORT as $KAFKA_TLS_HOST; clients trust $KAFKA_TLS_DIR/ca.pem"
}

do_stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  terminate "$pid" "$KAFKA_STOP_TIMEOUT"
  rm -f "$PID_FILE"
  log "stopped"
}

do_status() {
  local pid
  if pid="$(broker_pid)"; then
    if is_ready; then
      log "running and ready (pid $pid) on 127.0.0.1:$KAFKA_PORT"
      return 0
    fi
    log "process $pid alive but not ready (port $KAFKA_PORT)"
    return 1
  fi
  log "not running"
  return 1
}

do_logs() {
  [[ -f "$LOG_FILE" ]] || die "no log yet ($LOG_FILE)"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n 100 -F "$LOG_FILE"
  fi
  tail -n "${KAFKA_LOG_LINES:-200}" "$LOG_FILE"
}

case "${1:-}" in
  start) do_start ;;
  stop)
    acquire_lock
    do_stop
    ;;
  status) do_status ;;
  logs) do_logs "${2:-}" ;;
  *)
    echo "usage: $0 start|stop|status|logs [-f]" >&2
    exit 2
    ;;
esac

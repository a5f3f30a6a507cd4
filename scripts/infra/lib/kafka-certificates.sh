#!/usr/bin/env bash
# Shared by scripts/infra/kafka.sh (the native broker's TLS listener) and scripts/compose-secrets.sh (the compose
# broker's): a local certificate authority and a broker certificate signed by it, made with openssl.
#
#   make_kafka_certificates DIR HOST SAN
#
# writes, in DIR (created 0700):
#   ca.pem               the CA's certificate: what clients trust (KAFKA_SSL_CA_FILE, the partner tool's --ca-file)
#   ca.key               the CA's private key (to sign a certificate for another name later; never leaves DIR)
#   broker.pem           the broker's certificate: CN=HOST, subjectAltName=SAN (e.g. DNS:kafka.example,IP:10.0.0.5),
#                        serverAuth, 825 days
#   broker-keystore.pem  the broker's private key, its certificate and the CA's (Kafka's PEM keystore)
# Private keys are created readable by their owner only. Returns non-zero when openssl is missing or fails.
make_kafka_certificates() {
  local dir="$1" host="$2" san="$3"
  command -v openssl >/dev/null || {
    echo "openssl not found on PATH (needed to make the broker's certificates)" >&2
    return 1
  }
  mkdir -p "$dir"
  chmod 700 "$dir"
  (
    set -e
    umask 077
    openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=readmission Kafka CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey rsa:3072 -nodes -subj "/CN=$host" -keyout "$dir/broker.key" -out "$dir/broker.csr" 2>/dev/null
    printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
      "$san" >"$dir/broker.ext"
    openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 825 \
      -extfile "$dir/broker.ext" -out "$dir/broker.pem" 2>/dev/null
    cat "$dir/broker.key" "$dir/broker.pem" "$dir/ca.pem" >"$dir/broker-keystore.pem"
    rm -f "$dir/broker.csr" "$dir/broker.ext" "$dir/broker.key" "$dir/ca.srl"
    chmod 644 "$dir/ca.pem" "$dir/broker.pem"
  )
}

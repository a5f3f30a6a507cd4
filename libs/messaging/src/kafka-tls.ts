import { X509Certificate } from 'crypto';
import { readFileSync } from 'fs';
import { ConnectionOptions } from 'tls';

/**
 * TLS to the brokers (the broker's SASL_SSL listener, docs/security.md "Kafka over a network"):
 * - `caFile` (KAFKA_SSL_CA_FILE): trust only the certificate authorities in this PEM file (a private CA, as the one
 *   scripts/infra/kafka.sh makes or an operator's); implies TLS;
 * - `ssl` alone (KAFKA_SSL=true): the system's trust store.
 * The broker's certificate must be signed by a trusted CA and carry the name (or IP address) the client connects to:
 * Node's TLS checks both, and nothing here turns either check off.
 */
export function kafkaTlsOptions(ssl: boolean | undefined, caFile: string | undefined): ConnectionOptions | boolean | undefined {
  if (!caFile) return ssl;
  const problem = caFileProblem(caFile);
  if (problem) throw new Error(`KAFKA_SSL_CA_FILE=${caFile}: ${problem}`);
  return { ca: [readFileSync(caFile, 'utf8')], rejectUnauthorized: true };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Why a CA file cannot be used (unreadable, no certificate, a certificate that does not parse), or undefined. */
export function caFileProblem(caFile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(caFile, 'utf8');
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) return 'holds no PEM certificate';
  for (const pem of certificates) {
    try {
      new X509Certificate(pem);
    } catch {
      return 'holds a certificate that does not parse';
    }
  }
  return undefined;
}

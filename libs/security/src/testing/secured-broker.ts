import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';

/**
 * A single-node broker in the secured mode (scripts/infra/kafka.sh with KAFKA_SECURITY=sasl) for the ACL tests, on
 * ports of its own (SECURED_KAFKA_PORT, default 19092, controller +1) and state under .local/security-test, with its
 * TLS listener (KAFKA_TLS=true: SASL_SSL on port +2, as `localhost`, certificates made by the script).
 * A broker already running there is reused and left running; one this run started is stopped at the end.
 */
const REPO = join(__dirname, '..', '..', '..', '..');
export const SECURED_PORT = Number(process.env.SECURED_KAFKA_PORT || 19092);
export const SECURED_LOCAL_DIR = process.env.SECURED_KAFKA_LOCAL_DIR || join(REPO, '.local', 'security-test');
export const ADMIN_PASSWORD_FILE = join(SECURED_LOCAL_DIR, 'kafka', 'secrets', 'admin.password');
export const SECURED_TLS_PORT = SECURED_PORT + 2;
/** The CA that signed the TLS listener's certificate (made by the script on first start). */
export const CA_FILE = join(SECURED_LOCAL_DIR, 'kafka', 'tls', 'ca.pem');

const env = () => ({
  ...process.env,
  KAFKA_SECURITY: 'sasl',
  KAFKA_PORT: String(SECURED_PORT),
  KAFKA_CONTROLLER_PORT: String(SECURED_PORT + 1),
  LOCAL_DIR: SECURED_LOCAL_DIR,
  KAFKA_TLS: 'true',
  KAFKA_TLS_PORT: String(SECURED_TLS_PORT),
  KAFKA_START_TIMEOUT: '180',
});
const script = join(REPO, 'scripts', 'infra', 'kafka.sh');

export async function securedBrokerRunning(): Promise<boolean> {
  try {
    await promisify(execFile)('bash', [script, 'status'], { env: env() });
    return true;
  } catch {
    return false;
  }
}

export async function startSecuredBroker(): Promise<void> {
  await promisify(execFile)('bash', [script, 'start'], { env: env(), timeout: 300_000 });
}

export async function stopSecuredBroker(): Promise<void> {
  await promisify(execFile)('bash', [script, 'stop'], { env: env(), timeout: 60_000 });
}

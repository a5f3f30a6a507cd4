import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'fs';
import { connect } from 'net';
import { ADMIN_PASSWORD_FILE, CA_FILE, SECURED_PORT, SECURED_TLS_PORT, securedBrokerRunning, startSecuredBroker } from './secured-broker';

/** Jest globalSetup: the secured broker, started unless running; the workers inherit the variables. */
export default async function globalSetup(): Promise<void> {
  const running = await securedBrokerRunning();
  if (!running) {
    process.stdout.write(`\nstarting a secured Kafka broker on 127.0.0.1:${SECURED_PORT} for the ACL tests\n`);
    await startSecuredBroker();
  }
  (globalThis as { __SECURED_BROKER_STARTED__?: boolean }).__SECURED_BROKER_STARTED__ = !running;
  if (running && !(await listening(SECURED_TLS_PORT)))
    throw new Error(
      `the secured broker on port ${SECURED_PORT} runs without its TLS listener (port ${SECURED_TLS_PORT}): it was started ` +
        'before KAFKA_TLS; stop it (KAFKA_SECURITY=sasl LOCAL_DIR=.local/security-test KAFKA_PORT=… bash scripts/infra/kafka.sh stop) and run again',
    );
  process.env.SECURED_KAFKA_BROKERS = `127.0.0.1:${SECURED_PORT}`;
  process.env.SECURED_KAFKA_ADMIN_PASSWORD_FILE = ADMIN_PASSWORD_FILE;
  process.env.SECURED_KAFKA_TLS_BROKERS = `localhost:${SECURED_TLS_PORT}`;
  process.env.SECURED_KAFKA_CA_FILE = CA_FILE;
  await untilCoordinatorsAnswer();
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A fresh broker loads its group and producer-id coordinators first; the tests' clients do not retry (a refusal
 * must show at once), so the wait happens here, as the admin, patiently.
 */
async function untilCoordinatorsAnswer(): Promise<void> {
  const password = readFileSync(ADMIN_PASSWORD_FILE, 'utf8').trim();
  const kafka = new Kafka({
    clientId: 'secured-warm-up',
    brokers: [`127.0.0.1:${SECURED_PORT}`],
    sasl: { mechanism: 'scram-sha-512', username: process.env.KAFKA_ADMIN_USER || 'admin', password },
    logLevel: logLevel.NOTHING,
    retry: { retries: 30, initialRetryTime: 300, maxRetryTime: 3000 },
  });
  const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
  await producer.connect();
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.describeGroups(['secured-warm-up']);
  await admin.disconnect();
}

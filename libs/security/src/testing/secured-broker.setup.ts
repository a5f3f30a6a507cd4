import { ADMIN_PASSWORD_FILE, SECURED_PORT, securedBrokerRunning, startSecuredBroker } from './secured-broker';

/** Jest globalSetup: the secured broker, started unless running; the workers inherit the variables. */
export default async function globalSetup(): Promise<void> {
  const running = await securedBrokerRunning();
  if (!running) {
    process.stdout.write(`\nstarting a secured Kafka broker on 127.0.0.1:${SECURED_PORT} for the ACL tests\n`);
    await startSecuredBroker();
  }
  (globalThis as { __SECURED_BROKER_STARTED__?: boolean }).__SECURED_BROKER_STARTED__ = !running;
  process.env.SECURED_KAFKA_BROKERS = `127.0.0.1:${SECURED_PORT}`;
  process.env.SECURED_KAFKA_ADMIN_PASSWORD_FILE = ADMIN_PASSWORD_FILE;
}

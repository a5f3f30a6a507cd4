import { stopSecuredBroker } from './secured-broker';

/** Stops the secured broker if this run started it. */
export default async function globalTeardown(): Promise<void> {
  if ((globalThis as { __SECURED_BROKER_STARTED__?: boolean }).__SECURED_BROKER_STARTED__) await stopSecuredBroker();
}

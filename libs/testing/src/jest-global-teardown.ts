import type { Infrastructure } from './infrastructure';

/** Stops containers this run started; native infrastructure stays up for the next run (start is idempotent). */
export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as { __INFRA__?: Infrastructure }).__INFRA__;
  if (infra?.origin === 'testcontainers') await infra.stop();
}

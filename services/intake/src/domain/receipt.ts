/**
 * The receipt of a partner record: the broker's append time (inbound topics are LogAppendTime), so that a backlog
 * in intake never moves a deadline; never later than now (a test's clock, or a topic configured otherwise).
 */
export function receiptOf(brokerTimestamp: string, now: Date): Date {
  const appended = Number(brokerTimestamp);
  return Number.isFinite(appended) && appended > 0 && appended < now.getTime() ? new Date(appended) : now;
}

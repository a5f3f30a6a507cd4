import { DecodedMessage, InternalEventType, InternalPayload } from '@readmission/contracts';
import { ConsumedRecord, decodeEvent } from '@readmission/messaging';
import { inboxMessage } from './fingerprint';
import { Inbox } from './inbox';

/**
 * What every Kafka handler does with an internal event: decode it as `type` (a malformed record is a permanent
 * error), then run `effect` once for it through the inbox as `consumer` (`<service>.<event>`). A redelivery of a
 * handled message does nothing; one whose handling crashed runs the (idempotent) effect again.
 */
export async function consumeOnce<T extends InternalEventType>(
  inbox: Inbox,
  consumer: string,
  record: ConsumedRecord,
  type: T,
  effect: (event: DecodedMessage<InternalPayload<T>>) => Promise<unknown>,
): Promise<void> {
  const event = decodeEvent(record, type);
  await inbox.handle(inboxMessage(consumer, event), () => effect(event));
}

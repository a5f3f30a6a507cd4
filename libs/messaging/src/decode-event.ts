import { DecodedMessage, INTERNAL_EVENTS, InternalEventType, InternalPayload, decodeRecord } from '@readmission/contracts';
import { ConsumedRecord } from './consumed-record';
import { PermanentError } from './errors';

/** Decodes an internal event of the expected type, or throws a PermanentError (it would never decode later). */
export function decodeEvent<T extends InternalEventType>(record: ConsumedRecord, type: T): DecodedMessage<InternalPayload<T>> {
  const decoded = decodeRecord(record, { [type]: INTERNAL_EVENTS[type] });
  if (!decoded.ok) {
    const failure = decoded.failure;
    const detail = failure.kind === 'unattributable' ? failure.reason : failure.reasons.map((r) => `${r.field}: ${r.message}`).join('; ');
    throw new PermanentError(`invalid ${type}: ${detail}`);
  }
  return decoded.message as DecodedMessage<InternalPayload<T>>;
}

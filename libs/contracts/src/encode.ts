import { EventEnvelope, RecordHeaders, envelopeHeaders } from './cloudevents';
import { INTERNAL_EVENTS, InternalEventType, InternalPayload } from './internal/events';
import { MessageDefinition } from './message-definition';
import { keyOf } from './parse';
import { validateClosed } from './validation';

export interface EncodedRecord {
  key: string;
  value: string;
  headers: RecordHeaders;
}

/**
 * Turns a payload into a record ready to publish. The payload is validated against its contract first, so that
 * the platform never sends what it would itself reject; a failure here is a programming error and throws.
 */
export function encodeMessage(definition: MessageDefinition, payload: object, envelope: Omit<EventEnvelope, 'type'>): EncodedRecord {
  const validated = validateClosed(definition.payload, JSON.parse(JSON.stringify(payload)));
  if (!validated.ok) {
    const detail = validated.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new Error(`refusing to publish an invalid ${definition.type}: ${detail}`);
  }
  const key = keyOf(definition, payload);
  if (typeof key !== 'string' || key.length === 0) {
    throw new Error(`${definition.type} has no key at ${definition.keyField}`);
  }
  return {
    key,
    value: JSON.stringify(payload),
    headers: envelopeHeaders({ ...envelope, type: definition.type }),
  };
}

/** An internal event ready to publish on its own topic (the topic is named after the type). */
export function encodeInternalEvent<T extends InternalEventType>(
  type: T,
  payload: InternalPayload<T>,
  envelope: Omit<EventEnvelope, 'type'>,
): EncodedRecord & { topic: T } {
  return { topic: type, ...encodeMessage(INTERNAL_EVENTS[type], payload, envelope) };
}

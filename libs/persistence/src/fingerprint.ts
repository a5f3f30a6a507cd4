import { createHash } from 'crypto';

/**
 * A fingerprint of a message's content, for Inbox.handle: the SHA-256 of its JSON with object keys sorted, so
 * that the same content serialised in another key order has the same fingerprint.
 */
export function fingerprintOf(content: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sortedKeys(content)) ?? 'undefined')
    .digest('hex');
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value; // Date and the like serialise themselves
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * What Inbox.handle needs of a decoded event for consumer `consumer`: the envelope's id names the delivery, the
 * payload's fingerprint refuses another message reusing that id.
 */
export function inboxMessage(consumer: string, event: { envelope: { id: string }; payload: unknown }) {
  return { consumer, id: event.envelope.id, fingerprint: fingerprintOf(event.payload) };
}

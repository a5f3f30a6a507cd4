import { CE, PartnerMessage, RawHeaders, headerText } from '@readmission/contracts';

/** One partner message as kept in a case's history: what the interface defines, with its headers and time. */
export interface MessageHistoryEntry {
  direction: 'inbound' | 'outbound';
  type: string;
  ceId: string;
  causationId?: string;
  /** Received (inbound) or queued for sending (outbound; published right after, or by the outbox relay). */
  at: Date;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
}

/** A message that passed the closed schema, as received: only interface fields and interface headers. */
export function inboundEntry(message: PartnerMessage, headers: RawHeaders, at: Date): MessageHistoryEntry {
  return {
    direction: 'inbound',
    type: message.type,
    ceId: message.envelope.id,
    at,
    headers: textHeaders(headers),
    payload: { ...(message.payload as object) },
  };
}

/** The headers the interface defines (CloudEvents and content-type), as text: nothing else a partner sent is kept. */
export function textHeaders(headers: RawHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.values(CE)) {
    const value = headerText(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The replies a history holds: every one, or only those caused by one message. */
export function repliesIn(history: MessageHistoryEntry[], causationId?: string): MessageHistoryEntry[] {
  return history.filter(
    (h) => h.direction === 'outbound' && h.type.startsWith('readmission.') && (!causationId || h.causationId === causationId),
  );
}

/**
 * Which message's answer a case repeats for a redelivered message: its own answer, or, for a resent application
 * (its own ce_id, no answer of its own), the answer to the first application.
 */
export function answerToRepeat(history: MessageHistoryEntry[], firstInboundId: string, ceId: string, type: string): string {
  const answered = history.some((h) => h.direction === 'outbound' && h.causationId === ceId);
  return !answered && type === 'readmission.application.submitted.v1' ? firstInboundId : ceId;
}

/**
 * A history with the messages' content erased (retention): who sent which message type when, its ids and interface
 * headers stay as the record of transmission and receipt; the payload, which holds the person, goes.
 */
export function withoutPayloads(history: MessageHistoryEntry[]): Omit<MessageHistoryEntry, 'payload'>[] {
  return history.map(({ payload: _erased, ...kept }) => kept);
}

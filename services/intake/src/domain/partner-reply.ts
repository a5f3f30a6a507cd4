import { formatInstant } from '@readmission/agreements';
import { PARTNER_OUTBOUND, PartnerOutboundType, encodeMessage, partnerOutboundTopic } from '@readmission/contracts';
import { MessageHistoryEntry } from './message-history';

/** The source of every message the platform sends to a partner (partner interface: the Azerbaijani authority). */
export const PLATFORM_SOURCE = 'urn:authority:az:sms';

/** A record for a partner's outbound topic (plain data, so that it can wait in an outbox). */
export interface PartnerRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A partner reply about to be sent: the record and its history entry. */
export interface PartnerReply {
  record: PartnerRecord;
  entry: MessageHistoryEntry;
}

/** Encodes a reply (validated against its contract: an invalid one throws) and the history entry that keeps it. */
export function partnerReply(
  partnerCode: string,
  type: PartnerOutboundType,
  replyId: string,
  payload: object,
  extra: { subject?: string; causationId?: string },
  now: Date,
): PartnerReply {
  const encoded = encodeMessage(PARTNER_OUTBOUND[type], payload, {
    id: replyId,
    source: PLATFORM_SOURCE,
    time: formatInstant(now),
    ...extra,
  });
  return {
    record: { topic: partnerOutboundTopic(partnerCode), ...encoded },
    entry: {
      direction: 'outbound',
      type,
      ceId: replyId,
      causationId: extra.causationId,
      at: now,
      headers: encoded.headers,
      payload: payload as Record<string, unknown>,
    },
  };
}

/** Whether a message type is one the platform may send to partners. */
export function isPartnerOutboundType(type: string): type is PartnerOutboundType {
  return Object.prototype.hasOwnProperty.call(PARTNER_OUTBOUND, type);
}

/** A reply kept in a history, as the very same record again (same ce_id, headers and value). */
export function repeatedRecord(entry: MessageHistoryEntry, partnerCode: string): PartnerRecord {
  return {
    topic: partnerOutboundTopic(partnerCode),
    key: String(entry.payload.partnerReference ?? entry.payload.transferReference ?? entry.payload.transitReference),
    value: JSON.stringify(entry.payload),
    headers: entry.headers,
  };
}

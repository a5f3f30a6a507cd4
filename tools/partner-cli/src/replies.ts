import { CE, PARTNER_OUTBOUND, RawHeaders, decodeRecord, headerText } from '@readmission/contracts';

/** One record read from a partner's outbound topic, with what the contract says about it. */
export interface Reply {
  topic: string;
  partition: number;
  offset: string;
  key?: string;
  type?: string;
  id?: string;
  subject?: string;
  causationId?: string;
  time?: string;
  /** The parsed JSON value, or its text when it is not JSON. */
  payload: unknown;
  /** Empty when the reply matches the contract: headers, type, closed schema, key. */
  problems: { field?: string; message: string }[];
}

export interface OutboundRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: RawHeaders;
}

/** Reads a reply with the contract's own decoder, so the tool flags exactly what the contract forbids. */
export function readReply(record: OutboundRecord): Reply {
  const text = (name: string) => headerText(record.headers, name);
  const decoded = decodeRecord(record, PARTNER_OUTBOUND);
  let problems: Reply['problems'] = [];
  if (!decoded.ok) {
    problems =
      decoded.failure.kind === 'unattributable'
        ? [{ message: decoded.failure.reason }]
        : decoded.failure.reasons.map(({ field, message }) => ({ field, message }));
  }
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    key: record.key?.toString('utf8'),
    type: text(CE.type),
    id: text(CE.id),
    subject: text(CE.subject),
    causationId: text(CE.causationId),
    time: text(CE.time),
    payload: parseValue(record.value),
    problems,
  };
}

/** A reply answers a sent message when it names that message as its cause, or travels under the same key. */
export function isReplyTo(reply: Reply, sent: { key: string; id: string }): boolean {
  return reply.causationId === sent.id || (reply.key !== undefined && reply.key === sent.key);
}

function parseValue(value: Buffer | null): unknown {
  if (value === null) return null;
  const text = value.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** CloudEvents 1.0 in Kafka binary mode: the event attributes travel as `ce_*` headers, the value is plain JSON. */
export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  causationId: 'ce_causationid',
  contentType: 'content-type',
} as const;

export const CE_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

export interface EventEnvelope {
  id: string;
  type: string;
  source: string;
  time: string;
  subject?: string;
  causationId?: string;
}

export type RecordHeaders = Record<string, string>;

export function envelopeHeaders(envelope: EventEnvelope): RecordHeaders {
  const headers: RecordHeaders = {
    [CE.specversion]: CE_SPEC_VERSION,
    [CE.id]: envelope.id,
    [CE.type]: envelope.type,
    [CE.source]: envelope.source,
    [CE.time]: envelope.time,
    [CE.contentType]: JSON_CONTENT_TYPE,
  };
  if (envelope.subject) headers[CE.subject] = envelope.subject;
  if (envelope.causationId) headers[CE.causationId] = envelope.causationId;
  return headers;
}

/** Kafka headers arrive as Buffers (or arrays of them when repeated); the first value counts. */
export function headerText(headers: RawHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined || first === null) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

export type RawHeaderValue = Buffer | string | undefined | null | Array<Buffer | string>;
export type RawHeaders = Record<string, RawHeaderValue>;

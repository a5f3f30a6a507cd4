import { CE, CE_SPEC_VERSION, EventEnvelope, JSON_CONTENT_TYPE, RawHeaders, headerText } from './cloudevents';
import { MessageDefinition } from './message-definition';
import { PARTNER_INBOUND, PARTNER_OUTBOUND, PartnerInboundType } from './partner/catalog';
import { partnerCodeOfInboundTopic } from './topics';
import { FieldError, validateClosed } from './validation';
import { isInstant } from './partner/validators';
import { INPUT_LIMITS, REASON_LIMITS, boundReasons, truncate } from './bounds';

/** The largest record value the partner interface allows. */
export const MAX_VALUE_BYTES = 1024 * 1024;

/** A Kafka record as the transport hands it over. */
export interface RawRecord {
  topic: string;
  partition?: number;
  offset?: string;
  key: Buffer | string | null | undefined;
  value: Buffer | string | null | undefined;
  headers?: RawHeaders;
}

export interface DecodedMessage<T> {
  envelope: EventEnvelope;
  key: string;
  payload: T;
}

/**
 * Why a record could not be turned into a message:
 * - `unattributable`: no partner or no key to answer to; it can only go to the dead-letter topic;
 * - `rejected`: attributable, so the sender gets a structured rejection with these reasons.
 */
export type DecodeFailure =
  | { kind: 'unattributable'; reason: string }
  | { kind: 'rejected'; key: string; envelope: Partial<EventEnvelope>; reasons: Reason[] };

export interface Reason {
  code: 'invalid-message' | 'unsupported-type';
  field?: string;
  message: string;
}

export type Decoded<T> = { ok: true; message: DecodedMessage<T> } | { ok: false; failure: DecodeFailure };

/**
 * Decodes a record against a catalog of message types: CloudEvents headers, size, JSON, closed schema, and
 * the record key matching the payload's key field. The one place where raw bytes become typed messages.
 */
export function decodeRecord(record: RawRecord, catalog: Record<string, MessageDefinition>): Decoded<object> {
  const fullKey = text(record.key);
  if (!fullKey) return fail({ kind: 'unattributable', reason: 'record has no key' });
  // What is echoed back is bounded: the key (the rejection's partnerReference) and the envelope's texts.
  const key = truncate(fullKey, INPUT_LIMITS.key);

  const envelope = readEnvelope(record.headers);
  const reject = (reasons: Reason[]): Decoded<object> =>
    fail({ kind: 'rejected', key, envelope: boundEnvelope(envelope), reasons: boundReasons(reasons, moreReasons) });
  if (fullKey.length > INPUT_LIMITS.key) {
    return reject([
      {
        code: 'invalid-message',
        field: 'key',
        message: `the record key is ${fullKey.length} characters; at most ${INPUT_LIMITS.key} are allowed`,
      },
    ]);
  }
  if (Buffer.isBuffer(record.key) && !isUtf8(record.key)) {
    return reject([{ code: 'invalid-message', field: 'key', message: 'the record key is not valid UTF-8' }]);
  }
  const headerErrors = checkEnvelope(envelope, record.headers);
  if (headerErrors.length > 0) return reject(headerErrors);

  // An own property only: a ce_type such as "constructor" or "__proto__" must not find Object.prototype's members.
  const type = envelope.type as string;
  const definition = Object.hasOwn(catalog, type) ? catalog[type] : undefined;
  if (!definition) {
    return reject([
      {
        code: 'unsupported-type',
        field: `headers.${CE.type}`,
        message: `message type "${truncate(type, REASON_LIMITS.header)}" is not accepted on this topic`,
      },
    ]);
  }

  const bytes = record.value === null || record.value === undefined ? 0 : Buffer.byteLength(record.value);
  if (bytes === 0) return reject([{ code: 'invalid-message', field: '$', message: 'the record has no value' }]);
  if (bytes > MAX_VALUE_BYTES) {
    return reject([
      { code: 'invalid-message', field: '$', message: `the value is ${bytes} bytes; at most ${MAX_VALUE_BYTES} are allowed` },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(strictUtf8(record.value as Buffer | string));
  } catch {
    return reject([{ code: 'invalid-message', field: '$', message: 'the value is not valid UTF-8 JSON' }]);
  }

  const validated = validateClosed(definition.payload, json);
  if (!validated.ok) return reject(validated.errors.map((e: FieldError): Reason => ({ code: 'invalid-message', ...e })));

  const keyValue = keyOf(definition, validated.value);
  if (keyValue !== key) {
    return reject([
      { code: 'invalid-message', field: `$.${definition.keyField}`, message: `${definition.keyField} must equal the record key` },
    ]);
  }
  return { ok: true, message: { envelope: envelope as EventEnvelope, key, payload: validated.value } };
}

export interface PartnerMessage<T extends PartnerInboundType = PartnerInboundType> extends DecodedMessage<object> {
  /** Upper-case ISO 3166-1 alpha-2 code of the partner, taken from the topic it wrote to, never from the payload. */
  partnerCode: string;
  type: T;
}

export type ParsedPartnerRecord = { ok: true; message: PartnerMessage } | { ok: false; partnerCode?: string; failure: DecodeFailure };

/** Turns a record from a partner inbound topic into a typed, validated partner message or a classified error. */
export function parsePartnerRecord(record: RawRecord): ParsedPartnerRecord {
  const partnerCode = partnerCodeOfInboundTopic(record.topic);
  if (!partnerCode) {
    return { ok: false, failure: { kind: 'unattributable', reason: `"${record.topic}" is not a partner inbound topic` } };
  }
  const decoded = decodeRecord(record, withOutboundAsUnsupported(PARTNER_INBOUND));
  if (!decoded.ok) return { ok: false, partnerCode, failure: decoded.failure };
  const type = decoded.message.envelope.type as PartnerInboundType;
  return { ok: true, message: { ...decoded.message, partnerCode, type } };
}

/** Outbound types written to an inbound topic are "unsupported", like any other foreign type. */
function withOutboundAsUnsupported(catalog: Record<string, MessageDefinition>): Record<string, MessageDefinition> {
  return Object.fromEntries(Object.entries(catalog).filter(([type]) => !Object.hasOwn(PARTNER_OUTBOUND, type)));
}

function readEnvelope(headers: RawHeaders | undefined): Partial<EventEnvelope> {
  return {
    id: headerText(headers, CE.id),
    type: headerText(headers, CE.type),
    source: headerText(headers, CE.source),
    time: headerText(headers, CE.time),
    subject: headerText(headers, CE.subject),
    causationId: headerText(headers, CE.causationId),
  };
}

function checkEnvelope(envelope: Partial<EventEnvelope>, headers: RawHeaders | undefined): Reason[] {
  const errors: Reason[] = [];
  const missing = (name: string) =>
    errors.push({ code: 'invalid-message', field: `headers.${name}`, message: `header ${name} is required` });
  const spec = headerText(headers, CE.specversion);
  if (spec === undefined) missing(CE.specversion);
  else if (spec !== CE_SPEC_VERSION) {
    errors.push({ code: 'invalid-message', field: `headers.${CE.specversion}`, message: `${CE.specversion} must be "1.0"` });
  }
  if (!envelope.id) missing(CE.id);
  else if (envelope.id.length > 200) {
    errors.push({ code: 'invalid-message', field: `headers.${CE.id}`, message: `${CE.id} must be at most 200 characters` });
  }
  if (!envelope.type) missing(CE.type);
  if (!envelope.source) missing(CE.source);
  if (!envelope.time) missing(CE.time);
  else if (!isInstant(envelope.time)) {
    errors.push({ code: 'invalid-message', field: `headers.${CE.time}`, message: `${CE.time} must be an RFC 3339 instant` });
  }
  const contentType = headerText(headers, CE.contentType);
  if (contentType === undefined) missing(CE.contentType);
  else if (contentType.split(';')[0].trim().toLowerCase() !== JSON_CONTENT_TYPE) {
    errors.push({ code: 'invalid-message', field: `headers.${CE.contentType}`, message: `content-type must be ${JSON_CONTENT_TYPE}` });
  }
  return errors;
}

const moreReasons = (rest: number): Reason => ({ code: 'invalid-message', field: '$', message: `and ${rest} more problem(s) not listed` });

/** The envelope as echoed in a rejection: every text cut to REASON_LIMITS.header characters. */
function boundEnvelope(envelope: Partial<EventEnvelope>): Partial<EventEnvelope> {
  const bounded: Partial<EventEnvelope> = {};
  for (const [name, value] of Object.entries(envelope) as [keyof EventEnvelope, string | undefined][]) {
    if (value !== undefined) bounded[name] = truncate(value, REASON_LIMITS.header);
  }
  return bounded;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function text(value: Buffer | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  return s.length > 0 ? s : undefined;
}

/** The record key a payload must travel under: the value at the definition's (dotted) key path. */
export function keyOf(definition: MessageDefinition, payload: object): unknown {
  return definition.keyField.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], payload);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Throws on malformed UTF-8 instead of silently replacing bytes. */
function strictUtf8(value: Buffer | string): string {
  return typeof value === 'string' ? value : UTF8.decode(value);
}

function fail(failure: DecodeFailure): Decoded<object> {
  return { ok: false, failure };
}

import { readFileSync } from 'fs';
import {
  FieldError,
  MAX_VALUE_BYTES,
  MessageDefinition,
  PARTNER_INBOUND,
  PARTNER_OUTBOUND,
  keyOf,
  validateClosed,
} from '@readmission/contracts';
import { CliError, EXIT } from './exit-codes';

/**
 * A message file is one of two things (documented in --help and the README):
 * - the payload itself, a JSON object; the type then comes from --type;
 * - an envelope `{ "type": "<ce_type>", "payload": { ... } }`, so the file says what it is.
 * No payload of the contract has a top-level `type` or `payload` field, so the two cannot be confused.
 */
export interface MessageOptions {
  type?: string;
  key?: string;
  validate: boolean;
}

/** What is going to be published: the record key, the type and the value (raw text only with --no-validate). */
export interface OutgoingMessage {
  type: string;
  key: string;
  value: unknown;
  /** The file was not JSON and is sent as it is, to test the platform's rejection. */
  raw: boolean;
}

export type PreparedMessage =
  | { ok: true; message: OutgoingMessage; warnings: string[] }
  | { ok: false; type?: string; errors: FieldError[] };

export function readMessageFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, EXIT.usage);
  }
}

/** Works out type, key and value from a file's text and the options, and checks them against the contract. */
export function prepareMessage(text: string, options: MessageOptions): PreparedMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const problem = { field: '$', message: `the file is not JSON: ${(error as Error).message}` };
    if (options.validate) return { ok: false, type: options.type, errors: [problem] };
    return sendRaw(text, options);
  }

  const { type: envelopeType, payload } = splitEnvelope(json);
  if (options.type !== undefined && envelopeType !== undefined && options.type !== envelopeType) {
    throw new CliError(`--type ${options.type} contradicts the file's type ${envelopeType}`, EXIT.usage);
  }
  const type = options.type ?? envelopeType;
  if (type === undefined) {
    throw new CliError(
      'which message type is this? Give --type, or write the file as an envelope {"type": ..., "payload": ...}; `types` lists them',
      EXIT.usage,
    );
  }

  const definition: MessageDefinition | undefined = (PARTNER_INBOUND as Record<string, MessageDefinition>)[type];
  if (!definition) {
    if (options.validate) {
      const outbound = type in PARTNER_OUTBOUND ? ' (it is an outbound type: the platform sends it, partners do not)' : '';
      throw new CliError(
        `"${type}" is not an inbound message type${outbound}; \`types\` lists them, --no-validate sends it anyway`,
        EXIT.usage,
      );
    }
    return {
      ok: true,
      message: { type, key: options.key ?? guessKey(payload), value: payload, raw: false },
      warnings: [`"${type}" is not an inbound message type; sending it unchecked`],
    };
  }

  const payloadKey = isObject(payload) ? keyOf(definition, payload) : undefined;
  const key = options.key ?? (typeof payloadKey === 'string' ? payloadKey : undefined);

  if (options.validate) {
    const errors = contractErrors(definition, payload, options.key, payloadKey);
    if (errors.length > 0) return { ok: false, type, errors };
  }
  if (key === undefined) {
    throw new CliError(`no record key: the payload has no ${definition.keyField}; give --key`, EXIT.usage);
  }
  return {
    ok: true,
    message: { type, key, value: payload, raw: false },
    warnings: options.validate ? [] : ['not validated (--no-validate)'],
  };
}

/** The same checks the platform makes on the value and the key, so that a refusal here is a rejection avoided there. */
function contractErrors(
  definition: MessageDefinition,
  payload: unknown,
  explicitKey: string | undefined,
  payloadKey: unknown,
): FieldError[] {
  const validated = validateClosed(definition.payload, payload);
  const errors = validated.ok ? [] : [...validated.errors];
  if (explicitKey !== undefined && typeof payloadKey === 'string' && payloadKey !== explicitKey) {
    errors.push({ field: `$.${definition.keyField}`, message: `${definition.keyField} must equal the record key (--key ${explicitKey})` });
  }
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > MAX_VALUE_BYTES) {
    errors.push({ field: '$', message: `the value is ${bytes} bytes; at most ${MAX_VALUE_BYTES} are allowed` });
  }
  return errors;
}

function splitEnvelope(json: unknown): { type?: string; payload: unknown } {
  if (!isObject(json) || !('type' in json || 'payload' in json)) return { payload: json };
  const fields = Object.keys(json).sort();
  const envelope = json as { type?: unknown; payload?: unknown };
  if (fields.join(',') !== 'payload,type' || typeof envelope.type !== 'string') {
    throw new CliError(
      `an envelope has exactly two fields, "type" (a string) and "payload"; this file has ${fields.map((f) => `"${f}"`).join(', ')}`,
      EXIT.usage,
    );
  }
  return { type: envelope.type, payload: envelope.payload };
}

function sendRaw(text: string, options: MessageOptions): PreparedMessage {
  if (options.type === undefined || options.key === undefined) {
    throw new CliError('the file is not JSON; to send it anyway (with --no-validate) give both --type and --key', EXIT.usage);
  }
  return {
    ok: true,
    message: { type: options.type, key: options.key, value: text, raw: true },
    warnings: ['the file is not JSON; sending its text unchanged'],
  };
}

/** For types outside the contract: the key fields the contract uses, if the payload has one. */
function guessKey(payload: unknown): string {
  const key = isObject(payload) ? (payload.partnerReference ?? payload.transferReference ?? payload.transitReference) : undefined;
  if (typeof key !== 'string')
    throw new CliError('no record key: the payload has no partnerReference, transferReference or transitReference; give --key', EXIT.usage);
  return key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

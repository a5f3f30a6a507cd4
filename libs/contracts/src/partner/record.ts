import { randomUUID } from 'crypto';
import { CE, CE_SPEC_VERSION, JSON_CONTENT_TYPE } from '../cloudevents';
import { PARTNER_INBOUND } from './catalog';

/**
 * How a partner system builds a record for its inbound topic. Used by the partner tool, the demo and the
 * tests; the platform itself never needs it. Header overrides set to null remove that header.
 */
export interface PartnerRecordInput {
  type: string;
  value: unknown;
  key?: string;
  source?: string;
  id?: string;
  time?: string;
  headers?: Record<string, string | null>;
  /** Send `value` as it is (a string), e.g. to test what happens to a broken record. */
  raw?: boolean;
}

export function buildPartnerRecord(input: PartnerRecordInput): { key: string; value: string; headers: Record<string, string> } {
  const value = input.value as Record<string, unknown> | undefined;
  // The catalogue's key field for a type it defines; otherwise the first reference the value has.
  const keyField = (PARTNER_INBOUND as Record<string, { keyField: string }>)[input.type]?.keyField;
  const key =
    input.key ??
    String(
      (keyField ? value?.[keyField] : undefined) ??
        value?.partnerReference ??
        value?.transferReference ??
        value?.requestNumber ??
        value?.transitReference ??
        '',
    );
  const headers: Record<string, string | null> = {
    [CE.specversion]: CE_SPEC_VERSION,
    [CE.id]: input.id ?? randomUUID(),
    [CE.type]: input.type,
    [CE.source]: input.source ?? 'urn:authority:test:partner',
    [CE.time]: input.time ?? new Date().toISOString(),
    [CE.contentType]: JSON_CONTENT_TYPE,
    ...input.headers,
  };
  const present = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== null)) as Record<string, string>;
  return { key, value: input.raw ? String(input.value) : JSON.stringify(input.value), headers: present };
}

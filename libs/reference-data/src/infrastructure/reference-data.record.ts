import { REFERENCE_DATA_TOPIC, ReferenceDataVersionV1, encodeInternalEvent } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { ReferenceDataVersion, versionId } from '../domain/version';

/** The record that distributes a version (its id is the record key and the event id: a re-send is the same record). */
export function referenceDataRecord(v: ReferenceDataVersion, topic = REFERENCE_DATA_TOPIC): OutgoingRecord {
  const id = versionId(v.kind, v.key, v.version);
  const payload: ReferenceDataVersionV1 = {
    id,
    kind: v.kind,
    key: v.key,
    version: v.version,
    effectiveFrom: v.effectiveFrom.toISOString(),
    loadedAt: v.loadedAt.toISOString(),
    loadedBy: v.loadedBy,
    data: v.data as unknown as Record<string, unknown>,
  };
  const record = encodeInternalEvent(REFERENCE_DATA_TOPIC, payload, {
    id,
    source: 'urn:readmission:intake',
    time: v.loadedAt.toISOString(),
    subject: id,
  });
  return { ...record, topic };
}

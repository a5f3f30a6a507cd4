import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { normaliseDocumentNumber } from '@readmission/identity';
import { FieldCipher, FieldProtection, protectFields } from '@readmission/persistence';
import type { Model } from 'mongoose';
import { registryBlockingKeys } from './blocking-keys';
import { CitizenRecord, RegistryDocumentRecord } from './citizen-record';

export const REGISTRY_PERSONS_COLLECTION = 'registry-persons';

@Schema({ _id: false, versionKey: false })
export class RegistryPersonDocument {
  @Prop({ required: true }) type!: string;
  @Prop({ required: true }) number!: string;
  @Prop() issuedOn?: string;
  @Prop() expiresOn?: string;
}
const RegistryPersonDocumentSchema = SchemaFactory.createForClass(RegistryPersonDocument);

/**
 * The built-in citizen registry (collection `registry-persons` of the verification database), filled by
 * `npm run registry:import`. `_id` is the personal id; the person's fields are kept as imported, sealed at rest
 * (REGISTRY_PROTECTION, docs/security.md); the search fields are derived from them at import (see
 * `registryRecordFields`) and stored as blind indexes: `blockingKeys` (blocking-keys.ts), `documentNumbers`
 * (normalised numbers, libs/identity `normaliseDocumentNumber`); `birthYear` and `sex` stay in clear for statistics.
 *
 * No timestamps: a re-import of an unchanged row must leave the document untouched, which is how the import
 * tells "unchanged" from "updated" (by `rowDigest`, a blind index of the row: sealing is randomised, so the
 * sealed values of two imports of one row differ). `firstImportedAt` is set once, on insert.
 */
@Schema({ collection: REGISTRY_PERSONS_COLLECTION, versionKey: false })
export class RegistryPersonRecord {
  @Prop({ type: String }) _id!: string; // personalId
  @Prop({ required: true }) surname!: string;
  @Prop({ required: true }) givenNames!: string;
  @Prop() patronymic?: string;
  @Prop({ required: true, enum: ['male', 'female', 'unknown'] }) sex!: 'male' | 'female' | 'unknown';
  @Prop({ required: true }) dateOfBirth!: string;
  @Prop() placeOfBirth?: string;
  @Prop({ type: [String], default: undefined }) previousSurnames?: string[];
  @Prop({ type: [RegistryPersonDocumentSchema], default: undefined }) documents?: RegistryPersonDocument[];
  /** `not-citizen`: the registry records that the person is not (or no longer) a citizen. */
  @Prop({ type: String, enum: ['citizen', 'not-citizen'] }) citizenship?: 'citizen' | 'not-citizen';
  @Prop({ type: [String], required: true }) blockingKeys!: string[];
  @Prop({ type: [String], default: undefined }) documentNumbers?: string[];
  @Prop({ required: true }) birthYear!: number;
  /** Blind index of the imported row's fields: equal for an unchanged row (the import leaves the record alone). */
  @Prop() rowDigest?: string;
  @Prop() firstImportedAt?: Date;
}

/** Personal data at rest (docs/security.md): names, dates and places of birth and documents sealed, search keys blinded. */
export const REGISTRY_PROTECTION: FieldProtection = {
  encrypt: ['surname', 'givenNames', 'patronymic', 'dateOfBirth', 'placeOfBirth', 'previousSurnames', 'documents'],
  blind: ['blockingKeys', 'documentNumbers', 'rowDigest'],
  // A blind-index key rotation computes the search keys and the digest again from the opened record.
  deriveBlind: (doc) => {
    const fields = registryRecordFields(toCitizenRecord(doc as unknown as RegistryPersonRecord));
    return { blockingKeys: fields.blockingKeys, documentNumbers: fields.documentNumbers, rowDigest: JSON.stringify(fields) };
  },
};
export const RegistryPersonSchema = protectFields(SchemaFactory.createForClass(RegistryPersonRecord), REGISTRY_PROTECTION);
// Candidate retrieval: one multikey index over the precomputed compound keys (blocking-keys.ts).
RegistryPersonSchema.index({ blockingKeys: 1 });
// Document holders by normalised number.
RegistryPersonSchema.index({ documentNumbers: 1 });
// Operators' queries and statistics by birth year (the search itself goes through blockingKeys).
RegistryPersonSchema.index({ birthYear: 1 });

/** Person fields in a fixed order with the optional ones only when present, plus the derived search fields. */
export function registryRecordFields(person: CitizenRecord): Omit<RegistryPersonRecord, '_id' | 'firstImportedAt'> {
  const numbers = [...new Set((person.documents ?? []).map((d) => normaliseDocumentNumber(d.number)).filter((n) => n !== ''))].sort();
  return {
    surname: person.surname,
    givenNames: person.givenNames,
    ...(person.patronymic !== undefined ? { patronymic: person.patronymic } : {}),
    sex: person.sex,
    dateOfBirth: person.dateOfBirth,
    ...(person.placeOfBirth !== undefined ? { placeOfBirth: person.placeOfBirth } : {}),
    ...(person.previousSurnames && person.previousSurnames.length > 0 ? { previousSurnames: [...person.previousSurnames] } : {}),
    ...(person.documents && person.documents.length > 0 ? { documents: person.documents.map(documentFields) } : {}),
    ...(person.citizenship !== undefined ? { citizenship: person.citizenship } : {}),
    blockingKeys: registryBlockingKeys(person),
    ...(numbers.length > 0 ? { documentNumbers: numbers } : {}),
    birthYear: Number(person.dateOfBirth.slice(0, 4)),
  };
}

/** Optional fields of a record, for `$unset` when a new version of the row no longer has them. */
export const OPTIONAL_RECORD_FIELDS = [
  'patronymic',
  'placeOfBirth',
  'previousSurnames',
  'documents',
  'citizenship',
  'documentNumbers',
] as const;

function documentFields(d: RegistryDocumentRecord): RegistryPersonDocument {
  return {
    type: d.type,
    number: d.number,
    ...(d.issuedOn !== undefined ? { issuedOn: d.issuedOn } : {}),
    ...(d.expiresOn !== undefined ? { expiresOn: d.expiresOn } : {}),
  };
}

/** The registry person a stored record describes (search fields left out). */
export function toCitizenRecord(doc: RegistryPersonRecord): CitizenRecord {
  return {
    personalId: doc._id,
    surname: doc.surname,
    givenNames: doc.givenNames,
    ...(doc.patronymic ? { patronymic: doc.patronymic } : {}),
    sex: doc.sex,
    dateOfBirth: doc.dateOfBirth,
    ...(doc.placeOfBirth ? { placeOfBirth: doc.placeOfBirth } : {}),
    ...(doc.previousSurnames && doc.previousSurnames.length > 0 ? { previousSurnames: doc.previousSurnames } : {}),
    ...(doc.documents && doc.documents.length > 0 ? { documents: doc.documents.map(documentFields) } : {}),
    ...(doc.citizenship ? { citizenship: doc.citizenship } : {}),
  };
}

/** Stored records with their sealed fields opened (search keys stay blind indexes). */
export function openRecords<T>(model: Model<RegistryPersonRecord>, docs: T[]): Promise<T[]> {
  const cipher = FieldCipher.of(model.db);
  return Promise.all(docs.map((doc) => cipher.reveal(doc, REGISTRY_PROTECTION)));
}

/** A query filter on the search keys, with the keys as their blind indexes. */
export function registryFilter<F extends Record<string, unknown>>(model: Model<RegistryPersonRecord>, filter: F): Promise<F> {
  return FieldCipher.of(model.db).protectFilter(filter, REGISTRY_PROTECTION);
}

/** A record's fields as stored: sealed and blinded, with the row's digest. */
export function sealedRecordFields(
  model: Model<RegistryPersonRecord>,
  fields: Omit<RegistryPersonRecord, '_id' | 'firstImportedAt'>,
): Promise<Omit<RegistryPersonRecord, '_id' | 'firstImportedAt'>> {
  return FieldCipher.of(model.db).protect({ ...fields, rowDigest: JSON.stringify(fields) }, REGISTRY_PROTECTION);
}

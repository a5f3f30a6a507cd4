import { Kind, KindData } from './kinds';

/** One immutable version of reference data, as stored, distributed and read. */
export interface ReferenceDataVersion<K extends Kind = Kind> {
  kind: K;
  /** The series: `AZ`, or `<country>:<year>` for a calendar. */
  key: string;
  version: string;
  /** From this instant on the version applies (until a later one does). */
  effectiveFrom: Date;
  loadedAt: Date;
  /** The operator (token subject) who loaded it, or `shipped`. */
  loadedBy: string;
  data: KindData[K];
}

/** What a decision that used reference data records: the version, with the data it read. */
export interface InEffect<K extends Kind> {
  version: string;
  data: KindData[K];
}

/** The identity of a version: its store _id, its record key and its event id. */
export function versionId(kind: Kind, key: string, version: string): string {
  return `${kind}:${key}:${version}`;
}

/** Oldest first: by effectiveFrom, then by when loaded (two versions from the same instant: the later load wins). */
export function byEffectiveFrom(a: ReferenceDataVersion, b: ReferenceDataVersion): number {
  return (
    a.effectiveFrom.getTime() - b.effectiveFrom.getTime() ||
    a.loadedAt.getTime() - b.loadedAt.getTime() ||
    a.version.localeCompare(b.version, 'en', { numeric: true })
  );
}

/** The version in effect at an instant: the latest whose effectiveFrom has come (`versions` sorted byEffectiveFrom). */
export function versionInEffect<V extends ReferenceDataVersion>(versions: V[], at: Date): V | undefined {
  let found: V | undefined;
  for (const v of versions) if (v.effectiveFrom.getTime() <= at.getTime()) found = v;
  return found;
}

import { formatInstant } from '@readmission/agreements';
import { Kind, ReferenceData, ReferenceDataVersion, versionInEffect } from '@readmission/reference-data';

/** One line of a GET list: a version, when it applies, who loaded it, and whether it is the one in effect at `now`. */
export function versionSummary(v: ReferenceDataVersion, inEffect: ReferenceDataVersion | undefined) {
  return {
    version: v.version,
    effectiveFrom: formatInstant(v.effectiveFrom),
    description: 'description' in v.data ? v.data.description : undefined,
    loadedAt: formatInstant(v.loadedAt),
    loadedBy: v.loadedBy,
    inEffect: v === inEffect,
  };
}

/** Every version of a series, oldest first, the one in effect at `now` marked. */
export async function versionList(referenceData: ReferenceData, kind: Kind, key: string, now: Date) {
  const versions = await referenceData.versions(kind, key);
  const current = versionInEffect(versions, now);
  return versions.map((v) => versionSummary(v, current));
}

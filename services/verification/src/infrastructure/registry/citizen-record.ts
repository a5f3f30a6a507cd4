import type { RegistryDocument, RegistryPerson } from '@readmission/identity';

/** A registry document with the dates the registry may keep. */
export interface RegistryDocumentRecord extends RegistryDocument {
  /** `YYYY-MM-DD` */
  readonly issuedOn?: string;
  /** `YYYY-MM-DD` */
  readonly expiresOn?: string;
}

/** A registry record as imported or received: a `RegistryPerson` whose documents may carry their dates. */
export interface CitizenRecord extends RegistryPerson {
  readonly documents?: readonly RegistryDocumentRecord[];
  /** What the registry records of the person's citizenship; absent: a citizen (the registry is of citizens). */
  readonly citizenship?: 'citizen' | 'not-citizen';
}

/** Sex as the partner interface and the registry record it. */
export type Sex = 'male' | 'female' | 'unknown';

/** The person of a readmission application (partner interface v1, `Person`), as far as matching needs it. */
export interface ApplicantPerson {
  readonly surname: string;
  readonly givenNames: string;
  readonly previousSurnames?: readonly string[];
  readonly aliases?: readonly string[];
  readonly sex: Sex;
  /** `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known. */
  readonly dateOfBirth: string;
  readonly placeOfBirth?: string;
}

export interface RegistryDocument {
  /** Evidence type code of the partner interface (`passport`, `identity-card`, ...). */
  readonly type: string;
  readonly number: string;
}

/** A citizen registry record (Azerbaijani Latin, sometimes Russian Cyrillic). */
export interface RegistryPerson {
  readonly personalId: string;
  readonly surname: string;
  readonly givenNames: string;
  /** "Elçin oğlu", "Elçin qızı", or the father's name alone. */
  readonly patronymic?: string;
  readonly sex: Sex;
  /** Full date `YYYY-MM-DD`. */
  readonly dateOfBirth: string;
  readonly placeOfBirth?: string;
  /** Earlier surnames (e.g. before marriage), when the registry keeps them. */
  readonly previousSurnames?: readonly string[];
  readonly documents?: readonly RegistryDocument[];
}

/**
 * Document numbers. Rule (CH-AZ Art. 6(1), docs/rules.md#evidence-of-nationality): a proof document is not
 * accepted as proof when it is shown to be false, e.g. when the registry holds that document number for another
 * person; the evidence is then contested.
 */
import { RegistryPerson } from './types';

/** Cyrillic capitals that look like Latin ones, as they end up in numbers typed from Cyrillic keyboards. */
const CYRILLIC_LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
  Ј: 'J',
};

/**
 * Canonical form of a document number: upper case, without spaces, dashes (any Unicode dash) or other
 * separators, with Cyrillic look-alike capitals replaced by their Latin twins. Letters and digits are
 * otherwise kept as they are (O and 0 are not merged: that would manufacture conflicts).
 */
export function normaliseDocumentNumber(value: string): string {
  return [...value.normalize('NFKC').toUpperCase()]
    .map((c) => CYRILLIC_LOOKALIKES[c] ?? c)
    .join('')
    .replace(/[\s\p{Pd}_./\\]+/gu, '');
}

function sameType(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Registry records holding a document of this type with this number. */
export function findDocumentHolders(documentType: string, documentNumber: string, records: readonly RegistryPerson[]): RegistryPerson[] {
  const wanted = normaliseDocumentNumber(documentNumber);
  if (wanted === '') return [];
  return records.filter((r) =>
    (r.documents ?? []).some((d) => sameType(d.type, documentType) && normaliseDocumentNumber(d.number) === wanted),
  );
}

/**
 * True when the registry holds this document (same type, same normalised number) for a person other than
 * `personalId` (the person the application was matched to; undefined or null when there is none, in which
 * case any holder is "another"). Such a proof document makes the evidence contested.
 */
export function documentNumberHeldByAnother(
  documentType: string,
  documentNumber: string,
  records: readonly RegistryPerson[],
  personalId?: string | null,
): boolean {
  return findDocumentHolders(documentType, documentNumber, records).some((r) => r.personalId !== personalId);
}

import { AgreementRules, addCalendarDays, bakuDate } from '@readmission/agreements';

/** A return certificate issued for a national (the partner is told with travel-document.issued). */
export interface TravelDocument {
  documentNumber: string;
  validFrom: string;
  validUntil: string;
  issuedAt: Date;
  /** `issue` on acceptance, `reissue` when the previous one would expire before the transfer. */
  kind: 'issue' | 'reissue';
}

/** The return certificate's number, derived from the (unique) case number: RA-2026-000123 → AZRC-2026-000123, reissues -2, -3… */
export function documentNumberFor(caseNumber: string, issue: number): string {
  const base = caseNumber.replace(/^RA-/, 'AZRC-');
  return issue === 1 ? base : `${base}-${issue}`;
}

/**
 * The last Baku date of a travel document's validity, issued on `validFrom` (the issue day counts as day 1). Not a
 * time limit the platform keeps (no sweep acts on it): a property of the document, printed on it.
 */
export function validUntilFor(validFrom: string, rules: AgreementRules): string {
  return addCalendarDays(validFrom, rules.timeLimits.travelDocumentValidity.value - 1);
}

/** The `issue`-th document of a case, valid from the Baku date of `now`. */
export function travelDocumentFor(caseNumber: string, issue: number, now: Date, rules: AgreementRules): TravelDocument {
  const validFrom = bakuDate(now);
  return {
    documentNumber: documentNumberFor(caseNumber, issue),
    validFrom,
    validUntil: validUntilFor(validFrom, rules),
    issuedAt: now,
    kind: issue === 1 ? 'issue' : 'reissue',
  };
}

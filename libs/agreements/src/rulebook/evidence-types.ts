/**
 * The kinds of evidence the agreements' annexes name (proof and prima facie evidence of nationality, proof and
 * prima facie evidence of the conditions for third-country nationals), as codes. The partner interface uses the
 * same codes for the `type` of an evidence item (libs/contracts re-exports this list), and each agreement of the
 * rulebook says which of them count as proof and which as prima facie evidence (docs/rules.md#evidence).
 */
export const EVIDENCE_TYPES = [
  'passport',
  'identity-card',
  'military-service-book',
  'seamans-book',
  'citizenship-certificate',
  'official-document-stating-citizenship',
  'driving-licence',
  'birth-certificate',
  'company-identity-card',
  'witness-statement',
  'own-statement',
  'language',
  'visa',
  'residence-permit',
  'entry-exit-stamp',
  'travel-ticket',
  'passenger-list',
  'hotel-bill',
  'appointment-card',
  'rental-contract',
  'payment-receipt',
  'official-report-of-interception',
  'international-organisation-report',
  'other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

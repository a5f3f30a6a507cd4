import { bakuDate } from '@readmission/agreements';

/** Case numbers run per year of receipt (Baku time): RA-YYYY-NNNNNN. */
export function caseNumberYear(receivedAt: Date): number {
  return Number(bakuDate(receivedAt).slice(0, 4));
}

export function formatCaseNumber(year: number, sequence: number): string {
  return `RA-${year}-${String(sequence).padStart(6, '0')}`;
}

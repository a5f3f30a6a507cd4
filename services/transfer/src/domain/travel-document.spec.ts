import { AgreementRules, Rulebook, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { documentNumberFor, validUntilFor } from './travel-document';

const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const rulesOf = (partner: string): AgreementRules => {
  const applicable = rulebook.applicableAgreement(partner, '2026-11-01');
  if (!applicable.applies) throw new Error(applicable.reason);
  return applicable.agreement;
};

describe('travel documents', () => {
  it('issues travel documents valid 90 calendar days, numbered from the case number', () => {
    expect(validUntilFor('2026-11-27', rulesOf('DE'))).toBe('2027-02-24');
    expect(documentNumberFor('RA-2026-000123', 1)).toBe('AZRC-2026-000123');
    expect(documentNumberFor('RA-2026-000123', 2)).toBe('AZRC-2026-000123-2');
  });
});

import { nameQuery, receiptBounds } from './case-search';
import { caseNumberYear, formatCaseNumber } from './case-number';

describe('case search and case numbers', () => {
  it('searches dates of receipt as whole Baku days', () => {
    expect(receiptBounds({ receivedFrom: '2026-11-24', receivedTo: '2026-11-25' })).toEqual({
      from: new Date('2026-11-23T20:00:00Z'),
      to: new Date('2026-11-25T19:59:59Z'),
    });
    expect(receiptBounds({})).toEqual({});
  });

  it('folds the name searched for as the stored names are folded', () => {
    expect(nameQuery('Şükürova  GÜLNARƏ')).toBe('sukurova gulnara');
  });

  it('numbers cases per year of receipt in Baku', () => {
    expect(caseNumberYear(new Date('2026-12-31T20:30:00Z'))).toBe(2027);
    expect(formatCaseNumber(2027, 42)).toBe('RA-2027-000042');
  });
});

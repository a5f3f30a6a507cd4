import { costStatistics, fromMinorUnits, toMinorUnits } from './costs';

describe('the cost ledger', () => {
  it('keeps amounts as whole minor units, so that sums are exact', () => {
    expect(toMinorUnits('1840.5')).toBe(184050);
    expect(toMinorUnits('0.10') + toMinorUnits('0.20')).toBe(30);
    expect(fromMinorUnits(30)).toBe('0.30');
    expect(fromMinorUnits(-150)).toBe('-1.50');
    for (const bad of ['12.345', '-1', '1e3', '01', '']) expect(() => toMinorUnits(bad)).toThrow('an amount like 1234.50');
  });

  it('adds amounts per partner, year and currency, never across currencies', () => {
    const rows = costStatistics([
      { referenceKind: 'readmission', partnerCode: 'DE', year: 2027, currency: 'EUR', bearer: 'requesting-state', amountMinor: 10 },
      {
        referenceKind: 'readmission',
        partnerCode: 'DE',
        year: 2027,
        currency: 'EUR',
        bearer: 'requested-state',
        amountMinor: 5,
        invoice: { issuedOn: '2027-01-02' },
      },
      {
        referenceKind: 'readmission',
        partnerCode: 'DE',
        year: 2027,
        currency: 'AZN',
        bearer: 'requesting-state',
        amountMinor: 7,
        invoice: { issuedOn: '2027-01-02' },
        repaidOn: '2027-01-09',
      },
      { referenceKind: 'readmission', partnerCode: 'CH', year: 2026, currency: 'CHF', bearer: 'requesting-state', amountMinor: 1 },
    ]);
    expect(rows.map((r) => [r.partner, r.year, r.currency, r.entries, r.total, r.borneByRequestedState, r.outstanding])).toEqual([
      ['CH', 2026, 'CHF', 1, '0.01', '0.00', '0.00'],
      ['DE', 2027, 'AZN', 1, '0.07', '0.00', '0.00'],
      ['DE', 2027, 'EUR', 2, '0.15', '0.05', '0.05'],
    ]);
  });

  it('includes outgoing transfers and returns by mistake, with the total per reference kind', () => {
    const de = { partnerCode: 'DE', year: 2027, currency: 'EUR', bearer: 'requesting-state' as const };
    const [row] = costStatistics([
      { ...de, referenceKind: 'readmission', amountMinor: toMinorUnits('1840.50') },
      { ...de, referenceKind: 'outgoing-transfer', amountMinor: toMinorUnits('612.40') },
      { ...de, referenceKind: 'outgoing-transfer', amountMinor: toMinorUnits('87.60') },
      { ...de, referenceKind: 'mistake-return', amountMinor: toMinorUnits('455.05'), bearer: 'requested-state' },
    ]);
    // 1840.50 + 612.40 + 87.60 + 455.05 = 2995.55; the requesting state bears 2540.50, the requested state 455.05.
    expect(row).toMatchObject({
      entries: 4,
      total: '2995.55',
      borneByRequestingState: '2540.50',
      borneByRequestedState: '455.05',
      byKind: { readmission: '1840.50', 'outgoing-transfer': '700.00', 'mistake-return': '455.05' },
    });
  });
});

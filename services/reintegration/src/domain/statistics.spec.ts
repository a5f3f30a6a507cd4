import { caseOutcomes, followUpFigures, median, percentile, readmissionFigures, referralCompliance } from './statistics';

const d = (s: string) => new Date(s);
const plus = (s: string, days: number) => new Date(new Date(s).getTime() + days * 86_400_000);

describe('statistics from a seeded set, against hand-computed figures', () => {
  it('median and nearest-rank 90th percentile', () => {
    expect(median([5, 20, 10, 14])).toBe(12);
    expect(median([3, 1, 2])).toBe(2);
    expect(percentile([5, 20, 10, 14], 90)).toBe(20);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(9);
    expect(median([])).toBeNull();
  });

  it('readmissions by partner, agreement, outcome and (Baku) year, and the durations', () => {
    const a = '2026-01-10T10:00:00+04:00';
    const b = '2026-02-01T10:00:00+04:00';
    const c = '2026-03-01T10:00:00+04:00';
    const e = '2026-12-31T21:00:00Z'; // 1 Jan 2027 in Baku
    const rows = [
      {
        partnerCode: 'DE',
        agreement: 'EU-AZ',
        receivedAt: d(a),
        decision: 'accepted' as const,
        decidedAt: plus(a, 10),
        arrivedAt: plus(a, 40),
        openedAt: plus(a, 40.5),
      },
      {
        partnerCode: 'DE',
        agreement: 'EU-AZ',
        receivedAt: d(b),
        decision: 'accepted' as const,
        decidedAt: plus(b, 20),
        arrivedAt: plus(b, 60),
        openedAt: plus(b, 61),
      },
      { partnerCode: 'DE', agreement: 'EU-AZ', receivedAt: d(c), decision: 'refused' as const, decidedAt: plus(c, 5) },
      { partnerCode: 'CH', agreement: 'CH-AZ', receivedAt: d('2025-12-31T22:00:00+04:00') },
      { partnerCode: 'CH', agreement: 'CH-AZ', receivedAt: d(e), decision: 'accepted' as const, decidedAt: plus(e, 14) },
      { partnerCode: 'NO', arrivedAt: d(a) }, // arrival without a known registration: not counted
    ];
    const f = readmissionFigures(rows);
    expect(f.byPartnerAgreementOutcomeYear).toEqual([
      { partnerCode: 'CH', agreement: 'CH-AZ', outcome: 'pending', year: 2025, count: 1 },
      { partnerCode: 'DE', agreement: 'EU-AZ', outcome: 'accepted', year: 2026, count: 2 },
      { partnerCode: 'DE', agreement: 'EU-AZ', outcome: 'refused', year: 2026, count: 1 },
      { partnerCode: 'CH', agreement: 'CH-AZ', outcome: 'accepted', year: 2027, count: 1 },
    ]);
    expect(f.receiptToDecision).toEqual({ count: 4, medianDays: 12, p90Days: 20 });
    expect(f.receiptToTransfer).toEqual({ count: 2, medianDays: 50, p90Days: 60 });
    expect(f.receiptToCaseOpening).toEqual({ count: 2, medianDays: 50.75, p90Days: 61 });
  });

  it('referral deadline compliance per body', () => {
    const now = d('2026-06-01T12:00:00+04:00');
    const due = d('2026-05-20T23:59:59+04:00');
    const rows = [
      { bodyCode: 'MOH', status: 'done' as const, dueBy: due, closedAt: d('2026-05-19T10:00:00+04:00') },
      { bodyCode: 'MOH', status: 'declined' as const, dueBy: due, closedAt: d('2026-05-25T10:00:00+04:00') },
      { bodyCode: 'MOH', status: 'sent' as const, dueBy: due },
      { bodyCode: 'MOH', status: 'accepted' as const, dueBy: d('2026-06-10T23:59:59+04:00') },
      { bodyCode: 'IOM', status: 'done' as const, dueBy: due, closedAt: due },
    ];
    expect(referralCompliance(rows, now)).toEqual([
      { bodyCode: 'IOM', total: 1, onTime: 1, late: 0, openOverdue: 0, openWithinDeadline: 0, complianceRate: 1 },
      { bodyCode: 'MOH', total: 4, onTime: 1, late: 1, openOverdue: 1, openWithinDeadline: 1, complianceRate: 0.333 },
    ]);
  });

  it('follow-up completion and scores per month, and case outcomes', () => {
    const now = d('2026-06-01T12:00:00+04:00');
    const past = d('2026-05-01T23:59:59+04:00');
    const future = d('2026-07-01T23:59:59+04:00');
    const rows = [
      { month: 3, status: 'recorded' as const, dueBy: past, score: 0.6 },
      { month: 3, status: 'recorded' as const, dueBy: future, score: 0.8 },
      { month: 3, status: 'scheduled' as const, dueBy: past },
      { month: 3, status: 'scheduled' as const, dueBy: future },
      { month: 3, status: 'cancelled' as const, dueBy: past },
      { month: 6, status: 'scheduled' as const, dueBy: future },
    ];
    const [m3, m6, m12] = followUpFigures(rows, now);
    expect(m3).toEqual({ month: 3, scheduled: 5, recorded: 2, overdue: 1, completionRate: 0.667, meanScore: 0.7, medianScore: 0.7 });
    expect(m6).toEqual({ month: 6, scheduled: 1, recorded: 0, overdue: 0, completionRate: null, meanScore: null, medianScore: null });
    expect(m12.scheduled).toBe(0);
    expect(
      caseOutcomes([
        { status: 'open' },
        { status: 'closed', outcome: 're-migrated' },
        { status: 'closed', outcome: 're-migrated' },
        { status: 'awaiting-guardian' },
      ]),
    ).toEqual({
      byStatus: { open: 1, closed: 2, 'awaiting-guardian': 1 },
      byOutcome: { 're-migrated': 2 },
    });
  });
});

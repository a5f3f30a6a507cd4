import { CalendarBook, SHIPPED_CALENDARS, SHIPPED_REFERRAL_BODIES, referralBody } from '@readmission/agreements';
import { checkReferralUpdate, deadlineBasis, referralDeadline, sharedWithBody } from './referral';

describe('referral due dates', () => {
  const calendars = new CalendarBook(SHIPPED_CALENDARS);
  const [bodies] = SHIPPED_REFERRAL_BODIES;
  const body = (code: string) => referralBody(bodies, code)!;
  const sent = new Date('2026-11-24T10:00:00+04:00'); // a Tuesday

  it('counts Azerbaijani working days for a ministry (10 working days → Tuesday 8 Dec 2026, end of the Baku day)', () => {
    const due = referralDeadline(body('MOH'), sent, calendars, bodies.version);
    expect(due.dueDate).toBe('2026-12-08');
    expect(due.dueBy.toISOString()).toBe('2026-12-08T19:59:59.000Z');
    expect(deadlineBasis(due)).toMatch(/^10 working days from referral \(assumed: .*calendar of AZ 2026/);
    expect(due.rulebookVersion).toBe(bodies.version);
  });

  it('counts calendar days where the body is configured so (IOM: 30 calendar days)', () => {
    expect(referralDeadline(body('IOM'), sent, calendars, bodies.version)).toMatchObject({
      dueDate: '2026-12-24',
      rule: expect.stringMatching(/^30 calendar days/),
      calendarBasis: [],
    });
  });

  it('starts from the Baku date of sending (late evening UTC is the next day in Baku)', () => {
    expect(referralDeadline(body('IOM'), new Date('2026-11-23T21:00:00Z'), calendars, bodies.version).dueDate).toBe('2026-12-24');
  });

  it('ships the Working Group bodies and programme partners', () => {
    expect(bodies.bodies.map((b) => b.code)).toEqual(['MOH', 'MLSPP', 'MOE', 'LEA', 'RESTART', 'IOM', 'CSO']);
  });
});

describe('referral rules', () => {
  const c = {
    _id: 'RA-2026-000001',
    person: { surname: 'S', givenNames: 'G', dateOfBirth: '1990', sex: 'male', nationality: 'AZ' },
    assessment: {
      areas: [
        { area: 'health', level: 'high' },
        { area: 'housing', level: 'low' },
      ],
      assessedAt: new Date(),
      assessedBy: 'cw',
    },
  };
  const consent = (given: boolean) => ({ bodyCode: 'MOH', given, recordedAt: new Date('2026-11-24T10:00:00Z'), recordedBy: 'cw' });

  it('shares personal data only with consent, the needs alone on request, and refuses otherwise', () => {
    expect(() => sharedWithBody(c, 'MOH', undefined, {})).toThrow(/no consent recorded/);
    expect(() => sharedWithBody(c, 'MOH', consent(false), {})).toThrow(/no consent recorded/);
    expect(sharedWithBody(c, 'MOH', undefined, { withoutPersonalData: true, area: 'health' })).toEqual({
      personalData: false,
      fields: ['needs'],
      data: { needs: [{ area: 'health', level: 'high' }] },
    });
    expect(sharedWithBody(c, 'MOH', consent(true), {})).toMatchObject({
      personalData: true,
      consentRecordedAt: consent(true).recordedAt,
      data: { person: { surname: 'S' } },
    });
    expect(sharedWithBody(c, 'MOH', consent(true), {}).data).not.toHaveProperty('person.nationality');
  });

  it('allows only the moves of the status and wants an outcome for done and declined', () => {
    expect(() => checkReferralUpdate('R1', 'done', { status: 'in-progress' })).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(() => checkReferralUpdate('R1', 'sent', { status: 'done' })).toThrow(expect.objectContaining({ kind: 'rule-broken' }));
    expect(() => checkReferralUpdate('R1', 'sent', { status: 'done', outcome: 'registered' })).not.toThrow();
  });
});

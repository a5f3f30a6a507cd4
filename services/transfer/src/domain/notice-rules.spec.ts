import { AgreementRules, CalendarBook, Rulebook, SHIPPED_CALENDARS, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { CaseForNotice, judgePerson, partnerAgreementIn } from './notice-rules';
import { earliestArrival } from './transfer-time-limits';

const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const rulesOf = (partner: string): AgreementRules => {
  const applicable = rulebook.applicableAgreement(partner, '2026-11-01');
  if (!applicable.applies) throw new Error(applicable.reason);
  return applicable.agreement;
};
const book = new CalendarBook(SHIPPED_CALENDARS);
const accepted = (over: Partial<CaseForNotice> = {}): CaseForNotice => ({
  caseNumber: 'RA-2026-000001',
  category: 'national',
  status: 'awaiting-transfer',
  transferDueBy: new Date('2027-01-02T23:59:59+04:00'),
  travelDocument: { documentNumber: 'AZRC-2026-000001', validUntil: '2026-12-30' },
  rules: rulesOf('DE'),
  limits: { requestingState: 'DE' },
  ...over,
});
const notice = (receivedAt: string, plannedArrival: string) => ({
  transferId: 'DE:TR-1',
  receivedAt: new Date(receivedAt),
  plannedArrival: new Date(plannedArrival),
});

describe('advance notice rules (2026 Azerbaijani calendar)', () => {
  it('accepts exactly the minimum notice and refuses one working day less', () => {
    // Received Tuesday 17 Nov: Wed 18 (1), Thu 19 (2), Fri 20 (3).
    expect(earliestArrival(book, new Date('2026-11-17T16:00:00+04:00'), rulesOf('DE'), { requestingState: 'DE' }).dueDate).toBe(
      '2026-11-20',
    );
    expect(judgePerson('R1', accepted(), notice('2026-11-17T16:00:00+04:00', '2026-11-20T08:00:00+04:00'), book)).toEqual({
      reissue: false,
    });
    const refused = judgePerson('R1', accepted(), notice('2026-11-17T16:00:00+04:00', '2026-11-19T23:00:00+04:00'), book);
    expect(refused).toEqual({
      refusal: { code: 'notice-too-late', message: expect.stringMatching(/^R1: .*3 Azerbaijani working days.*2026-11-20/) },
    });
  });

  it('counts the Baku date of receipt, not the UTC date', () => {
    // 21:30 UTC on Monday 16 Nov is already Tuesday 17 Nov in Baku.
    expect(earliestArrival(book, new Date('2026-11-16T21:30:00Z'), rulesOf('CH'), { requestingState: 'CH' }).dueDate).toBe('2026-11-20');
  });

  it('skips the non-working days 9 and 10 November 2026', () => {
    // Received Thursday 5 Nov: Fri 6 (1), Mon 9 and Tue 10 off, Wed 11 (2), Thu 12 (3).
    expect(earliestArrival(book, new Date('2026-11-05T10:00:00+04:00'), rulesOf('NO'), { requestingState: 'NO' }).dueDate).toBe(
      '2026-11-12',
    );
    expect(judgePerson('R2', accepted(), notice('2026-11-05T10:00:00+04:00', '2026-11-11T12:00:00+04:00'), book)).toMatchObject({
      refusal: { code: 'notice-too-late' },
    });
  });

  it('refuses what is not accepted, already transferred, expired, booked elsewhere, or after the time limit', () => {
    const n = notice('2026-11-17T10:00:00+04:00', '2026-11-25T10:00:00+04:00');
    expect(judgePerson('X', undefined, n, book)).toMatchObject({
      refusal: { code: 'not-accepted', message: expect.stringContaining('X:') },
    });
    const transfer = rulesOf('DE').timeLimits.transfer;
    expect(judgePerson('R', accepted({ status: 'transferred' }), n, book)).toMatchObject({
      refusal: {
        code: 'already-transferred',
        message: expect.stringContaining(
          `already handed over to Azerbaijan: the acceptance has been carried out. A transfer is agreed for a person whose readmission application Azerbaijan accepted (or is deemed to have accepted), within 3 months of the acceptance (EU-AZ, ${transfer.source}, ${transfer.status}), once`,
        ),
      },
    });
    expect(judgePerson('R', accepted({ status: 'expired' }), n, book)).toMatchObject({ refusal: { code: 'transfer-time-limit-exceeded' } });
    expect(judgePerson('R', accepted({ currentTransfer: 'DE:OTHER' }), n, book)).toMatchObject({
      refusal: { code: 'already-notified', message: expect.stringContaining('OTHER') },
    });
    expect(judgePerson('R', accepted({ currentTransfer: 'DE:TR-1' }), n, book)).toEqual({ reissue: false });
    expect(judgePerson('R', accepted({ transferDueBy: new Date('2026-11-24T23:59:59+04:00') }), n, book)).toMatchObject({
      refusal: { code: 'transfer-time-limit-exceeded' },
    });
  });

  it.each([
    ['EU-AZ', 'DE'],
    ['NO-AZ', 'NO'],
    ['CH-AZ', 'CH'],
    ['ME-AZ', 'ME'],
  ])(
    '%s: not-accepted and application-withdrawn name the article a transfer rests on (transfer after acceptance)',
    (agreement, partner) => {
      const transfer = rulebook.agreement(agreement).timeLimits.transfer;
      const article = `within 3 months of the acceptance (${agreement}, ${transfer.source}, ${transfer.status})`;
      const n = { ...notice('2026-11-17T10:00:00+04:00', '2026-11-25T10:00:00+04:00'), partner: partnerAgreementIn(rulebook, partner) };
      expect(judgePerson('X', undefined, n, book)).toEqual({
        refusal: {
          code: 'not-accepted',
          message: `X: no application with this reference has been accepted by Azerbaijan. A transfer is agreed for a person whose readmission application Azerbaijan accepted (or is deemed to have accepted), ${article} (rulebook ${rulebook.version}): check the reference against the acceptance (readmission.application.decided.v1), or submit an application first`,
        },
      });
      const withdrawn = accepted({
        status: 'withdrawn',
        rules: rulesOf(partner),
        withdrawal: { withdrawnAt: new Date('2026-11-16T09:00:00+04:00'), cancelledDocuments: ['AZRC-2026-000001'] },
      });
      expect(judgePerson('R', withdrawn, n, book)).toEqual({
        refusal: {
          code: 'application-withdrawn',
          message: expect.stringContaining(
            `R: the application was withdrawn on 2026-11-16: the acceptance has lapsed; travel document AZRC-2026-000001 is cancelled. A transfer is agreed for a person whose readmission application Azerbaijan accepted (or is deemed to have accepted), ${article}; an acceptance lapses when the application is withdrawn (docs/rules.md#withdrawal-of-an-application)`,
          ),
        },
      });
    },
  );

  it('names the rulebook when the partner is party to no agreement, and says what is missing without one', () => {
    const n = notice('2026-11-17T10:00:00+04:00', '2026-11-25T10:00:00+04:00');
    expect(judgePerson('X', undefined, { ...n, partner: partnerAgreementIn(rulebook, 'DK') }, book)).toMatchObject({
      refusal: {
        code: 'not-accepted',
        message: expect.stringContaining(`DK is party to no readmission agreement with Azerbaijan in rulebook ${rulebook.version}`),
      },
    });
    expect(judgePerson('X', undefined, n, book)).toMatchObject({
      refusal: { code: 'not-accepted', message: expect.stringContaining('only for a person whose readmission application was accepted') },
    });
  });

  it('asks for a new travel document when the current one ends before the arrival (nationals only)', () => {
    const n = notice('2026-11-17T10:00:00+04:00', '2026-12-31T10:00:00+04:00');
    expect(judgePerson('R', accepted(), n, book)).toEqual({ reissue: true });
    expect(judgePerson('R', accepted({ category: 'stateless', travelDocument: undefined }), n, book)).toEqual({ reissue: false });
  });

  it('reissues only a document that covers the arrival, and only where the rulebook allows it', () => {
    const n = notice('2026-10-01T10:00:00+04:00', '2027-01-01T10:00:00+04:00');
    const refused = judgePerson('R', accepted(), n, book);
    expect(refused).toEqual({
      refusal: {
        code: 'travel-document-expires',
        message: expect.stringMatching(/a new one issued now would be valid only until 2026-12-29/),
      },
    });
    const rules = rulesOf('DE');
    const noReissue = {
      ...rules,
      rules: {
        ...rules.rules,
        travelDocumentReissue: { value: false, status: 'assumed' as const, source: 'docs/rules.md#travel-document' },
      },
    };
    const covered = notice('2026-11-20T10:00:00+04:00', '2026-12-31T10:00:00+04:00');
    expect(judgePerson('R', accepted(), covered, book)).toEqual({ reissue: true });
    expect(judgePerson('R', accepted({ rules: noReissue }), covered, book)).toEqual({
      refusal: { code: 'travel-document-expires', message: expect.stringContaining('does not provide for a new travel document') },
    });
  });

  it('names the rule a refusal applies (agreement and article or section)', () => {
    const rules = rulesOf('CH');
    const late = judgePerson('R', accepted({ rules }), notice('2026-11-17T16:00:00+04:00', '2026-11-19T08:00:00+04:00'), book);
    expect(late).toEqual({
      refusal: { code: 'notice-too-late', message: expect.stringContaining(`(CH-AZ, ${rules.timeLimits.advanceNotice.source})`) },
    });
    const after = judgePerson('R', accepted({ rules }), notice('2026-12-01T10:00:00+04:00', '2027-01-05T08:00:00+04:00'), book);
    expect(after).toEqual({
      refusal: { code: 'transfer-time-limit-exceeded', message: expect.stringContaining(`(CH-AZ, ${rules.timeLimits.transfer.source})`) },
    });
  });
});

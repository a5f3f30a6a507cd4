import { CalendarBook, Rulebook, SHIPPED_CALENDARS, SHIPPED_RULEBOOKS, formatInstant } from '@readmission/agreements';
import {
  AcceptedRequest,
  RequestDraft,
  checkOutgoingRequest,
  checkTransferNotice,
  formatRequestNumber,
  partnerReplyDeadline,
  transferDeadline,
} from './outgoing-request';

const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);
const calendars = new CalendarBook(SHIPPED_CALENDARS);
const at = (instant: string) => new Date(instant);
const NOW = '2026-12-02T10:00:00+04:00';

const national: RequestDraft = {
  requestingAuthority: { name: 'State Migration Service' },
  procedure: 'normal',
  category: 'national',
  person: { surname: 'Müller', givenNames: 'Jonas', sex: 'male', dateOfBirth: '1991-03-14', nationality: 'DE' },
  evidence: [{ type: 'passport', form: 'original', issuingCountry: 'DE' }],
  interviewRequested: false,
};
const tcn: RequestDraft = {
  ...national,
  category: 'third-country-national',
  knowledgeDate: '2026-11-20',
  person: { ...national.person, nationality: 'AF' },
  evidence: [{ type: 'visa', form: 'original', issuingCountry: 'DE' }],
};
const check = (draft: RequestDraft, partner = 'DE', now = NOW) => checkOutgoingRequest(draft, partner, at(now), rulebook, calendars);
const problems = (draft: RequestDraft, partner = 'DE', now = NOW) => {
  const result = check(draft, partner, now);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('an application Azerbaijan sends, checked against the rulebook the other way round', () => {
  it('passes for a national of each partner with a proof document of that partner', () => {
    for (const [partner, code] of [
      ['DE', 'EU-AZ'],
      ['NO', 'NO-AZ'],
      ['CH', 'CH-AZ'],
      ['ME', 'ME-AZ'],
    ]) {
      const draft = {
        ...national,
        person: { ...national.person, nationality: partner },
        evidence: [{ ...national.evidence[0], issuingCountry: partner }],
      };
      expect(check(draft, partner)).toMatchObject({ ok: true, agreement: { code } });
    }
    expect(check(tcn)).toMatchObject({ ok: true, deadlines: [expect.objectContaining({ name: 'submitThirdCountryNational' })] });
  });

  it('refuses a state that is party to no agreement, naming the field partner', () => {
    expect(problems(national, 'DK')).toEqual([expect.objectContaining({ field: 'partner', code: 'no-applicable-agreement' })]);
  });

  it('refuses a third-country national before the agreement obliges the partner to readmit them (CH-AZ Art. 18(2))', () => {
    const draft = {
      ...tcn,
      knowledgeDate: '2019-05-01',
      person: { ...tcn.person },
      evidence: [{ type: 'visa' as const, form: 'original' as const, issuingCountry: 'CH' }],
    };
    expect(problems(draft, 'CH', '2019-05-02T10:00:00+04:00')).toEqual([
      expect.objectContaining({ field: 'category', code: 'obligation-not-in-force', article: expect.stringContaining('Art. 18(2)') }),
    ]);
  });

  it('refuses a third-country national more than the submission time limit after the knowledge date', () => {
    expect(problems({ ...tcn, knowledgeDate: '2026-05-01' })).toEqual([
      expect.objectContaining({
        field: 'knowledgeDate',
        code: 'submission-time-limit-exceeded',
        message: expect.stringContaining('2026-11-01'),
      }),
    ]);
    expect(problems({ ...tcn, knowledgeDate: '2026-12-03' })).toEqual([
      expect.objectContaining({ field: 'knowledgeDate', code: 'invalid-date' }),
    ]);
  });

  it('refuses the accelerated procedure away from the border, or after two of Azerbaijan’s working days', () => {
    const accelerated = {
      ...national,
      procedure: 'accelerated' as const,
      apprehension: { at: '2026-12-01T09:00:00+04:00', place: 'Astara', nearBorder: false },
    };
    expect(problems(accelerated)).toEqual([
      expect.objectContaining({ field: 'apprehension.nearBorder', code: 'accelerated-procedure-not-applicable' }),
    ]);
    const late = { ...accelerated, apprehension: { ...accelerated.apprehension, nearBorder: true, at: '2026-11-26T09:00:00+04:00' } };
    expect(problems(late)).toEqual([expect.objectContaining({ field: 'apprehension.at', code: 'submission-time-limit-exceeded' })]);
    const inTime = { ...late, apprehension: { ...late.apprehension, at: '2026-12-01T09:00:00+04:00' } };
    expect(check(inTime)).toMatchObject({ ok: true, deadlines: [expect.objectContaining({ name: 'submitAccelerated' })] });
  });

  it('refuses a national of another state, and a proof document another state issued (Annex 1 the other way round)', () => {
    const draft = {
      ...national,
      person: { ...national.person, nationality: 'FR' },
      evidence: [{ type: 'passport' as const, form: 'original' as const, issuingCountry: 'FR' }],
    };
    expect(problems(draft)).toEqual([
      expect.objectContaining({ field: 'person.nationality', code: 'not-a-national-of-the-requested-state' }),
      expect.objectContaining({
        field: 'evidence[0].issuingCountry',
        code: 'evidence-not-of-the-requested-state',
        article: expect.stringContaining('Annex 1'),
      }),
    ]);
  });

  it('refuses a national with no evidence of either annex unless an interview by the partner is asked for', () => {
    const none = { ...national, evidence: [{ type: 'hotel-bill' as const, form: 'copy' as const }] };
    expect(problems(none)).toEqual([expect.objectContaining({ field: 'evidence', code: 'no-evidence-of-nationality' })]);
    expect(check({ ...none, interviewRequested: true })).toMatchObject({ ok: true });
    // Prima facie evidence (Annex 2) is enough to send.
    expect(check({ ...national, evidence: [{ type: 'driving-licence', form: 'copy' }] })).toMatchObject({ ok: true });
  });

  it('refuses a visa the partner did not issue, and a third-country national without evidence of entry or stay (Annexes 3 and 4)', () => {
    expect(problems({ ...tcn, evidence: [{ type: 'visa', form: 'original', issuingCountry: 'TR' }] })).toEqual([
      expect.objectContaining({ field: 'evidence[0].issuingCountry', code: 'evidence-not-of-the-requested-state' }),
    ]);
    expect(problems({ ...tcn, evidence: [{ type: 'passport', form: 'original', issuingCountry: 'AF' }] })).toEqual([
      expect.objectContaining({ field: 'evidence', code: 'no-evidence-of-entry-or-stay' }),
    ]);
    expect(check({ ...tcn, evidence: [{ type: 'travel-ticket', form: 'copy' }] })).toMatchObject({ ok: true });
    expect(problems({ ...tcn, person: { ...tcn.person, nationality: 'DE' } })).toEqual([
      expect.objectContaining({ field: 'category', code: 'national-of-the-requested-state' }),
    ]);
  });

  it('numbers requests per year', () => {
    expect(formatRequestNumber(2026, 7)).toBe('AZR-2026-000007');
  });
});

describe("the partner's reply time limit, mirrored", () => {
  const agreement = (code: string) => rulebook.agreement(code);

  it('runs from sending under EU-AZ, and from the partner’s acknowledgement under CH-AZ (Art. 8(2))', () => {
    const sentAt = at('2026-12-02T10:00:00+04:00');
    const eu = partnerReplyDeadline(agreement('EU-AZ'), 'normal', 'DE', { sentAt }, calendars, rulebook.version)!;
    expect(eu.dueDate).toBe('2026-12-17');
    expect(partnerReplyDeadline(agreement('CH-AZ'), 'normal', 'CH', { sentAt }, calendars, rulebook.version)).toBeUndefined();
    const ch = partnerReplyDeadline(
      agreement('CH-AZ'),
      'normal',
      'CH',
      { sentAt, acknowledgedAt: at('2026-12-04T12:00:00+04:00') },
      calendars,
      rulebook.version,
    )!;
    expect(ch.dueDate).toBe('2026-12-19');
  });

  it("counts the partner's working days under the accelerated procedure, not Azerbaijan's holidays", () => {
    // From Friday 6 November 2026: 9 and 10 November are days off in Azerbaijan only.
    const d = partnerReplyDeadline(
      agreement('EU-AZ'),
      'accelerated',
      'DE',
      { sentAt: at('2026-11-06T10:00:00+04:00') },
      calendars,
      rulebook.version,
    )!;
    expect(d.dueDate).toBe('2026-11-10');
  });
});

describe("Azerbaijan's advance notice of a transfer", () => {
  const rules = rulebook.agreement('EU-AZ');
  const accepted: AcceptedRequest = {
    status: 'accepted',
    agreementRules: rules,
    transferDueBy: transferDeadline(rules, at('2026-12-01T10:00:00+04:00'), calendars, rulebook.version).dueBy,
    travelDocument: { documentNumber: 'DE-LP-1', validFrom: '2026-12-02', validUntil: '2027-01-31' },
    category: 'national',
  };
  const plan = (arrival: string) => ({ plannedDeparture: arrival, plannedArrival: arrival });
  const notice = (request: AcceptedRequest, arrival: string, now = '2026-12-07T10:00:00+04:00') =>
    checkTransferNotice(request, plan(arrival), 'DE', at(now), calendars);

  it("needs at least 3 of the partner's working days before the arrival", () => {
    // Monday 7 December: Tuesday (1), Wednesday (2), Thursday 10 (3).
    expect(notice(accepted, '2026-12-10T08:00:00+01:00')).toEqual([]);
    expect(notice(accepted, '2026-12-09T08:00:00+01:00')).toEqual([
      expect.objectContaining({ field: 'plannedArrival', code: 'notice-too-late', message: expect.stringContaining('2026-12-10') }),
    ]);
  });

  it('is refused before an acceptance, after the transfer time limit, and without a valid travel document', () => {
    expect(notice({ ...accepted, status: 'acknowledged' }, '2026-12-20T08:00:00+01:00')).toEqual([
      expect.objectContaining({ code: 'not-accepted' }),
    ]);
    expect(formatInstant(accepted.transferDueBy!)).toBe('2027-03-01T23:59:59+04:00');
    expect(
      notice({ ...accepted, travelDocument: { ...accepted.travelDocument!, validUntil: '2027-04-30' } }, '2027-03-05T08:00:00+01:00'),
    ).toEqual([expect.objectContaining({ code: 'transfer-time-limit-exceeded' })]);
    expect(notice({ ...accepted, travelDocument: undefined }, '2026-12-20T08:00:00+01:00')).toEqual([
      expect.objectContaining({ code: 'no-travel-document' }),
    ]);
    expect(notice(accepted, '2027-02-05T08:00:00+01:00')).toEqual([expect.objectContaining({ code: 'travel-document-expired' })]);
  });
});

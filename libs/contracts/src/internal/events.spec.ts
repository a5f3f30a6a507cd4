import { AgreementRules, TIME_LIMIT_NAMES } from '@readmission/agreements/rules';
import { readFileSync } from 'fs';
import { join } from 'path';
import { encodeInternalEvent } from '../encode';
import { validateClosed } from '../validation';
import { CaseDecidedV1, CaseRegisteredV1 } from './events';

const application = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'valid', 'application-submitted-national.json'), 'utf8'),
).value;

const value = (v: unknown, more: object = {}) => ({ value: v, status: 'assumed', source: 'docs/rules.md#reply-time-limits', ...more });
/** Well-formed rules of one agreement, as a rulebook version defines them. */
const rules = () => ({
  code: 'EU-AZ',
  title: 'A test agreement',
  inForceFrom: value('2014-09-01', { status: 'verified' }),
  thirdCountNationalsFrom: value('2014-09-01'),
  timeLimits: Object.fromEntries(TIME_LIMIT_NAMES.map((name) => [name, value(15, { unit: 'calendar-days', from: 'receipt' })])),
  rules: { tacitAcceptance: value(true), transferExtension: value('none'), acceleratedRequiresNearBorder: value(true) },
  evidence: {
    national: {
      proof: value(['passport']),
      primaFacie: value(['driving-licence']),
      expiredProofGraceMonths: value(6, { unit: 'months', from: 'date-of-receipt' }),
    },
    thirdCountNational: { proof: value(['visa']), primaFacie: value(['hotel-bill']), airsideTransitExcluded: value(true) },
  },
});

const registered = (agreementRules: unknown) => ({
  caseNumber: 'RA-2026-000123',
  partnerCode: 'DE',
  partnerReference: 'BAMF-2026-004711',
  agreement: 'EU-AZ',
  rulebookVersion: '2026.1',
  agreementRules,
  procedure: 'normal',
  category: 'national',
  receivedAt: '2026-11-24T10:00:00+04:00',
  replyDueBy: '2026-12-09T23:59:59+04:00',
  application,
});

const decided = (agreementRules: unknown) => ({
  caseNumber: 'RA-2026-000123',
  partnerCode: 'DE',
  partnerReference: 'BAMF-2026-004711',
  agreement: 'EU-AZ',
  category: 'national',
  decision: 'accepted',
  basis: 'proof',
  decidedAt: '2026-11-30T10:00:00+04:00',
  deemed: false,
  receivedAt: '2026-11-24T10:00:00+04:00',
  rulebookVersion: '2026.1',
  agreementRules,
  person: { surname: 'Məmmədov', givenNames: 'Elçin', sex: 'male', dateOfBirth: '1991-04-17', nationality: 'AZ' },
  family: [],
  unaccompaniedMinor: false,
});

const fieldsOf = (result: ReturnType<typeof validateClosed>) => (result.ok ? [] : result.errors.map((e) => e.field));

describe('internal events carry the agreement rules as a validated class', () => {
  it.each([
    ['case-registered', CaseRegisteredV1, registered],
    ['case-decided', CaseDecidedV1, decided],
  ] as const)('%s with well-formed rules is accepted and gives them back typed', (_, cls, build) => {
    const result = validateClosed<object>(cls, build(rules()));
    expect(fieldsOf(result)).toEqual([]);
    const carried = (result as { value: { agreementRules: AgreementRules } }).value.agreementRules;
    expect(carried).toBeInstanceOf(AgreementRules);
    expect(carried.timeLimits.replyNormal).toMatchObject({ value: 15, unit: 'calendar-days', from: 'receipt' });
  });

  it.each([
    ['case-registered', CaseRegisteredV1, registered],
    ['case-decided', CaseDecidedV1, decided],
  ] as const)('%s with malformed rules is refused, naming each defect by its path', (_, cls, build) => {
    const bad = rules() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    bad.timeLimits.replyNormal.value = 'fifteen';
    bad.timeLimits.transfer.unit = 'fortnights';
    delete bad.rules.tacitAcceptance;
    bad.evidence.national.proof.value.push('horoscope');
    bad.inForceFrom.status = 'hoped';
    bad.inForceFrom.source = ' ';
    bad.notes = 'not a rule';
    expect(fieldsOf(validateClosed<object>(cls, build(bad)))).toEqual(
      expect.arrayContaining([
        '$.agreementRules.timeLimits.replyNormal.value',
        '$.agreementRules.timeLimits.transfer.unit',
        '$.agreementRules.rules.tacitAcceptance',
        '$.agreementRules.evidence.national.proof.value',
        '$.agreementRules.inForceFrom.status',
        '$.agreementRules.inForceFrom.source',
        '$.agreementRules.notes',
      ]),
    );
  });

  it('carries the rules a case was registered with, whatever their sources say (checked when a version is loaded)', () => {
    // Where a source may point is checked when a version is loaded (sourceProblems), not on the rules a case carries.
    const first = rules() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    first.inForceFrom.source = 'team notes (Parties); EUR-Lex CELEX 22014A0430(01) [S1]';
    expect(fieldsOf(validateClosed<object>(CaseRegisteredV1, registered(first)))).toEqual([]);
  });

  it('refuses rules that are not an object at all', () => {
    for (const agreementRules of [undefined, 'EU-AZ', [rules()], {}]) {
      expect(fieldsOf(validateClosed(CaseRegisteredV1, registered(agreementRules)))).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\$\.agreementRules/)]),
      );
    }
  });

  it('is never published with malformed rules', () => {
    const bad = rules();
    bad.timeLimits.replyNormal.value = 0;
    const envelope = { id: 'e-1', source: 'urn:readmission:intake', time: '2026-11-24T10:00:00+04:00' };
    expect(() => encodeInternalEvent('readmission.internal.case-registered.v1', registered(bad) as never, envelope)).toThrow(
      /agreementRules\.timeLimits\.replyNormal\.value: a whole number above 0/,
    );
    expect(() => encodeInternalEvent('readmission.internal.case-registered.v1', registered(rules()) as never, envelope)).not.toThrow();
  });
});

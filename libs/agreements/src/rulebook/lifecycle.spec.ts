import { SHIPPED_RULEBOOKS } from '../shipped';
import { Rulebook } from './rulebook';
import { RulebookData } from './types';

/** The shipped rulebook with lifecycle events added to one agreement. */
function withEvents(code: string, lifecycle: object[]): Rulebook {
  const data = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])) as RulebookData;
  Object.assign(data.agreements.find((a) => a.code === code) as object, { lifecycle });
  return Rulebook.from(data);
}

describe('agreement lifecycle: suspension, resumption, termination as events with dates', () => {
  it('CH-AZ Art. 18: a suspension takes effect on the second day after notification, until a resumption', () => {
    const rb = withEvents('CH-AZ', [
      { event: 'suspension', notifiedOn: '2027-01-10', reason: 'public health', basis: 'CH-AZ Art. 18' },
      { event: 'resumption', notifiedOn: '2027-03-01', reason: 'public health risk over', basis: 'CH-AZ Art. 18' },
    ]);
    expect(rb.applicableAgreement('CH', '2027-01-11').applies).toBe(true);
    const suspended = rb.applicableAgreement('CH', '2027-01-12');
    expect(suspended).toEqual({
      applies: false,
      reason: expect.stringMatching(
        /CH-AZ agreement is suspended since 2027-01-12 \(notified on 2027-01-10; CH-AZ Art. 18\): public health/,
      ),
    });
    expect(rb.applicableAgreement('CH', '2027-02-28').applies).toBe(false);
    expect(rb.applicableAgreement('CH', '2027-03-01').applies).toBe(true);
  });

  it('CH-AZ Art. 18: a termination takes effect six months after notification, for good', () => {
    const rb = withEvents('CH-AZ', [{ event: 'termination', notifiedOn: '2027-01-31', reason: 'denounced', basis: 'CH-AZ Art. 18' }]);
    expect(rb.applicableAgreement('CH', '2027-07-30').applies).toBe(true);
    expect(rb.applicableAgreement('CH', '2027-07-31')).toEqual({
      applies: false,
      reason: expect.stringContaining('terminated since 2027-07-31'),
    });
    expect(rb.applicableAgreement('CH', '2030-01-01').applies).toBe(false);
  });

  it('an agreement without a rule for the date of effect needs the event to state it', () => {
    const data = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])) as RulebookData;
    Object.assign(data.agreements.find((a) => a.code === 'ME-AZ') as object, {
      lifecycle: [
        { event: 'suspension', notifiedOn: '2027-01-10', reason: 'x', basis: 'docs/rules.md#suspension-resumption-and-termination' },
      ],
    });
    expect(() => Rulebook.from(data)).toThrow(/agreements\[3\]\.lifecycle\[0\]\.takesEffectOn: required/);
    const stated = withEvents('ME-AZ', [
      {
        event: 'suspension',
        notifiedOn: '2027-01-10',
        takesEffectOn: '2027-02-01',
        reason: 'x',
        basis: 'docs/rules.md#suspension-resumption-and-termination',
      },
    ]);
    expect(stated.applicableAgreement('ME', '2027-01-31').applies).toBe(true);
    expect(stated.applicableAgreement('ME', '2027-02-01').applies).toBe(false);
  });

  it('refuses a malformed event', () => {
    const data = JSON.parse(JSON.stringify(SHIPPED_RULEBOOKS[0])) as RulebookData;
    Object.assign(data.agreements[0], { lifecycle: [{ event: 'pause', notifiedOn: '10.1.2027', reason: '', basis: 'x' }] });
    expect(() => Rulebook.from(data)).toThrow(/lifecycle\.0\.event|lifecycle/);
  });
});

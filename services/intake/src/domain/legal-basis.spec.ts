import { Rulebook, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { withLegalBasis } from './legal-basis';

const [current] = SHIPPED_RULEBOOKS.map((r) => Rulebook.from(r));
const first = Rulebook.from(SHIPPED_RULEBOOKS.find((r) => r.version === '2026.1'));
const SUBMITTED = 'readmission.application.submitted.v1';

describe('the rule a rejection names', () => {
  it('says an interface code is not a decision under the agreement and names the article on the content of an application', () => {
    const r = withLegalBasis(
      { code: 'invalid-message', field: '$.person', message: '$.person is required' },
      { partnerCode: 'CH', messageType: SUBMITTED, rulebook: current },
    );
    expect(r.message).toMatch(
      /^\$\.person is required\. This concerns the partner interface .*not a decision under the agreement: correct/,
    );
    expect(r.message).toContain('What an application contains, as far as possible (CH-AZ, CH-AZ Art. 5(1), verified): the particulars');
    expect(r.field).toBe('$.person');
    // Applied twice (a repeated answer), it says it once.
    expect(withLegalBasis(r, { partnerCode: 'CH', messageType: SUBMITTED, rulebook: current }).message).toBe(r.message);
  });

  it('points a 2026.1 case, or a partner of no agreement, to the page on the content of an application', () => {
    const reason = { code: 'duplicate-reference' as const, message: 'partnerReference X was already used' };
    expect(withLegalBasis(reason, { partnerCode: 'DE', messageType: SUBMITTED, rulebook: first }).message).toContain(
      'What an application contains under EU-AZ: docs/rules.md#content-of-an-application.',
    );
    expect(withLegalBasis(reason, { partnerCode: 'DK', messageType: SUBMITTED, rulebook: current }).message).toContain(
      'What an application contains: docs/rules.md#content-of-an-application.',
    );
  });

  it('names the advance-notice article for a transfer message, leaves the agreement codes as they are, and stays within 2000 characters', () => {
    const notice = withLegalBasis(
      { code: 'unknown-reference', message: 'no application with partnerReference X' },
      { partnerCode: 'NO', messageType: 'readmission.transfer.notified.v1', rulebook: current },
    );
    const rule = current.agreement('NO-AZ').timeLimits.advanceNotice;
    expect(notice.message).toContain(`at least 3 working days before (NO-AZ, ${rule.source}, ${rule.status})`);
    const agreementCode = { code: 'obligation-not-in-force' as const, message: 'under CH-AZ, … (CH-AZ Art. 18(2), verified)' };
    expect(withLegalBasis(agreementCode, { partnerCode: 'CH', rulebook: current })).toBe(agreementCode);
    const long = withLegalBasis(
      { code: 'invalid-message', message: 'x'.repeat(1900) },
      { partnerCode: 'CH', messageType: SUBMITTED, rulebook: current },
    );
    expect(long.message.length).toBe(2000);
  });
});

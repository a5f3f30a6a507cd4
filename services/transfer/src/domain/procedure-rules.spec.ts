import { Rulebook, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { RuleBrokenError } from '@readmission/errors';
import { procedureRuleIn } from './procedure-rules';

const shipped = (version: string) => Rulebook.from(SHIPPED_RULEBOOKS.find((r) => r.version === version)!);

describe('a procedure rule read from the rulebook versions (RulebookSource.procedureRule)', () => {
  it('takes the rule from the first version that holds it, and names that version', () => {
    const found = procedureRuleIn([shipped('2026.2'), shipped('2026.3')], 'DE', '2026-11-20', 'costRepayment');
    expect(found.rulebookVersion).toBe('2026.3');
    expect(found.agreement.code).toBe('EU-AZ');
    expect(found.rule).toEqual(shipped('2026.3').agreement('EU-AZ').rules.costRepayment);
    expect(procedureRuleIn([shipped('2026.3'), shipped('2026.2')], 'CH', '2026-12-05', 'transportCostsBorneBy').rulebookVersion).toBe(
      '2026.3',
    );
  });

  it('refuses when no version holds the rule', () => {
    expect(() => procedureRuleIn([shipped('2026.1'), shipped('2026.2')], 'DE', '2026-11-20', 'readmissionByMistakeNational')).toThrow(
      new RuleBrokenError('no rulebook version holds rules.readmissionByMistakeNational for DE'),
    );
  });

  it("refuses with the rulebook's reason when no agreement binds the partner on the day", () => {
    const before = shipped('2026.2').applicableAgreement('DE', '2014-08-31');
    expect(before.applies).toBe(false);
    expect(() => procedureRuleIn([shipped('2026.2'), shipped('2026.3')], 'DE', '2014-08-31', 'costRepayment')).toThrow(
      new RuleBrokenError((before as { reason: string }).reason),
    );
    expect(() => procedureRuleIn([shipped('2026.3')], 'XX', '2026-12-05', 'costRepayment')).toThrow(RuleBrokenError);
  });
});

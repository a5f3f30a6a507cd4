import { Rulebook, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { groundsWithRule } from './rule-citation';

const rulebook = Rulebook.from(SHIPPED_RULEBOOKS[0]);

describe('the rule a refusal applies, named for the requesting authority', () => {
  it.each(['EU-AZ', 'NO-AZ', 'CH-AZ', 'ME-AZ'])(
    '%s: names the agreement, the source of the rule, its status and the rulebook version',
    (code) => {
      const rules = rulebook.agreement(code);
      const grounds = groundsWithRule(
        'The registry holds the document for another person.',
        rules,
        'national',
        'registry',
        false,
        rulebook.version,
      );
      expect(grounds).toContain(
        `Rule applied: ${code}, ${rules.evidence.national.primaFacie.source} (${rules.evidence.national.primaFacie.status}, rulebook ${rulebook.version})`,
      );
      expect(grounds).toMatch(/may present further evidence .* consular interview/);
    },
  );

  it('cites CH-AZ Art. 6(2) for a rebutted prima facie presumption, and the airside-transit rule for an excluded obligation', () => {
    const ch = rulebook.agreement('CH-AZ');
    expect(groundsWithRule('x.', ch, 'national', 'prima-facie')).toContain('CH-AZ, CH-AZ Art. 6(2)');
    expect(groundsWithRule('airside transit only.', ch, 'third-country-national', 'prima-facie', true)).toContain(
      ch.evidence.thirdCountNational.airsideTransitExcluded.source,
    );
  });

  it('cites a rule once', () => {
    const rules = rulebook.agreement('EU-AZ');
    const once = groundsWithRule('x.', rules, 'national', 'interview');
    expect(groundsWithRule(once, rules, 'national', 'interview')).toBe(once);
  });
});

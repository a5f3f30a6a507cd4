import { Injectable } from '@nestjs/common';
import { AgreementRules, ProcedureRules, endOfBakuDay } from '@readmission/agreements';
import { RuleBrokenError } from '@readmission/errors';
import { Clock } from '@readmission/platform';
import { ReferenceData } from '@readmission/reference-data';

/**
 * The rules of the agreement with a partner for a procedure that a case's own rulebook may predate (readmission by
 * mistake, transport costs: rulebook 2026.3). The rulebook in effect on the day concerned is asked first; when that
 * version does not hold the rule yet, the version in effect now does (the agreement had the article all along; older
 * versions did not record it). docs/rules.md#readmission-by-mistake, #transport-costs.
 */
@Injectable()
export class ProcedureRulesSource {
  constructor(
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
  ) {}

  async rule<K extends keyof ProcedureRules>(
    partnerCode: string,
    date: string,
    name: K,
  ): Promise<{ agreement: AgreementRules; rule: NonNullable<ProcedureRules[K]>; rulebookVersion: string }> {
    for (const at of [endOfBakuDay(date), this.clock.now()]) {
      const rulebook = await this.referenceData.rulebookAt(at);
      const applicable = rulebook.applicableAgreement(partnerCode, date);
      if (!applicable.applies) throw new RuleBrokenError(applicable.reason);
      const rule = applicable.agreement.rules[name];
      if (rule) return { agreement: applicable.agreement, rule: rule as NonNullable<ProcedureRules[K]>, rulebookVersion: rulebook.version };
    }
    throw new RuleBrokenError(`no rulebook in effect holds rules.${String(name)} for ${partnerCode} (rulebook 2026.3 and later do)`);
  }
}

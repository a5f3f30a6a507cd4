import { Injectable } from '@nestjs/common';
import { AgreementRules, ProcedureRules, Rulebook, endOfBakuDay } from '@readmission/agreements';
import { RuleBrokenError } from '@readmission/errors';
import { Clock } from '@readmission/platform';
import { AZERBAIJAN, ReferenceData } from '@readmission/reference-data';

/**
 * The rules of the agreement with a partner for a procedure that a case's own rulebook may predate (readmission by
 * mistake, transport costs: rulebook 2026.3). The rulebook in effect on the day concerned is asked first; when that
 * version does not hold the rule yet, the version in effect now does (the agreement had the article all along; older
 * versions did not record it), or failing that the newest version that holds it, even one not yet in effect (on
 * 30 November 2026, 2026.3 is shipped but starts on 1 December). docs/rules.md#readmission-by-mistake, #transport-costs.
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
    const versions = await this.referenceData.versions('rulebook', AZERBAIJAN);
    const newest = versions.length > 0 ? Rulebook.from(versions[versions.length - 1].data) : undefined;
    const candidates = [await this.referenceData.rulebookAt(endOfBakuDay(date)), await this.referenceData.rulebookAt(this.clock.now())];
    for (const rulebook of newest ? [...candidates, newest] : candidates) {
      const applicable = rulebook.applicableAgreement(partnerCode, date);
      if (!applicable.applies) throw new RuleBrokenError(applicable.reason);
      const rule = applicable.agreement.rules[name];
      if (rule) return { agreement: applicable.agreement, rule: rule as NonNullable<ProcedureRules[K]>, rulebookVersion: rulebook.version };
    }
    throw new RuleBrokenError(`no rulebook version holds rules.${String(name)} for ${partnerCode}`);
  }
}

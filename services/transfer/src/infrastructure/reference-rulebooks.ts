import { Injectable } from '@nestjs/common';
import { Rulebook, endOfBakuDay } from '@readmission/agreements';
import { NotFoundError } from '@readmission/errors';
import { Clock } from '@readmission/platform';
import { AZERBAIJAN, ReferenceData } from '@readmission/reference-data';
import { RulebookSource } from '../application/rulebook-source';
import { ProcedureRuleFound, ProcedureRuleName, procedureRuleIn } from '../domain/procedure-rules';

/**
 * The rulebooks from the shared reference data (kind `rulebook`): the shipped versions and every version an operator
 * loads on intake, kept in this service's `reference-data` collection (distributed on the reference-data topic).
 */
@Injectable()
export class ReferenceRulebooks extends RulebookSource {
  constructor(
    private readonly referenceData: ReferenceData,
    private readonly clock: Clock,
  ) {
    super();
  }

  async at(at: Date): Promise<Rulebook | undefined> {
    try {
      return await this.referenceData.rulebookAt(at);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined; // before the first version: the refusal names no article
      throw error; // the store: retried
    }
  }

  /** Asks the version in effect on `date`, the one in effect now, then the newest (domain/procedure-rules.ts). */
  async procedureRule<K extends ProcedureRuleName>(partnerCode: string, date: string, name: K): Promise<ProcedureRuleFound<K>> {
    const versions = await this.referenceData.versions('rulebook', AZERBAIJAN);
    const newest = versions.length > 0 ? Rulebook.from(versions[versions.length - 1].data) : undefined;
    // A day before the first version has no rulebook: NotFoundError, as before any version was loaded.
    const candidates = [await this.referenceData.rulebookAt(endOfBakuDay(date)), await this.referenceData.rulebookAt(this.clock.now())];
    return procedureRuleIn(newest ? [...candidates, newest] : candidates, partnerCode, date, name);
  }
}

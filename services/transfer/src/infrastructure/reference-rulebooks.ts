import { Injectable } from '@nestjs/common';
import { Rulebook } from '@readmission/agreements';
import { NotFoundError } from '@readmission/errors';
import { ReferenceData } from '@readmission/reference-data';
import { RulebookSource } from '../application/rulebook-source';

/**
 * The rulebooks from the shared reference data (kind `rulebook`): the shipped versions and every version an operator
 * loads on intake, kept in this service's `reference-data` collection (distributed on the reference-data topic).
 */
@Injectable()
export class ReferenceRulebooks extends RulebookSource {
  constructor(private readonly referenceData: ReferenceData) {
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
}

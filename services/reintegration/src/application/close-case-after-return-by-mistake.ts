import { Injectable, Logger } from '@nestjs/common';
import { PersonReturnedByMistakeV1 } from '@readmission/contracts';
import { ConflictError, NotFoundError } from '@readmission/errors';
import { CloseCase } from './close-case';

const SYSTEM = { subject: 'system', roles: [] };

/**
 * A person readmitted by mistake was handed back to the partner (transfer): support in Azerbaijan cannot go on, so an
 * open case (or one awaiting a guardian) is closed with the outcome `readmitted-by-mistake` and its remaining
 * follow-ups cancelled. A third-country national has no case; a closed case stays as it was closed.
 * docs/rules.md#readmission-by-mistake.
 */
@Injectable()
export class CloseCaseAfterReturnByMistake {
  private readonly logger = new Logger(CloseCaseAfterReturnByMistake.name);

  constructor(private readonly closeCase: CloseCase) {}

  async execute(event: PersonReturnedByMistakeV1): Promise<void> {
    const reason = `returned to ${event.partnerCode} at ${event.borderCrossingPoint} on ${event.returnedAt}: readmitted by mistake`;
    try {
      await this.closeCase.execute(event.caseNumber, { outcome: 'readmitted-by-mistake', reason }, SYSTEM);
      this.logger.log(`${event.caseNumber}: closed, readmitted by mistake`);
    } catch (error) {
      if (error instanceof NotFoundError) return void this.logger.log(`${event.caseNumber}: no reintegration case to close`);
      if (error instanceof ConflictError) return void this.logger.log(`${event.caseNumber}: already closed, left as it was`);
      throw error;
    }
  }
}

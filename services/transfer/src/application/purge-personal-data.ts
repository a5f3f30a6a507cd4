import { Injectable, Logger } from '@nestjs/common';
import { RetentionRule, RetentionSweep } from '@readmission/platform';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { HandoverRecords } from '../infrastructure/handover-records.repository';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';
import { TransferSettings } from '../settings';

/**
 * Retention (docs/security.md), every RETENTION_SWEEP_MS: a person handed over by a transfer completed longer ago
 * than RETENTION_COMPLETED_TRANSFERS_MS loses their personal data in transfer (the accepted decision's person, family,
 * assistance and grounds, handover notes, remedy details), unless a legal hold is on their case; each purge is in
 * the audit trail. The case is marked last, so a run that stops part way finishes on the next one.
 */
@Injectable()
export class PurgePersonalData extends RetentionSweep {
  protected readonly logger = new Logger(PurgePersonalData.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly handovers: HandoverRecords,
    private readonly remedies: RemedyHolds,
    private readonly settings: TransferSettings,
  ) {
    super();
  }

  protected rules(): RetentionRule[] {
    return [
      {
        kind: 'completed-transfers',
        retentionMs: this.settings.RETENTION_COMPLETED_TRANSFERS_MS,
        due: (cutoff, limit) => this.cases.dueForPurge({ status: 'transferred' }, 'transferredAt', cutoff, limit),
        purge: async (caseNumber, at) => {
          await this.handovers.erasePersonalData(caseNumber);
          await this.remedies.erasePersonalData(caseNumber);
          await this.cases.erasePersonalData(caseNumber, at);
        },
      },
    ];
  }
}

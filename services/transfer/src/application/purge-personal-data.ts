import { Injectable, Logger } from '@nestjs/common';
import { RetentionRule, RetentionSweep } from '@readmission/platform';
import { MistakeStatus } from '../domain/readmission-by-mistake';
import { TransitStatus } from '../domain/transit';
import { AcceptedCases } from '../infrastructure/accepted-cases.repository';
import { HandoverRecords } from '../infrastructure/handover-records.repository';
import { MistakeReturns } from '../infrastructure/mistake-returns.repository';
import { RemedyHolds } from '../infrastructure/remedy-holds.repository';
import { Transits } from '../infrastructure/transits.repository';
import { TransferSettings } from '../settings';

/**
 * Retention (docs/security.md), every RETENTION_SWEEP_MS: a person handed over by a transfer completed longer ago
 * than RETENTION_COMPLETED_TRANSFERS_MS loses their personal data in transfer (the accepted decision's person, family,
 * assistance and grounds, handover notes, remedy details), unless a legal hold is on their case; each purge is in
 * the audit trail. The case is marked last, so a run that stops part way finishes on the next one. A transit request
 * RETENTION_ENDED_TRANSITS_MS after its last change once ended (hold on `<partner>:<transit reference>`), and a request
 * for readmission by mistake RETENTION_ENDED_MISTAKE_RETURNS_MS after its last change once ended (hold on its case
 * number), lose theirs too.
 */
/** A transit that ended: carried out (left), not arrived, refused, revoked, or its consent lapsed unused. */
const ENDED_TRANSIT_STATUSES: TransitStatus[] = ['left', 'not-arrived', 'refused', 'revoked', 'lapsed'];
/** A request for readmission by mistake that ended: refused by the partner, or the return recorded either way. */
const ENDED_MISTAKE_STATUSES: MistakeStatus[] = ['refused', 'returned', 'not-returned'];

@Injectable()
export class PurgePersonalData extends RetentionSweep {
  protected readonly logger = new Logger(PurgePersonalData.name);

  constructor(
    private readonly cases: AcceptedCases,
    private readonly handovers: HandoverRecords,
    private readonly remedies: RemedyHolds,
    private readonly transits: Transits,
    private readonly mistakes: MistakeReturns,
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
      {
        kind: 'ended-transits',
        retentionMs: this.settings.RETENTION_ENDED_TRANSITS_MS,
        due: (cutoff, limit) =>
          this.transits.dueForPurge({ status: { $in: ENDED_TRANSIT_STATUSES } }, 'updatedAt', cutoff, limit, [
            'partnerCode',
            'transitReference',
          ]),
        purge: (id, at) => this.transits.erasePersonalData(id, at),
      },
      {
        kind: 'ended-mistake-returns',
        retentionMs: this.settings.RETENTION_ENDED_MISTAKE_RETURNS_MS,
        due: (cutoff, limit) => this.mistakes.dueForPurge({ status: { $in: ENDED_MISTAKE_STATUSES } }, 'updatedAt', cutoff, limit),
        purge: (caseNumber, at) => this.mistakes.erasePersonalData(caseNumber, at),
      },
    ];
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { RetentionRule, RetentionSweep } from '@readmission/platform';
import { RequestStatus } from '../domain/outgoing-request';
import { CaseRepository } from '../infrastructure/case.repository';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';
import { PartnerMessageLogRepository } from '../infrastructure/partner-message-log.repository';
import { IntakeSettings } from '../settings';

/**
 * Retention (docs/security.md), every RETENTION_SWEEP_MS: the content of rejected messages after
 * RETENTION_REJECTED_APPLICATIONS_MS, and of every other partner message (a case's message history, transfer notices,
 * replies without a case) RETENTION_MESSAGE_HISTORY_MS after the last one, unless a legal hold is on the case (its
 * case number) or on the rejected reference (`<partner>:<partner reference>`). Azerbaijan's own requests to partners
 * lose the application and the messages' content RETENTION_ENDED_OUTGOING_REQUESTS_MS after their last change once
 * ended (hold on the request number). Each purge is in the audit trail.
 */
/** Azerbaijan's own request ended: the person was handed over, the partner refused, or the acceptance expired unused. */
const ENDED_REQUEST_STATUSES: RequestStatus[] = ['handed-over', 'refused', 'rejected', 'expired'];

@Injectable()
export class PurgePersonalData extends RetentionSweep {
  protected readonly logger = new Logger(PurgePersonalData.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly log: PartnerMessageLogRepository,
    private readonly requests: OutgoingRequestRepository,
    private readonly settings: IntakeSettings,
  ) {
    super();
  }

  protected rules(): RetentionRule[] {
    const eraseLogged = (id: string, at: Date) => this.log.erasePersonalData(id, at);
    return [
      {
        kind: 'rejected-applications',
        retentionMs: this.settings.RETENTION_REJECTED_APPLICATIONS_MS,
        due: (cutoff, limit) => this.log.dueForPurge({ outcome: 'rejected' }, 'updatedAt', cutoff, limit, ['partnerCode', 'recordKey']),
        purge: eraseLogged,
      },
      {
        kind: 'message-history',
        retentionMs: this.settings.RETENTION_MESSAGE_HISTORY_MS,
        due: (cutoff, limit) => this.cases.dueForPurge({}, 'updatedAt', cutoff, limit),
        purge: (caseNumber, at) => this.cases.erasePersonalData(caseNumber, at),
      },
      {
        kind: 'partner-message-log',
        retentionMs: this.settings.RETENTION_MESSAGE_HISTORY_MS,
        due: (cutoff, limit) =>
          this.log.dueForPurge({ outcome: { $ne: 'rejected' } }, 'updatedAt', cutoff, limit, ['partnerCode', 'recordKey']),
        purge: eraseLogged,
      },
      {
        kind: 'ended-outgoing-requests',
        retentionMs: this.settings.RETENTION_ENDED_OUTGOING_REQUESTS_MS,
        due: (cutoff, limit) => this.requests.dueForPurge({ status: { $in: ENDED_REQUEST_STATUSES } }, 'updatedAt', cutoff, limit),
        purge: (requestNumber, at) => this.requests.erasePersonalData(requestNumber, at),
      },
    ];
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { RetentionRule, RetentionSweep } from '@readmission/platform';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationSettings } from '../settings';

/**
 * Retention (docs/security.md): a case closed longer ago than RETENTION_CLOSED_CASES_MS is anonymised with its
 * referrals and follow-ups, unless a legal hold is on it; each purge is in the audit trail (identifiers only). The
 * case is marked last, so a run that stops part way finishes on the next one. Every RETENTION_SWEEP_MS.
 */
@Injectable()
export class PurgePersonalData extends RetentionSweep {
  protected readonly logger = new Logger(PurgePersonalData.name);

  constructor(
    private readonly cases: ReintegrationCases,
    private readonly referrals: Referrals,
    private readonly followUps: FollowUps,
    private readonly settings: ReintegrationSettings,
  ) {
    super();
  }

  protected rules(): RetentionRule[] {
    return [
      {
        kind: 'closed-reintegration-cases',
        retentionMs: this.settings.RETENTION_CLOSED_CASES_MS,
        due: (cutoff, limit) => this.cases.dueForPurge({ status: 'closed' }, 'closedAt', cutoff, limit),
        purge: async (caseNumber, at) => {
          await this.referrals.erasePersonalData(caseNumber);
          await this.followUps.erasePersonalData(caseNumber);
          await this.cases.anonymise(caseNumber, at);
        },
      },
    ];
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { RetentionRule, RetentionSweep } from '@readmission/platform';
import { Decisions } from '../infrastructure/decisions.repository';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { VerificationSettings } from '../settings';

/**
 * Retention (docs/security.md), every RETENTION_SWEEP_MS: a case decided or withdrawn longer ago than
 * RETENTION_CLOSED_CASES_MS is anonymised (and its decision's grounds erased), unless a legal hold is on it; each
 * purge is in the audit trail. The case is marked last, so a run that stops part way finishes on the next one.
 */
@Injectable()
export class PurgePersonalData extends RetentionSweep {
  protected readonly logger = new Logger(PurgePersonalData.name);

  constructor(
    private readonly cases: VerificationCases,
    private readonly decisions: Decisions,
    private readonly settings: VerificationSettings,
  ) {
    super();
  }

  protected rules(): RetentionRule[] {
    return [
      {
        kind: 'closed-verification-cases',
        retentionMs: this.settings.RETENTION_CLOSED_CASES_MS,
        due: (cutoff, limit) => this.cases.closedBefore(cutoff, limit),
        purge: async (caseNumber, at) => {
          await this.decisions.eraseGrounds(caseNumber);
          await this.cases.anonymise(caseNumber, at);
        },
      },
    ];
  }
}

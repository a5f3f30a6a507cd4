import { Injectable, Logger } from '@nestjs/common';
import { Clock, StoreCountGauge } from '@readmission/platform';
import { VerificationCases } from '../infrastructure/verification-cases.repository';

/** The business dashboard's "reply time limits falling due in the next 72 hours", per partner. */
export const REPLY_LIMITS_DUE_HOURS = 72;

/**
 * `verification_reply_limits_due_72h{partner}`: undecided cases whose reply time limit falls due within the next
 * 72 hours, per partner, recounted on a timer from the index (status, replyDueBy, partnerCode).
 */
@Injectable()
export class ReplyLimitsDueGauge extends StoreCountGauge {
  protected readonly logger = new Logger(ReplyLimitsDueGauge.name);

  constructor(
    private readonly cases: VerificationCases,
    clock: Clock,
  ) {
    super(
      'verification_reply_limits_due_72h',
      'Undecided cases whose reply time limit falls due within the next 72 hours, per partner (recounted every METRICS_REFRESH_MS).',
      'partner',
      clock,
    );
  }

  protected count(now: Date): Promise<Map<string, number>> {
    return this.cases.replyLimitsDueByPartner(now, new Date(now.getTime() + REPLY_LIMITS_DUE_HOURS * 3600_000));
  }
}

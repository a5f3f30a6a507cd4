import { Injectable, Logger } from '@nestjs/common';
import { Clock, StoreCountGauge } from '@readmission/platform';
import { Referrals } from '../infrastructure/referrals.repository';

/**
 * `reintegration_referrals_overdue{body}`: referrals still open (sent, accepted, in progress) past their due date,
 * per body, now (the counter reintegration_referrals_overdue_total counts each once when it falls overdue);
 * recounted on a timer from the index (status, dueBy, bodyCode).
 */
@Injectable()
export class ReferralsOverdueGauge extends StoreCountGauge {
  protected readonly logger = new Logger(ReferralsOverdueGauge.name);

  constructor(
    private readonly referrals: Referrals,
    clock: Clock,
  ) {
    super(
      'reintegration_referrals_overdue',
      'Referrals still open past their due date, per body (recounted every METRICS_REFRESH_MS).',
      'body',
      clock,
    );
  }

  protected count(now: Date): Promise<Map<string, number>> {
    return this.referrals.overduePerBody(now);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { bakuDate } from '@readmission/agreements';
import { Clock, StoreCountGauge } from '@readmission/platform';
import { CostEntries } from '../infrastructure/cost-entries.repository';
import { Transits } from '../infrastructure/transits.repository';

/**
 * `transfer_transits_reply_overdue{partner}`: transit requests still waiting for the officer's decision after their
 * reply time limit (silence is not consent: docs/rules.md#transit), per partner, now; recounted on a timer from the
 * index (status, replyDueBy).
 */
@Injectable()
export class TransitsReplyOverdueGauge extends StoreCountGauge {
  protected readonly logger = new Logger(TransitsReplyOverdueGauge.name);

  constructor(
    private readonly transits: Transits,
    clock: Clock,
  ) {
    super(
      'transfer_transits_reply_overdue',
      'Transit requests waiting for a decision past their reply time limit, per partner (recounted every METRICS_REFRESH_MS).',
      'partner',
      clock,
    );
  }

  protected count(now: Date): Promise<Map<string, number>> {
    return this.transits.replyOverduePerPartner(now);
  }
}

/**
 * `transfer_cost_repayments_overdue{partner}`: advanced costs invoiced and not repaid by their repayment due date
 * (docs/rules.md#transport-costs), per partner, now; recounted on a timer from the index (repayment due date, repaidOn).
 */
@Injectable()
export class CostRepaymentsOverdueGauge extends StoreCountGauge {
  protected readonly logger = new Logger(CostRepaymentsOverdueGauge.name);

  constructor(
    private readonly entries: CostEntries,
    clock: Clock,
  ) {
    super(
      'transfer_cost_repayments_overdue',
      'Invoiced transport costs not repaid by their due date, per partner (recounted every METRICS_REFRESH_MS).',
      'partner',
      clock,
    );
  }

  protected count(now: Date): Promise<Map<string, number>> {
    return this.entries.repaymentsOverduePerPartner(bakuDate(now));
  }
}

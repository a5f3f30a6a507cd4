import { Injectable, Logger } from '@nestjs/common';
import { Clock, StoreCountGauge } from '@readmission/platform';
import { OutgoingRequestRepository } from '../infrastructure/outgoing-request.repository';

/**
 * `intake_outgoing_requests_overdue{partner}`: Azerbaijan's requests whose partner's reply time limit passed with no
 * reply where silence is not acceptance (CH-AZ), per partner, now; recounted on a timer from the index (status, …).
 */
@Injectable()
export class OutgoingRequestsOverdueGauge extends StoreCountGauge {
  protected readonly logger = new Logger(OutgoingRequestsOverdueGauge.name);

  constructor(
    private readonly requests: OutgoingRequestRepository,
    clock: Clock,
  ) {
    super(
      'intake_outgoing_requests_overdue',
      "Azerbaijan's requests whose partner's reply is overdue (no deemed acceptance), per partner (recounted every METRICS_REFRESH_MS).",
      'partner',
      clock,
    );
  }

  protected count(): Promise<Map<string, number>> {
    return this.requests.overduePerPartner();
  }
}

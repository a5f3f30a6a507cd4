import { Injectable, Logger } from '@nestjs/common';
import { bakuDate } from '@readmission/agreements';
import { Clock, StoreCountGauge } from '@readmission/platform';
import { Transfers } from '../infrastructure/transfers.repository';

/**
 * `transfer_transfers_expected_today{crossing_point}`: confirmed transfers planned to arrive today (Baku date, as the
 * border's list of expected arrivals), closed ones included, per crossing point; recounted on a timer from the index
 * (arrivalDate, status, borderCrossingPoint).
 */
@Injectable()
export class TransfersExpectedTodayGauge extends StoreCountGauge {
  protected readonly logger = new Logger(TransfersExpectedTodayGauge.name);

  constructor(
    private readonly transfers: Transfers,
    clock: Clock,
  ) {
    super(
      'transfer_transfers_expected_today',
      'Confirmed transfers arriving today (Baku date), closed ones included, per crossing point (recounted every METRICS_REFRESH_MS).',
      'crossing_point',
      clock,
    );
  }

  protected count(now: Date): Promise<Map<string, number>> {
    return this.transfers.arrivingOnPerPoint(bakuDate(now));
  }
}

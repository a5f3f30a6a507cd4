import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { OutboxRelay, Repository, nextSequence } from '@readmission/persistence';
import { withoutPayloads } from '../domain/message-history';
import { formatRequestNumber } from '../domain/outgoing-request';
import { OutgoingRequest } from './outgoing-request.schema';

/** The filter of OutgoingRequestsOverdueGauge's count (index status, replyDueBy; explained in index-backed.int-spec.ts). */
export const OUTGOING_REQUESTS_OVERDUE = { status: 'overdue' };

/** Azerbaijan's own readmission applications to partners (collection `outgoing-requests`). */
@Injectable()
export class OutgoingRequestRepository extends Repository<OutgoingRequest> {
  constructor(
    @InjectModel(OutgoingRequest.name) model: Model<OutgoingRequest>,
    relay: OutboxRelay,
    @InjectConnection() private readonly connection: Connection,
  ) {
    super(model, relay);
  }

  /** Requests whose partner's reply is overdue (no deemed acceptance under the agreement), per partner (the gauge). */
  overduePerPartner(): Promise<Map<string, number>> {
    return this.countBy(OUTGOING_REQUESTS_OVERDUE, 'partnerCode');
  }

  /** The next request number of a year, AZR-YYYY-NNNNNN, without gaps or repeats across instances (collection `counters`). */
  async nextNumber(year: number): Promise<string> {
    return formatRequestNumber(year, await nextSequence(this.connection, `request-number-${year}`));
  }

  /**
   * Retention: erases the application as sent, the content of the messages exchanged and the written grounds of the
   * partner's decision; partner, agreement, procedure, category, status, dates, time limits, the decision and the record
   * of which message came and went when stay. Once (purgedAt).
   */
  async erasePersonalData(requestNumber: string, at: Date): Promise<void> {
    const found = await this.findById(requestNumber, { history: 1 });
    if (!found) return;
    await this.update(
      { _id: requestNumber, purgedAt: { $exists: false } },
      { $set: { history: withoutPayloads(found.history), purgedAt: at }, $unset: { application: '', 'decision.grounds': '' } },
    );
  }
}

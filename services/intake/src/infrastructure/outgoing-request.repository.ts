import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { OutboxRelay, Repository, nextSequence } from '@readmission/persistence';
import { formatRequestNumber } from '../domain/outgoing-request';
import { OutgoingRequest } from './outgoing-request.schema';

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

  /** The next request number of a year, AZR-YYYY-NNNNNN, without gaps or repeats across instances (collection `counters`). */
  async nextNumber(year: number): Promise<string> {
    return formatRequestNumber(year, await nextSequence(this.connection, `request-number-${year}`));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository, Stored } from '@readmission/persistence';
import { PartnerMessageLog } from './partner-message-log.schema';

export type LoggedPartnerMessage = Stored<PartnerMessageLog>;

/** Partner messages that belong to no case (collection `partner-messages`). */
@Injectable()
export class PartnerMessageLogRepository extends Repository<PartnerMessageLog> {
  constructor(@InjectModel(PartnerMessageLog.name) model: Model<PartnerMessageLog>, relay: OutboxRelay) {
    super(model, relay);
  }

  /** Whether this partner notified the transfer (a notice of it was routed to transfer). */
  transferNotified(partnerCode: string, transferReference: string): Promise<boolean> {
    return this.exists({ partnerCode, recordKey: transferReference, outcome: 'routed-to-transfer' });
  }
}

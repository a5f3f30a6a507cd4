import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OutboxRelay, Repository } from '@readmission/persistence';
import { OutgoingTransfer } from './outgoing-transfer.schema';

/** Azerbaijan's transfers to partners, for the cost ledger (collection `outgoing-transfers`). */
@Injectable()
export class OutgoingTransfers extends Repository<OutgoingTransfer> {
  constructor(@InjectModel(OutgoingTransfer.name) model: Model<OutgoingTransfer>, relay: OutboxRelay) {
    super(model, relay);
  }
}

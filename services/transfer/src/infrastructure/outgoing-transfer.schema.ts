import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutgoingTransferEvent } from '@readmission/contracts';
import { withOutbox } from '@readmission/persistence';

/**
 * One of Azerbaijan's transfers to a partner (Azerbaijan as the requesting state; intake owns the request), as intake
 * tells it (`readmission.internal.outgoing-transfer-recorded.v1`): kept for the cost ledger (reference kind
 * `outgoing-transfer`, reference `<partner>:<transferReference>`). No personal data.
 */
@Schema({ collection: 'outgoing-transfers', timestamps: true })
export class OutgoingTransfer {
  @Prop({ type: String }) _id!: string; // <partner>:<transferReference>
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) requestNumber!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) transferReference!: string;
  /** The latest event (notified, confirmed, refused, handed-over). */
  @Prop({ type: String, required: true }) status!: OutgoingTransferEvent;
  @Prop({ required: true }) borderCrossingPoint!: string;
  @Prop({ required: true }) plannedArrival!: Date;
  @Prop({ type: [Object], default: [] }) events!: { event: OutgoingTransferEvent; at: Date }[];
}

export const OutgoingTransferSchema = withOutbox(SchemaFactory.createForClass(OutgoingTransfer));

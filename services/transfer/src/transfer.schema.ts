import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutboxEntry, withOutbox } from '@readmission/persistence';
import { CaseDecidedV1 } from '@readmission/contracts';

/** An accepted application waiting for its transfer, owned by transfer (collection `accepted-cases`). */
@Schema({ collection: 'accepted-cases', timestamps: true })
export class AcceptedCase {
  @Prop({ type: String }) _id!: string; // case number
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) acceptedAt!: Date;
  @Prop({ type: Object, required: true }) decision!: CaseDecidedV1;
}
export const AcceptedCaseSchema = SchemaFactory.createForClass(AcceptedCase);
AcceptedCaseSchema.index({ partnerCode: 1, partnerReference: 1 }, { unique: true });

/** A notified transfer and its handover, owned by transfer (collection `transfers`); _id is `<partner>:<transferReference>`. */
@Schema({ collection: 'transfers', timestamps: true })
export class Transfer {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) transferReference!: string;
  @Prop({ required: true }) status!: 'notified' | 'completed';
  @Prop({ required: true }) plannedArrival!: Date;
  @Prop({ required: true }) borderCrossingPoint!: string;
  @Prop({ type: [String], required: true }) partnerReferences!: string[];
  @Prop({ type: [String], default: [] }) noticeIds!: string[];
  @Prop({ type: Object }) handover?: { handedOver: string[]; notArrived: string[]; recordedBy: string; recordedAt: Date };
  outbox!: OutboxEntry[];
}
export const TransferSchema = withOutbox(SchemaFactory.createForClass(Transfer));
TransferSchema.index({ status: 1, plannedArrival: 1 });

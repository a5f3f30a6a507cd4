import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One person's outcome at the border, recorded once (_id `<transferId>#<partnerReference>`). */
@Schema({ collection: 'handover-records', timestamps: true })
export class HandoverRecord {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) transferId!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ type: String, required: true }) outcome!: 'arrived' | 'not-arrived';
  @Prop() identityChecked?: boolean;
  @Prop() documentChecked?: boolean;
  @Prop() note?: string;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const HandoverRecordSchema = SchemaFactory.createForClass(HandoverRecord);
HandoverRecordSchema.index({ transferId: 1 });

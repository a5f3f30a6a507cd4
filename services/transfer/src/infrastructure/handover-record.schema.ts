import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { protectFields } from '@readmission/persistence';

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
/** The border officer's note may describe the person: sealed at rest (docs/security.md). */
export const HandoverRecordSchema = protectFields(SchemaFactory.createForClass(HandoverRecord), { encrypt: ['note'] });
HandoverRecordSchema.index({ transferId: 1 });

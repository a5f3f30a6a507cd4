import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutboxEntry, withOutbox } from '@readmission/persistence';

/** A case under verification, owned by verification (collection `verification-cases`). */
@Schema({ collection: 'verification-cases', timestamps: true })
export class VerificationCase {
  @Prop({ type: String }) _id!: string; // case number
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) category!: string;
  @Prop({ required: true }) procedure!: string;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) replyDueBy!: Date;
  @Prop({ required: true }) status!: 'awaiting-review' | 'decided';
  @Prop({ type: Object, required: true }) application!: Record<string, unknown>;
  @Prop({ type: Object }) decision?: { decision: string; basis: string; grounds?: string; decidedAt: Date; deemed: boolean; evidence?: Record<string, unknown> };
  outbox!: OutboxEntry[];
}
export const VerificationCaseSchema = withOutbox(SchemaFactory.createForClass(VerificationCase));
VerificationCaseSchema.index({ status: 1, replyDueBy: 1 });

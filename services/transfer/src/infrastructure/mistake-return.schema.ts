import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Deadline } from '@readmission/agreements';
import { MistakeEvidenceV1 } from '@readmission/contracts';
import { protectFields, withOutbox } from '@readmission/persistence';
import { MistakeStatus } from '../domain/readmission-by-mistake';
import { HistoryEvent } from '../domain/accepted-case';

/**
 * A request to take back a person readmitted by mistake (collection `mistake-returns`, _id the case number: one per
 * readmission), with the partner's answer and the return at the border (docs/rules.md#readmission-by-mistake).
 */
@Schema({ collection: 'mistake-returns', timestamps: true })
export class MistakeReturn {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) category!: string;
  @Prop({ required: true }) transferId!: string;
  @Prop({ required: true }) handedOverOn!: string;
  @Prop({ type: String, required: true }) status!: MistakeStatus;
  /** The period after the transfer, as computed: last day, rule, rulebook version. */
  @Prop({ type: Object, required: true }) period!: Deadline;
  @Prop({ required: true }) grounds!: string;
  @Prop({ type: [Object], required: true }) evidence!: MistakeEvidenceV1[];
  @Prop({ required: true }) requestedBy!: string;
  @Prop({ required: true }) requestedAt!: Date;
  @Prop({ type: Object }) answer?: { answer: 'accepted' | 'refused'; grounds?: string; note?: string; receivedAt: Date; messageId: string };
  @Prop({ type: Object }) return?: {
    outcome: 'returned' | 'not-returned';
    borderCrossingPoint: string;
    note?: string;
    recordedBy: string;
    recordedAt: Date;
  };
  @Prop({ type: [Object], default: [] }) history!: HistoryEvent[];
  /** When the retention sweep erased its personal data (docs/security.md). */
  @Prop() purgedAt?: Date;
}
/** The grounds, the evidence and the notes describe the person: sealed at rest (docs/security.md). */
export const MistakeReturnSchema = protectFields(withOutbox(SchemaFactory.createForClass(MistakeReturn)), {
  encrypt: ['grounds', 'evidence', 'answer', 'return'],
});
MistakeReturnSchema.index({ status: 1, requestedAt: 1 });
MistakeReturnSchema.index({ status: 1, updatedAt: 1 });

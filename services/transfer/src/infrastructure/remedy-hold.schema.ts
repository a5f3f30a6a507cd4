import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { protectFields } from '@readmission/persistence';
import { RemedyKind } from '@readmission/contracts';

/**
 * A remedy pending in the requesting state (asylum application, appeal, other remedy) or a suspension of removal,
 * as the partner stated it (interface 1.1), for one case and kind: `_id` `<caseNumber>:<kind>`. While `pending`, no
 * transfer of the person is confirmed. Kept whether or not the case is accepted yet.
 */
@Schema({ collection: 'remedy-holds', timestamps: true })
export class RemedyHold {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ type: String, required: true }) kind!: RemedyKind;
  @Prop({ type: String, required: true }) state!: 'pending' | 'lifted';
  /** The date the partner gave: since (pending) or on (lifted). */
  @Prop({ required: true }) date!: string;
  @Prop() authority?: string;
  @Prop() note?: string;
  /** The receipt of the partner message this state comes from: an older message never overrides a newer one. */
  @Prop({ required: true }) statedAt!: Date;
  @Prop({ required: true }) messageId!: string;
  /** Set when lifted: the span it stood, from the partner's `since` to its `on` (the transfer time limit is extended by it). */
  @Prop({ type: Object }) stood?: { from: string; until: string };
}
/** The remedy's authority and note concern the person's proceedings: sealed at rest (docs/security.md). */
export const RemedyHoldSchema = protectFields(SchemaFactory.createForClass(RemedyHold), { encrypt: ['note', 'authority'] });
RemedyHoldSchema.index({ caseNumber: 1, state: 1 });

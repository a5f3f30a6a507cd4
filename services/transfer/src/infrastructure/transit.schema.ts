import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Deadline, TransitRules } from '@readmission/agreements';
import { TransitRequestedV1 } from '@readmission/contracts';
import { protectFields, withOutbox } from '@readmission/persistence';
import { TransitBorderEvent, TransitDecisionRecord, TransitStatus } from '../domain/transit';

export interface TransitHistoryEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

export interface TransitBorderRecord {
  event: TransitBorderEvent;
  crossingPoint: string;
  at: Date;
  by: string;
  note?: string;
}

/**
 * A partner's request for transit under escort through Azerbaijan (interface 1.1, docs/rules.md#transit), as intake
 * acknowledged it, with the officer's decision, a revocation and the border's records. Collection `transits`, _id
 * `<partner>:<transitReference>`.
 */
@Schema({ collection: 'transits', timestamps: true })
export class Transit {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) transitReference!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) rulebookVersion!: string;
  @Prop({ type: Object, required: true }) transitRules!: TransitRules;
  @Prop({ required: true }) messageId!: string;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) replyDueBy!: Date;
  @Prop({ required: true }) replyRule!: string;
  @Prop({ required: true }) pointOfEntry!: string;
  @Prop({ required: true }) transferAt!: Date;
  @Prop({ type: Object, required: true }) request!: TransitRequestedV1;
  @Prop({ type: String, required: true }) status!: TransitStatus;
  @Prop({ type: Object }) decision?: TransitDecisionRecord & { by: string; consentRule?: Deadline };
  @Prop() consentValidUntil?: Date;
  @Prop({ type: Object }) revocation?: { ground: string; grounds: string; basis: string; at: Date; by: string };
  @Prop() revokedAt?: Date;
  /** The reply time limit passed without a decision (recorded by the sweep; the request still waits for an officer). */
  @Prop({ default: false }) replyOverdue!: boolean;
  @Prop({ type: [Number], default: [] }) alerts!: number[];
  @Prop({ type: [Object], default: [] }) border!: TransitBorderRecord[];
  @Prop({ type: [Object], default: [] }) history!: TransitHistoryEvent[];
  /** When the retention sweep erased its personal data (docs/security.md). */
  @Prop() purgedAt?: Date;
}
/** Personal data at rest (docs/security.md): the person and escorts of the request, the written grounds, the border notes. */
export const TransitSchema = protectFields(withOutbox(SchemaFactory.createForClass(Transit)), {
  encrypt: ['request.person', 'request.escorts', 'decision.grounds', 'revocation.grounds', 'border.note'],
});
TransitSchema.index({ status: 1, replyDueBy: 1 });
TransitSchema.index({ status: 1, consentValidUntil: 1 });
TransitSchema.index({ status: 1, updatedAt: 1 });

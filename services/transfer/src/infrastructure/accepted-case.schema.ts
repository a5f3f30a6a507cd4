import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Deadline } from '@readmission/agreements';
import { CaseDecidedV1 } from '@readmission/contracts';
import { protectFields, withOutbox } from '@readmission/persistence';
import { AcceptedCaseStatus, HistoryEvent } from '../domain/accepted-case';
import { Obstacle } from '../domain/obstacles';
import { TravelDocument } from '../domain/travel-document';

/**
 * An accepted application until its person is handed over or its transfer time limit expires, owned by transfer
 * (collection `accepted-cases`, _id the case number). Its outbox carries the travel-document replies.
 */
@Schema({ collection: 'accepted-cases', timestamps: true })
export class AcceptedCase {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) category!: string;
  @Prop({ type: String, required: true }) status!: AcceptedCaseStatus;
  @Prop({ required: true }) acceptedAt!: Date;
  /** The travel document is due by then (the rulebook's working days after acceptance); the platform issues at once. */
  @Prop() issueDueBy?: Date;
  /** End of the Baku day the transfer must take place by (moved by extensions where the agreement allows them). */
  @Prop({ required: true }) transferDueBy!: Date;
  @Prop({ required: true }) originalTransferDueBy!: Date;
  /** The limits computed on acceptance, each with its rule, rulebook version and the calendars it was counted on. */
  @Prop({ type: Object }) deadlines?: { travelDocumentIssue: Deadline; transfer: Deadline };
  @Prop({ type: Object }) travelDocument?: TravelDocument;
  /** Every document issued for the case, the current one last. */
  @Prop({ type: [Object], default: [] }) travelDocuments!: TravelDocument[];
  /** The confirmed transfer the person is booked on (`<partner>:<transferReference>`), if any. */
  @Prop() currentTransfer?: string;
  @Prop({ type: [Object], default: [] }) extensions!: { until: string; reason: string; by: string; at: Date }[];
  /** Legal obstacles (remedies pending, removal suspended) lifted since the acceptance, each counted once (docs/rules.md#transfer-time-limit). */
  @Prop({ type: [Object], default: [] }) obstacles?: Obstacle[];
  @Prop({ type: [Number], default: [] }) alertsRaised!: number[];
  /** The expiry was audited: the case leaves the time-limit sweep. */
  @Prop() expirySettled?: boolean;
  @Prop({ type: Object, required: true }) decision!: CaseDecidedV1;
  /** The partner withdrew the application after its acceptance: when, why, and the travel documents cancelled. */
  @Prop({ type: Object }) withdrawal?: { withdrawnAt: Date; reason: string; cancelledDocuments: string[] };
  @Prop({ type: [Object], default: [] }) history!: HistoryEvent[];
  /** When the transfer that handed the person over was completed (retention counts from it). */
  @Prop() transferredAt?: Date;
  /** When the retention sweep erased the person's data (docs/security.md); absent while it is kept. */
  @Prop() purgedAt?: Date;
}
/** Personal data at rest (docs/security.md): the person, family, assistance and grounds of the decision are sealed. */
export const AcceptedCaseSchema = protectFields(withOutbox(SchemaFactory.createForClass(AcceptedCase)), {
  encrypt: ['decision.person', 'decision.family', 'decision.assistance', 'decision.grounds'],
});
AcceptedCaseSchema.index({ partnerCode: 1, partnerReference: 1 }, { unique: true });
AcceptedCaseSchema.index({ status: 1, transferDueBy: 1 });

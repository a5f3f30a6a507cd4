import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutboxEntry, withOutbox } from '@readmission/persistence';
import { CaseDecidedV1 } from '@readmission/contracts';

export type AcceptedCaseStatus = 'awaiting-transfer' | 'transferred' | 'expired';

export interface TravelDocument {
  documentNumber: string;
  validFrom: string;
  validUntil: string;
  issuedAt: Date;
  /** `issue` on acceptance, `reissue` when the previous one would expire before the transfer. */
  kind: 'issue' | 'reissue';
}

export interface HistoryEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

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
  @Prop({ required: true }) status!: AcceptedCaseStatus;
  @Prop({ required: true }) acceptedAt!: Date;
  /** The travel document is due by then (the rulebook's working days after acceptance); the platform issues at once. */
  @Prop() issueDueBy?: Date;
  /** End of the Baku day the transfer must take place by (moved by extensions where the agreement allows them). */
  @Prop({ required: true }) transferDueBy!: Date;
  @Prop({ required: true }) originalTransferDueBy!: Date;
  @Prop({ type: Object }) travelDocument?: TravelDocument;
  /** Every document issued for the case, the current one last. */
  @Prop({ type: [Object], default: [] }) travelDocuments!: TravelDocument[];
  /** The confirmed transfer the person is booked on (`<partner>:<transferReference>`), if any. */
  @Prop() currentTransfer?: string;
  @Prop({ type: [Object], default: [] }) extensions!: { until: string; reason: string; by: string; at: Date }[];
  @Prop({ type: [Number], default: [] }) alertsRaised!: number[];
  @Prop({ type: Object, required: true }) decision!: CaseDecidedV1;
  @Prop({ type: [Object], default: [] }) history!: HistoryEvent[];
  outbox!: OutboxEntry[];
}
export const AcceptedCaseSchema = withOutbox(SchemaFactory.createForClass(AcceptedCase));
AcceptedCaseSchema.index({ partnerCode: 1, partnerReference: 1 }, { unique: true });
AcceptedCaseSchema.index({ status: 1, transferDueBy: 1 });

/** One person of a notified transfer: whether they can come, and at the border whether they arrived. */
export interface ManifestEntry {
  partnerReference: string;
  caseNumber?: string;
  verdict: 'confirmed' | 'refused';
  refusal?: { code: string; message: string };
  /** Capacity slot held (`<point>:<date>:<n>`). */
  slot?: string;
}

export type TransferStatus = 'confirmed' | 'refused' | 'cancelled' | 'completed';

/** A notified transfer, its manifest and its handover, owned by transfer (collection `transfers`); _id is `<partner>:<transferReference>`. */
@Schema({ collection: 'transfers', timestamps: true })
export class Transfer {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) transferReference!: string;
  @Prop({ required: true }) status!: TransferStatus;
  @Prop({ required: true }) noticeId!: string;
  @Prop({ required: true }) noticeReceivedAt!: Date;
  @Prop({ required: true }) plannedArrival!: Date;
  /** Baku date of the planned arrival (listing by day). */
  @Prop({ required: true }) arrivalDate!: string;
  @Prop({ required: true }) borderCrossingPoint!: string;
  @Prop({ type: Object, required: true }) transport!: Record<string, unknown>;
  @Prop({ type: [String], required: true }) partnerReferences!: string[];
  @Prop({ type: [Object], required: true }) manifest!: ManifestEntry[];
  @Prop({ type: Object }) handover?: { handedOver: string[]; notArrived: string[]; closedBy: string; closedAt: Date };
  /** The border was alerted that the arrival day passed without the transfer being closed. */
  @Prop({ default: false }) closeAlerted!: boolean;
  @Prop({ type: [Object], default: [] }) history!: HistoryEvent[];
  outbox!: OutboxEntry[];
}
export const TransferSchema = withOutbox(SchemaFactory.createForClass(Transfer));
TransferSchema.index({ status: 1, plannedArrival: 1 });
TransferSchema.index({ borderCrossingPoint: 1, arrivalDate: 1 });

/**
 * One person's place at a crossing point on a day, claimed by inserting `<point>:<date>:<n>` (n = 1..capacity):
 * the unique _id is the only write the store applies atomically, so two notices can never book the same place.
 */
@Schema({ collection: 'capacity-slots', timestamps: true })
export class CapacitySlot {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) point!: string;
  @Prop({ required: true }) date!: string;
  @Prop({ required: true }) n!: number;
  @Prop({ required: true }) transferId!: string;
  @Prop({ required: true }) caseNumber!: string;
}
export const CapacitySlotSchema = SchemaFactory.createForClass(CapacitySlot);
CapacitySlotSchema.index({ point: 1, date: 1 });
CapacitySlotSchema.index({ transferId: 1 });

/** One person's outcome at the border, recorded once (_id `<transferId>#<partnerReference>`). */
@Schema({ collection: 'handover-records', timestamps: true })
export class HandoverRecord {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) transferId!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) outcome!: 'arrived' | 'not-arrived';
  @Prop() identityChecked?: boolean;
  @Prop() documentChecked?: boolean;
  @Prop() note?: string;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const HandoverRecordSchema = SchemaFactory.createForClass(HandoverRecord);
HandoverRecordSchema.index({ transferId: 1 });

/**
 * The closing of a transfer, inserted once (_id the transfer id) with its outbox: transfer.completed and one
 * person-arrived per arrived person are published exactly once, however many officers press "close".
 */
@Schema({ collection: 'completions', timestamps: true })
export class Completion {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: [String], required: true }) handedOver!: string[];
  @Prop({ type: [String], required: true }) notArrived!: string[];
  @Prop({ required: true }) closedBy!: string;
  @Prop({ required: true }) closedAt!: Date;
  outbox!: OutboxEntry[];
}
export const CompletionSchema = withOutbox(SchemaFactory.createForClass(Completion));

/** A time-limit event raised once per case, point and limit (alert N days before, expiry). */
@Schema({ collection: 'deadline-events', timestamps: true })
export class DeadlineEvent {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) event!: string;
  @Prop({ required: true }) at!: Date;
}
export const DeadlineEventSchema = SchemaFactory.createForClass(DeadlineEvent);

/**
 * A cancellation that arrived before its notice (they travel on different topics, so their order is not kept):
 * kept so that the notice, when it comes, books nothing. _id is `<partner>:<transferReference>`.
 */
@Schema({ collection: 'early-cancellations', timestamps: true })
export class EarlyCancellation {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ required: true }) messageId!: string;
}
export const EarlyCancellationSchema = SchemaFactory.createForClass(EarlyCancellation);

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { OutboxEntry, withOutbox } from '@readmission/persistence';

/** One partner message as kept in a case's history: what the interface defines, with its headers and time. */
export interface MessageHistoryEntry {
  direction: 'inbound' | 'outbound';
  type: string;
  ceId: string;
  causationId?: string;
  /** Received (inbound) or queued for sending (outbound; published right after, or by the outbox relay). */
  at: Date;
  headers: Record<string, string>;
  payload: Record<string, unknown>;
}

/** A registered application, owned by intake (collection `cases`). */
@Schema({ collection: 'cases', timestamps: true })
export class IntakeCase {
  @Prop({ type: String }) _id!: string; // the case number, RA-YYYY-NNNNNN
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) agreement!: string;
  /** The rulebook version the application was judged under. */
  @Prop({ required: true }) rulebookVersion!: string;
  @Prop({ required: true }) procedure!: string;
  @Prop({ required: true }) category!: string;
  @Prop({ required: true }) status!: string;
  @Prop({ required: true }) receivedAt!: Date;
  /** When the acknowledgement of receipt was sent (the Swiss reply clock starts here). */
  @Prop({ required: true }) acknowledgedAt!: Date;
  @Prop({ required: true }) replyDueBy!: Date;
  /** Every time limit computed at registration, with its rule and the calendars it relied on. */
  @Prop({ type: [Object], default: [] }) deadlines!: { name: string; dueDate: string; dueBy: Date; rule: string; calendarBasis: string[] }[];
  /** Hash of the submitted application, to tell a harmless resend from a reused reference. */
  @Prop({ required: true }) contentHash!: string;
  /** Surname, given names, previous surnames and aliases folded for diacritics-insensitive search. */
  @Prop({ required: true }) searchName!: string;
  /** ce_id of every partner message applied to this case (idempotency). */
  @Prop({ type: [String], default: [] }) inboundIds!: string[];
  /** replyId of every reply published for this case (idempotency). */
  @Prop({ type: [String], default: [] }) replyIds!: string[];
  @Prop({ type: [Object], default: [] }) history!: MessageHistoryEntry[];
  outbox!: OutboxEntry[];
}

export type IntakeCaseDocument = HydratedDocument<IntakeCase>;
export const IntakeCaseSchema = withOutbox(SchemaFactory.createForClass(IntakeCase));
IntakeCaseSchema.index({ partnerCode: 1, partnerReference: 1 }, { unique: true });
IntakeCaseSchema.index({ inboundIds: 1 });
IntakeCaseSchema.index({ receivedAt: -1 });

/**
 * Partner messages that belong to no case (rejections, transfer notices, transfer replies), kept for the same
 * record of transmission and receipt. Collection `partner-messages`; _id is `in:<partner>:<ce_id>` or `out:<replyId>`.
 */
@Schema({ collection: 'partner-messages', timestamps: true })
export class PartnerMessageLog {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) recordKey!: string;
  @Prop({ required: true }) outcome!: string;
  @Prop({ type: [Object], default: [] }) history!: MessageHistoryEntry[];
  outbox!: OutboxEntry[];
}
export const PartnerMessageLogSchema = withOutbox(SchemaFactory.createForClass(PartnerMessageLog));
PartnerMessageLogSchema.index({ partnerCode: 1, recordKey: 1 });

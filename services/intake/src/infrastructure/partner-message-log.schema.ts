import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { protectFields, withOutbox } from '@readmission/persistence';
import { MessageHistoryEntry } from '../domain/message-history';

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
  /** When the retention sweep erased the messages' content (docs/security.md); absent while it is kept. */
  @Prop() purgedAt?: Date;
}
/** The messages' payloads are personal data: sealed at rest (docs/security.md). */
export const PartnerMessageLogSchema = protectFields(withOutbox(SchemaFactory.createForClass(PartnerMessageLog)), {
  encrypt: ['history.payload'],
});
PartnerMessageLogSchema.index({ partnerCode: 1, recordKey: 1 });

/** The log id of an inbound partner message that belongs to no case. */
export function inboundLogId(partnerCode: string, ceId: string): string {
  return `in:${partnerCode}:${ceId}`;
}

/** The log id of a reply that belongs to no case. */
export function replyLogId(replyId: string): string {
  return `out:${replyId}`;
}

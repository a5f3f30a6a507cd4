import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Deadline } from '@readmission/agreements';
import { protectFields, withOutbox } from '@readmission/persistence';
import { MessageHistoryEntry } from '../domain/message-history';
import { searchKeysOfHistory } from '../domain/search-name';

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
  /** Every time limit computed at registration, with its rule, rulebook version and the calendars it relied on. */
  @Prop({ type: [Object], default: [] }) deadlines!: Deadline[];
  /** Hash of the submitted application, to tell a harmless resend from a reused reference. */
  @Prop({ required: true }) contentHash!: string;
  /** Search keys of the surname, given names, previous surnames and aliases (search-name.ts), stored as blind indexes. */
  @Prop({ type: [String], default: [] }) searchKeys!: string[];
  /** ce_id of every partner message applied to this case (idempotency). */
  @Prop({ type: [String], default: [] }) inboundIds!: string[];
  /** replyId of every reply published for this case (idempotency). */
  @Prop({ type: [String], default: [] }) replyIds!: string[];
  @Prop({ type: [Object], default: [] }) history!: MessageHistoryEntry[];
  /** When the retention sweep erased the messages' content (docs/security.md); absent while it is kept. */
  @Prop() purgedAt?: Date;
}

/** Personal data at rest (docs/security.md): the partner messages' payloads sealed, the name search keys blinded. */
export const IntakeCaseSchema = protectFields(withOutbox(SchemaFactory.createForClass(IntakeCase)), {
  encrypt: ['history.payload'],
  blind: ['searchKeys'],
  deriveBlind: (doc) => ({ searchKeys: searchKeysOfHistory((doc.history ?? []) as MessageHistoryEntry[]) }),
});
IntakeCaseSchema.index({ searchKeys: 1 });
IntakeCaseSchema.index({ partnerCode: 1, partnerReference: 1 }, { unique: true });
IntakeCaseSchema.index({ inboundIds: 1 });
IntakeCaseSchema.index({ receivedAt: -1 });

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The service's `inbox` collection: which messages each consumer has handled (see Inbox). Two kinds of records:
 * - the delivery record, _id `<consumer>:<message id>`: inserted with state 'started' before the effect, set to
 *   'done' (with the result) after it; a record left 'started' is a delivery that crashed or failed;
 * - the completion record, _id `<consumer>/done:<message id>`: inserted once after the effect. Its unique insert
 *   decides which delivery completed first (FerretDB 1.x applies concurrent updates of one document without
 *   atomicity, an insert of one _id atomically), and it holds the result every later delivery repeats.
 * Consumer names hold no `:` or `/`, so the two kinds of _id never meet.
 */
@Schema({ collection: 'inbox', versionKey: false, minimize: false })
export class InboxRecord {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) consumer!: string;
  @Prop({ required: true }) messageId!: string;
  /** Hash of the message's content, when the consumer gives one: a different message reusing the id is refused. */
  @Prop() fingerprint?: string;
  /** Delivery records only. */
  @Prop({ type: String, enum: ['started', 'done'] }) state?: 'started' | 'done';
  @Prop() startedAt?: Date;
  @Prop() doneAt?: Date;
  /** What the effect returned (small: ids, an outcome), for a consumer that must repeat its first answer. */
  @Prop({ type: Object }) result?: unknown;
}

export const InboxRecordSchema = SchemaFactory.createForClass(InboxRecord);
InboxRecordSchema.index({ state: 1, startedAt: 1 }); // operators: deliveries left 'started'

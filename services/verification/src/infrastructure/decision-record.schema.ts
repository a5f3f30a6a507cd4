import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutboxEntry, withOutbox } from '@readmission/persistence';
import { DecisionBasis } from '../domain/verification-case';

/**
 * The decision on a case, inserted once (its _id is the case number): the unique key is the one write every
 * store applies atomically, so concurrent deciders (two instances, an officer and the deadline sweep) yield
 * exactly one decision. Its outbox carries the partner reply and the internal event.
 */
@Schema({ collection: 'decisions', timestamps: true })
export class DecisionRecord {
  @Prop({ type: String }) _id!: string;
  @Prop({ type: String, required: true }) decision!: 'accepted' | 'refused';
  @Prop({ type: String, required: true }) basis!: DecisionBasis;
  @Prop() grounds?: string;
  @Prop({ required: true }) decidedAt!: Date;
  @Prop({ required: true }) deemed!: boolean;
  @Prop({ required: true }) decidedBy!: string;
  outbox!: OutboxEntry[];
}
export const DecisionRecordSchema = withOutbox(SchemaFactory.createForClass(DecisionRecord));

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { DecisionBasis } from '../domain/verification-case';

/**
 * The decision on a case, inserted once (its _id is the case number): the unique key is the one write every
 * store applies atomically, so concurrent deciders (two instances, an officer and the deadline sweep) yield
 * exactly one decision. The case records it afterwards, with the events it publishes (see DecideCase).
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
  /** Four eyes: the officer who took a refusal or override that `decidedBy` confirmed. */
  @Prop() firstOfficer?: string;
  /** The message that led to the decision, named as the cause of the events it publishes. */
  @Prop() causationId?: string;
}
export const DecisionRecordSchema = SchemaFactory.createForClass(DecisionRecord);

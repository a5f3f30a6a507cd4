import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A time-limit event raised once per case, point and limit (alert N days before, expiry). */
@Schema({ collection: 'deadline-events', timestamps: true })
export class DeadlineEvent {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) event!: string;
  @Prop({ required: true }) at!: Date;
}
export const DeadlineEventSchema = SchemaFactory.createForClass(DeadlineEvent);

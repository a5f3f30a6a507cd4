import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A time-limit event raised once per case and point (alert at N hours, overdue, deemed), whatever the instance count. */
@Schema({ collection: 'deadline-events', timestamps: true })
export class DeadlineEvent {
  @Prop({ type: String }) _id!: string; // `<caseNumber>:<event>:<dueBy ISO>`
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) event!: string;
  @Prop({ required: true }) at!: Date;
}
export const DeadlineEventSchema = SchemaFactory.createForClass(DeadlineEvent);

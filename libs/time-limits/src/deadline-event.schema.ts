import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One time-limit event (an alert, a deemed acceptance, an expiry...) of one subject for one due instant,
 * collection `deadline-events` of each service. The _id is `<subject>:<event>:<dueBy ISO>`: inserting it is the
 * claim (the one write FerretDB 1.x applies atomically), so several instances raise an event once, and an
 * extension (a new dueBy) is a new event.
 */
@Schema({ collection: 'deadline-events', versionKey: false })
export class DeadlineEvent {
  @Prop({ type: String }) _id!: string;
  /** The case number, transfer id or referral id the limit belongs to. */
  @Prop({ required: true }) subject!: string;
  /** Which time limit: reply, interview, travel-document, transfer, referral, follow-up... */
  @Prop({ required: true }) limit!: string;
  @Prop({ required: true }) event!: string;
  @Prop({ required: true }) dueBy!: Date;
  /** `claimed` until the event's act, audit, count and log are through; a claim found later is resumed. */
  @Prop({ required: true, enum: ['claimed', 'done'] }) state!: 'claimed' | 'done';
  @Prop({ required: true }) claimedAt!: Date;
  /** How many runs took the claim (more than 1: a run was resumed after a crash or a failure). */
  @Prop({ required: true, default: 1 }) attempts!: number;
  @Prop() doneAt?: Date;
}
export const DeadlineEventSchema = SchemaFactory.createForClass(DeadlineEvent);
DeadlineEventSchema.index({ state: 1, claimedAt: 1 });
DeadlineEventSchema.index({ subject: 1 });

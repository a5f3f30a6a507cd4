import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { protectFields } from '@readmission/persistence';
import { Deadline } from '@readmission/agreements';
import { FollowUpStatus } from '../domain/follow-up-plan';
import { SustainabilityScore } from '../domain/sustainability-score';

/** A scheduled follow-up, 3, 6 or 12 months after arrival (collection `follow-ups`, _id `<case>:M<months>`: insert-once). */
@Schema({ collection: 'follow-ups', timestamps: true })
export class FollowUp {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) month!: number;
  @Prop({ required: true }) scheduledOn!: string;
  /** The end of the grace period (as in `deadline`, kept for queries and lists). */
  @Prop({ required: true }) dueBy!: Date;
  /** The computed date and grace, each with its rule (absent on follow-ups scheduled before they were kept). */
  @Prop({ type: Object }) checkpoint?: Deadline;
  @Prop({ type: Object }) deadline?: Deadline;
  /** The overdue alert was raised (the sweep then leaves it out). */
  @Prop({ default: false }) overdueAlerted!: boolean;
  @Prop({ required: true, type: String }) status!: FollowUpStatus;
  @Prop({ type: Object }) indicators?: Record<string, unknown>;
  @Prop({ type: Object }) score?: SustainabilityScore;
  @Prop() notes?: string;
  @Prop() recordedAt?: Date;
  @Prop() recordedBy?: string;
}
/** The follow-up's indicators (housing, income, health) and notes are sealed; the score stays readable for the statistics (docs/security.md). */
export const FollowUpSchema = protectFields(SchemaFactory.createForClass(FollowUp), { encrypt: ['indicators', 'notes'] });
FollowUpSchema.index({ caseNumber: 1 });
FollowUpSchema.index({ status: 1, dueBy: 1 });

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { protectFields } from '@readmission/persistence';
import { Deadline } from '@readmission/agreements';
import { ReferralStatus, SharedWithBody } from '../domain/referral';

/** A referral of a returnee to a body (collection `referrals`). */
@Schema({ collection: 'referrals', timestamps: true })
export class Referral {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) bodyCode!: string;
  @Prop({ required: true }) bodyName!: string;
  /** The version of the referral bodies the body and its deadline were taken from. */
  @Prop() referralBodiesVersion?: string;
  /** The case worker answerable for the referral. */
  @Prop({ required: true }) owner!: string;
  @Prop({ required: true }) purpose!: string;
  @Prop() area?: string;
  @Prop({ required: true }) sentAt!: Date;
  /** The deadline's last Baku day and instant (as in `deadline`, kept for queries and lists). */
  @Prop({ required: true }) dueOn!: string;
  @Prop({ required: true }) dueBy!: Date;
  /** The deadline in words: rule, then calendars. */
  @Prop({ required: true }) dueBasis!: string;
  /** The computed deadline: rule, bodies version, calendars (absent on referrals sent before it was kept). */
  @Prop({ type: Object }) deadline?: Deadline;
  /** The overdue alert was raised (the sweep then leaves it out). */
  @Prop({ default: false }) overdueAlerted!: boolean;
  @Prop({ required: true, type: String }) status!: ReferralStatus;
  @Prop({ type: [Object], default: [] }) statusHistory!: { status: string; at: Date; by: string; note?: string }[];
  @Prop() outcome?: string;
  @Prop() closedAt?: Date;
  /** What was shared with the body: personal data only with the returnee's recorded consent for it. */
  @Prop({ type: Object, required: true }) shared!: SharedWithBody;
}
/** What was shared with the body (personal data with consent) and the purpose are sealed at rest (docs/security.md). */
export const ReferralSchema = protectFields(SchemaFactory.createForClass(Referral), { encrypt: ['shared.data', 'purpose'] });
ReferralSchema.index({ caseNumber: 1 });
ReferralSchema.index({ status: 1, dueBy: 1 });
// The gauge of referrals overdue per body (ReferralsOverdueGauge): index-backed on MongoDB.
ReferralSchema.index({ status: 1, dueBy: 1, bodyCode: 1 });

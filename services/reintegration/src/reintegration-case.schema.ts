import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CaseStatus, ReferralStatus } from './domain';

export interface HistoryEntry {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

/**
 * A returning national's support case, owned by reintegration (collection `reintegration-cases`). Opened once per
 * arrival (the case number is the _id: a unique-key insert). Unaccompanied minors start `awaiting-guardian`.
 */
@Schema({ collection: 'reintegration-cases', timestamps: true })
export class ReintegrationCase {
  @Prop({ type: String }) _id!: string; // the readmission case number
  @Prop({ required: true }) partnerCode!: string;
  @Prop() partnerReference?: string;
  @Prop({ required: true }) transferReference!: string;
  @Prop({ required: true, type: String }) status!: CaseStatus;
  @Prop({ required: true }) arrivedAt!: Date;
  @Prop({ required: true }) openedAt!: Date;
  @Prop({ required: true }) borderCrossingPoint!: string;
  @Prop({ type: Object, required: true }) person!: Record<string, unknown>;
  @Prop({ type: [Object], default: [] }) family!: Record<string, unknown>[];
  /** Flags from the application and the handover. */
  @Prop({ required: true }) familyArrivedTogether!: boolean;
  /** Present only when the person consented to share it (as in person-arrived). */
  @Prop({ type: Object }) assistance?: Record<string, unknown>;
  @Prop({ required: true }) assistanceNeeded!: boolean;
  @Prop({ required: true }) unaccompaniedMinor!: boolean;
  @Prop() caseWorker?: string;
  /** Guardian or child protection body (unaccompanied minors: required before anything else). */
  @Prop({ type: Object }) guardian?: Record<string, unknown>;
  /** Consent to share personal data, per body (the latest record per body counts). */
  @Prop({ type: [Object], default: [] }) consents!: { bodyCode: string; given: boolean; recordedAt: Date; recordedBy: string; note?: string }[];
  @Prop({ type: Object }) assessment?: { areas: { area: string; level: string; notes?: string }[]; assessedAt: Date; assessedBy: string };
  @Prop({ type: [Object], default: [] }) plan!: { id: string; service: string; area?: string; provider: string; budgetLine?: string; status: string; notes?: string; updatedAt: Date }[];
  @Prop() outcome?: string;
  @Prop() closeReason?: string;
  @Prop() closedAt?: Date;
  @Prop({ type: [Object], default: [] }) history!: HistoryEntry[];
}
export const ReintegrationCaseSchema = SchemaFactory.createForClass(ReintegrationCase);
ReintegrationCaseSchema.index({ status: 1, openedAt: -1 });
ReintegrationCaseSchema.index({ caseWorker: 1, status: 1 });

/** A referral of a returnee to a body (collection `referrals`). */
@Schema({ collection: 'referrals', timestamps: true })
export class Referral {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) bodyCode!: string;
  @Prop({ required: true }) bodyName!: string;
  /** The case worker answerable for the referral. */
  @Prop({ required: true }) owner!: string;
  @Prop({ required: true }) purpose!: string;
  @Prop() area?: string;
  @Prop({ required: true }) sentAt!: Date;
  @Prop({ required: true }) dueOn!: string;
  @Prop({ required: true }) dueBy!: Date;
  /** The overdue alert was raised (the sweep then leaves it out). */
  @Prop({ default: false }) overdueAlerted!: boolean;
  @Prop({ required: true }) dueBasis!: string;
  @Prop({ required: true, type: String }) status!: ReferralStatus;
  @Prop({ type: [Object], default: [] }) statusHistory!: { status: string; at: Date; by: string; note?: string }[];
  @Prop() outcome?: string;
  @Prop() closedAt?: Date;
  /** What was shared with the body: personal data only with the returnee's recorded consent for it. */
  @Prop({ type: Object, required: true }) shared!: { personalData: boolean; fields: string[]; consentRecordedAt?: Date; data?: Record<string, unknown> };
}
export const ReferralSchema = SchemaFactory.createForClass(Referral);
ReferralSchema.index({ caseNumber: 1 });
ReferralSchema.index({ status: 1, dueBy: 1 });

/** A scheduled follow-up, 3, 6 or 12 months after arrival (collection `follow-ups`, _id `<case>:M<months>`: insert-once). */
@Schema({ collection: 'follow-ups', timestamps: true })
export class FollowUp {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) month!: number;
  @Prop({ required: true }) scheduledOn!: string;
  @Prop({ required: true }) dueBy!: Date;
  /** The overdue alert was raised (the sweep then leaves it out). */
  @Prop({ default: false }) overdueAlerted!: boolean;
  @Prop({ required: true }) status!: 'scheduled' | 'recorded' | 'cancelled';
  @Prop({ type: Object }) indicators?: Record<string, unknown>;
  @Prop({ type: Object }) score?: { economic: number; social: number; psychosocial: number; score: number };
  @Prop() notes?: string;
  @Prop() recordedAt?: Date;
  @Prop() recordedBy?: string;
}
export const FollowUpSchema = SchemaFactory.createForClass(FollowUp);
FollowUpSchema.index({ caseNumber: 1 });
FollowUpSchema.index({ status: 1, dueBy: 1 });

/** One raised alert, claimed by inserting its deterministic _id (several instances sweeping raise it once). */
@Schema({ collection: 'reintegration-alerts', versionKey: false })
export class ReintegrationAlert {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true }) at!: Date;
}
export const ReintegrationAlertSchema = SchemaFactory.createForClass(ReintegrationAlert);

/** Reintegration's own projection of each readmission's milestones, for the statistics (collection `readmission-timeline`). */
@Schema({ collection: 'readmission-timeline', versionKey: false })
export class ReadmissionTimeline {
  @Prop({ type: String }) _id!: string; // case number
  @Prop() partnerCode?: string;
  @Prop() agreement?: string;
  @Prop() category?: string;
  @Prop() receivedAt?: Date;
  @Prop() decision?: 'accepted' | 'refused';
  @Prop() decidedAt?: Date;
  @Prop() arrivedAt?: Date;
  @Prop() openedAt?: Date;
}
export const ReadmissionTimelineSchema = SchemaFactory.createForClass(ReadmissionTimeline);

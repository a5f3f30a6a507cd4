import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OutboxEntry, withOutbox } from '@readmission/persistence';

export type VerificationStatus = 'awaiting-review' | 'awaiting-interview' | 'decided' | 'withdrawn' | 'overdue';
export const OPEN_STATUSES: VerificationStatus[] = ['awaiting-review', 'awaiting-interview', 'overdue'];

/** What the platform proposes for an undecided case, and why (shown to the officer in the work queue). */
export interface Proposal {
  action: 'accept' | 'refuse' | 'interview' | 'review';
  basis?: 'proof' | 'prima-facie' | 'interview' | 'registry';
  grounds?: string;
  why: string;
}

/** One thing that happened to the case, for its history. */
export interface CaseEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

/**
 * A case under verification, owned by verification (collection `verification-cases`). The decision itself is a
 * separate, insert-once document (`decisions`), so that two instances can never decide one case twice.
 */
@Schema({ collection: 'verification-cases', timestamps: true })
export class VerificationCase {
  @Prop({ type: String }) _id!: string; // case number
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) partnerReference!: string;
  @Prop({ required: true }) agreement!: string;
  @Prop({ required: true }) rulebookVersion!: string;
  @Prop({ type: Object, required: true }) agreementRules!: Record<string, unknown>;
  @Prop({ required: true }) category!: string;
  @Prop({ required: true }) procedure!: string;
  @Prop({ required: true }) receivedAt!: Date;
  /** The reply time limit in force (moved by an extension). */
  @Prop({ required: true }) replyDueBy!: Date;
  /** The reply time limit before any extension: extensions count from it. */
  @Prop({ required: true }) originalReplyDueBy!: Date;
  @Prop({ required: true }) status!: VerificationStatus;
  @Prop({ type: Object, required: true }) application!: Record<string, unknown>;
  /** The partner's ce_id of the application: partner replies name it as their cause. */
  @Prop() applicationMessageId?: string;
  /** Evidence classified by the rulebook: which item established what. */
  @Prop({ type: Object }) assessment?: Record<string, unknown>;
  /** Registry candidates and contested documents, kept for the officer. */
  @Prop({ type: Object }) registry?: { source: string; candidates: Record<string, unknown>[]; contestedDocuments: { type: string; number: string; heldBy: string[] }[]; contradictingDocuments?: { type: string; number: string; heldBy: string[] }[]; checkedAt: Date };
  @Prop({ type: Object }) proposal?: Proposal;
  /** What an officer found that the evidence rules depend on (e.g. airside transit only). */
  @Prop({ type: Object }) findings?: { airsideTransitOnly?: boolean };
  @Prop({ type: Object }) interview?: { requestedBy: 'partner' | 'platform'; at: Date; place: string; outcome?: string; notes?: string; recordedBy?: string };
  @Prop({ type: Object }) decision?: { decision: string; basis: string; grounds?: string; decidedAt: Date; deemed: boolean; decidedBy: string };
  /** Alert points (hours before the reply falls due) already raised. */
  @Prop({ type: [Number], default: [] }) alertsRaised!: number[];
  @Prop({ default: false }) escalated!: boolean;
  /** ce_id of every event applied (idempotency of supplements and withdrawals). */
  @Prop({ type: [String], default: [] }) appliedIds!: string[];
  @Prop({ type: [Object], default: [] }) history!: CaseEvent[];
  outbox!: OutboxEntry[];
}
export const VerificationCaseSchema = withOutbox(SchemaFactory.createForClass(VerificationCase));
VerificationCaseSchema.index({ status: 1, replyDueBy: 1 });

/**
 * The decision on a case, inserted once (its _id is the case number): the unique key is the one write every
 * store applies atomically, so concurrent deciders (two instances, an officer and the deadline sweep) yield
 * exactly one decision. Its outbox carries the partner reply and the internal event.
 */
@Schema({ collection: 'decisions', timestamps: true })
export class DecisionRecord {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) decision!: string;
  @Prop({ required: true }) basis!: string;
  @Prop() grounds?: string;
  @Prop({ required: true }) decidedAt!: Date;
  @Prop({ required: true }) deemed!: boolean;
  @Prop({ required: true }) decidedBy!: string;
  outbox!: OutboxEntry[];
}
export const DecisionRecordSchema = withOutbox(SchemaFactory.createForClass(DecisionRecord));

/** A time-limit event raised once per case and point (alert at N hours, overdue, deemed), whatever the instance count. */
@Schema({ collection: 'deadline-events', timestamps: true })
export class DeadlineEvent {
  @Prop({ type: String }) _id!: string; // `<caseNumber>:<event>`
  @Prop({ required: true }) caseNumber!: string;
  @Prop({ required: true }) event!: string;
  @Prop({ required: true }) at!: Date;
}
export const DeadlineEventSchema = SchemaFactory.createForClass(DeadlineEvent);

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AgreementRules, Deadline } from '@readmission/agreements';
import { ApplicationSubmittedV1 } from '@readmission/contracts';
import { OutboxEntry, protectFields, withOutbox } from '@readmission/persistence';
import { EvidenceAssessment, EvidenceFindings } from '../domain/evidence';
import { personNameKeys } from '../domain/work-queue';
import { CaseEvent, Outcome, PendingDecision, Proposal, VerificationStatus } from '../domain/verification-case';

/** Registry candidates and contested documents, kept for the officer. */
export interface RegistryCheck {
  source: string;
  candidates: Record<string, unknown>[];
  contestedDocuments: { type: string; number: string; heldBy: string[] }[];
  contradictingDocuments?: { type: string; number: string; heldBy: string[] }[];
  /** The matching record says the person is not a citizen (its personal id). */
  recordedNotCitizen?: string;
  checkedAt: Date;
}

/** The consular interview: when and where, who asked for it, and its outcome once recorded. */
export interface Interview {
  requestedBy: 'partner' | 'platform';
  at: Date;
  place: string;
  /** The interview time limit it was scheduled by (rule, calendars). */
  deadline?: Deadline;
  outcome?: string;
  notes?: string;
  recordedBy?: string;
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
  @Prop({ type: Object, required: true }) agreementRules!: AgreementRules;
  @Prop({ type: String, required: true }) category!: ApplicationSubmittedV1['category'];
  @Prop({ required: true }) procedure!: string;
  @Prop({ required: true }) receivedAt!: Date;
  /** The reply time limit in force (moved by an extension). */
  @Prop({ required: true }) replyDueBy!: Date;
  /** The reply time limit before any extension: extensions count from it. */
  @Prop({ required: true }) originalReplyDueBy!: Date;
  /** The last extension of the reply time limit, as computed (rule, calendars). */
  @Prop({ type: Object }) replyExtension?: Deadline;
  @Prop({ type: String, required: true }) status!: VerificationStatus;
  /** The application as it stands (supplements applied). */
  @Prop({ type: Object, required: true }) application!: ApplicationSubmittedV1;
  /** Every skeleton of every name of the person (domain/work-queue personNameKeys): the queue's search by name, stored as blind indexes. */
  @Prop({ type: [String], default: [] }) nameKeys!: string[];
  /** The partner's ce_id of the application: partner replies name it as their cause. */
  @Prop() applicationMessageId?: string;
  /** Evidence classified by the rulebook: which item established what. */
  @Prop({ type: Object }) assessment?: EvidenceAssessment;
  @Prop({ type: Object }) registry?: RegistryCheck;
  @Prop({ type: Object }) proposal?: Proposal;
  /** What an officer found that the evidence rules depend on (e.g. airside transit only). */
  @Prop({ type: Object }) findings?: EvidenceFindings;
  @Prop({ type: Object }) interview?: Interview;
  @Prop({ type: Object }) decision?: Outcome & { decidedAt: Date; decidedBy: string; firstOfficer?: string };
  /** A refusal or override waiting for a second officer (four eyes). */
  @Prop({ type: Object }) pendingDecision?: PendingDecision;
  /** The prima facie review window was acted on (accepted, or found contested), and the sweep no longer looks at it. */
  @Prop() reviewHandled?: boolean;
  /** Alert points (hours before the reply falls due) already raised. */
  @Prop({ type: [Number], default: [] }) alertsRaised!: number[];
  @Prop({ default: false }) escalated!: boolean;
  /** The reply time limit in force was acted on (deemed acceptance or overdue), and the sweep no longer looks at it. */
  @Prop() replyLimitHandled?: boolean;
  /**
   * ce_id of every event applied, pushed in the same write as its effect. Not a second inbox: the inbox reruns a use
   * case whose handling crashed, and this is that effect's own idempotence guard (the rerun changes nothing); the
   * sweep's alerts use it the same way for the TimeLimitMachine's re-run act.
   */
  @Prop({ type: [String], default: [] }) appliedIds!: string[];
  @Prop({ type: [Object], default: [] }) history!: CaseEvent[];
  /** When the retention sweep anonymised the case (docs/security.md); absent while its personal data is kept. */
  @Prop() purgedAt?: Date;
  outbox!: OutboxEntry[];
}
/**
 * Personal data at rest (docs/security.md): the application (person, documents, family, assistance), the registry
 * candidates and contested documents, the evidence assessment, the interview notes and the details of history events
 * are sealed; the name search keys are blind indexes; statuses, dates and time limits stay readable for queries and
 * statistics.
 */
export const VerificationCaseSchema = protectFields(withOutbox(SchemaFactory.createForClass(VerificationCase)), {
  encrypt: ['application', 'registry', 'assessment', 'findings', 'interview.notes', 'history.details'],
  blind: ['nameKeys'],
  // A blind-index key rotation computes the keys again from the application as it stands.
  deriveBlind: (doc) => {
    const person = (doc.application as Partial<ApplicationSubmittedV1> | undefined)?.person;
    return { nameKeys: person ? personNameKeys(person) : [] };
  },
});
VerificationCaseSchema.index({ status: 1, replyDueBy: 1 });
// The gauge of reply time limits falling due per partner (ReplyLimitsDueGauge): index-backed on MongoDB.
VerificationCaseSchema.index({ status: 1, replyDueBy: 1, partnerCode: 1 });
// The work queue's filters, each followed by the sort (the reply falling due first).
VerificationCaseSchema.index({ partnerCode: 1, status: 1, replyDueBy: 1 });
VerificationCaseSchema.index({ agreement: 1, status: 1, replyDueBy: 1 });
VerificationCaseSchema.index({ nameKeys: 1, replyDueBy: 1 });
VerificationCaseSchema.index({ partnerReference: 1 });
VerificationCaseSchema.index({ 'proposal.reviewEndsBy': 1 });

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { protectFields } from '@readmission/persistence';
import { Assessment, CaseStatus, Consent, HistoryEntry, PlanService } from '../domain/reintegration-case';

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
  /** The team (region) the case is assigned to by a case-worker lead; its case workers work on it. */
  @Prop() team?: string;
  /** Guardian or child protection body (unaccompanied minors: required before anything else). */
  @Prop({ type: Object }) guardian?: Record<string, unknown>;
  /** Consent to share personal data, per body (the latest record per body counts). */
  @Prop({ type: [Object], default: [] }) consents!: Consent[];
  @Prop({ type: Object }) assessment?: Assessment;
  @Prop({ type: [Object], default: [] }) plan!: PlanService[];
  @Prop() outcome?: string;
  @Prop() closeReason?: string;
  @Prop() closedAt?: Date;
  /** When the retention sweep anonymised the case (docs/security.md); absent while its personal data is kept. */
  @Prop() purgedAt?: Date;
  @Prop({ type: [Object], default: [] }) history!: HistoryEntry[];
  /** Ids of the time-limit events already noted in the history (a resumed event notes once). */
  @Prop({ type: [String], default: [] }) appliedIds!: string[];
}
/** Personal data at rest (docs/security.md): person, family, assistance and health needs, guardian, assessment, plan and history details are sealed; status, dates and outcome stay readable for the statistics. */
export const ReintegrationCaseSchema = protectFields(SchemaFactory.createForClass(ReintegrationCase), {
  encrypt: ['person', 'family', 'assistance', 'guardian', 'assessment', 'plan', 'history.details'],
});
ReintegrationCaseSchema.index({ status: 1, openedAt: -1 });
ReintegrationCaseSchema.index({ caseWorker: 1, status: 1 });
ReintegrationCaseSchema.index({ team: 1, status: 1 });

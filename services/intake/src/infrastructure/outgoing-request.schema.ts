import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AgreementRules, Deadline } from '@readmission/agreements';
import { RequestSubmittedV1 } from '@readmission/contracts';
import { protectFields, withOutbox } from '@readmission/persistence';
import { MessageHistoryEntry } from '../domain/message-history';
import { RequestStatus } from '../domain/outgoing-request';

/** The partner's reply on the merits, or the deemed acceptance when it stayed silent where silence is acceptance. */
export interface RequestDecision {
  decision: 'accepted' | 'refused';
  grounds?: string;
  decidedAt: Date;
  deemed: boolean;
}

/** Azerbaijan's advance notice of the transfer out of Azerbaijan. */
export interface RequestTransfer {
  transferReference: string;
  plannedDeparture: Date;
  plannedArrival: Date;
  borderCrossingPoint: string;
  departureCrossingPoint: string;
  notifiedAt: Date;
  notifiedBy: string;
  /** The crossing-points version the two points were checked against. */
  crossingPointsVersion?: string;
  /** The partner agreed to the notice (`readmission.request.transfer-confirmed.v1`), received at `at`. */
  confirmation?: { arrival: string; borderCrossingPoint: string; at: Date };
  /** The partner could not agree (`readmission.request.transfer-refused.v1`), received at `at`: the notice is set aside. */
  refusal?: { reasons: { code: string; message: string }[]; at: Date };
}

/** The partner rejected the request as invalid (`readmission.request.rejected.v1`): not a decision on the merits. */
export interface RequestRejection {
  reasons: { code: string; field?: string; message: string }[];
  /** As the partner stated it, and when Azerbaijan received it. */
  rejectedAt: string;
  receivedAt: Date;
}

/** What the platform or an officer did on a request (alerts, deemed acceptance, notice, handover). */
export interface RequestEvent {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

/** One of Azerbaijan's own readmission applications to a partner (collection `outgoing-requests`). */
@Schema({ collection: 'outgoing-requests', timestamps: true })
export class OutgoingRequest {
  @Prop({ type: String }) _id!: string; // the request number, AZR-YYYY-NNNNNN
  @Prop({ required: true }) partnerCode!: string;
  @Prop({ required: true }) agreement!: string;
  /** The rulebook version the application was checked under, and that agreement's rules (the reply sweep reads them). */
  @Prop({ required: true }) rulebookVersion!: string;
  @Prop({ type: Object, required: true }) agreementRules!: AgreementRules;
  @Prop({ required: true }) procedure!: string;
  @Prop({ type: String, required: true }) category!: RequestSubmittedV1['category'];
  @Prop({ type: String, required: true }) status!: RequestStatus;
  /** The officer who built and sent it (token subject). */
  @Prop({ required: true }) officer!: string;
  /** When it was written to the partner's topic (the partner's receipt, for the reply time limit). */
  @Prop({ required: true }) sentAt!: Date;
  /** The application as sent (personal data: sealed). */
  @Prop({ type: Object, required: true }) application!: RequestSubmittedV1;
  @Prop() acknowledgedAt?: Date;
  @Prop() partnerCaseReference?: string;
  /** The partner's reply time limit; absent until the acknowledgement it runs from (CH-AZ Art. 8(2)). */
  @Prop() replyDueBy?: Date;
  @Prop({ type: [Number], default: [] }) alertsRaised!: number[];
  /** Set once the reply time limit's last event (deemed acceptance or overdue) is done. */
  @Prop() replyLimitHandled?: boolean;
  @Prop() escalated?: boolean;
  @Prop({ type: Object }) decision?: RequestDecision;
  @Prop() transferDueBy?: Date;
  /** Set once the transfer time limit's expiry is done (the acceptance lapsed with no transfer notified). */
  @Prop() transferLimitHandled?: boolean;
  @Prop({ type: Object }) travelDocument?: { documentNumber: string; validFrom: string; validUntil: string };
  @Prop({ type: Object }) rejection?: RequestRejection;
  @Prop({ type: Object }) transfer?: RequestTransfer;
  /** Transfer notices the partner refused, oldest first (each with its refusal); the officer notified a new one after each. */
  @Prop({ type: [Object], default: [] }) refusedTransfers?: RequestTransfer[];
  @Prop({ type: Object }) handover?: { at: Date; crossingPoint: string; by: string };
  /** Every time limit computed, with its rule, rulebook version and calendars. */
  @Prop({ type: [Object], default: [] }) deadlines!: Deadline[];
  /** ce_ids of partner messages applied, and ids of time-limit events applied (idempotency). */
  @Prop({ type: [String], default: [] }) appliedIds!: string[];
  /** Messages exchanged with the partner about this request. */
  @Prop({ type: [Object], default: [] }) history!: MessageHistoryEntry[];
  @Prop({ type: [Object], default: [] }) events!: RequestEvent[];
  /** When the retention sweep erased its personal data (docs/security.md). */
  @Prop() purgedAt?: Date;
}

/** Personal data at rest (docs/security.md): the application and the messages' payloads are sealed. */
export const OutgoingRequestSchema = protectFields(withOutbox(SchemaFactory.createForClass(OutgoingRequest)), {
  encrypt: ['application', 'history.payload'],
});
OutgoingRequestSchema.index({ status: 1, replyDueBy: 1 });
OutgoingRequestSchema.index({ sentAt: -1 });
OutgoingRequestSchema.index({ status: 1, transferDueBy: 1 });
OutgoingRequestSchema.index({ status: 1, updatedAt: 1 });

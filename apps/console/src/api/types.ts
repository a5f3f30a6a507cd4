// What the console reads from the services. Their OpenAPI documents do not describe response bodies yet, so
// these are the shapes the services' READMEs document (request bodies come from ./generated when described).
export type ValueStatus = 'verified' | 'comparable' | 'assumed';
export interface Deadline {
  name: string;
  dueDate: string;
  dueBy: string;
  rule: string;
  rulebookVersion?: string;
  calendarBasis: string[];
}

export interface QueueItem {
  caseNumber: string;
  partnerCode: string;
  partnerReference: string;
  agreement: string;
  category: string;
  procedure: string;
  receivedAt: string;
  replyDueBy: string;
  status: string;
  hoursLeft: number;
  alert: string;
  escalated?: boolean;
  proposal?: { action: string; basis?: string; why?: string };
}
export interface Person {
  surname: string;
  givenNames: string;
  previousSurnames?: string[] | null;
  aliases?: string[] | null;
  sex?: string;
  dateOfBirth?: string;
  placeOfBirth?: string;
  lastResidence?: string;
  nationality?: string;
  languages?: string[];
  /** The photo the partner attached: a reference and its digest, not the image. */
  photo?: { attachmentId: string; sha256: string } | null;
}
export interface EvidenceItem {
  type: string;
  form?: string;
  number?: string;
  issuingCountry?: string;
  issuedOn?: string;
  expiresOn?: string;
  note?: string | null;
}
export interface Application {
  partnerReference: string;
  requestingAuthority?: { name: string; email?: string; phone?: string };
  procedure: string;
  category: string;
  person: Person;
  family?: { person?: Person; surname?: string; givenNames?: string; relationship?: string }[] | null;
  evidence: EvidenceItem[];
  interviewRequested?: boolean;
  escortRequired?: boolean;
  unaccompaniedMinor?: boolean;
}
export interface AssessedItem {
  index: number;
  type: string;
  form?: string;
  strength: string;
  establishes?: string;
  reason: string;
}
export interface Candidate {
  personalId?: string;
  score: number;
  surname?: string;
  givenNames?: string;
  dateOfBirth?: string;
  why?: string[] | string;
}
export interface HistoryEntry {
  at: string;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}
export interface AuditEntry {
  _id?: string;
  at: string;
  action: string;
  subject: string;
  actor?: string;
  by?: string;
  reason?: string;
  details?: Record<string, unknown>;
}
export interface VerificationCase extends QueueItem {
  rulebookVersion: string;
  originalReplyDueBy: string;
  application: Application;
  assessment?: {
    items: AssessedItem[];
    strongest: string;
    summary: string;
    rulesApplied?: {
      proof?: { annex: string; status: ValueStatus; source: string };
      primaFacie?: { annex: string; status: ValueStatus; source: string };
    };
  };
  registry?: { source: string; candidates: Candidate[]; contestedDocuments: unknown[]; checkedAt: string };
  proposal?: { action: string; basis?: string; grounds?: string; why?: string };
  interview?: { requestedBy: string; at: string; place: string; deadline?: Deadline; outcome?: string };
  decision?: { decision: string; basis: string; grounds?: string; decidedAt: string; deemed?: boolean };
  agreementRules?: { timeLimits?: { replyExtensionMax?: { value: number; unit: string; status: ValueStatus; source: string } } };
  extension?: { days: number; reason: string };
  history: HistoryEntry[];
  audit: AuditEntry[];
}
export interface PartnerMessage {
  direction: 'inbound' | 'outbound';
  type: string;
  ceId: string;
  at: string;
  payload: Record<string, unknown>;
}
export interface IntakeCase {
  caseNumber: string;
  partnerCode: string;
  partnerReference: string;
  agreement: string;
  procedure: string;
  category: string;
  status: string;
  receivedAt: string;
  replyDueBy: string;
  deadlines: Deadline[];
  history?: PartnerMessage[];
  person?: Person;
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ArrivalPerson {
  partnerReference: string;
  caseNumber: string;
  person?: Person & { photo?: unknown };
  family: (Person | { person?: Person; relationship?: string })[];
  unaccompaniedMinor: boolean;
  travelDocument?: { documentNumber: string; validUntil: string };
  recorded?: { outcome: string; recordedBy: string; recordedAt: string };
}
export interface ArrivalTransfer {
  partnerCode: string;
  transferReference: string;
  status: string;
  plannedArrival: string;
  transport?: { mode?: string; carrier?: string; flightNumber?: string };
  persons: ArrivalPerson[];
}
export interface Arrivals {
  borderCrossingPoint: string;
  date: string;
  transfers: ArrivalTransfer[];
}
export interface CrossingPoint {
  code: string;
  name: string;
  country?: string;
  date: string;
  capacity: number;
  booked: number;
  version: string;
}

export interface ReintegrationListItem {
  caseNumber: string;
  partnerCode: string;
  partnerReference: string;
  transferReference?: string;
  status: string;
  arrivedAt: string;
  openedAt: string;
  borderCrossingPoint: string;
  assistanceNeeded?: boolean;
  unaccompaniedMinor: boolean;
  caseWorker?: string;
  person?: Person;
}
export interface Referral {
  _id: string;
  bodyCode: string;
  bodyName: string;
  owner: string;
  purpose: string;
  sentAt: string;
  dueOn: string;
  dueBy: string;
  dueBasis: string;
  status: string;
  outcome?: string;
  shared?: { personalData: boolean; fields: string[] };
}
export interface FollowUp {
  _id: string;
  month: number;
  scheduledOn: string;
  dueBy: string;
  recordedAt?: string;
  score?: number | { total?: number; value?: number };
  indicators?: Record<string, unknown>;
}
export interface ReintegrationCase extends ReintegrationListItem {
  person?: Person;
  family: Person[];
  consents: { bodyCode: string; given: boolean; recordedAt: string; recordedBy: string }[];
  assessment?: { areas: { area: string; level: string; notes?: string }[]; recordedAt?: string; recordedBy?: string };
  plan: { id?: string; _id?: string; service: string; area?: string; provider: string; budgetLine?: string; status: string }[];
  history: HistoryEntry[];
  referrals: Referral[];
  followUps: FollowUp[];
  audit: AuditEntry[];
  closure?: { outcome: string; reason: string; closedAt: string };
  guardian?: { kind: string; name: string };
}
export interface ReferralBody {
  code: string;
  name: string;
  type: string;
  deadline: { value: number; unit: string; status: ValueStatus; source: string };
}
export interface Statistics {
  computedAt: string;
  readmissions: {
    byPartnerAgreementOutcomeYear: { partnerCode: string; agreement: string; outcome: string; year: number; count: number }[];
    receiptToDecision: Durations;
    receiptToTransfer: Durations;
    receiptToCaseOpening: Durations;
  };
  referralCompliance: {
    bodyCode: string;
    total: number;
    onTime: number;
    late: number;
    openOverdue: number;
    openWithinDeadline: number;
    complianceRate: number | null;
  }[];
  followUps: {
    month: number;
    scheduled: number;
    recorded: number;
    overdue: number;
    completionRate: number | null;
    meanScore: number | null;
    medianScore: number | null;
  }[];
  cases: { byStatus: Record<string, number>; byOutcome: Record<string, number> };
}
export interface Durations {
  count: number;
  medianDays: number | null;
  p90Days: number | null;
}

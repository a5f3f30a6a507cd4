import {
  AgreementRules,
  CalendarBook,
  Deadline,
  Rulebook,
  TimeLimit,
  bakuDate,
  computeDeadline,
  dateAtOffset,
  formatInstant,
  offsetOfInstant,
} from '@readmission/agreements';
import { CrossingPointsData, crossingPoint, partnerCrossingPoints } from '@readmission/agreements';
import { RequestSubmittedV1 } from '@readmission/contracts';

/**
 * Azerbaijan as the requesting state (docs/rules.md#azerbaijan-as-the-requesting-state): the migration service asks a
 * partner to readmit a person staying in Azerbaijan without authorisation. The agreements are reciprocal: the same
 * rulebook values apply the other way round, with the partner as the requested state (its working days, its
 * nationality, its visas and residence permits).
 */

export const REQUEST_STATUSES = [
  'submitted',
  'acknowledged',
  'accepted',
  'refused',
  'overdue',
  'rejected',
  'transfer-notified',
  'transfer-confirmed',
  'handed-over',
  'expired',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Where a later document of the workflow is accepted: the partner accepted (in words or by its silence). */
export const ACCEPTED_STATUSES: readonly RequestStatus[] = ['accepted', 'transfer-notified', 'transfer-confirmed'];

/** Before the partner decided: an acknowledgement, a decision or a rejection as invalid still changes the request's state. */
export const UNDECIDED_STATUSES: RequestStatus[] = ['submitted', 'acknowledged', 'overdue'];

/** A notified transfer the border officer may hand over: notified, or confirmed by the partner. */
export const TRANSFER_PENDING_STATUSES: RequestStatus[] = ['transfer-notified', 'transfer-confirmed'];

/** What an officer builds: the application as it will be sent, without the number and the time it is sent. */
export type RequestDraft = Omit<RequestSubmittedV1, 'requestNumber' | 'agreement' | 'submittedAt'>;

/** One reason the platform refuses to send: the field, a code, the rule in words and the article it applies. */
export interface RequestProblem {
  field: string;
  code: string;
  message: string;
  article: string;
}

export type RequestCheck = { ok: true; agreement: AgreementRules; deadlines: Deadline[] } | { ok: false; problems: RequestProblem[] };

/** The page that explains the rules of this workflow that the rulebook does not hold as values. */
export const OUTGOING_RULES = 'docs/rules.md#azerbaijan-as-the-requesting-state';

/** Request numbers run per year of sending (Baku time): AZR-YYYY-NNNNNN. */
export function formatRequestNumber(year: number, sequence: number): string {
  return `AZR-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Checks an application Azerbaijan is about to send against the rulebook in effect, exactly as the partner would
 * judge it: the agreement in force with the partner, the obligation for third-country nationals, the submission time
 * limits, and the evidence the partner must accept (its annexes read the other way round). Every problem is listed,
 * each naming its field and its article, so that the officer can mend them all at once.
 */
export function checkOutgoingRequest(
  draft: RequestDraft,
  partnerCode: string,
  now: Date,
  rulebook: Rulebook,
  calendars: CalendarBook,
): RequestCheck {
  const today = bakuDate(now);
  const applicable = rulebook.applicableAgreement(partnerCode, today);
  if (!applicable.applies)
    return fail([{ field: 'partner', code: 'no-applicable-agreement', message: applicable.reason, article: OUTGOING_RULES }]);
  const { agreement } = applicable;
  const problems: RequestProblem[] = [];
  const deadlines: Deadline[] = [];
  const foreigner = draft.category !== 'national';

  if (foreigner && today < agreement.thirdCountNationalsFrom.value)
    problems.push({
      field: 'category',
      code: 'obligation-not-in-force',
      message: `under ${agreement.code}, the obligation to readmit third-country nationals and stateless persons applies from ${agreement.thirdCountNationalsFrom.value} (${agreement.thirdCountNationalsFrom.status})`,
      article: agreement.thirdCountNationalsFrom.source,
    });

  if (foreigner && draft.knowledgeDate) {
    const limit = computeDeadline(
      'submitThirdCountryNational',
      agreement.timeLimits.submitThirdCountryNational,
      { date: draft.knowledgeDate },
      calendars,
      { rulebookVersion: rulebook.version },
    );
    if (draft.knowledgeDate > today)
      problems.push({
        field: 'knowledgeDate',
        code: 'invalid-date',
        message: `knowledgeDate ${draft.knowledgeDate} lies after today (${today})`,
        article: agreement.timeLimits.submitThirdCountryNational.source,
      });
    else if (now > limit.dueBy)
      problems.push({
        field: 'knowledgeDate',
        code: 'submission-time-limit-exceeded',
        message: `under ${agreement.code}, the application had to be sent by ${limit.dueDate} (${limit.rule}); today is ${today}`,
        article: agreement.timeLimits.submitThirdCountryNational.source,
      });
    else deadlines.push(limit);
  }

  if (draft.procedure === 'accelerated' && draft.apprehension)
    problems.push(...checkAccelerated(draft, agreement, now, rulebook, calendars, deadlines));
  problems.push(...checkEvidence(draft, partnerCode, agreement, now));
  return problems.length > 0 ? fail(problems) : { ok: true, agreement, deadlines };
}

/** The accelerated procedure: apprehended at or near the border, sent within Azerbaijan's working days (the requesting state's). */
function checkAccelerated(
  draft: RequestDraft,
  agreement: AgreementRules,
  now: Date,
  rulebook: Rulebook,
  calendars: CalendarBook,
  deadlines: Deadline[],
): RequestProblem[] {
  const apprehension = draft.apprehension!;
  const nearBorder = agreement.rules.acceleratedRequiresNearBorder;
  if (nearBorder.value && !apprehension.nearBorder)
    return [
      {
        field: 'apprehension.nearBorder',
        code: 'accelerated-procedure-not-applicable',
        message: `the accelerated procedure of ${agreement.code} is for persons apprehended at or near the border after crossing directly from the requested state (${nearBorder.status}); send under the normal procedure`,
        article: nearBorder.source,
      },
    ];
  const apprehendedAt = new Date(apprehension.at);
  const rule = agreement.timeLimits.submitAccelerated;
  if (apprehendedAt > now)
    return [
      {
        field: 'apprehension.at',
        code: 'invalid-date',
        message: `apprehension.at ${apprehension.at} lies in the future`,
        article: rule.source,
      },
    ];
  const offsetMinutes = offsetOfInstant(apprehension.at);
  const limit = computeDeadline('submitAccelerated', rule, { date: dateAtOffset(apprehendedAt, offsetMinutes), offsetMinutes }, calendars, {
    requestingState: 'AZ',
    rulebookVersion: rulebook.version,
  });
  if (now > limit.dueBy)
    return [
      {
        field: 'apprehension.at',
        code: 'submission-time-limit-exceeded',
        message: `under ${agreement.code}, an accelerated application had to be sent by ${formatInstant(limit.dueBy, offsetMinutes)} (${limit.rule}); send under the normal procedure`,
        article: rule.source,
      },
    ];
  deadlines.push(limit);
  return [];
}

/**
 * The evidence the partner must accept, its annexes read the other way round. A national: the person must be a
 * national of the partner, and the evidence must include a document of Annex 1 (proof) or Annex 2 (prima facie) of
 * the partner's nationality, a proof document issued by the partner itself; with neither, the application must ask
 * for an interview by the partner's consular post. A third-country national or stateless person: evidence of entry
 * from or stay in the partner state (Annexes 3 and 4), a visa or residence permit being one the partner issued.
 */
export function checkEvidence(draft: RequestDraft, partnerCode: string, agreement: AgreementRules, now: Date): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const today = bakuDate(now);
  if (draft.category === 'national') {
    const { proof, primaFacie } = agreement.evidence.national;
    if (draft.person.nationality !== partnerCode)
      problems.push({
        field: 'person.nationality',
        code: 'not-a-national-of-the-requested-state',
        message: `an application for a national of ${partnerCode} needs the person's nationality ${partnerCode} (given: ${draft.person.nationality}); a person of another nationality who came through ${partnerCode} is a third-country national`,
        article: proof.source,
      });
    draft.evidence.forEach((e, i) => {
      if (proof.value.includes(e.type) && e.issuingCountry && e.issuingCountry !== partnerCode)
        problems.push({
          field: `evidence[${i}].issuingCountry`,
          code: 'evidence-not-of-the-requested-state',
          message: `a ${e.type} issued by ${e.issuingCountry} proves no nationality of ${partnerCode}`,
          article: proof.source,
        });
      if (e.issuedOn && e.issuedOn > today)
        problems.push({
          field: `evidence[${i}].issuedOn`,
          code: 'invalid-date',
          message: `issued on ${e.issuedOn}, after today`,
          article: proof.source,
        });
    });
    const counted = draft.evidence.filter((e) => proof.value.includes(e.type) || primaFacie.value.includes(e.type));
    if (counted.length === 0 && !draft.interviewRequested)
      problems.push({
        field: 'evidence',
        code: 'no-evidence-of-nationality',
        message: `no document of ${agreement.code}'s annexes on proof (${proof.value.join(', ')}) or prima facie evidence (${primaFacie.value.join(', ')}) of nationality: add one, or ask for an interview by the consular post of ${partnerCode} (interviewRequested)`,
        article: `${proof.source}; ${primaFacie.source}`,
      });
    return problems;
  }
  const { proof, primaFacie } = agreement.evidence.thirdCountNational;
  if (draft.person.nationality === partnerCode)
    problems.push({
      field: 'category',
      code: 'national-of-the-requested-state',
      message: `the person is a national of ${partnerCode}: apply under category national`,
      article: proof.source,
    });
  const issuedPermits = ['visa', 'residence-permit'];
  draft.evidence.forEach((e, i) => {
    if (issuedPermits.includes(e.type) && e.issuingCountry !== partnerCode)
      problems.push({
        field: `evidence[${i}].issuingCountry`,
        code: 'evidence-not-of-the-requested-state',
        message: `a ${e.type} proves the obligation only when ${partnerCode} issued it (${e.issuingCountry ? `issued by ${e.issuingCountry}` : 'issuingCountry missing'})`,
        article: proof.source,
      });
  });
  if (!draft.evidence.some((e) => proof.value.includes(e.type) || primaFacie.value.includes(e.type)))
    problems.push({
      field: 'evidence',
      code: 'no-evidence-of-entry-or-stay',
      message: `no evidence of entry from, stay in or transit through ${partnerCode} of ${agreement.code}'s annexes on proof (${proof.value.join(', ')}) or prima facie evidence (${primaFacie.value.join(', ')})`,
      article: `${proof.source}; ${primaFacie.source}`,
    });
  return problems;
}

/**
 * The partner's reply time limit, mirrored: from receipt (the instant Azerbaijan's request was written to the
 * partner's topic) or, where the agreement says so (CH-AZ Art. 8(2)), from the partner's acknowledgement of receipt;
 * working days are the partner's. Undefined while the acknowledgement it runs from has not come.
 */
export function partnerReplyDeadline(
  agreement: AgreementRules,
  procedure: RequestDraft['procedure'],
  partnerCode: string,
  events: { sentAt: Date; acknowledgedAt?: Date },
  calendars: CalendarBook,
  rulebookVersion: string,
): Deadline | undefined {
  const name = procedure === 'accelerated' ? 'replyAccelerated' : 'replyNormal';
  const limit: TimeLimit = agreement.timeLimits[name];
  const start = limit.from === 'acknowledgement' ? events.acknowledgedAt : events.sentAt;
  if (!start) return undefined;
  return computeDeadline(name, limit, { date: bakuDate(start) }, calendars, { rulebookVersion, requestedState: partnerCode });
}

/** The transfer time limit after the partner's acceptance (or deemed acceptance). */
export function transferDeadline(agreement: AgreementRules, acceptedAt: Date, calendars: CalendarBook, rulebookVersion: string): Deadline {
  return computeDeadline('transfer', agreement.timeLimits.transfer, { date: bakuDate(acceptedAt) }, calendars, { rulebookVersion });
}

export interface TransferPlan {
  plannedDeparture: string;
  plannedArrival: string;
}

/** What a stored request holds for judging its transfer notice. */
export interface AcceptedRequest {
  status: RequestStatus;
  agreementRules: AgreementRules;
  transferDueBy?: Date;
  travelDocument?: { documentNumber: string; validFrom: string; validUntil: string };
  category: RequestDraft['category'];
}

/**
 * Azerbaijan's advance notice of a transfer (docs/rules.md#azerbaijan-as-the-requesting-state): only after the
 * partner accepted, at least the agreement's notice (3 working days of the partner: CH-AZ Art. 9(1)) before the
 * arrival, within the transfer time limit, and for a national on the partner's travel document, valid on arrival.
 */
export function checkTransferNotice(
  request: AcceptedRequest,
  plan: TransferPlan,
  partnerCode: string,
  now: Date,
  calendars: CalendarBook,
): RequestProblem[] {
  const rules = request.agreementRules;
  const notice = rules.timeLimits.advanceNotice;
  if (!ACCEPTED_STATUSES.includes(request.status))
    return [
      {
        field: 'requestNumber',
        code: 'not-accepted',
        message: `a transfer is notified only after the partner accepted the application (status: ${request.status})`,
        article: rules.timeLimits.transfer.source,
      },
    ];
  const problems: RequestProblem[] = [];
  const departure = new Date(plan.plannedDeparture);
  const arrival = new Date(plan.plannedArrival);
  if (arrival < departure)
    problems.push({
      field: 'plannedArrival',
      code: 'invalid-date',
      message: 'the arrival lies before the departure',
      article: OUTGOING_RULES,
    });
  const earliest = computeDeadline('advanceNotice', notice, { date: bakuDate(now) }, calendars, { requestedState: partnerCode });
  if (bakuDate(arrival) < earliest.dueDate)
    problems.push({
      field: 'plannedArrival',
      code: 'notice-too-late',
      message: `the partner must be notified at least ${notice.value} working days of ${partnerCode} before the arrival (${earliest.rule}; ${earliest.calendarBasis.join('; ')}): the earliest arrival for a notice sent today is ${earliest.dueDate}`,
      article: notice.source,
    });
  if (request.transferDueBy && arrival > new Date(request.transferDueBy))
    problems.push({
      field: 'plannedArrival',
      code: 'transfer-time-limit-exceeded',
      message: `the transfer time limit ends ${formatInstant(new Date(request.transferDueBy))}; the arrival must come before`,
      article: rules.timeLimits.transfer.source,
    });
  if (request.category === 'national') {
    if (!request.travelDocument)
      problems.push({
        field: 'travelDocument',
        code: 'no-travel-document',
        message: `${partnerCode} has not issued the travel document the person returns on`,
        article: rules.timeLimits.travelDocumentIssue.source,
      });
    else if (request.travelDocument.validUntil < bakuDate(arrival))
      problems.push({
        field: 'plannedArrival',
        code: 'travel-document-expired',
        message: `the travel document ${request.travelDocument.documentNumber} is valid until ${request.travelDocument.validUntil}, before the arrival`,
        article: rules.timeLimits.travelDocumentValidity.source,
      });
  }
  return problems;
}

/**
 * The crossing points of an outgoing transfer, checked against the crossing-point reference data in effect: the
 * partner's point (where the person is handed over) must be one of that partner's points, Azerbaijan's departure
 * point one of Azerbaijan's (docs/rules.md#azerbaijan-as-the-requesting-state).
 */
export function checkTransferCrossingPoints(
  points: { version: string; data: CrossingPointsData },
  partnerCode: string,
  input: { borderCrossingPoint: string; departureCrossingPoint: string },
): RequestProblem[] {
  const problems: RequestProblem[] = [];
  const partners = partnerCrossingPoints(points.data, partnerCode);
  if (!partners.some((p) => p.code === input.borderCrossingPoint))
    problems.push({
      field: 'borderCrossingPoint',
      code: 'unknown-crossing-point',
      message: `${input.borderCrossingPoint} is not a crossing point of ${partnerCode} in the crossing points ${points.version} (${
        partners.map((p) => p.code).join(', ') || `none listed for ${partnerCode}`
      })`,
      article: OUTGOING_RULES,
    });
  if (!crossingPoint(points.data, input.departureCrossingPoint))
    problems.push({
      field: 'departureCrossingPoint',
      code: 'unknown-crossing-point',
      message: `${input.departureCrossingPoint} is not one of Azerbaijan's crossing points in the crossing points ${points.version}`,
      article: OUTGOING_RULES,
    });
  return problems;
}

/** The reference of the n-th transfer notice of a request (a refused notice is followed by a new one). */
export function transferReferenceOf(requestNumber: string, attempt: number): string {
  return attempt <= 1 ? `AZT-${requestNumber}` : `AZT-${requestNumber}-${attempt}`;
}

function fail(problems: RequestProblem[]): RequestCheck {
  return { ok: false, problems };
}

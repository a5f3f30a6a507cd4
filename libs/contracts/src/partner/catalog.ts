import {
  ApplicationSubmittedV1,
  ApplicationSupplementedV1,
  ApplicationWithdrawnV1,
  RemedyLiftedV1,
  RemedyPendingV1,
  TransferCancelledV1,
  TransferNotifiedV1,
} from './inbound';
import {
  ApplicationAcknowledgedV1,
  ApplicationDecidedV1,
  ApplicationRejectedV1,
  InterviewScheduledV1,
  ReplyExtendedV1,
  TransferCompletedV1,
  TransferConfirmedV1,
  TransferRefusedV1,
  TravelDocumentIssuedV1,
  ApplicationWithdrawalConfirmedV1,
  TransferTimeLimitExtendedV1,
} from './outbound';
import {
  RequestAcknowledgedV1,
  RequestDecidedV1,
  RequestHandedOverV1,
  RequestSubmittedV1,
  RequestTransferNotifiedV1,
  RequestTravelDocumentIssuedV1,
} from './requests';
import { RequestRejectedV1, RequestTransferConfirmedV1, RequestTransferRefusedV1, TransitBorderRecordedV1 } from './request-answers';
import { MistakeAnsweredV1, MistakeReturnCompletedV1, MistakeReturnRequestedV1 } from './mistake';
import { TransitAcknowledgedV1, TransitConsentRevokedV1, TransitDecidedV1, TransitRequestedV1 } from './transit';
import { MessageDefinition } from '../message-definition';

/** Every message type of the partner interface v1: its payload class, its record key and its direction. */
export const PARTNER_INBOUND = {
  'readmission.application.submitted.v1': {
    type: 'readmission.application.submitted.v1',
    payload: ApplicationSubmittedV1,
    keyField: 'partnerReference',
    summary: 'A readmission application.',
  },
  'readmission.application.supplemented.v1': {
    type: 'readmission.application.supplemented.v1',
    payload: ApplicationSupplementedV1,
    keyField: 'partnerReference',
    summary: 'Further evidence or corrections for an application already submitted.',
  },
  'readmission.application.withdrawn.v1': {
    type: 'readmission.application.withdrawn.v1',
    payload: ApplicationWithdrawnV1,
    keyField: 'partnerReference',
    summary: 'The partner withdraws an application.',
  },
  'readmission.transfer.notified.v1': {
    type: 'readmission.transfer.notified.v1',
    payload: TransferNotifiedV1,
    keyField: 'transferReference',
    summary: 'Advance notice of a transfer, for one person or a group.',
  },
  'readmission.transfer.cancelled.v1': {
    type: 'readmission.transfer.cancelled.v1',
    payload: TransferCancelledV1,
    keyField: 'transferReference',
    summary: 'A notified transfer is cancelled.',
  },
  'readmission.remedy.pending.v1': {
    type: 'readmission.remedy.pending.v1',
    payload: RemedyPendingV1,
    keyField: 'partnerReference',
    summary:
      'Interface 1.1 (additive): an asylum application, appeal or other remedy is pending, or removal is suspended, for the person of an application; no transfer of the person is confirmed while it stands.',
  },
  'readmission.remedy.lifted.v1': {
    type: 'readmission.remedy.lifted.v1',
    payload: RemedyLiftedV1,
    keyField: 'partnerReference',
    summary: 'Interface 1.1 (additive): the remedy (or the suspension of removal) stated earlier no longer stands.',
  },
  'readmission.request.acknowledged.v1': {
    type: 'readmission.request.acknowledged.v1',
    payload: RequestAcknowledgedV1,
    keyField: 'requestNumber',
    summary: "Interface 1.1 (additive), Azerbaijan's requests: the partner acknowledges receipt of Azerbaijan's readmission request.",
  },
  'readmission.request.decided.v1': {
    type: 'readmission.request.decided.v1',
    payload: RequestDecidedV1,
    keyField: 'requestNumber',
    summary: "Interface 1.1 (additive), Azerbaijan's requests: the partner's reply on the merits; a refusal gives written grounds.",
  },
  'readmission.request.travel-document-issued.v1': {
    type: 'readmission.request.travel-document-issued.v1',
    payload: RequestTravelDocumentIssuedV1,
    keyField: 'requestNumber',
    summary: "Interface 1.1 (additive), Azerbaijan's requests: the partner issued the travel document the person returns on.",
  },
  'readmission.request.rejected.v1': {
    type: 'readmission.request.rejected.v1',
    payload: RequestRejectedV1,
    keyField: 'requestNumber',
    summary:
      "Interface 1.1 (additive), Azerbaijan's requests: the partner cannot accept Azerbaijan's application for processing (invalid message or application), each reason with its code and field; not a decision on the merits.",
  },
  'readmission.request.transfer-confirmed.v1': {
    type: 'readmission.request.transfer-confirmed.v1',
    payload: RequestTransferConfirmedV1,
    keyField: 'requestNumber',
    summary: "Interface 1.1 (additive), Azerbaijan's requests: the partner agrees to Azerbaijan's advance notice of the transfer.",
  },
  'readmission.request.transfer-refused.v1': {
    type: 'readmission.request.transfer-refused.v1',
    payload: RequestTransferRefusedV1,
    keyField: 'requestNumber',
    summary:
      "Interface 1.1 (additive), Azerbaijan's requests: the partner cannot agree to Azerbaijan's advance notice of the transfer, with its reasons; Azerbaijan may notify another transfer.",
  },
  'readmission.mistake.answered.v1': {
    type: 'readmission.mistake.answered.v1',
    payload: MistakeAnsweredV1,
    keyField: 'partnerReference',
    summary:
      'Interface 1.1 (additive): the partner answers a request for readmission by mistake: accepted (it takes the person back), or refused with written grounds.',
  },
  'readmission.transit.requested.v1': {
    type: 'readmission.transit.requested.v1',
    payload: TransitRequestedV1,
    keyField: 'transitReference',
    summary:
      'Interface 1.1 (additive): a request to let a third-country national transit under escort through Azerbaijan to a third state: type of transit, other transit states, final destination, the person, point of entry, time of transfer, escorts and the declaration that the conditions are met.',
  },
} as const satisfies Record<string, MessageDefinition>;

export const PARTNER_OUTBOUND = {
  'readmission.application.acknowledged.v1': {
    type: 'readmission.application.acknowledged.v1',
    payload: ApplicationAcknowledgedV1,
    keyField: 'partnerReference',
    summary: 'A valid application was registered.',
  },
  'readmission.application.rejected.v1': {
    type: 'readmission.application.rejected.v1',
    payload: ApplicationRejectedV1,
    keyField: 'partnerReference',
    summary: 'The message or application cannot be accepted for processing.',
  },
  'readmission.reply.extended.v1': {
    type: 'readmission.reply.extended.v1',
    payload: ReplyExtendedV1,
    keyField: 'partnerReference',
    summary: 'The reply time limit is extended within the agreement maximum.',
  },
  'readmission.interview.scheduled.v1': {
    type: 'readmission.interview.scheduled.v1',
    payload: InterviewScheduledV1,
    keyField: 'partnerReference',
    summary: 'A consular interview is arranged.',
  },
  'readmission.application.decided.v1': {
    type: 'readmission.application.decided.v1',
    payload: ApplicationDecidedV1,
    keyField: 'partnerReference',
    summary: 'The reply on the merits.',
  },
  'readmission.travel-document.issued.v1': {
    type: 'readmission.travel-document.issued.v1',
    payload: TravelDocumentIssuedV1,
    keyField: 'partnerReference',
    summary: 'The return certificate is issued.',
  },
  'readmission.transfer.confirmed.v1': {
    type: 'readmission.transfer.confirmed.v1',
    payload: TransferConfirmedV1,
    keyField: 'transferReference',
    summary: 'The notified transfer is agreed.',
  },
  'readmission.transfer.refused.v1': {
    type: 'readmission.transfer.refused.v1',
    payload: TransferRefusedV1,
    keyField: 'transferReference',
    summary: 'The notice cannot be agreed.',
  },
  'readmission.transfer.completed.v1': {
    type: 'readmission.transfer.completed.v1',
    payload: TransferCompletedV1,
    keyField: 'transferReference',
    summary: 'The handover at the border crossing point was recorded.',
  },
  'readmission.application.withdrawal-confirmed.v1': {
    type: 'readmission.application.withdrawal-confirmed.v1',
    payload: ApplicationWithdrawalConfirmedV1,
    keyField: 'partnerReference',
    summary:
      'Interface 1.1 (additive): what a withdrawal did at its stage: case closed before the decision; after an acceptance, the acceptance lapsed, the return certificates listed are cancelled and transfer notices for the person are refused; after a refusal or a transfer, nothing changed.',
  },
  'readmission.request.submitted.v1': {
    type: 'readmission.request.submitted.v1',
    payload: RequestSubmittedV1,
    keyField: 'requestNumber',
    summary:
      "Interface 1.1 (additive), Azerbaijan's requests: Azerbaijan asks the partner to readmit a person staying in Azerbaijan without authorisation.",
  },
  'readmission.request.transfer-notified.v1': {
    type: 'readmission.request.transfer-notified.v1',
    payload: RequestTransferNotifiedV1,
    keyField: 'requestNumber',
    summary: "Interface 1.1 (additive), Azerbaijan's requests: advance notice of the transfer of a person the partner accepted.",
  },
  'readmission.request.handed-over.v1': {
    type: 'readmission.request.handed-over.v1',
    payload: RequestHandedOverV1,
    keyField: 'requestNumber',
    summary: "Interface 1.1 (additive), Azerbaijan's requests: the person was handed over to the partner at the border.",
  },
  'readmission.transfer.time-limit-extended.v1': {
    type: 'readmission.transfer.time-limit-extended.v1',
    payload: TransferTimeLimitExtendedV1,
    keyField: 'partnerReference',
    summary:
      'Interface 1.1 (additive): the transfer time limit of an accepted person was extended (a pending remedy or suspension of removal lifted, or an officer extending it where the agreement allows): the new and the previous limit, why and under which article.',
  },
  'readmission.mistake.return-requested.v1': {
    type: 'readmission.mistake.return-requested.v1',
    payload: MistakeReturnRequestedV1,
    keyField: 'partnerReference',
    summary:
      "Interface 1.1 (additive): readmission by mistake: Azerbaijan established, within the agreement's period after the transfer, that the conditions were not met, and asks the partner to take the person back, with the grounds, the evidence and the rule applied.",
  },
  'readmission.mistake.return-completed.v1': {
    type: 'readmission.mistake.return-completed.v1',
    payload: MistakeReturnCompletedV1,
    keyField: 'partnerReference',
    summary: 'Interface 1.1 (additive): the return of a person readmitted by mistake was recorded at the border crossing point.',
  },
  'readmission.transit.acknowledged.v1': {
    type: 'readmission.transit.acknowledged.v1',
    payload: TransitAcknowledgedV1,
    keyField: 'transitReference',
    summary: 'Interface 1.1 (additive): a transit request was registered; the reply is due by `replyDueBy`.',
  },
  'readmission.transit.decided.v1': {
    type: 'readmission.transit.decided.v1',
    payload: TransitDecidedV1,
    keyField: 'transitReference',
    summary:
      'Interface 1.1 (additive): Azerbaijan consents to the transit (valid until `consentValidUntil`) or refuses it on a ground the agreement allows, with written grounds and the article applied.',
  },
  'readmission.transit.consent-revoked.v1': {
    type: 'readmission.transit.consent-revoked.v1',
    payload: TransitConsentRevokedV1,
    keyField: 'transitReference',
    summary: 'Interface 1.1 (additive): a consent to transit is revoked because facts standing in the way of the transit came to light.',
  },
  'readmission.transit.border-recorded.v1': {
    type: 'readmission.transit.border-recorded.v1',
    payload: TransitBorderRecordedV1,
    keyField: 'transitReference',
    summary:
      "Interface 1.1 (additive): Azerbaijan's border officer recorded the transit at the crossing point: the person entered Azerbaijan, left it onward, or did not arrive.",
  },
} as const satisfies Record<string, MessageDefinition>;

export type PartnerInboundType = keyof typeof PARTNER_INBOUND;
export type PartnerOutboundType = keyof typeof PARTNER_OUTBOUND;
export type PartnerInboundPayload<T extends PartnerInboundType> = InstanceType<(typeof PARTNER_INBOUND)[T]['payload']>;
export type PartnerOutboundPayload<T extends PartnerOutboundType> = InstanceType<(typeof PARTNER_OUTBOUND)[T]['payload']>;

import { REFERENCE_DATA_TOPIC } from '@readmission/contracts';

/**
 * Which topics each service reads and writes: the one table the broker's ACLs are generated from. It follows the
 * services' Kafka handlers (what they consume) and the records their use cases put in outboxes (what they
 * produce); `topic-access.spec.ts` checks it against the handlers' @EventPattern topics.
 * `partner-inbound` / `partner-outbound` stand for every partner's topic of that kind.
 */
export type TopicRef = string | 'partner-inbound' | 'partner-outbound';

export interface ServiceAccess {
  reads: TopicRef[];
  writes: TopicRef[];
}

const CASE_REGISTERED = 'readmission.internal.case-registered.v1';
const REPLY_REQUESTED = 'readmission.internal.partner-reply-requested.v1';
const SUPPLEMENTED = 'readmission.internal.application-supplemented.v1';
const WITHDRAWN = 'readmission.internal.application-withdrawn.v1';
const CASE_DECIDED = 'readmission.internal.case-decided.v1';
const TRANSFER_NOTIFIED = 'readmission.internal.transfer-notified.v1';
const TRANSFER_CANCELLED = 'readmission.internal.transfer-cancelled.v1';
const PERSON_ARRIVED = 'readmission.internal.person-arrived.v1';
const ACCEPTANCE_LAPSED = 'readmission.internal.acceptance-lapsed.v1';
const REMEDY_CHANGED = 'readmission.internal.remedy-changed.v1';
const MISTAKE_ANSWERED = 'readmission.internal.mistake-answered.v1';
const PERSON_RETURNED_BY_MISTAKE = 'readmission.internal.person-returned-by-mistake.v1';
const TRANSIT_REQUESTED = 'readmission.internal.transit-requested.v1';
const OUTGOING_TRANSFER = 'readmission.internal.outgoing-transfer-recorded.v1';

export const SERVICE_TOPIC_ACCESS = {
  /** Partners' messages in, replies out; routes each partner message to the internal event it becomes; the only
   *  writer of reference data (operators load it over intake's HTTP API). */
  intake: {
    reads: ['partner-inbound', REPLY_REQUESTED],
    writes: [
      'partner-outbound',
      CASE_REGISTERED,
      SUPPLEMENTED,
      WITHDRAWN,
      TRANSFER_NOTIFIED,
      TRANSFER_CANCELLED,
      REMEDY_CHANGED,
      MISTAKE_ANSWERED,
      TRANSIT_REQUESTED,
      OUTGOING_TRANSFER,
      REFERENCE_DATA_TOPIC,
    ],
  },
  verification: {
    reads: [CASE_REGISTERED, SUPPLEMENTED, WITHDRAWN, REFERENCE_DATA_TOPIC],
    writes: [CASE_DECIDED, ACCEPTANCE_LAPSED, REPLY_REQUESTED],
  },
  transfer: {
    reads: [
      CASE_DECIDED,
      ACCEPTANCE_LAPSED,
      TRANSFER_NOTIFIED,
      TRANSFER_CANCELLED,
      REMEDY_CHANGED,
      MISTAKE_ANSWERED,
      TRANSIT_REQUESTED,
      OUTGOING_TRANSFER,
      REFERENCE_DATA_TOPIC,
    ],
    writes: [PERSON_ARRIVED, PERSON_RETURNED_BY_MISTAKE, REPLY_REQUESTED],
  },
  reintegration: {
    reads: [CASE_REGISTERED, CASE_DECIDED, PERSON_ARRIVED, PERSON_RETURNED_BY_MISTAKE, REFERENCE_DATA_TOPIC],
    writes: [],
  },
} satisfies Record<string, ServiceAccess>;

export type ServiceName = keyof typeof SERVICE_TOPIC_ACCESS;
export const SERVICES = Object.keys(SERVICE_TOPIC_ACCESS) as ServiceName[];

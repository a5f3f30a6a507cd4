import { PartnerMessage } from '@readmission/contracts';
import { deterministicId } from '@readmission/platform';
import { INTAKE_SOURCE } from '../domain/event-sources';

/**
 * The CloudEvents metadata of an internal event intake routes from a partner's message: its id derives from `kind`,
 * the partner and the message's id (a redelivered message routes the same event, which consumers then skip), and the
 * message is its cause.
 */
export function routedEventMeta(kind: string, message: PartnerMessage, receivedAt: Date, subject?: string) {
  return {
    id: deterministicId(kind, message.partnerCode, message.envelope.id),
    source: INTAKE_SOURCE,
    time: receivedAt.toISOString(),
    ...(subject ? { subject } : {}),
    causationId: message.envelope.id,
  };
}

import { encodeInternalEvent } from '@readmission/contracts';
import { OutgoingRecord } from '@readmission/messaging';
import { deterministicId } from '@readmission/platform';
import { VerificationCase } from '../infrastructure/verification-case.schema';

/** The `source` of every event verification publishes. */
export const SOURCE = 'urn:readmission:verification';

type Addressee = Pick<VerificationCase, '_id' | 'partnerCode' | 'partnerReference' | 'applicationMessageId'>;

/**
 * A reply for intake to publish to the partner (`readmission.internal.partner-reply-requested.v1`); partner replies
 * answer the application (`ce_causationid` = its ce_id). Ids are derived from `replyId`, so a reply queued again
 * after a crash is the same message.
 */
export function partnerReply(
  found: Addressee,
  messageType: string,
  replyId: string,
  payload: Record<string, unknown>,
  now: Date,
  causationId?: string,
): OutgoingRecord {
  const answers = found.applicationMessageId;
  return encodeInternalEvent(
    'readmission.internal.partner-reply-requested.v1',
    {
      replyId,
      partnerCode: found.partnerCode,
      messageType,
      recordKey: found.partnerReference,
      caseNumber: found._id,
      ...(answers ? { causationId: answers } : {}),
      payload,
    },
    { id: deterministicId('reply-request', replyId), source: SOURCE, time: now.toISOString(), subject: found._id, causationId },
  );
}

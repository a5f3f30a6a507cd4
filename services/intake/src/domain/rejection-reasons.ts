import { RejectionCode } from '@readmission/contracts';

/** One reason of a rejection as the partner reads it: a code, the field it concerns, and a sentence. */
export interface RejectionReason {
  code: RejectionCode;
  field?: string;
  message: string;
}

export function duplicateReference(partnerReference: string, caseNumber: string): RejectionReason {
  return {
    code: 'duplicate-reference',
    field: '$.partnerReference',
    message: `partnerReference ${partnerReference} was already used for a different application (case ${caseNumber})`,
  };
}

export function unknownApplication(partnerCode: string, partnerReference: string, field = '$.partnerReference'): RejectionReason {
  return {
    code: 'unknown-reference',
    field,
    message: `no application with partnerReference ${partnerReference} was registered for ${partnerCode}`,
  };
}

/** A transfer notice naming no known case: one reason per reference, at most 50. */
export function unknownApplications(partnerCode: string, partnerReferences: string[]): RejectionReason[] {
  return partnerReferences.slice(0, 50).map((ref, i) => unknownApplication(partnerCode, ref, `$.partnerReferences[${i}]`));
}

export function unknownTransfer(partnerCode: string, transferReference: string): RejectionReason {
  return {
    code: 'unknown-reference',
    field: '$.transferReference',
    message: `no transfer ${transferReference} was notified by ${partnerCode}`,
  };
}

/** A ce_id the partner already used for a message with other content (CloudEvents: one id per distinct event). */
export function reusedMessageId(ceId: string): RejectionReason {
  return {
    code: 'invalid-message',
    field: 'headers.ce_id',
    message: `ce_id ${ceId} was already used by this partner for a message with other content; that message's answer stands; send this one with a new ce_id`,
  };
}

/** A transitReference the partner already used for another transit request. */
export function duplicateTransitReference(transitReference: string): RejectionReason {
  return {
    code: 'duplicate-reference',
    field: '$.transitReference',
    message: `transitReference ${transitReference} was already used for a different transit request`,
  };
}

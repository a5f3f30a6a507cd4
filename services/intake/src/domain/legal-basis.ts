import { AgreementRules, Rulebook } from '@readmission/agreements';
import { RejectionReason } from './rejection-reasons';

/** What a partner message is about, for the article its rejection points to. */
export type MessageTopic = 'application' | 'transfer' | 'other';

export function topicOf(messageType: string | undefined): MessageTopic {
  if (messageType === 'readmission.application.submitted.v1' || messageType === 'readmission.application.supplemented.v1')
    return 'application';
  if (messageType?.startsWith('readmission.transfer.')) return 'transfer';
  return 'other';
}

const INTERFACE = 'This concerns the partner interface (the readmission messages, version 1.x), not a decision under the agreement';
/** A message is at most 2000 characters (ApplicationRejectedV1). */
const MAX = 2000;

/**
 * The rule a rejection applies, in words a requesting authority can act on (docs/rules.md#what-every-answer-names):
 * the codes about the agreement (no-applicable-agreement, obligation-not-in-force, submission-time-limit-exceeded,
 * accelerated-procedure-not-applicable) name their article where the check is made; the codes about the interface
 * (invalid-message, unsupported-type, duplicate-reference, unknown-reference) say so here, what to do, and point to the
 * article on what an application (or a transfer notice) contains, from the partner's agreement in the rulebook.
 */
export function withLegalBasis(
  reason: RejectionReason,
  context: { partnerCode: string; messageType?: string; rulebook?: Rulebook; caseNumber?: string },
): RejectionReason {
  const agreement = partnerAgreement(context.rulebook, context.partnerCode);
  const topic = topicOf(context.messageType);
  let basis: string | undefined;
  switch (reason.code) {
    case 'invalid-message':
      basis = `${INTERFACE}: correct the message and send it again.${pointer(agreement, topic)}`;
      break;
    case 'unsupported-type':
      basis = `${INTERFACE}: send one of the message types of the interface.`;
      break;
    case 'duplicate-reference':
      basis = `${INTERFACE}: a partnerReference names one application. To add evidence or particulars to the registered application, send readmission.application.supplemented.v1 with this reference; a new application needs a new partnerReference.${pointer(agreement, 'application')}`;
      break;
    case 'unknown-reference':
      basis =
        topic === 'transfer'
          ? `${INTERFACE}: a transfer notice or cancellation names applications registered for ${context.partnerCode} (and a cancellation a transfer notified before); check the references.${pointer(agreement, 'transfer')}`
          : `${INTERFACE}: a supplement, withdrawal or remedy statement names an application registered for ${context.partnerCode}; check the reference, or submit the application first.${pointer(agreement, 'application')}`;
      break;
    default:
      return reason; // the rules of the agreement name their article where they are checked
  }
  if (reason.message.includes(INTERFACE)) return reason;
  return { ...reason, message: `${reason.message}. ${basis}`.slice(0, MAX) };
}

/** The agreement of a partner in the rulebook, in force or not (its articles still say what a message needs). */
function partnerAgreement(rulebook: Rulebook | undefined, partnerCode: string): AgreementRules | undefined {
  const partner = rulebook?.partner(partnerCode);
  return partner ? rulebook?.agreement(partner.agreement) : undefined;
}

/** The article on the content of an application, or on the advance notice of a transfer. */
function pointer(agreement: AgreementRules | undefined, topic: MessageTopic): string {
  if (!agreement) return topic === 'application' ? ' What an application contains: docs/rules.md#content-of-an-application.' : '';
  if (topic === 'transfer') {
    const notice = agreement.timeLimits.advanceNotice;
    return ` A transfer notice gives the date of the transfer, the border crossing point, escorts and other relevant information, at least ${notice.value} ${notice.unit.replace(/-/g, ' ')} before (${agreement.code}, ${notice.source}, ${notice.status}).`;
  }
  if (topic !== 'application') return '';
  const content = agreement.rules.applicationContent;
  if (!content) return ` What an application contains under ${agreement.code}: docs/rules.md#content-of-an-application.`;
  return ` What an application contains, as far as possible (${agreement.code}, ${content.source}, ${content.status}): ${content.value.join('; ')}.`;
}

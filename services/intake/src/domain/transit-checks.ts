import { AgreementRules, CalendarBook, Deadline, Rulebook, TransitRules, bakuDate, computeDeadline } from '@readmission/agreements';
import { TransitRequestedV1 } from '@readmission/contracts';
import { RejectionReason } from './rejection-reasons';

export type TransitCheck =
  | { ok: true; agreement: AgreementRules; transit: TransitRules; reply: Deadline }
  | { ok: false; reason: RejectionReason };

/**
 * A transit request's checks after its closed schema (docs/rules.md#transit), in the order the partner is told:
 * an agreement applicable on the Baku date of receipt, with transit rules in the rulebook in effect; Azerbaijan is
 * neither the destination nor another transit state; the time of transfer does not lie before receipt. Then the reply
 * time limit, from the agreement's `transit.reply`.
 */
export function checkTransitRequest(
  request: TransitRequestedV1,
  partnerCode: string,
  receivedAt: Date,
  rulebook: Rulebook,
  calendars: CalendarBook,
): TransitCheck {
  const receiptDate = bakuDate(receivedAt);
  const applicable = rulebook.applicableAgreement(partnerCode, receiptDate);
  if (!applicable.applies) return reject('no-applicable-agreement', applicable.reason);
  const { agreement } = applicable;
  if (!agreement.transit)
    return reject(
      'no-applicable-agreement',
      `rulebook ${rulebook.version}, in effect on ${receiptDate}, has no transit rules for ${agreement.code}: transit requests are handled from rulebook 2026.3 (docs/rules.md#transit)`,
    );
  if (request.finalDestination === 'AZ')
    return reject('invalid-message', 'finalDestination is Azerbaijan: ask for readmission, not transit', '$.finalDestination');
  const az = request.otherTransitStates.indexOf('AZ');
  if (az >= 0) return reject('invalid-message', 'otherTransitStates lists the states besides Azerbaijan', `$.otherTransitStates[${az}]`);
  if (request.finalDestination === partnerCode)
    return reject('invalid-message', `finalDestination is the requesting state ${partnerCode}`, '$.finalDestination');
  if (new Date(request.transferAt) < receivedAt)
    return reject('invalid-message', `transferAt ${request.transferAt} lies before the receipt of the request`, '$.transferAt');
  const reply = computeDeadline('transitReply', agreement.transit.reply, { date: receiptDate }, calendars, {
    rulebookVersion: rulebook.version,
  });
  return { ok: true, agreement, transit: agreement.transit, reply };
}

function reject(code: RejectionReason['code'], message: string, field?: string): TransitCheck {
  return { ok: false, reason: { code, message, ...(field ? { field } : {}) } };
}

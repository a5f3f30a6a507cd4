import {
  AgreementRules,
  CalendarBook,
  Deadline,
  Rulebook,
  bakuDate,
  computeDeadline,
  dateAtOffset,
  formatInstant,
  offsetOfInstant,
} from '@readmission/agreements';
import { ApplicationSubmittedV1, RejectionCode } from '@readmission/contracts';
import { RejectionReason } from './rejection-reasons';

export type ApplicationCheck = { ok: true; agreement: AgreementRules; deadlines: Deadline[] } | { ok: false; reason: RejectionReason };

/**
 * The agreement rules an application must pass after its closed schema, in the order the partner is told
 * about them: agreement applicable on the date of receipt, obligation in force, submission time limits.
 * Only the first failing rule is answered. The partner reference check needs the store and comes after.
 */
export function checkApplication(
  application: ApplicationSubmittedV1,
  partnerCode: string,
  receivedAt: Date,
  rulebook: Rulebook,
  calendars: CalendarBook,
): ApplicationCheck {
  const receiptDate = bakuDate(receivedAt);
  const applicable = rulebook.applicableAgreement(partnerCode, receiptDate);
  if (!applicable.applies) return reject('no-applicable-agreement', applicable.reason);
  const { agreement } = applicable;

  const foreigner = application.category !== 'national';
  if (foreigner && receiptDate < agreement.thirdCountNationalsFrom.value) {
    return reject(
      'obligation-not-in-force',
      `under ${agreement.code}, the obligation to readmit third-country nationals and stateless persons applies to applications received from ${agreement.thirdCountNationalsFrom.value} (${agreement.thirdCountNationalsFrom.source}, ${agreement.thirdCountNationalsFrom.status}); this one was received on ${receiptDate}`,
      '$.category',
    );
  }

  const deadlines: Deadline[] = [];
  if (foreigner && application.knowledgeDate) {
    if (application.knowledgeDate > receiptDate)
      return reject(
        'invalid-message',
        `knowledgeDate ${application.knowledgeDate} lies after the date of receipt ${receiptDate}`,
        '$.knowledgeDate',
      );
    const limit = computeDeadline(
      'submitThirdCountryNational',
      agreement.timeLimits.submitThirdCountryNational,
      { date: application.knowledgeDate },
      calendars,
      {
        rulebookVersion: rulebook.version,
      },
    );
    if (receivedAt > limit.dueBy) {
      return reject(
        'submission-time-limit-exceeded',
        `under ${agreement.code}, an application for a third-country national or stateless person must be submitted by ${limit.dueDate} (${limit.rule}); it was received on ${receiptDate}. A request for more time because legal or factual obstacles prevented a timely application is settled outside the platform`,
        '$.knowledgeDate',
      );
    }
    deadlines.push(limit);
  }

  if (application.procedure === 'accelerated' && application.apprehension) {
    const { apprehension } = application;
    if (agreement.rules.acceleratedRequiresNearBorder.value && !apprehension.nearBorder) {
      return reject(
        'accelerated-procedure-not-applicable',
        `the accelerated procedure of ${agreement.code} is for persons apprehended at or near the border after crossing directly from Azerbaijan (${agreement.rules.acceleratedRequiresNearBorder.source}, ${agreement.rules.acceleratedRequiresNearBorder.status}); submit under the normal procedure`,
        '$.apprehension.nearBorder',
      );
    }
    const apprehendedAt = new Date(apprehension.at);
    if (apprehendedAt > receivedAt)
      return reject('invalid-message', `apprehension.at ${apprehension.at} lies after the receipt of the application`, '$.apprehension.at');
    const offsetMinutes = offsetOfInstant(apprehension.at);
    const limit = computeDeadline(
      'submitAccelerated',
      agreement.timeLimits.submitAccelerated,
      { date: dateAtOffset(apprehendedAt, offsetMinutes), offsetMinutes },
      calendars,
      { requestingState: partnerCode, rulebookVersion: rulebook.version },
    );
    if (receivedAt > limit.dueBy) {
      return reject(
        'submission-time-limit-exceeded',
        `under ${agreement.code}, an application under the accelerated procedure must be submitted by ${formatInstant(limit.dueBy, offsetMinutes)} (${limit.rule}; ${limit.calendarBasis.join('; ')}); it was received at ${formatInstant(receivedAt)}: submit under the normal procedure`,
        '$.apprehension.at',
      );
    }
    deadlines.push(limit);
  }
  return { ok: true, agreement, deadlines };
}

/**
 * The reply time limit of a registered application, from the event the agreement names: receipt, or the
 * acknowledgement of receipt (CH-AZ Art. 8(2)). Both are instants of the platform's clock.
 */
export function replyDeadline(
  agreement: AgreementRules,
  procedure: ApplicationSubmittedV1['procedure'],
  events: { receivedAt: Date; acknowledgedAt: Date },
  calendars: CalendarBook,
  rulebookVersion?: string,
): Deadline {
  const name = procedure === 'accelerated' ? 'replyAccelerated' : 'replyNormal';
  const limit = agreement.timeLimits[name];
  const start = limit.from === 'acknowledgement' ? events.acknowledgedAt : events.receivedAt;
  if (limit.from !== 'acknowledgement' && limit.from !== 'receipt')
    throw new Error(`${agreement.code} ${name}: a reply cannot run from ${limit.from}`);
  return computeDeadline(name, limit, { date: bakuDate(start) }, calendars, { rulebookVersion });
}

function reject(code: RejectionCode, message: string, field?: string): ApplicationCheck {
  return { ok: false, reason: { code, message, ...(field ? { field } : {}) } };
}

import { CalendarBook, Deadline, ReferralBody, bakuDate, computeDeadline } from '@readmission/agreements';
import { ConflictError, RuleBrokenError } from '@readmission/errors';
import { Assessment, Consent } from './reintegration-case';

export const REFERRAL_STATUSES = ['sent', 'accepted', 'in-progress', 'done', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const OPEN_REFERRAL_STATUSES: ReferralStatus[] = ['sent', 'accepted', 'in-progress'];
/** Allowed moves of a referral's status; done and declined are final. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, ReferralStatus[]> = {
  sent: ['accepted', 'declined', 'in-progress', 'done'],
  accepted: ['in-progress', 'done', 'declined'],
  'in-progress': ['done', 'declined'],
  done: [],
  declined: [],
};

export const isFinal = (status: ReferralStatus): boolean => status === 'done' || status === 'declined';

/** Still open past its due date. */
export const isOverdue = (r: { status: ReferralStatus; dueBy: Date }, now: Date): boolean =>
  OPEN_REFERRAL_STATUSES.includes(r.status) && now.getTime() > new Date(r.dueBy).getTime();

/** A status change must be an allowed move, and a done or declined referral needs its outcome. */
export function checkReferralUpdate(id: string, current: ReferralStatus, next: { status: ReferralStatus; outcome?: string }): void {
  if (!REFERRAL_TRANSITIONS[current].includes(next.status))
    throw new ConflictError(`referral ${id} is ${current}: cannot become ${next.status}`, { status: current });
  if (isFinal(next.status) && !next.outcome) throw new RuleBrokenError(`a ${next.status} referral needs its outcome`);
}

/** What a referral shares with the body, as recorded on it. */
export interface SharedWithBody {
  personalData: boolean;
  fields: string[];
  consentRecordedAt?: Date;
  data?: Record<string, unknown>;
}

/**
 * Personal data goes to a body only with the returnee's consent for that body: without it the referral is
 * refused, unless the case worker asks for a referral without personal data (then only the assessed needs go).
 */
export function sharedWithBody(
  c: { _id: string; person: Record<string, unknown>; assistance?: Record<string, unknown>; assessment?: Assessment },
  bodyCode: string,
  consent: Consent | undefined,
  request: { area?: string; withoutPersonalData?: boolean },
): SharedWithBody {
  const consented = Boolean(consent?.given);
  if (!consented && !request.withoutPersonalData) {
    throw new ConflictError(
      `no consent recorded to share ${c._id}'s personal data with ${bodyCode}: record consent, or refer without personal data`,
    );
  }
  const needs = (c.assessment?.areas ?? [])
    .filter((a) => !request.area || a.area === request.area)
    .map((a) => ({ area: a.area, level: a.level }));
  if (!consented || request.withoutPersonalData) return { personalData: false, fields: ['needs'], data: { needs } };
  const { surname, givenNames, dateOfBirth, sex } = c.person;
  return {
    personalData: true,
    fields: ['person.surname', 'person.givenNames', 'person.dateOfBirth', 'person.sex', 'needs', ...(c.assistance ? ['assistance'] : [])],
    consentRecordedAt: consent?.recordedAt,
    data: { person: { surname, givenNames, dateOfBirth, sex }, needs, ...(c.assistance ? { assistance: c.assistance } : {}) },
  };
}

/**
 * A referral's deadline: the body's period (working days by Azerbaijan's official calendar, calendar days or
 * months) counted from the Baku date the referral is sent; due at the end of that Baku day. The deadline is for
 * the body to complete (done) or decline the referral. `bodiesVersion`: the referral bodies' version it came from.
 */
export function referralDeadline(body: ReferralBody, sentAt: Date, calendars: CalendarBook, bodiesVersion: string): Deadline {
  return computeDeadline(`referral:${body.code}`, { from: 'referral', ...body.deadline }, { date: bakuDate(sentAt) }, calendars, {
    rulebookVersion: bodiesVersion,
  });
}

/** The deadline in words, as kept on the referral: the rule, then the calendars it relied on. */
export const deadlineBasis = (d: Deadline): string => [d.rule, ...d.calendarBasis].join('; ');

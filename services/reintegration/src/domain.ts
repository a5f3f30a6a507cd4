/** Fixed vocabularies of the reintegration case: assessment areas, statuses, indicators and outcomes. */

export const NEED_AREAS = ['housing', 'employment-skills', 'vocational-training', 'health', 'psychosocial', 'documents', 'children-education', 'financial'] as const;
export type NeedArea = (typeof NEED_AREAS)[number];
export const NEED_LEVELS = ['none', 'low', 'medium', 'high', 'urgent'] as const;

export const SERVICE_STATUSES = ['planned', 'in-progress', 'delivered', 'cancelled'] as const;

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

export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
/** Calendar days after the scheduled date within which a follow-up is to be recorded; later it is overdue. */
export const FOLLOW_UP_GRACE_DAYS = 30;

export const CASE_OUTCOMES = ['sustainably-reintegrated', 'partially-reintegrated', 're-migrated', 'lost-contact', 'declined-support', 'deceased', 'other'] as const;

export const CASE_STATUSES = ['awaiting-guardian', 'open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

import { ConflictError } from '@readmission/errors';

/** Fixed vocabularies of the reintegration case (assessment areas, statuses, outcomes) and the rules of working on it. */

export const NEED_AREAS = [
  'housing',
  'employment-skills',
  'vocational-training',
  'health',
  'psychosocial',
  'documents',
  'children-education',
  'financial',
] as const;
export type NeedArea = (typeof NEED_AREAS)[number];
export const NEED_LEVELS = ['none', 'low', 'medium', 'high', 'urgent'] as const;

export const SERVICE_STATUSES = ['planned', 'in-progress', 'delivered', 'cancelled'] as const;

export const CASE_OUTCOMES = [
  'sustainably-reintegrated',
  'partially-reintegrated',
  're-migrated',
  'lost-contact',
  'declined-support',
  'deceased',
  /** The person was returned to the requesting state: readmitted by mistake (docs/rules.md#readmission-by-mistake). */
  'readmitted-by-mistake',
  'other',
] as const;

export const CASE_STATUSES = ['awaiting-guardian', 'open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** One line of a case's history. `by` is the case worker's token subject, or `system`. */
export interface HistoryEntry {
  at: Date;
  event: string;
  by: string;
  details?: Record<string, unknown>;
}

export interface Consent {
  bodyCode: string;
  given: boolean;
  recordedAt: Date;
  recordedBy: string;
  note?: string;
}

export interface Assessment {
  areas: { area: string; level: string; notes?: string }[];
  assessedAt: Date;
  assessedBy: string;
}

export interface PlanService {
  id: string;
  service: string;
  area?: string;
  provider: string;
  budgetLine?: string;
  status: string;
  notes?: string;
  updatedAt: Date;
}

/** What the rules below need to know of a case. */
export interface CaseState {
  _id: string;
  status: CaseStatus;
  unaccompaniedMinor: boolean;
  guardian?: unknown;
}

/** Nothing is done on a closed case. */
export function assertNotClosed(c: CaseState): void {
  if (c.status === 'closed') throw new ConflictError(`case ${c._id} is closed`, { status: c.status });
}

/** The case, open for work: not closed, and for an unaccompanied minor a guardian recorded first. */
export function assertWorkable(c: CaseState, action: string): void {
  assertNotClosed(c);
  if (c.unaccompaniedMinor && !c.guardian) {
    throw new ConflictError(
      `case ${c._id} is an unaccompanied minor's: a guardian or child protection body must be recorded before ${action}`,
      {
        status: c.status,
      },
    );
  }
}

/** The latest consent recorded for a body counts (a withdrawal follows a consent). */
export function latestConsent(consents: Consent[], bodyCode: string): Consent | undefined {
  return [...consents].reverse().find((x) => x.bodyCode === bodyCode);
}

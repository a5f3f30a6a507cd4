import { Injectable } from '@nestjs/common';
import { Caller } from '@readmission/auth';
import { Clock } from '@readmission/platform';
import { listScope } from '../domain/case-access';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';

export type CaseListView = 'all' | 'mine' | 'unassigned' | 'overdue-referrals' | 'overdue-follow-ups';

/** A case in a list: no personal details, history or work records. */
const LIST_FIELDS = {
  person: 0,
  family: 0,
  history: 0,
  assistance: 0,
  guardian: 0,
  consents: 0,
  assessment: 0,
  plan: 0,
  appliedIds: 0,
} as const;

/**
 * Case lists, newest first: all, mine (assigned to the caller), unassigned, or with an overdue referral or follow-up;
 * always within the caller's reach (their own and their teams' cases; leads also the cases given to no team).
 */
@Injectable()
export class ListCases {
  constructor(
    private readonly cases: ReintegrationCases,
    private readonly referrals: Referrals,
    private readonly followUps: FollowUps,
    private readonly clock: Clock,
  ) {}

  async execute(q: { view?: CaseListView; status?: string; limit: number }, caller: Caller) {
    const filter: Record<string, unknown> = q.status ? { status: q.status } : {};
    const scope = listScope(caller);
    if (scope) filter.$or = scope;
    if (q.view === 'mine') filter.caseWorker = caller.subject;
    if (q.view === 'unassigned') filter.caseWorker = { $exists: false };
    if (q.view === 'overdue-referrals') filter._id = { $in: await this.referrals.casesWithOverdue(this.clock.now()) };
    if (q.view === 'overdue-follow-ups') filter._id = { $in: await this.followUps.casesWithOverdue(this.clock.now()) };
    const items = await this.cases.find(filter, { projection: LIST_FIELDS, sort: { openedAt: -1 }, limit: q.limit });
    return items.map(({ _id, ...c }) => ({ caseNumber: _id, ...c }));
  }
}

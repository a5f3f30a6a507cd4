import { Injectable } from '@nestjs/common';
import { FilterQuery } from 'mongoose';
import { InvalidInputError } from '@readmission/errors';
import { Clock, Page, pageWindow } from '@readmission/platform';
import { alertLevel, hoursLeft } from '../domain/reply-time-limit';
import { OPEN_STATUSES } from '../domain/verification-case';
import { WorkQueueSearch, alertLevels, nameQueryKeys, replyDueWindow } from '../domain/work-queue';
import { VerificationCase } from '../infrastructure/verification-case.schema';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { VerificationSettings } from '../settings';

/** What the queue shows of a case: the application, rules and long records are on the case itself. */
const QUEUE_FIELDS = {
  partnerCode: 1,
  partnerReference: 1,
  agreement: 1,
  category: 1,
  procedure: 1,
  receivedAt: 1,
  replyDueBy: 1,
  status: 1,
  escalated: 1,
  proposal: 1,
  pendingDecision: 1,
  // Sealed (encrypted) as a whole: read whole and opened by the repository, the names taken from it.
  application: 1,
} as const;

/**
 * The officers' work queue: undecided cases (or those of one status), filtered by partner, agreement, alert level,
 * name in any spelling, case number or partner reference, the reply falling due first, a page at a time with the
 * total. Every filter is served by an index of the case collection followed by the sort.
 */
@Injectable()
export class ListWorkQueue {
  private readonly points: readonly number[];

  constructor(
    private readonly cases: VerificationCases,
    private readonly clock: Clock,
    settings: VerificationSettings,
  ) {
    this.points = settings.REPLY_ALERT_HOURS;
  }

  async execute(query: WorkQueueSearch) {
    const now = this.clock.now();
    const filter = this.filter(query, now);
    const [found, total] = await Promise.all([
      this.cases.find(filter, { projection: QUEUE_FIELDS, sort: { replyDueBy: 1, _id: 1 }, ...pageWindow(query) }),
      this.cases.count(filter),
    ]);
    const items = found.map(({ _id, application, ...c }) => {
      const dueBy = new Date(c.replyDueBy);
      return {
        caseNumber: _id,
        ...c,
        person: { surname: application?.person?.surname, givenNames: application?.person?.givenNames },
        hoursLeft: Math.round(hoursLeft(dueBy, now) * 10) / 10,
        alert: alertLevel(dueBy, now, this.points),
      };
    });
    return { items, total, page: query.page, pageSize: query.pageSize } satisfies Page<unknown>;
  }

  private filter(q: WorkQueueSearch, now: Date): FilterQuery<VerificationCase> {
    const filter: FilterQuery<VerificationCase> = { status: q.status ?? { $in: [...OPEN_STATUSES] } };
    if (q.partner) filter.partnerCode = q.partner;
    if (q.agreement) filter.agreement = q.agreement;
    if (q.caseNumber) filter._id = q.caseNumber;
    if (q.partnerReference) filter.partnerReference = q.partnerReference;
    if (q.name) {
      const tokens = nameQueryKeys(q.name);
      // Every word typed must be one of the person's names (in any spelling); nothing typed that is a name: nothing found.
      filter.$and = tokens.length ? tokens.map((alternatives) => ({ nameKeys: { $in: alternatives } })) : [{ nameKeys: { $in: [] } }];
    }
    if (q.alert) {
      const w = replyDueWindow(q.alert, now, this.points);
      if (!w)
        throw new InvalidInputError(`no alert level ${q.alert}`, [
          { path: '$.alert', message: `one of ${alertLevels(this.points).join(', ')}` },
        ]);
      filter.replyDueBy = {
        ...(w.from ? { [w.fromExclusive ? '$gt' : '$gte']: w.from } : {}),
        ...(w.to ? { [w.toExclusive ? '$lt' : '$lte']: w.to } : {}),
      };
    }
    return filter;
  }
}

import { Injectable } from '@nestjs/common';
import { Clock } from '@readmission/platform';
import { alertLevel, hoursLeft } from '../domain/reply-time-limit';
import { OPEN_STATUSES, VerificationStatus } from '../domain/verification-case';
import { VerificationCases } from '../infrastructure/verification-cases.repository';
import { VerificationSettings } from '../settings';

/** What the queue leaves out: the application, rules and the long records are on the case itself. */
const QUEUE_FIELDS = { application: 0, agreementRules: 0, history: 0, appliedIds: 0, registry: 0, assessment: 0 } as const;

/** The officers' work queue: undecided cases (or those of one status), the reply falling due first, with their alert level. */
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

  async execute(query: { status?: VerificationStatus; limit: number }) {
    const filter = query.status ? { status: query.status } : { status: { $in: [...OPEN_STATUSES] } };
    const items = await this.cases.find(filter, { projection: QUEUE_FIELDS, sort: { replyDueBy: 1 }, limit: query.limit });
    const now = this.clock.now();
    return items.map(({ _id, ...c }) => {
      const dueBy = new Date(c.replyDueBy);
      return { caseNumber: _id, ...c, hoursLeft: Math.round(hoursLeft(dueBy, now) * 10) / 10, alert: alertLevel(dueBy, now, this.points) };
    });
  }
}

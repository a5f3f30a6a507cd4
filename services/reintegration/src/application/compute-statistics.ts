import { Injectable } from '@nestjs/common';
import { Clock } from '@readmission/platform';
import { caseOutcomes, followUpFigures, readmissionFigures, referralCompliance } from '../domain/statistics';
import { FollowUps } from '../infrastructure/follow-ups.repository';
import { ReadmissionTimelines } from '../infrastructure/readmission-timeline.repository';
import { Referrals } from '../infrastructure/referrals.repository';
import { ReintegrationCases } from '../infrastructure/reintegration-cases.repository';

/** The statistics: the rows each figure needs, read through the repositories, computed by the domain (see domain/statistics). */
@Injectable()
export class ComputeStatistics {
  constructor(
    private readonly timeline: ReadmissionTimelines,
    private readonly referrals: Referrals,
    private readonly followUps: FollowUps,
    private readonly cases: ReintegrationCases,
    private readonly clock: Clock,
  ) {}

  async execute() {
    const now = this.clock.now();
    const [timeline, referrals, followUps, cases] = await Promise.all([
      this.timeline.find({}, { projection: { _id: 0 } }),
      this.referrals.find({}, { projection: { _id: 0, bodyCode: 1, status: 1, dueBy: 1, closedAt: 1 } }),
      this.followUps.find({}, { projection: { _id: 0, month: 1, status: 1, dueBy: 1, 'score.score': 1 } }),
      this.cases.find({}, { projection: { _id: 0, status: 1, outcome: 1 } }),
    ]);
    return {
      computedAt: now,
      readmissions: readmissionFigures(timeline),
      referralCompliance: referralCompliance(referrals, now),
      followUps: followUpFigures(
        followUps.map((f) => ({ month: f.month, status: f.status, dueBy: f.dueBy, score: f.score?.score })),
        now,
      ),
      cases: caseOutcomes(cases),
    };
  }
}

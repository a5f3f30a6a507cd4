import { Controller, Get } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { Roles } from '@readmission/auth';
import { Clock } from '@readmission/platform';
import { FollowUp, ReadmissionTimeline, Referral, ReintegrationCase } from './reintegration-case.schema';
import { caseOutcomes, followUpFigures, readmissionFigures, referralCompliance } from './statistics';

@ApiTags('statistics')
@Controller('reintegration-statistics')
export class StatisticsController {
  constructor(
    @InjectModel(ReadmissionTimeline.name) private readonly timeline: Model<ReadmissionTimeline>,
    @InjectModel(Referral.name) private readonly referrals: Model<Referral>,
    @InjectModel(FollowUp.name) private readonly followUps: Model<FollowUp>,
    @InjectModel(ReintegrationCase.name) private readonly cases: Model<ReintegrationCase>,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Readmissions by partner, agreement, outcome and year; durations (median, 90th percentile); referral deadline compliance per body; follow-up completion and scores; case outcomes.' })
  async statistics() {
    const now = this.clock.now();
    const [timeline, referrals, followUps, cases] = await Promise.all([
      this.timeline.find({}, { _id: 0 }).lean().exec(),
      this.referrals.find({}, { _id: 0, bodyCode: 1, status: 1, dueBy: 1, closedAt: 1 }).lean().exec(),
      this.followUps.find({}, { _id: 0, month: 1, status: 1, dueBy: 1, 'score.score': 1 }).lean().exec(),
      this.cases.find({}, { _id: 0, status: 1, outcome: 1 }).lean().exec(),
    ]);
    return {
      computedAt: now,
      readmissions: readmissionFigures(timeline),
      referralCompliance: referralCompliance(referrals, now),
      followUps: followUpFigures(followUps.map((f) => ({ month: f.month, status: f.status, dueBy: f.dueBy, score: f.score?.score })), now),
      cases: caseOutcomes(cases),
    };
  }
}

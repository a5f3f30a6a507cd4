import { DynamicModule, Module } from '@nestjs/common';
import { PlatformOptions, ServiceModuleParts, serviceModule } from '@readmission/platform';
import { ReferenceDataModule } from '@readmission/reference-data';
import { TimeLimitsModule } from '@readmission/time-limits';
import { AssessNeeds } from './application/assess-needs';
import { AssignCaseWorker } from './application/assign-case-worker';
import { CaseAccess } from './application/case-access';
import { CloseCase } from './application/close-case';
import { CloseCaseAfterReturnByMistake } from './application/close-case-after-return-by-mistake';
import { ComputeStatistics } from './application/compute-statistics';
import { ListCases } from './application/list-cases';
import { OpenReintegrationCase } from './application/open-reintegration-case';
import { PlanServices } from './application/plan-services';
import { RecordCaseDecision } from './application/record-case-decision';
import { RecordCaseRegistered } from './application/record-case-registered';
import { RecordConsent } from './application/record-consent';
import { RecordFollowUp } from './application/record-follow-up';
import { RecordGuardian } from './application/record-guardian';
import { ReferToBody } from './application/refer-to-body';
import { ReferralBodies } from './application/referral-bodies';
import { ShowCase } from './application/show-case';
import { ReferralsOverdueGauge } from './application/referrals-overdue-gauge';
import { PurgePersonalData } from './application/purge-personal-data';
import { SweepOverdueReferralsAndFollowUps } from './application/sweep-overdue-referrals-and-follow-ups';
import { UpdateReferral } from './application/update-referral';
import { FollowUp, FollowUpSchema } from './infrastructure/follow-up.schema';
import { FollowUps } from './infrastructure/follow-ups.repository';
import { ReadmissionTimeline, ReadmissionTimelineSchema } from './infrastructure/readmission-timeline.schema';
import { ReadmissionTimelines } from './infrastructure/readmission-timeline.repository';
import { ReferenceReferralBodies } from './infrastructure/reference-referral-bodies';
import { Referral, ReferralSchema } from './infrastructure/referral.schema';
import { Referrals } from './infrastructure/referrals.repository';
import { ReintegrationCase, ReintegrationCaseSchema } from './infrastructure/reintegration-case.schema';
import { ReintegrationCases } from './infrastructure/reintegration-cases.repository';
import { ReferralBodiesController } from './interface/http/referral-bodies.controller';
import { ReintegrationCasesController } from './interface/http/reintegration-cases.controller';
import { StatisticsController } from './interface/http/statistics.controller';
import { PersonArrivedHandler } from './interface/kafka/person-arrived.handler';
import { ReadmissionTimelineHandler } from './interface/kafka/readmission-timeline.handler';

const USE_CASES = [
  OpenReintegrationCase,
  RecordCaseRegistered,
  RecordCaseDecision,
  AssignCaseWorker,
  CaseAccess,
  RecordGuardian,
  RecordConsent,
  AssessNeeds,
  PlanServices,
  ReferToBody,
  UpdateReferral,
  RecordFollowUp,
  CloseCase,
  CloseCaseAfterReturnByMistake,
  ListCases,
  ShowCase,
  ComputeStatistics,
  SweepOverdueReferralsAndFollowUps,
  ReferralsOverdueGauge,
  PurgePersonalData,
];

const REPOSITORIES = [ReintegrationCases, Referrals, FollowUps, ReadmissionTimelines];

/** What the service is made of, besides what every service has (platform, store, inbox: serviceModule). */
const REINTEGRATION_PARTS: ServiceModuleParts = {
  collections: [
    { name: ReintegrationCase.name, schema: ReintegrationCaseSchema },
    { name: Referral.name, schema: ReferralSchema },
    { name: FollowUp.name, schema: FollowUpSchema },
    { name: ReadmissionTimeline.name, schema: ReadmissionTimelineSchema },
  ],
  imports: [
    TimeLimitsModule.forFeature(),
    // Calendars (CalendarSource, for working days) and referral bodies, kept from the reference-data topic.
    ReferenceDataModule.forFeature(['calendar', 'referral-bodies']),
  ],
  controllers: [
    PersonArrivedHandler,
    ReadmissionTimelineHandler,
    ReintegrationCasesController,
    ReferralBodiesController,
    StatisticsController,
  ],
  // The one place the referral bodies' source is chosen.
  providers: [...REPOSITORIES, ...USE_CASES, { provide: ReferralBodies, useClass: ReferenceReferralBodies }],
};

@Module({})
export class ReintegrationModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return serviceModule(ReintegrationModule, platform, REINTEGRATION_PARTS);
  }
}

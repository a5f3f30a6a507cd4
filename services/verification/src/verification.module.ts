import { DynamicModule, Module } from '@nestjs/common';
import { WaitingMessagesModule } from '@readmission/persistence';
import { PlatformOptions, ServiceModuleParts, serviceModule } from '@readmission/platform';
import { ReferenceDataModule } from '@readmission/reference-data';
import { TimeLimitsModule } from '@readmission/time-limits';
import { ApplyCaseMessage } from './application/apply-case-message';
import { ApplySupplement } from './application/apply-supplement';
import { ApplyWithdrawal } from './application/apply-withdrawal';
import { AssessCase } from './application/assess-case';
import { DecideCase } from './application/decide-case';
import { ExtendReplyTimeLimit } from './application/extend-reply-time-limit';
import { FourEyes } from './application/four-eyes';
import { ListWorkQueue } from './application/list-work-queue';
import { OpenVerificationCase } from './application/open-verification-case';
import { RecordAirsideTransitFinding } from './application/record-airside-transit-finding';
import { RecordInterviewOutcome } from './application/record-interview-outcome';
import { ReplyLimitsDueGauge } from './application/reply-limits-due-gauge';
import { RecordOfficerDecision } from './application/record-officer-decision';
import { ScheduleInterview } from './application/schedule-interview';
import { ShowCase } from './application/show-case';
import { SweepReplyTimeLimits } from './application/sweep-reply-time-limits';
import { DecisionRecord, DecisionRecordSchema } from './infrastructure/decision-record.schema';
import { Decisions } from './infrastructure/decisions.repository';
import { RegistryModule } from './infrastructure/registry/registry.module';
import { VerificationCase, VerificationCaseSchema } from './infrastructure/verification-case.schema';
import { VerificationCases } from './infrastructure/verification-cases.repository';
import { PurgePersonalData } from './application/purge-personal-data';
import { CaseEventsHandler } from './interface/kafka/case-events.handler';
import { VerificationCasesController } from './interface/http/verification-cases.controller';
import { VerificationSettings } from './settings';

const USE_CASES = [
  OpenVerificationCase,
  ApplyCaseMessage,
  ApplySupplement,
  ApplyWithdrawal,
  DecideCase,
  RecordOfficerDecision,
  FourEyes,
  RecordInterviewOutcome,
  RecordAirsideTransitFinding,
  ExtendReplyTimeLimit,
  SweepReplyTimeLimits,
  ListWorkQueue,
  ShowCase,
  ReplyLimitsDueGauge,
  PurgePersonalData,
];

/** What the service is made of, besides what every service has (platform, store, inbox: serviceModule). */
const verificationParts = (settings: VerificationSettings): ServiceModuleParts => ({
  collections: [
    { name: VerificationCase.name, schema: VerificationCaseSchema },
    { name: DecisionRecord.name, schema: DecisionRecordSchema },
  ],
  imports: [
    TimeLimitsModule.forFeature(),
    WaitingMessagesModule,
    RegistryModule.forRoot(settings),
    // Calendars (CalendarSource, for working days), kept from the reference-data topic.
    ReferenceDataModule.forFeature(['calendar']),
  ],
  controllers: [CaseEventsHandler, VerificationCasesController],
  providers: [VerificationCases, Decisions, AssessCase, ScheduleInterview, ...USE_CASES],
});

@Module({})
export class VerificationModule {
  static forRoot(platform: PlatformOptions & { settings: VerificationSettings }): DynamicModule {
    return serviceModule(VerificationModule, platform, verificationParts(platform.settings));
  }
}

import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarsModule } from '@readmission/agreements';
import { registerOutboxes } from '@readmission/persistence';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { ApplySupplement } from './application/apply-supplement';
import { ApplyWithdrawal } from './application/apply-withdrawal';
import { AssessCase } from './application/assess-case';
import { DecideCase } from './application/decide-case';
import { ExtendReplyTimeLimit } from './application/extend-reply-time-limit';
import { ListWorkQueue } from './application/list-work-queue';
import { OpenVerificationCase } from './application/open-verification-case';
import { RecordAirsideTransitFinding } from './application/record-airside-transit-finding';
import { RecordInterviewOutcome } from './application/record-interview-outcome';
import { RecordOfficerDecision } from './application/record-officer-decision';
import { ScheduleInterview } from './application/schedule-interview';
import { ShowCase } from './application/show-case';
import { SweepReplyTimeLimits } from './application/sweep-reply-time-limits';
import { DeadlineEvent, DeadlineEventSchema } from './infrastructure/deadline-event.schema';
import { DeadlineEvents } from './infrastructure/deadline-events.repository';
import { DecisionRecord, DecisionRecordSchema } from './infrastructure/decision-record.schema';
import { Decisions } from './infrastructure/decisions.repository';
import { RegistryModule } from './infrastructure/registry/registry.module';
import { VerificationCase, VerificationCaseSchema } from './infrastructure/verification-case.schema';
import { VerificationCases } from './infrastructure/verification-cases.repository';
import { CaseEventsHandler } from './interface/kafka/case-events.handler';
import { VerificationCasesController } from './interface/http/verification-cases.controller';

const USE_CASES = [
  OpenVerificationCase,
  ApplySupplement,
  ApplyWithdrawal,
  DecideCase,
  RecordOfficerDecision,
  RecordInterviewOutcome,
  RecordAirsideTransitFinding,
  ExtendReplyTimeLimit,
  SweepReplyTimeLimits,
  ListWorkQueue,
  ShowCase,
];

@Module({})
export class VerificationModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: VerificationModule,
      imports: [
        PlatformModule.forRoot(platform),
        MongooseModule.forFeature([
          { name: VerificationCase.name, schema: VerificationCaseSchema },
          { name: DecisionRecord.name, schema: DecisionRecordSchema },
          { name: DeadlineEvent.name, schema: DeadlineEventSchema },
        ]),
        RegistryModule.forRoot(),
        CalendarsModule.forRoot(),
      ],
      controllers: [CaseEventsHandler, VerificationCasesController],
      providers: [VerificationCases, Decisions, DeadlineEvents, AssessCase, ScheduleInterview, ...USE_CASES],
    };
  }

  onModuleInit(): void {
    registerOutboxes(this.moduleRef, [VerificationCase.name, DecisionRecord.name]);
  }
}

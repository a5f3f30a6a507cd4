import { DynamicModule, Module } from '@nestjs/common';
import { PlatformOptions, ServiceModuleParts, serviceModule } from '@readmission/platform';
import { PurgePersonalData } from './application/purge-personal-data';
import { ReadCase } from './application/read-case';
import { ReceivePartnerMessage } from './application/receive-partner-message';
import { RegisterApplication } from './application/register-application';
import { RejectPartnerMessage } from './application/reject-partner-message';
import { RepeatFirstAnswer } from './application/repeat-first-answer';
import { RouteSupplementOrWithdrawal } from './application/route-supplement-or-withdrawal';
import { RouteTransferMessage } from './application/route-transfer-message';
import { RouteTransitRequest } from './application/route-transit-request';
import { SearchCases } from './application/search-cases';
import { SendRequestedPartnerReply } from './application/send-requested-partner-reply';
import { CaseNumberSequence } from './infrastructure/case-number-sequence';
import { CaseRepository } from './infrastructure/case.repository';
import { IntakeCase, IntakeCaseSchema } from './infrastructure/intake-case.schema';
import { PartnerMessageLogRepository } from './infrastructure/partner-message-log.repository';
import { PartnerMessageLog, PartnerMessageLogSchema } from './infrastructure/partner-message-log.schema';
import { CasesController } from './interface/http/cases.controller';
import { OutgoingRequestsController } from './interface/http/outgoing-requests.controller';
import { NotifyRequestTransfer } from './application/notify-request-transfer';
import { ReadOutgoingRequests } from './application/read-outgoing-requests';
import { RecordRequestAnswer } from './application/record-request-answer';
import { RecordRequestHandover } from './application/record-request-handover';
import { SubmitOutgoingRequest } from './application/submit-outgoing-request';
import { SweepRequestReplyLimits } from './application/sweep-request-reply-limits';
import { SweepRequestTransferLimits } from './application/sweep-request-transfer-limits';
import { OutgoingRequestsOverdueGauge } from './application/outgoing-requests-overdue-gauge';
import { OutgoingRequestRepository } from './infrastructure/outgoing-request.repository';
import { OutgoingRequest, OutgoingRequestSchema } from './infrastructure/outgoing-request.schema';
import { TimeLimitsModule } from '@readmission/time-limits';
import { PartnerInboundHandler } from './interface/kafka/partner-inbound.handler';
import { PartnerReplyRequestedHandler } from './interface/kafka/partner-reply-requested.handler';
import { IntakeReferenceDataModule } from './reference-data/reference-data.module';

const USE_CASES = [
  ReceivePartnerMessage,
  RegisterApplication,
  RouteSupplementOrWithdrawal,
  RouteTransferMessage,
  RouteTransitRequest,
  RejectPartnerMessage,
  RepeatFirstAnswer,
  SendRequestedPartnerReply,
  SearchCases,
  ReadCase,
  SubmitOutgoingRequest,
  RecordRequestAnswer,
  SweepRequestReplyLimits,
  SweepRequestTransferLimits,
  OutgoingRequestsOverdueGauge,
  NotifyRequestTransfer,
  RecordRequestHandover,
  ReadOutgoingRequests,
  PurgePersonalData,
];

/** What the service is made of, besides what every service has (platform, store, inbox: serviceModule). */
const INTAKE_PARTS: ServiceModuleParts = {
  collections: [
    { name: IntakeCase.name, schema: IntakeCaseSchema },
    { name: PartnerMessageLog.name, schema: PartnerMessageLogSchema },
    { name: OutgoingRequest.name, schema: OutgoingRequestSchema },
  ],
  imports: [IntakeReferenceDataModule, TimeLimitsModule.forFeature()],
  controllers: [PartnerInboundHandler, PartnerReplyRequestedHandler, CasesController, OutgoingRequestsController],
  providers: [...USE_CASES, CaseRepository, PartnerMessageLogRepository, CaseNumberSequence, OutgoingRequestRepository],
};

@Module({})
export class IntakeModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return serviceModule(IntakeModule, platform, INTAKE_PARTS);
  }
}

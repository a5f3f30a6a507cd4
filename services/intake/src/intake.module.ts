import { DynamicModule, Module } from '@nestjs/common';
import { PlatformOptions, ServiceModuleParts, serviceModule } from '@readmission/platform';
import { ReadCase } from './application/read-case';
import { ReceivePartnerMessage } from './application/receive-partner-message';
import { RegisterApplication } from './application/register-application';
import { RejectPartnerMessage } from './application/reject-partner-message';
import { RepeatFirstAnswer } from './application/repeat-first-answer';
import { RouteSupplementOrWithdrawal } from './application/route-supplement-or-withdrawal';
import { RouteTransferMessage } from './application/route-transfer-message';
import { SearchCases } from './application/search-cases';
import { SendRequestedPartnerReply } from './application/send-requested-partner-reply';
import { CaseNumberSequence } from './infrastructure/case-number-sequence';
import { CaseRepository } from './infrastructure/case.repository';
import { IntakeCase, IntakeCaseSchema } from './infrastructure/intake-case.schema';
import { PartnerMessageLogRepository } from './infrastructure/partner-message-log.repository';
import { PartnerMessageLog, PartnerMessageLogSchema } from './infrastructure/partner-message-log.schema';
import { CasesController } from './interface/http/cases.controller';
import { PartnerInboundHandler } from './interface/kafka/partner-inbound.handler';
import { PartnerReplyRequestedHandler } from './interface/kafka/partner-reply-requested.handler';
import { IntakeReferenceDataModule } from './reference-data/reference-data.module';

const USE_CASES = [
  ReceivePartnerMessage,
  RegisterApplication,
  RouteSupplementOrWithdrawal,
  RouteTransferMessage,
  RejectPartnerMessage,
  RepeatFirstAnswer,
  SendRequestedPartnerReply,
  SearchCases,
  ReadCase,
];

/** What the service is made of, besides what every service has (platform, store, inbox: serviceModule). */
const INTAKE_PARTS: ServiceModuleParts = {
  collections: [
    { name: IntakeCase.name, schema: IntakeCaseSchema },
    { name: PartnerMessageLog.name, schema: PartnerMessageLogSchema },
  ],
  imports: [IntakeReferenceDataModule],
  controllers: [PartnerInboundHandler, PartnerReplyRequestedHandler, CasesController],
  providers: [...USE_CASES, CaseRepository, PartnerMessageLogRepository, CaseNumberSequence],
};

@Module({})
export class IntakeModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return serviceModule(IntakeModule, platform, INTAKE_PARTS);
  }
}

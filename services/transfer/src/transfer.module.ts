import { DynamicModule, Module } from '@nestjs/common';
import { PlatformOptions, ServiceModuleParts, serviceModule } from '@readmission/platform';
import { WaitingMessagesModule } from '@readmission/persistence';
import { ReferenceDataModule } from '@readmission/reference-data';
import { TimeLimitsModule } from '@readmission/time-limits';
import { CancelTransfer } from './application/cancel-transfer';
import { LapseAcceptance } from './application/lapse-acceptance';
import { CloseTransfer } from './application/close-transfer';
import { CrossingPointSource } from './application/crossing-point-source';
import { ExtendTransferForObstacle } from './application/extend-transfer-for-obstacle';
import { ExtendTransferTimeLimit } from './application/extend-transfer-time-limit';
import { IssueTravelDocument } from './application/issue-travel-document';
import { JudgeTransferNotice } from './application/judge-transfer-notice';
import { ListCrossingPoints } from './application/list-crossing-points';
import { ListExpectedArrivals } from './application/list-expected-arrivals';
import { PartnerReplies } from './application/partner-replies';
import { PurgePersonalData } from './application/purge-personal-data';
import { RecordHandover } from './application/record-handover';
import { RegisterAcceptedCase } from './application/register-accepted-case';
import { ReleaseBooking } from './application/release-booking';
import { TransfersExpectedTodayGauge } from './application/transfers-expected-today-gauge';
import { CostRepaymentsOverdueGauge, TransitsReplyOverdueGauge } from './application/other-procedures-gauges';
import { SweepTransferTimeLimits } from './application/sweep-transfer-time-limits';
import { AcceptedCase, AcceptedCaseSchema } from './infrastructure/accepted-case.schema';
import { AcceptedCases } from './infrastructure/accepted-cases.repository';
import { CapacitySlot, CapacitySlotSchema } from './infrastructure/capacity-slot.schema';
import { CapacitySlots } from './infrastructure/capacity-slots.repository';
import { Completion, CompletionSchema } from './infrastructure/completion.schema';
import { Completions } from './infrastructure/completions.repository';
import { Cancellation, CancellationSchema } from './infrastructure/cancellation.schema';
import { RemedyHold, RemedyHoldSchema } from './infrastructure/remedy-hold.schema';
import { RemedyHolds } from './infrastructure/remedy-holds.repository';
import { RecordRemedy } from './application/record-remedy';
import { Cancellations } from './infrastructure/cancellations.repository';
import { PersonBooking, PersonBookingSchema } from './infrastructure/person-booking.schema';
import { PersonBookings } from './infrastructure/person-bookings.repository';
import { HandoverRecord, HandoverRecordSchema } from './infrastructure/handover-record.schema';
import { HandoverRecords } from './infrastructure/handover-records.repository';
import { ReferenceCrossingPoints } from './infrastructure/reference-crossing-points';
import { ReferenceRulebooks } from './infrastructure/reference-rulebooks';
import { RulebookSource } from './application/rulebook-source';
import { Transfer, TransferSchema } from './infrastructure/transfer.schema';
import { Transfers } from './infrastructure/transfers.repository';
import { AcceptedCasesController } from './interface/http/accepted-cases.controller';
import { BorderController } from './interface/http/border.controller';
import { TransfersController } from './interface/http/transfers.controller';
import { TransferEventsHandler } from './interface/kafka/transfer-events.handler';
import { CostReferences } from './application/cost-references';
import { CostStatistics } from './application/cost-statistics';
import { RecordCost } from './application/record-cost';
import { RecordCostInvoice } from './application/record-cost-invoice';
import { RecordCostRepayment } from './application/record-cost-repayment';
import { CostEntry, CostEntrySchema } from './infrastructure/cost-entry.schema';
import { CostEntries } from './infrastructure/cost-entries.repository';
import { CostsController } from './interface/http/costs.controller';
import { RecordMistakeAnswer } from './application/record-mistake-answer';
import { RecordMistakeReturn } from './application/record-mistake-return';
import { RequestReturnByMistake } from './application/request-return-by-mistake';
import { MistakeReturn, MistakeReturnSchema } from './infrastructure/mistake-return.schema';
import { MistakeReturns } from './infrastructure/mistake-returns.repository';
import { MistakeReturnsController } from './interface/http/mistake-returns.controller';
import { TransitsController } from './interface/http/transits.controller';
import { Transit, TransitSchema } from './infrastructure/transit.schema';
import { Transits } from './infrastructure/transits.repository';
import { RegisterTransit } from './application/register-transit';
import { RecordOutgoingTransfer } from './application/record-outgoing-transfer';
import { OutgoingTransfer, OutgoingTransferSchema } from './infrastructure/outgoing-transfer.schema';
import { OutgoingTransfers } from './infrastructure/outgoing-transfers.repository';
import { DecideTransit } from './application/decide-transit';
import { RevokeTransitConsent } from './application/revoke-transit-consent';
import { RecordTransitAtBorder } from './application/record-transit-at-border';
import { SweepTransitTimeLimits } from './application/sweep-transit-time-limits';

const repositories = [
  AcceptedCases,
  Transfers,
  CapacitySlots,
  HandoverRecords,
  Completions,
  Cancellations,
  PersonBookings,
  RemedyHolds,
  CostEntries,
  MistakeReturns,
  OutgoingTransfers,
  Transits,
];
const useCases = [
  RegisterAcceptedCase,
  IssueTravelDocument,
  JudgeTransferNotice,
  ReleaseBooking,
  CancelTransfer,
  LapseAcceptance,
  RecordRemedy,
  RecordHandover,
  CloseTransfer,
  ExtendTransferTimeLimit,
  ExtendTransferForObstacle,
  ListExpectedArrivals,
  ListCrossingPoints,
  SweepTransferTimeLimits,
  PartnerReplies,
  TransfersExpectedTodayGauge,
  TransitsReplyOverdueGauge,
  CostRepaymentsOverdueGauge,
  PurgePersonalData,
  // The cost ledger (docs/rules.md#transport-costs).
  CostReferences,
  RecordCost,
  RecordCostInvoice,
  RecordCostRepayment,
  CostStatistics,
  // Readmission by mistake (docs/rules.md#readmission-by-mistake).
  RequestReturnByMistake,
  RecordMistakeAnswer,
  RecordMistakeReturn,
  RegisterTransit,
  RecordOutgoingTransfer,
  DecideTransit,
  RevokeTransitConsent,
  RecordTransitAtBorder,
  SweepTransitTimeLimits,
];

/** The service's own collections (the inbox, deadline events and reference data come with their modules). */
const collections = [
  { name: AcceptedCase.name, schema: AcceptedCaseSchema },
  { name: Transfer.name, schema: TransferSchema },
  { name: CapacitySlot.name, schema: CapacitySlotSchema },
  { name: HandoverRecord.name, schema: HandoverRecordSchema },
  { name: Completion.name, schema: CompletionSchema },
  { name: Cancellation.name, schema: CancellationSchema },
  { name: PersonBooking.name, schema: PersonBookingSchema },
  { name: RemedyHold.name, schema: RemedyHoldSchema },
  { name: CostEntry.name, schema: CostEntrySchema },
  { name: MistakeReturn.name, schema: MistakeReturnSchema },
  { name: OutgoingTransfer.name, schema: OutgoingTransferSchema },
  { name: Transit.name, schema: TransitSchema },
];

/** What the service is made of, besides what every service has (platform, store, inbox: serviceModule). */
const TRANSFER_PARTS: ServiceModuleParts = {
  collections,
  imports: [
    // Calendars (CalendarSource), crossing points and rulebooks (RulebookSource: readmission by mistake, costs, the article of a refusal
    // without a case), as versions of the shared reference data.
    ReferenceDataModule.forFeature(['calendar', 'crossing-points', 'rulebook']),
    TimeLimitsModule.forFeature(),
    WaitingMessagesModule,
  ],
  controllers: [
    TransferEventsHandler,
    TransfersController,
    BorderController,
    AcceptedCasesController,
    CostsController,
    MistakeReturnsController,
    TransitsController,
  ],
  providers: [
    ...repositories,
    ...useCases,
    { provide: CrossingPointSource, useClass: ReferenceCrossingPoints },
    { provide: RulebookSource, useClass: ReferenceRulebooks },
  ],
};

@Module({})
export class TransferModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return serviceModule(TransferModule, platform, TRANSFER_PARTS);
  }
}

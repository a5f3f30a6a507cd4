import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarsModule } from '@readmission/agreements';
import { registerOutboxes } from '@readmission/persistence';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { loadCrossingPoints } from './crossing-points';
import { TransferDeadlines } from './transfer-deadlines';
import { TransferHandler } from './transfer.handler';
import {
  AcceptedCase,
  AcceptedCaseSchema,
  CapacitySlot,
  CapacitySlotSchema,
  Completion,
  CompletionSchema,
  DeadlineEvent,
  DeadlineEventSchema,
  EarlyCancellation,
  EarlyCancellationSchema,
  HandoverRecord,
  HandoverRecordSchema,
  Transfer,
  TransferSchema,
} from './transfer.schema';
import { CROSSING_POINTS, TransferService } from './transfer.service';
import { AcceptedCasesController, BorderController, TransfersController } from './transfers.controller';

@Module({})
export class TransferModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: TransferModule,
      imports: [
        PlatformModule.forRoot(platform),
        MongooseModule.forFeature([
          { name: AcceptedCase.name, schema: AcceptedCaseSchema },
          { name: Transfer.name, schema: TransferSchema },
          { name: CapacitySlot.name, schema: CapacitySlotSchema },
          { name: HandoverRecord.name, schema: HandoverRecordSchema },
          { name: Completion.name, schema: CompletionSchema },
          { name: DeadlineEvent.name, schema: DeadlineEventSchema },
          { name: EarlyCancellation.name, schema: EarlyCancellationSchema },
        ]),
        CalendarsModule.forRoot(),
      ],
      controllers: [TransferHandler, TransfersController, BorderController, AcceptedCasesController],
      // The crossing points are read and validated at boot: a bad file stops the service.
      providers: [TransferService, TransferDeadlines, { provide: CROSSING_POINTS, useValue: loadCrossingPoints() }],
    };
  }

  onModuleInit(): void {
    registerOutboxes(this.moduleRef, [AcceptedCase.name, Transfer.name, Completion.name]);
  }
}

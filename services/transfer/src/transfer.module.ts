import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { registerOutboxes } from '@readmission/persistence';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { TransferHandler } from './transfer.handler';
import { AcceptedCase, AcceptedCaseSchema, Transfer, TransferSchema } from './transfer.schema';
import { TransferService } from './transfer.service';
import { TransfersController } from './transfers.controller';

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
        ]),
      ],
      controllers: [TransferHandler, TransfersController],
      providers: [TransferService],
    };
  }

  onModuleInit(): void {
    registerOutboxes(this.moduleRef, [Transfer.name]);
  }
}

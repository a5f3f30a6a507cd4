import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ModuleRef } from '@nestjs/core';
import { registerOutboxes } from '@readmission/persistence';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { CasesController } from './cases.controller';
import { IntakeCase, IntakeCaseSchema, PartnerMessageLog, PartnerMessageLogSchema } from './intake-case.schema';
import { IntakeHandler } from './intake.handler';
import { IntakeService } from './intake.service';
import { ReferenceDataController } from './reference-data/reference-data.controller';
import { ReferenceData, ReferenceDataSchema } from './reference-data/reference-data.schema';
import { ReferenceDataService } from './reference-data/reference-data.service';

@Module({})
export class IntakeModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        PlatformModule.forRoot(platform),
        MongooseModule.forFeature([
          { name: IntakeCase.name, schema: IntakeCaseSchema },
          { name: PartnerMessageLog.name, schema: PartnerMessageLogSchema },
          { name: ReferenceData.name, schema: ReferenceDataSchema },
        ]),
      ],
      controllers: [IntakeHandler, CasesController, ReferenceDataController],
      providers: [IntakeService, ReferenceDataService],
    };
  }

  onModuleInit(): void {
    registerOutboxes(this.moduleRef, [IntakeCase.name, PartnerMessageLog.name]);
  }
}

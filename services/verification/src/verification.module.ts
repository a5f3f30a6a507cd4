import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarsModule } from '@readmission/agreements';
import { registerOutboxes } from '@readmission/persistence';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { RegistryModule } from './registry/registry.module';
import { ReplyDeadlines } from './reply-deadlines';
import { DecisionRecord, DecisionRecordSchema, DeadlineEvent, DeadlineEventSchema, VerificationCase, VerificationCaseSchema } from './verification-case.schema';
import { VerificationCasesController } from './verification-cases.controller';
import { VerificationHandler } from './verification.handler';
import { VerificationService } from './verification.service';

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
      controllers: [VerificationHandler, VerificationCasesController],
      providers: [VerificationService, ReplyDeadlines],
    };
  }

  onModuleInit(): void {
    registerOutboxes(this.moduleRef, [VerificationCase.name, DecisionRecord.name]);
  }
}

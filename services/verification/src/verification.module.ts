import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { registerOutboxes } from '@readmission/persistence';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { VerificationCase, VerificationCaseSchema } from './verification-case.schema';
import { VerificationCasesController } from './verification-cases.controller';
import { VerificationHandler } from './verification.handler';
import { VerificationService } from './verification.service';

@Module({})
export class VerificationModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: VerificationModule,
      imports: [PlatformModule.forRoot(platform), MongooseModule.forFeature([{ name: VerificationCase.name, schema: VerificationCaseSchema }])],
      controllers: [VerificationHandler, VerificationCasesController],
      providers: [VerificationService],
    };
  }

  onModuleInit(): void {
    registerOutboxes(this.moduleRef, [VerificationCase.name]);
  }
}

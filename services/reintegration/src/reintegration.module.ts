import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import { ReintegrationCase, ReintegrationCaseSchema } from './reintegration-case.schema';
import { ReintegrationCasesController } from './reintegration-cases.controller';
import { ReintegrationHandler } from './reintegration.handler';
import { ReintegrationService } from './reintegration.service';

@Module({})
export class ReintegrationModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: ReintegrationModule,
      imports: [PlatformModule.forRoot(platform), MongooseModule.forFeature([{ name: ReintegrationCase.name, schema: ReintegrationCaseSchema }])],
      controllers: [ReintegrationHandler, ReintegrationCasesController],
      providers: [ReintegrationService],
    };
  }
}

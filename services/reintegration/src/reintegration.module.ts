import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarsModule } from '@readmission/agreements';
import { PlatformModule, PlatformOptions } from '@readmission/platform';
import {
  FollowUp,
  FollowUpSchema,
  ReadmissionTimeline,
  ReadmissionTimelineSchema,
  Referral,
  ReferralSchema,
  ReintegrationAlert,
  ReintegrationAlertSchema,
  ReintegrationCase,
  ReintegrationCaseSchema,
} from './reintegration-case.schema';
import { ReferralBodiesController, ReintegrationCasesController } from './reintegration-cases.controller';
import { ReintegrationDeadlines } from './reintegration-deadlines';
import { ReintegrationHandler } from './reintegration.handler';
import { ReintegrationService } from './reintegration.service';
import { StatisticsController } from './statistics.controller';

@Module({})
export class ReintegrationModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: ReintegrationModule,
      imports: [
        PlatformModule.forRoot(platform),
        MongooseModule.forFeature([
          { name: ReintegrationCase.name, schema: ReintegrationCaseSchema },
          { name: Referral.name, schema: ReferralSchema },
          { name: FollowUp.name, schema: FollowUpSchema },
          { name: ReintegrationAlert.name, schema: ReintegrationAlertSchema },
          { name: ReadmissionTimeline.name, schema: ReadmissionTimelineSchema },
        ]),
        CalendarsModule.forRoot(),
      ],
      controllers: [ReintegrationHandler, ReintegrationCasesController, ReferralBodiesController, StatisticsController],
      providers: [ReintegrationService, ReintegrationDeadlines],
    };
  }
}

import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '@readmission/reference-data';
import { CalendarsController } from './calendars.controller';
import { CrossingPointsController, ReferralBodiesController } from './versioned-data.controller';
import { RulebooksController } from './rulebooks.controller';

/**
 * Intake is where operators load reference data (libs/reference-data): every kind, validated whole, stored with
 * its record to the reference-data topic in the outbox. Exports ReferenceData (the rulebook and calendars intake
 * judges applications by).
 */
@Module({
  imports: [ReferenceDataModule.forLoading()],
  controllers: [RulebooksController, CalendarsController, CrossingPointsController, ReferralBodiesController],
  exports: [ReferenceDataModule],
})
export class IntakeReferenceDataModule {}

import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarSource } from '@readmission/agreements';
import { Clock, PlatformSettings } from '@readmission/platform';
import { AdoptLegacyReferenceData } from './application/adopt-legacy-reference-data';
import { KeepReferenceDataVersion } from './application/keep-reference-data-version';
import { LoadReferenceData } from './application/load-reference-data';
import { ReferenceData } from './application/reference-data';
import { Kind, REFERENCE_DATA_KINDS } from './domain/kinds';
import { ReferenceDataRepository } from './infrastructure/reference-data.repository';
import { StoredReferenceVersion, StoredReferenceVersionSchema } from './infrastructure/reference-data.schema';
import { ReferenceDataHandler } from './interface/reference-data.handler';
import { REFERENCE_DATA_OPTIONS, ReferenceDataOptions, resolveOptions } from './reference-data.options';

const store = MongooseModule.forFeature([{ name: StoredReferenceVersion.name, schema: StoredReferenceVersionSchema }]);

/** Reference data, one mechanism: see README.md. Needs the PlatformModule (store, producer, outbox relay, clock). */
@Module({})
export class ReferenceDataModule {
  /** A service that reads `kinds`: keeps their versions from the reference-data topic in its own store; provides ReferenceData. */
  static forFeature(kinds: Kind[], options: ReferenceDataOptions = {}): DynamicModule {
    // Code written against CalendarSource (the calendars in effect now) keeps working where calendars are read.
    const calendars: Provider[] = kinds.includes('calendar')
      ? [{ provide: CalendarSource, inject: [ReferenceData, Clock], useFactory: calendarSource }]
      : [];
    return {
      module: ReferenceDataModule,
      imports: [store],
      controllers: [ReferenceDataHandler],
      providers: [...common(kinds, options), KeepReferenceDataVersion, ...calendars],
      exports: [ReferenceData, ...(calendars.length ? [CalendarSource] : [])],
    };
  }

  /**
   * Intake, where operators load versions of every kind (LoadReferenceData): its store is where versions are
   * written, with their records in the outbox, so it reads them there and consumes nothing.
   */
  static forLoading(options: ReferenceDataOptions = {}): DynamicModule {
    return {
      module: ReferenceDataModule,
      imports: [store],
      providers: [...common(REFERENCE_DATA_KINDS, options), LoadReferenceData, AdoptLegacyReferenceData],
      exports: [ReferenceData, LoadReferenceData],
    };
  }
}

function common(kinds: readonly Kind[], options: ReferenceDataOptions): Provider[] {
  return [
    {
      provide: REFERENCE_DATA_OPTIONS,
      inject: [PlatformSettings],
      useFactory: (settings: PlatformSettings) =>
        resolveOptions(kinds, { ...options, refreshMs: options.refreshMs ?? settings.REFERENCE_DATA_REFRESH_MS }),
    },
    ReferenceDataRepository,
    ReferenceData,
  ];
}

function calendarSource(referenceData: ReferenceData, clock: Clock): CalendarSource {
  return { calendars: () => referenceData.calendarBook(clock.now()) };
}

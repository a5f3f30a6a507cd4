import { Controller, DynamicModule, Injectable, Logger, Module, UseFilters } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ConsumedRecord, PassThroughRpcFilter, PermanentError, decodeEvent } from '@readmission/messaging';
import { CalendarBook, CalendarYear, validateCalendarYear } from '../calendar/calendar';
import { CalendarSource } from '../calendar/calendar-source';
import { SHIPPED_CALENDARS } from '../shipped';

/** Calendars from `readmission.internal.calendar-published.v1`, kept in the service's `calendars` collection. */
@Schema({ collection: 'calendars', timestamps: true })
export class StoredCalendar {
  @Prop({ type: String }) _id!: string; // `<country>:<year>`
  @Prop({ type: Object, required: true }) calendar!: Record<string, unknown>;
  @Prop({ required: true }) loadedAt!: Date;
  @Prop({ required: true }) loadedBy!: string;
}
export const StoredCalendarSchema = SchemaFactory.createForClass(StoredCalendar);

/** How long an instance trusts its copy of reference data before reading the store again (REFERENCE_DATA_REFRESH_MS). */
export const referenceDataRefreshMs = (): number => Number(process.env.REFERENCE_DATA_REFRESH_MS ?? 10_000);

@Injectable()
export class StoredCalendars extends CalendarSource {
  private cached?: { book: CalendarBook; readAt: number };

  constructor(@InjectModel(StoredCalendar.name) private readonly stored: Model<StoredCalendar>) {
    super();
  }

  async calendars(): Promise<CalendarBook> {
    if (this.cached && Date.now() - this.cached.readAt < referenceDataRefreshMs()) return this.cached.book;
    const book = new CalendarBook(SHIPPED_CALENDARS);
    for (const doc of await this.stored.find().lean().exec()) book.load(doc.calendar as unknown as CalendarYear);
    this.cached = { book, readAt: Date.now() };
    return book;
  }

  /** Keeps a published calendar, unless a later load of the same year is already kept (redelivery, reordering). */
  async keep(calendar: CalendarYear, loadedAt: Date, loadedBy: string): Promise<void> {
    const id = `${calendar.country}:${calendar.year}`;
    const existing = await this.stored.findById(id, { loadedAt: 1 }).lean().exec();
    if (existing && existing.loadedAt >= loadedAt) return;
    await this.stored.updateOne({ _id: id }, { $set: { calendar, loadedAt, loadedBy } }, { upsert: true }).exec();
    this.cached = undefined;
  }
}

@UseFilters(PassThroughRpcFilter)
@Controller()
export class CalendarPublishedHandler {
  private readonly logger = new Logger(CalendarPublishedHandler.name);

  constructor(private readonly calendars: StoredCalendars) {}

  @EventPattern('readmission.internal.calendar-published.v1')
  async onCalendarPublished(@Payload() record: ConsumedRecord): Promise<void> {
    const { payload } = decodeEvent(record, 'readmission.internal.calendar-published.v1');
    const errors = validateCalendarYear(payload.calendar);
    if (errors.length) throw new PermanentError(`calendar ${payload.calendarKey} is invalid: ${errors.join('; ')}`);
    await this.calendars.keep(payload.calendar as unknown as CalendarYear, new Date(payload.loadedAt), payload.loadedBy);
    this.logger.log(`calendar ${payload.calendarKey} kept (loaded by ${payload.loadedBy})`);
  }
}

/**
 * @deprecated replaced by ReferenceDataModule.forFeature(['calendar', ...]) of libs/reference-data (versions on the
 * reference-data topic, written through intake's outbox, which no longer publishes calendar-published); it provides
 * CalendarSource too. Delete this file and the calendar-published event once no service imports it.
 */
@Module({})
export class CalendarsModule {
  static forRoot(): DynamicModule {
    return {
      module: CalendarsModule,
      imports: [MongooseModule.forFeature([{ name: StoredCalendar.name, schema: StoredCalendarSchema }])],
      controllers: [CalendarPublishedHandler],
      providers: [StoredCalendars, { provide: CalendarSource, useExisting: StoredCalendars }],
      exports: [CalendarSource],
    };
  }
}

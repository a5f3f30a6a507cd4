import { BadRequestException, ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  CalendarBook,
  CalendarYear,
  Rulebook,
  RulebookInvalidError,
  SHIPPED_CALENDARS,
  SHIPPED_RULEBOOKS,
  referenceDataRefreshMs,
  validateCalendarYear,
} from '@readmission/agreements';
import { encodeInternalEvent } from '@readmission/contracts';
import { EventPublisher } from '@readmission/messaging';
import { Clock } from '@readmission/platform';
import { ReferenceData } from './reference-data.schema';

/** A new rulebook takes effect no sooner than this, so that every instance has read it before it applies. */
const rulebookLeadMs = (): number => 2 * referenceDataRefreshMs();

interface Snapshot {
  rulebooks: Rulebook[]; // sorted by effectiveFrom, oldest first
  calendars: CalendarBook;
  readAt: number;
}

/**
 * The rulebooks and calendars in effect: the shipped ones plus those an operator loaded, which are validated
 * before they are stored. Every instance reads the same store, so all apply the same version at the same time.
 */
@Injectable()
export class ReferenceDataService {
  private readonly logger = new Logger(ReferenceDataService.name);
  private snapshot?: Snapshot;

  constructor(
    @InjectModel(ReferenceData.name) private readonly store: Model<ReferenceData>,
    private readonly clock: Clock,
    private readonly publisher: EventPublisher,
  ) {}

  /** The rulebook version that applies at an instant (the latest whose effectiveFrom has come). */
  async rulebookAt(instant: Date): Promise<Rulebook> {
    const { rulebooks } = await this.current();
    const applicable = rulebooks.filter((r) => r.effectiveFrom.getTime() <= instant.getTime());
    if (applicable.length === 0) throw new Error(`no rulebook is in effect at ${instant.toISOString()}`);
    return applicable[applicable.length - 1];
  }

  async rulebook(version: string): Promise<Rulebook | undefined> {
    return (await this.current()).rulebooks.find((r) => r.version === version);
  }

  async rulebooks(): Promise<Rulebook[]> {
    return (await this.current()).rulebooks;
  }

  async calendars(): Promise<CalendarBook> {
    return (await this.current()).calendars;
  }

  /** Validates and stores a new rulebook version; it applies from its effectiveFrom, which must lie ahead. */
  async loadRulebook(input: unknown, loadedBy: string): Promise<Rulebook> {
    let rulebook: Rulebook;
    try {
      rulebook = Rulebook.from(input);
    } catch (error) {
      if (error instanceof RulebookInvalidError) throw new BadRequestException({ message: 'the rulebook is invalid', errors: error.errors });
      throw error;
    }
    const earliest = this.clock.now().getTime() + rulebookLeadMs();
    if (Number.isNaN(rulebook.effectiveFrom.getTime()) || rulebook.effectiveFrom.getTime() < earliest) {
      throw new BadRequestException(`effectiveFrom must be at least ${rulebookLeadMs() / 1000} s ahead: a rulebook never changes how cases already received were judged`);
    }
    if (SHIPPED_RULEBOOKS.some((r) => r.version === rulebook.version) || (await this.store.exists({ _id: `rulebook:${rulebook.version}` }))) {
      throw new ConflictException(`rulebook version ${rulebook.version} exists already; versions are immutable, load a new version`);
    }
    await this.store.create({ _id: `rulebook:${rulebook.version}`, kind: 'rulebook', data: rulebook.data, loadedAt: this.clock.now(), loadedBy });
    this.logger.log(`rulebook ${rulebook.version} loaded by ${loadedBy}, effective from ${rulebook.data.effectiveFrom}`);
    this.snapshot = undefined;
    return rulebook;
  }

  /** Validates and stores one country's year; it replaces the shipped or earlier loaded calendar of that year. */
  async loadCalendar(input: unknown, loadedBy: string): Promise<CalendarYear> {
    const errors = validateCalendarYear(input);
    if (errors.length) throw new BadRequestException({ message: 'the calendar is invalid', errors });
    const year = input as CalendarYear;
    const id = `calendar:${year.country}:${year.year}`;
    const now = this.clock.now();
    const existing = await this.store.findById(id).lean().exec();
    const previous = existing ? [...existing.previous, { data: existing.data, loadedAt: existing.loadedAt, loadedBy: existing.loadedBy }] : [];
    await this.store.updateOne({ _id: id }, { $set: { kind: 'calendar', data: year, loadedAt: now, loadedBy, previous } }, { upsert: true }).exec();
    // Every other service computing working days keeps its own copy (libs/agreements CalendarsModule).
    await this.publisher.publish([
      encodeInternalEvent(
        'readmission.internal.calendar-published.v1',
        { calendar: year as unknown as Record<string, unknown>, calendarKey: `${year.country}:${year.year}`, loadedAt: now.toISOString(), loadedBy },
        { id: `calendar:${year.country}:${year.year}:${now.getTime()}`, source: 'urn:readmission:intake', time: now.toISOString(), subject: `${year.country}:${year.year}` },
      ),
    ]);
    this.logger.log(`calendar ${year.country} ${year.year} (${year.status}) loaded by ${loadedBy}`);
    this.snapshot = undefined;
    return year;
  }

  private async current(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.readAt < referenceDataRefreshMs()) return this.snapshot;
    const stored = await this.store.find().lean().exec();
    const rulebooks = [...SHIPPED_RULEBOOKS, ...stored.filter((d) => d.kind === 'rulebook').map((d) => d.data)]
      .map((data) => Rulebook.from(data))
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
    const calendars = new CalendarBook(SHIPPED_CALENDARS);
    for (const d of stored.filter((d) => d.kind === 'calendar')) calendars.load(d.data as unknown as CalendarYear);
    this.snapshot = { rulebooks, calendars, readAt: Date.now() };
    return this.snapshot;
  }
}

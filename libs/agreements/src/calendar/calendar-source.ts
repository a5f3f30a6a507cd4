import { CalendarBook } from './calendar';

/**
 * Where a service gets its country calendars today (the shipped ones plus every calendar an operator loaded):
 * provided by ReferenceDataModule.forFeature([... 'calendar']) of libs/reference-data. New code may ask
 * ReferenceData.calendarBook(at) for the calendars in effect at the instant a decision is about.
 */
export abstract class CalendarSource {
  abstract calendars(): Promise<CalendarBook>;
}

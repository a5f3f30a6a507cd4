// The administrator's pages: one chunk, loaded lazily by App.
export { RulebooksPage } from './RulebooksPage';
export { CalendarsPage } from './CalendarsPage';
export { ReferenceDataPage } from './ReferenceDataPage';

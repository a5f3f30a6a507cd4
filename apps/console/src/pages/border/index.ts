// The border officer's page: one chunk, loaded lazily by App.
export { ArrivalsPage } from './ArrivalsPage';
export { ProceduresPage } from './ProceduresPage';

// The case worker's pages: one chunk, loaded lazily by App.
export { ReintegrationCasesPage } from './ReintegrationCasesPage';
export { ReintegrationCasePage } from './ReintegrationCasePage';

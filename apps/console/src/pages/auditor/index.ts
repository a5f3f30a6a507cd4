// The auditor's pages (charts): one chunk, loaded lazily by App.
export { StatisticsPage } from './StatisticsPage';
export { AuditTrailPage } from './AuditTrailPage';

// The cost ledger and its statistics (with charts): one chunk, loaded lazily by App.
export { CostsPage } from './CostsPage';

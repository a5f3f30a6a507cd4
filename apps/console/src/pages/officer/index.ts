// The officer's pages: one chunk, loaded lazily by App.
export { QueuePage } from './QueuePage';
export { ConfirmationsPage } from './ConfirmationsPage';
export { SearchPage } from './SearchPage';
export { CasePage } from './CasePage';
export { OutgoingPage } from './OutgoingPage';
export { TransitsPage } from './TransitsPage';
export { TransitPage } from './TransitPage';
export { MistakeReturnsPage } from './MistakeReturnsPage';

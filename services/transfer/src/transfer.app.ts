import { serviceFactory } from '@readmission/platform';
import { TransferModule } from './transfer.module';

/** The transfer service as started by main.ts and by the tests, from its validated settings. */
export const transferService = serviceFactory('transfer', TransferModule, {
  title: 'Transfer',
  description:
    'Issues travel documents, agrees transfers with partner states (advance notices, crossing point capacity), records the handover at the border and keeps the transfer time limits.',
});

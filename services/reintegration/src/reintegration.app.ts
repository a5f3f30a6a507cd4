import { serviceFactory } from '@readmission/platform';
import { ReintegrationModule } from './reintegration.module';

/** The reintegration service as started by main.ts and by the tests, from its validated settings. */
export const reintegrationService = serviceFactory('reintegration', ReintegrationModule, {
  title: 'Reintegration',
  description:
    'Opens and runs support cases for returning nationals: assessment, plan, referrals with deadlines, follow-ups with a sustainability score, statistics.',
});

import { serviceFactory } from '@readmission/platform';
import { VerificationModule } from './verification.module';

/** The verification service as started by main.ts and by the tests, from its validated settings. */
export const verificationService = serviceFactory('verification', VerificationModule, {
  title: 'Verification',
  description:
    'Establishes identity and nationality from the evidence and the registry, decides readmission applications and keeps their reply time limits.',
});

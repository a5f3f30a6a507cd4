import { Clock, ServiceDefinition, platformOptions } from '@readmission/platform';
import { VerificationSettings } from './settings';
import { VerificationModule } from './verification.module';

/** The verification service as started by main.ts and by the tests, from its validated settings. */
export function verificationService(settings: VerificationSettings, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  const platform = platformOptions('verification', settings);
  return {
    name: 'verification',
    title: 'Verification',
    description: 'Establishes identity and nationality from the evidence and the registry, decides readmission applications and keeps their reply time limits.',
    module: VerificationModule.forRoot({ ...platform, settings, clock }),
    kafka: platform.kafka,
    port: platform.port,
    groupId: platform.groupId,
    ...overrides,
  };
}

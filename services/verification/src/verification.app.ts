import { Clock, PlatformOptions, ServiceDefinition } from '@readmission/platform';
import { VerificationModule } from './verification.module';

/** The verification service as started by main.ts and by the tests. */
export function verificationService(platform: PlatformOptions & { port: number }, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  return {
    name: 'verification',
    title: 'Verification',
    description: 'Establishes identity and nationality from the evidence and the registry, decides readmission applications and keeps their reply time limits.',
    module: VerificationModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    ...overrides,
  };
}

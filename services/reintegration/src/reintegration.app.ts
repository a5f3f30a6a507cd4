import { Clock, PlatformOptions, ServiceDefinition } from '@readmission/platform';
import { ReintegrationModule } from './reintegration.module';

/** The reintegration service as started by main.ts and by the tests. */
export function reintegrationService(platform: PlatformOptions & { port: number }, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  return {
    name: 'reintegration',
    title: 'Reintegration',
    description: 'Opens and runs support cases for returning nationals: assessment, plan, referrals with deadlines, follow-ups with a sustainability score, statistics.',
    module: ReintegrationModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    ...overrides,
  };
}

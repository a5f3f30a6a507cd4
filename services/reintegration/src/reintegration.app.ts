import { Clock, ServiceDefinition, platformOptions } from '@readmission/platform';
import { ReintegrationModule } from './reintegration.module';
import { ReintegrationSettings } from './settings';

/** The reintegration service as started by main.ts and by the tests, from its validated settings. */
export function reintegrationService(settings: ReintegrationSettings, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  const platform = platformOptions('reintegration', settings);
  return {
    name: 'reintegration',
    title: 'Reintegration',
    description: 'Opens and runs support cases for returning nationals: assessment, plan, referrals with deadlines, follow-ups with a sustainability score, statistics.',
    module: ReintegrationModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    groupId: platform.groupId,
    ...overrides,
  };
}

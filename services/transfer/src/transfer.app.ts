import { Clock, ServiceDefinition, platformOptions } from '@readmission/platform';
import { TransferSettings } from './settings';
import { TransferModule } from './transfer.module';

/** The transfer service as started by main.ts and by the tests, from its validated settings. */
export function transferService(settings: TransferSettings, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  const platform = platformOptions('transfer', settings);
  return {
    name: 'transfer',
    title: 'Transfer',
    description: 'Issues travel documents, agrees transfers with partner states (advance notices, crossing point capacity), records the handover at the border and keeps the transfer time limits.',
    module: TransferModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    groupId: platform.groupId,
    ...overrides,
  };
}

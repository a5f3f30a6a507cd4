import { Clock, PlatformOptions, ServiceDefinition } from '@readmission/platform';
import { TransferModule } from './transfer.module';

/** The transfer service as started by main.ts and by the tests. */
export function transferService(platform: PlatformOptions & { port: number }, overrides: Partial<ServiceDefinition> = {}, clock?: Clock): ServiceDefinition {
  return {
    name: 'transfer',
    title: 'Transfer',
    description: 'Issues travel documents, agrees transfers with partner states (advance notices, crossing point capacity), records the handover at the border and keeps the transfer time limits.',
    module: TransferModule.forRoot({ ...platform, clock }),
    kafka: platform.kafka,
    port: platform.port,
    ...overrides,
  };
}

import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BuiltInRegistry } from './builtin-registry';
import { CITIZEN_REGISTRY } from '../../application/citizen-registry';
import { HttpRegistry, httpRegistrySettingsFromEnv } from './http-registry';
import { RegistryPersonRecord, RegistryPersonSchema } from './registry-person.schema';

export const REGISTRY_ADAPTERS = ['builtin', 'http'] as const;
export type RegistryAdapter = (typeof REGISTRY_ADAPTERS)[number];

/**
 * Provides `CITIZEN_REGISTRY` by REGISTRY_ADAPTER: `builtin` (default; collection `registry-persons` of the
 * service's database, which the importing module's MongooseModule connection serves) or `http` (REGISTRY_URL,
 * REGISTRY_TIMEOUT_MS, REGISTRY_RETRIES, REGISTRY_TOKEN). A bad setting throws here, so the service does not
 * start with a registry it cannot use.
 */
@Module({})
export class RegistryModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const adapter = (env.REGISTRY_ADAPTER?.trim() || 'builtin') as RegistryAdapter;
    if (adapter === 'builtin') {
      return {
        module: RegistryModule,
        imports: [MongooseModule.forFeature([{ name: RegistryPersonRecord.name, schema: RegistryPersonSchema }])],
        providers: [BuiltInRegistry, { provide: CITIZEN_REGISTRY, useExisting: BuiltInRegistry }],
        exports: [CITIZEN_REGISTRY],
      };
    }
    if (adapter === 'http') {
      const registry = new HttpRegistry(httpRegistrySettingsFromEnv(env));
      return { module: RegistryModule, providers: [{ provide: CITIZEN_REGISTRY, useValue: registry }], exports: [CITIZEN_REGISTRY] };
    }
    throw new Error(`invalid configuration:\n  REGISTRY_ADAPTER=${JSON.stringify(env.REGISTRY_ADAPTER)}: must be one of ${REGISTRY_ADAPTERS.join(', ')}`);
  }
}

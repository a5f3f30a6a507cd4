import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CITIZEN_REGISTRY } from '../../application/citizen-registry';
import { BuiltInRegistry } from './builtin-registry';
import { HttpRegistry, RegistrySettings, httpRegistrySettingsFrom } from './http-registry';
import { RegistryPersonRecord, RegistryPersonSchema } from './registry-person.schema';

/**
 * Provides `CITIZEN_REGISTRY` by REGISTRY_ADAPTER (settings validated at boot, see settings.ts): `builtin`
 * (collection `registry-persons` of the service's database, which the importing module's MongooseModule
 * connection serves) or `http` (REGISTRY_URL, REGISTRY_TIMEOUT_MS, REGISTRY_RETRIES, REGISTRY_TOKEN).
 */
@Module({})
export class RegistryModule {
  static forRoot(settings: RegistrySettings): DynamicModule {
    if (settings.REGISTRY_ADAPTER === 'http') {
      const registry = new HttpRegistry(httpRegistrySettingsFrom(settings));
      return { module: RegistryModule, providers: [{ provide: CITIZEN_REGISTRY, useValue: registry }], exports: [CITIZEN_REGISTRY] };
    }
    return {
      module: RegistryModule,
      imports: [MongooseModule.forFeature([{ name: RegistryPersonRecord.name, schema: RegistryPersonSchema }])],
      providers: [BuiltInRegistry, { provide: CITIZEN_REGISTRY, useExisting: BuiltInRegistry }],
      exports: [CITIZEN_REGISTRY],
    };
  }
}

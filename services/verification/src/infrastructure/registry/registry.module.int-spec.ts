import { Inject, Injectable, Module } from '@nestjs/common';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import { Test, TestingModule } from '@nestjs/testing';
import { Connection } from 'mongoose';
import { SettingsEnv, loadSettings } from '@readmission/platform';
import { VerificationSettings } from '../../settings';
import { BuiltInRegistry } from './builtin-registry';
import { CITIZEN_REGISTRY, CitizenRegistry } from '../../application/citizen-registry';
import { HttpRegistry } from './http-registry';
import { importRegistryRows } from './registry-importer';
import { RegistryModule } from './registry.module';
import { RegistryPersonRecord } from './registry-person.schema';

const MONGODB_URI = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';

/** A consumer as the verification module is one: it injects the port by its token. */
@Injectable()
class Consumer {
  constructor(@Inject(CITIZEN_REGISTRY) readonly registry: CitizenRegistry) {}
}

const settings = (env: SettingsEnv) => loadSettings(VerificationSettings, { AUTH_DEV_KEY_FILE: '/keys/dev.json', ...env });

async function build(env: SettingsEnv, database: string): Promise<TestingModule> {
  @Module({ imports: [RegistryModule.forRoot(settings(env))], providers: [Consumer] })
  class ConsumerModule {}
  return Test.createTestingModule({
    imports: [MongooseModule.forRoot(MONGODB_URI, { dbName: database, serverSelectionTimeoutMS: 10_000 }), ConsumerModule],
  }).compile();
}

describe('RegistryModule.forRoot', () => {
  it('provides the built-in registry by default, on the connection of the importing application', async () => {
    const database = `registry-module-test-${Date.now()}-${process.pid}`;
    const app = await build({}, database);
    try {
      const { registry } = app.get(Consumer);
      expect(registry).toBeInstanceOf(BuiltInRegistry);
      expect(registry.source).toBe('builtin:registry-persons');
      const model = app.get(getModelToken(RegistryPersonRecord.name), { strict: false });
      await importRegistryRows(
        model,
        [JSON.stringify({ personalId: 'M1', surname: 'Məmmədov', givenNames: 'Elçin', sex: 'male', dateOfBirth: '1991-04-17' })],
        { format: 'ndjson' },
      );
      expect(
        (await registry.findCandidates({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991-04-17' })).map(
          (c) => c.personalId,
        ),
      ).toEqual(['M1']);
    } finally {
      await app.get<Connection>(getConnectionToken()).dropDatabase();
      await app.close();
    }
  });

  it('provides the HTTP registry when REGISTRY_ADAPTER=http', async () => {
    const app = await build(
      { REGISTRY_ADAPTER: 'http', REGISTRY_URL: 'http://127.0.0.1:9/registry', REGISTRY_TOKEN: 't' },
      `registry-module-unused-${process.pid}`,
    );
    try {
      const { registry } = app.get(Consumer);
      expect(registry).toBeInstanceOf(HttpRegistry);
      expect(registry.source).toBe('http:http://127.0.0.1:9/registry');
    } finally {
      await app.close();
    }
  });

  it('refuses a bad configuration before the module is built (settings validated at boot)', () => {
    expect(() => settings({ REGISTRY_ADAPTER: 'ldap' })).toThrow('REGISTRY_ADAPTER="ldap": ');
    expect(() => settings({ REGISTRY_ADAPTER: 'http' })).toThrow('REGISTRY_URL: required when REGISTRY_ADAPTER=http');
    expect(() => settings({ REGISTRY_ADAPTER: 'http', REGISTRY_URL: 'http://x', REGISTRY_RETRIES: 'many' })).toThrow(
      'REGISTRY_RETRIES="many"',
    );
  });
});

import { ServiceEnvironment, loadEnvironment } from './service-config';
import { platformOptionsFromEnv } from './service-env';

describe('service configuration', () => {
  it('applies defaults and derives the database and consumer group of each service', () => {
    const options = platformOptionsFromEnv('transfer', 3003, { AUTH_DEV_KEY_FILE: '/tmp/k.json', CONSUMER_GROUP_PREFIX: 'copy-' });
    expect(options).toMatchObject({ database: 'readmission-transfer', groupId: 'copy-transfer', port: 3003, mongodbUri: 'mongodb://127.0.0.1:27017' });
    expect(platformOptionsFromEnv('intake', 3001, { AUTH_DEV_KEY_FILE: 'k', MONGODB_DB: 'elsewhere', PORT: '8080' })).toMatchObject({ database: 'elsewhere', port: 8080 });
  });

  it('stops at boot with a message naming every bad variable', () => {
    expect(() => loadEnvironment(ServiceEnvironment, { KAFKA_BROKERS: 'a:1, b:2', PORT: '70000', LOG_LEVEL: 'chatty' })).toThrow(
      /invalid configuration:\n {2}KAFKA_BROKERS="a:1, b:2".*\n {2}PORT=70000.*\n {2}LOG_LEVEL="chatty"/s,
    );
  });

  it('needs an identity provider or a development key', () => {
    expect(() => platformOptionsFromEnv('intake', 3001, {})).toThrow(/AUTH_JWKS_URL .* or AUTH_DEV_KEY_FILE/);
  });
});

import { readFileSync } from 'fs';
import { makeTestCa } from '@readmission/testing';
import { loadSettings, SettingsError } from './settings';

describe('loadSettings', () => {
  it("defaults to the local broker on kafka_exporter's port, every group and topic, no store probe", () => {
    const s = loadSettings({});
    expect(s).toMatchObject({ host: '127.0.0.1', port: 9308, kafka: { brokers: ['127.0.0.1:9092'], ssl: false } });
    expect(s.groupFilter.test('anything')).toBe(true);
    expect(s.mongodbUri).toBeUndefined();
  });

  it('reads filters, SASL and the store', () => {
    const s = loadSettings({
      KAFKA_BROKERS: 'a:9092,b:9092',
      LAG_EXPORTER_GROUP_FILTER: '^(intake|verification)$',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ops',
      KAFKA_SASL_PASSWORD: 'secret',
      MONGODB_URI: 'mongodb://127.0.0.1:27017',
    });
    expect(s.kafka).toEqual({
      brokers: ['a:9092', 'b:9092'],
      ssl: false,
      sasl: { mechanism: 'scram-sha-512', username: 'ops', password: 'secret' },
    });
    expect(s.groupFilter.test('intake')).toBe(true);
    expect(s.groupFilter.test('test-collector-1')).toBe(false);
    expect(s.mongodbUri).toBe('mongodb://127.0.0.1:27017');
  });

  it('connects with TLS trusting only KAFKA_SSL_CA_FILE, as the services do, and refuses a file it cannot use', () => {
    const ca = makeTestCa();
    const s = loadSettings({ KAFKA_BROKERS: 'kafka.example:9094', KAFKA_SSL_CA_FILE: ca });
    expect(s.kafka.ssl).toEqual({ ca: [readFileSync(ca, 'utf8')], rejectUnauthorized: true });
    expect(loadSettings({ KAFKA_SSL: 'true' }).kafka.ssl).toBe(true);
    expect(() => loadSettings({ KAFKA_SSL_CA_FILE: '/nowhere/ca.pem' })).toThrow(
      'KAFKA_SSL_CA_FILE=/nowhere/ca.pem: cannot be read (ENOENT)',
    );
  });

  it('names every bad variable at once, never a secret value', () => {
    const attempt = () =>
      loadSettings({
        LAG_EXPORTER_PORT: '99999',
        KAFKA_BROKERS: 'nohost',
        LAG_EXPORTER_TOPIC_FILTER: '(',
        KAFKA_SASL_MECHANISM: 'gssapi',
        KAFKA_SASL_PASSWORD: 'hunter2',
      });
    expect(attempt).toThrow(SettingsError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const variable of [
      'LAG_EXPORTER_PORT',
      'KAFKA_BROKERS',
      'LAG_EXPORTER_TOPIC_FILTER',
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
    ]) {
      expect(message).toContain(variable);
    }
    expect(message).not.toContain('hunter2');
  });
});

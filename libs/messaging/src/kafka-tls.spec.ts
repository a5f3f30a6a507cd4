import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { makeTestCa } from '@readmission/testing';
import { caFileProblem, kafkaTlsOptions } from './kafka-tls';
import { kafkaSettingsFromEnv } from './kafka-settings';

describe('TLS to the brokers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-tls-'));
  const ca = makeTestCa(dir);

  it('trusts only the CA file when one is given, with the certificate and host name checks on', () => {
    const options = kafkaTlsOptions(false, ca) as { ca: string[]; rejectUnauthorized: boolean };
    expect(options.ca).toHaveLength(1);
    expect(options.ca[0]).toContain('-----BEGIN CERTIFICATE-----');
    expect(options.rejectUnauthorized).toBe(true);
    expect(options).not.toHaveProperty('checkServerIdentity');
  });

  it("uses the system's trust store with KAFKA_SSL alone, and no TLS without either", () => {
    expect(kafkaTlsOptions(true, undefined)).toBe(true);
    expect(kafkaTlsOptions(false, undefined)).toBe(false);
  });

  it('refuses a CA file it cannot read or that holds no certificate, naming the variable', () => {
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'not a certificate\n');
    const broken = join(dir, 'broken.pem');
    writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(caFileProblem(join(dir, 'missing.pem'))).toBe('cannot be read (ENOENT)');
    expect(caFileProblem(empty)).toMatch(/holds no PEM certificate/);
    expect(caFileProblem(broken)).toMatch(/does not parse/);
    expect(caFileProblem(ca)).toBeUndefined();
    expect(() => kafkaTlsOptions(true, empty)).toThrow(`KAFKA_SSL_CA_FILE=${empty}: holds no PEM certificate`);
  });

  it('reads KAFKA_SSL_CA_FILE with the other connection variables', () => {
    expect(kafkaSettingsFromEnv('x', { KAFKA_BROKERS: 'kafka.example:9094', KAFKA_SSL_CA_FILE: ca })).toMatchObject({
      brokers: ['kafka.example:9094'],
      sslCaFile: ca,
    });
    expect(kafkaSettingsFromEnv('x', {})).not.toHaveProperty('sslCaFile');
  });
});

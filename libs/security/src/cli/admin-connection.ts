import { readFileSync } from 'fs';
import { join } from 'path';
import { Kafka } from 'kafkajs';
import { createKafka, kafkaSettingsFromEnv } from '@readmission/messaging';

/**
 * The admin's connection for the security commands: KAFKA_BROKERS, KAFKA_SSL, and SASL as the admin
 * (KAFKA_SASL_MECHANISM, default scram-sha-512; KAFKA_SASL_USERNAME, default admin; the password from
 * KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD). Passwords are never printed.
 */
export function adminKafka(env: NodeJS.ProcessEnv = process.env): Kafka {
  const password = env.KAFKA_SASL_PASSWORD_FILE ? readFileSync(env.KAFKA_SASL_PASSWORD_FILE, 'utf8').trim() : env.KAFKA_SASL_PASSWORD;
  if (!password) throw new Error('set KAFKA_SASL_PASSWORD_FILE (or KAFKA_SASL_PASSWORD) to the broker admin password');
  return createKafka({
    ...kafkaSettingsFromEnv('kafka-security', env),
    sasl: {
      mechanism: (env.KAFKA_SASL_MECHANISM as 'scram-sha-512') || 'scram-sha-512',
      username: env.KAFKA_SASL_USERNAME || 'admin',
      password,
    },
  });
}

/** Where the users' password files are kept (one file per user). */
export function credentialsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKA_CREDENTIALS_DIR || join(process.cwd(), '.local', 'kafka-credentials');
}

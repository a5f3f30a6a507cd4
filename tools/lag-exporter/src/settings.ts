import { ConnectionOptions } from 'tls';
import { SASLOptions } from 'kafkajs';
import { caFileProblem, kafkaTlsOptions } from '@readmission/messaging';

/** Everything the exporter reads from its environment (the same KAFKA_* variables as the services). */
export interface ExporterSettings {
  host: string;
  port: number;
  /** `ssl`: KAFKA_SSL (system trust store) or KAFKA_SSL_CA_FILE (only these CAs), as the services. */
  kafka: { brokers: string[]; ssl?: ConnectionOptions | boolean; sasl?: SASLOptions };
  /** Like kafka_exporter's --group.filter / --topic.filter: only matching names are exported. */
  groupFilter: RegExp;
  topicFilter: RegExp;
  /** When set, the store is pinged on every scrape and `mongodb_up` exported (the mongodb_exporter name). */
  mongodbUri?: string;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'];

export class SettingsError extends Error {}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): ExporterSettings {
  const problems: string[] = [];
  const port = Number(env.LAG_EXPORTER_PORT ?? '9308');
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('LAG_EXPORTER_PORT: a TCP port (0 = any free one)');
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) problems.push('KAFKA_BROKERS: host:port[,host:port...]');
  const regex = (variable: string): RegExp => {
    try {
      return new RegExp(env[variable] ?? '.*');
    } catch {
      problems.push(`${variable}: a regular expression`);
      return /.*/;
    }
  };
  const groupFilter = regex('LAG_EXPORTER_GROUP_FILTER');
  const topicFilter = regex('LAG_EXPORTER_TOPIC_FILTER');
  let sasl: SASLOptions | undefined;
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    if (!SASL_MECHANISMS.includes(mechanism)) problems.push(`KAFKA_SASL_MECHANISM: one of ${SASL_MECHANISMS.join(', ')}`);
    if (!env.KAFKA_SASL_USERNAME) problems.push('KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM');
    if (!env.KAFKA_SASL_PASSWORD) problems.push('KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM');
    sasl = { mechanism, username: env.KAFKA_SASL_USERNAME ?? '', password: env.KAFKA_SASL_PASSWORD ?? '' } as SASLOptions;
  }
  const caFile = env.KAFKA_SSL_CA_FILE?.trim() || undefined;
  const caProblem = caFile ? caFileProblem(caFile) : undefined;
  if (caProblem) problems.push(`KAFKA_SSL_CA_FILE=${caFile}: ${caProblem}`);
  if (problems.length > 0) throw new SettingsError(`invalid settings:\n  ${problems.join('\n  ')}`);
  return {
    host: env.LAG_EXPORTER_HOST ?? '127.0.0.1',
    port,
    kafka: { brokers, ssl: kafkaTlsOptions(env.KAFKA_SSL === 'true', caFile), sasl },
    groupFilter,
    topicFilter,
    mongodbUri: env.MONGODB_URI || undefined,
  };
}

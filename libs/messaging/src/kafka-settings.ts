// kafkajs warns about a partitioner change from 2019 on every start; the default partitioner is the one we want.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

import { Kafka, KafkaConfig, logLevel, LogEntry } from 'kafkajs';
import { Logger } from '@nestjs/common';
import { kafkaTlsOptions } from './kafka-tls';

/** Where and how to reach Kafka. Read from the environment by `kafkaSettingsFromEnv`. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** TLS with the system's trust store (KAFKA_SSL=true). */
  ssl?: boolean;
  /** TLS trusting only the certificate authorities of this PEM file (KAFKA_SSL_CA_FILE); implies TLS. */
  sslCaFile?: string;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /**
   * Deployment namespace (PLATFORM_NAMESPACE): internal topics are published to and consumed from
   * `<namespace>.<topic>`, while code keeps using the logical names. See namespacedTopic in @readmission/contracts.
   */
  namespace?: string;
}

export function kafkaSettingsFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const settings: KafkaSettings = { brokers, clientId, ssl: env.KAFKA_SSL === 'true' };
  if (env.KAFKA_SSL_CA_FILE) settings.sslCaFile = env.KAFKA_SSL_CA_FILE;
  if (env.KAFKA_SASL_MECHANISM) {
    settings.sasl = {
      mechanism: env.KAFKA_SASL_MECHANISM as 'plain' | 'scram-sha-256' | 'scram-sha-512',
      username: env.KAFKA_SASL_USERNAME ?? '',
      password: env.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  return settings;
}

/**
 * The one place that constructs the kafkajs client, so the client library can be replaced behind this module.
 * Throws when the CA file of `sslCaFile` cannot be used.
 */
export function createKafka(settings: KafkaSettings): Kafka {
  const logger = new Logger(`kafka:${settings.clientId}`);
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: kafkaTlsOptions(settings.ssl, settings.sslCaFile),
    sasl: settings.sasl as KafkaConfig['sasl'],
    connectionTimeout: 5000,
    retry: { initialRetryTime: 300, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const text = `${message} ${JSON.stringify(extra)}`;
      if (entry.level <= logLevel.ERROR) logger.error(text);
      else logger.warn(text);
    },
  };
  return new Kafka(config);
}

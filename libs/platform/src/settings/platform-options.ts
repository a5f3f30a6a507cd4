import { LogLevel } from '@nestjs/common';
import { AuthSettings } from '@readmission/auth';
import { namespacedGroup } from '@readmission/contracts';
import { KafkaSettings } from '@readmission/messaging';
import type { PlatformOptions } from '../platform.module';
import { LOG_LEVELS, LogLevelSetting, PlatformSettings } from './platform-settings';

/** What a service passes to PlatformModule.forRoot and to its ServiceDefinition, from its loaded settings. */
export interface ServicePlatformOptions extends PlatformOptions {
  settings: PlatformSettings;
  port: number;
  groupId: string;
}

/**
 * The platform options of service `service` (its name: database `<prefix>-<service>`, consumer group, Kafka
 * client id). The port is the settings' PORT, which each service's settings class defaults.
 */
export function platformOptions(service: string, settings: PlatformSettings): ServicePlatformOptions {
  if (settings.PORT === undefined)
    throw new Error(`${settings.constructor.name} has no PORT default: give the service's settings class one`);
  return {
    settings,
    kafka: kafkaSettingsFrom(service, settings),
    mongodbUri: settings.MONGODB_URI,
    database: settings.MONGODB_DB ?? `${settings.MONGODB_DB_PREFIX}-${service}`,
    auth: authSettingsFrom(settings),
    port: settings.PORT,
    groupId: namespacedGroup(`${settings.CONSUMER_GROUP_PREFIX ?? ''}${service}`, settings.PLATFORM_NAMESPACE),
  };
}

export function kafkaSettingsFrom(clientId: string, settings: PlatformSettings): KafkaSettings {
  const kafka: KafkaSettings = { brokers: [...settings.KAFKA_BROKERS], clientId, ssl: settings.KAFKA_SSL };
  if (settings.KAFKA_SSL_CA_FILE) kafka.sslCaFile = settings.KAFKA_SSL_CA_FILE;
  if (settings.PLATFORM_NAMESPACE) kafka.namespace = settings.PLATFORM_NAMESPACE;
  if (settings.KAFKA_SASL_MECHANISM) {
    kafka.sasl = {
      mechanism: settings.KAFKA_SASL_MECHANISM,
      username: settings.KAFKA_SASL_USERNAME ?? '',
      password: settings.KAFKA_SASL_PASSWORD ?? '',
    };
  }
  return kafka;
}

export function authSettingsFrom(settings: PlatformSettings): AuthSettings {
  return {
    issuer: settings.AUTH_ISSUER,
    audience: settings.AUTH_AUDIENCE,
    jwksUrl: settings.AUTH_JWKS_URL,
    devKeyFile: settings.AUTH_DEV_KEY_FILE,
    mode: settings.PLATFORM_MODE,
    maxTokenAgeSeconds: settings.AUTH_MAX_TOKEN_AGE_MS / 1000,
  };
}

/** LOG_LEVEL to Nest's levels: that level and every more severe one ('warn' → fatal, error, warn). */
export function logLevelsFrom(level: LogLevelSetting): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

import { authSettingsFromEnv } from '@readmission/auth';
import { kafkaSettingsFromEnv } from '@readmission/messaging';
import { PlatformOptions } from './platform.module';
import { ServiceEnvironment, loadEnvironment } from './service-config';

/** Platform options and HTTP port of a service, from its validated environment. */
export function platformOptionsFromEnv(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): PlatformOptions & { port: number; groupId: string } {
  const config = loadEnvironment(ServiceEnvironment, env);
  return {
    kafka: kafkaSettingsFromEnv(service, { ...env, KAFKA_BROKERS: config.KAFKA_BROKERS }),
    mongodbUri: config.MONGODB_URI,
    database: config.MONGODB_DB ?? `${config.MONGODB_DB_PREFIX}-${service}`,
    groupId: `${config.CONSUMER_GROUP_PREFIX ?? ''}${service}`,
    auth: authSettingsFromEnv(env),
    port: config.PORT ?? defaultPort,
  };
}

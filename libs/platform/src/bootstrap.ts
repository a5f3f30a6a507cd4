import { INestApplication, Logger, LogLevel, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INTERNAL_EVENTS, TOPIC_PARTITIONS } from '@readmission/contracts';
import { PlatformExceptionFilter } from './exception.filter';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import {
  EventPublisher,
  KafkaEventServer,
  KafkaEventServerOptions,
  KafkaSettings,
  flushTraces,
  startTracing,
} from '@readmission/messaging';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { httpTracing } from './logging';
import { documentDomainErrors } from './openapi-errors';
import { mountApiDocs } from './api-docs';
import { PlatformSettings } from './settings/platform-settings';

export interface ServiceDefinition {
  /** Service name: also its consumer group id and Kafka client id. */
  name: string;
  /** Overrides the consumer group id (tests running several instances side by side). */
  groupId?: string;
  title: string;
  description: string;
  module: Type<unknown> | import('@nestjs/common').DynamicModule;
  kafka: KafkaSettings;
  port: number;
  server?: Partial<Omit<KafkaEventServerOptions, 'kafka' | 'groupId' | 'publisher'>>;
  /** The Nest logger's levels (tests); by default LOG_LEVEL of the service's settings and every more severe level. */
  logLevels?: LogLevel[];
  /** false: HTTP only, no consumer group (tests of the HTTP surface alone, e.g. the authorization matrix). */
  consume?: boolean;
}

export interface RunningService {
  app: INestApplication;
  server: KafkaEventServer;
  url: string;
  /** Graceful stop: stop consuming and finish in-flight records, then close HTTP, producer and store. */
  stop(): Promise<void>;
}

/** Starts a hybrid HTTP + Kafka NestJS service the same way for all four services. */
export async function startService(definition: ServiceDefinition): Promise<RunningService> {
  // Logs of the start are held back until the level from the settings (known once the module exists) applies.
  const app = await NestFactory.create(definition.module, definition.logLevels ? { logger: definition.logLevels } : { bufferLogs: true });
  // JSON logs through pino at LOG_LEVEL (see logging.ts); tests that give levels keep Nest's console logger.
  if (!definition.logLevels) app.useLogger(app.get(PinoNestLogger));
  const settings = app.get(PlatformSettings);
  startTracing({ service: definition.name, otlpEndpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
  app.use(httpTracing());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new PlatformExceptionFilter(app.getHttpAdapter()));

  const openapi = new DocumentBuilder()
    .setTitle(definition.title)
    .setDescription(definition.description)
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  mountApiDocs(app, () => documentDomainErrors(SwaggerModule.createDocument(app, openapi)));

  const server = new KafkaEventServer({
    ...definition.server,
    // Every internal topic exists before anyone publishes to it (brokers do not create topics on demand).
    extraTopics: [
      ...Object.keys(INTERNAL_EVENTS).map((topic) => ({ topic, partitions: TOPIC_PARTITIONS.internal })),
      ...(definition.server?.extraTopics ?? []),
    ],
    kafka: definition.kafka,
    groupId: definition.groupId ?? definition.name,
    publisher: app.get(EventPublisher),
    replayKey: definition.server?.replayKey ?? settings.DLQ_REPLAY_KEY,
    sessionTimeoutMs: definition.server?.sessionTimeoutMs ?? settings.KAFKA_SESSION_TIMEOUT_MS,
    // A store outage pauses the partitions that hit it; they resume when the store answers this ping.
    storeProbe: definition.server?.storeProbe ?? storeProbe(app),
  });
  if (definition.consume !== false) {
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(definition.port, '0.0.0.0');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await server.close();
      await app.close();
      await flushTraces();
    })());
  return { app, server, url, stop };
}

/** Resolves when the service's store answers a ping (within 2 s). */
function storeProbe(app: INestApplication): () => Promise<unknown> {
  return async () => {
    const connection = app.get<Connection>(getConnectionToken(), { strict: false });
    const db = connection.db;
    if (!db) throw new Error('not connected to the store');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('store ping timed out')), 2_000)));
    try {
      return await Promise.race([db.admin().ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * For main.ts: start, log where, and stop gracefully on SIGTERM/SIGINT (containers send SIGTERM). Pass a function
 * that loads the settings and builds the definition, so that invalid settings stop the process with their message
 * (`runService(() => intakeService(loadSettings(IntakeSettings)))`).
 */
export async function runService(definition: ServiceDefinition | (() => ServiceDefinition)): Promise<void> {
  let resolved: ServiceDefinition;
  try {
    resolved = typeof definition === 'function' ? definition() : definition;
  } catch (error) {
    new Logger('bootstrap').error(`failed to start: ${(error as Error).message}`); // SettingsError: never a secret value
    process.exit(1);
  }
  const logger = new Logger(resolved.name);
  let service: RunningService;
  try {
    service = await startService(resolved);
  } catch (error) {
    logger.error(`failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.log(`${resolved.name} listening on ${service.url} (OpenAPI at ${service.url}/docs)`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: stopping gracefully`);
      service.stop().then(
        () => process.exit(0),
        (error: Error) => {
          logger.error(`shutdown failed: ${error.message}`);
          process.exit(1);
        },
      );
    });
  }
}

import { INestMicroservice, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  EventPublisher,
  KafkaEventServer,
  KafkaEventServerOptions,
  KafkaSettings,
  MessagingModule,
  PassThroughRpcFilter,
} from '@readmission/messaging';

/** Handlers consuming through the project's KafkaEventServer on the real broker, as a service runs them. */
export interface ConsumerUnderTest {
  app: INestMicroservice;
  server: KafkaEventServer;
  /** The publisher of the handlers' module (what they publish goes through it). */
  publisher: EventPublisher;
  close(): Promise<void>;
}

/**
 * Starts `controllers` (their `@EventPattern` handlers) on a KafkaEventServer with `options`, for the integration
 * tests of the messaging library and the tools built on it. `close()` stops consuming, then the module.
 */
export async function startConsumer(
  kafka: KafkaSettings,
  controllers: Type[],
  options: Omit<KafkaEventServerOptions, 'kafka' | 'publisher'>,
): Promise<ConsumerUnderTest> {
  @Module({ imports: [MessagingModule.forRoot(kafka)], controllers })
  class ConsumerModule {}
  const context = await NestFactory.createApplicationContext(ConsumerModule, { logger: false });
  const publisher = context.get(EventPublisher);
  const server = new KafkaEventServer({ ...options, kafka, publisher });
  const app = await NestFactory.createMicroservice(ConsumerModule, { strategy: server, logger: false });
  app.useGlobalFilters(new PassThroughRpcFilter());
  await app.listen();
  return {
    app,
    server,
    publisher,
    close: async () => {
      await app.close();
      await context.close();
    },
  };
}

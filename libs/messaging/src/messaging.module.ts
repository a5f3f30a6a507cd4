import { DynamicModule, Global, Module } from '@nestjs/common';
import { EventPublisher, KAFKA_SETTINGS } from './event-publisher';
import { KafkaSettings } from './kafka-settings';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(settings: KafkaSettings): DynamicModule {
    return {
      module: MessagingModule,
      providers: [{ provide: KAFKA_SETTINGS, useValue: settings }, EventPublisher],
      exports: [EventPublisher, KAFKA_SETTINGS],
    };
  }
}

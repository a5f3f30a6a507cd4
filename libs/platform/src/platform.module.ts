import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuthModule, AuthSettings } from '@readmission/auth';
import { KafkaSettings, MessagingModule } from '@readmission/messaging';
import { OutboxRelay } from '@readmission/persistence';
import { Clock } from './clock';
import { OperationsController } from './health.controller';
import { AuditController, AuditEntry, AuditEntrySchema, AuditTrail } from './audit/audit-trail';

export interface PlatformOptions {
  kafka: KafkaSettings;
  mongodbUri: string;
  database: string;
  auth: AuthSettings;
  /** A clock to use instead of the system clock (tests). */
  clock?: Clock;
}

/** What every service has: Kafka producer, its database, authentication, health and metrics, outbox relay, audit trail, clock. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        MessagingModule.forRoot(options.kafka),
        MongooseModule.forRoot(options.mongodbUri, { dbName: options.database, serverSelectionTimeoutMS: 10_000 }),
        MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
        AuthModule.forRoot(options.auth),
      ],
      controllers: [OperationsController, AuditController],
      providers: [OutboxRelay, AuditTrail, { provide: Clock, useValue: options.clock ?? new Clock() }],
      exports: [OutboxRelay, AuditTrail, Clock],
    };
  }
}

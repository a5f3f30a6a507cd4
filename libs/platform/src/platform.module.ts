import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule, AuthSettings } from '@readmission/auth';
import { KafkaSettings, MessagingModule } from '@readmission/messaging';
import {
  DEV_KEY_FILE,
  FileKeyProvider,
  OUTBOX_RELAY_TIMING,
  OutboxRelay,
  OutboxRelayTiming,
  configureEncryption,
  devKeyProvider,
} from '@readmission/persistence';
import { Clock } from './clock';
import { StoreCommandMetrics } from './store-command-metrics';
import { StoreClientWatchdog } from './store-client-watchdog';
import { OperationsController } from './health.controller';
import { AuditController, AuditEntry, AuditEntrySchema, AuditTrail } from './audit/audit-trail';
import { PlatformSettings } from './settings/platform-settings';
import { loadSettings } from './settings/load-settings';
import { loggerParams } from './logging';
import { LegalHold, LegalHoldController, LegalHoldSchema, LegalHolds, RetentionSweeper } from './retention';

export interface PlatformOptions {
  kafka: KafkaSettings;
  mongodbUri: string;
  database: string;
  auth: AuthSettings;
  /**
   * The service's loaded settings (`platformOptions(service, settings)` puts them here). Provided to every module
   * as `PlatformSettings` and as the service's own settings class. Without them (older callers), the platform's
   * variables are read from the process environment when the module is created.
   */
  settings?: PlatformSettings;
  /** A clock to use instead of the system clock (tests). */
  clock?: Clock;
}

/** What every service has: Kafka producer, its database, authentication, health and metrics, outbox relay, audit trail, clock, settings. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    // The settings as PlatformSettings for the libraries, and under the service's own class for the service.
    const serviceSettingsClass = options.settings?.constructor as (new () => PlatformSettings) | undefined;
    const settingsTokens = [
      PlatformSettings,
      ...(serviceSettingsClass && serviceSettingsClass !== PlatformSettings ? [serviceSettingsClass] : []),
    ];
    const settings: Provider[] = options.settings
      ? settingsTokens.map((token) => ({ provide: token, useValue: options.settings }))
      : [{ provide: PlatformSettings, useFactory: () => legacySettings(options.auth) }];
    // The master keys of the encryption at rest, before any repository reads or writes (a missing file stops the boot).
    const keyFile = options.settings?.ENCRYPTION_KEY_FILE;
    configureEncryption(keyFile ? FileKeyProvider.fromFile(keyFile) : devKeyProvider(DEV_KEY_FILE));
    return {
      module: PlatformModule,
      global: true,
      imports: [
        MessagingModule.forRoot(options.kafka),
        // monitorCommands: every round trip timed by the driver (StoreCommandMetrics).
        MongooseModule.forRoot(options.mongodbUri, { dbName: options.database, serverSelectionTimeoutMS: 10_000, monitorCommands: true }),
        MongooseModule.forFeature([
          { name: AuditEntry.name, schema: AuditEntrySchema },
          { name: LegalHold.name, schema: LegalHoldSchema },
        ]),
        AuthModule.forRoot(options.auth),
        TerminusModule,
        // JSON logs (pino) at LOG_LEVEL, named after the service (its Kafka client id).
        LoggerModule.forRoot(loggerParams(options.kafka.clientId, (options.settings ?? legacySettings(options.auth)).LOG_LEVEL)),
      ],
      controllers: [OperationsController, AuditController, LegalHoldController],
      providers: [
        ...settings,
        {
          provide: OUTBOX_RELAY_TIMING,
          inject: [PlatformSettings],
          useFactory: (s: PlatformSettings): OutboxRelayTiming => ({
            intervalMs: s.OUTBOX_RELAY_INTERVAL_MS,
            pendingGraceMs: s.OUTBOX_RELAY_GRACE_MS,
          }),
        },
        OutboxRelay,
        StoreCommandMetrics,
        StoreClientWatchdog,
        AuditTrail,
        LegalHolds,
        RetentionSweeper,
        { provide: Clock, useValue: options.clock ?? new Clock() },
      ],
      exports: [...settingsTokens, OutboxRelay, AuditTrail, LegalHolds, RetentionSweeper, Clock],
    };
  }
}

/**
 * @deprecated for callers that build PlatformOptions by hand without settings (until every service passes its
 * settings): the platform's variables from the process environment, the token verification from `auth`.
 */
function legacySettings(auth: AuthSettings): PlatformSettings {
  return loadSettings(PlatformSettings, {
    ...process.env,
    AUTH_ISSUER: auth.issuer,
    AUTH_AUDIENCE: auth.audience,
    AUTH_JWKS_URL: auth.jwksUrl,
    AUTH_DEV_KEY_FILE: auth.devKeyFile,
  });
}

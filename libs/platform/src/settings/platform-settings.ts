import { IsOptional } from 'class-validator';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_MAX_TOKEN_AGE_SECONDS,
  DEV_ISSUER,
  PLATFORM_MODES,
  PlatformMode,
  authSettingsProblems,
} from '@readmission/auth';
import { caFileProblem } from '@readmission/messaging';
import {
  IsBooleanSetting,
  IsMilliseconds,
  IsMongoUri,
  IsOneOf,
  IsPatternSetting,
  IsPort,
  IsUrlSetting,
  ParsedSetting,
  Secret,
} from './decorators';
import { ChecksTogether, SettingProblem } from './load-settings';
import { fail } from './parsers';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export const API_DOCS_ACCESS = ['public', 'signed-in', 'off'] as const;

const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Every variable the platform libraries read, validated at boot (`loadSettings`). Each service's settings class
 * extends this one with its own variables. Defaults are today's; an unset or empty variable keeps its default.
 */
export class PlatformSettings implements ChecksTogether {
  /** Bootstrap brokers, host:port separated by commas (no spaces). */
  @ParsedSetting(brokerList) KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];
  /** TLS to the brokers, trusting the system's certificate authorities. */
  @IsBooleanSetting() KAFKA_SSL = false;
  /**
   * TLS to the brokers trusting only the certificate authorities of this PEM file (the broker's SASL_SSL listener
   * with a private CA); implies KAFKA_SSL. The service refuses to start with a file it cannot read or parse.
   */
  @IsOptional() @ParsedSetting((raw) => raw.trim()) KAFKA_SSL_CA_FILE?: string;
  /** SASL to the brokers; when set, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required. */
  @IsOptional() @IsOneOf(KAFKA_SASL_MECHANISMS) KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number];
  @IsOptional() @ParsedSetting((raw) => raw) KAFKA_SASL_USERNAME?: string;
  @IsOptional() @Secret() @ParsedSetting((raw) => raw) KAFKA_SASL_PASSWORD?: string;
  /**
   * How long the broker waits for a silent consumer before it gives its partitions to the others: after a crash,
   * the service's partitions wait this long for its restart to take them (at least the broker's minimum, 6 s).
   */
  @IsMilliseconds({ min: 6000 }) KAFKA_SESSION_TIMEOUT_MS = 30_000;

  /** The store; its password is never printed. */
  @IsMongoUri() MONGODB_URI = 'mongodb://127.0.0.1:27017';
  /** The service's database; default `<MONGODB_DB_PREFIX>-<service>`. */
  @IsOptional() @IsPatternSetting(NAME, "letters, digits, '_' or '-'") MONGODB_DB?: string;
  @IsPatternSetting(NAME, "letters, digits, '_' or '-'") MONGODB_DB_PREFIX = 'readmission';
  /** Prepended to the consumer group id: only to run a separate copy of the platform (tests, benchmark). */
  @IsOptional() @IsPatternSetting(/^[a-z0-9.-]*$/, "lower-case letters, digits, '.' or '-'") CONSUMER_GROUP_PREFIX?: string;

  /**
   * Deployment namespace: prefixes the internal topics and the consumer groups (so the dead-letter topics too),
   * so that two copies of the platform on one broker never see each other's events. Partner topics stay shared.
   * Unset in production: every name stays as it is.
   */
  @IsOptional() @IsPatternSetting(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits or '-', at most 40") PLATFORM_NAMESPACE?: string;

  /** HTTP port; each service's settings class gives its own default. 0 picks a free port (tests). */
  @IsOptional() @IsPort() PORT?: number;
  /** The least severe level logged: `log` logs fatal, error, warn and log. */
  @IsOneOf(LOG_LEVELS) LOG_LEVEL: LogLevelSetting = 'log';
  /** OTLP/HTTP collector for the traces (e.g. http://otel-collector:4318); unset: trace ids in logs and headers only. */
  @IsOptional() @IsUrlSetting({ protocols: ['http', 'https'], noCredentials: true }) OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  /**
   * Shared with `npm run dlq -- replay`: signs the original time of receipt a replayed dead-letter record carries.
   * Unset: a replay is judged at its own broker time (the stamp is ignored).
   */
  @IsOptional() @Secret() @IsPatternSetting(/^.{32,}$/, 'at least 32 characters') DLQ_REPLAY_KEY?: string;

  /** How often the outbox relay sweeps for outboxes left pending. */
  @IsMilliseconds({ min: 1 }) OUTBOX_RELAY_INTERVAL_MS = 2000;
  /** A document written less than this long ago is left to its writer by the relay. */
  @IsMilliseconds() OUTBOX_RELAY_GRACE_MS = 5000;
  /** How often time limits are swept; 0 turns the timer off (tests sweep by hand). */
  @IsMilliseconds() DEADLINE_SWEEP_MS = 30_000;
  /** How often the retention sweep looks for personal data past its retention period (docs/security.md); 0 = off. */
  @IsMilliseconds() RETENTION_SWEEP_MS = 3_600_000;
  /** How long an instance trusts its copy of reference data before reading the store again. */
  @IsMilliseconds() REFERENCE_DATA_REFRESH_MS = 10_000;
  /** How often the business gauges (counts in the store, e.g. reply time limits due in 72 h) are recounted; 0 = never by timer. */
  @IsMilliseconds() METRICS_REFRESH_MS = 60_000;

  /** Token issuer expected (the identity provider's, or the development issuer). */
  @ParsedSetting((raw) => raw.trim()) AUTH_ISSUER = DEV_ISSUER;
  @ParsedSetting((raw) => raw.trim()) AUTH_AUDIENCE = DEFAULT_AUDIENCE;
  /** The identity provider's key set (production). */
  @IsOptional() @IsUrlSetting({ protocols: ['https', 'http'], noCredentials: true }) AUTH_JWKS_URL?: string;
  /** Local development key, created on first use (`npm run token`): a path, the file need not exist yet. */
  @IsOptional() @ParsedSetting((raw) => raw.trim()) AUTH_DEV_KEY_FILE?: string;

  /**
   * Master keys of the field-level encryption of personal data (docs/security.md): a JSON key file
   * `{ "current": "<id>", "keys": { "<id>": "<32 bytes, base64>" } }`, in production a mounted secret (required there).
   * Unset in development: `.local/keys/encryption-master-keys.json`, created with a random key on first use.
   */
  @IsOptional() @ParsedSetting((raw) => raw.trim()) ENCRYPTION_KEY_FILE?: string;

  /**
   * `production` refuses the development key and issuer and a JWKS URL that is not https, and puts the OpenAPI
   * documents behind sign-in; `development` (the default, for the quick start and tests) allows them.
   */
  @IsOneOf(PLATFORM_MODES) PLATFORM_MODE: PlatformMode = 'development';
  /** The oldest token accepted, counted from its `iat`, even if it has not expired yet. */
  @IsMilliseconds({ min: 1000 }) AUTH_MAX_TOKEN_AGE_MS = DEFAULT_MAX_TOKEN_AGE_SECONDS * 1000;
  /** Who reads the OpenAPI documents at /docs: `public`, `signed-in` (a valid token) or `off`. Default by PLATFORM_MODE. */
  @IsOptional() @IsOneOf(API_DOCS_ACCESS) API_DOCS?: (typeof API_DOCS_ACCESS)[number];

  /** API_DOCS, or its default: public in development, signed-in in production. */
  apiDocsAccess(): (typeof API_DOCS_ACCESS)[number] {
    return this.API_DOCS ?? (this.PLATFORM_MODE === 'production' ? 'signed-in' : 'public');
  }

  checkTogether(): SettingProblem[] {
    const problems: SettingProblem[] = [];
    problems.push(
      ...authSettingsProblems({
        issuer: this.AUTH_ISSUER,
        audience: this.AUTH_AUDIENCE,
        jwksUrl: this.AUTH_JWKS_URL,
        devKeyFile: this.AUTH_DEV_KEY_FILE,
        mode: this.PLATFORM_MODE,
        maxTokenAgeSeconds: this.AUTH_MAX_TOKEN_AGE_MS / 1000,
      }),
    );
    if (this.PLATFORM_MODE === 'production' && !this.ENCRYPTION_KEY_FILE)
      problems.push({ variable: 'ENCRYPTION_KEY_FILE', reason: 'required in production mode (the master keys of the encryption at rest)' });
    const caProblem = this.KAFKA_SSL_CA_FILE ? caFileProblem(this.KAFKA_SSL_CA_FILE) : undefined;
    if (caProblem) problems.push({ variable: 'KAFKA_SSL_CA_FILE', reason: caProblem });
    if (this.KAFKA_SASL_MECHANISM) {
      const reason = `required when KAFKA_SASL_MECHANISM=${this.KAFKA_SASL_MECHANISM}`;
      if (!this.KAFKA_SASL_USERNAME) problems.push({ variable: 'KAFKA_SASL_USERNAME', reason });
      if (!this.KAFKA_SASL_PASSWORD) problems.push({ variable: 'KAFKA_SASL_PASSWORD', reason });
    }
    return problems;
  }
}

/** host:port,host:port. Spaces are refused rather than trimmed, as before. */
function brokerList(raw: string): string[] {
  const brokers = raw.split(',');
  if (brokers.some((b) => !/^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):\d{1,5}$/.test(b)))
    fail('must be host:port items separated by commas, without spaces');
  return brokers;
}

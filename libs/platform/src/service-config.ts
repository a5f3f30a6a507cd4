import 'reflect-metadata'; // decorators below read type metadata, also when this file is loaded outside Nest
import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Settings every service reads from its environment, validated at boot: a bad value stops the process with a
 * message naming the variable, instead of failing later in the middle of the night.
 */
export class ServiceEnvironment {
  /** Comma-separated bootstrap brokers. */
  @Matches(/^[^,\s]+(,[^,\s]+)*$/) KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() MONGODB_URI = 'mongodb://127.0.0.1:27017';
  /** Defaults to the service's own database name. */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]+$/) MONGODB_DB?: string;
  /** Each service's database is `<prefix>-<service>` unless MONGODB_DB names one. */
  @Matches(/^[A-Za-z0-9_-]+$/) MONGODB_DB_PREFIX = 'readmission';
  /** Prepended to the consumer group id: only to run a separate copy of the platform (tests, benchmark). */
  @IsOptional() @Matches(/^[a-z0-9.-]*$/) CONSUMER_GROUP_PREFIX?: string;
  // Explicit: implicit conversion depends on emitted type metadata, which not every compiler produces.
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() AUTH_JWKS_URL?: string;
  @IsOptional() @IsString() AUTH_DEV_KEY_FILE?: string;
  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL?: string;
}

export function loadEnvironment<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') raw[key] = value;
  const instance = plainToInstance(cls, { ...defaults, ...raw }, { enableImplicitConversion: true });
  const errors = validateSync(instance, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return instance;
}

import { IsOptional } from 'class-validator';
import { PLATFORM_MODES, PlatformMode } from '@readmission/auth';
import {
  IsMilliseconds,
  IsMongoUri,
  IsIntegerSetting,
  IsNumberList,
  IsOneOf,
  IsPatternSetting,
  IsUrlSetting,
  ParsedSetting,
  PlatformSettings,
  Secret,
  SettingProblem,
  SettingsEnv,
  settingsForTest,
} from '@readmission/platform';

export const REGISTRY_ADAPTERS = ['builtin', 'http'] as const;
export type RegistryAdapter = (typeof REGISTRY_ADAPTERS)[number];

/** Every variable verification reads, validated at boot (`loadSettings(VerificationSettings)`). */
export class VerificationSettings extends PlatformSettings {
  override PORT = 3002;
  /** Hours before the reply falls due at which an alert is raised, e.g. "72,24" (kept largest first). */
  @IsNumberList({ positive: true, order: 'descending' }) REPLY_ALERT_HOURS = [72, 24];

  /**
   * How long a supplement or withdrawal that arrived before its case waits for it (from its arrival in verification);
   * then the partner is answered `unknown-reference` instead.
   */
  @IsMilliseconds({ min: 1000, max: 7 * 86_400_000 }) CASE_MESSAGE_WAIT_MS = 900_000;

  /** The citizen registry: `builtin` (collection `registry-persons`) or `http` (REGISTRY_URL). */
  @IsOneOf(REGISTRY_ADAPTERS) REGISTRY_ADAPTER: RegistryAdapter = 'builtin';
  /** Base URL of the registry's HTTP API; required with REGISTRY_ADAPTER=http. Credentials go in REGISTRY_TOKEN. */
  @IsOptional() @IsUrlSetting({ protocols: ['http', 'https'], noCredentials: true, noQuery: true }) REGISTRY_URL?: string;
  /** Time limit of one registry call. */
  @IsMilliseconds({ min: 1, max: 600_000 }) REGISTRY_TIMEOUT_MS = 3000;
  /** Retries of a failed registry call (backoff doubles from 250 ms). */
  @IsIntegerSetting({ min: 0, max: 10 }) REGISTRY_RETRIES = 2;
  /** Bearer token for the registry; never logged or printed. */
  @IsOptional() @Secret() @IsPatternSetting(/^[\x21-\x7e]+$/u, 'printable ASCII without spaces') REGISTRY_TOKEN?: string;

  /**
   * Retention (docs/security.md): a case decided (from its decision) or withdrawn (from its last change) longer ago
   * than this is anonymised (default 5 years).
   */
  @IsMilliseconds({ min: 1 }) RETENTION_CLOSED_CASES_MS = 5 * 365 * 86_400_000;

  override checkTogether(): SettingProblem[] {
    const problems = super.checkTogether();
    if (this.REGISTRY_ADAPTER === 'http' && !this.REGISTRY_URL)
      problems.push({ variable: 'REGISTRY_URL', reason: 'required when REGISTRY_ADAPTER=http' });
    return problems;
  }
}

/** Verification settings for a test: the test infrastructure and `env` (see settingsForTest). */
export const verificationSettingsForTest = (env: SettingsEnv = {}): VerificationSettings => settingsForTest(VerificationSettings, env);

/** The variables of the registry import command (`npm run registry:import`): the verification service's store only. */
export class RegistryImportSettings {
  /** The store; its password is never printed. */
  @IsMongoUri() MONGODB_URI = 'mongodb://127.0.0.1:27017';
  /** The verification database; default `<MONGODB_DB_PREFIX>-verification`, as the service's. */
  @IsOptional() @IsPatternSetting(/^[A-Za-z0-9_-]+$/u, "letters, digits, '_' or '-'") MONGODB_DB?: string;
  @IsPatternSetting(/^[A-Za-z0-9_-]+$/u, "letters, digits, '_' or '-'") MONGODB_DB_PREFIX = 'readmission';
  /** The master key file the records are sealed with: the services' (docs/security.md); the development key file when unset. */
  @IsOptional() @ParsedSetting((raw) => raw.trim()) ENCRYPTION_KEY_FILE?: string;
  @IsOneOf(PLATFORM_MODES) PLATFORM_MODE: PlatformMode = 'development';

  checkTogether(): SettingProblem[] {
    return this.PLATFORM_MODE === 'production' && !this.ENCRYPTION_KEY_FILE
      ? [{ variable: 'ENCRYPTION_KEY_FILE', reason: 'required in production mode (the master keys of the encryption at rest)' }]
      : [];
  }

  get database(): string {
    return this.MONGODB_DB ?? `${this.MONGODB_DB_PREFIX}-verification`;
  }
}

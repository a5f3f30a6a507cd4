import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { randomBytes, randomUUID } from 'crypto';

/**
 * How tokens are verified. Production: the identity provider's issuer, audience and JWKS URL (https). Development:
 * a local HS256 key kept in a git-ignored file (`npm run token` creates it), never in the repository, and refused
 * when the platform runs in production mode.
 */
export interface AuthSettings {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  devKeyFile?: string;
  /** PLATFORM_MODE; unset counts as development. */
  mode?: PlatformMode;
  /** The oldest token accepted, by its `iat` (seconds); default DEFAULT_MAX_TOKEN_AGE_SECONDS. */
  maxTokenAgeSeconds?: number;
}

export const PLATFORM_MODES = ['production', 'development'] as const;
export type PlatformMode = (typeof PLATFORM_MODES)[number];

export const DEV_ISSUER = 'urn:readmission:dev';
export const DEFAULT_AUDIENCE = 'readmission-platform';
/** A token older than this (issued at `iat`) is refused even before it expires: 12 hours, one working shift and more. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 12 * 60 * 60;
/** Why a service without a way to verify tokens does not start. */
export const MISSING_TOKEN_VERIFICATION = 'set AUTH_JWKS_URL (identity provider) or AUTH_DEV_KEY_FILE (local development key)';
export const DEV_KEY_IN_PRODUCTION =
  'the development key (AUTH_DEV_KEY_FILE) is refused in production mode: set AUTH_JWKS_URL and AUTH_ISSUER of the identity provider';
export const DEV_ISSUER_IN_PRODUCTION = `the development issuer ${DEV_ISSUER} is refused in production mode: set AUTH_ISSUER to the identity provider's`;
export const JWKS_NOT_HTTPS = 'must be an https URL outside development mode';

/** What is wrong with these settings, per variable (empty: fine). Services refuse to start on any. */
export function authSettingsProblems(settings: AuthSettings): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  const production = settings.mode === 'production';
  if (!settings.jwksUrl && !settings.devKeyFile) problems.push({ variable: 'AUTH_JWKS_URL', reason: MISSING_TOKEN_VERIFICATION });
  if (production && settings.devKeyFile) problems.push({ variable: 'AUTH_DEV_KEY_FILE', reason: DEV_KEY_IN_PRODUCTION });
  if (production && settings.issuer === DEV_ISSUER) problems.push({ variable: 'AUTH_ISSUER', reason: DEV_ISSUER_IN_PRODUCTION });
  if (settings.jwksUrl && settings.mode !== 'development' && settings.mode !== undefined && !/^https:\/\//i.test(settings.jwksUrl))
    problems.push({ variable: 'AUTH_JWKS_URL', reason: JWKS_NOT_HTTPS });
  if (settings.maxTokenAgeSeconds !== undefined && !(settings.maxTokenAgeSeconds > 0))
    problems.push({ variable: 'AUTH_MAX_TOKEN_AGE_MS', reason: 'must be positive' });
  return problems;
}

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const mode = env.PLATFORM_MODE || 'development';
  if (!(PLATFORM_MODES as readonly string[]).includes(mode)) throw new Error(`PLATFORM_MODE must be production or development`);
  const settings: AuthSettings = {
    // An empty value counts as unset: an empty issuer or audience would switch that check off in jwtVerify.
    issuer: env.AUTH_ISSUER || DEV_ISSUER,
    audience: env.AUTH_AUDIENCE || DEFAULT_AUDIENCE,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    devKeyFile: env.AUTH_DEV_KEY_FILE || undefined,
  };
  if (env.PLATFORM_MODE) settings.mode = mode as PlatformMode;
  if (env.AUTH_MAX_TOKEN_AGE_MS) settings.maxTokenAgeSeconds = Number(env.AUTH_MAX_TOKEN_AGE_MS) / 1000;
  const problems = authSettingsProblems(settings);
  if (problems.length > 0)
    throw new Error(problems.map((p) => (p.reason === MISSING_TOKEN_VERIFICATION ? p.reason : `${p.variable}: ${p.reason}`)).join('; '));
  return settings;
}

export interface DevKey {
  kid: string;
  secret: string;
}

/**
 * Reads the development key, creating it on first use. Services starting together may all try to create it:
 * the key is written to a temporary file and linked into place, so exactly one key wins and nobody ever reads
 * a half-written file.
 */
export function loadOrCreateDevKey(file: string): DevKey {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const key: DevKey = { kid: randomUUID(), secret: randomBytes(32).toString('base64url') };
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    writeFileSync(temporary, JSON.stringify(key, null, 2), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  return JSON.parse(readFileSync(file, 'utf8')) as DevKey;
}

import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { randomBytes, randomUUID } from 'crypto';

/**
 * How tokens are verified. Production: the identity provider's issuer, audience and JWKS URL. Development:
 * a local HS256 key kept in a git-ignored file (`npm run token` creates it), never in the repository.
 */
export interface AuthSettings {
  issuer: string;
  audience: string;
  jwksUrl?: string;
  devKeyFile?: string;
}

export const DEV_ISSUER = 'urn:readmission:dev';
export const DEFAULT_AUDIENCE = 'readmission-platform';
/** Why a service without a way to verify tokens does not start. */
export const MISSING_TOKEN_VERIFICATION = 'set AUTH_JWKS_URL (identity provider) or AUTH_DEV_KEY_FILE (local development key)';

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const settings: AuthSettings = {
    // An empty value counts as unset: an empty issuer or audience would switch that check off in jwtVerify.
    issuer: env.AUTH_ISSUER || DEV_ISSUER,
    audience: env.AUTH_AUDIENCE || DEFAULT_AUDIENCE,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    devKeyFile: env.AUTH_DEV_KEY_FILE || undefined,
  };
  if (!settings.jwksUrl && !settings.devKeyFile) {
    throw new Error(MISSING_TOKEN_VERIFICATION);
  }
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

import { SignJWT, createRemoteJWKSet, decodeJwt, jwtVerify, JWTPayload } from 'jose';
import { AuthSettings, DEFAULT_MAX_TOKEN_AGE_SECONDS, DEV_ISSUER, authSettingsProblems, loadOrCreateDevKey } from './auth-settings';
import { Caller, ROLES, Role } from './roles';

export type TokenVerifier = (token: string) => Promise<Caller>;

/** Signature algorithms accepted from an identity provider: asymmetric only (never `none`, never a shared secret). */
export const IDP_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Verifies a bearer token: signature (the identity provider's published keys, or the development key outside
 * production), issuer and audience (both required), expiry (`exp` required), and age (`iat` required, no older
 * than the maximum token age). Refuses to be created with settings that production forbids.
 */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const problems = authSettingsProblems(settings);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.variable}: ${p.reason}`).join('; '));
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    requiredClaims: ['exp', 'iat', 'iss', 'aud'], // and a subject, checked below
    maxTokenAge: `${Math.floor(settings.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS)}s`,
    clockTolerance: 30,
  };
  // The identity provider's tokens (its JWKS), and in development also the development key's (issuer DEV_ISSUER):
  // a local platform then takes both the development sign-in and a loopback identity provider's tokens.
  const devKey = settings.devKeyFile ? Buffer.from(loadOrCreateDevKey(settings.devKeyFile).secret, 'base64url') : undefined;
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const fromProvider = (token: string) => jwtVerify(token, jwks!, { ...options, algorithms: IDP_ALGORITHMS });
  const fromDevKey = (token: string, issuer: string) => jwtVerify(token, devKey!, { ...options, issuer, algorithms: ['HS256'] });
  const verify = async (token: string): Promise<JWTPayload> => {
    if (!jwks) return (await fromDevKey(token, settings.issuer)).payload;
    if (devKey && decodeJwt(token).iss === DEV_ISSUER) return (await fromDevKey(token, DEV_ISSUER)).payload;
    return (await fromProvider(token)).payload;
  };
  return async (token) => {
    const payload = await verify(token);
    const claimed = Array.isArray(payload.roles) ? payload.roles : [];
    const roles = claimed.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
    if (!payload.sub) throw new Error('token has no subject');
    return {
      subject: payload.sub,
      roles,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      crossingPoints: stringList(payload.crossing_points),
      teams: stringList(payload.teams),
    };
  };
}

/** A claim holding a list of codes: its strings (an absent or malformed claim grants nothing). */
function stringList(claim: unknown): string[] {
  return Array.isArray(claim) ? claim.filter((c): c is string => typeof c === 'string' && c.length > 0) : [];
}

/** The object-level claims a development token may carry (an identity provider puts the same ones in its tokens). */
export interface DevTokenClaims {
  subject: string;
  roles: Role[];
  name?: string;
  ttl?: string;
  audience?: string;
  /** `crossing_points`: where a border officer works. */
  crossingPoints?: string[];
  /** `teams`: a case worker's or lead's teams (regions). */
  teams?: string[];
}

/** Mints a development token signed with the local key. Never used with a real identity provider. */
export async function mintDevToken(devKeyFile: string, claims: DevTokenClaims): Promise<string> {
  const key = loadOrCreateDevKey(devKeyFile);
  return new SignJWT({
    roles: claims.roles,
    ...(claims.name ? { name: claims.name } : {}),
    ...(claims.crossingPoints ? { crossing_points: claims.crossingPoints } : {}),
    ...(claims.teams ? { teams: claims.teams } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(claims.subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(claims.audience ?? 'readmission-platform')
    .setIssuedAt()
    .setExpirationTime(claims.ttl ?? '8h')
    .sign(Buffer.from(key.secret, 'base64url'));
}

/** The team of development tokens (`npm run token`, the console's development sign-in, tests). */
export const DEV_TEAM = 'dev-team';

/**
 * The claims of a development token for one role: a border officer works at the given crossing points (normally all
 * of them), a case worker is in the development team and is also its lead (one person can take a case from the
 * unassigned list and work on it), a lead leads that team. Other roles need no object-level claim.
 */
export function devTokenClaims(role: Role, subject: string, crossingPoints: string[]): DevTokenClaims {
  if (role === 'border-officer') return { subject, roles: [role], crossingPoints };
  if (role === 'case-worker') return { subject, roles: ['case-worker', 'case-worker-lead'], teams: [DEV_TEAM] };
  if (role === 'case-worker-lead') return { subject, roles: [role], teams: [DEV_TEAM] };
  return { subject, roles: [role] };
}

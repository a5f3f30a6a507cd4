import { SignJWT, createRemoteJWKSet, jwtVerify, JWTPayload } from 'jose';
import { AuthSettings, DEV_ISSUER, loadOrCreateDevKey } from './auth-settings';
import { Caller, ROLES, Role } from './roles';

export type TokenVerifier = (token: string) => Promise<Caller>;

export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const options = { issuer: settings.issuer, audience: settings.audience };
  let verify: (token: string) => Promise<JWTPayload>;
  if (settings.jwksUrl) {
    const jwks = createRemoteJWKSet(new URL(settings.jwksUrl));
    verify = async (token) => (await jwtVerify(token, jwks, options)).payload;
  } else {
    const secret = Buffer.from(loadOrCreateDevKey(settings.devKeyFile as string).secret, 'base64url');
    verify = async (token) => (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
  }
  return async (token) => {
    const payload = await verify(token);
    const claimed = Array.isArray(payload.roles) ? payload.roles : [];
    const roles = claimed.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string));
    if (!payload.sub) throw new Error('token has no subject');
    return { subject: payload.sub, roles, name: typeof payload.name === 'string' ? payload.name : undefined };
  };
}

/** Mints a development token signed with the local key. Never used with a real identity provider. */
export async function mintDevToken(
  devKeyFile: string,
  claims: { subject: string; roles: Role[]; name?: string; ttl?: string; audience?: string },
): Promise<string> {
  const key = loadOrCreateDevKey(devKeyFile);
  return new SignJWT({ roles: claims.roles, ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid })
    .setSubject(claims.subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(claims.audience ?? 'readmission-platform')
    .setIssuedAt()
    .setExpirationTime(claims.ttl ?? '8h')
    .sign(Buffer.from(key.secret, 'base64url'));
}

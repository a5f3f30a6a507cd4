import { mkdtempSync, rmSync } from 'fs';
import { AddressInfo } from 'net';
import { Server, createServer } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { JWTPayload, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { AuthSettings, DEFAULT_AUDIENCE, DEV_ISSUER, authSettingsFromEnv, loadOrCreateDevKey } from './auth-settings';
import { Role } from './roles';
import { DEV_TEAM, TokenVerifier, createTokenVerifier, devTokenClaims, mintDevToken } from './tokens';

describe('development tokens', () => {
  let dir: string;
  let keyFile: string;
  let verify: TokenVerifier;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'auth-tokens-'));
    keyFile = join(dir, 'dev-key.json');
    verify = createTokenVerifier({ issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, devKeyFile: keyFile });
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A token signed with the development key, built by hand to get claims mintDevToken would not produce. */
  const signed = (build: (jwt: SignJWT) => SignJWT, options: { payload?: JWTPayload; alg?: string } = {}) =>
    build(new SignJWT(options.payload ?? { roles: ['officer'] }).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt()).sign(
      Buffer.from(loadOrCreateDevKey(keyFile).secret, 'base64url'),
    );

  it('verifies a minted token and yields its subject, roles and name', async () => {
    const token = await mintDevToken(keyFile, { subject: 'officer-7', roles: ['officer', 'auditor'], name: 'Aysel Mammadova' });
    await expect(verify(token)).resolves.toEqual({
      subject: 'officer-7',
      roles: ['officer', 'auditor'],
      name: 'Aysel Mammadova',
      crossingPoints: [],
      teams: [],
    });
  });

  it('yields the object-level claims: crossing points and teams (strings only)', async () => {
    const token = await mintDevToken(keyFile, {
      subject: 'bo-2',
      roles: ['border-officer'],
      crossingPoints: ['GYD', 'AST'],
      teams: ['north'],
    });
    await expect(verify(token)).resolves.toMatchObject({ crossingPoints: ['GYD', 'AST'], teams: ['north'] });
    const odd = await signed((jwt) => jwt.setSubject('bo-3').setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('5m'), {
      payload: { roles: ['border-officer'], crossing_points: ['GYD', 7, ''], teams: 'north' },
    });
    await expect(verify(odd)).resolves.toMatchObject({ crossingPoints: ['GYD'], teams: [] });
  });

  it('gives development tokens sensible claims per role', () => {
    expect(devTokenClaims('border-officer', 'b', ['GYD'])).toEqual({ subject: 'b', roles: ['border-officer'], crossingPoints: ['GYD'] });
    expect(devTokenClaims('case-worker', 'c', ['GYD'])).toEqual({
      subject: 'c',
      roles: ['case-worker', 'case-worker-lead'],
      teams: [DEV_TEAM],
    });
    expect(devTokenClaims('case-worker-lead', 'l', [])).toEqual({ subject: 'l', roles: ['case-worker-lead'], teams: [DEV_TEAM] });
    expect(devTokenClaims('oversight', 'o', ['GYD'])).toEqual({ subject: 'o', roles: ['oversight'] });
  });

  it('verifies a token without a name', async () => {
    const token = await mintDevToken(keyFile, { subject: 'case-worker-1', roles: ['case-worker'] });
    await expect(verify(token)).resolves.toEqual({
      subject: 'case-worker-1',
      roles: ['case-worker'],
      name: undefined,
      crossingPoints: [],
      teams: [],
    });
  });

  it('keeps only the roles the platform knows', async () => {
    const token = await mintDevToken(keyFile, { subject: 'someone', roles: ['superuser', 'admin', 'root'] as unknown as Role[] });
    await expect(verify(token)).resolves.toMatchObject({ subject: 'someone', roles: ['admin'] });
    const noRoles = await signed((jwt) => jwt.setSubject('s').setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h'), {
      payload: { roles: 'admin' },
    });
    await expect(verify(noRoles)).resolves.toMatchObject({ roles: [] }); // roles must be a list
  });

  it('is also accepted by another verifier reading the same key file (another service)', async () => {
    const token = await mintDevToken(keyFile, { subject: 'officer-7', roles: ['officer'] });
    const otherService = createTokenVerifier({ issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, devKeyFile: keyFile });
    await expect(otherService(token)).resolves.toMatchObject({ subject: 'officer-7' });
  });

  it('rejects a token signed with another key', async () => {
    const otherKeyFile = join(dir, 'other-key.json');
    const token = await mintDevToken(otherKeyFile, { subject: 'intruder', roles: ['admin'] });
    await expect(verify(token)).rejects.toThrow('signature verification failed');
  });

  it('rejects an expired token', async () => {
    const token = await mintDevToken(keyFile, { subject: 'officer-7', roles: ['officer'], ttl: '-1 minute' });
    await expect(verify(token)).rejects.toThrow(/"exp" claim/);
  });

  it('rejects a token for another audience', async () => {
    const token = await mintDevToken(keyFile, { subject: 'officer-7', roles: ['officer'], audience: 'another-platform' });
    await expect(verify(token)).rejects.toThrow(/"aud" claim/);
  });

  it('rejects a token from another issuer', async () => {
    const token = await signed((jwt) =>
      jwt.setSubject('officer-7').setIssuer('urn:someone-else').setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h'),
    );
    await expect(verify(token)).rejects.toThrow(/"iss" claim/);
  });

  it('rejects a token without issuer or audience', async () => {
    const noIssuer = await signed((jwt) => jwt.setSubject('officer-7').setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h'));
    await expect(verify(noIssuer)).rejects.toThrow(/"iss" claim/);
    const noAudience = await signed((jwt) => jwt.setSubject('officer-7').setIssuer(DEV_ISSUER).setExpirationTime('1h'));
    await expect(verify(noAudience)).rejects.toThrow(/"aud" claim/);
  });

  it('rejects a token without a subject', async () => {
    const token = await signed((jwt) => jwt.setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h'));
    await expect(verify(token)).rejects.toThrow('token has no subject');
  });

  it('accepts HS256 only, even with the right key', async () => {
    const token = await signed(
      (jwt) => jwt.setSubject('officer-7').setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('1h'),
      { alg: 'HS512' },
    );
    await expect(verify(token)).rejects.toThrow(/alg/);
  });

  it('rejects a token without exp, even when everything else is right', async () => {
    const token = await signed((jwt) => jwt.setSubject('officer-7').setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE));
    await expect(verify(token)).rejects.toThrow('missing required "exp" claim');
  });

  it('rejects a token without iat (its age cannot be known)', async () => {
    const token = await new SignJWT({ roles: ['officer'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('officer-7')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(Buffer.from(loadOrCreateDevKey(keyFile).secret, 'base64url'));
    await expect(verify(token)).rejects.toThrow('missing required "iat" claim');
  });

  it('rejects a token older than the maximum token age, even if it has not expired', async () => {
    const dayAgo = Math.floor(Date.now() / 1000) - 24 * 3600;
    const old = await signed((jwt) =>
      jwt.setSubject('officer-7').setIssuer(DEV_ISSUER).setAudience(DEFAULT_AUDIENCE).setIssuedAt(dayAgo).setExpirationTime('30d'),
    );
    await expect(verify(old)).rejects.toThrow(/"iat" claim timestamp check failed \(too far in the past\)/);
    const strict = createTokenVerifier({ issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, devKeyFile: keyFile, maxTokenAgeSeconds: 60 });
    const tenMinutes = await signed((jwt) =>
      jwt
        .setSubject('o')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEFAULT_AUDIENCE)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
        .setExpirationTime('1h'),
    );
    await expect(strict(tenMinutes)).rejects.toThrow(/too far in the past/);
    await expect(verify(tenMinutes)).resolves.toMatchObject({ subject: 'o' });
  });

  it('rejects an unsigned token (alg none)', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'intruder', roles: ['admin'], iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 600 })}.`;
    await expect(verify(unsigned)).rejects.toThrow();
  });

  it('rejects what is not a token', async () => {
    await expect(verify('not-a-token')).rejects.toThrow();
    await expect(verify('')).rejects.toThrow();
  });
});

describe('identity provider tokens (JWKS)', () => {
  const ISSUER = 'https://idp.test/realms/sms';
  let server: Server;
  let settings: AuthSettings;
  let privateKey: KeyLike;
  let devKeyDir: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    devKeyDir = mkdtempSync(join(tmpdir(), 'auth-jwks-'));
    settings = {
      issuer: ISSUER,
      audience: 'readmission',
      jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`,
      devKeyFile: join(devKeyDir, 'dev-key.json'),
    };
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(devKeyDir, { recursive: true, force: true });
  });

  const idpToken = (issuer = ISSUER) =>
    new SignJWT({ roles: ['border-officer'], name: 'Border Officer' })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setSubject('bo-1')
      .setIssuer(issuer)
      .setAudience('readmission')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies a token signed by the identity provider’s published key', async () => {
    await expect(createTokenVerifier(settings)(await idpToken())).resolves.toEqual({
      subject: 'bo-1',
      roles: ['border-officer'],
      name: 'Border Officer',
      crossingPoints: [],
      teams: [],
    });
  });

  it('rejects a token from another issuer, and development tokens when only the identity provider is configured', async () => {
    const verify = createTokenVerifier(settings);
    await expect(verify(await idpToken('https://other.example'))).rejects.toThrow(/"iss" claim/);
    // Signed by the provider's key but claiming the development issuer: the development key does not verify it.
    await expect(verify(await idpToken(DEV_ISSUER))).rejects.toThrow();
    const devToken = await mintDevToken(settings.devKeyFile as string, { subject: 'dev', roles: ['admin'], audience: 'readmission' });
    await expect(createTokenVerifier({ ...settings, devKeyFile: undefined })(devToken)).rejects.toThrow();
  });

  it('in development, with both configured, takes the provider’s tokens and the development sign-in’s (a local platform with a loopback provider)', async () => {
    const verify = createTokenVerifier(settings);
    await expect(verify(await idpToken())).resolves.toMatchObject({ subject: 'bo-1' });
    const devToken = await mintDevToken(settings.devKeyFile as string, { subject: 'dev', roles: ['admin'], audience: 'readmission' });
    await expect(verify(devToken)).resolves.toMatchObject({ subject: 'dev', roles: ['admin'] });
    // Production never holds the development key (refused at start, below).
    expect(() => createTokenVerifier({ ...settings, mode: 'production' })).toThrow(/AUTH_DEV_KEY_FILE/);
  });
});

describe('production mode', () => {
  const IDP = { issuer: 'https://idp.example/realms/sms', audience: 'readmission' };

  it('refuses the development key, the development issuer and a JWKS URL that is not https', () => {
    expect(() => createTokenVerifier({ ...IDP, mode: 'production', devKeyFile: '/keys/dev.json' })).toThrow(
      /AUTH_DEV_KEY_FILE: the development key .* refused in production mode/,
    );
    expect(() =>
      createTokenVerifier({ issuer: DEV_ISSUER, audience: 'x', mode: 'production', jwksUrl: 'https://idp.example/certs' }),
    ).toThrow(/AUTH_ISSUER/);
    expect(() => createTokenVerifier({ ...IDP, mode: 'production', jwksUrl: 'http://idp.example/certs' })).toThrow(
      'AUTH_JWKS_URL: must be an https URL outside development mode',
    );
    expect(() => createTokenVerifier({ ...IDP, mode: 'production', jwksUrl: 'https://idp.example/certs' })).not.toThrow();
  });

  it('reads PLATFORM_MODE from the environment, and refuses to start on what production forbids', () => {
    expect(() => authSettingsFromEnv({ PLATFORM_MODE: 'production', AUTH_DEV_KEY_FILE: '/keys/dev.json' })).toThrow(
      /refused in production mode/,
    );
    expect(() => authSettingsFromEnv({ PLATFORM_MODE: 'production', AUTH_ISSUER: IDP.issuer, AUTH_JWKS_URL: 'http://idp/certs' })).toThrow(
      /https/,
    );
    expect(() => authSettingsFromEnv({ PLATFORM_MODE: 'staging', AUTH_DEV_KEY_FILE: 'k' })).toThrow(/PLATFORM_MODE/);
    expect(
      authSettingsFromEnv({
        PLATFORM_MODE: 'production',
        AUTH_ISSUER: IDP.issuer,
        AUTH_JWKS_URL: 'https://idp/certs',
        AUTH_MAX_TOKEN_AGE_MS: '3600000',
      }),
    ).toMatchObject({
      mode: 'production',
      maxTokenAgeSeconds: 3600,
    });
    // Development keeps the quick start: a development key and a plain-http identity provider on loopback.
    expect(authSettingsFromEnv({ PLATFORM_MODE: 'development', AUTH_JWKS_URL: 'http://127.0.0.1:9000/certs' })).toMatchObject({
      mode: 'development',
    });
  });
});

// A real OpenID Connect provider on loopback for the console's sign-in test: the well-kept `oidc-provider` package
// (authorization code + PKCE, public client, JWT access tokens carrying the `roles` claim the services read).
// Started by e2e/oidc.ts as a child process (the package is ESM-only); prints `ready <issuer>` when it listens.
//   OIDC_PORT        port on 127.0.0.1
//   OIDC_CLIENT      JSON {clientId, redirectUris[]}
//   OIDC_USERS       JSON {<login>: {name, roles[]}}
//   OIDC_AUDIENCE    the audience of access tokens (the platform's AUTH_AUDIENCE)
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.OIDC_CLIENT);
const users = JSON.parse(process.env.OIDC_USERS);
const audience = process.env.OIDC_AUDIENCE ?? 'readmission-platform';
// The resource (API) the console's access tokens are for; its one scope is asked for by the console.
const RESOURCE = 'urn:readmission:platform';
const SCOPE = 'readmission';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-provider-1', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.clientId,
      token_endpoint_auth_method: 'none', // a browser application: no secret, PKCE instead (required for public clients)
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: ['openid', 'profile', SCOPE],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
  // The name goes into the ID token (the access token is for the platform's API, not for userinfo).
  conformIdTokenClaims: false,
  // Only the accounts of the test exist; their roles go into the access token (claim `roles`).
  async findAccount(_ctx, id) {
    const user = users[id];
    if (!user) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, name: user.name, preferred_username: id }) };
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: SCOPE,
        audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: async (_ctx, token) => (users[token.accountId] ? { roles: users[token.accountId].roles } : undefined),
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
});
provider.on('server_error', (_ctx, error) => console.error('server_error', error));

const server = provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

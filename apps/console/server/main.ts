// The console server: `node -r ./scripts/register-ts.js apps/console/server/main.ts` (npm run console).
// CONSOLE_PORT (4200), CONSOLE_HOST (127.0.0.1; 0.0.0.0 in a container), CONSOLE_STATIC_DIR (dist/apps/console, from the working directory),
// INTAKE_URL, VERIFICATION_URL, TRANSFER_URL, REINTEGRATION_URL (127.0.0.1:3001-3004), OIDC_AUTHORITY,
// OIDC_CLIENT_ID, OIDC_SCOPE (the identity provider), AUTH_DEV_KEY_FILE (development sign-in; never in production).
import { resolve } from 'path';
import { startConsoleServer } from './console-server';

const env = process.env;
const port = Number(env.CONSOLE_PORT ?? 4200);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`CONSOLE_PORT must be a port number, not ${env.CONSOLE_PORT}`);
  process.exit(2);
}
if (Boolean(env.OIDC_AUTHORITY) !== Boolean(env.OIDC_CLIENT_ID)) {
  console.error('set both OIDC_AUTHORITY and OIDC_CLIENT_ID, or neither');
  process.exit(2);
}
startConsoleServer({
  port,
  host: env.CONSOLE_HOST ?? '127.0.0.1',
  staticDir: resolve(env.CONSOLE_STATIC_DIR ?? 'dist/apps/console'), // relative to the repository (or the image's /app)
  services: {
    intake: env.INTAKE_URL ?? 'http://127.0.0.1:3001',
    verification: env.VERIFICATION_URL ?? 'http://127.0.0.1:3002',
    transfer: env.TRANSFER_URL ?? 'http://127.0.0.1:3003',
    reintegration: env.REINTEGRATION_URL ?? 'http://127.0.0.1:3004',
  },
  devKeyFile: env.AUTH_DEV_KEY_FILE || undefined,
  oidc: env.OIDC_AUTHORITY ? { authority: env.OIDC_AUTHORITY, clientId: env.OIDC_CLIENT_ID as string, scope: env.OIDC_SCOPE } : undefined,
}).then((server) => {
  const address = server.address();
  const shown =
    typeof address === 'object' && address
      ? `http://${env.CONSOLE_HOST === '0.0.0.0' ? '127.0.0.1' : address.address}:${address.port}`
      : String(address);
  console.log(`console at ${shown}${env.AUTH_DEV_KEY_FILE ? ' (development sign-in on)' : ''}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});

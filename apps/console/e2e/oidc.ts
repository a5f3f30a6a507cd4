import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';

/** A free port on loopback (asked of the system, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestProvider {
  issuer: string;
  jwksUrl: string;
  stop(): void;
}

/**
 * Starts the loopback OpenID Connect provider of e2e/oidc/test-provider.mjs (the `oidc-provider` package) with one
 * public client and the accounts given (login → name and roles), and waits until it listens.
 */
export function startTestProvider(options: {
  port: number;
  clientId: string;
  redirectUris: string[];
  users: Record<string, { name: string; roles: string[] }>;
  audience?: string;
}): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc', 'test-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_PORT: String(options.port),
      OIDC_CLIENT: JSON.stringify({ clientId: options.clientId, redirectUris: options.redirectUris }),
      OIDC_USERS: JSON.stringify(options.users),
      OIDC_AUDIENCE: options.audience ?? 'readmission-platform',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const failed = (why: string) => reject(new Error(`the test identity provider did not start: ${why}\n${output}`));
    const timer = setTimeout(() => failed('no answer in 30 s'), 30_000);
    child.stderr?.on('data', (d) => (output += String(d)));
    child.on('exit', (code) => failed(`exited with ${code}`));
    child.stdout?.on('data', (d) => {
      output += String(d);
      const ready = /ready (\S+)/.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ issuer: ready[1], jwksUrl: `${ready[1]}/jwks`, stop: () => child.kill('SIGTERM') });
    });
  });
}

import { mkdtempSync, writeFileSync, mkdirSync } from 'fs';
import { Server, createServer } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { jwtVerify } from 'jose';
import { DEV_ISSUER, loadOrCreateDevKey } from '@readmission/auth';
import { ConsoleServerOptions, startConsoleServer } from './console-server';

describe('console server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-server-'));
  const staticDir = join(dir, 'static');
  const keyFile = join(dir, 'dev-key.json');
  let upstream: Server;
  const servers: Server[] = [];
  const seen: { url?: string; auth?: string }[] = [];

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    upstream = createServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  });
  afterAll(() => {
    upstream.close();
    servers.forEach((s) => s.close());
  });

  const start = async (extra: Partial<ConsoleServerOptions> = {}) => {
    const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const server = await startConsoleServer({
      port: 0,
      staticDir,
      services: { intake: target, verification: target, transfer: target, reintegration: target },
      ...extra,
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('serves the app, its assets for a year, and index.html for every route of the app', async () => {
    const base = await start();
    expect(await (await fetch(`${base}/officer/cases/RA-2026-000001`)).text()).toContain('<title>console</title>');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${base}/../../etc/passwd`)).text()).toContain('<title>console</title>');
  });

  it('proxies /api/<service>/ to the service with the path, query and bearer token, and its status', async () => {
    const base = await start();
    const res = await fetch(`${base}/api/verification/verification-cases?limit=5`, { headers: { authorization: 'Bearer abc' } });
    expect(await res.json()).toEqual({ url: '/verification-cases?limit=5' });
    expect(seen.at(-1)).toEqual({ url: '/verification-cases?limit=5', auth: 'Bearer abc' });
    expect((await fetch(`${base}/api/intake/missing`)).status).toBe(404);
    expect((await fetch(`${base}/api/unknown/x`)).status).toBe(200); // not a service: the app's own route
  });

  it('has no development sign-in without the development key', async () => {
    const base = await start();
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ devSignIn: false, oidc: null });
    expect((await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'admin', name: 'x' }) })).status).toBe(404);
  });

  it('with the development key, signs a token for a known role and a plain name only', async () => {
    const base = await start({ devKeyFile: keyFile, oidc: { authority: 'https://id.example', clientId: 'console' } });
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({
      devSignIn: true,
      oidc: { authority: 'https://id.example', clientId: 'console' },
    });
    const res = await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'officer', name: 'Aysel Quliyeva' }) });
    const { access_token } = (await res.json()) as { access_token: string };
    const { payload } = await jwtVerify(access_token, Buffer.from(loadOrCreateDevKey(keyFile).secret, 'base64url'), { issuer: DEV_ISSUER });
    expect(payload).toMatchObject({ sub: 'dev-aysel-quliyeva', roles: ['officer'], name: 'Aysel Quliyeva' });
    expect((await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'root', name: 'x' }) })).status).toBe(400);
    expect((await fetch(`${base}/dev/token`, { method: 'POST', body: JSON.stringify({ role: 'admin', name: '<script>' }) })).status).toBe(
      400,
    );
    expect((await fetch(`${base}/dev/token`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });
});

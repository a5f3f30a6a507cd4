import { createReadStream, existsSync, statSync } from 'fs';
import { IncomingMessage, Server, ServerResponse, createServer, request as httpRequest } from 'http';
import { extname, join, normalize, resolve } from 'path';
import { SHIPPED_CROSSING_POINTS } from '@readmission/agreements';
import { ROLES, Role, devTokenClaims, mintDevToken } from '@readmission/auth';

/** The console's server: the built single-page app, its configuration, /api/<service>/ proxied, dev tokens. */
export interface ConsoleServerOptions {
  port: number;
  host?: string;
  staticDir: string;
  services: Record<'intake' | 'verification' | 'transfer' | 'reintegration', string>;
  /** The platform's development key: enables the (visibly marked) development sign-in. Never set in production. */
  devKeyFile?: string;
  oidc?: { authority: string; clientId: string; scope?: string };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const NAME = /^[\p{L}\p{N} .'-]{1,60}$/u;

export function startConsoleServer(options: ConsoleServerOptions): Promise<Server> {
  const root = resolve(options.staticDir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    if (url.pathname === '/config.json') return sendJson(res, 200, clientConfig(options));
    if (url.pathname === '/dev/token' && req.method === 'POST') return devToken(req, res, options);
    const api = /^\/api\/(intake|verification|transfer|reintegration)(\/.*)?$/.exec(url.pathname);
    if (api) return proxy(req, res, options.services[api[1] as keyof ConsoleServerOptions['services']], `${api[2] ?? '/'}${url.search}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'method not allowed' });
    serveStatic(root, url.pathname, res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', () => done(server));
  });
}

function clientConfig(options: ConsoleServerOptions) {
  return { devSignIn: Boolean(options.devKeyFile), oidc: options.oidc ?? null };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Development sign-in only: a token for the chosen role and name, signed with the platform's development key, with the
 * development claims (a border officer at every shipped crossing point; a case worker in the development team and its lead).
 */
function devToken(req: IncomingMessage, res: ServerResponse, options: ConsoleServerOptions): void {
  if (!options.devKeyFile) return sendJson(res, 404, { message: 'development sign-in is off' });
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
    if (body.length > 2000) req.destroy();
  });
  req.on('end', () => {
    let parsed: { role?: string; name?: string };
    try {
      parsed = JSON.parse(body) as { role?: string; name?: string };
    } catch {
      return sendJson(res, 400, { message: 'body must be JSON {role, name}' });
    }
    const { role, name } = parsed;
    if (!role || !(ROLES as readonly string[]).includes(role))
      return sendJson(res, 400, { message: `role must be one of ${ROLES.join(', ')}` });
    if (!name || !NAME.test(name))
      return sendJson(res, 400, { message: 'name must be 1 to 60 letters, digits, spaces, dots, apostrophes or hyphens' });
    const subject = `dev-${name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
    const ttlSeconds = 8 * 3600;
    const claims = devTokenClaims(
      role as Role,
      subject,
      SHIPPED_CROSSING_POINTS[0].points.map((p) => p.code),
    );
    mintDevToken(options.devKeyFile as string, { ...claims, name, ttl: `${ttlSeconds}s` }).then(
      (token) => sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds, development: true }),
      () => sendJson(res, 500, { message: 'could not sign a development token' }),
    );
  });
}

function proxy(req: IncomingMessage, res: ServerResponse, target: string, path: string): void {
  const base = new URL(target);
  const headers = { ...req.headers, host: base.host };
  delete headers.cookie;
  const upstream = httpRequest(
    { hostname: base.hostname, port: base.port, method: req.method, path: `${base.pathname.replace(/\/$/, '')}${path}`, headers },
    (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendJson(res, 502, { statusCode: 502, error: 'unavailable', message: 'the service did not answer' });
    else res.destroy();
  });
  req.pipe(upstream);
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const candidate = normalize(join(root, decodeURIComponent(pathname)));
  const inside = candidate.startsWith(root);
  const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(root, 'index.html');
  if (!existsSync(file)) return sendJson(res, 503, { message: 'the console is not built (npx nx run console:build)' });
  const hashed = file.includes(`${join(root, 'assets')}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  createReadStream(file).pipe(res);
}

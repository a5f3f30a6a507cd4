import createClient, { Middleware } from 'openapi-fetch';
import type { paths as IntakePaths } from './generated/intake';
import type { paths as VerificationPaths } from './generated/verification';
import type { paths as TransferPaths } from './generated/transfer';
import type { paths as ReintegrationPaths } from './generated/reintegration';

/** A failed call, with the service's own words (`{statusCode, error, message, details?}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly kind?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let currentToken: (() => string | undefined) | undefined;
let onExpired: (() => void) | undefined;

/** The session gives the clients its token and learns when the services no longer accept it. */
export function connectSession(token: () => string | undefined, expired: () => void): void {
  currentToken = token;
  onExpired = expired;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken?.();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.ok) return response;
    if (response.status === 401) onExpired?.();
    const body = (await response
      .clone()
      .json()
      .catch(() => ({}))) as { message?: string | string[]; error?: string; details?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : (body.message ?? response.statusText);
    throw new ApiError(response.status, message, body.error, body.details);
  },
};

function client<P extends object>(service: string) {
  const c = createClient<P>({ baseUrl: `${globalThis.location?.origin ?? ''}/api/${service}` });
  c.use(auth);
  return c;
}

export const intake = client<IntakePaths>('intake');
export const verification = client<VerificationPaths>('verification');
export const transfer = client<TransferPaths>('transfer');
export const reintegration = client<ReintegrationPaths>('reintegration');

/**
 * The services' OpenAPI documents do not describe query parameters or response bodies yet (see the console's
 * README): until they do, a query is passed through and a response is read as the type the caller names.
 */
export type Query = Record<string, string | number | boolean | undefined>;
export const withQuery = (query: Query) => ({ params: { query } }) as never;
export const read = <T>(result: { data?: unknown }): T => result.data as T;

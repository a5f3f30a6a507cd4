import { DomainError } from '@readmission/errors';

/**
 * A failure that will not go away by retrying (invalid payload, broken business rule): the message goes to the
 * dead-letter topic at once. Any other error counts as transient and is retried a bounded number of times.
 * The platform's domain errors (@readmission/errors) are permanent too: a rule broken now is broken on retry.
 */
export class PermanentError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}

export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentError || error instanceof DomainError;
}

/** The reason recorded for a failed record (log line, `dlq_error` header): a domain error by its kind. */
export function describeError(error: unknown): string {
  if (error instanceof DomainError) return `${error.kind}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A record over the platform's size budget, or one the broker refused as too large: never retried. */
export class RecordTooLargeError extends PermanentError {
  constructor(message: string) {
    super(message);
    this.name = 'RecordTooLargeError';
  }
}

/** The causes of an error, outermost first (kafkajs wraps in `originalError`, the driver and Node in `cause`). */
function* causes(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  for (let e = error; typeof e === 'object' && e !== null && !seen.has(e); ) {
    seen.add(e);
    yield e as Record<string, unknown>;
    const next: unknown = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
    e = next;
  }
}

/** The broker refused a record or batch as too large (MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE): retrying cannot help. */
export function isTooLargeForBroker(error: unknown): boolean {
  for (const e of causes(error)) if (e.type === 'MESSAGE_TOO_LARGE' || e.type === 'RECORD_LIST_TOO_LARGE') return true;
  return false;
}

/** Thrown by code that knows its store is not answering; the MongoDB driver's and mongoose's own errors count too. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

const STORE_UNAVAILABLE_NAMES = new Set([
  'StoreUnavailableError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/**
 * The store cannot be reached (server selection, network, a disconnected client, mongoose's buffering timeout):
 * the record is not at fault, so it must wait for the store, not be retried a few times and dead-lettered.
 * Told by name, so that this library does not depend on the driver.
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    if (typeof e.name === 'string' && STORE_UNAVAILABLE_NAMES.has(e.name)) return true;
    if (typeof e.message === 'string' && /buffering timed out after|Client must be connected before running operations/.test(e.message))
      return true;
    const labels = (e as { errorLabelSet?: Set<string> }).errorLabelSet;
    if (labels instanceof Set && labels.has('ResetPool')) return true;
  }
  return false;
}

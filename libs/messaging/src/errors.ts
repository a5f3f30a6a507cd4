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

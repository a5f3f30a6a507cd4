/**
 * A failure that will not go away by retrying (invalid payload, broken business rule): the message goes to the
 * dead-letter topic at once. Any other error counts as transient and is retried a bounded number of times.
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
  return error instanceof PermanentError;
}

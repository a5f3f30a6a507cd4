/**
 * The platform's own errors, thrown by domain and application code instead of transport errors. The kind says
 * what went wrong for every caller alike: the HTTP layer (libs/platform) maps it to a status code, the Kafka
 * layer (libs/messaging) dead-letters the message at once with the kind and message as the reason.
 * Messages carry identifiers only, never personal data: they reach logs and dead-letter headers.
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'rule-broken' | 'invalid-input' | 'forbidden';

export const DOMAIN_ERROR_KINDS: readonly DomainErrorKind[] = ['not-found', 'conflict', 'rule-broken', 'invalid-input', 'forbidden'];

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    /** Machine-readable facts for the caller (e.g. the conflicting state, or the problems of the input). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** What was asked for does not exist (HTTP 404). */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
}

/** The request clashes with the current state: already done, wrong state, duplicate (HTTP 409). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

/** A rule of the agreement or of the workflow forbids it (HTTP 422). */
export class RuleBrokenError extends DomainError {
  readonly kind = 'rule-broken' as const;
}

/** The caller's role allows the action, but not on this record: another crossing point, a case not theirs (HTTP 403). */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden' as const;
}

/** One problem of an input, by its path in the input (e.g. `person.dateOfBirth`). */
export interface InputProblem {
  path: string;
  message: string;
}

/** The input is malformed (HTTP 400); `details` lists the problems as `{ path, message }`. */
export class InvalidInputError extends DomainError {
  readonly kind = 'invalid-input' as const;
  declare readonly details?: InputProblem[];

  constructor(message: string, details?: InputProblem[]) {
    super(message, details);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

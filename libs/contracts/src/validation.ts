import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

export interface FieldError {
  /** JSON path of the offending field, e.g. `$.person.dateOfBirth` or `$.evidence[2].type`. */
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Validates a parsed JSON value against a contract class with a closed schema: unknown fields are errors,
 * every error carries its JSON path. Returns the typed instance when valid.
 */
export function validateClosed<T extends object>(cls: new () => T, plain: unknown): Validated<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '$', message: 'the message must be a JSON object' }] };
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, errors: flatten(errors, '$') };
  return { ok: true, value: instance };
}

function flatten(errors: ValidationError[], parent: string): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field: path,
        message: constraint === 'whitelistValidation' ? `${error.property} is not a field of this message` : message,
      });
    }
    out.push(...flatten(error.children ?? [], path));
  }
  return out;
}

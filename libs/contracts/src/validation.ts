import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { boundReasons, structuralErrors } from './bounds';

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
  // Hostile shapes (deep nesting, huge arrays, '$' and prototype names) are refused before anything walks them.
  const structural = structuralErrors(plain);
  if (structural.length > 0) return { ok: false, errors: structural };
  let instance: T;
  let errors: ValidationError[];
  try {
    instance = plainToInstance(cls, plain);
    errors = validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
  } catch (error) {
    // Nothing in a message may make validation throw: whatever did is the message's fault, not a transient one.
    return { ok: false, errors: [{ field: '$', message: `the message cannot be validated (${(error as Error).name})` }] };
  }
  if (errors.length > 0) {
    const more = (rest: number): FieldError => ({ field: '$', message: `and ${rest} more problem(s) not listed` });
    return { ok: false, errors: boundReasons(flatten(errors, '$'), more) };
  }
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

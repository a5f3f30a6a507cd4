import { ValidationOptions, registerDecorator, ValidationArguments } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** Shared field rules of the partner interface, each with the JSON Schema it stands for. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return m !== null && isRealDate(+m[1], +m[2], +m[3]);
}

export function isPartialDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  if (m[2] === undefined) return true;
  if (+m[2] < 1 || +m[2] > 12) return false;
  return m[3] === undefined || isRealDate(+m[1], +m[2], +m[3]);
}

export function isInstant(value: unknown): boolean {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && isCalendarDate(value.slice(0, 10));
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function rule(name: string, test: (v: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: (a: ValidationArguments) => `${a.property} ${message}`, ...options },
      validator: { validate: test },
    });
}

function both(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

export const IsCalendarDate = (o?: ValidationOptions): PropertyDecorator =>
  both(
    rule('isCalendarDate', isCalendarDate, 'must be a date YYYY-MM-DD', o) as PropertyDecorator,
    JSONSchema({ type: 'string', format: 'date' }) as PropertyDecorator,
  );

export const IsPartialDate = (o?: ValidationOptions): PropertyDecorator =>
  both(
    rule('isPartialDate', isPartialDate, 'must be YYYY-MM-DD, YYYY-MM or YYYY', o) as PropertyDecorator,
    JSONSchema({ type: 'string', anyOf: [{ format: 'date' }, { pattern: '^\\d{4}(-(0[1-9]|1[0-2]))?$' }] }) as PropertyDecorator,
  );

export const IsInstant = (o?: ValidationOptions): PropertyDecorator =>
  both(
    rule('isInstant', isInstant, 'must be an RFC 3339 instant with offset', o) as PropertyDecorator,
    JSONSchema({ type: 'string', format: 'date-time' }) as PropertyDecorator,
  );

const COUNTRY = /^[A-Z]{2}$/;
export const IsCountryCode = (o?: ValidationOptions & { allowUnknown?: boolean }): PropertyDecorator =>
  both(
    rule(
      'isCountryCode',
      (v) => typeof v === 'string' && (COUNTRY.test(v) || (o?.allowUnknown === true && v === 'unknown')),
      o?.allowUnknown ? 'must be an upper-case ISO 3166-1 alpha-2 code or "unknown"' : 'must be an upper-case ISO 3166-1 alpha-2 code',
      o,
    ) as PropertyDecorator,
    JSONSchema(
      o?.allowUnknown ? { type: 'string', pattern: '^([A-Z]{2}|unknown)$' } : { type: 'string', pattern: '^[A-Z]{2}$' },
    ) as PropertyDecorator,
  );

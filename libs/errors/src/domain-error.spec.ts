import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleBrokenError,
  isDomainError,
} from './domain-error';

describe('domain errors', () => {
  it.each([
    ['NotFoundError', 'not-found', new NotFoundError('case RA-2026-000001 not found')],
    ['ConflictError', 'conflict', new ConflictError('case RA-2026-000001 is already decided', { status: 'accepted' })],
    ['RuleBrokenError', 'rule-broken', new RuleBrokenError('transfer exceeds the daily capacity of GYP')],
    ['ForbiddenError', 'forbidden', new ForbiddenError('transfer TR-1 is not at your crossing points')],
    [
      'InvalidInputError',
      'invalid-input',
      new InvalidInputError('invalid application', [{ path: 'person.dateOfBirth', message: 'not a date' }]),
    ],
  ])('%s has kind %s, its class name, and stays an Error', (name, kind, error) => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(isDomainError(error)).toBe(true);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: ${error.message}`);
    expect(error.stack).toContain(name);
  });

  it('keeps the details it was given', () => {
    expect(new ConflictError('already decided', { status: 'accepted' }).details).toEqual({ status: 'accepted' });
    expect(new InvalidInputError('bad', [{ path: 'a', message: 'b' }]).details).toEqual([{ path: 'a', message: 'b' }]);
    expect(new NotFoundError('gone').details).toBeUndefined();
  });

  it('a subclass of a domain error keeps its kind and gets its own name', () => {
    class CaseNotFound extends NotFoundError {}
    const error = new CaseNotFound('case RA-2026-000009 not found');
    expect(error.kind).toBe('not-found');
    expect(error.name).toBe('CaseNotFound');
    expect(isDomainError(error)).toBe(true);
  });

  it('other errors are not domain errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ kind: 'not-found', message: 'x' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });
});

import { ConflictError, InvalidInputError, NotFoundError, RuleBrokenError } from '@readmission/errors';
import { PermanentError, describeError, isPermanent } from './errors';

describe('handler error classification', () => {
  it.each([
    ['PermanentError', new PermanentError('invalid payload')],
    ['NotFoundError', new NotFoundError('case RA-2026-000001 not found')],
    ['ConflictError', new ConflictError('transfer T-1 is already confirmed')],
    ['RuleBrokenError', new RuleBrokenError('the crossing point is closed that day')],
    ['InvalidInputError', new InvalidInputError('invalid notice', [{ path: 'persons', message: 'empty' }])],
  ])('%s is permanent: dead-lettered at once', (_name, error) => {
    expect(isPermanent(error)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('connection reset')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a thrown string', 'boom'],
    ['an object that only looks like a domain error', { kind: 'conflict', message: 'x' }],
  ])('%s is transient: retried', (_name, error) => {
    expect(isPermanent(error)).toBe(false);
  });

  it('describes a domain error by its kind and message, other errors by their name', () => {
    expect(describeError(new RuleBrokenError('the crossing point is closed that day'))).toBe(
      'rule-broken: the crossing point is closed that day',
    );
    expect(describeError(new NotFoundError('case RA-2026-000001 not found'))).toBe('not-found: case RA-2026-000001 not found');
    expect(describeError(new PermanentError('invalid payload'))).toBe('PermanentError: invalid payload');
    expect(describeError(new Error('connection reset'))).toBe('Error: connection reset');
    expect(describeError('boom')).toBe('boom');
  });
});

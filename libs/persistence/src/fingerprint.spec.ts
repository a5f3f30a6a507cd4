import { fingerprintOf } from './fingerprint';

describe('fingerprintOf', () => {
  it('is the same for the same content in another key order, at any depth', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, { d: 2, e: 3 }], f: null } })).toBe(
      fingerprintOf({ b: { f: null, c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('differs for different content, array order included', () => {
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf([1, 2])).not.toBe(fingerprintOf([2, 1]));
    expect(fingerprintOf({ at: new Date('2026-01-01T00:00:00Z') })).not.toBe(fingerprintOf({ at: new Date('2026-01-02T00:00:00Z') }));
  });

  it('is a SHA-256 in hex', () => {
    expect(fingerprintOf('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

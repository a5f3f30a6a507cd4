import { bakuDate, bakuOffset, formatDate, formatDateTime } from './time';

describe('Baku time', () => {
  it('shows an instant in Baku time with the offset, whatever the zone it was written in', () => {
    expect(formatDateTime('2026-12-15T19:59:59.000Z', 'en')).toBe('15/12/2026, 23:59 (UTC+04:00)');
    expect(formatDateTime('2026-12-15T23:59:59+04:00', 'en')).toBe('15/12/2026, 23:59 (UTC+04:00)');
    expect(formatDateTime('2026-12-15T19:59:59.000Z', 'az')).toContain('23:59 (UTC+04:00)');
  });

  it('knows the offset and the Baku date across midnight UTC', () => {
    expect(bakuOffset(new Date('2026-07-01T00:00:00Z'))).toBe('+04:00');
    expect(bakuDate(0, new Date('2026-11-29T21:00:00Z'))).toBe('2026-11-30');
    expect(bakuDate(1, new Date('2026-11-29T10:00:00Z'))).toBe('2026-11-30');
  });

  it('writes calendar dates without shifting them', () => {
    expect(formatDate('2026-12-08', 'en')).toBe('08/12/2026');
    expect(formatDate(null, 'en')).toBe('—');
  });
});

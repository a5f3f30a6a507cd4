import { SHIPPED_CROSSING_POINTS } from '@readmission/agreements';
import { ReferenceDataVersion, byEffectiveFrom, versionId, versionInEffect } from './version';

const v = (version: string, effectiveFrom: string, loadedAt = '2026-01-01T00:00:00Z'): ReferenceDataVersion<'crossing-points'> => ({
  kind: 'crossing-points',
  key: 'AZ',
  version,
  effectiveFrom: new Date(effectiveFrom),
  loadedAt: new Date(loadedAt),
  loadedBy: 'ops',
  data: { ...SHIPPED_CROSSING_POINTS[0], version },
});

describe('versions', () => {
  const versions = [v('3', '2026-12-01T00:00:00+04:00'), v('1', '2014-01-01T00:00:00+04:00'), v('2', '2026-11-25T00:00:00+04:00')].sort(
    byEffectiveFrom,
  );

  it('are identified as <kind>:<key>:<version>', () => {
    expect(versionId('calendar', 'AZ:2026', '2')).toBe('calendar:AZ:2026:2');
  });

  it('apply from their effectiveFrom until a later one does', () => {
    expect(versions.map((x) => x.version)).toEqual(['1', '2', '3']);
    expect(versionInEffect(versions, new Date('2026-11-24T23:59:59+04:00'))?.version).toBe('1');
    expect(versionInEffect(versions, new Date('2026-11-25T00:00:00+04:00'))?.version).toBe('2');
    expect(versionInEffect(versions, new Date('2027-01-01T00:00:00+04:00'))?.version).toBe('3');
    expect(versionInEffect(versions, new Date('2013-12-31T00:00:00+04:00'))).toBeUndefined();
  });

  it('from the same instant: the later load applies, then the higher number', () => {
    const same = [v('b', '2026-11-25T00:00:00Z', '2026-11-02T00:00:00Z'), v('a', '2026-11-25T00:00:00Z', '2026-11-01T00:00:00Z')].sort(
      byEffectiveFrom,
    );
    expect(versionInEffect(same, new Date('2026-12-01T00:00:00Z'))?.version).toBe('b');
    const numbered = [v('10', '2026-11-25T00:00:00Z'), v('9', '2026-11-25T00:00:00Z')].sort(byEffectiveFrom);
    expect(versionInEffect(numbered, new Date('2026-12-01T00:00:00Z'))?.version).toBe('10');
  });
});

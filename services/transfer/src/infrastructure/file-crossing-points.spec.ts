import { capacityOn } from '../domain/crossing-points';
import { loadCrossingPoints } from './file-crossing-points';

describe('crossing points', () => {
  it('ships real Azerbaijani crossing points with a daily capacity, and date overrides from the environment', () => {
    const config = loadCrossingPoints({ TRANSFER_CAPACITY_OVERRIDES: '{"AST":{"2026-12-01":2}}' });
    expect(Object.keys(config.points)).toEqual(expect.arrayContaining(['GYD', 'AST', 'BLK', 'SMR', 'BLQ', 'SDR', 'BAK-PORT']));
    expect(capacityOn(config, 'AST', '2026-12-01')).toBe(2);
    expect(capacityOn(config, 'AST', '2026-12-02')).toBe(config.points.AST.personsPerDay);
    expect(capacityOn(config, 'XXX', '2026-12-02')).toBeUndefined();
    expect(() => loadCrossingPoints({ TRANSFER_CAPACITY_OVERRIDES: '{"NOPE":{"2026-12-01":2}}' })).toThrow(/unknown point NOPE/);
  });
});

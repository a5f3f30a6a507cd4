import { CrossingPointsData, SHIPPED_CROSSING_POINTS, capacityOn, validateCrossingPoints } from '@readmission/agreements';
import { ReferenceData } from '@readmission/reference-data';
import { ReferenceCrossingPoints } from './reference-crossing-points';

/** The shipped version with AST taking 2 persons on 1 Dec. */
const version = (): CrossingPointsData => {
  const data: CrossingPointsData = JSON.parse(JSON.stringify(SHIPPED_CROSSING_POINTS[0]));
  const ast = data.points.find((p) => p.code === 'AST');
  if (ast) ast.dateCapacity = [{ date: '2026-12-01', value: 2, status: 'assumed', source: 'test' }];
  return data;
};

describe('crossing points from the reference data', () => {
  it('ships real Azerbaijani crossing points with a daily capacity, and capacity for single dates', async () => {
    const data = version();
    const asked: unknown[] = [];
    const referenceData = {
      current: async (...args: unknown[]) => (asked.push(args), { version: '2026.1', data }),
    } as unknown as ReferenceData;
    const at = new Date('2026-11-20T10:00:00+04:00');

    const inEffect = await new ReferenceCrossingPoints(referenceData).current(at);
    expect(asked).toEqual([['crossing-points', 'AZ', at]]);
    expect(inEffect.version).toBe('2026.1');
    expect(inEffect.data.points.map((p) => p.code)).toEqual(expect.arrayContaining(['GYD', 'AST', 'BLK', 'SMR', 'BLQ', 'SDR', 'BAK-PORT']));
    expect(capacityOn(inEffect.data, 'AST', '2026-12-01')).toBe(2);
    expect(capacityOn(inEffect.data, 'AST', '2026-12-02')).toBe(data.points.find((p) => p.code === 'AST')?.dailyCapacity.value);
    expect(capacityOn(inEffect.data, 'XXX', '2026-12-02')).toBeUndefined();
  });

  it('refuses a version with a bad date capacity, naming where', () => {
    const data = version();
    expect(validateCrossingPoints(data)).toEqual([]);
    const ast = data.points.find((p) => p.code === 'AST');
    if (ast) ast.dateCapacity = [{ date: '1 Dec', value: -2, status: 'assumed', source: 'test' }];
    expect(validateCrossingPoints(data).join('; ')).toMatch(/dateCapacity\[0\]/);
  });
});

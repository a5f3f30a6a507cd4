import { SHIPPED_CROSSING_POINTS } from '../shipped';
import { CrossingPointsData, capacityOn, partnerCrossingPoints, validateCrossingPoints } from './crossing-points';

const shipped = (): CrossingPointsData => JSON.parse(JSON.stringify(SHIPPED_CROSSING_POINTS[0]));

describe('crossing points', () => {
  it("ships Azerbaijan's crossing points, valid, each capacity with its status and source", () => {
    const data = shipped();
    expect(validateCrossingPoints(data)).toEqual([]);
    expect(data.points.map((p) => p.code)).toEqual(expect.arrayContaining(['GYD', 'AST', 'BAK-PORT']));
    expect(data.points.find((p) => p.code === 'GYD')?.dailyCapacity).toMatchObject({
      value: 150,
      status: 'assumed',
      source: expect.any(String),
    });
  });

  it("ships the partner states' crossing points of outgoing transfers, each with its status and source, and checks them", () => {
    const data = shipped();
    expect(partnerCrossingPoints(data, 'DE').map((p) => p.code)).toEqual(['DE-FRA', 'DE-MUC', 'DE-BER']);
    expect(partnerCrossingPoints(data, 'CH').map((p) => p.code)).toEqual(['CH-ZRH', 'CH-GVA']);
    expect(partnerCrossingPoints(data, 'DK')).toEqual([]);
    for (const p of data.partnerPoints!) expect(p).toMatchObject({ status: 'assumed', source: expect.stringMatching(/^assumed: .{40,}/) });
    const broken = shipped() as unknown as { partnerPoints: Record<string, unknown>[] };
    broken.partnerPoints[0].code = 'FR-VIE';
    broken.partnerPoints[10].code = 'DE-FRA';
    broken.partnerPoints[3].status = 'guessed';
    broken.partnerPoints[4].gate = 'B';
    expect(validateCrossingPoints(broken)).toEqual([
      '$.partnerPoints[0].code: <country>-<point>: the country code, "-", then upper-case letters, digits or "-" (e.g. DE-FRA)',
      '$.partnerPoints[3].status: one of verified, comparable, assumed',
      '$.partnerPoints[4].gate: not a known field',
      '$.partnerPoints[10].code: DE-FRA is listed twice',
    ]);
  });

  it('gives the capacity of a point on a date: the date capacity where set, else the daily one', () => {
    const data = shipped();
    data.points.find((p) => p.code === 'AST')!.dateCapacity = [
      { date: '2026-12-01', value: 0, status: 'verified', source: 'closed for works (notice of the State Border Service)' },
    ];
    expect(capacityOn(data, 'AST', '2026-12-01')).toBe(0);
    expect(capacityOn(data, 'AST', '2026-12-02')).toBe(40);
    expect(capacityOn(data, 'XXX', '2026-12-02')).toBeUndefined();
  });

  it('reports every problem with its JSON path', () => {
    const data = shipped() as unknown as Record<string, unknown> & { points: Record<string, unknown>[] };
    data.version = 'x y';
    data.effectiveFrom = '2026-12-01';
    data.colour = 'blue';
    data.points[0].code = 'gyd';
    data.points[1].code = data.points[2].code;
    data.points[3].mode = 'rail';
    data.points[3].country = 'Georgia';
    data.points[4].dailyCapacity = { value: -1, status: 'guessed', source: '' };
    data.points[5].dailyCapacity = 60;
    data.points[6].dateCapacity = [
      { date: '2026-02-30', value: 1, status: 'assumed', source: 'x' },
      { date: '2026-03-01', value: 1.5, status: 'assumed', source: 'x' },
      { date: '2026-03-01', value: 1, status: 'assumed', source: 'x', note: 'y' },
    ];
    delete data.points[7].name;
    expect(validateCrossingPoints(data)).toEqual([
      '$.version: letters, digits, ".", "_" or "-", at most 32',
      '$.effectiveFrom: an RFC 3339 instant with offset',
      '$.colour: not a known field',
      '$.points[0].code: upper-case letters, digits or "-", 2 to 16',
      `$.points[2].code: ${data.points[2].code} is listed twice`,
      '$.points[3].mode: one of air, land, sea',
      '$.points[3].country: an ISO 3166-1 alpha-2 code in upper case',
      '$.points[4].dailyCapacity.value: a whole number of persons, 0 or more',
      '$.points[4].dailyCapacity.status: one of verified, comparable, assumed',
      '$.points[4].dailyCapacity.source: a non-empty string',
      '$.points[5].dailyCapacity: an object {value, status, source}',
      '$.points[6].dateCapacity[0].date: a date YYYY-MM-DD',
      '$.points[6].dateCapacity[1].value: a whole number of persons, 0 or more',
      '$.points[6].dateCapacity[2].note: not a known field',
      '$.points[6].dateCapacity[2].date: 2026-03-01 is listed twice',
      '$.points[7].name: a non-empty string',
    ]);
  });

  it('refuses a document without points, or that is not an object', () => {
    expect(validateCrossingPoints({ ...shipped(), points: [] })).toEqual(['$.points: a non-empty list']);
    expect(validateCrossingPoints([])).toEqual(['$: the crossing points must be a JSON object']);
    expect(validateCrossingPoints({ ...shipped(), points: ['GYD'] })).toEqual(['$.points[0]: an object']);
  });
});

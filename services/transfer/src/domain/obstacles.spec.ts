import { limitAfterObstacle, obstacleDays } from './obstacles';

describe('legal obstacles and the transfer time limit', () => {
  it('counts the days an obstacle stood after the acceptance, overlaps once', () => {
    expect(obstacleDays([{ from: '2026-12-01', until: '2026-12-11' }], '2026-11-20')).toBe(10);
    // Pending since before the acceptance: only the days after it count.
    expect(obstacleDays([{ from: '2026-11-01', until: '2026-12-01' }], '2026-11-20')).toBe(11);
    // An appeal pending while the asylum application is: one stop of the clock.
    expect(
      obstacleDays(
        [
          { from: '2026-12-01', until: '2026-12-11' },
          { from: '2026-12-05', until: '2026-12-15' },
          { from: '2027-01-01', until: '2027-01-03' },
        ],
        '2026-11-20',
      ),
    ).toBe(16);
    expect(obstacleDays([{ from: '2026-12-01', until: '2026-12-01' }], '2026-11-20')).toBe(0);
  });

  it('moves the limit by the days an obstacle adds, where the agreement extends while obstacles last', () => {
    const current = new Date('2027-02-20T23:59:59+04:00');
    const accepted = new Date('2026-11-20T10:00:00+04:00');
    const first = { kind: 'asylum-application', from: '2026-12-01', until: '2026-12-11', messageId: 'm1' };
    expect(limitAfterObstacle(current, [], first, accepted, 'while-obstacles-last')).toEqual({
      transferDueBy: new Date('2027-03-02T23:59:59+04:00'),
      days: 10,
    });
    const appeal = { kind: 'appeal', from: '2026-12-05', until: '2026-12-15', messageId: 'm2' };
    expect(limitAfterObstacle(new Date('2027-03-02T23:59:59+04:00'), [first], appeal, accepted, 'while-obstacles-last').days).toBe(4);
    expect(limitAfterObstacle(current, [], first, accepted, 'none')).toEqual({ transferDueBy: current, days: 0 });
  });
});

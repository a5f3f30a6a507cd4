import { alertLevel, alertPointsReached, hoursLeft } from './reply-time-limit';

const due = new Date('2026-12-09T23:59:59+04:00');
const at = (hoursBefore: number) => new Date(due.getTime() - hoursBefore * 3600_000);

describe('the reply time limit seen from a moment', () => {
  it('counts the hours left', () => {
    expect(hoursLeft(due, at(60))).toBe(60);
  });

  it.each([
    [100, 'none'],
    [72, '72h'],
    [60, '72h'],
    [24, '24h'],
    [1, '24h'],
    [-1, 'overdue'],
  ])('%s h before the limit: alert %s', (before, level) => {
    expect(alertLevel(due, at(before), [72, 24])).toBe(level);
  });

  it('reaches the alert points whose moment has come, none once the limit passed', () => {
    expect(alertPointsReached(due, at(100), [72, 24])).toEqual([]);
    expect(alertPointsReached(due, at(60), [72, 24])).toEqual([72]);
    expect(alertPointsReached(due, at(2), [72, 24])).toEqual([72, 24]);
    expect(alertPointsReached(due, at(-1), [72, 24])).toEqual([]);
  });
});

import { TimeLimitOutcome } from './time-limit-machine';
import { alertPointsReached } from './time-limit-step';
import { sweepAlertedLimit } from './time-limit-sweep';

const DAY_MS = 86_400_000;

describe('the alerted time limit sweep (transfer and transit)', () => {
  it('raises the alert points whose moment has come, in hours or in days, and none once the limit passed', () => {
    const dueBy = new Date('2026-12-01T23:59:59+04:00');
    expect(alertPointsReached(dueBy, new Date('2026-11-20T10:00:00+04:00'), [14, 3], DAY_MS)).toEqual([14]);
    expect(alertPointsReached(dueBy, new Date('2026-11-29T10:00:00+04:00'), [14, 3], DAY_MS)).toEqual([14, 3]);
    expect(alertPointsReached(dueBy, new Date('2026-11-01T10:00:00+04:00'), [14, 3], DAY_MS)).toEqual([]);
    expect(alertPointsReached(dueBy, new Date('2026-12-01T10:00:00+04:00'), [72, 24])).toEqual([72, 24]);
    expect(alertPointsReached(dueBy, new Date('2026-12-02T00:00:00+04:00'), [14, 3], DAY_MS)).toEqual([]);
  });

  it('looks ahead by the largest point, alerts a running limit at each point reached, passes a passed one, and counts what it acted on', async () => {
    const now = new Date('2026-11-29T10:00:00+04:00');
    const items = [
      { id: 'far', dueBy: new Date('2026-12-20T00:00:00+04:00') },
      { id: 'soon', dueBy: new Date('2026-12-01T23:59:59+04:00') },
      { id: 'passed', dueBy: new Date('2026-11-28T23:59:59+04:00') },
      { id: 'passed-elsewhere', dueBy: new Date('2026-11-27T23:59:59+04:00') },
    ];
    const asked: Date[] = [];
    const acted: string[] = [];
    const outcome = (id: string): TimeLimitOutcome =>
      id === 'passed-elsewhere' ? 'in-progress' : id === 'soon:3' ? 'already-done' : 'acted';
    const done = await sweepAlertedLimit(now, {
      points: [14, 3],
      unitMs: DAY_MS,
      due: async (horizon) => {
        asked.push(horizon);
        return items.filter((i) => i.dueBy <= horizon);
      },
      dueBy: (i) => i.dueBy,
      alert: async (i, days) => (acted.push(`${i.id}:alert-${days}d`), outcome(`${i.id}:${days}`)),
      passed: async (i) => (acted.push(`${i.id}:passed`), outcome(i.id)),
    });
    expect(asked).toEqual([new Date(now.getTime() + 14 * DAY_MS)]);
    expect(acted).toEqual(['soon:alert-14d', 'soon:alert-3d', 'passed:passed', 'passed-elsewhere:passed']);
    expect(done).toEqual({ alerts: 1, passed: 1 });
  });
});

import { receiptOf } from './receipt';

describe('receipt of a partner record', () => {
  const now = new Date('2026-11-24T10:00:00+04:00');

  it("is the broker's append time when it lies before now", () => {
    expect(receiptOf(String(now.getTime() - 3 * 86_400_000), now)).toEqual(new Date(now.getTime() - 3 * 86_400_000));
  });

  it('is now when the timestamp is missing, malformed or ahead of the clock', () => {
    for (const timestamp of ['', 'x', '0', '-5', String(now.getTime()), String(now.getTime() + 1000)])
      expect(receiptOf(timestamp, now)).toEqual(now);
  });
});

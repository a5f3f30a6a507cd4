import { TimeLimit } from '@readmission/agreements';
import { ConflictError, RuleBrokenError } from '@readmission/errors';
import { assertExtensionAllowed, assertLaterThan } from './reply-extension';

const max: TimeLimit = {
  value: 6,
  unit: 'calendar-days',
  from: 'reply-due',
  status: 'assumed',
  source: 'docs/rules.md#extension-of-the-reply-time-limit',
};
const replyDueBy = new Date('2026-12-09T23:59:59+04:00');
const before = new Date('2026-12-07T12:00:00+04:00');

describe('extending the reply time limit', () => {
  it('allows 1 to the maximum before the limit passes', () => {
    expect(() => assertExtensionAllowed({ agreement: 'EU-AZ', days: 6, max, replyDueBy, now: before })).not.toThrow();
    expect(() => assertExtensionAllowed({ agreement: 'EU-AZ', days: 1, max, replyDueBy, now: replyDueBy })).not.toThrow();
  });

  it.each([0, 7])('refuses %s days as a broken rule of the agreement, naming the maximum and its source', (days) => {
    const attempt = () => assertExtensionAllowed({ agreement: 'EU-AZ', days, max, replyDueBy, now: before });
    expect(attempt).toThrow(RuleBrokenError);
    expect(attempt).toThrow('EU-AZ allows an extension of 1 to 6 calendar-days (assumed: docs/rules.md#extension-of-the-reply-time-limit)');
  });

  it('refuses an extension asked for after the limit passed, and one that does not move it later', () => {
    expect(() =>
      assertExtensionAllowed({ agreement: 'CH-AZ', days: 3, max, replyDueBy, now: new Date(replyDueBy.getTime() + 1000) }),
    ).toThrow(ConflictError);
    expect(() => assertLaterThan(replyDueBy, replyDueBy)).toThrow(ConflictError);
    expect(() => assertLaterThan(new Date(replyDueBy.getTime() + 86_400_000), replyDueBy)).not.toThrow();
  });
});

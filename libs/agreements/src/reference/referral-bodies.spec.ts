import { CalendarBook } from '../calendar/calendar';
import { computeDeadline } from '../deadlines';
import { SHIPPED_CALENDARS, SHIPPED_REFERRAL_BODIES } from '../shipped';
import { ReferralBodiesData, referralBody, validateReferralBodies } from './referral-bodies';

const shipped = (): ReferralBodiesData => JSON.parse(JSON.stringify(SHIPPED_REFERRAL_BODIES[0]));

describe('referral bodies', () => {
  it('ships the Working Group bodies and programme partners, valid, each deadline a Period with status and source', () => {
    const data = shipped();
    expect(validateReferralBodies(data)).toEqual([]);
    expect(referralBody(data, 'MOH')).toMatchObject({
      type: 'ministry',
      deadline: { value: 10, unit: 'working-days', from: 'referral', status: 'assumed', source: expect.any(String) },
    });
    expect(referralBody(data, 'IOM')?.deadline).toMatchObject({ value: 30, unit: 'calendar-days' });
    expect(referralBody(data, 'NOPE')).toBeUndefined();
  });

  it("gives each body's deadline to the deadline calculator as it is", () => {
    const moh = referralBody(shipped(), 'MOH')!;
    const due = computeDeadline('referral', moh.deadline, { date: '2026-11-24' }, new CalendarBook(SHIPPED_CALENDARS), {
      rulebookVersion: shipped().version,
    });
    expect(due).toMatchObject({
      dueDate: '2026-12-08',
      rule: expect.stringMatching(/^10 working days from referral \(assumed: /),
      calendarBasis: [expect.stringContaining('AZ 2026')],
    });
  });

  it('reports every problem with its JSON path', () => {
    const data = shipped() as unknown as Record<string, unknown> & { bodies: Record<string, unknown>[] };
    delete data.description;
    data.bodies[0].code = 'moh';
    data.bodies[1].code = data.bodies[2].code;
    data.bodies[3].type = 'charity';
    data.bodies[4].deadline = { value: 0, unit: 'weeks', status: 'verified', source: 'x', from: '' };
    data.bodies[5].deadline = { days: 10, unit: 'working' };
    data.bodies[6].kind = 'civil-society';
    expect(validateReferralBodies(data)).toEqual([
      '$.description: a non-empty string',
      '$.bodies[0].code: an upper-case letter, then letters, digits or "-", 2 to 16',
      `$.bodies[2].code: ${data.bodies[2].code} is listed twice`,
      '$.bodies[3].type: one of ministry, local-authority, programme, international-organisation, civil-society',
      '$.bodies[4].deadline.value: a whole number of at least 1',
      '$.bodies[4].deadline.unit: one of calendar-days, working-days, months',
      '$.bodies[4].deadline.from: a non-empty string',
      '$.bodies[5].deadline.value: a whole number of at least 1',
      '$.bodies[5].deadline.status: one of verified, comparable, assumed',
      '$.bodies[5].deadline.source: a non-empty string',
      '$.bodies[5].deadline.days: not a known field',
      '$.bodies[5].deadline.unit: one of calendar-days, working-days, months',
      '$.bodies[6].kind: not a known field',
    ]);
  });

  it('refuses a document without bodies', () => {
    expect(validateReferralBodies({ ...shipped(), bodies: undefined })).toEqual(['$.bodies: a non-empty list']);
    expect(validateReferralBodies(null)).toEqual(['$: the referral bodies must be a JSON object']);
  });
});

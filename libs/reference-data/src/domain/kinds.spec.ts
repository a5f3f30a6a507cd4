import { SHIPPED_CALENDARS, SHIPPED_RULEBOOKS } from '@readmission/agreements';
import { KIND_RULES, problemsByPath } from './kinds';
import { SHIPPED_VERSIONS } from './shipped';

describe('kinds of reference data', () => {
  it('ship every version of every kind, valid, each with its key and version', () => {
    expect(SHIPPED_VERSIONS.map((v) => `${v.kind}:${v.key}`)).toEqual([
      'rulebook:AZ',
      'rulebook:AZ',
      'rulebook:AZ',
      'calendar:AZ:2025',
      'calendar:AZ:2026',
      'calendar:AZ:2027',
      'crossing-points:AZ',
      'referral-bodies:AZ',
    ]);
    // Every shipped rulebook version (2026.3, 2026.2, then 2026.1 as first shipped), each from its own effectiveFrom.
    expect(SHIPPED_VERSIONS.filter((v) => v.kind === 'rulebook')).toEqual(
      SHIPPED_RULEBOOKS.map((r) =>
        expect.objectContaining({ version: r.version, effectiveFrom: new Date(r.effectiveFrom), loadedBy: 'shipped' }),
      ),
    );
    // A calendar file names no version: its content does.
    expect(SHIPPED_VERSIONS.find((v) => v.key === 'AZ:2026')?.version).toMatch(/^shipped-[0-9a-f]{8}$/);
  });

  it('validate a rulebook and a calendar with the existing validators, errors by JSON path', () => {
    expect(KIND_RULES.rulebook.validate({ ...SHIPPED_RULEBOOKS[0], version: 'x y' })).toEqual([expect.stringMatching(/^\$\.version: /)]);
    const calendar = { ...SHIPPED_CALENDARS[1], nonWorkingDays: [{ date: '2026-01-03', name: 'a Saturday' }] };
    expect(KIND_RULES.calendar.validate(calendar)).toEqual(['$.nonWorkingDays[0].date: 2026-01-03 is a Saturday or Sunday']);
    expect(KIND_RULES.calendar.keyOf(SHIPPED_CALENDARS[1])).toBe('AZ:2026');
  });

  it('turn errors into problems {path, message} for InvalidInputError', () => {
    expect(problemsByPath(['$.points[0].code: a code', '$: must be an object: really'])).toEqual([
      { path: '$.points[0].code', message: 'a code' },
      { path: '$', message: 'must be an object: really' },
    ]);
  });
});

import { compareDatesOfBirth, DATE_OF_BIRTH_SCORES, parsePartialDate, precisionOf } from './index';

const kind = (a: string, r: string) => compareDatesOfBirth(a, r).agreement;

describe('parsePartialDate', () => {
  it('reads YYYY, YYYY-MM and YYYY-MM-DD', () => {
    expect(parsePartialDate('1985')).toEqual({ year: 1985 });
    expect(parsePartialDate('1985-03')).toEqual({ year: 1985, month: 3 });
    expect(parsePartialDate('1985-03-17')).toEqual({ year: 1985, month: 3, day: 17 });
    expect(precisionOf(parsePartialDate('1985-03') as never)).toBe('month');
  });

  it('treats 00 as unknown month or day', () => {
    expect(parsePartialDate('1985-00-00')).toEqual({ year: 1985 });
    expect(parsePartialDate('1985-03-00')).toEqual({ year: 1985, month: 3 });
    expect(parsePartialDate('1985-00-17')).toBeUndefined();
  });

  it('rejects impossible or malformed dates', () => {
    for (const bad of ['1985-02-29', '1985-13', '1985-04-31', '85-03-17', '17.03.1985', '', '1985-3-7']) {
      expect([bad, parsePartialDate(bad)]).toEqual([bad, undefined]);
    }
    expect(parsePartialDate('1984-02-29')).toEqual({ year: 1984, month: 2, day: 29 });
  });
});

describe('compareDatesOfBirth', () => {
  it('scores an exact date highest', () => {
    expect(compareDatesOfBirth('1985-03-17', '1985-03-17')).toMatchObject({ agreement: 'exact', score: 1 });
  });

  it('accepts partial dates that contain the registry date', () => {
    expect(compareDatesOfBirth('1985-03', '1985-03-17')).toMatchObject({ agreement: 'compatible-month', score: 0.85 });
    expect(compareDatesOfBirth('1985', '1985-03-17')).toMatchObject({ agreement: 'compatible-year', score: 0.7 });
    expect(kind('1985-03-17', '1985-03')).toBe('compatible-month'); // either side may be partial
    expect(kind('1985-03', '1985')).toBe('compatible-year');
  });

  it('recognises clerical errors: one day off, day and month swapped', () => {
    expect(compareDatesOfBirth('1985-03-18', '1985-03-17')).toMatchObject({ agreement: 'clerical', score: 0.6 });
    expect(kind('1985-04-01', '1985-03-31')).toBe('clerical'); // across a month end
    expect(kind('1986-01-01', '1985-12-31')).toBe('clerical'); // across a year end
    const swap = compareDatesOfBirth('1985-07-03', '1985-03-07');
    expect(swap.agreement).toBe('clerical');
    expect(swap.detail).toContain('swapped');
  });

  it('recognises typing errors with a lower score', () => {
    expect(kind('1986-03-17', '1985-03-17')).toBe('typo'); // year off by one
    expect(kind('1985-04-17', '1985-03-17')).toBe('typo'); // month off by one
    expect(kind('1958-03-17', '1985-03-17')).toBe('typo'); // digits transposed
    expect(kind('1985-03-12', '1985-03-21')).toBe('typo'); // digits transposed in the day
    expect(kind('1985-03-27', '1985-03-17')).toBe('typo'); // one digit
    expect(DATE_OF_BIRTH_SCORES.typo).toBeLessThan(DATE_OF_BIRTH_SCORES.clerical);
  });

  it('gives a little for partial dates one year or month away', () => {
    expect(kind('1986', '1985-03-17')).toBe('near-partial');
    expect(kind('1985-04', '1985-03-17')).toBe('near-partial');
    expect(kind('1984-03', '1985-03-17')).toBe('near-partial');
  });

  it('scores different dates as a mismatch', () => {
    expect(compareDatesOfBirth('1979-11-02', '1985-03-17')).toMatchObject({ agreement: 'mismatch', score: 0 });
    expect(kind('1985-09', '1985-03-17')).toBe('mismatch');
    expect(kind('1990', '1985-03-17')).toBe('mismatch');
    expect(kind('1985-05-19', '1985-03-17')).toBe('mismatch');
  });

  it('reports unparseable dates as invalid, with no evidence', () => {
    expect(compareDatesOfBirth('17.03.1985', '1985-03-17')).toMatchObject({ agreement: 'invalid', score: 0 });
  });
});

import { toCsv } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting and keeps the header order', () => {
    expect(
      toCsv([
        { body: 'MOH', note: 'late, "twice"', rate: 0.5 },
        { body: 'IOM', note: null, rate: 1 },
      ]),
    ).toBe('body,note,rate\r\nMOH,"late, ""twice""",0.5\r\nIOM,,1\r\n');
    expect(toCsv([])).toBe('');
  });
});

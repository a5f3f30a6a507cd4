import { searchKeyQuery, searchKeys, searchKeysOfHistory } from './search-name';

/** A case is found when every word searched shares a key with the case's keys (what the blind indexes compare). */
const finds = (query: string, person: Parameters<typeof searchKeys>[0]) => {
  const stored = new Set(searchKeys(person));
  return searchKeyQuery(query).every((word) => word.some((k) => stored.has(k)));
};

describe('name search keys (stored as blind indexes)', () => {
  const person = { surname: 'Məmmədov', givenNames: 'Elçin Rauf oğlu', previousSurnames: ['Şükürov'], aliases: ['Eldar'] };

  it('finds a person across spellings, diacritics and case, by any of the names known', () => {
    for (const query of ['Məmmədov', 'MAMMADOV', 'Mamedov', 'mammadov elchin', 'Elcin', 'SUKUROV', 'Shukurov', 'eldar'])
      expect({ query, found: finds(query, person) }).toEqual({ query, found: true });
  });

  it('requires every word searched to match, and does not find other names', () => {
    for (const query of ['Əliyev', 'Mammadov Orxan', 'Hüseynova'])
      expect({ query, found: finds(query, person) }).toEqual({ query, found: false });
    expect(searchKeyQuery('  ,- ')).toEqual([]);
  });

  it("computes a case's keys again from its message history (blind-key rotation): the first application's person, none once erased", () => {
    const person = { surname: 'Məmmədov', givenNames: 'Elçin', previousSurnames: ['Şükürov'] };
    const entry = (type: string, direction: string, payload?: Record<string, unknown>) => ({ type, direction, payload });
    const history = [
      entry('readmission.application.submitted.v1', 'inbound', { person }),
      entry('readmission.application.acknowledged.v1', 'outbound', { caseNumber: 'RA-2026-000001' }),
      entry('readmission.application.supplemented.v1', 'inbound', { person: { surname: 'Other', givenNames: 'Name' } }),
    ];
    expect(searchKeysOfHistory(history)).toEqual(searchKeys(person));
    expect(searchKeysOfHistory(history.map(({ type, direction }) => ({ type, direction })))).toEqual([]);
  });
});

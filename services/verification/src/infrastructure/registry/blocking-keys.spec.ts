import { readFileSync } from 'fs';
import { join } from 'path';
import { ApplicantPerson, DEFAULT_REVIEW_THRESHOLD, RegistryPerson, scoreCandidate } from '@readmission/identity';
import { applicantBlockingKeys, registryBlockingKeys } from './blocking-keys';

/** libs/identity's real-world spelling set, read as a data file (libraries are imported by their entry point only). */
const SPELLING_PAIRS = join(__dirname, '..', '..', '..', '..', '..', 'libs', 'identity', 'src', 'testdata', 'spelling-pairs.json');
const data = JSON.parse(readFileSync(SPELLING_PAIRS, 'utf8')) as {
  samePerson: { part: string; sex?: string; registry: string; abroad: { spelling: string }[] }[];
};

function retrieved(applicant: ApplicantPerson, record: RegistryPerson): boolean {
  const stored = new Set(registryBlockingKeys(record));
  return applicantBlockingKeys(applicant).some((k) => stored.has(k));
}

const ELCIN: RegistryPerson = {
  personalId: '1E4K7AZ',
  surname: 'Məmmədov',
  givenNames: 'Elçin',
  patronymic: 'Rəşid oğlu',
  sex: 'male',
  dateOfBirth: '1991-04-17',
  previousSurnames: ['Şükürov'],
};

describe('blocking keys', () => {
  it('stores compound keys of skeletons and dates, sorted and without duplicates', () => {
    const keys = registryBlockingKeys(ELCIN);
    expect(keys).toEqual([...new Set(keys)].sort());
    expect(keys).toEqual(
      expect.arrayContaining([
        'sg:mamadov|alʤin',
        'sd:mamadov|1991-04-17',
        'gd:alʤin|1991-04-17',
        'sy:mamadov|1991',
        'gy:alʤin|1991',
        'd:1991-04-17|male',
        'sg:ʃukurov|alʤin', // previous surname
        'sg:sukurov|alʤin', // ş read as s (passport MRZ)
      ]),
    );
    expect(keys.some((k) => k.includes('rasid') || k.includes('raʃid'))).toBe(false); // the patronymic is not a key
  });

  it('looks up name pairs, surname or given name with the full date, and the date with compatible sexes', () => {
    const keys = applicantBlockingKeys({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991-04-17' });
    expect(keys).toEqual(
      expect.arrayContaining([
        'sg:mamadov|alʤin',
        'sd:mamadov|1991-04-17',
        'gd:alʤin|1991-04-17',
        'd:1991-04-17|male',
        'd:1991-04-17|unknown',
      ]),
    );
    expect(keys).not.toContain('d:1991-04-17|female');
    expect(keys.some((k) => k.startsWith('sy:') || k.startsWith('gy:'))).toBe(false); // the year blocks are for partial dates only
  });

  it('looks up the year blocks when the date is partial', () => {
    const keys = applicantBlockingKeys({ surname: 'Mamedov', givenNames: 'Elchin', sex: 'unknown', dateOfBirth: '1991-04' });
    expect(keys).toEqual(expect.arrayContaining(['sg:mamadov|alʤin', 'sy:mamadov|1991', 'gy:alʤin|1991']));
    expect(keys.some((k) => k.startsWith('d:') || k.startsWith('sd:'))).toBe(false);
  });

  it.each<[string, ApplicantPerson]>([
    ['Russian Cyrillic, partial date', { surname: 'Мамедов', givenNames: 'Эльчин', sex: 'male', dateOfBirth: '1991' }],
    ['swapped name order', { surname: 'Elchin', givenNames: 'Mamedov', sex: 'male', dateOfBirth: '1991' }],
    ['patronymic in the given names', { surname: 'Mammadov', givenNames: 'Elchin Rashid ogly', sex: 'male', dateOfBirth: '1991' }],
    ['the registry previous surname', { surname: 'SUKUROV', givenNames: 'ELCIN', sex: 'male', dateOfBirth: '1991' }],
    [
      'the applicant previous surname',
      { surname: 'Hasanov', previousSurnames: ['Mamedov'], givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991' },
    ],
    ['an alias', { surname: 'Hasanov', givenNames: 'Ali', aliases: ['Elchin Mamedov'], sex: 'male', dateOfBirth: '1991' }],
    ['a misspelt surname with the full date', { surname: 'Mahmudov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1991-04-17' }],
    ['both names misspelt with the full date', { surname: 'Mahmudov', givenNames: 'Elshan', sex: 'unknown', dateOfBirth: '1991-04-17' }],
    ['a date typo with both names', { surname: 'Mamedov', givenNames: 'Elchin', sex: 'male', dateOfBirth: '1919-04-17' }],
  ])('retrieves the record for %s', (_label, applicant) => {
    expect(retrieved(applicant, ELCIN)).toBe(true);
  });

  it.each<[string, ApplicantPerson]>([
    ['another person', { surname: 'Hüseynova', givenNames: 'Gülnarə', sex: 'female', dateOfBirth: '1988-02-14' }],
    ['a namesake surname with another given name and year', { surname: 'Mamedov', givenNames: 'Orkhan', sex: 'male', dateOfBirth: '1979' }],
    ['the same date, the other sex, other names', { surname: 'Aliyeva', givenNames: 'Leyla', sex: 'female', dateOfBirth: '1991-04-17' }],
  ])('does not retrieve it for %s', (_label, applicant) => {
    expect(retrieved(applicant, ELCIN)).toBe(false);
  });

  it('makes no keys from names without letters', () => {
    expect(applicantBlockingKeys({ surname: '-', givenNames: '?', sex: 'male', dateOfBirth: 'unknown' })).toEqual([]);
  });

  /**
   * The blocking must not hide a candidate that matchPerson would show. Hardest case from the real-world
   * spelling set: both names spelt abroad at once (every surname spelling × every given-name spelling of the
   * same sex), with the full date and with the year only. Every pair that reaches the review threshold must
   * share a key with the registry record.
   */
  describe('recall on the real-world spelling set (libs/identity testdata), both names spelt abroad', () => {
    type Group = { part: string; sex: 'male' | 'female'; registry: string; abroad: string[] };
    const groups: Group[] = data.samePerson.map((g) => ({
      part: g.part,
      sex: ((g as { sex?: string }).sex ?? 'male') as 'male' | 'female',
      registry: g.registry,
      abroad: g.abroad.map((a) => a.spelling),
    }));
    const surnames = groups.filter((g) => g.part === 'surname');
    const givens = groups.filter((g) => g.part === 'given');

    it.each(['1987-04-23', '1987'])('date of birth given as %s: every reviewable pair is retrieved', (dob) => {
      let reviewable = 0;
      const missed: string[] = [];
      for (const s of surnames) {
        for (const g of givens) {
          if (s.sex !== g.sex) continue;
          const record: RegistryPerson = {
            personalId: 'R',
            surname: s.registry,
            givenNames: g.registry,
            sex: s.sex,
            dateOfBirth: '1987-04-23',
          };
          const stored = new Set(registryBlockingKeys(record));
          for (const sa of s.abroad) {
            for (const ga of g.abroad) {
              const applicant: ApplicantPerson = { surname: sa, givenNames: ga, sex: s.sex, dateOfBirth: dob };
              if (scoreCandidate(applicant, record).score < DEFAULT_REVIEW_THRESHOLD) continue;
              reviewable++;
              if (!applicantBlockingKeys(applicant).some((k) => stored.has(k))) missed.push(`${sa} ${ga} ~ ${s.registry} ${g.registry}`);
            }
          }
        }
      }
      expect(reviewable).toBeGreaterThan(10_000);
      expect(missed).toEqual([]);
    });
  });
});

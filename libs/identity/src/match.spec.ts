import {
  ApplicantPerson,
  DEFAULT_MATCH_THRESHOLD,
  DEFAULT_REVIEW_THRESHOLD,
  DEFAULT_THRESHOLDS,
  matchPerson,
  RegistryPerson,
  scoreCandidate,
  SEX_CONFLICT_CAP,
} from './index';

const orxan: RegistryPerson = {
  personalId: 'AZ-1',
  surname: 'Məmmədov',
  givenNames: 'Orxan',
  patronymic: 'Elçin oğlu',
  sex: 'male',
  dateOfBirth: '1985-03-17',
  placeOfBirth: 'Bakı şəhəri',
};

const applicant: ApplicantPerson = {
  surname: 'Mamedov',
  givenNames: 'Orkhan',
  sex: 'male',
  dateOfBirth: '1985-03-17',
};

describe('scoreCandidate', () => {
  it('returns a score, the components and an explanation', () => {
    const s = scoreCandidate(applicant, orxan);
    expect(s.score).toBe(1);
    expect(s.components).toEqual({ surname: 1, givenNames: 1, dateOfBirth: 1, sex: 1 });
    expect(s.explanation.join('\n')).toMatch(/surname: 'Mamedov' ~ 'Məmmədov' \(skeletons mamadov \/ mamadov/u);
    expect(s.explanation.join('\n')).toContain("patronymic: only in the registry ('Elçin oğlu'); not penalised");
  });

  it('matches a person written in Russian Cyrillic', () => {
    const s = scoreCandidate(
      {
        surname: 'Мамедов',
        givenNames: 'Орхан Эльчин оглы',
        sex: 'male',
        dateOfBirth: '1985-03-17',
        placeOfBirth: 'г. Баку, Азербайджанская ССР',
      },
      orxan,
    );
    expect(s.components).toEqual({ surname: 1, givenNames: 1, dateOfBirth: 1, sex: 1, patronymic: 1, placeOfBirth: 1 });
    expect(s.score).toBe(1);
  });

  it('matches a registry record held in Cyrillic', () => {
    const s = scoreCandidate(applicant, { ...orxan, surname: 'Мамедов', givenNames: 'Орхан', patronymic: 'Эльчинович' });
    expect(s.score).toBe(1);
  });

  it('accepts partial dates of birth', () => {
    const month = scoreCandidate({ ...applicant, dateOfBirth: '1985-03' }, orxan);
    const year = scoreCandidate({ ...applicant, dateOfBirth: '1985' }, orxan);
    expect(month.components.dateOfBirth).toBe(0.85);
    expect(year.components.dateOfBirth).toBe(0.7);
    expect(month.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(year.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(year.score).toBeLessThan(month.score);
  });

  it('still matches a clerical date error, but a typo or another date only reaches review', () => {
    const clerical = scoreCandidate({ ...applicant, dateOfBirth: '1985-03-18' }, orxan);
    expect(clerical.components.dateOfBirth).toBe(0.6);
    expect(clerical.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    const typo = scoreCandidate({ ...applicant, dateOfBirth: '1958-03-17' }, orxan);
    expect(typo.components.dateOfBirth).toBe(0.45);
    expect(typo.score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
    expect(typo.score).toBeGreaterThanOrEqual(DEFAULT_REVIEW_THRESHOLD);
    const other = scoreCandidate({ ...applicant, dateOfBirth: '1979-11-02' }, orxan);
    expect(other.components.dateOfBirth).toBe(0);
    expect(other.score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });

  it('recognises a day/month swap as a clerical error', () => {
    const s = scoreCandidate({ ...applicant, dateOfBirth: '1985-07-03' }, { ...orxan, dateOfBirth: '1985-03-07' });
    expect(s.components.dateOfBirth).toBe(0.6);
    expect(s.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(s.explanation.join('\n')).toContain('day and month swapped');
  });

  describe('patronymic', () => {
    it('does not penalise a patronymic present on one side only', () => {
      const without = scoreCandidate(applicant, { ...orxan, patronymic: undefined });
      const registryOnly = scoreCandidate(applicant, orxan);
      const applicantOnly = scoreCandidate({ ...applicant, givenNames: 'Orkhan Elchin ogly' }, { ...orxan, patronymic: undefined });
      expect(registryOnly.score).toBe(without.score);
      expect(applicantOnly.score).toBe(without.score);
      expect(applicantOnly.components.givenNames).toBe(1);
      expect(applicantOnly.explanation.join('\n')).toContain("patronymic: only in the application ('Elchin')");
    });

    it('counts a matching patronymic, including an unmarked extra given name', () => {
      const marked = scoreCandidate({ ...applicant, givenNames: 'Orkhan Elchin ogly', dateOfBirth: '1985' }, orxan);
      expect(marked.components.patronymic).toBe(1);
      const unmarked = scoreCandidate({ ...applicant, givenNames: 'Orkhan Elchin', dateOfBirth: '1985' }, orxan);
      expect(unmarked.components).toMatchObject({ givenNames: 1, patronymic: 1 });
      expect(unmarked.explanation.join('\n')).toContain('extra given name read as the patronymic');
      const bare = scoreCandidate({ ...applicant, dateOfBirth: '1985' }, orxan);
      expect(marked.score).toBeGreaterThan(bare.score);
    });

    it('reads Russian-style patronymics', () => {
      const s = scoreCandidate({ ...applicant, givenNames: 'Orkhan Elchinovich' }, orxan);
      expect(s.components).toMatchObject({ givenNames: 1, patronymic: 1 });
    });

    it('lowers the score when the patronymics disagree', () => {
      const s = scoreCandidate({ ...applicant, givenNames: 'Orkhan Vagif ogly' }, orxan);
      expect(s.components.patronymic).toBe(0);
      expect(s.score).toBeLessThan(scoreCandidate(applicant, orxan).score);
    });

    it('infers the sex from the marker when the partner does not know it', () => {
      const s = scoreCandidate({ ...applicant, sex: 'unknown', givenNames: 'Orkhan Elchin ogly' }, orxan);
      expect(s.components.sex).toBe(1);
      const unknown = scoreCandidate({ ...applicant, sex: 'unknown' }, orxan);
      expect(unknown.components.sex).toBe(0.5);
    });
  });

  it('caps the score on a sex conflict', () => {
    const s = scoreCandidate({ ...applicant, sex: 'female' }, orxan);
    expect(s.components.sex).toBe(0);
    expect(s.score).toBe(SEX_CONFLICT_CAP);
    expect(s.explanation.join('\n')).toContain('conflict');
  });

  it('uses previous surnames on either side', () => {
    const aysel: RegistryPerson = {
      personalId: 'AZ-9',
      surname: 'Quliyeva',
      givenNames: 'Aysel',
      sex: 'female',
      dateOfBirth: '1992-08-30',
      previousSurnames: ['Əliyeva'],
    };
    const s = scoreCandidate(
      { surname: 'Müller', previousSurnames: ['Gulieva'], givenNames: 'Aysel', sex: 'female', dateOfBirth: '1992-08-30' },
      aysel,
    );
    expect(s.components.surname).toBeCloseTo(0.97);
    expect(s.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    const maiden = scoreCandidate({ surname: 'Alieva', givenNames: 'Aysel', sex: 'female', dateOfBirth: '1992-08-30' }, aysel);
    expect(maiden.components.surname).toBeCloseTo(0.97);
    expect(maiden.explanation.join('\n')).toContain("registry's previous surname 'Əliyeva'");
  });

  it('uses aliases', () => {
    const s = scoreCandidate({ ...applicant, surname: 'Smith', givenNames: 'John', aliases: ['Orkhan Mamedov'] }, orxan);
    expect(s.components.surname).toBeCloseTo(0.9);
    expect(s.components.givenNames).toBeCloseTo(0.9);
    expect(s.explanation[0]).toContain("alias 'Orkhan Mamedov'");
  });

  it('notices surname and given names swapped', () => {
    const s = scoreCandidate({ ...applicant, surname: 'Orkhan', givenNames: 'Mamedov' }, orxan);
    expect(s.explanation[0]).toBe('surname and given names appear swapped');
    expect(s.components.surname).toBeCloseTo(0.9);
    expect(s.score).toBeGreaterThanOrEqual(DEFAULT_REVIEW_THRESHOLD);
  });

  it('compares places of birth across scripts, exonyms and former names', () => {
    expect(scoreCandidate({ ...applicant, placeOfBirth: 'Baku' }, orxan).components.placeOfBirth).toBe(1);
    expect(
      scoreCandidate({ ...applicant, placeOfBirth: 'Kirovabad, Aserbaidschan' }, { ...orxan, placeOfBirth: 'Gəncə' }).components
        .placeOfBirth,
    ).toBe(1);
    expect(
      scoreCandidate({ ...applicant, placeOfBirth: 'Нахичевань' }, { ...orxan, placeOfBirth: 'Naxçıvan' }).components.placeOfBirth,
    ).toBe(1);
    const other = scoreCandidate({ ...applicant, placeOfBirth: 'Sumgait' }, orxan);
    expect(other.components.placeOfBirth).toBe(0);
    expect(other.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD); // a small weight only
  });
});

describe('matchPerson', () => {
  const records: RegistryPerson[] = [
    { personalId: 'AZ-2', surname: 'Məhərrəmov', givenNames: 'Orxan', sex: 'male', dateOfBirth: '1985-03-17' },
    { personalId: 'AZ-3', surname: 'Məmmədov', givenNames: 'Orxan', sex: 'male', dateOfBirth: '1985-03-18' },
    orxan,
    { personalId: 'AZ-4', surname: 'Əliyeva', givenNames: 'Leyla', sex: 'female', dateOfBirth: '1990-06-01' },
    { personalId: 'AZ-5', surname: 'Məmmədov', givenNames: 'Orxan', sex: 'male', dateOfBirth: '1979-11-02' },
  ];

  it('returns candidates best first with a verdict, dropping those below review', () => {
    const out = matchPerson(applicant, records);
    expect(out.map((c) => [c.personalId, c.verdict])).toEqual([
      ['AZ-1', 'match'],
      ['AZ-3', 'match'],
      ['AZ-2', 'possible'],
      ['AZ-5', 'possible'],
    ]);
    expect(out[0].record).toBe(orxan);
    expect(out[0].explanation.length).toBeGreaterThan(3);
  });

  it('exports the default thresholds and lets the caller override them', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ matchThreshold: DEFAULT_MATCH_THRESHOLD, reviewThreshold: DEFAULT_REVIEW_THRESHOLD });
    const strict = matchPerson(applicant, records, { matchThreshold: 0.99, reviewThreshold: 0.8 });
    expect(strict.map((c) => [c.personalId, c.verdict])).toEqual([
      ['AZ-1', 'match'],
      ['AZ-3', 'possible'],
    ]);
    expect(matchPerson(applicant, records, { reviewThreshold: 0 })).toHaveLength(records.length);
  });

  it('rejects inconsistent thresholds', () => {
    expect(() => matchPerson(applicant, records, { matchThreshold: 0.5, reviewThreshold: 0.6 })).toThrow(RangeError);
    expect(() => matchPerson(applicant, records, { matchThreshold: 1.2 })).toThrow(RangeError);
    expect(() => matchPerson(applicant, records, { reviewThreshold: Number.NaN })).toThrow(RangeError);
  });

  it('keeps the records order for equal scores and returns nothing for an empty registry', () => {
    const twins = [
      { ...orxan, personalId: 'T-1' },
      { ...orxan, personalId: 'T-2' },
    ];
    expect(matchPerson(applicant, twins).map((c) => c.personalId)).toEqual(['T-1', 'T-2']);
    expect(matchPerson(applicant, [])).toEqual([]);
  });
});

/**
 * Measures the matcher on the real-world spelling set (testdata/spelling-pairs.json) at the default
 * thresholds, prints the counts, and holds them to the limits stated in the README.
 *
 * Each name pair becomes a pair of persons that differ only in that name (same other name, same date of
 * birth, same sex): the worst case for telling people apart, and a clean measure of the name handling.
 */
import data from './testdata/spelling-pairs.json';
import { ApplicantPerson, DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD, RegistryPerson, scoreCandidate, Sex } from './index';

type Part = 'surname' | 'given';

interface Pair {
  readonly label: string;
  readonly applicant: ApplicantPerson;
  readonly record: RegistryPerson;
}

const DATE_OF_BIRTH = '1987-04-23';
const OTHER_NAME: Record<Part, Record<'male' | 'female', string>> = {
  // the name part that is not under test, written the same on both sides
  surname: { male: 'Tural', female: 'Aysel' }, // given names used when a surname is tested
  given: { male: 'Həsənli', female: 'Həsənli' }, // surname used when a given name is tested
};

function persons(part: Part, sex: 'male' | 'female', registryName: string, applicantName: string, id: string): Pair {
  const other = OTHER_NAME[part][sex];
  const [surname, givenNames] = part === 'surname' ? [registryName, other] : [other, registryName];
  const [aSurname, aGiven] = part === 'surname' ? [applicantName, other] : [other, applicantName];
  return {
    label: `${part} ${registryName} / ${applicantName}`,
    record: { personalId: id, surname, givenNames, sex, dateOfBirth: DATE_OF_BIRTH },
    applicant: { surname: aSurname, givenNames: aGiven, sex, dateOfBirth: DATE_OF_BIRTH },
  };
}

const samePerson: Pair[] = data.samePerson.flatMap((g, i) =>
  g.abroad.map((v, j) =>
    persons(g.part as Part, ((g as { sex?: string }).sex ?? 'male') as 'male' | 'female', g.registry, v.spelling, `S${i}-${j}`),
  ),
);

const differentPeople: Pair[] = [
  ...data.differentPeople.map((d, i) =>
    persons(d.part as Part, ((d as { sex?: string }).sex ?? 'male') as 'male' | 'female', d.registry, d.applicant, `D${i}`),
  ),
  ...data.namesakes.map((n, i) => ({
    label: `namesake ${n.registry.surname} ${n.registry.givenNames} (${n.why})`,
    record: { personalId: `N${i}`, ...n.registry, sex: n.registry.sex as Sex },
    applicant: { ...n.applicant, sex: n.applicant.sex as Sex },
  })),
];

/** Limits (see README): no false match at all; every genuine pair at least reaches review. */
const LIMITS = { falseMatches: 0, missedMatches: 2, dropped: 0 };

function classify(pairs: Pair[]) {
  const rows = pairs.map((p) => ({ ...p, result: scoreCandidate(p.applicant, p.record) }));
  const match = rows.filter((r) => r.result.score >= DEFAULT_MATCH_THRESHOLD);
  const possible = rows.filter((r) => r.result.score < DEFAULT_MATCH_THRESHOLD && r.result.score >= DEFAULT_REVIEW_THRESHOLD);
  const dropped = rows.filter((r) => r.result.score < DEFAULT_REVIEW_THRESHOLD);
  return { rows, match, possible, dropped };
}

describe('real-world spelling set at the default thresholds', () => {
  const same = classify(samePerson);
  const different = classify(differentPeople);

  it('has at least 50 genuine pairs and 30 pairs of different people', () => {
    expect(samePerson.length).toBeGreaterThanOrEqual(50);
    expect(differentPeople.length).toBeGreaterThanOrEqual(30);
  });

  it('prints the counts and stays within the stated limits', () => {
    const table = [
      {
        set: 'same person',
        pairs: samePerson.length,
        match: same.match.length,
        possible: same.possible.length,
        dropped: same.dropped.length,
      },
      {
        set: 'different people',
        pairs: differentPeople.length,
        match: different.match.length,
        possible: different.possible.length,
        dropped: different.dropped.length,
      },
    ];
    const missed = [...same.possible, ...same.dropped];
    const lines = [
      `thresholds: match >= ${DEFAULT_MATCH_THRESHOLD}, review >= ${DEFAULT_REVIEW_THRESHOLD}`,
      ...table.map(
        (t) =>
          `${t.set.padEnd(17)} pairs ${String(t.pairs).padStart(3)}  match ${String(t.match).padStart(3)}  possible ${String(t.possible).padStart(3)}  dropped ${String(t.dropped).padStart(3)}`,
      ),
      `lowest genuine match ${Math.min(...same.match.map((r) => r.result.score)).toFixed(3)}; highest score of different people ${Math.max(...different.rows.map((r) => r.result.score)).toFixed(3)}`,
      `false matches (different people scored as match): ${different.match.length} (limit ${LIMITS.falseMatches})`,
      `missed matches (same person not scored as match): ${missed.length} (limit ${LIMITS.missedMatches}); dropped below review: ${same.dropped.length} (limit ${LIMITS.dropped})`,
      ...missed.map((r) => `  missed: ${r.label} -> ${r.result.score.toFixed(3)}`),
      ...different.match.map((r) => `  FALSE MATCH: ${r.label} -> ${r.result.score.toFixed(3)}`),
    ];
    console.log(lines.join('\n'));
    expect(different.match.map((r) => r.label)).toHaveLength(LIMITS.falseMatches);
    expect(missed.length).toBeLessThanOrEqual(LIMITS.missedMatches);
    expect(same.dropped.map((r) => r.label)).toHaveLength(LIMITS.dropped);
  });

  it.each(samePerson.map((p) => [p.label, p] as const))('%s reaches review at least', (_label, p) => {
    expect(scoreCandidate(p.applicant, p.record).score).toBeGreaterThanOrEqual(DEFAULT_REVIEW_THRESHOLD);
  });

  it.each(differentPeople.map((p) => [p.label, p] as const))('%s is not a match', (_label, p) => {
    expect(scoreCandidate(p.applicant, p.record).score).toBeLessThan(DEFAULT_MATCH_THRESHOLD);
  });
});

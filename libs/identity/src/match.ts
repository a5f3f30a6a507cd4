/**
 * Scoring an applicant against registry records.
 *
 * Each field gives evidence in [0, 1]: names through their skeleton similarity (`nameEvidence`), the date of
 * birth through `compareDatesOfBirth`, sex (1 same, 0.5 unknown on a side, 0 conflict), and, when both
 * sides have one, the patronymic and the place of birth. The score is the weighted mean over the fields
 * present (weights in `SCORE_WEIGHTS`). A sex conflict caps the score at `SEX_CONFLICT_CAP`, below the
 * default match threshold: a registry or partner error is possible, but it needs a human.
 *
 * With the default weights and thresholds a `match` needs both names (nearly) identical after
 * normalisation together with an exact, compatible-partial or clerically wrong date of birth; one wrong
 * letter in a name, a typo in the date, swapped name order or a date that disagrees entirely leave a
 * `possible` at most.
 */
import { compareDatesOfBirth } from './dates';
import { NameToken, nameTokens, parseGivenNames, parsePatronymic, ParsedGivenNames } from './normalise';
import { comparePlaces } from './places';
import { compareNameTokens, compareTokens, NameComparison, nameEvidence } from './similarity';
import { ApplicantPerson, RegistryPerson, Sex } from './types';

export interface ScoreComponents {
  readonly surname: number;
  readonly givenNames: number;
  readonly dateOfBirth: number;
  readonly sex: number;
  /** Present only when both the application and the record give a place of birth. */
  readonly placeOfBirth?: number;
  /** Present only when both sides give a patronymic (its absence on one side is not penalised). */
  readonly patronymic?: number;
}

export interface CandidateScore {
  /** Weighted evidence in [0, 1]. */
  readonly score: number;
  readonly components: ScoreComponents;
  /** Human-readable reasons, one per line, for the officer reviewing the candidate. */
  readonly explanation: string[];
}

export type Verdict = 'match' | 'possible';

export interface MatchCandidate extends CandidateScore {
  readonly personalId: string;
  readonly record: RegistryPerson;
  readonly verdict: Verdict;
}

export interface MatchThresholds {
  /** Score from which a candidate is a `match`. */
  readonly matchThreshold: number;
  /** Score from which a candidate is a `possible` match for review; lower scores are dropped. */
  readonly reviewThreshold: number;
}

export const DEFAULT_MATCH_THRESHOLD = 0.85;
export const DEFAULT_REVIEW_THRESHOLD = 0.65;
export const DEFAULT_THRESHOLDS: Readonly<MatchThresholds> = Object.freeze({
  matchThreshold: DEFAULT_MATCH_THRESHOLD,
  reviewThreshold: DEFAULT_REVIEW_THRESHOLD,
});

/** Relative weights; optional components only count when present. */
export const SCORE_WEIGHTS = Object.freeze({
  surname: 0.3,
  givenNames: 0.3,
  dateOfBirth: 0.3,
  sex: 0.1,
  patronymic: 0.1,
  placeOfBirth: 0.05,
});

/** Highest score a candidate whose sex contradicts the application can reach. */
export const SEX_CONFLICT_CAP = 0.8;

/** Discounts for names found other than as given: surname from previousSurnames, an alias, swapped order. */
export const READING_FACTORS = Object.freeze({ previousSurname: 0.97, alias: 0.9, swapped: 0.9 });

interface Reading {
  readonly label?: string;
  readonly surname: NameToken[];
  readonly given: ParsedGivenNames;
  readonly surnameFactor: number;
  readonly givenFactor: number;
}

function applicantReadings(a: ApplicantPerson): Reading[] {
  const given = parseGivenNames(a.givenNames);
  const readings: Reading[] = [{ surname: nameTokens(a.surname, 'surname'), given, surnameFactor: 1, givenFactor: 1 }];
  for (const prev of a.previousSurnames ?? []) {
    readings.push({
      label: `surname taken from the applicant's previous surname '${prev}'`,
      surname: nameTokens(prev, 'surname'),
      given,
      surnameFactor: READING_FACTORS.previousSurname,
      givenFactor: 1,
    });
  }
  for (const alias of a.aliases ?? []) {
    const words = alias
      .trim()
      .split(/\s+/u)
      .filter((w) => w !== '');
    const label = `names taken from the alias '${alias}'`;
    if (words.length === 1) {
      readings.push({ label, surname: nameTokens(alias, 'surname'), given, surnameFactor: READING_FACTORS.alias, givenFactor: 1 });
    } else if (words.length > 1) {
      const f = READING_FACTORS.alias;
      readings.push(
        {
          label,
          surname: nameTokens(words[0], 'surname'),
          given: parseGivenNames(words.slice(1).join(' ')),
          surnameFactor: f,
          givenFactor: f,
        },
        {
          label,
          surname: nameTokens(words[words.length - 1], 'surname'),
          given: parseGivenNames(words.slice(0, -1).join(' ')),
          surnameFactor: f,
          givenFactor: f,
        },
      );
    }
  }
  readings.push({
    label: 'surname and given names appear swapped',
    surname: nameTokens(a.givenNames, 'surname'),
    given: parseGivenNames(a.surname),
    surnameFactor: READING_FACTORS.swapped,
    givenFactor: READING_FACTORS.swapped,
  });
  return readings;
}

interface NameOutcome {
  readonly reading: Reading;
  readonly registrySurname: string;
  readonly surnameFactor: number;
  readonly surname: NameComparison;
  readonly given: NameComparison;
  readonly givenFactor: number;
  readonly patronymic?: {
    readonly applicant: NameToken;
    readonly registry: NameToken;
    readonly similarity: number;
    readonly implicit: boolean;
  };
  readonly value: number;
}

function evaluateNames(readings: readonly Reading[], record: RegistryPerson): NameOutcome {
  const registrySurnames: [string, number][] = [
    [record.surname, 1],
    ...(record.previousSurnames ?? []).map((s): [string, number] => [s, READING_FACTORS.previousSurname]),
  ];
  const registryGiven = nameTokens(record.givenNames, 'given');
  const registryPatronymic = parsePatronymic(record.patronymic);
  let best: NameOutcome | undefined;
  for (const reading of readings) {
    let appGiven = reading.given.given;
    let appPatronymic = reading.given.patronymic;
    let implicit = false;
    if (!appPatronymic && registryPatronymic && appGiven.length > registryGiven.length) {
      // "Orkhan Elchin" against Orxan / Elçin oğlu: a trailing extra given name may be the father's name.
      const last = appGiven[appGiven.length - 1];
      if (nameEvidence(compareTokens(last, registryPatronymic).similarity) >= 0.5) {
        appPatronymic = last;
        appGiven = appGiven.slice(0, -1);
        implicit = true;
      }
    }
    const given = compareNameTokens(appGiven, registryGiven);
    const patronymic =
      appPatronymic && registryPatronymic
        ? {
            applicant: appPatronymic,
            registry: registryPatronymic,
            similarity: compareTokens(appPatronymic, registryPatronymic).similarity,
            implicit,
          }
        : undefined;
    for (const [registrySurname, registryFactor] of registrySurnames) {
      const surname = compareNameTokens(reading.surname, nameTokens(registrySurname, 'surname'));
      const surnameFactor = reading.surnameFactor * registryFactor;
      const value =
        nameEvidence(surname.similarity) * surnameFactor +
        nameEvidence(given.similarity) * reading.givenFactor +
        (patronymic ? 0.3 * nameEvidence(patronymic.similarity) : 0);
      if (!best || value > best.value + 1e-9) {
        best = { reading, registrySurname, surnameFactor, surname, given, givenFactor: reading.givenFactor, patronymic, value };
      }
    }
  }
  return best as NameOutcome;
}

function sexEvidence(applicant: Sex, registry: Sex): number {
  if (applicant === 'unknown' || registry === 'unknown') return 0.5;
  return applicant === registry ? 1 : 0;
}

const f2 = (n: number) => n.toFixed(2);

function describeName(label: string, applicant: string, registry: string, c: NameComparison, evidence: number): string {
  const how = c.method === 'tokens' ? ', best token alignment' : '';
  return `${label}: '${applicant}' ~ '${registry}' (skeletons ${c.left || '-'} / ${c.right || '-'}${how}, similarity ${f2(c.similarity)}, evidence ${f2(evidence)})`;
}

function tokensText(tokens: readonly NameToken[]): string {
  return tokens.map((t) => t.raw).join(' ');
}

/** Scores one registry record against the applicant. */
export function scoreCandidate(applicant: ApplicantPerson, record: RegistryPerson): CandidateScore {
  return scoreWithReadings(applicantReadings(applicant), applicant, record);
}

function scoreWithReadings(readings: readonly Reading[], applicant: ApplicantPerson, record: RegistryPerson): CandidateScore {
  const explanation: string[] = [];
  const names = evaluateNames(readings, record);
  if (names.reading.label) explanation.push(names.reading.label);
  if (names.registrySurname !== record.surname) {
    explanation.push(`surname compared with the registry's previous surname '${names.registrySurname}'`);
  }

  const surname = nameEvidence(names.surname.similarity) * names.surnameFactor;
  explanation.push(describeName('surname', tokensText(names.reading.surname), names.registrySurname, names.surname, surname));
  const givenNames = nameEvidence(names.given.similarity) * names.givenFactor;
  explanation.push(describeName('given names', tokensText(names.reading.given.given), record.givenNames, names.given, givenNames));

  let patronymic: number | undefined;
  if (names.patronymic) {
    patronymic = nameEvidence(names.patronymic.similarity);
    const p = names.patronymic;
    explanation.push(
      `patronymic: '${p.applicant.raw}'${p.implicit ? ' (extra given name read as the patronymic)' : ''} ~ '${record.patronymic}' (skeletons ${p.applicant.skeletons[0]} / ${p.registry.skeletons[0]}, similarity ${f2(p.similarity)}, evidence ${f2(patronymic)})`,
    );
  } else if (names.reading.given.patronymic) {
    explanation.push(`patronymic: only in the application ('${names.reading.given.patronymic.raw}'); not penalised`);
  } else if (record.patronymic) {
    explanation.push(`patronymic: only in the registry ('${record.patronymic}'); not penalised`);
  }

  const dob = compareDatesOfBirth(applicant.dateOfBirth, record.dateOfBirth);
  explanation.push(`date of birth: ${dob.detail} (${dob.agreement}, evidence ${f2(dob.score)})`);

  let applicantSex = applicant.sex;
  if (applicantSex === 'unknown' && names.reading.given.impliedSex) {
    applicantSex = names.reading.given.impliedSex;
    explanation.push(`sex: '${applicantSex}' inferred from the patronymic marker`);
  }
  const sex = sexEvidence(applicantSex, record.sex);
  const sexConflict = sex === 0;
  explanation.push(
    sexConflict
      ? `sex: ${applicantSex} vs ${record.sex}: conflict, score capped at ${f2(SEX_CONFLICT_CAP)}`
      : `sex: ${applicantSex} / ${record.sex} (evidence ${f2(sex)})`,
  );

  let placeOfBirth: number | undefined;
  if (applicant.placeOfBirth && record.placeOfBirth) {
    const place = comparePlaces(applicant.placeOfBirth, record.placeOfBirth);
    placeOfBirth = place.evidence;
    explanation.push(`${place.detail}, evidence ${f2(place.evidence)}`);
  }

  const components: ScoreComponents = {
    surname,
    givenNames,
    dateOfBirth: dob.score,
    sex,
    ...(placeOfBirth !== undefined ? { placeOfBirth } : {}),
    ...(patronymic !== undefined ? { patronymic } : {}),
  };
  const w = SCORE_WEIGHTS;
  let sum = w.surname * surname + w.givenNames * givenNames + w.dateOfBirth * dob.score + w.sex * sex;
  let total = w.surname + w.givenNames + w.dateOfBirth + w.sex;
  if (patronymic !== undefined) {
    sum += w.patronymic * patronymic;
    total += w.patronymic;
  }
  if (placeOfBirth !== undefined) {
    sum += w.placeOfBirth * placeOfBirth;
    total += w.placeOfBirth;
  }
  let score = sum / total;
  if (sexConflict) score = Math.min(score, SEX_CONFLICT_CAP);
  score = Math.round(Math.min(1, Math.max(0, score)) * 10_000) / 10_000;
  explanation.push(`score ${score.toFixed(4)}: weighted mean of the components`);
  return { score, components, explanation };
}

function resolveThresholds(overrides?: Partial<MatchThresholds>): MatchThresholds {
  const t = { ...DEFAULT_THRESHOLDS, ...(overrides ?? {}) };
  const ok = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1;
  if (!ok(t.matchThreshold) || !ok(t.reviewThreshold) || t.reviewThreshold > t.matchThreshold) {
    throw new RangeError(
      `invalid thresholds: need 0 <= reviewThreshold (${t.reviewThreshold}) <= matchThreshold (${t.matchThreshold}) <= 1`,
    );
  }
  return t;
}

/**
 * Scores every record, keeps those at or above the review threshold, and returns them best first with a
 * verdict: `match` at or above `matchThreshold`, otherwise `possible`. Ties keep the records' order.
 */
export function matchPerson(
  applicant: ApplicantPerson,
  records: readonly RegistryPerson[],
  thresholds?: Partial<MatchThresholds>,
): MatchCandidate[] {
  const t = resolveThresholds(thresholds);
  const readings = applicantReadings(applicant);
  const out: (MatchCandidate & { readonly index: number })[] = [];
  records.forEach((record, index) => {
    const s = scoreWithReadings(readings, applicant, record);
    if (s.score < t.reviewThreshold) return;
    const verdict: Verdict = s.score >= t.matchThreshold ? 'match' : 'possible';
    out.push({ ...s, personalId: record.personalId, record, verdict, index });
  });
  out.sort((a, b) => b.score - a.score || a.index - b.index);
  return out.map(({ index: _index, ...candidate }) => candidate);
}

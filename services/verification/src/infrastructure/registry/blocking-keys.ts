/**
 * Blocking keys: how the built-in registry finds the few records worth scoring without reading the whole
 * collection.
 *
 * A key is a short string made of name skeletons (libs/identity `skeletonsOf`: Məmmədov, Mamedov, Mämmädow
 * and Мамедов all give `mamadov`) and dates. Every record stores its keys in one indexed array
 * (`blockingKeys`, a multikey index); a search computes the applicant's keys and asks for the records that
 * share at least one (`{ blockingKeys: { $in: [...] } }`), then scores them with `matchPerson`.
 *
 * Keys are compound on purpose. A surname skeleton alone is useless as a block in Azerbaijan (one person in
 * ten or so is a Məmmədov/Məmmədova), and MongoDB cannot build a compound index over two array fields
 * ("parallel arrays"), so each combination is precomputed as one string:
 *
 *   sg:<surname>|<given>   both names agree (any date of birth): namesakes, date typos, clerical dates
 *   sd:<surname>|<date>    surname and full date agree: a misspelt or changed given name
 *   gd:<given>|<date>      given name and full date agree: a misspelt surname, a surname changed by marriage
 *   sy:<surname>|<year>    like sd, used only when the applicant's date is partial (YYYY or YYYY-MM)
 *   gy:<given>|<year>      like gd, used only when the applicant's date is partial
 *   d:<date>|<sex>         full date and sex agree: both names spelt beyond their skeletons (Tschingis
 *                          Nowrusow); a few hundred records per date even in a national registry
 *
 * So a candidate is retrieved when any two of {surname, given name, date of birth} agree at skeleton/date
 * level, or when the full date and sex agree. What the blocks can lose is a record that differs from the
 * applicant beyond the skeleton in both names while the date is partial (or in two fields otherwise); such a
 * record rarely reaches the review threshold. `blocking-keys.spec.ts` measures it on the real-world spelling
 * set of libs/identity with both names spelt abroad at once: every pair `matchPerson` would show for review
 * is retrieved, with a full and with a year-only date of birth.
 *
 * Name tokens: every token of the surname (and of the previous surnames) and of the given names (without the
 * patronymic), each with all its alternative skeletons (an English `ch` can be ç, ş or x), plus the joined
 * name when it has several tokens ("Mahammad Ali" ~ "Məhəmmədəli"); the registry side adds ş read as s
 * (passport MRZ). The applicant side also tries the
 * readings `matchPerson` tries: previous surnames, aliases, and surname and given names swapped.
 */
import {
  ApplicantPerson,
  joinedSkeletons,
  nameTokens,
  parseGivenNames,
  parsePartialDate,
  RegistryPerson,
  Sex,
} from '@readmission/identity';
import type { NameToken } from '@readmission/identity';

/** Skeletons shorter than this (initials, stray letters) make no key: they would match far too much. */
const MIN_SKELETON_LENGTH = 2;

/**
 * Skeletons of a name's tokens (and of the joined name). The registry side also stores each skeleton with ʃ
 * read as s: a passport's machine-readable zone writes Şükürov as SUKUROV, and libs/identity counts s for ş
 * as a cheap difference, so such a record must still be retrieved.
 */
function skeletonsOfTokens(tokens: readonly NameToken[], into: Set<string>, mrzVariant: boolean): void {
  const add = (s: string) => {
    if (s.length < MIN_SKELETON_LENGTH) return;
    into.add(s);
    if (mrzVariant && s.includes('ʃ')) into.add(s.replace(/ʃ/gu, 's'));
  };
  for (const t of tokens) for (const s of t.skeletons) add(s);
  if (tokens.length > 1) for (const s of joinedSkeletons(tokens)) add(s);
}

function surnameSkeletons(names: readonly string[], mrzVariant: boolean): Set<string> {
  const out = new Set<string>();
  for (const n of names) skeletonsOfTokens(nameTokens(n, 'surname'), out, mrzVariant);
  return out;
}

function givenSkeletons(names: readonly string[], mrzVariant: boolean): Set<string> {
  const out = new Set<string>();
  for (const n of names) skeletonsOfTokens(parseGivenNames(n).given, out, mrzVariant);
  return out;
}

function combine(prefix: string, left: Iterable<string>, right: Iterable<string>, into: Set<string>): void {
  const r = [...right];
  for (const a of left) for (const b of r) into.add(`${prefix}:${a}|${b}`);
}

/** The blocking keys stored with a registry record (its date of birth is a full date). */
export function registryBlockingKeys(person: RegistryPerson): string[] {
  const surnames = surnameSkeletons([person.surname, ...(person.previousSurnames ?? [])], true);
  const given = givenSkeletons([person.givenNames], true);
  const keys = new Set<string>();
  combine('sg', surnames, given, keys);
  const date = parsePartialDate(person.dateOfBirth);
  if (date) {
    const full = person.dateOfBirth.trim();
    const year = String(date.year);
    combine('sd', surnames, [full], keys);
    combine('gd', given, [full], keys);
    combine('sy', surnames, [year], keys);
    combine('gy', given, [year], keys);
    keys.add(`d:${full}|${person.sex}`);
  }
  return [...keys].sort();
}

/** Registry sexes a search with this applicant sex must look at (unknown is compatible with anything). */
function compatibleSexes(sex: Sex): Sex[] {
  return sex === 'unknown' ? ['male', 'female', 'unknown'] : [sex, 'unknown'];
}

/** The keys to look up for an applicant (see the module comment); empty when there is nothing to search by. */
export function applicantBlockingKeys(person: ApplicantPerson): string[] {
  const aliasWords = (person.aliases ?? []).flatMap((a) => a.trim().split(/\s+/u)).filter((w) => w !== '');
  // Surname readings: as given, previous surnames, alias words, and the given names (swapped order).
  const surnames = surnameSkeletons([person.surname, ...(person.previousSurnames ?? []), ...aliasWords, person.givenNames], false);
  // Given-name readings: as given, alias words, and the surname (swapped order).
  const given = givenSkeletons([person.givenNames, ...aliasWords, person.surname], false);
  const keys = new Set<string>();
  combine('sg', surnames, given, keys);
  const date = parsePartialDate(person.dateOfBirth);
  if (date?.day !== undefined) {
    const full = person.dateOfBirth.trim();
    combine('sd', surnames, [full], keys);
    combine('gd', given, [full], keys);
    for (const sex of compatibleSexes(person.sex)) keys.add(`d:${full}|${sex}`);
  } else if (date) {
    const year = String(date.year);
    combine('sy', surnames, [year], keys);
    combine('gy', given, [year], keys);
  }
  return [...keys].sort();
}

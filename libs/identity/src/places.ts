/**
 * Places of birth: same skeletons as names, minus generic words (country, "district", "city", "SSR" ...),
 * plus a few exonyms and former names that no transliteration rule can bridge (Bakı/Baku,
 * Gəncə/Kirovabad, Naxçıvan/Нахичевань, Mingəçevir/Мингечаур, Lənkəran/Ленкорань, Şamaxı/Шемаха, Şəki/Нуха).
 */
import { nameTokens } from './normalise';
import { compareSkeletonSets, nameEvidence } from './similarity';

const GENERIC_WORDS = [
  'Azerbaijan',
  'Azərbaycan',
  'Aserbaidschan',
  'Azerbaïdjan',
  'Azerbaidzhan',
  'Азербайджан',
  'Азербайджанская',
  'Azerbaijani',
  'SSR',
  'SSSR',
  'ССР',
  'АССР',
  'ASSR',
  'USSR',
  'Respublikası',
  'Republic',
  'Republik',
  'République',
  'Республика',
  'rayonu',
  'rayon',
  'район',
  'raion',
  'district',
  'Bezirk',
  'city',
  'Stadt',
  'ville',
  'şəhəri',
  'şəhər',
  'город',
  'gorod',
  'qəsəbəsi',
  'kəndi',
  'village',
  'Dorf',
  'село',
  'посёлок',
  'of',
  'the',
  'de',
  'du',
  'der',
  'AZE',
  'Soviet',
  'Sovet',
  'Socialist',
];

const PLACE_NAME_GROUPS: readonly (readonly string[])[] = [
  ['Bakı', 'Baku', 'Баку', 'Bakou'],
  ['Gəncə', 'Ganja', 'Гянджа', 'Gyandzha', 'Kirovabad', 'Кировабад', 'Elizavetpol', 'Елизаветполь'],
  ['Naxçıvan', 'Nakhchivan', 'Нахичевань', 'Nakhichevan', 'Nachitschewan'],
  ['Mingəçevir', 'Mingachevir', 'Мингечаур', 'Mingechaur'],
  ['Lənkəran', 'Lankaran', 'Ленкорань', 'Lenkoran'],
  ['Şamaxı', 'Shamakhi', 'Шемаха', 'Shemakha'],
  ['Şəki', 'Sheki', 'Шеки', 'Nukha', 'Нуха'],
  ['Sumqayıt', 'Sumgait', 'Сумгаит', 'Sumgayit'],
  ['Xankəndi', 'Khankendi', 'Ханкенди', 'Stepanakert', 'Степанакерт'],
  ['Zaqatala', 'Zagatala', 'Закаталы'],
];

const generic = new Set<string>();
for (const w of GENERIC_WORDS) for (const t of nameTokens(w, 'place')) for (const s of t.skeletons) generic.add(s);

const canonical = new Map<string, string>();
for (const group of PLACE_NAME_GROUPS) {
  const head = nameTokens(group[0], 'place')[0].skeletons[0];
  for (const name of group) for (const t of nameTokens(name, 'place')) for (const s of t.skeletons) canonical.set(s, head);
}

/** Skeleton sets of the meaningful tokens of a place (generic words dropped, exonyms canonicalised). */
export function placeTokens(raw: string): string[][] {
  return nameTokens(raw, 'place')
    .filter((t) => !t.skeletons.some((s) => generic.has(s) || [...s].length <= 1))
    .map((t) => [...new Set(t.skeletons.map((s) => canonical.get(s) ?? s))]);
}

export interface PlaceComparison {
  readonly evidence: number;
  readonly similarity: number;
  readonly detail: string;
}

/** Best agreement between any meaningful token of each place ("Baku, Azerbaijan SSR" vs "Bakı şəhəri"). */
export function comparePlaces(applicant: string, registry: string): PlaceComparison {
  const a = placeTokens(applicant);
  const r = placeTokens(registry);
  let best = { similarity: 0, left: '', right: '' };
  for (const x of a) {
    for (const y of r) {
      const c = compareSkeletonSets(x, y);
      if (c.similarity > best.similarity) best = c;
    }
  }
  const evidence = nameEvidence(best.similarity);
  const detail =
    a.length === 0 || r.length === 0
      ? `place of birth: nothing comparable in '${applicant}' / '${registry}'`
      : `place of birth: '${applicant}' ~ '${registry}' (${best.left} / ${best.right}, similarity ${best.similarity.toFixed(2)})`;
  return { evidence, similarity: best.similarity, detail };
}

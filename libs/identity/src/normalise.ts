/**
 * Name normalisation for Azerbaijani names written abroad.
 *
 * Approach (two stages, then an edit distance in `similarity.ts`):
 *
 * 1. **Fold.** Every token is lower-cased, Russian/Azerbaijani Cyrillic is transliterated into Azerbaijani
 *    Latin (ш→ş, ч→ç, дж→c, ж→j, х→x, ы→ı, я→ya, initial е→ye, ъ/ь dropped ...), German ä becomes ə and
 *    other accents are stripped (é→e, ï→i). A token that contains ə ş ç ğ ı or was Cyrillic is read as
 *    Azerbaijani ("az" mode, where c, j and y are unambiguous); any other token is a foreign transliteration
 *    ("foreign" mode).
 *
 * 2. **Skeleton.** The folded token is rewritten into a small phonetic alphabet that deliberately merges what
 *    the transliteration conventions merge:
 *      a  ← a ə e ä ae (ə is written a, e or ä abroad, so a/e cannot be told apart)
 *      i  ← i ı y(as vowel) ы
 *      o  ← o ö oe        u ← u ü ue ou
 *      k  ← k q g ğ h x kh gh ch(German) (Russian writes h as г, q as г or к, x as х)
 *      ʃ  ← ş sh sch ch(French) ш щ
 *      ʤ  ← c ç j dzh dj dsch tsch tch zh ch(English) ж ч дж
 *      v  ← v w         y ← initial glide (y, j in German, й, the y of я/ю/ё/е)
 *    Ambiguous foreign spellings yield several alternative skeletons (`ch` is ç in English, ş in French and
 *    x in German; `j` is c in English and y in German); comparisons take the best pair. A glide y is kept
 *    only at the start of a word (it is dropped after consonants - Нигяр/Nigyar = Nigar - and between
 *    vowels - Mustafayev/Mustafaev, Ismayilov/Ismailov); doubled symbols collapse (Məmmədov/Mamedov).
 *    Surnames also get their endings unified: -ov/-ova/-ev/-eva/-yev/-ow/-ew/-off → "ov",
 *    -lı/-li/-lu/-lü/-ly → "li", -zadə/-zade/-zadeh → "zada". The ending is kept (only unified), so
 *    Əliyev and Əlizadə stay different.
 *
 * The skeleton of every real-world variant of a name is usually identical (Məmmədov, Mamedov, Mammadov,
 * Mämmädow and Мамедов are all "mamadov"); what remains is left to the weighted edit distance.
 */

export type NamePart = 'surname' | 'given' | 'place';
export type ScriptMode = 'az' | 'foreign';

export interface FoldedToken {
  /** The token as written. */
  readonly raw: string;
  /** Lower case, Azerbaijani Latin letters (Cyrillic transliterated, other accents stripped). */
  readonly folded: string;
  readonly mode: ScriptMode;
}

export interface NameToken extends FoldedToken {
  /** Alternative skeletons, most likely first (at least one; may be "" for a token with no letters). */
  readonly skeletons: readonly string[];
}

/** Upper bound of alternative skeletons per token (each ambiguous spelling multiplies them). */
export const MAX_SKELETON_VARIANTS = 24;

export const SKELETON_VOWELS: ReadonlySet<string> = new Set(['a', 'i', 'o', 'u']);

const CYRILLIC = /[\u0400-\u04ff]/u;
const AZ_SPECIFIC = /[əǝşșçğı]/u;
const CYRILLIC_VOWELS = new Set([...'аеёиоуыэюяәөүі']);

/** Russian and Azerbaijani Cyrillic into Azerbaijani Latin (`е` is handled in context). */
const CYRILLIC_TO_AZ: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ц: 'ts',
  ч: 'ç',
  ш: 'ş',
  щ: 'ş',
  ъ: '',
  ы: 'ı',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Azerbaijani Cyrillic (1939-1991) and a few look-alikes from neighbouring alphabets.
  ә: 'ə',
  ғ: 'ğ',
  ҝ: 'g',
  һ: 'h',
  ј: 'y',
  ө: 'ö',
  ү: 'ü',
  ҹ: 'c',
  қ: 'q',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ў: 'u',
};

/** Latin letters with a meaning of their own before accents are stripped. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ä: 'ə',
  ǝ: 'ə',
  ș: 'ş',
  ț: 't',
  ţ: 't',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'ı',
};
const AZ_LETTERS = new Set(['ə', 'ş', 'ç', 'ğ', 'ı', 'ö', 'ü']);

const TOKEN_SEPARATORS = /[\s\-‐‑‒–—_,;:/\\.()[\]{}"«»„“”+&|0-9]+/u;
const APOSTROPHES = /['ʼ’‘`´ʹ]/gu;

function lowerCase(raw: string): string {
  // `İ`.toLowerCase() gives i + combining dot; map it (and dotless capital I, read as i) explicitly.
  return raw.normalize('NFC').replace(/İ/gu, 'i').replace(/I/gu, 'i').toLowerCase();
}

function transliterateCyrillic(word: string): string {
  const chars = [...word];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (c === 'д' && next === 'ж') {
      out += 'c';
      i++;
      continue;
    }
    if (c === 'е') {
      const prev = chars[i - 1];
      const iotated = prev === undefined || CYRILLIC_VOWELS.has(prev) || prev === 'ъ' || prev === 'ь';
      out += iotated ? 'ye' : 'e';
      continue;
    }
    const mapped = CYRILLIC_TO_AZ[c];
    out += mapped ?? c;
  }
  return out;
}

function foldLatin(word: string): string {
  let out = '';
  for (const c of word) {
    if (AZ_LETTERS.has(c)) {
      out += c;
      continue;
    }
    const special = LATIN_SPECIAL[c];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const base = c.normalize('NFD').replace(/\p{M}/gu, '');
    out += /^[a-z]+$/u.test(base) ? base : '';
  }
  return out;
}

/** Splits a name (or place) into folded tokens; punctuation, digits, hyphens and spaces separate tokens. */
export function foldTokens(raw: string): FoldedToken[] {
  const tokens: FoldedToken[] = [];
  for (const piece of raw.normalize('NFC').replace(APOSTROPHES, '').split(TOKEN_SEPARATORS)) {
    if (piece === '') continue;
    const lower = lowerCase(piece);
    const cyrillic = CYRILLIC.test(lower);
    const mode: ScriptMode = cyrillic || AZ_SPECIFIC.test(lower) ? 'az' : 'foreign';
    const folded = foldLatin(cyrillic ? transliterateCyrillic(lower) : lower);
    if (folded !== '') tokens.push({ raw: piece, folded, mode });
  }
  return tokens;
}

/** The folded form of a whole name: tokens joined by single spaces. */
export function foldName(raw: string): string {
  return foldTokens(raw)
    .map((t) => t.folded)
    .join(' ');
}

// --- skeleton -------------------------------------------------------------------------------------------

/** Glide placeholder: becomes the vowel i before a consonant or at the end, a glide y before a vowel. */
const GLIDE = 'Y';

/**
 * Multi-letter spellings of foreign transliterations, longest first. Each entry lists alternative readings,
 * most likely first.
 */
const FOREIGN_CLUSTERS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['shch', ['ʃ']], // Russian щ in English
  ['tsch', ['ʤ']], // German ç / ч
  ['dsch', ['ʤ']], // German c / дж
  ['sch', ['ʃ']], // German ş / ш
  ['dzh', ['ʤ']], // English c / дж
  ['dsh', ['ʤ']],
  ['tch', ['ʤ']], // French ç / ч
  ['tsh', ['ʤ']],
  ['gue', ['ka', 'ku']], // French gu before e/i is a hard g; German ue is ü
  ['gui', ['ki', 'kui']],
  ['zh', ['ʤ']], // English j / ж
  ['sh', ['ʃ']], // English ş / ш
  ['ch', ['ʤ', 'ʃ', 'k']], // English ç, French ş, German x
  ['dj', ['ʤ']], // French c / дж
  ['dz', ['ʤ']],
  ['kh', ['k']], // English x / х
  ['gh', ['k']], // English ğ
  ['ck', ['k']],
  ['ph', ['f']],
  ['ou', ['u']], // French u / ü
  ['ue', ['u']], // German ü
  ['oe', ['o']], // German ö
  ['ae', ['a']], // German ä (ə); Russian -ae- is -aye-, the same skeleton
];

const LETTER_SYMBOLS: Readonly<Record<string, string>> = {
  a: 'a',
  ə: 'a',
  e: 'a',
  i: 'i',
  ı: 'i',
  o: 'o',
  ö: 'o',
  u: 'u',
  ü: 'u',
  y: GLIDE,
  c: 'ʤ',
  ç: 'ʤ',
  ş: 'ʃ',
  g: 'k',
  ğ: 'k',
  h: 'k',
  k: 'k',
  q: 'k',
  x: 'k',
  v: 'v',
  w: 'v',
  b: 'b',
  d: 'd',
  f: 'f',
  l: 'l',
  m: 'm',
  n: 'n',
  p: 'p',
  r: 'r',
  s: 's',
  t: 't',
  z: 'z',
};

function units(folded: string, mode: ScriptMode): string[][] {
  const out: string[][] = [];
  let i = 0;
  outer: while (i < folded.length) {
    if (mode === 'foreign') {
      for (const [cluster, readings] of FOREIGN_CLUSTERS) {
        if (folded.startsWith(cluster, i)) {
          out.push([...readings]);
          i += cluster.length;
          continue outer;
        }
      }
    }
    const c = folded[i];
    if (c === 'j') out.push(mode === 'foreign' ? ['ʤ', GLIDE] : ['ʤ']);
    else {
      const s = LETTER_SYMBOLS[c];
      if (s !== undefined) out.push([s]);
    }
    i++;
  }
  return out;
}

function collapseDoubles(s: string): string {
  return s.replace(/(.)\1+/gu, '$1');
}

function resolveGlides(s: string): string {
  const chars = [...collapseDoubles(s)];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c !== GLIDE) {
      out += c;
      continue;
    }
    const next = chars[i + 1];
    if (next === undefined || !SKELETON_VOWELS.has(next)) out += 'i';
    else if (out === '') out += 'y'; // initial glide: Yusif, Yaşar
    // otherwise the glide is dropped: after a consonant (Nigyar) or next to a vowel (Mustafayev)
  }
  return collapseDoubles(out);
}

/** Unifies surname endings (keeps them: Əliyev and Əlizadə must stay apart). */
export function unifySurnameEnding(skeleton: string): string {
  return skeleton
    .replace(/zadak$/u, 'zada') // -zadeh
    .replace(/[oa]va$/u, 'ov') // -ova, -eva, -yeva
    .replace(/[oa][vf]$/u, 'ov') // -ov, -ev, -yev, -ow, -ew, -off, -eff
    .replace(/lu$/u, 'li'); // -lı, -li, -lu, -lü
}

/** Alternative skeletons of one folded token (see the module comment). */
export function skeletonsOf(folded: string, mode: ScriptMode, part: NamePart = 'given'): string[] {
  let variants: string[] = [''];
  for (const readings of units(folded, mode)) {
    const next: string[] = [];
    for (const v of variants) {
      for (const r of readings) {
        if (next.length < MAX_SKELETON_VARIANTS) next.push(v + r);
      }
    }
    variants = next;
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of variants) {
    let s = resolveGlides(v);
    if (part === 'surname') s = unifySurnameEnding(s);
    if (!seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

/** Tokens of a name with their skeletons. */
export function nameTokens(raw: string, part: NamePart): NameToken[] {
  return foldTokens(raw).map((t) => ({ ...t, skeletons: skeletonsOf(t.folded, t.mode, part) }));
}

/** The most likely skeleton of a whole name, tokens joined by spaces (for display and indexing). */
export function nameSkeleton(raw: string, part: NamePart = 'given'): string {
  return nameTokens(raw, part)
    .map((t) => t.skeletons[0])
    .join(' ');
}

// --- patronymics ----------------------------------------------------------------------------------------

/** Skeletons of the patronymic markers oğlu/oglu/ogly/ogli/оглы (son) and qızı/kyzy/gizi/qizi/кызы (daughter). */
const SON_MARKERS = new Set(['okli', 'oklu']);
const DAUGHTER_MARKERS = new Set(['kizi', 'kisi']);
/** Russian-style patronymic endings on the skeleton: -ovich/-evich/-ovitch/-owitsch, -ovna/-evna. */
const RUSSIAN_PATRONYMIC = /^(.{3,}?)[oa]v(iʤ|na)$/u;

export interface ParsedGivenNames {
  /** Given-name tokens without the patronymic. */
  readonly given: NameToken[];
  /** The father's name as found (marker or Russian ending removed), if any. */
  readonly patronymic?: NameToken;
  /** The sex the patronymic implies (oğlu: male, qızı: female, -ovich: male, -ovna: female). */
  readonly impliedSex?: 'male' | 'female';
}

function markerOf(token: NameToken): 'male' | 'female' | undefined {
  if (token.skeletons.some((s) => SON_MARKERS.has(s))) return 'male';
  if (token.skeletons.some((s) => DAUGHTER_MARKERS.has(s))) return 'female';
  return undefined;
}

/**
 * Separates given names from a patronymic: "Orxan Elçin oğlu", "Orkhan Elchin ogly", "Гюльнара Рашид кызы",
 * "Orkhan Elchinovich". A patronymic is only recognised after at least one given name.
 */
export function parseGivenNames(raw: string): ParsedGivenNames {
  const tokens = nameTokens(raw, 'given');
  for (let i = 1; i < tokens.length; i++) {
    const sex = markerOf(tokens[i]);
    if (!sex) continue;
    if (i === 1) {
      // "Orxan oğlu": no room for a father's name before the marker; keep the name, drop the marker.
      return { given: [tokens[0], ...tokens.slice(2)], impliedSex: sex };
    }
    return { given: [...tokens.slice(0, i - 1), ...tokens.slice(i + 1)], patronymic: tokens[i - 1], impliedSex: sex };
  }
  if (tokens.length >= 2) {
    const last = tokens[tokens.length - 1];
    const stems: string[] = [];
    let sex: 'male' | 'female' | undefined;
    for (const s of last.skeletons) {
      const m = RUSSIAN_PATRONYMIC.exec(s);
      if (m) {
        stems.push(m[1]);
        sex = m[2] === 'na' ? 'female' : 'male';
      }
    }
    if (sex && stems.length > 0) {
      return { given: tokens.slice(0, -1), patronymic: { ...last, skeletons: stems }, impliedSex: sex };
    }
  }
  return { given: tokens };
}

/**
 * A registry patronymic: "Elçin oğlu", "Elçin" (the father's name alone) or "Эльчинович".
 * Returns the father's name token, or undefined when nothing usable is left.
 */
export function parsePatronymic(raw: string | undefined): NameToken | undefined {
  if (raw === undefined) return undefined;
  const tokens = nameTokens(raw, 'given').filter((t) => markerOf(t) === undefined);
  if (tokens.length === 0) return undefined;
  const first = tokens[0];
  const stems = first.skeletons.map((s) => RUSSIAN_PATRONYMIC.exec(s)?.[1] ?? s);
  return { ...first, skeletons: [...new Set(stems)] };
}

/**
 * Similarity of name skeletons.
 *
 * Why a weighted Damerau-Levenshtein (optimal string alignment) distance and not Jaro-Winkler: after the
 * skeleton step (normalise.ts) almost every genuine spelling variant is identical, so what is left to
 * measure is "how many real letters differ". Jaro-Winkler rewards a shared prefix, which is exactly the
 * failure mode for Azerbaijani surnames: Əliyev/Əlizadə, Məmmədov/Məmmədli, Həsənov/Həsənli share long
 * prefixes and are different families. An edit distance counts the differing letters wherever they are, and
 * its weights make the few remaining benign differences cheap:
 *   - s for ş (diacritic stripped, as in the machine-readable zone of a passport): 0.3
 *   - a final a/e added or dropped (Gülnar/Gülnara, Chahine/Şahin): 0.3
 *   - a glide y inserted or dropped: 0.5
 *   - everything else (including adjacent transposition): 1
 * The similarity is 1 - distance / length of the longer skeleton.
 */
import { NamePart, NameToken, nameTokens } from './normalise';

const SH = 'ʃ';

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  if ((a === 's' && b === SH) || (a === SH && b === 's')) return 0.3;
  return 1;
}

function indelCost(symbol: string, last: boolean): number {
  if (symbol === 'y') return 0.5;
  if (last && symbol === 'a') return 0.3;
  return 1;
}

/** Weighted optimal-string-alignment distance between two skeletons (see module comment for weights). */
export function skeletonDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = x.length;
  const m = y.length;
  const d: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = 1; i <= n; i++) d[i][0] = d[i - 1][0] + indelCost(x[i - 1], i === n);
  for (let j = 1; j <= m; j++) d[0][j] = d[0][j - 1] + indelCost(y[j - 1], j === m);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let best = Math.min(
        d[i - 1][j] + indelCost(x[i - 1], i === n),
        d[i][j - 1] + indelCost(y[j - 1], j === m),
        d[i - 1][j - 1] + substitutionCost(x[i - 1], y[j - 1]),
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1] && x[i - 1] !== x[i - 2]) {
        best = Math.min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return d[n][m];
}

/** 1 - distance / longer length, in [0, 1]. Two empty skeletons are not evidence of anything: 0. */
export function skeletonSimilarity(a: string, b: string): number {
  const longer = Math.max([...a].length, [...b].length);
  if (longer === 0) return 0;
  return Math.max(0, 1 - skeletonDistance(a, b) / longer);
}

export interface SkeletonComparison {
  readonly similarity: number;
  readonly left: string;
  readonly right: string;
}

/** Best similarity over the alternative skeletons of two tokens. */
export function compareSkeletonSets(left: readonly string[], right: readonly string[]): SkeletonComparison {
  let best: SkeletonComparison = { similarity: 0, left: left[0] ?? '', right: right[0] ?? '' };
  for (const l of left) {
    for (const r of right) {
      const similarity = skeletonSimilarity(l, r);
      if (similarity > best.similarity) {
        best = { similarity, left: l, right: r };
        if (similarity === 1) return best;
      }
    }
  }
  return best;
}

export function compareTokens(a: NameToken, b: NameToken): SkeletonComparison {
  return compareSkeletonSets(a.skeletons, b.skeletons);
}

/** Concatenated alternatives of several tokens (for "Məhəmmədəli" vs "Mahammad Ali"), capped. */
export function joinedSkeletons(tokens: readonly NameToken[], cap = 24): string[] {
  let acc: string[] = [''];
  for (const t of tokens) {
    const next: string[] = [];
    for (const a of acc) for (const s of t.skeletons) if (next.length < cap) next.push(a + s);
    acc = next;
  }
  return acc.map((s) => s.replace(/(.)\1+/gu, '$1'));
}

export interface NameComparison extends SkeletonComparison {
  /** How the similarity was obtained: whole name or best token alignment. */
  readonly method: 'whole' | 'tokens';
}

/**
 * Similarity of two multi-token names: the better of (a) the whole names concatenated and (b) each token of
 * the shorter name aligned with its best counterpart in the longer one (mean), the latter slightly
 * discounted when the token counts differ (an extra middle name or a second surname).
 */
export function compareNameTokens(a: readonly NameToken[], b: readonly NameToken[]): NameComparison {
  if (a.length === 0 || b.length === 0) return { similarity: 0, left: '', right: '', method: 'whole' };
  const whole = compareSkeletonSets(joinedSkeletons(a), joinedSkeletons(b));
  let best: NameComparison = { ...whole, method: 'whole' };
  if (a.length > 1 || b.length > 1) {
    const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
    const used = new Set<number>();
    let sum = 0;
    for (const t of shorter) {
      let top = 0;
      let at = -1;
      longer.forEach((u, k) => {
        if (used.has(k)) return;
        const s = compareTokens(t, u).similarity;
        if (s > top) {
          top = s;
          at = k;
        }
      });
      if (at >= 0) used.add(at);
      sum += top;
    }
    const discount = a.length === b.length ? 1 : 0.98;
    const tokens = (sum / shorter.length) * discount;
    if (tokens > best.similarity) {
      best = {
        similarity: tokens,
        left: a.map((t) => t.skeletons[0]).join(' '),
        right: b.map((t) => t.skeletons[0]).join(' '),
        method: 'tokens',
      };
    }
  }
  return best;
}

/** Similarity of two names as written (any script), e.g. `compareNames('Mamedov', 'Məmmədov', 'surname')`. */
export function compareNames(a: string, b: string, part: NamePart = 'given'): NameComparison {
  return compareNameTokens(nameTokens(a, part), nameTokens(b, part));
}

/**
 * Turns a raw skeleton similarity into name evidence in [0, 1]. Identical skeletons are full evidence; below
 * 0.7 there is none; in between the evidence falls quadratically, so one wrong letter in a 5-7 letter name
 * (Rəşid/Rəşad: 0.8, Kərimov/Kazımov: 0.86) counts for little (0.11, 0.27) while cheap differences
 * (Gülnar/Gülnara: 0.96) still count for most (0.73).
 */
export function nameEvidence(similarity: number): number {
  if (similarity >= 0.9999) return 1;
  const x = (similarity - 0.7) / 0.3;
  return x <= 0 ? 0 : x * x;
}

import { nameTokens } from '@readmission/identity';

/** Folds a name for diacritics-insensitive search: Məmmədov, MAMMADOV and Mammadov all become "mammadov". */
const SPECIAL: Record<string, string> = { ə: 'a', ı: 'i', ş: 's', ç: 'c', ğ: 'g', ö: 'o', ü: 'u', ß: 'ss' };

export function foldName(name: string): string {
  return name
    .toLocaleLowerCase('az')
    .replace(/[əışçğöüß]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\u0400-\u04ff]+/g, ' ')
    .trim();
}

/**
 * The keys of one word of a name: its folded form and its spelling skeletons (libs/identity, which reads the word as
 * written: Mamedov, Məmmədov, Mammadov agree), each skeleton also with ʃ read as s (Şükürova written SUKUROVA).
 */
function wordKeys(word: string, parts: ('surname' | 'given')[]): string[] {
  const keys = new Set<string>([`f:${foldName(word)}`]);
  for (const part of parts)
    for (const t of nameTokens(word, part))
      for (const s of t.skeletons) {
        if (s.length < 2) continue;
        keys.add(`s:${s}`);
        keys.add(`s:${s.replace(/ʃ/gu, 's')}`);
      }
  return [...keys];
}

function words(names: string): string[] {
  return names.split(/[\s,;/-]+/u).filter((w) => foldName(w) !== '');
}

/**
 * The search keys stored with a case (as blind indexes, never in clear): every word's folded form and spelling
 * skeletons, surnames (previous ones too) read as surnames, given names and aliases as given names.
 */
export function searchKeys(person: { surname: string; givenNames: string; previousSurnames?: string[]; aliases?: string[] }): string[] {
  const keys = new Set<string>();
  for (const word of words([person.surname, ...(person.previousSurnames ?? [])].join(' ')))
    for (const k of wordKeys(word, ['surname'])) keys.add(k);
  for (const word of words([person.givenNames, ...(person.aliases ?? [])].join(' ')))
    for (const k of wordKeys(word, ['given'])) keys.add(k);
  return [...keys].sort();
}

/** What a name search asks for: per word searched, the keys one of which a case must have (every word must match). */
export function searchKeyQuery(name: string): string[][] {
  return words(name).map((word) => wordKeys(word, ['surname', 'given']));
}

/**
 * The search keys of a case computed again from its message history (a blind-index key rotation, docs/security.md):
 * those of the person of its first application, as at registration; none once the history's content was erased.
 */
export function searchKeysOfHistory(history: { direction: string; type: string; payload?: Record<string, unknown> }[]): string[] {
  const application = history.find((h) => h.direction === 'inbound' && h.type === 'readmission.application.submitted.v1');
  const person = application?.payload?.person as Parameters<typeof searchKeys>[0] | undefined;
  return person?.surname !== undefined ? searchKeys(person) : [];
}

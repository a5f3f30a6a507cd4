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

/** Every name the person is known by, for the officers' diacritics-insensitive search. */
export function searchableNames(person: { surname: string; givenNames: string; previousSurnames?: string[]; aliases?: string[] }): string {
  return [person.surname, person.givenNames, ...(person.previousSurnames ?? []), ...(person.aliases ?? [])].join(' ');
}

import { foldName, searchKeyQuery } from './search-name';

/** What officers may search registered applications by; every field optional. */
export interface CaseSearch {
  partner?: string;
  status?: string;
  caseNumber?: string;
  partnerReference?: string;
  /** Whole words of the surname, given names, previous surnames or aliases; diacritics, case and common transliterations are ignored. */
  name?: string;
  /** Dates of receipt in Baku, YYYY-MM-DD, both included. */
  receivedFrom?: string;
  receivedTo?: string;
  page: number;
  pageSize: number;
  sort: 'receivedAt' | '-receivedAt' | 'replyDueBy';
}

/** The instants a search's dates of receipt stand for: from the start of the first Baku day to the end of the last. */
export function receiptBounds(q: Pick<CaseSearch, 'receivedFrom' | 'receivedTo'>): { from?: Date; to?: Date } {
  return {
    ...(q.receivedFrom ? { from: new Date(`${q.receivedFrom}T00:00:00+04:00`) } : {}),
    ...(q.receivedTo ? { to: new Date(`${q.receivedTo}T23:59:59+04:00`) } : {}),
  };
}

/** The folded name a search looks for inside each case's folded names. */
export function nameQuery(name: string): string {
  return foldName(name);
}

/** The blind-index keys a name search looks for (see search-name.ts). */
export function nameKeys(name: string): string[][] {
  return searchKeyQuery(name);
}

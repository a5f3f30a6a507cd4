/** Dates and times are shown in Baku time with the offset, whatever the browser's own time zone. */
export const BAKU = 'Asia/Baku';

const LOCALES: Record<string, string> = { az: 'az-Latn-AZ', en: 'en-GB' };
export const localeOf = (language: string): string => LOCALES[language] ?? 'en-GB';

/** The UTC offset of Baku at an instant, as +04:00. */
export function bakuOffset(at: Date): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: BAKU, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = part?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** 30.11.2026 14:25 (UTC+04:00) */
export function formatDateTime(value: string | Date | null | undefined, language: string): string {
  if (!value) return '—';
  const at = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(at.getTime())) return String(value);
  const text = new Intl.DateTimeFormat(localeOf(language), {
    timeZone: BAKU,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} (UTC${bakuOffset(at)})`;
}

/** A calendar date (YYYY-MM-DD) as the language writes it; no time zone applies to a calendar date. */
export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Today's date in Baku, plus `days`, as YYYY-MM-DD. */
export function bakuDate(days = 0, now = new Date()): string {
  const shifted = new Date(now.getTime() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: BAKU, year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
  return parts;
}

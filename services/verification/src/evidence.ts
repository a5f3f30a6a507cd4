import { ApplicationSubmittedV1, EvidenceV1 } from '@readmission/contracts';

/**
 * Walking-skeleton rule (working-rules.md, Evidence): a national presenting an original Azerbaijani passport,
 * valid or expired for at most six months on the date of receipt, has proven nationality. Everything else waits
 * for the full classification of the verification issue.
 */
export function provingPassport(application: ApplicationSubmittedV1, receivedOn: string): EvidenceV1 | undefined {
  if (application.category !== 'national') return undefined;
  return application.evidence.find(
    (e) =>
      e.type === 'passport' &&
      e.form === 'original' &&
      (e.issuingCountry === undefined || e.issuingCountry === 'AZ') &&
      (e.expiresOn === undefined || addMonths(e.expiresOn, 6) >= receivedOn),
  );
}

/** The date `months` months after a YYYY-MM-DD date, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

import { Rulebook } from './rulebook/rulebook';
import { SHIPPED_RULEBOOKS } from './shipped';

/** The newest shipped rulebook: which partners exist before any operator-loaded version. */
const SHIPPED = Rulebook.from(SHIPPED_RULEBOOKS[0]);

/** Partner code → its agreement, from the shipped rulebook (services, tools and the benchmark use it). */
export const PARTNER_AGREEMENTS: Record<string, { agreement: string; inForceFrom: string }> = Object.fromEntries(
  SHIPPED.partners().map((p) => [p.code, { agreement: p.agreement, inForceFrom: SHIPPED.agreement(p.agreement).inForceFrom.value }]),
);

/**
 * A partner list setting such as "DE,NO" (upper-cased, trimmed), or every partner of the shipped rulebook when empty.
 * Throws on a code that is not ISO 3166-1 alpha-2, naming the setting.
 */
export function parsePartnerList(value: string | undefined, setting = 'PARTNERS'): string[] {
  const list = value
    ? value
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean)
    : Object.keys(PARTNER_AGREEMENTS);
  for (const code of list) if (!/^[A-Z]{2}$/.test(code)) throw new Error(`${setting}: "${code}" is not an ISO 3166-1 alpha-2 code`);
  return list;
}

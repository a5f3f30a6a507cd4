import { Rulebook, SHIPPED_RULEBOOKS } from '@readmission/agreements';

/** The newest shipped rulebook: which partners exist before any operator-loaded version. */
const SHIPPED = Rulebook.from(SHIPPED_RULEBOOKS[SHIPPED_RULEBOOKS.length - 1]);

/** Partner code → its agreement, from the shipped rulebook (tools and the benchmark use it). */
export const PARTNER_AGREEMENTS: Record<string, { agreement: string; inForceFrom: string }> = Object.fromEntries(
  SHIPPED.partners().map((p) => [p.code, { agreement: p.agreement, inForceFrom: SHIPPED.agreement(p.agreement).inForceFrom.value }]),
);

/**
 * The partners whose inbound topics this instance consumes: PARTNERS=DE,NO,... or every partner of the shipped
 * rulebook. A partner added by a loaded rulebook version is listed in PARTNERS (topics are subscribed at start).
 */
export function configuredPartners(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.PARTNERS ? env.PARTNERS.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : Object.keys(PARTNER_AGREEMENTS);
  for (const code of list) if (!/^[A-Z]{2}$/.test(code)) throw new Error(`PARTNERS: "${code}" is not an ISO 3166-1 alpha-2 code`);
  return list;
}

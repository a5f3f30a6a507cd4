/**
 * Partner states and their agreement, from ../shared/domain/working-rules.md (Parties). Minimal for the walking
 * skeleton; the versioned rulebook (libs/agreements) replaces this table.
 */
const EU_MEMBERS = 'AT BE BG HR CY CZ EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');

export interface PartnerAgreement {
  agreement: string;
  inForceFrom: string;
}

export const PARTNER_AGREEMENTS: Record<string, PartnerAgreement> = {
  ...Object.fromEntries(EU_MEMBERS.map((code) => [code, { agreement: 'EU-AZ', inForceFrom: '2014-09-01' }])),
  NO: { agreement: 'NO-AZ', inForceFrom: '2015-06-01' },
  CH: { agreement: 'CH-AZ', inForceFrom: '2017-04-01' },
  ME: { agreement: 'ME-AZ', inForceFrom: '2017-12-15' },
};

/** The partners whose inbound topics this instance consumes: PARTNERS=DE,NO,... or all partners with an agreement. */
export function configuredPartners(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.PARTNERS ? env.PARTNERS.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) : Object.keys(PARTNER_AGREEMENTS);
  for (const code of list) if (!/^[A-Z]{2}$/.test(code)) throw new Error(`PARTNERS: "${code}" is not an ISO 3166-1 alpha-2 code`);
  return list;
}

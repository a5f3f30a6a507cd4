import data from './bodies.json';

export type DeadlineUnit = 'working' | 'calendar';
export interface ReferralBody {
  code: string;
  name: string;
  kind: 'ministry' | 'local-authority' | 'programme' | 'international-organisation' | 'civil-society';
  deadline: { days: number; unit: DeadlineUnit };
}

/** Checks the bodies list (config/bodies.json) once, at load: a bad entry stops the service with a clear message. */
export function validateBodies(input: unknown): ReferralBody[] {
  const list = (input as { bodies?: unknown }).bodies;
  if (!Array.isArray(list) || list.length === 0) throw new Error('config/bodies.json: "bodies" must be a non-empty array');
  const seen = new Set<string>();
  for (const b of list as ReferralBody[]) {
    if (!/^[A-Z][A-Z0-9-]{1,15}$/.test(b.code ?? '')) throw new Error(`config/bodies.json: bad code "${b.code}"`);
    if (seen.has(b.code)) throw new Error(`config/bodies.json: duplicate code ${b.code}`);
    seen.add(b.code);
    if (!b.name) throw new Error(`config/bodies.json: ${b.code} has no name`);
    if (!Number.isInteger(b.deadline?.days) || b.deadline.days < 1) throw new Error(`config/bodies.json: ${b.code} deadline.days must be a whole number >= 1`);
    if (!['working', 'calendar'].includes(b.deadline.unit)) throw new Error(`config/bodies.json: ${b.code} deadline.unit must be "working" or "calendar"`);
  }
  return list as ReferralBody[];
}

export const REFERRAL_BODIES: ReferralBody[] = validateBodies(data);
export const BODY_CODES = REFERRAL_BODIES.map((b) => b.code);
export const bodyByCode = (code: string): ReferralBody | undefined => REFERRAL_BODIES.find((b) => b.code === code);
